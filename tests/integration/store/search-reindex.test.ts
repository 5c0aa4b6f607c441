import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrate } from '../../../electron/store/worker/migrations';
import { drainStatement, FTS_SOURCES, queueOf } from '../../../electron/store/worker/search-index';
import { ftsIntegrityCheck, openStore, tempDataDir, withRawDb } from './support';

/**
 * Migration 6 makes both search indexes again in a new format and leaves them to be refilled
 * after start. A store made by the previous release opens at once, answers screen pops straight
 * away, takes agent and sync writes while the refill runs, and ends with every row searchable
 * once, its new text and not its old.
 */
describe('search indexes refilled after the update to schema 6', () => {
  const tmp = tempDataDir('reindex');
  afterAll(() => tmp.cleanup());
  const CUSTOMERS = 2_000;
  // Enough for several 25k-row chunks of refill, so writes land between them.
  const CASES = 150_000;

  it('opens at once, keeps pops and writes working, and finds everything once the refill is done', async () => {
    // A key and a file as the store makes them, then the file replaced by one at schema 5 with rows.
    const first = await openStore(tmp.dir);
    const { secrets } = first;
    const file = first.store.file;
    await first.store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    await withRawDb(file, secrets, (db) => {
      db.pragma('journal_mode=WAL');
      migrate(db, 5);
      db.transaction(() => {
        const customer = db.prepare(`INSERT INTO customers (id, name, email, created_at, updated_at, version) VALUES (?, ?, ?, 1, 1, 1)`);
        const phone = db.prepare(`INSERT INTO customer_phones (number, customer_id, rev, label, position) VALUES (?, ?, ?, 'mobile', 0)`);
        for (let i = 0; i < CUSTOMERS; i += 1) {
          const number = `+1415${String(5_000_000 + i).padStart(7, '0')}`;
          customer.run(`C-${i}`, `Customer Wickersham${i}`, `c${i}@example.com`);
          phone.run(number, `C-${i}`, [...number.slice(1)].reverse().join(''));
        }
        const kase = db.prepare(
          `INSERT INTO cases (id, customer_id, subject, description, status, priority, created_at, updated_at, version) VALUES (?, ?, ?, 'Notes.', 'open', 'P3', 1, ?, 1)`,
        );
        for (let i = 0; i < CASES; i += 1) kase.run(`K-${i}`, `C-${i % CUSTOMERS}`, `Router drops lanternfish${i}`, 1_000 + i);
        for (const source of FTS_SOURCES) {
          db.exec(drainStatement(source));
          db.exec(`DELETE FROM ${queueOf(source)}`);
        }
      })();
      expect(db.prepare(`SELECT rowid FROM cases_fts WHERE cases_fts MATCH '"lanternfish7"'`).all()).toHaveLength(1);
    });

    const { store } = await openStore(tmp.dir, { secrets });
    try {
      // The agent's edits while the refill runs (sync batches wait for it; agent work slips between its
      // chunks), once the first cases are indexed again: text changed on a case already refilled and on
      // the last one (not yet), and a case that is new.
      const seen: string[] = [];
      const during: { edits: Promise<unknown> | null } = { edits: null };
      const off = store.on('bulk-progress', (event) => {
        seen.push(event.phase);
        if (during.edits || event.phase !== 'search-index' || event.done <= CUSTOMERS) return;
        during.edits = Promise.all([
          store.updateCase('K-3', { subject: 'Modem hums quietly' }),
          store.updateCase(`K-${CASES - 1}`, { subject: 'Fax tone on line' }),
          store.createCase({ id: 'K-new', customerId: 'C-9', subject: 'Brand new zeppelin issue' }),
        ]).finally(() => seen.push('edited'));
      });
      expect((await store.status()).schemaVersion).toBe(LATEST_VERSION);
      // A refill is not an initial sync: the sync engine pulls as usual meanwhile.
      expect(store.bulkLoadActive).toBe(false);
      const pop = await store.lookupCaller('+14155000042');
      expect(pop.matches.map((m) => m.customer.id)).toEqual(['C-42']);
      expect(pop.matches[0]!.openCases.length).toBeGreaterThan(0);

      await store.finishBulkLoad();
      off();
      expect(during.edits, `no edit was made during the refill: ${seen.join(' ')}`).not.toBeNull();
      await during.edits;
      expect(seen.indexOf('edited'), seen.join(' ')).toBeLessThan(seen.indexOf('done'));
      expect((await store.status()).bulkLoad).toBe(false);
      // A space after the last word: the agent finished typing it (no prefix match).
      const found = async (query: string) => (await store.search(`${query} `)).cases.map((c) => c.id);
      expect(await found('lanternfish7')).toEqual(['K-7']);
      expect(await found(`lanternfish${CASES - 2}`)).toEqual([`K-${CASES - 2}`]);
      expect(await found('lanternfish3')).toEqual([]);
      expect(await found(`lanternfish${CASES - 1}`)).toEqual([]);
      expect(await found('modem hums')).toEqual(['K-3']);
      expect(await found('fax tone')).toEqual([`K-${CASES - 1}`]);
      expect(await found('zeppelin')).toEqual(['K-new']);
      expect((await store.search('Wickersham1999 ')).customers.map((c) => c.id)).toEqual(['C-1999']);
      // After the refill, text changes reach the index through the usual triggers.
      await store.upsertCases([
        {
          id: 'K-5',
          customerId: 'C-5',
          subject: 'Printer smells of toast',
          description: 'Notes.',
          status: 'open',
          priority: 'P3',
          updatedAt: 6_000_000,
          version: 2,
        },
      ]);
      expect(await found('toast')).toEqual(['K-5']);
      await store.checkpoint();
    } finally {
      await store.close();
    }

    await withRawDb(file, secrets, (db) => {
      for (const table of ['customers_fts', 'cases_fts']) {
        expect(() => ftsIntegrityCheck(db, table), table).not.toThrow();
        expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).pluck().get(table)).toContain('columnsize=0');
      }
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%fts_docsize'`).pluck().all()).toEqual([]);
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_bulk'`).pluck().all()).toEqual([]);
      expect(db.prepare(`SELECT count(*) FROM meta WHERE key LIKE 'bulk_%'`).pluck().get()).toBe(0);
    });
  }, 60_000);
});
