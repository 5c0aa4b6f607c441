import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConnection, type Db } from '../../../electron/store/worker/connection';
import { createIdleMaintenance } from '../../../electron/store/worker/idle-maintenance';
import { migrate } from '../../../electron/store/worker/migrations';
import { createSearchQueue } from '../../../electron/store/worker/search-queue';
import { tempDataDir } from './support';

/**
 * Writes leave the search index's merging (and, after a sync batch, the WAL
 * checkpoint) to the writer's idle time. What the agent would notice if this
 * broke: searches slowing down as small segments pile up, or a WAL that grows
 * without end. Real SQLite files, real FTS5.
 */
describe('idle maintenance of the local store', () => {
  const dirs: { cleanup: () => void }[] = [];
  const dbs: Db[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    for (const d of dirs.splice(0)) d.cleanup();
  });

  function storeWithManySmallCommits(commits: number): { db: Db; file: string } {
    const tmp = tempDataDir('idle');
    dirs.push(tmp);
    const file = path.join(tmp.dir, 'store.db');
    const db = openConnection({ file, keyHex: null, role: 'writer' });
    dbs.push(db);
    migrate(db);
    const insert = db.prepare(
      `INSERT INTO cases (id, customer_id, subject, description, status, priority, created_at, updated_at) VALUES (?, 'C-1', ?, 'notes', 'open', 'P3', 1, 1)`,
    );
    const searchQueue = createSearchQueue(db);
    // One commit per sync chunk: each flushes its own small full-text segment (automerge is off).
    for (let i = 0; i < commits; i += 1) {
      db.transaction(() => {
        insert.run(`K-${i}`, i === 7 ? 'Thermostat flickers' : `Router case ${i}`);
        searchQueue.flush();
      }).immediate();
    }
    return { db, file };
  }

  /** Whether FTS5 still finds merging to do: tried in a transaction that is rolled back, so the check changes nothing. */
  const mergeLeftToDo = (db: Db): boolean => {
    db.exec('BEGIN IMMEDIATE');
    try {
      const before = db.prepare('SELECT total_changes()').pluck().get() as number;
      db.exec(`INSERT INTO cases_fts(cases_fts, rank) VALUES ('merge', 1000)`);
      return (db.prepare('SELECT total_changes()').pluck().get() as number) - before >= 2;
    } finally {
      db.exec('ROLLBACK');
    }
  };

  it('merges the small segments writes left, in steps, until nothing is left; search finds the same rows', async () => {
    const { db } = storeWithManySmallCommits(40);
    const search = () => db.prepare(`SELECT rowid FROM cases_fts WHERE cases_fts MATCH '"thermostat"'`).pluck().all();
    const before = search();
    expect(mergeLeftToDo(db)).toBe(true);
    const maintenance = createIdleMaintenance(db, { busy: () => false, mergePages: 4 });
    // 40 commits: two levels' worth of 16 segments.
    const { steps } = await maintenance.drain();
    expect(steps).toBeGreaterThan(1);
    expect(mergeLeftToDo(db)).toBe(false);
    expect(search()).toEqual(before);
    expect(before).toHaveLength(1);
    // FTS5's own check of the index against the table: throws SQLITE_CORRUPT_VTAB on a mismatch.
    expect(() => db.exec(`INSERT INTO cases_fts(cases_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
  });

  it('does nothing while a long write is under way, and catches up by itself once the writer is idle', async () => {
    const { db } = storeWithManySmallCommits(40);
    let busy = true;
    const maintenance = createIdleMaintenance(db, { busy: () => busy, idleMs: 20 });
    expect(mergeLeftToDo(db)).toBe(true);
    expect((await maintenance.drain()).steps).toBe(0);
    maintenance.noteWrite();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(mergeLeftToDo(db)).toBe(true);
    busy = false;
    // Still owed after the busy attempts: the next idle timer does the work without another write.
    await expect.poll(() => mergeLeftToDo(db), { timeout: 3_000, interval: 50 }).toBe(false);
    maintenance.stop();
  });

  it('checkpoints the WAL a batch left (the database file takes the pages) once idle', async () => {
    const { db, file } = storeWithManySmallCommits(1);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('wal_autocheckpoint=0');
    const insert = db.prepare(
      `INSERT INTO cases (id, customer_id, subject, description, status, priority, created_at, updated_at) VALUES (?, 'C-2', 'Batch row', ?, 'open', 'P3', 1, 1)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 2_000; i += 1) insert.run(`B-${i}`, 'x'.repeat(300));
    }).immediate();
    const sizeBefore = statSync(file).size;
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(500_000);

    const maintenance = createIdleMaintenance(db, { busy: () => false, idleMs: 10 });
    maintenance.noteWrite({ checkpoint: true });
    await expect.poll(() => statSync(file).size, { timeout: 3_000, interval: 20 }).toBeGreaterThan(sizeBefore + 500_000);
    maintenance.stop();
  });
});
