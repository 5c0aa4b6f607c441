import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretStore } from '../../../electron/secrets/secret-store';
import type { StoreClient } from '../../../electron/store/store-client';
import type { PulledCase } from '../../../shared/store/types';
import { ftsSegments } from '../../support/fts-structure';
import { ftsIntegrityCheck, openStore, tempDataDir, withRawDb } from './support';

/**
 * Search-index upkeep per write. FTS5 writes a new index segment at every
 * statement savepoint; written by the triggers row by row, every changed case
 * became a segment (a 10k-case sync batch: 2,500 segments and seconds of
 * merging). The triggers queue the text and each transaction hands its queue
 * to FTS5 at once. What an agent would notice if this broke: searches missing
 * or still finding old text, or sync batches and searches slowing down.
 */
describe('search index upkeep per transaction', () => {
  const tmp = tempDataDir('search-queue');
  let store: StoreClient;
  let secrets: SecretStore;

  const caseRow = (i: number, version: number, subject = `Router case ${i}`): PulledCase => ({
    id: `K-${String(i).padStart(5, '0')}`,
    customerId: `C-${i % 50}`,
    subject,
    description: 'The line drops every few minutes.',
    status: 'open',
    priority: 'P3',
    updatedAt: 1_000 + version,
    version,
  });

  const raw = <T>(fn: (db: Database.Database) => T): Promise<T> => withRawDb(store.file, secrets, fn, { readonly: true });
  const queued = () =>
    raw((db) => db.prepare('SELECT (SELECT count(*) FROM cases_fts_queue) + (SELECT count(*) FROM customers_fts_queue)').pluck().get());
  const caseIds = async (q: string) => (await store.search(q)).cases.map((c) => c.id).sort();

  beforeAll(async () => {
    ({ store, secrets } = await openStore(tmp.dir));
    const customers = Array.from({ length: 50 }, (_, i) => ({
      id: `C-${i}`,
      name: `Customer ${i}`,
      phones: [`+1415555${String(1000 + i)}`],
      updatedAt: 1,
      version: 1,
    }));
    expect((await store.upsertCustomers(customers)).rejected).toEqual([]);
    expect((await store.upsertCases(Array.from({ length: 2000 }, (_, i) => caseRow(i, 1)))).inserted).toBe(2000);
  });
  afterAll(async () => {
    await store?.close();
    tmp.cleanup();
  });

  it('a 2,000-case sync batch adds one index segment per 500-row transaction, not one per changed case', async () => {
    const before = (await raw((db) => ftsSegments(db, 'cases_fts'))).length;
    // Every fourth case gets new text: 500 changed documents in 4 transactions.
    const batch = Array.from({ length: 2000 }, (_, i) => caseRow(i, 2, i % 4 === 0 ? `Zeppelin case ${i}` : `Router case ${i}`));
    expect(await store.upsertCases(batch)).toMatchObject({ updated: 2000, rejected: [] });

    const after = (await raw((db) => ftsSegments(db, 'cases_fts'))).length;
    expect(after - before).toBeLessThanOrEqual(4);
    expect(await queued()).toBe(0);
    expect(await caseIds('zeppelin 1996')).toEqual(['K-01996']);
    // The replaced text is gone from the index, the unchanged text is still there.
    expect(await caseIds('router 1996')).toEqual([]);
    expect(await caseIds('router 1997')).toEqual(['K-01997']);
  });

  it('every other kind of write leaves nothing queued and is found by search at once', async () => {
    await store.upsertCustomers([{ id: 'C-7', name: 'Philippa Quartermaine', phones: ['+14155551007'], updatedAt: 5, version: 2 }]);
    expect((await store.search('quartermaine')).customers.map((c) => c.id)).toEqual(['C-7']);
    expect((await store.search('customer 7')).customers).toEqual([]);

    const edited = await store.updateCase('K-00003', { subject: 'Thermostat flickers at night' });
    expect(edited.record.subject).toBe('Thermostat flickers at night');
    expect(await caseIds('thermostat')).toEqual(['K-00003']);
    expect(await caseIds('router 3')).toEqual([]);

    await store.deleteCases(['K-01997']);
    expect(await caseIds('router 1997')).toEqual([]);

    const file = path.join(tmp.dir, 'cases.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          id: 'K-90000',
          customerId: 'C-1',
          subject: 'Invoice mismatch',
          description: 'Billed twice in March.',
          status: 'open',
          priority: 'P2',
        },
      ]),
    );
    expect((await store.importFile(file, { kind: 'cases' })).ok).toBe(true);
    expect(await caseIds('invoice march')).toEqual(['K-90000']);
    expect(await queued()).toBe(0);
  });

  it("leaves both indexes consistent with their tables (FTS5's own integrity check)", async () => {
    const file = store.file;
    await store.close();
    await withRawDb(file, secrets, (db) => {
      for (const table of ['cases_fts', 'customers_fts']) expect(() => ftsIntegrityCheck(db, table), table).not.toThrow();
    });
    ({ store } = await openStore(tmp.dir, { secrets }));
  });
});
