import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, openSync } from 'node:fs';

export type Db = Database.Database;

/**
 * SQLCipher 4's page format (AES-256-CBC, HMAC-SHA512 per page) as
 * SQLite3MultipleCiphers implements it, keyed with a raw 256-bit key: the
 * file opens with the `sqlcipher` tool given the same `x'…'` key, and no KDF
 * runs at open (a passphrase would cost ~100 ms of PBKDF2 per connection).
 */
export const CIPHER_DESCRIPTION = 'SQLCipher 4 (AES-256-CBC, HMAC-SHA512), raw 256-bit key';

export interface OpenOptions {
  file: string;
  keyHex: string | null;
  nativeBinding?: string;
  role: 'writer' | 'reader';
  /** Page cache in MiB. */
  cacheMiB?: number;
}

const KEY_HEX = /^[0-9a-f]{64}$/;

/** The writer's WAL is copied back into the database file once it holds this many pages (8 MiB). */
export const WAL_AUTOCHECKPOINT_PAGES = 2000;

/**
 * Opens one connection and proves it can read the schema: a wrong key or a
 * file that is not a database throws SQLITE_NOTADB here, not at first use.
 */
export function openConnection(options: OpenOptions): Db {
  if (options.role === 'writer') ownerOnly(options.file);
  const db = new Database(options.file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    // The writer holds the lock only for short transactions; readers never wait in WAL.
    timeout: 10_000,
  });
  try {
    if (options.keyHex !== null) {
      if (!KEY_HEX.test(options.keyHex)) throw new Error('The store key must be 64 lower-case hex digits');
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`key="x'${options.keyHex}'"`);
    }
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (options.role === 'writer') {
      db.pragma('journal_mode=WAL');
      // FULL: a committed call log or wrap-up survives a power cut, not only a crash.
      // Bulk loads switch to NORMAL for their batches (what they write can be pulled again).
      db.pragma('synchronous=FULL');
      db.pragma(`wal_autocheckpoint=${WAL_AUTOCHECKPOINT_PAGES}`);
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
