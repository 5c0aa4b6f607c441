import type { BulkLoadReport, WorkerEvent } from '../protocol';
import type { Db } from './connection';
import {
  BULK_TRIGGERS,
  BULK_TRIGGER_NAMES,
  CASES_FTS,
  CUSTOMERS_FTS,
  FTS_BULK_FILL_SETTINGS,
  FTS_SOURCES,
  FTS_TABLES,
  FTS_WRITE_SETTINGS,
  ftsOptimizeStatement,
  PHONES_REV_INDEX,
  POP_INDEX,
  POP_INDEX_NAME,
  queueOf,
  SCRATCH_MODE_KEY,
  SCRATCH_TRIGGER_NAMES,
  SCRATCH_TRIGGERS,
  SEARCH_TRIGGERS,
  SEARCH_TRIGGER_NAMES,
} from './search-index';
import { createMergeStep } from './fts-merge';
import type { RecordWriter } from './record-writer';
import { yieldToQueue } from './yield-to-queue';

/**
 * Bulk load (initial sync, seed, very large imports): while it lasts, rows go
 * in without the full-text triggers, the screen-pop index and the last-digits
 * phone index; at the
 * end the pop index is built once and the full-text index is filled in
 * chunks of rows, yielding between chunks so agent writes are not held up
 * (sync batches, which queue behind it, wait). The state is kept in `meta`,
 * so a crash part-way is finished at next open (StoreHost asks once open).
 * An update that changes the search indexes' format leaves a file in the same
 * state with all its rows ('reindex', migration 6): the same `finish` refills
 * them while the store works.
 *
 * A load can have its search index built on a thread of its own while the rows come in
 * (`begin(true)`, scratch-index.ts): the writer then only logs changes to stored rows
 * (SCRATCH_TRIGGERS), the indexer hands over the finished index, and `finish` finds nothing left
 * to fill. If the indexer cannot finish (it stopped, or rows it had read were deleted), `finish`
 * drops the mode and fills the index here, from the start.
 *
 * Inserting first and indexing after is several times faster than keeping the
 * indexes up row by row: docs/performance.md, "Store: bulk load".
 */
const FTS_CHUNK = 25_000;
/** Pages of merging per step of the closing optimize: a step is short, and an agent's write waits one at most (docs/performance.md, "Store: bulk load"). */
const OPTIMIZE_STEP_PAGES = 256;

/**
 * 'load': rows are coming in without the indexes (initial sync, seed); 'reindex': the rows are all
 * there and only the search indexes are being filled again (after an update changed their format,
 * migration 6). Both end the same way, in `finish`.
 */
export type BulkKind = 'load' | 'reindex';

export interface BulkLoad {
  readonly active: boolean;
  readonly kind: BulkKind | null;
  /** `parallel`: the indexer thread builds the search index. Whether this call started a load in that mode. */
  begin(parallel: boolean): boolean;
  /** The pop and last-digits indexes, built once (what `finish` does first; apart so the indexer can work meanwhile). */
  buildIndexes(): number;
  finish(progress: (event: WorkerEvent) => void): Promise<BulkLoadReport>;
}

