import type { Catalog } from '../catalog';
import type en from '../en/telephony';

/** German messages of the "telephony" namespace. */
const de: Catalog<typeof en> = {};
export default de;
