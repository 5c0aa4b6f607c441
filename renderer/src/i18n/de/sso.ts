import type { Catalog } from '../catalog';
import type en from '../en/sso';

/** German messages of the "sso" namespace. */
const de: Catalog<typeof en> = {};
export default de;
