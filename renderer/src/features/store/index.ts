/**
 * Local data: place <ImportDataButton /> in the header (it also shows the key-protection
 * warning) and call bindStore(client) at start-up.
 */
export { ImportDataButton } from './ImportDataButton';
export { bindStore } from './store-state';
