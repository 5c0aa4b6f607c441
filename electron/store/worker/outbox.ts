import { randomUUID } from 'node:crypto';
import type { EntityKind, OutboxCounts, OutboxRow } from '../../../shared/store/types';
import type {
  AlertOutboxEntry,
  OutboxDestination,
  OutboxFailure,
  OutboxListOptions,
  OutboxSent,
  OutboxSnapshot,
  OutboxSnapshotOptions,
  QueuedOutboxRow,
} from '../protocol';
import type { Db } from './connection';
import { toOutboxRow, type OutboxDbRow } from './records';

/**
 * The outbox: every local change the CRM must learn about, written in the
 * same transaction as the change (design rule 5). Rows sharing an ordering
 * key are delivered strictly in id order: only the oldest unsent row of a key
 * is ever due, so a parked or conflicting row holds back the rows behind it.
 */
export interface Outbox {
  enqueue(entry: {
    entityKind: EntityKind;
    entityId: string;
    orderingKey: string;
    operation: string;
    payload: unknown;
    now: number;
  }): QueuedOutboxRow;
  /**
   * The ordering key for a new row: the key of the newest unsent row of the
   * entity itself or of one of its parents (so a record made after its parent
   * is never delivered before it), else `fallback`.
   */
  keyFor(self: [EntityKind, string], parents: [EntityKind, string | null][], fallback: string): string;
  hasUnsent(kind: EntityKind, id: string): boolean;
  /** SLA alerts, each once: a key already in the outbox (queued, sent or parked) is skipped. Returns how many were new. */
  enqueueAlerts(entries: AlertOutboxEntry[], now: number): number;
  due(now: number, limit: number, destination: OutboxDestination): OutboxRow[];
  markSent(
    items: OutboxSent[],
    now: number,
  ): { updated: number; entities: { kind: EntityKind; id: string; serverVersion: number | null | undefined }[] };
  retryLater(id: number, nextAttemptAt: number, failure: OutboxFailure): void;
  setState(id: number, state: 'parked' | 'conflict', failure: OutboxFailure): void;
  requeue(ids: number[], now: number): number;
  discard(ids: number[], reason: string, now: number): number;
  counts(): OutboxCounts;
  list(options: OutboxListOptions): OutboxRow[];
  /** Counts, parked and conflicting rows read together, so a status built from them never contradicts itself. */
  snapshot(options: OutboxSnapshotOptions): OutboxSnapshot;
  pruneSent(sentBefore: number): number;
  /** Counts rows put in the outbox other than by `enqueue` (work carried over from a damaged file). */
  noteQueued(rows: number): void;
  /**
   * Rows queued since the last call, for main's `outboxChanged`. Taken after every operation
   * (worker/entry.ts): the operations that queue rows commit before they return, and one that
   * failed rolled its rows back, so its count is dropped.
   */
  takeQueued(): number;
}

const MAX_ERROR_MESSAGE = 500;

function failureText(failure: OutboxFailure): [string, string] {
  return [String(failure.code).slice(0, 64), String(failure.message).slice(0, MAX_ERROR_MESSAGE)];
}

