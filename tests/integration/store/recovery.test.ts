import Database from 'better-sqlite3-multiple-ciphers';
import { englishOf } from '../../../shared/text/user-text';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { StoreClient, type StoreNotice } from '../../../electron/store/store-client';
import { STORE_KEY_SECRETS } from '../../../electron/store/store-key';
import { createRecordWriter } from '../../../electron/store/worker/record-writer';
import { readSalvage, restoreSalvage } from '../../../electron/store/worker/salvage';
import { ftsIntegrityCheck, interaction, openStore, tempDataDir, withRawDb, workerBundle } from './support';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function dir(label: string): string {
  const tmp = tempDataDir(label);
  cleanups.push(tmp.cleanup);
  return tmp.dir;
}

const dbFile = (dataDir: string) => path.join(dataDir, 'store', 'switchboard.db');

/** Opens like the app does, collecting notices; does not require success. */
async function start(dataDir: string) {
  const memory = createMemorySink();
  const notices: StoreNotice[] = [];
  const recovered: unknown[] = [];
  const store = await StoreClient.open({
    dataDir,
    secrets: createKeyFileSecretStore(dataDir),
    log: createLogger(memory.sink),
    integrityCheck: false,
    workerScript: await workerBundle(),
  });
  store.on('notice', (n) => notices.push(n));
  store.on('recovered', (r) => recovered.push(r));
  return { store, notices, recovered, logs: memory.records };
}

async function seeded(dataDir: string) {
  const { store } = await openStore(dataDir);
  await store.upsertCustomers([{ id: 'C-1', name: 'Kept Customer', phones: ['+14155550123'], updatedAt: 1, version: 1 }]);
  await store.upsertCases(
    Array.from({ length: 1500 }, (_, i) => ({
      id: `K-${i}`,
      customerId: 'C-1',
      subject: `Case ${i}`,
      description: 'Line drops every evening; the customer has replaced the cable already. '.repeat(3),
      status: 'open' as const,
      priority: 'P3' as const,
      updatedAt: i,
      version: 1,
    })),
  );
  return store;
}

function damagedCopies(dataDir: string): string[] {
  return readdirSync(path.join(dataDir, 'store')).filter((n) => n.includes('.damaged-'));
}

