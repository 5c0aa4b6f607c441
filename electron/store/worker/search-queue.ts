import type { Db } from './connection';
import { drainStatement, FTS_SOURCES, queueOf } from './search-index';

/**
 * The search triggers queue changed text (see SEARCH_TRIGGERS); `flush` hands
 * the queue to FTS5 in one statement per index and empties it. Every
 * transaction that writes customers or cases calls it last, so the queue is
 * empty whenever a transaction commits and searches see what was committed.
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
  return {
    flush() {
      for (const queue of queues) {
        if (!queue.pending.get()) continue;
        queue.drain.run();
        queue.empty.run();
      }
    },
  };
}
