import type { Catalog } from '../catalog';
import type en from '../en/app';

/** German messages of the "app" namespace. */
const de: Catalog<typeof en> = {};
export default de;
