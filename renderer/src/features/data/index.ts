/**
 * Local data: place <ImportDataButton /> in the header (it also shows the key-protection
 * warning) and call bindData(client) at start-up.
 */
export { ImportDataButton } from './ImportDataButton';
export { bindData } from './data-state';
