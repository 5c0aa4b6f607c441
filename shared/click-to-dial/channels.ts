/** Channel names of the click-to-dial area (zod-free: the preload imports these). */
export const CLICK_TO_DIAL_COMMANDS = ['clickToDial.takePending'] as const;
export const CLICK_TO_DIAL_EVENTS = ['clickToDial.requested'] as const;
export const CLICK_TO_DIAL_MEDIA = [] as const;
