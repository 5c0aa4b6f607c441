import type { Catalog } from '../catalog';
import type en from '../en/callbacks';

/** German messages of the "callbacks" namespace. */
const de: Catalog<typeof en> = {};
export default de;
