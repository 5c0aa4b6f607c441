import type { Catalog } from '../catalog';
import type en from '../en/sync';

/** German messages of the "sync" namespace. */
const de: Catalog<typeof en> = {};
export default de;
