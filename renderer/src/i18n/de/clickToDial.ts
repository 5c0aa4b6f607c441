import type { Catalog } from '../catalog';
import type en from '../en/clickToDial';

/** German messages of the "clickToDial" namespace. */
const de: Catalog<typeof en> = {};
export default de;
