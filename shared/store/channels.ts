/** Channel names of the store area (zod-free: the preload imports these). */
export const STORE_COMMANDS = [
  'store.status',
  'store.search',
  'store.getCustomer',
  'store.getCase',
  'store.import.begin',
  'store.import.append',
  'store.import.commit',
  'store.import.cancel',
] as const;
export const STORE_EVENTS = ['store.statusChanged', 'store.importProgress'] as const;
export const STORE_MEDIA = [] as const;
