import type { Catalog } from '../catalog';
import type en from '../en/store';

/** German messages of the "store" namespace. */
const de: Catalog<typeof en> = {};
export default de;
