/** Channel names of the status feed area (zod-free: the preload imports these). */
export const STATUS_FEED_COMMANDS = ['statusFeed.getView'] as const;
export const STATUS_FEED_EVENTS = ['statusFeed.view'] as const;
export const STATUS_FEED_MEDIA = [] as const;
