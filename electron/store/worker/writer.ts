import path from 'node:path';
import { wrapUpCodeSchema } from '../../../shared/config/workflow';
import type { PulledCase, PulledCustomer } from '../../../shared/store/types';
import { StoreError } from '../errors';
import { englishOf } from '../../../shared/text/user-text';
import { readPulledCase, readPulledCustomer, type Read } from '../import/records';
import type { UpsertOptions, UpsertReport, WorkerEvent, WriterOps } from '../protocol';
import { createBulkLoad, type BulkKind } from './bulk-load';
import { WAL_AUTOCHECKPOINT_PAGES, type Db } from './connection';
import { createIdleMaintenance } from './idle-maintenance';
import { createImportRunner } from './import-runner';
import { createLocalChanges } from './local-changes';
import { createOutbox } from './outbox';
import { createRecordWriter, type UpsertOutcome } from './record-writer';
import { restoreSalvage } from './salvage';
import { createSyncPages } from './sync-pages';
import { yieldToQueue } from './yield-to-queue';
import { issueEnglish } from '../../../shared/policy/rule-text';

/**
 * Sync batches are written in transactions of this many rows, yielding
 * between them, so an agent's write waits for one chunk (tens of ms), never
 * for a whole batch.
 */
const UPSERT_CHUNK = 500;
const MAX_BATCH = 50_000;

export interface WriterContext {
  phoneRegion: string;
  emit(event: WorkerEvent): void;
}

/** Long operations run one at a time, in arrival order; short ones run between their chunks. */
function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    pending += 1;
    const run = tail.then(job, job).finally(() => {
      pending -= 1;
    });
    tail = run.catch(() => undefined);
    return run;
  };
  return Object.assign(enqueue, { busy: () => pending > 0 });
}

export type Writer = WriterOps & {
  bulkActive(): boolean;
  bulkKind(): BulkKind | null;
  stopMaintenance(): void;
  /** Outbox rows queued since the last call (entry.ts announces them to main after each operation). */
  takeOutboxQueued(): number;
};

