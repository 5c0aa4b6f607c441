import type { Catalog } from '../catalog';
import type en from '../en/escalation';

/** German messages of the "escalation" namespace. */
const de: Catalog<typeof en> = {};
export default de;
