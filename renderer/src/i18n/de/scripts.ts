import type { Catalog } from '../catalog';
import type en from '../en/scripts';

/** German messages of the "scripts" namespace. */
const de: Catalog<typeof en> = {};
export default de;
