import type { Catalog } from '../catalog';
import type en from '../en/firstRun';

/** German messages of the "firstRun" namespace. */
const de: Catalog<typeof en> = {};
export default de;