export function createWriterOps(db: Db, ctx: WriterContext): Writer {
  const now = () => Date.now();
  const records = createRecordWriter(db);
  const outbox = createOutbox(db);
  const local = createLocalChanges(db, outbox, records, { phoneRegion: ctx.phoneRegion, now });
  const bulk = createBulkLoad(db, records);
  const emit = (event: WorkerEvent) => ctx.emit(event);
  const imports = createImportRunner(db, records, { phoneRegion: ctx.phoneRegion, now, progress: emit, bulkLoadActive: () => bulk.active });
  const long = serialQueue();
  const pages = createSyncPages();
  /** A transaction that writes customers or cases: their search-index changes go in with it. */
  const inWriteTransaction = <T>(fn: () => T): T =>
    db
      .transaction(() => {
        const result = fn();
        records.flushSearchQueue();
        return result;
      })
      .immediate();
  const maintenance = createIdleMaintenance(db, {
    busy: () => long.busy() || bulk.active,
    onError: (error) =>
      emit({
        kind: 'log',
        level: 'warn',
        message: 'search index upkeep failed; it is tried again after the next write',
        fields: { error: error instanceof Error ? error.message.slice(0, 120) : 'unknown' },
      }),
  });
  /** Writes that reach the full-text indexes owe an idle merge. */
  const written = <T>(result: T): T => {
    maintenance.noteWrite();
    return result;
  };
  const s = {
    getCursor: db.prepare<[string], { value: string }>('SELECT value FROM sync_cursors WHERE name = ?'),
    setCursor: db.prepare(
      'INSERT INTO sync_cursors (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ),
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    deleteMeta: db.prepare('DELETE FROM meta WHERE key = ?'),
    clearCodes: db.prepare('DELETE FROM wrapup_codes'),
    insertCode: db.prepare(
      'INSERT INTO wrapup_codes (code, label, category, needs_note, triggers, active, resolves_by_default, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };

  function checkCursor(cursor: UpsertOptions['cursor']): void {
    if (cursor === undefined) return;
    if (
      typeof cursor.name !== 'string' ||
      cursor.name.length === 0 ||
      cursor.name.length > 200 ||
      typeof cursor.value !== 'string' ||
      cursor.value.length > 10_000
    ) {
      throw new StoreError('invalid-input', 'The sync cursor was refused', [
        'cursor: name (1-200 chars) and value (text, at most 10000 chars) are required',
      ]);
    }
  }

  /** Writes a pulled batch in chunks; the cursor commits with the last chunk. */
  async function upsertBatch<T, R extends { id: string }>(
    rows: T[],
    options: UpsertOptions,
    read: (row: T) => Read<R>,
    write: (record: R, policy: { force: boolean; now: number }) => UpsertOutcome,
  ): Promise<UpsertReport> {
    if (!Array.isArray(rows)) throw new StoreError('invalid-input', 'Expected a list of rows');
    if (rows.length > MAX_BATCH) throw new StoreError('invalid-input', `At most ${MAX_BATCH} rows per batch`);
    checkCursor(options.cursor);
    const report: UpsertReport = { inserted: 0, updated: 0, unchanged: 0, skippedDirty: [], rejected: [] };
    const checked: { index: number; record: R }[] = [];
    rows.forEach((row, index) => {
      const result = read(row);
      if (result.ok) checked.push({ index, record: result.value });
      else {
        const id = typeof (row as { id?: unknown }).id === 'string' ? (row as { id: string }).id : null;
        report.rejected.push({ index, id, issues: result.problems.map((p) => `${p.field ?? '(row)'}: ${englishOf(p.message)}`) });
      }
    });
    // Sorted ids touch the unique index in order: fewer distinct pages per chunk.
    checked.sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : a.index - b.index));
    const policy = { force: options.force === true, now: now() };
    // A batch's chunks would each copy the WAL back, a third of a batch's time (docs/performance.md,
    // "Store: sync batches"); the batch's pages are checkpointed once, when the writer is next idle.
    // A bulk load keeps them as they are: its WAL would otherwise grow to the size of the whole load.
    const deferCheckpoint = !bulk.active;
    if (deferCheckpoint) db.pragma('wal_autocheckpoint=0');
    try {
      for (let start = 0; start < checked.length || start === 0; start += UPSERT_CHUNK) {
        const chunk = checked.slice(start, start + UPSERT_CHUNK);
        const last = start + UPSERT_CHUNK >= checked.length;
        db.transaction(() => {
          for (const { record } of chunk) {
            const outcome = write(record, policy);
            if (outcome === 'dirty') report.skippedDirty.push(record.id);
            else report[outcome] += 1;
          }
          records.flushSearchQueue();
          if (last && options.cursor) s.setCursor.run(options.cursor.name, options.cursor.value, now());
        }).immediate();
        if (last) break;
        await yieldToQueue();
      }
    } finally {
      if (deferCheckpoint) db.pragma(`wal_autocheckpoint=${WAL_AUTOCHECKPOINT_PAGES}`);
    }
    maintenance.noteWrite({ checkpoint: deferCheckpoint });
    return report;
  }

  /** Server-side deletions, in one transaction; how many rows were there. */
  const deleteRows = (kind: 'customers' | 'cases', ids: string[]): number =>
    written(
      inWriteTransaction(() => {
        const remove = kind === 'customers' ? (id: string) => records.deleteCustomer(id) : (id: string) => records.deleteCase(id);
        return ids.reduce((n, id) => n + (remove(String(id)) ? 1 : 0), 0);
      }),
    );
  const upsertCustomerRows = (rows: PulledCustomer[], options: UpsertOptions) =>
    upsertBatch(
      rows,
      options,
      (row: PulledCustomer) => readPulledCustomer(row, { phoneRegion: ctx.phoneRegion, strictPhones: false }),
      (record, policy) => records.upsertCustomer(record, policy),
    );
  const upsertCaseRows = (rows: PulledCase[], options: UpsertOptions) =>
    upsertBatch(
      rows,
      options,
      (row: PulledCase) => readPulledCase(row),
      (record, policy) => records.upsertCase(record, policy),
    );

  const ops: Writer = {
    bulkActive: () => bulk.active,
    bulkKind: () => bulk.kind,
    stopMaintenance: () => maintenance.stop(),
    takeOutboxQueued: () => outbox.takeQueued(),

    commitLocal: (changes) => written(local.commit(changes)),

    replaceWrapUpCodes(codes) {
      if (!Array.isArray(codes)) throw new StoreError('invalid-input', 'Expected a list of wrap-up codes');
      const issues: string[] = [];
      const parsed = codes.map((code, i) => {
        const result = wrapUpCodeSchema.safeParse(code);
        if (!result.success) for (const issue of result.error.issues) issues.push(issueEnglish(issue, { under: ['codes', i] }));
        return result.data;
      });
      const seen = new Set<string>();
      parsed.forEach((code, i) => {
        if (!code) return;
        if (seen.has(code.code)) issues.push(`codes.${i}.code: "${code.code}" appears twice`);
        seen.add(code.code);
      });
      if (issues.length > 0) throw new StoreError('invalid-input', 'The wrap-up catalog was refused', issues.slice(0, 50));
      db.transaction(() => {
        s.clearCodes.run();
        parsed.forEach((c, order) => {
          if (!c) return;
          s.insertCode.run(
            c.code,
            c.label,
            c.category,
            c.needsNote ? 1 : 0,
            JSON.stringify(c.triggers),
            c.active ? 1 : 0,
            c.resolvesByDefault ? 1 : 0,
            order,
          );
        });
      }).immediate();
      return { count: parsed.length };
    },

    upsertCustomers: (rows, options) => long(() => upsertCustomerRows(rows, options ?? {})),
    upsertCases: (rows, options) => long(() => upsertCaseRows(rows, options ?? {})),

    deleteCustomers: (ids) => ({ deleted: deleteRows('customers', ids) }),
    deleteCases: (ids) => ({ deleted: deleteRows('cases', ids) }),

    decodePage: (kind, body) => pages.decode(kind, body),

    storePage(pageId, options) {
      const { kind, page } = pages.take(pageId);
      return long(async () => {
        // As in a pull of parsed pages: a deletion commits before the rows and cursor; deleting again after a crash is harmless.
        if (page.deleted.length > 0) deleteRows(kind, page.deleted);
        // Rows are checked one by one by the upsert, as rows sent parsed are.
        const report =
          kind === 'customers'
            ? await upsertCustomerRows(page.items as PulledCustomer[], options ?? {})
            : await upsertCaseRows(page.items as PulledCase[], options ?? {});
        return { ...report, deleted: page.deleted.length };
      });
    },

    getCursor: (name) => s.getCursor.get(name)?.value ?? null,
    setCursor(name, value) {
      checkCursor({ name, value });
      s.setCursor.run(name, value, now());
    },

    outboxDue: (options) => outbox.due(options?.now ?? now(), options?.limit ?? 100, options?.destination ?? 'crm'),
    outboxEnqueueAlerts: (entries, options) => ({ queued: outbox.enqueueAlerts(entries, options?.now ?? now()) }),

    outboxMarkSent(items) {
      return db
        .transaction(() => {
          const { updated, entities } = outbox.markSent(items, now());
          for (const e of entities) local.confirm(e.kind, e.id, e.serverVersion);
          return { updated };
        })
        .immediate();
    },

    outboxRetryLater: (id, nextAttemptAt, failure) => outbox.retryLater(id, nextAttemptAt, failure),
    outboxPark: (id, failure) => outbox.setState(id, 'parked', failure),
    outboxConflict: (id, failure) => outbox.setState(id, 'conflict', failure),
    outboxRequeue: (ids) => ({ updated: outbox.requeue(ids, now()) }),
    outboxDiscard: (ids, reason) => ({ updated: outbox.discard(ids, reason, now()) }),
    outboxCounts: () => outbox.counts(),
    outboxList: (options) => outbox.list(options ?? {}),
    outboxSnapshot: (options) => outbox.snapshot(options ?? {}),
    outboxPruneSent: (sentBefore) => ({ deleted: outbox.pruneSent(sentBefore) }),
    restoreSalvage(salvage) {
      const restored = restoreSalvage(db, salvage, records);
      outbox.noteQueued(restored.outboxRows);
      return restored;
    },

    beginBulkLoad: (options) => ({ parallelSearchIndex: bulk.begin(options?.parallelSearchIndex === true) }),
    buildBulkIndexes: () =>
      long(async () => {
        if (!bulk.active) return 0;
        emit({ kind: 'bulk-progress', phase: 'indexing', done: 0, total: 1 });
        return bulk.buildIndexes();
      }),
    finishBulkLoad: () => long(() => bulk.finish(emit)).then(written),

    importBegin: (importId, options) => imports.begin(importId, options),
    importAppend: (importId, chunk) => imports.append(importId, chunk),
    importCommit: (importId, options) => written(imports.commit(importId, options?.dryRun === true)),
    importCancel: (importId) => imports.cancel(importId),
    importFile(file, options = {}) {
      const { dryRun, ...rest } = options;
      return written(imports.importFile(path.resolve(file), rest, dryRun === true));
    },

    getMeta: (key) => s.getMeta.get(key)?.value ?? null,
    setMeta(key, value) {
      if (value === null) s.deleteMeta.run(key);
      else s.setMeta.run(key, value);
    },

    checkpoint() {
      db.pragma('wal_checkpoint(TRUNCATE)');
    },

    runIdleMaintenance: () => maintenance.drain(),
  };
  return ops;
}
