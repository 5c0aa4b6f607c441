import type { Catalog } from '../catalog';
import type en from '../en/preShift';

/** German messages of the "preShift" namespace. */
const de: Catalog<typeof en> = {};
export default de;
