/** Channel names of the sync area (zod-free: the preload imports these). */
export const SYNC_COMMANDS = [
  'sync.getStatus',
  'sync.syncNow',
  'sync.resolveConflict',
  'sync.retryParked',
  'sync.discardParked',
  'sync.configure',
  'sync.signIn',
  'sync.signOut',
] as const;
export const SYNC_EVENTS = ['sync.statusChanged'] as const;
export const SYNC_MEDIA = [] as const;
