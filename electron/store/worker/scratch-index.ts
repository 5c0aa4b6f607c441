import type { WorkerEvent } from '../protocol';
import type { Db } from './connection';
import {
  CASES_FTS,
  CUSTOMERS_FTS,
  FTS_SOURCES,
  ftsDefinitionIn,
  ftsShadowTables,
  queueOf,
  REMOVED,
  SCRATCH_MODE_KEY,
  SCRATCH_TRIGGER_NAMES,
  SEARCH_TRIGGERS,
} from './search-index';
import { yieldToQueue } from './yield-to-queue';

/**
 * An initial load's search index, built on a thread of its own while the writer stores the rows:
 * the two cores work at once, and the writer no longer spends seconds filling the index after the
 * last page (docs/performance.md, "Store: bulk load"). The index is built in an in-memory database
 * attached to this thread's connection (customers' names never reach the disk unencrypted; nothing
 * to clean up after a crash, when the writer fills the index itself), then copied into the store in
 * one transaction: FTS5's index is nothing but the rows of its shadow tables (`%_data`, `%_idx`,
 * `%_config`), and the tables here and there have the same definitions.
 *
 * Rows are read in rid order, a chunk at a time, each chunk in one read transaction together with
 * how far the writer's change log (the queue tables, SCRATCH_TRIGGERS) had got: a change logged
 * after a chunk was read is applied to the copy at the end; one logged before, the chunk saw. A
 * deletion of a row already read ends the attempt instead (rids may then be reused, which the chunks
 * cannot follow; rare during an initial load): the writer fills the index itself, as before.
 */

/** Rows a chunk: a short step of work, so the thread answers its requests between chunks. */
const CHUNK_ROWS = 25_000;
/** How often a caught-up indexer looks for new rows. */
const FOLLOW_IDLE_MS = 100;

interface Chunk {
  /** Rids (from, to] */
  from: number;
  to: number;
  /** The log's last seq when the chunk was read: later entries are changes the chunk did not see. */
  seenSeq: number;
}

export type ScratchCommit = { outcome: 'committed'; customers: number; cases: number } | { outcome: 'abandoned'; reason: string };

export interface ScratchIndexer {
  /** Creates the in-memory index and starts following the writer. */
  start(): void;
  /** Stops following, reads what is left and merges the index into one segment (no lock on the store). */
  prepare(): Promise<{ customers: number; cases: number }>;
  /** In one write transaction: the last rows, the logged changes, the copy into the store, the end of the mode. */
  commit(): ScratchCommit;
}

