import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from './connection';

/**
 * Runs one FTS5 'merge' statement (one step of merging or of an incremental
 * optimize) and tells whether it did any work: FTS5's documented test is
 * total_changes() moving by two or more.
 */
export function createMergeStep(db: Db): (merge: Statement) => boolean {
  const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  return (merge) => {
    const before = totalChanges.get() ?? 0;
    merge.run();
    return (totalChanges.get() ?? 0) - before >= 2;
  };
}
