import type { Catalog } from '../catalog';
import type en from '../en/common';

/** German messages of the "common" namespace. */
const de: Catalog<typeof en> = {};
export default de;
