import type { Catalog } from '../catalog';
import type en from '../en/settings';

/** German messages of the "settings" namespace. */
const de: Catalog<typeof en> = {};
export default de;
