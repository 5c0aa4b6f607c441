/**
 * Local data: the Tools menu opens <ImportDataDialog />, places <KeyProtectionWarning /> beside
 * itself (it renders only when the database key is not protected by a keyring), and main.tsx calls
 * bindStore(client) at start-up.
 */
export { ImportDataDialog } from './ImportDataDialog';
export { KeyProtectionWarning } from './KeyProtectionWarning';
export { bindStore } from './store-state';
