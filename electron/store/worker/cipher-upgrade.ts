import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { CURRENT_CIPHER, type StoreCipher } from '../ciphers';
import { sqliteCode } from '../errors';
import { applyKey, cipherOf, openConnection, rekeyTo, type Db, type OpenOptions } from './connection';

export type CipherUpgrade =
  | { outcome: 'upgraded'; from: StoreCipher; ms: number; bytes: number }
  /** The file stays as it was and opens with its old cipher; the next start tries again. */
  | { outcome: 'kept'; from: StoreCipher; reason: string };

/** Where the re-encrypted copy is built; a leftover one (a crash while building) is thrown away. */
export function upgradeCopyPath(file: string): string {
  return `${file}.cipher-upgrade`;
}

/**
 * Re-encrypts a store file written with an older cipher, once, before the
 * writer migrates it. `db` is the writer's connection to it, which is closed;
 * the returned connection is the writer's from then on.
 *
 * The work is done on a copy: the file itself is only ever replaced whole by a
 * rename, so a crash or a full disk at any point leaves either the old file,
 * intact, or the new one. The rekey changes each page's reserved bytes, which
 * takes a VACUUM (SQLite3MultipleCiphers runs it; its temporary database is
 * encrypted with the same key). It takes seconds on a large store
 * (docs/performance.md, "Store: encryption").
 */
export function upgradeCipher(db: Db, options: OpenOptions & { keyHex: string }): { db: Db; upgrade: CipherUpgrade } {
  const from = cipherOf(db);
  if (from === null || from === CURRENT_CIPHER) throw new Error('upgradeCipher: the file already uses the current cipher');
  const started = performance.now();
  const copy = upgradeCopyPath(options.file);
  try {
    const schema = db.pragma('user_version', { simple: true }) as number;
    // Everything in the WAL goes into the file first: the copy is of the file alone.
    const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (checkpoint?.busy) throw new Error('the WAL could not be checkpointed (another connection is open)');
    db.close();
    if (existsSync(`${options.file}-wal`) && statSync(`${options.file}-wal`).size > 0) throw new Error('the WAL was not emptied');
    removeCopy(copy);
    copyFileSync(options.file, copy);
    if (process.platform !== 'win32') chmodSync(copy, 0o600);
    reencrypt(copy, from, options);
    const copied = verify(copy, options);
    if (copied !== schema) throw new Error(`the copy has schema ${copied}, the file ${schema}`);
    // The old -wal and -shm belong to the old cipher's pages; the new file must not meet them.
    for (const leftover of [`${options.file}-wal`, `${options.file}-shm`]) rmSync(leftover, { force: true });
    renameSync(copy, options.file);
    // The rename is durable only once the folder is (POSIX); Windows cannot open a folder to flush it.
    if (process.platform !== 'win32') flushToDisk(path.dirname(options.file), 'folder');
    const upgraded = openConnection({ ...options, cipher: CURRENT_CIPHER });
    return {
      db: upgraded,
      upgrade: { outcome: 'upgraded', from, ms: Math.round(performance.now() - started), bytes: statSync(options.file).size },
    };
  } catch (error) {
    try {
      removeCopy(copy);
    } catch {
      // Removed at the next attempt.
    }
    // SQLite's or the file system's code (ENOSPC, EACCES…), never a path.
    const reason = sqliteCode(error) ?? (error instanceof Error ? error.message.slice(0, 200) : 'unknown error');
    // Whichever cipher the file is in now: a failure after the rename leaves the new one.
    const kept = db.open ? db : openConnection(options);
    return { db: kept, upgrade: { outcome: 'kept', from, reason } };
  }
}

function reencrypt(copy: string, from: StoreCipher, options: OpenOptions & { keyHex: string }): void {
  const conn = new Database(copy, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    applyKey(conn, from, options.keyHex);
    // SQLite3MultipleCiphers cannot rekey a file in WAL mode; the copy has no WAL to lose.
    conn.pragma('journal_mode=DELETE');
    // The VACUUM's scratch copy on disk, not in memory: it is as large as the store.
    conn.pragma('temp_store=FILE');
    conn.pragma('synchronous=FULL');
    rekeyTo(conn, CURRENT_CIPHER, options.keyHex);
    conn.pragma('journal_mode=WAL');
  } finally {
    conn.close();
  }
  flushToDisk(copy);
}

/** Opens the copy with the current cipher alone and returns its schema version. */
function verify(copy: string, options: OpenOptions & { keyHex: string }): number {
  const conn = openConnection({ ...options, file: copy, cipher: CURRENT_CIPHER, role: 'reader' });
  try {
    const check = conn.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw new Error(`the re-encrypted copy failed its check: ${String(check).slice(0, 100)}`);
    return conn.pragma('user_version', { simple: true }) as number;
  } finally {
    conn.close();
  }
}

function removeCopy(copy: string): void {
  for (const f of [copy, `${copy}-journal`, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
}

/** A file is opened for writing to be flushed (Windows requires it); a folder can only be opened to read. */
function flushToDisk(target: string, kind: 'file' | 'folder' = 'file'): void {
  const fd = openSync(target, kind === 'file' ? 'r+' : 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
