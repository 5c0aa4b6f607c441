import type { Catalog } from '../catalog';
import type en from '../en/diagnostics';

/** German messages of the "diagnostics" namespace. */
const de: Catalog<typeof en> = {};
export default de;
