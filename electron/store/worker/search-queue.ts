import type { Db } from './connection';
import { drainStatement, FTS_SOURCES, queueOf, SCRATCH_MODE_KEY } from './search-index';

/**
 * The search triggers queue changed text (see SEARCH_TRIGGERS); `flush` hands
 * the queue to FTS5 in one statement per index and empties it. Every
 * transaction that writes customers or cases calls it last, so the queue is
 * empty whenever a transaction commits and searches see what was committed.
 * Except while an initial load's search index is built on the indexer thread
 * (SCRATCH_TRIGGERS): then the queue is the indexer's log, and it empties it.
 */
export interface SearchQueue {
  flush(): void;
}

export function createSearchQueue(db: Db): SearchQueue {
  const queues = FTS_SOURCES.map((source) => ({
    pending: db.prepare<[], number>(`SELECT EXISTS (SELECT 1 FROM ${queueOf(source)})`).pluck(),
    drain: db.prepare(drainStatement(source)),
    empty: db.prepare(`DELETE FROM ${queueOf(source)}`),
  }));
  // Read at every flush, not cached: the indexer thread ends the mode in a transaction of its own.
  const indexerOwnsQueue = db.prepare<[], number>(`SELECT EXISTS (SELECT 1 FROM meta WHERE key = '${SCRATCH_MODE_KEY}')`).pluck();
  return {
    flush() {
      const pending = queues.filter((queue) => queue.pending.get());
      if (pending.length === 0 || indexerOwnsQueue.get()) return;
      for (const queue of pending) {
        queue.drain.run();
        queue.empty.run();
      }
    },
  };
}