export function createOutbox(db: Db): Outbox {
  const s = {
    insert: db.prepare(
      `INSERT INTO outbox (idempotency_key, entity_kind, entity_id, ordering_key, operation, payload, created_at, next_attempt_at, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
    ),
    insertAlert: db.prepare(
      `INSERT INTO outbox (idempotency_key, entity_kind, entity_id, ordering_key, operation, payload, created_at, next_attempt_at, state)
       VALUES (?, 'alert', ?, ?, ?, ?, ?, ?, 'pending') ON CONFLICT (idempotency_key) DO NOTHING`,
    ),
    unsentKey: db.prepare<[string, string], { ordering_key: string }>(
      `SELECT ordering_key FROM outbox WHERE entity_kind = ? AND entity_id = ? AND state <> 'sent' ORDER BY id DESC LIMIT 1`,
    ),
    // Alert rows have ordering keys of their own (electron/alerts), so the head of a key is always of one destination.
    dueCrm: db.prepare<[number, number], OutboxDbRow>(
      `SELECT o.* FROM outbox o
       WHERE o.state = 'pending' AND o.next_attempt_at <= ? AND o.entity_kind <> 'alert'
         AND o.id = (SELECT min(p.id) FROM outbox p WHERE p.ordering_key = o.ordering_key AND p.state <> 'sent')
       ORDER BY o.id LIMIT ?`,
    ),
    dueAlerts: db.prepare<[number, number], OutboxDbRow>(
      `SELECT o.* FROM outbox o
       WHERE o.state = 'pending' AND o.next_attempt_at <= ? AND o.entity_kind = 'alert'
         AND o.id = (SELECT min(p.id) FROM outbox p WHERE p.ordering_key = o.ordering_key AND p.state <> 'sent')
       ORDER BY o.id LIMIT ?`,
    ),
    byId: db.prepare<[number], OutboxDbRow>('SELECT * FROM outbox WHERE id = ?'),
    markSent: db.prepare(
      `UPDATE outbox SET state = 'sent', sent_at = ?, last_error_code = NULL, last_error_message = NULL WHERE id = ? AND state <> 'sent'`,
    ),
    retry: db.prepare(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error_code = ?, last_error_message = ? WHERE id = ? AND state = 'pending'`,
    ),
    setState: db.prepare(
      `UPDATE outbox SET state = ?, attempts = attempts + 1, last_error_code = ?, last_error_message = ? WHERE id = ? AND state <> 'sent'`,
    ),
    requeue: db.prepare(`UPDATE outbox SET state = 'pending', next_attempt_at = ? WHERE id = ? AND state IN ('parked', 'conflict')`),
    discard: db.prepare(
      `UPDATE outbox SET state = 'sent', sent_at = ?, last_error_code = 'discarded', last_error_message = ? WHERE id = ? AND state <> 'sent'`,
    ),
    counts: db.prepare<[], { state: string; n: number }>('SELECT state, count(*) AS n FROM outbox GROUP BY state'),
    prune: db.prepare(`DELETE FROM outbox WHERE state = 'sent' AND sent_at < ?`),
  };

  const inTransaction = <T>(fn: () => T): T => (db.inTransaction ? fn() : db.transaction(fn).immediate());
  // Reads only: a deferred transaction takes no write lock, yet its statements all see one version of the file.
  const oneRead = <T>(fn: () => T): T => (db.inTransaction ? fn() : db.transaction(fn).deferred());

  const counts = (): OutboxCounts => {
    const result: OutboxCounts = { pending: 0, parked: 0, conflict: 0, sent: 0 };
    for (const row of s.counts.all()) if (row.state in result) result[row.state as keyof OutboxCounts] = row.n;
    return result;
  };

  const list = (options: OutboxListOptions): OutboxRow[] => {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const states = options.states && options.states.length > 0 ? options.states : ['pending', 'parked', 'conflict'];
    where.push(`state IN (${states.map(() => '?').join(', ')})`);
    params.push(...states);
    if (options.orderingKey !== undefined) {
      where.push('ordering_key = ?');
      params.push(options.orderingKey);
    }
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 200), 1), 5000);
    return db
      .prepare<(string | number)[], OutboxDbRow>(`SELECT * FROM outbox WHERE ${where.join(' AND ')} ORDER BY id LIMIT ${limit}`)
      .all(...params)
      .map(toOutboxRow);
  };

  let queued = 0;

  return {
    enqueue(entry) {
      queued += 1;
      const key = randomUUID();
      const info = s.insert.run(
        key,
        entry.entityKind,
        entry.entityId,
        entry.orderingKey,
        entry.operation,
        JSON.stringify(entry.payload),
        entry.now,
        entry.now,
      );
      return {
        id: Number(info.lastInsertRowid),
        idempotencyKey: key,
        entityKind: entry.entityKind,
        entityId: entry.entityId,
        orderingKey: entry.orderingKey,
        operation: entry.operation,
      };
    },

    keyFor(self, parents, fallback) {
      for (const [kind, id] of [self, ...parents]) {
        if (id === null) continue;
        const row = s.unsentKey.get(kind, id);
        if (row) return row.ordering_key;
      }
      return fallback;
    },

    hasUnsent(kind, id) {
      return s.unsentKey.get(kind, id) !== undefined;
    },

    enqueueAlerts(entries, now) {
      return inTransaction(() => {
        let added = 0;
        for (const entry of entries) {
          added += s.insertAlert.run(
            entry.idempotencyKey,
            entry.entityId,
            entry.orderingKey,
            entry.operation,
            JSON.stringify(entry.payload),
            now,
            now,
          ).changes;
        }
        queued += added;
        return added;
      });
    },

    due(now, limit, destination) {
      const statement = destination === 'alerts' ? s.dueAlerts : s.dueCrm;
      return statement.all(now, Math.min(Math.max(Math.trunc(limit), 1), 1000)).map(toOutboxRow);
    },

    markSent(items, now) {
      return inTransaction(() => {
        let updated = 0;
        const entities: { kind: EntityKind; id: string; serverVersion: number | null | undefined }[] = [];
        for (const item of items) {
          const changed = s.markSent.run(item.sentAt ?? now, item.id).changes;
          updated += changed;
          if (changed === 0) continue;
          const row = s.byId.get(item.id);
          if (row) entities.push({ kind: row.entity_kind as EntityKind, id: row.entity_id, serverVersion: item.serverVersion });
        }
        return { updated, entities };
      });
    },

    retryLater(id, nextAttemptAt, failure) {
      s.retry.run(Math.trunc(nextAttemptAt), ...failureText(failure), id);
    },

    setState(id, state, failure) {
      s.setState.run(state, ...failureText(failure), id);
    },

    requeue(ids, now) {
      return inTransaction(() => ids.reduce((n, id) => n + s.requeue.run(now, id).changes, 0));
    },

    discard(ids, reason, now) {
      return inTransaction(() => ids.reduce((n, id) => n + s.discard.run(now, String(reason).slice(0, MAX_ERROR_MESSAGE), id).changes, 0));
    },

    counts,
    list,

    snapshot(options) {
      return oneRead(() => {
        const now = counts();
        // No index on state: a list is only read when the count says it has rows (the usual case is none).
        return {
          counts: now,
          parked: now.parked > 0 ? list({ states: ['parked'], limit: options.parkedLimit }) : [],
          conflicts: now.conflict > 0 ? list({ states: ['conflict'], limit: options.conflictLimit }) : [],
        };
      });
    },

    pruneSent(sentBefore) {
      return s.prune.run(sentBefore).changes;
    },

    noteQueued(rows) {
      queued += rows;
    },

    takeQueued() {
      const taken = queued;
      queued = 0;
      return taken;
    },
  };
}
