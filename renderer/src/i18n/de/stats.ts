import type { Catalog } from '../catalog';
import type en from '../en/stats';

/** German messages of the "stats" namespace. */
const de: Catalog<typeof en> = {};
export default de;
