import { reversedDigits } from '../../../shared/store/phone';
import type { Callback, Case, Customer, EscalationRecord, Interaction, OutboxRow, WrapUpRecord } from '../../../shared/store/types';
import type { Db } from './connection';
import type { RecordWriter } from './record-writer';
import {
  callbackParams,
  escalationParams,
  interactionParams,
  toInteraction,
  toOutboxRow,
  toWrapUp,
  wrapUpParams,
  type InteractionRow,
  type OutboxDbRow,
  type WrapUpRow,
} from './records';

/**
 * What is rescued from a damaged database before it is moved aside: every
 * unsent outbox row (the agent's work the CRM has not seen yet) and the
 * wrap-up drafts with their contacts. Reading stops at the first damaged page
 * of a table; what was read before it is kept.
 */
export interface Salvage {
  outbox: OutboxRow[];
  interactions: Interaction[];
  wrapUps: WrapUpRecord[];
}

function readWhile<T>(run: () => Iterable<T>, limit: number): T[] {
  const out: T[] = [];
  try {
    for (const row of run()) {
      out.push(row);
      if (out.length >= limit) break;
    }
  } catch {
    // Damaged from here on; keep what was read.
  }
  return out;
}

export function readSalvage(db: Db): Salvage {
  const outbox = readWhile(
    () => db.prepare<[], OutboxDbRow>(`SELECT * FROM outbox WHERE state <> 'sent' ORDER BY id`).iterate(),
    100_000,
  ).flatMap((row) => {
    try {
      return [toOutboxRow(row)];
    } catch {
      return [];
    }
  });
  const wrapUps = readWhile(() => db.prepare<[], WrapUpRow>(`SELECT * FROM wrapups WHERE state = 'draft'`).iterate(), 10_000).map(toWrapUp);
  const interactions: Interaction[] = [];
  const byId = (() => {
    try {
      return db.prepare<[string], InteractionRow>('SELECT * FROM interactions WHERE id = ?');
    } catch {
      return null;
    }
  })();
  for (const w of wrapUps) {
    try {
      const row = byId?.get(w.interactionId);
      if (row) interactions.push(toInteraction(row));
    } catch {
      // That page is damaged.
    }
  }
  return { outbox, interactions, wrapUps };
}

/**
 * Puts salvaged work into the new database: the outbox rows as they were
 * (same idempotency keys, same order), and the records they describe, so the
 * agent still sees them before the CRM sends them back.
 */
export function restoreSalvage(
  db: Db,
  salvage: Salvage,
  writer: Pick<RecordWriter, 'flushSearchQueue'>,
): { outboxRows: number; records: number } {
  const interactions = new Map<string, Interaction>(salvage.interactions.map((i) => [i.id, i]));
  const wrapUps = new Map<string, WrapUpRecord>(salvage.wrapUps.map((w) => [w.interactionId, w]));
  const callbacks = new Map<string, Callback>();
  const escalations = new Map<string, EscalationRecord>();
  const cases = new Map<string, Case>();
  const customers = new Map<string, Customer>();
  for (const row of salvage.outbox) {
    const p = row.payload as Record<string, unknown> | null;
    if (p === null || typeof p !== 'object') continue;
    if (row.entityKind === 'interaction' && row.operation === 'upsert') interactions.set(row.entityId, p as unknown as Interaction);
    if (row.entityKind === 'wrap-up') wrapUps.set(row.entityId, p as unknown as WrapUpRecord);
    if (row.entityKind === 'callback') callbacks.set(row.entityId, p as unknown as Callback);
    if (row.entityKind === 'escalation') escalations.set(row.entityId, p as unknown as EscalationRecord);
    if (row.entityKind === 'case' && row.operation === 'create') cases.set(row.entityId, p as unknown as Case);
    if (row.entityKind === 'customer' && row.operation === 'create') customers.set(row.entityId, p as unknown as Customer);
  }
  const insertOutbox = db.prepare(
    `INSERT OR IGNORE INTO outbox (idempotency_key, entity_kind, entity_id, ordering_key, operation, payload, created_at, attempts,
       next_attempt_at, state, last_error_code, last_error_message, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const put = (table: string, params: Record<string, string | number | null>) => {
    const names = Object.keys(params);
    db.prepare(`INSERT OR REPLACE INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(params);
  };
  let records = 0;
  const restore = db.transaction(() => {
    for (const r of [...salvage.outbox].sort((a, b) => a.id - b.id)) {
      insertOutbox.run(
        r.idempotencyKey,
        r.entityKind,
        r.entityId,
        r.orderingKey,
        r.operation,
        JSON.stringify(r.payload),
        r.createdAt,
        r.attempts,
        r.nextAttemptAt,
        r.state,
        r.lastErrorCode,
        r.lastErrorMessage,
        r.sentAt,
      );
    }
    const tryPut = (table: string, params: () => Record<string, string | number | null>) => {
      try {
        put(table, params());
        records += 1;
      } catch {
        // A payload that no longer fits the table is still in the outbox; the CRM gets it.
      }
    };
    const now = Date.now();
    for (const i of interactions.values()) tryPut('interactions', () => interactionParams(i, now, now));
    for (const w of wrapUps.values()) tryPut('wrapups', () => wrapUpParams(w));
    for (const c of callbacks.values()) tryPut('callbacks', () => callbackParams(c));
    for (const e of escalations.values()) tryPut('escalations', () => escalationParams(e));
    for (const c of customers.values()) {
      tryPut('customers', () => ({
        id: c.id,
        name: c.name,
        email: c.email,
        company: c.company,
        segment: c.segment,
        do_not_call: c.doNotCall ? 1 : 0,
        notes: c.notes,
        created_at: c.createdAt,
        updated_at: c.updatedAt,
        version: c.version,
        dirty: 1,
      }));
      c.phones.forEach((p, position) =>
        tryPut('customer_phones', () => ({ number: p.number, customer_id: c.id, rev: reversedDigits(p.number), label: p.label, position })),
      );
    }
    for (const c of cases.values()) {
      tryPut('cases', () => ({
        id: c.id,
        customer_id: c.customerId,
        subject: c.subject,
        description: c.description,
        status: c.status,
        priority: c.priority,
        created_at: c.createdAt,
        updated_at: c.updatedAt,
        version: c.version,
        dirty: 1,
      }));
    }
    writer.flushSearchQueue();
  });
  // REPLACE fires a table's delete triggers only with recursive triggers on: without them a customer
  // or case already in the file would be replaced with its old words left in the search index.
  db.pragma('recursive_triggers=ON');
  try {
    restore.immediate();
  } finally {
    db.pragma('recursive_triggers=OFF');
  }
  return { outboxRows: salvage.outbox.length, records };
}
