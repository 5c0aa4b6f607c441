import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreCipher } from '../../../electron/store/ciphers';
import { STORE_KEY_SECRETS } from '../../../electron/store/store-key';
import { applyKey } from '../../../electron/store/worker/connection';
import type { StoreClient } from '../../../electron/store/store-client';
import type { LogRecord } from '../../../electron/logging/logger';
import type { SecretStore } from '../../../electron/secrets/secret-store';
import { interaction, openStore, tempDataDir, withRawDb } from './support';

const NAMES = ['Wilhelmina Fairweather-Oduya', 'Bartholomew Quixote', 'Seraphina Vandersloot'];

describe('encryption at rest', () => {
  const tmp = tempDataDir('crypt');
  let store: StoreClient;
  let secrets: SecretStore;
  let logs: LogRecord[];
  let file: string;

  beforeAll(async () => {
    ({ store, secrets, logs } = await openStore(tmp.dir));
    file = store.file;
    await store.upsertCustomers(
      NAMES.map((name, i) => ({
        id: `C-${i}`,
        name,
        email: `${name.split(' ')[0]!.toLowerCase()}@example.org`,
        phones: [`+1415555010${i}`],
        updatedAt: 1,
        version: 1,
      })),
    );
    await store.upsertCases([
      {
        id: 'K-1',
        customerId: 'C-0',
        subject: 'Seraphina asked about Quixote',
        description: 'Fairweather notes',
        status: 'open',
        priority: 'P3',
        updatedAt: 1,
        version: 1,
      },
    ]);
    await store.logInteraction(interaction({ id: 'I-1', customerId: 'C-1', number: '+14155550101' }));
  });
  afterAll(async () => {
    await store?.close();
    tmp.cleanup();
  });

  function rawBytes(): Buffer {
    const parts = [readFileSync(file)];
    try {
      parts.push(readFileSync(`${file}-wal`));
    } catch {
      // No WAL right now: everything is in the main file.
    }
    return Buffer.concat(parts);
  }

  it('the database file and its WAL hold no readable customer names, emails or numbers', async () => {
    // Before a checkpoint the newest pages are in the -wal file; both are checked.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const needles = [...NAMES, ...NAMES.map((n) => n.split(' ')[0]!), 'example.org', '4155550101', 'Quixote'];
    let bytes = rawBytes();
    for (const needle of needles) {
      expect(bytes.includes(Buffer.from(needle, 'utf8')), needle).toBe(false);
      expect(bytes.includes(Buffer.from(needle, 'utf16le')), needle).toBe(false);
    }
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    await store.checkpoint();
    bytes = rawBytes();
    for (const needle of needles) expect(bytes.includes(Buffer.from(needle, 'utf8')), needle).toBe(false);
    // The store itself reads them back, of course.
    expect((await store.lookupCaller('+14155550102')).matches[0]?.customer.name).toBe(NAMES[2]);
  });

  it.skipIf(process.platform === 'win32')('the database, its WAL and shared-memory files are readable by their owner only', () => {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect((statSync(f).mode & 0o777).toString(8), f).toBe('600');
    expect((statSync(path.dirname(file)).mode & 0o777).toString(8)).toBe('700');
  });

  it('keeps a raw 256-bit key in the SecretStore, never in the logs, and reports the key backend as weak here', async () => {
    const key = await secrets.get(STORE_KEY_SECRETS['web-shell']);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(logs)).not.toContain(key!);
    const keyFile = path.join(tmp.dir, 'secrets', `${STORE_KEY_SECRETS['web-shell']}.secret`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const status = await store.status();
    expect(status.encryption).toEqual({
      enabled: true,
      cipher: 'AEGIS-256 (authenticated; random nonce and 256-bit tag per page), raw 256-bit key',
      keyBackend: 'key-file',
      keyProtection: secrets.info.description,
      weak: true,
    });
  });

  it('opens with AEGIS-256 and that raw key, and not with another key or another cipher', async () => {
    await store.checkpoint();
    const key = (await secrets.get(STORE_KEY_SECRETS['web-shell']))!;
    const open = (cipher: StoreCipher, hex: string) => {
      const db = new Database(file, { readonly: true });
      try {
        applyKey(db, cipher, hex);
        return db.prepare('SELECT count(*) AS n FROM customers').get();
      } finally {
        db.close();
      }
    };
    expect(open('aegis-256', key)).toEqual({ n: 3 });
    expect(() => open('aegis-256', 'ab'.repeat(32))).toThrow(/not a database/);
    expect(() => open('sqlcipher-4', key)).toThrow(/not a database/);
  });

  it('a page changed on disk is refused when read, never returned altered', async () => {
    const other = tempDataDir('tamper');
    try {
      const opened = await openStore(other.dir);
      await opened.store.upsertCustomers(
        Array.from({ length: 400 }, (_, i) => ({
          id: `T-${i}`,
          name: `Tamper Test ${i}`,
          phones: [`+1415555${String(i).padStart(4, '0')}`],
          updatedAt: 1,
          version: 1,
        })),
      );
      const tampered = opened.store.file;
      await opened.store.close();
      const { page, pageSize } = await withRawDb(
        tampered,
        opened.secrets,
        (db) => ({
          page: db
            .prepare(`SELECT pageno FROM dbstat WHERE name = 'customers' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1`)
            .pluck()
            .get() as number,
          pageSize: db.pragma('page_size', { simple: true }) as number,
        }),
        { readonly: true },
      );
      // One bit, in the middle of the page's encrypted content: unauthenticated encryption would hand back altered rows.
      const fd = openSync(tampered, 'r+');
      const at = (page - 1) * pageSize + pageSize / 2;
      const byte = Buffer.alloc(1);
      readSync(fd, byte, 0, 1, at);
      byte[0] = byte[0]! ^ 0x01;
      writeSync(fd, byte, 0, 1, at);
      closeSync(fd);
      await withRawDb(tampered, opened.secrets, (db) => {
        expect(db.prepare('SELECT count(*) AS n FROM sqlite_master').get()).toBeDefined();
        expect(() => db.prepare('SELECT name FROM customers').all()).toThrow(expect.objectContaining({ code: 'SQLITE_CORRUPT' }));
      });
    } finally {
      other.cleanup();
    }
  });
});