export function createBulkLoad(db: Db, writer: Pick<RecordWriter, 'flushSearchQueue'>): BulkLoad {
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const deleteMeta = db.prepare('DELETE FROM meta WHERE key = ?');
  const kindOf = (value: string | undefined): BulkKind | null => (value === undefined ? null : value === 'reindex' ? 'reindex' : 'load');
  let kind = kindOf(getMeta.get('bulk_load')?.value);
  let finishing: Promise<BulkLoadReport> | null = null;

  function buildIndexes(): number {
    const started = performance.now();
    // The sorts behind CREATE INDEX may use the other core (docs/performance.md, "Store: bulk load").
    db.pragma('threads=2');
    try {
      db.exec(POP_INDEX);
      db.exec(PHONES_REV_INDEX);
    } finally {
      db.pragma('threads=0');
    }
    return performance.now() - started;
  }

  /** The indexer did not hand an index over: its log goes, and the fill starts from the first row. */
  function leaveScratchMode(): void {
    db.transaction(() => {
      for (const name of SCRATCH_TRIGGER_NAMES) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
      for (const source of FTS_SOURCES) db.exec(`DELETE FROM ${queueOf(source)}`);
      // The FTS tables are still as begin() left them, empty: only the indexer's commit writes them.
      for (const source of FTS_SOURCES) setMeta.run(source.bulkKey, '0');
      deleteMeta.run(SCRATCH_MODE_KEY);
      for (const trigger of BULK_TRIGGERS) db.exec(trigger);
    }).immediate();
  }

  return {
    get active() {
      return kind !== null;
    },

    get kind() {
      return kind;
    },

    begin(parallel) {
      // Already under way: a refill of the search indexes takes the new rows in as they come.
      if (kind !== null) return false;
      db.transaction(() => {
        for (const name of SEARCH_TRIGGER_NAMES) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
        db.exec(`DROP INDEX IF EXISTS ${POP_INDEX_NAME}`);
        db.exec('DROP INDEX IF EXISTS ix_phones_rev');
        db.exec(`INSERT INTO cases_fts(cases_fts) VALUES ('delete-all')`);
        db.exec(`INSERT INTO customers_fts(customers_fts) VALUES ('delete-all')`);
        for (const source of FTS_SOURCES) db.exec(`DELETE FROM ${queueOf(source)}`);
        setMeta.run('bulk_load', '1');
        for (const source of FTS_SOURCES) setMeta.run(source.bulkKey, '0');
        if (parallel) setMeta.run(SCRATCH_MODE_KEY, '1');
        for (const trigger of parallel ? SCRATCH_TRIGGERS : BULK_TRIGGERS) db.exec(trigger);
      }).immediate();
      // What a bulk load writes can be pulled again; a power cut may cost its last batches, not consistency.
      db.pragma('synchronous=NORMAL');
      kind = 'load';
      return parallel;
    },

    buildIndexes,

    finish(progress) {
      if (kind === null) return Promise.resolve({ customers: 0, cases: 0, indexMs: 0, searchIndexMs: 0 });
      finishing ??= (async () => {
        const started = performance.now();
        progress({ kind: 'bulk-progress', phase: 'indexing', done: 0, total: 1 });
        if (getMeta.get(SCRATCH_MODE_KEY)) leaveScratchMode();
        buildIndexes();
        db.exec(CASES_FTS);
        db.exec(CUSTOMERS_FTS);
        for (const setting of [...FTS_WRITE_SETTINGS, ...FTS_BULK_FILL_SETTINGS]) db.exec(setting);
        const indexMs = performance.now() - started;
        await yieldToQueue();

        const ftsStarted = performance.now();
        const total =
          (db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers').get()?.n ?? 0) +
          (db.prepare<[], { n: number }>('SELECT count(*) AS n FROM cases').get()?.n ?? 0);
        let done = 0;
        const counts = { customers: 0, cases: 0 };
        const tables = [
          {
            key: 'bulk_fts_customers_rid',
            count: 'customers' as const,
            sql: 'INSERT INTO customers_fts(rowid, name, email, company) SELECT rid, name, email, company FROM customers',
          },
          {
            key: 'bulk_fts_cases_rid',
            count: 'cases' as const,
            sql: 'INSERT INTO cases_fts(rowid, subject, description) SELECT rid, subject, description FROM cases',
          },
        ];
        for (const table of tables) {
          const source = table.count;
          const maxRid = db.prepare<[number, number], { rid: number }>(
            `SELECT rid FROM ${source} WHERE rid > ? ORDER BY rid LIMIT 1 OFFSET ?`,
          );
          const fill = db.prepare(`${table.sql} WHERE rid > ? AND rid <= ?`);
          for (;;) {
            const stored = getMeta.get(table.key)?.value;
            // No key: this table was filled before the load was interrupted (begin() sets both keys).
            if (stored === undefined) break;
            const from = Number(stored);
            const boundary = maxRid.get(from, FTS_CHUNK - 1)?.rid;
            const upTo = boundary ?? Number.MAX_SAFE_INTEGER;
            const chunk = db
              .transaction(() => {
                // Changes to rows indexed so far go in first (the queue is empty at every commit anyway).
                writer.flushSearchQueue();
                const changes = fill.run(from, upTo).changes;
                if (boundary === undefined) {
                  // Last chunk: rows written from here on are indexed by the triggers, in this same transaction.
                  for (const name of BULK_TRIGGER_NAMES.filter((t) => t.startsWith(`${source}_`)))
                    db.exec(`DROP TRIGGER IF EXISTS ${name}`);
                  for (const trigger of SEARCH_TRIGGERS.filter((t) => t.includes(` ON ${source}`))) db.exec(trigger);
                  deleteMeta.run(table.key);
                } else setMeta.run(table.key, String(upTo));
                return changes;
              })
              .immediate();
            counts[source] += chunk;
            done += chunk;
            progress({ kind: 'bulk-progress', phase: 'search-index', done, total });
            if (boundary === undefined) break;
            await yieldToQueue();
          }
        }
        // One segment per index (see FTS_BULK_FILL_SETTINGS), merged in steps agent writes can slip between.
        const mergeStep = createMergeStep(db);
        for (const table of FTS_TABLES) {
          const optimize = db.prepare(ftsOptimizeStatement(table, OPTIMIZE_STEP_PAGES));
          while (mergeStep(optimize)) await yieldToQueue();
        }
        for (const setting of FTS_WRITE_SETTINGS) db.exec(setting);
        deleteMeta.run('bulk_load');
        db.pragma('synchronous=FULL');
        db.pragma('wal_checkpoint(TRUNCATE)');
        kind = null;
        progress({ kind: 'bulk-progress', phase: 'done', done: total, total });
        return { ...counts, indexMs: Math.round(indexMs), searchIndexMs: Math.round(performance.now() - ftsStarted) };
      })().finally(() => {
        finishing = null;
      });
      return finishing;
    },
  };
}
