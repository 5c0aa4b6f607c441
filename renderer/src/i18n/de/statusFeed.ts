import type { Catalog } from '../catalog';
import type en from '../en/statusFeed';

/** German messages of the "statusFeed" namespace. */
const de: Catalog<typeof en> = {};
export default de;
