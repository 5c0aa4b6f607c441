/** The window's catalogs and main's messages (`shared/text`) are typed alike. */
export type { Catalog } from '../../../shared/text/catalog';