describe('an unreadable database file', () => {
  it('that is not a database is moved aside with a notice, and a new store starts (once)', async () => {
    const dataDir = dir('garbage');
    await (await openStore(dataDir)).store.close();
    writeFileSync(dbFile(dataDir), 'this is a spreadsheet someone saved over the database\n'.repeat(200));
    rmSync(`${dbFile(dataDir)}-wal`, { force: true });

    const { store, recovered, logs } = await start(dataDir);
    try {
      // If not, the log says why (on a busy machine the failed writer's exit was once taken for a
      // crash, and its restart raced the rebuild: tests/integration/store/worker-lane.test.ts).
      expect(store.state, JSON.stringify(logs.slice(-6))).toBe('ready');
      expect(logs.filter((l) => l.message === 'store thread stopped unexpectedly')).toEqual([]);
      expect(store.recovery).toMatchObject({ reason: 'not-a-database', salvagedOutboxRows: 0 });
      expect(recovered).toHaveLength(0); // emitted during open, before this listener; the status carries it
      const status = await store.status();
      expect(status.recovery?.movedAsideAs).toMatch(/^switchboard\.db\.damaged-\d{8}T\d{6}Z$/);
      expect(damagedCopies(dataDir)).toContain(status.recovery?.movedAsideAs);
      expect(readFileSync(path.join(dataDir, 'store', status.recovery!.movedAsideAs), 'utf8')).toContain('spreadsheet');
      await store.logInteraction(interaction({ id: 'I-after' }));
      expect(await store.getInteraction('I-after')).not.toBeNull();
    } finally {
      await store.close();
    }
    // The next start finds a healthy file: no second rebuild.
    const again = await start(dataDir);
    expect(again.store.recovery).toBeNull();
    expect(await again.store.getInteraction('I-after')).not.toBeNull();
    await again.store.close();
  });

  it('that cannot be decrypted because the key was lost is set aside and said so', async () => {
    const dataDir = dir('lostkey');
    const store = await seeded(dataDir);
    await store.close();
    await createKeyFileSecretStore(dataDir).delete(STORE_KEY_SECRETS['web-shell']);

    const memory = createMemorySink();
    const notices: StoreNotice[] = [];
    const reopened = await StoreClient.open({
      dataDir,
      secrets: createKeyFileSecretStore(dataDir),
      log: createLogger(memory.sink),
      integrityCheck: false,
      workerScript: await workerBundle(),
    });
    reopened.on('notice', (n) => notices.push(n));
    try {
      expect(reopened.recovery).toMatchObject({ reason: 'wrong-key' });
      expect(memory.records).toContainEqual(
        expect.objectContaining({ level: 'warn', message: 'local database unreadable; moved aside and rebuilt' }),
      );
      expect((await reopened.counts()).cases).toBe(0);
      expect(damagedCopies(dataDir)).toHaveLength(1);
    } finally {
      await reopened.close();
    }
  });

  it('with damaged pages: detected, marked, and rebuilt at the next start with the unsent work carried over', async () => {
    const dataDir = dir('damaged');
    const store = await seeded(dataDir);
    await store.logInteraction(interaction({ id: 'I-unsent', customerId: 'C-1', caseId: 'K-1' }));
    await store.saveWrapUp({
      interactionId: 'I-unsent',
      agentId: 'agent-1',
      state: 'draft',
      code: 'billing',
      notes: 'half-typed note',
      resolvedOnFirstContact: false,
      callback: null,
      doNotCall: null,
      revision: 4,
      updatedAt: 1,
      submittedAt: null,
    });
    await store.close();

    // Overwrite a few leaf pages of the cases table in the middle of the file.
    const { pages, pageSize } = await withRawDb(
      dbFile(dataDir),
      createKeyFileSecretStore(dataDir),
      (peek) => ({
        pages: peek
          .prepare(`SELECT pageno FROM dbstat WHERE name = 'cases' AND pagetype = 'leaf' ORDER BY pageno`)
          .pluck()
          .all() as number[],
        pageSize: peek.pragma('page_size', { simple: true }) as number,
      }),
      { readonly: true },
    );
    const fd = openSync(dbFile(dataDir), 'r+');
    for (const page of pages.slice(10, 13)) writeSync(fd, Buffer.alloc(pageSize / 2, 0x5a), 0, pageSize / 2, (page - 1) * pageSize + 100);
    closeSync(fd);

    const damaged = await start(dataDir);
    expect(damaged.store.state).toBe('ready');
    const check = await damaged.store.runIntegrityCheck();
    expect(check.ok).toBe(false);
    expect(damaged.notices).toContainEqual(expect.objectContaining({ id: 'store.damaged', level: 'error' }));
    expect(existsSync(`${dbFile(dataDir)}.damaged`)).toBe(true);
    expect((await damaged.store.status()).problem).toEqual({ key: 'store.status.damaged' });
    await damaged.store.close();

    const rebuilt = await start(dataDir);
    try {
      expect(rebuilt.store.recovery).toMatchObject({ reason: 'integrity-failure', salvagedOutboxRows: 1 });
      expect(existsSync(`${dbFile(dataDir)}.damaged`)).toBe(false);
      const due = await rebuilt.store.outbox.due();
      expect(due).toHaveLength(1);
      expect(due[0]).toMatchObject({ entityKind: 'interaction', entityId: 'I-unsent', orderingKey: 'K-1' });
      expect(await rebuilt.store.getInteraction('I-unsent')).toMatchObject({
        caseId: 'K-1',
        wrapUp: { notes: 'half-typed note', revision: 4 },
      });
      expect((await rebuilt.store.counts()).cases).toBe(0);
      expect(await rebuilt.store.runIntegrityCheck()).toMatchObject({ ok: true });
    } finally {
      await rebuilt.store.close();
    }
  });

  it('an unencrypted SQLite file where an encrypted one belongs is set aside', async () => {
    const dataDir = dir('plain');
    await (await openStore(dataDir)).store.close();
    rmSync(dbFile(dataDir));
    const plain = new Database(dbFile(dataDir));
    plain.exec(`CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('Plain Text');`);
    plain.close();
    const { store } = await start(dataDir);
    expect(store.recovery).toMatchObject({ reason: 'not-a-database' });
    await store.close();
  });

  it('written by a newer Switchboard is left untouched and the store says why it is unavailable', async () => {
    const dataDir = dir('newer');
    const store = await seeded(dataDir);
    await store.close();
    await withRawDb(dbFile(dataDir), createKeyFileSecretStore(dataDir), (db) => db.pragma('user_version=999'));

    const { store: newer, notices } = await start(dataDir);
    expect(newer.state).toBe('unavailable');
    const status = await newer.status();
    expect(status).toMatchObject({ state: 'unavailable', counts: null });
    expect(englishOf(status.problem!)).toMatch(/newer version of Switchboard/);
    await expect(newer.lookupCaller('+14155550123')).rejects.toMatchObject({ code: 'unavailable' });
    expect(damagedCopies(dataDir)).toEqual([]);
    // Raised while `open` ran, before anyone could listen: handed to the first listener (the window's notices).
    expect(notices).toEqual([{ id: 'store.unavailable', level: 'error', message: status.problem }]);
    await newer.close();
  });
});

describe('unsent work carried into a database', () => {
  it('replaces a record that is already there without leaving its old words in the search index', async () => {
    const dataDir = dir('salvage-replace');
    const { store, secrets } = await openStore(dataDir);
    const customer = await store.createCustomer({ name: 'Ottoline Fairweather', phones: ['+14155550177'] });
    await store.createCase({ customerId: customer.record.id, subject: 'Wobbly satellite dish' });
    await store.close();
    // The salvage of this very file put back into it: every record it carries is already there.
    await withRawDb(dbFile(dataDir), secrets, (db) => {
      const restored = restoreSalvage(db, readSalvage(db), createRecordWriter(db));
      expect(restored.records).toBeGreaterThanOrEqual(2);
      for (const table of ['customers_fts', 'cases_fts']) expect(() => ftsIntegrityCheck(db, table), table).not.toThrow();
      expect(db.prepare(`SELECT count(*) FROM cases_fts WHERE cases_fts MATCH 'satellite'`).pluck().get()).toBe(1);
      expect(db.prepare(`SELECT count(*) FROM customers_fts WHERE customers_fts MATCH 'fairweather'`).pluck().get()).toBe(1);
    });
  });
});
