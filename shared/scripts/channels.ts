/** Channel names of the guided scripts area (zod-free: the preload imports these). */
export const SCRIPTS_COMMANDS = ['scripts.get', 'scripts.open', 'scripts.step', 'scripts.close'] as const;
export const SCRIPTS_EVENTS = ['scripts.changed'] as const;
export const SCRIPTS_MEDIA = [] as const;