export function createScratchIndexer(db: Db, progress: (event: WorkerEvent) => void): ScratchIndexer {
  let following = false;
  let loop: Promise<void> | null = null;
  let failure: Error | null = null;

  /** Per indexed table: its chunks so far, and statements over the store (`main`) and the copy (`scratch`). */
  const sourceState = (source: (typeof FTS_SOURCES)[number]) => {
    const columns = source.columns.join(', ');
    const queue = `main.${queueOf(source)}`;
    const lastSeq = db.prepare<[], number>(`SELECT coalesce(max(seq), 0) FROM ${queue}`).pluck();
    const boundary = db
      .prepare<[number, number], number>(`SELECT rid FROM main.${source.table} WHERE rid > ? ORDER BY rid LIMIT 1 OFFSET ?`)
      .pluck();
    const maxRid = db.prepare<[], number | null>(`SELECT max(rid) FROM main.${source.table}`).pluck();
    const fill = db.prepare(
      `INSERT INTO scratch.${source.fts}(rowid, ${columns}) SELECT rid, ${columns} FROM main.${source.table} WHERE rid > ? AND rid <= ?`,
    );
    const removals = db.prepare<[], { seq: number; rid: number }>(`SELECT seq, rid FROM ${queue} WHERE cmd = '${REMOVED}'`);
    const apply = db.prepare(
      `INSERT INTO scratch.${source.fts}(${source.fts}, rowid, ${columns}) SELECT cmd, rid, ${columns} FROM ${queue} WHERE rid > ? AND rid <= ? AND seq > ? ORDER BY rid, seq`,
    );
    return {
      source,
      chunks: [] as Chunk[],
      upTo: 0,
      indexed: 0,
      lastSeq: () => lastSeq.get() ?? 0,
      boundary: (from: number) => boundary.get(from, CHUNK_ROWS - 1),
      maxRid: () => maxRid.get() ?? undefined,
      fill: (from: number, to: number) => fill.run(from, to).changes,
      removals: () => removals.all(),
      apply: (chunk: Chunk) => apply.run(chunk.from, chunk.to, chunk.seenSeq).changes,
    };
  };
  type Source = ReturnType<typeof sourceState>;
  /** Made in start(): the statements need the attached database. */
  let sources: Source[] = [];

  /** One chunk of one table, read in one snapshot of the store; rows indexed (0: caught up). */
  function indexChunk(s: Source, limit: boolean): number {
    const read = () => {
      const seenSeq = s.lastSeq();
      const to = (limit ? s.boundary(s.upTo) : undefined) ?? s.maxRid();
      if (to === undefined || to <= s.upTo) return 0;
      const rows = s.fill(s.upTo, to);
      s.chunks.push({ from: s.upTo, to, seenSeq });
      s.upTo = to;
      s.indexed += rows;
      return rows;
    };
    // Inside commit() the write transaction is already open (and is the snapshot).
    return db.inTransaction ? read() : db.transaction(read)();
  }

  function step(): number {
    for (const s of sources) {
      const rows = indexChunk(s, true);
      if (rows > 0) {
        const done = sources.reduce((n, x) => n + x.indexed, 0);
        // Rows stored so far (rids, near enough): the load's own total is not known here.
        progress({
          kind: 'bulk-progress',
          phase: 'search-index',
          done,
          total: Math.max(
            done,
            sources.reduce((n, x) => n + x.upTo, 0),
          ),
        });
        return rows;
      }
    }
    return 0;
  }

  async function follow(): Promise<void> {
    while (following) {
      try {
        if (step() > 0) await yieldToQueue();
        else await new Promise((resolve) => setTimeout(resolve, FOLLOW_IDLE_MS));
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        following = false;
      }
    }
  }

  function chunkOf(s: Source, rid: number): Chunk | undefined {
    let lo = 0;
    let hi = s.chunks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const chunk = s.chunks[mid]!;
      if (rid <= chunk.from) hi = mid - 1;
      else if (rid > chunk.to) lo = mid + 1;
      else return chunk;
    }
    return undefined;
  }

  const counts = () => ({
    customers: sources.find((s) => s.source.table === 'customers')?.indexed ?? 0,
    cases: sources.find((s) => s.source.table === 'cases')?.indexed ?? 0,
  });

  const optimize = () => {
    for (const s of sources) db.exec(`INSERT INTO scratch.${s.source.fts}(${s.source.fts}) VALUES ('optimize')`);
  };

  return {
    start() {
      db.exec(`ATTACH DATABASE ':memory:' AS scratch`);
      db.exec(ftsDefinitionIn('scratch', CASES_FTS));
      db.exec(ftsDefinitionIn('scratch', CUSTOMERS_FTS));
      sources = FTS_SOURCES.map(sourceState);
      for (const s of sources) {
        // Large in-memory segments, merged as they come (FTS5's automerge stays on: this thread has the time).
        db.exec(`INSERT INTO scratch.${s.source.fts}(${s.source.fts}, rank) VALUES ('hashsize', ${16 * 1024 * 1024})`);
        db.exec(`INSERT INTO scratch.${s.source.fts}(${s.source.fts}, rank) VALUES ('crisismerge', 1000)`);
      }
      following = true;
      loop = follow();
    },

    async prepare() {
      following = false;
      await loop;
      if (failure !== null) throw failure;
      for (const s of sources) while (indexChunk(s, true) > 0) await yieldToQueue();
      optimize();
      return counts();
    },

    commit() {
      // FTS5's shadow tables are read-only to SQL unless defensive mode is off, for this transaction only.
      db.unsafeMode(true);
      try {
        return db
          .transaction((): ScratchCommit => {
            for (const s of sources) {
              // The write lock makes this the last word: rows stored since prepare(), then what changed.
              indexChunk(s, false);
              for (const removal of s.removals()) {
                const chunk = chunkOf(s, removal.rid);
                if (chunk && removal.seq > chunk.seenSeq)
                  return { outcome: 'abandoned', reason: `a ${s.source.table} row read was deleted during the load` };
              }
              for (const chunk of s.chunks) s.apply(chunk);
            }
            for (const s of sources) {
              for (const table of ftsShadowTables(s.source.fts)) {
                db.exec(`DELETE FROM main.${table}`);
                db.exec(`INSERT INTO main.${table} SELECT * FROM scratch.${table}`);
              }
              db.exec(`DELETE FROM main.${queueOf(s.source)}`);
            }
            for (const name of SCRATCH_TRIGGER_NAMES) db.exec(`DROP TRIGGER IF EXISTS main.${name}`);
            for (const trigger of SEARCH_TRIGGERS) db.exec(trigger);
            const doneKeys = [SCRATCH_MODE_KEY, ...sources.map((s) => s.source.bulkKey)];
            db.prepare(`DELETE FROM main.meta WHERE key IN (${doneKeys.map(() => '?').join(', ')})`).run(...doneKeys);
            return { outcome: 'committed', ...counts() };
          })
          .immediate();
      } finally {
        db.unsafeMode(false);
        db.exec('DETACH DATABASE scratch');
      }
    },
  };
}
