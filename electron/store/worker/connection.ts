import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, openSync } from 'node:fs';
import { CURRENT_CIPHER, type StoreCipher } from '../ciphers';
import { sqliteCode } from '../errors';

export type Db = Database.Database;

export interface OpenOptions {
  file: string;
  keyHex: string | null;
  nativeBinding?: string;
  /** indexer: reads the store and, once, writes the search index it built (scratch-index.ts). */
  role: 'writer' | 'reader' | 'indexer';
  /** Page cache in MiB. */
  cacheMiB?: number;
  /** Open only with this cipher; by default the current one, then the older one. */
  cipher?: StoreCipher;
}

const KEY_HEX = /^[0-9a-f]{64}$/;

/** The writer's WAL is copied back into the database file once it holds this many pages (8 MiB). */
export const WAL_AUTOCHECKPOINT_PAGES = 2000;

/**
 * Opens one connection and proves it can read the schema: a wrong key or a
 * file that is not a database throws SQLITE_NOTADB here, not at first use.
 * A keyed file is tried with the current cipher first, then with the older
 * one; which one opened it is `cipherOf(db)`.
 */
export function openConnection(options: OpenOptions): Db {
  if (options.keyHex === null) return openAs(options, null);
  if (!KEY_HEX.test(options.keyHex)) throw new Error('The store key must be 64 lower-case hex digits');
  const ciphers: StoreCipher[] = options.cipher ? [options.cipher] : [CURRENT_CIPHER, 'sqlcipher-4'];
  let firstFailure: unknown = null;
  for (const cipher of ciphers) {
    try {
      return openAs(options, cipher);
    } catch (error) {
      // Only "cannot decrypt page 1" means another cipher may fit; anything else is final.
      if (sqliteCode(error) !== 'SQLITE_NOTADB') throw error;
      firstFailure ??= error;
    }
  }
  throw firstFailure;
}

function openAs(options: OpenOptions, cipher: StoreCipher | null): Db {
  if (options.role === 'writer') ownerOnly(options.file);
  const db = new Database(options.file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    // The writer holds the lock only for short transactions; readers never wait in WAL.
    timeout: 10_000,
  });
  try {
    if (cipher !== null && options.keyHex !== null) applyKey(db, cipher, options.keyHex);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (options.role === 'writer') {
      db.pragma('journal_mode=WAL');
      // FULL: a committed call log or wrap-up survives a power cut, not only a crash.
      // Bulk loads switch to NORMAL for their batches (what they write can be pulled again).
      db.pragma('synchronous=FULL');
      db.pragma(`wal_autocheckpoint=${WAL_AUTOCHECKPOINT_PAGES}`);
    } else if (options.role === 'indexer') {
      // Its one write is an index the writer can build again: a power cut may cost it, not consistency.
      db.pragma('synchronous=NORMAL');
    } else {
      db.pragma('query_only=1');
    }
    db.pragma(`cache_size=-${(options.cacheMiB ?? (options.role === 'writer' ? 64 : 32)) * 1024}`);
    db.pragma('temp_store=MEMORY');
    db.pragma('foreign_keys=OFF');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Keys a fresh connection (before its first read). The cipher's parameters
 * are not stored in the file, so every one that matters is set, not left to
 * the library's defaults.
 */
export function applyKey(db: Db, cipher: StoreCipher, keyHex: string): void {
  selectCipher(db, cipher);
  db.pragma(`key=${keyLiteral(cipher, keyHex)}`);
}

/**
 * Rewrites every page of a keyed connection's file with `cipher`. Not in WAL
 * mode, and on a file no other connection has open.
 */
export function rekeyTo(db: Db, cipher: StoreCipher, keyHex: string): void {
  // The cipher selected now is the one the rekey writes with; reads keep the old one.
  selectCipher(db, cipher);
  db.pragma(`rekey=${keyLiteral(cipher, keyHex)}`);
}

function selectCipher(db: Db, cipher: StoreCipher): void {
  if (cipher === 'aegis-256') {
    db.pragma(`cipher='aegis'`);
    db.pragma(`algorithm='aegis-256'`);
  } else {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
  }
}

/** The raw key in each cipher's own syntax: either way no key derivation runs. */
function keyLiteral(cipher: StoreCipher, keyHex: string): string {
  return cipher === 'aegis-256' ? `'raw:${keyHex}'` : `"x'${keyHex}'"`;
}

/** The cipher a keyed connection reads and writes with; null for a plain file. */
export function cipherOf(db: Db): StoreCipher | null {
  const name = db.pragma('cipher', { simple: true });
  if (name === 'aegis') return 'aegis-256';
  if (name === 'sqlcipher') return 'sqlcipher-4';
  return null;
}

/** Reads the first 16 bytes: an unencrypted SQLite file starts with this text. */
export const PLAIN_SQLITE_HEADER = 'SQLite format 3\0';

/**
 * The database holds customers' personal data: owner-only, like the folder it is in. SQLite gives
 * the -wal and -shm files the main file's mode, so setting it on the main file (created here
 * empty when new: SQLite treats a 0-byte file as a new database) covers all three. Older files
 * made with the default umask are tightened. Windows ignores POSIX modes; there the profile
 * folder's ACL applies.
 */
function ownerOnly(file: string): void {
  if (process.platform === 'win32') return;
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}
