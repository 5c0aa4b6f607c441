import type { Catalog } from '../catalog';
import type en from '../en/agent';

/** German messages of the "agent" namespace. */
const de: Catalog<typeof en> = {};
export default de;
