/**
 * How a keyed store file is encrypted. Both are SQLite3MultipleCiphers page
 * ciphers keyed with the raw 256-bit store key (no KDF at open).
 *
 * - `aegis-256`, what the store writes: AEGIS-256 authenticated encryption,
 *   a fresh random 256-bit nonce each time a page is written and a 256-bit
 *   tag bound to the page number, checked on every read. It costs a small
 *   fraction of what SQLCipher 4's AES-CBC plus HMAC-SHA512 did per page, which
 *   was most of a sync batch's and a bulk load's time (docs/performance.md,
 *   "Store: encryption").
 * - `sqlcipher-4`, what the store wrote before. Such a file still opens, and
 *   the writer re-encrypts it once at start (`cipher-upgrade.ts`).
 */
export type StoreCipher = 'aegis-256' | 'sqlcipher-4';

export const CURRENT_CIPHER: StoreCipher = 'aegis-256';

export const CIPHER_DESCRIPTIONS: Readonly<Record<StoreCipher, string>> = {
  'aegis-256': 'AEGIS-256 (authenticated; random nonce and 256-bit tag per page), raw 256-bit key',
  'sqlcipher-4': 'SQLCipher 4 (AES-256-CBC, HMAC-SHA512), raw 256-bit key',
};
