import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../electron/logging/logger';
import type { SecretStore } from '../../../electron/secrets/secret-store';
import type { StoreClient } from '../../../electron/store/store-client';
import type { PulledCase } from '../../../shared/store/types';
import { ftsIntegrityCheck, openStore, tempDataDir, withRawDb } from './support';

/**
 * An initial load with its search index built on the indexer thread while the rows come in. What
 * an agent or the sync changes in rows the indexer has already read must be what search finds
 * afterwards (not the text the indexer read), and the index handed over must match its tables.
 */
const CUSTOMERS = 2_000;
const customer = (i: number, version = 1, name = `Customer ${i} Pemberton${i}`) => ({
  id: `C-${i}`,
  name,
  phones: [`+1415${String(3_000_000 + i).padStart(7, '0')}`],
  updatedAt: version,
  version,
});
const kase = (i: number, version = 1, subject = `Case ${i} kestrel${i}`): PulledCase => ({
  id: `K-${i}`,
  customerId: `C-${i % CUSTOMERS}`,
  subject,
  description: 'Router drops the line.',
  status: 'open',
  priority: 'P3',
  updatedAt: version,
  version,
});

describe('bulk load with the search index built beside the writer', () => {
  const tmp = tempDataDir('bulk-parallel');
  let store: StoreClient;
  let secrets: SecretStore;
  let logs: LogRecord[];
  let n = 0;

  beforeEach(async () => {
    n += 1;
    ({ store, secrets, logs } = await openStore(`${tmp.dir}/${n}`));
  });
  afterEach(async () => {
    await store?.close();
  });
  afterAll(() => tmp.cleanup());

  /** Stores `from`..`to` cases in pages, then waits until the indexer has read every row stored so far. */
  async function loadAndWaitForIndexer(from: number, to: number): Promise<void> {
    // Listening first: the indexer's last report can reach main before the last page's answer does.
    const caughtUp = new Promise<void>((resolve) => {
      const off = store.on('bulk-progress', (event) => {
        if (event.phase === 'search-index' && event.done >= CUSTOMERS + to) {
          off();
          resolve();
        }
      });
    });
    for (let i = from; i < to; i += 5_000) {
      const page = Array.from({ length: Math.min(5_000, to - i) }, (_, k) => kase(i + k));
      expect((await store.upsertCases(page)).rejected).toEqual([]);
    }
    await caughtUp;
  }

  const caseIds = async (q: string) => (await store.search(q)).cases.map((c) => c.id).sort();
  const customerIds = async (q: string) => (await store.search(q)).customers.map((c) => c.id).sort();

  async function expectConsistentIndex(): Promise<void> {
    await store.checkpoint();
    await withRawDb(store.file, secrets, (db) => {
      // Against the tables themselves (rank 1): a row missing, indexed twice or with stale text fails here.
      for (const table of ['customers_fts', 'cases_fts']) expect(() => ftsIntegrityCheck(db, table), table).not.toThrow();
      const triggers = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%' ORDER BY name`)
        .pluck()
        .all();
      expect(triggers).toEqual([
        'cases_fts_ad',
        'cases_fts_ai',
        'cases_fts_au',
        'customers_fts_ad',
        'customers_fts_ai',
        'customers_fts_au',
      ]);
      expect(db.prepare(`SELECT key FROM meta WHERE key LIKE 'bulk%'`).pluck().all()).toEqual([]);
    });
  }

  it('finds what rows read by the indexer were changed to, by the sync and by an agent, and nothing of what they were', async () => {
    await store.beginBulkLoad();
    expect((await store.upsertCustomers(Array.from({ length: CUSTOMERS }, (_, i) => customer(i)))).rejected).toEqual([]);
    await loadAndWaitForIndexer(0, 40_000);

    // Changed after the indexer read them: by the sync (K-10 twice), by an agent (K-11, C-5), status only (K-12).
    await store.upsertCases([kase(10, 2, 'Furnace rattles loudly')]);
    await store.upsertCases([kase(10, 3, 'Furnace whistles now')]);
    await store.updateCase('K-11', { subject: 'Boiler pressure low' });
    await store.updateCustomer('C-5', { name: 'Zebulon Quince' });
    await store.upsertCases([{ ...kase(12, 2), status: 'closed' }]);
    // And rows the indexer has not read yet, one of them changed at once.
    for (let i = 40_000; i < 45_000; i += 1_000) await store.upsertCases(Array.from({ length: 1_000 }, (_, k) => kase(i + k)));
    await store.updateCase('K-44999', { subject: 'Thermostat blinks amber' });
    // Changed in the same transaction that stored it: whenever the indexer reads it, it reads the change.
    await store.upsertCases([kase(45_000), kase(45_000, 2, 'Chimney draught noted')]);

    await store.finishBulkLoad();
    expect(logs.filter((r) => r.level === 'warn' || r.message.includes('after all'))).toEqual([]);
    expect((await store.status()).bulkLoad).toBe(false);

    expect(await caseIds('whistles')).toEqual(['K-10']);
    expect(await caseIds('rattles')).toEqual([]);
    expect(await caseIds('kestrel10 ')).toEqual([]);
    expect(await caseIds('boiler')).toEqual(['K-11']);
    expect(await caseIds('kestrel11 ')).toEqual([]);
    expect(await caseIds('kestrel12 ')).toEqual(['K-12']);
    expect(await customerIds('Zebulon')).toEqual(['C-5']);
    expect(await customerIds('pemberton5 ')).toEqual([]);
    expect(await caseIds('kestrel39999 ')).toEqual(['K-39999']);
    expect(await caseIds('kestrel44000 ')).toEqual(['K-44000']);
    expect(await caseIds('thermostat')).toEqual(['K-44999']);
    expect(await caseIds('chimney')).toEqual(['K-45000']);
    expect(await caseIds('kestrel45000 ')).toEqual([]);
    expect(await store.counts()).toMatchObject({ customers: CUSTOMERS, cases: 45_001 });
    await expectConsistentIndex();

    // After the load, the ordinary triggers keep the index up to date.
    await store.updateCase('K-7', { subject: 'Pilot light out' });
    expect(await caseIds('pilot')).toEqual(['K-7']);
  }, 60_000);

  it('a row the indexer had read is deleted during the load: the writer builds the index instead, and it is right', async () => {
    await store.beginBulkLoad();
    expect((await store.upsertCustomers(Array.from({ length: CUSTOMERS }, (_, i) => customer(i)))).rejected).toEqual([]);
    await loadAndWaitForIndexer(0, 30_000);
    // The last case goes and another takes its rid: the indexer's chunks cannot tell, so it steps aside.
    expect(await store.deleteCases(['K-29999'])).toEqual({ deleted: 1 });
    await store.upsertCases([kase(50_000, 1, 'Replacement row heater')]);
    await store.updateCase('K-3', { subject: 'Modem hums quietly' });

    await store.finishBulkLoad();
    expect(logs.some((r) => r.message.includes('built by the writer after all'))).toBe(true);
    expect(await caseIds('kestrel29999 ')).toEqual([]);
    expect(await caseIds('heater')).toEqual(['K-50000']);
    expect(await caseIds('modem')).toEqual(['K-3']);
    expect(await caseIds('kestrel3 ')).toEqual([]);
    expect(await caseIds('kestrel29998 ')).toEqual(['K-29998']);
    await expectConsistentIndex();
  }, 60_000);

  it('a load that ends before the indexer thread has started still hands over a full index', async () => {
    // A small first sync: begun, two pages, ended, all while the indexer thread is still opening the file.
    await store.beginBulkLoad();
    expect((await store.upsertCustomers(Array.from({ length: 20 }, (_, i) => customer(i)))).rejected).toEqual([]);
    expect((await store.upsertCases(Array.from({ length: 50 }, (_, i) => kase(i)))).rejected).toEqual([]);
    await store.finishBulkLoad();
    expect(logs.filter((r) => r.level === 'warn' || r.message.includes('after all'))).toEqual([]);
    expect(await caseIds('kestrel49 ')).toEqual(['K-49']);
    expect(await customerIds('pemberton19 ')).toEqual(['C-19']);
    await expectConsistentIndex();
  });
});
