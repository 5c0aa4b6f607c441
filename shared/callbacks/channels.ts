/** Channel names of the callbacks area, "My callbacks" (zod-free: the preload imports these). */
export const CALLBACKS_COMMANDS = ['callbacks.list', 'callbacks.reschedule', 'callbacks.complete', 'callbacks.handBack'] as const;
export const CALLBACKS_EVENTS = ['callbacks.changed'] as const;
export const CALLBACKS_MEDIA = [] as const;
