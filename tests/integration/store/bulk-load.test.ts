import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreClient } from '../../../electron/store/store-client';
import type { SecretStore } from '../../../electron/secrets/secret-store';
import type { PulledCase } from '../../../shared/store/types';
import { ftsIntegrityCheck, openStore, tempDataDir, withRawDb, workerBundle } from './support';

/**
 * A bulk load (initial sync, seed) stores rows first and builds the pop,
 * last-digits and search indexes once at the end. Callers must still be found
 * while it runs (exact and by last digits), and everything must be found
 * afterwards, through the indexes the schema defines.
 */
describe('bulk load', () => {
  const tmp = tempDataDir('bulk');
  let store: StoreClient;
  let secrets: SecretStore;

  const customers = Array.from({ length: 1200 }, (_, i) => ({
    id: `C-${i}`,
    name: i === 777 ? 'Philippa Quartermaine' : `Customer ${i}`,
    phones: [`+1415${String(5_000_000 + i * 37).padStart(7, '0')}`],
    updatedAt: 1,
    version: 1,
  }));
  const cases: PulledCase[] = Array.from({ length: 3000 }, (_, i) => ({
    id: `K-${i}`,
    customerId: `C-${i % 1200}`,
    subject: i === 2999 ? 'Thermostat flickers at night' : `Case ${i}`,
    description: 'Notes.',
    status: i % 3 === 0 ? 'open' : 'closed',
    priority: 'P3',
    updatedAt: 1_000 + i,
    version: 1,
  }));

  beforeAll(async () => {
    ({ store, secrets } = await openStore(tmp.dir));
  });
  afterAll(async () => {
    await store?.close();
    tmp.cleanup();
  });

  it('finds callers exactly and by their last digits while rows are loading', async () => {
    await store.beginBulkLoad();
    for (let i = 0; i < customers.length; i += 500) expect((await store.upsertCustomers(customers.slice(i, i + 500))).rejected).toEqual([]);
    for (let i = 0; i < cases.length; i += 1000) expect((await store.upsertCases(cases.slice(i, i + 1000))).rejected).toEqual([]);
    expect((await store.status()).bulkLoad).toBe(true);

    const number = customers[777]!.phones[0]!;
    const exact = await store.lookupCaller(number);
    expect(exact.matchedBy).toBe('exact');
    expect(exact.matches.map((m) => m.customer.name)).toEqual(['Philippa Quartermaine']);
    // A lost country code and a trunk zero: found by the last digits.
    const sloppy = await store.lookupCaller(`0${number.slice(2)}`);
    expect(sloppy.matchedBy).toBe('suffix');
    expect(sloppy.matches.map((m) => m.customer.id)).toEqual(['C-777']);
  });

  it('builds the indexes at the end: pops, last digits and search all work through them', async () => {
    await store.finishBulkLoad();
    expect((await store.status()).bulkLoad).toBe(false);
    await store.checkpoint();
    await withRawDb(
      store.file,
      secrets,
      (db) => {
        const names = db
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('ix_phones_rev', 'ix_cases_customer') ORDER BY name`)
          .pluck()
          .all();
        expect(names).toEqual(['ix_cases_customer', 'ix_phones_rev']);
        const popPlan = db
          .prepare(`EXPLAIN QUERY PLAN SELECT id FROM cases WHERE customer_id = ? AND status IN ('open') ORDER BY updated_at DESC LIMIT 20`)
          .all('C-1')
          .map((r) => (r as { detail: string }).detail)
          .join(' ');
        expect(popPlan).toContain('ix_cases_customer');
        const plan = db
          .prepare(`EXPLAIN QUERY PLAN SELECT customer_id FROM customer_phones WHERE rev >= ? AND rev < ?`)
          .all('1234', '1234:')
          .map((r) => (r as { detail: string }).detail)
          .join(' ');
        expect(plan).toContain('ix_phones_rev');
      },
      { readonly: true },
    );

    const number = customers[777]!.phones[0]!;
    const sloppy = await store.lookupCaller(`0${number.slice(2)}`);
    expect(sloppy.matches.map((m) => m.customer.id)).toEqual(['C-777']);
    const pop = await store.lookupCaller(customers[999]!.phones[0]!);
    // C-999's cases are K-999 and K-2199 (every 1200th); K-999 and K-2199 are open only when i % 3 === 0.
    expect(pop.matches[0]?.openCases.map((c) => c.id)).toEqual([2199, 999].filter((i) => i % 3 === 0).map((i) => `K-${i}`));
    expect((await store.search('thermostat')).cases.map((c) => c.id)).toEqual(['K-2999']);
    expect((await store.search('Quartermaine')).customers.map((c) => c.id)).toEqual(['C-777']);
    expect(await store.counts()).toMatchObject({ customers: 1200, cases: 3000 });
  });
});

/**
 * Kills a child process in the middle of a bulk load (`killWhen` decides from its output), then opens
 * the store again: the load is finished at the next start, every row found once, both full-text
 * indexes consistent with their tables.
 */
async function killAndResume(
  dir: string,
  mode: 'writer' | 'parallel',
  killWhen: (line: string) => boolean,
  sizes: { customers: number; cases: number },
): Promise<void> {
  const CHILD = path.join(import.meta.dirname, 'bulk-finish-child.ts');
  const { customers, cases } = sizes;
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, await workerBundle(), String(customers), String(cases), mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines: string[] = [];
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.on('exit', () => reject(new Error(`child exited early: ${stderr.slice(-2000)}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (killWhen(line)) resolve();
    });
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(lines).not.toContain('finished');

  // Opening the store resumes the interrupted build; asking again waits for it.
  const { store, secrets } = await openStore(dir);
  let file: string;
  try {
    await store.finishBulkLoad();
    expect((await store.status()).bulkLoad).toBe(false);
    const stored = await store.counts();
    expect(stored.customers).toBe(customers);
    expect((await store.search('pemberton42 ')).customers.map((c) => c.id)).toEqual(['C-42']);
    expect((await store.search('kestrel7 ')).cases.map((c) => c.id)).toEqual(['K-7']);
    const last = stored.cases - 1;
    expect((await store.search(`kestrel${last} `)).cases.map((c) => c.id)).toEqual([`K-${last}`]);
    file = store.file;
  } finally {
    await store.close();
  }
  await withRawDb(file, secrets, (db) => {
    // Against the tables themselves (rank 1): an index filled twice, or missing rows, fails here.
    for (const table of ['customers_fts', 'cases_fts']) expect(() => ftsIntegrityCheck(db, table), table).not.toThrow();
    // The load's state is gone: no triggers or markers of either way of filling the index are left.
    const leftovers = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%_bulk' OR name LIKE '%_scratch')`)
      .pluck()
      .all();
    expect(leftovers).toEqual([]);
    expect(db.prepare(`SELECT key FROM meta WHERE key LIKE 'bulk%'`).pluck().all()).toEqual([]);
  });
}

describe('bulk load killed while it builds the search index', () => {
  const tmp = tempDataDir('bulk-kill');
  afterAll(() => tmp.cleanup());

  it('writer fills the index after the rows, killed between the two tables: finished at the next start', async () => {
    const customers = 3_000;
    // The customers' index is filled (25k rows a chunk), the cases' is not: kill between the two.
    await killAndResume(
      path.join(tmp.dir, 'writer'),
      'writer',
      (line) => {
        const [kind, phase, done] = line.split(' ');
        return kind === 'progress' && phase === 'search-index' && Number(done) > customers;
      },
      { customers, cases: 100_000 },
    );
  }, 120_000);

  it('indexer thread builds it while rows come in, killed part-way through the rows: the writer fills it at the next start', async () => {
    let indexed = 0;
    await killAndResume(
      path.join(tmp.dir, 'parallel'),
      'parallel',
      (line) => {
        const [kind, phase, done] = line.split(' ');
        if (kind === 'progress' && phase === 'search-index') indexed = Number(done);
        // Killed once the indexer has read part of what is stored, and the writer is still storing.
        return indexed > 30_000 && line.startsWith('stored cases');
      },
      { customers: 3_000, cases: 200_000 },
    );
  }, 120_000);
});
