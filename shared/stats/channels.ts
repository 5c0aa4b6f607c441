/** Channel names of the "my stats" area (zod-free: the preload imports these). */
export const STATS_COMMANDS = ['stats.get'] as const;
export const STATS_EVENTS = ['stats.changed'] as const;
export const STATS_MEDIA = [] as const;
