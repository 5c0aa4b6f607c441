import type { Db } from './connection';
import { createMergeStep } from './fts-merge';
import { FTS_TABLES } from './search-index';
import { yieldToQueue } from './yield-to-queue';

/**
 * Upkeep the writer thread does when no one is waiting on it: merging the
 * full-text indexes' small segments, and the WAL checkpoint a sync batch put
 * off. Writes leave both to this (automerge is off, see FTS_WRITE_SETTINGS;
 * writer.ts suspends auto-checkpoints during a batch), so a batch costs only
 * its own rows.
 *
 * It starts `idleMs` after the last write, works in steps of at most
 * `mergePages` leaf pages (a few ms each: a request that arrives meanwhile
 * waits for one step, never for the whole merge) and pauses while a batch,
 * import or bulk load is running.
 */
export interface IdleMaintenance {
  /** Something was written: merging (and, after a batch that suspended auto-checkpoints, a checkpoint) is owed once the writer is idle. */
  noteWrite(options?: { checkpoint?: boolean }): void;
  /** Runs every owed step now (tests, benchmarks); resolves when nothing is left. */
  drain(): Promise<{ steps: number }>;
  stop(): void;
}

export interface IdleMaintenanceOptions {
  /** True while a long write (sync batch, import, bulk load) is under way. */
  busy(): boolean;
  idleMs?: number;
  mergePages?: number;
  onError?(error: unknown): void;
}

export function createIdleMaintenance(db: Db, options: IdleMaintenanceOptions): IdleMaintenance {
  const idleMs = options.idleMs ?? 1_000;
  const mergePages = options.mergePages ?? 32;
  const mergeStep = createMergeStep(db);
  // FTS5's 'merge' command: up to N pages of work, only where a level holds `usermerge` segments or more.
  const merges = FTS_TABLES.map((table) => db.prepare(`INSERT INTO ${table}(${table}, rank) VALUES ('merge', ${mergePages})`));
  let timer: NodeJS.Timeout | null = null;
  let owed = false;
  let checkpointOwed = false;
  let running: Promise<number> | null = null;
  let stopped = false;

  /** One step on each index; true while any of them still had work to do. */
  function step(): boolean {
    let more = false;
    for (const merge of merges) if (mergeStep(merge)) more = true;
    return more;
  }

  function arm(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, idleMs);
    timer.unref();
  }

  async function work(): Promise<number> {
    let steps = 0;
    owed = false;
    for (;;) {
      if (stopped) break;
      if (options.busy()) {
        owed = true;
        break;
      }
      steps += 1;
      if (!step()) break;
      await yieldToQueue();
    }
    if (checkpointOwed && !stopped && !options.busy()) {
      checkpointOwed = false;
      // PASSIVE: copies what no reader still needs and never waits on one.
      db.pragma('wal_checkpoint(PASSIVE)');
    }
    return steps;
  }

  function run(): Promise<number> {
    if (running) return running;
    // `.finally` runs after this assignment even when work() ends without awaiting.
    running = work()
      .catch((error: unknown) => {
        options.onError?.(error);
        return 0;
      })
      .finally(() => {
        running = null;
        if (owed) arm();
      });
    return running;
  }

  return {
    noteWrite(note) {
      owed = true;
      if (note?.checkpoint) checkpointOwed = true;
      if (!running) arm();
    },
    async drain() {
      if (timer) clearTimeout(timer);
      timer = null;
      let steps = 0;
      if (running) steps += await running;
      steps += await run();
      return { steps };
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
