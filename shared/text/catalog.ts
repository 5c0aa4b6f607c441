/**
 * A translation of a catalog: the same keys, any wording. Typing every other language against the
 * English catalog makes a missing or extra key a type error, besides the catalog test.
 */
export type Catalog<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> };
