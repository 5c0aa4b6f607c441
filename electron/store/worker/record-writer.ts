import type { CaseRecord, CustomerRecord, NormalizedPhone } from '../import/records';
import type { Db } from './connection';
import { createSearchQueue } from './search-queue';

/**
 * Writes customers and cases (with phones) for sync, import and local edits.
 * Statements take positional parameters: at a million rows the difference
 * to named objects is measurable.
 */
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged' | 'dirty';

export interface UpsertPolicy {
  /** Replace even a row with unsent local changes, and regardless of version. */
  force: boolean;
  now: number;
}

interface RowState {
  rid: number;
  version: number | null;
  dirty: number;
  updated_at: number;
}

export interface RecordWriter {
  upsertCustomer(record: CustomerRecord, policy: UpsertPolicy): UpsertOutcome;
  upsertCase(record: CaseRecord, policy: UpsertPolicy): UpsertOutcome;
  replacePhones(customerId: string, phones: NormalizedPhone[]): void;
  deleteCustomer(id: string): boolean;
  deleteCase(id: string): boolean;
  /** Hands the search-index changes queued by this transaction's writes to FTS5: last thing in every transaction that wrote. */
  flushSearchQueue(): void;
}

/** Whether an incoming copy replaces the stored one. */
export function isNewer(incoming: { version: number | null; updatedAt: number }, stored: RowState): boolean {
  if (incoming.version !== null && stored.version !== null) return incoming.version > stored.version;
  // The server's first version of something made here: its confirmation.
  if (incoming.version !== null && stored.version === null) return true;
  return incoming.updatedAt > stored.updated_at;
}

export function createRecordWriter(db: Db): RecordWriter {
  const searchQueue = createSearchQueue(db);
  const s = {
    insertCustomer: db.prepare(
      `INSERT INTO customers (id, name, email, company, segment, do_not_call, notes, created_at, updated_at, version, dirty)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT(id) DO NOTHING`,
    ),
    customerState: db.prepare<[string], RowState>('SELECT rid, version, dirty, updated_at FROM customers WHERE id = ?'),
    updateCustomer: db.prepare(
      `UPDATE customers SET name = ?, email = ?, company = ?, segment = ?, do_not_call = coalesce(?, do_not_call), notes = ?,
         created_at = coalesce(?, created_at), updated_at = ?, version = ?, dirty = 0 WHERE rid = ?`,
    ),
    phonesOf: db.prepare<[string], { number: string; label: string | null }>(
      'SELECT number, label FROM customer_phones WHERE customer_id = ? ORDER BY position',
    ),
    deletePhones: db.prepare('DELETE FROM customer_phones WHERE customer_id = ?'),
    insertPhone: db.prepare('INSERT OR IGNORE INTO customer_phones (number, customer_id, rev, label, position) VALUES (?, ?, ?, ?, ?)'),
    deleteCustomer: db.prepare('DELETE FROM customers WHERE id = ?'),
    insertCase: db.prepare(
      `INSERT INTO cases (id, customer_id, subject, description, status, priority, created_at, updated_at, version, dirty)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT(id) DO NOTHING`,
    ),
    caseState: db.prepare<[string], RowState & { customer_id: string }>(
      'SELECT rid, version, dirty, updated_at, customer_id FROM cases WHERE id = ?',
    ),
    // Two statements: SQLite maintains an index whenever its column is assigned, even to the same value,
    // and nearly every synced change leaves a case with its customer (see POP_INDEX).
    updateCase: db.prepare(
      `UPDATE cases SET subject = ?, description = ?, status = ?, priority = ?,
         created_at = coalesce(?, created_at), updated_at = ?, version = ?, dirty = 0 WHERE rid = ?`,
    ),
    moveCase: db.prepare('UPDATE cases SET customer_id = ? WHERE rid = ?'),
    deleteCase: db.prepare('DELETE FROM cases WHERE id = ?'),
  };

  function insertPhones(customerId: string, phones: NormalizedPhone[]): void {
    phones.forEach((p, position) => s.insertPhone.run(p.number, customerId, p.rev, p.label, position));
  }

  function replacePhones(customerId: string, phones: NormalizedPhone[]): void {
    const current = s.phonesOf.all(customerId);
    const same =
      current.length === phones.length && current.every((c, i) => c.number === phones[i]?.number && c.label === phones[i]?.label);
    if (same) return;
    s.deletePhones.run(customerId);
    insertPhones(customerId, phones);
  }

  return {
    upsertCustomer(r, policy) {
      const updatedAt = r.updatedAt ?? policy.now;
      const createdAt = r.createdAt ?? updatedAt;
      const inserted = s.insertCustomer.run(
        r.id,
        r.name,
        r.email,
        r.company,
        r.segment,
        r.doNotCall ? 1 : 0,
        r.notes,
        createdAt,
        updatedAt,
        r.version,
      );
      if (inserted.changes === 1) {
        insertPhones(r.id, r.phones);
        return 'inserted';
      }
      const stored = s.customerState.get(r.id);
      if (!stored) throw new Error('customer vanished during upsert');
      if (!policy.force && stored.dirty !== 0) return 'dirty';
      if (!policy.force && !isNewer({ version: r.version, updatedAt }, stored)) return 'unchanged';
      const doNotCall = r.doNotCall === null ? null : r.doNotCall ? 1 : 0;
      s.updateCustomer.run(r.name, r.email, r.company, r.segment, doNotCall, r.notes, r.createdAt, updatedAt, r.version, stored.rid);
      replacePhones(r.id, r.phones);
      return 'updated';
    },

    upsertCase(r, policy) {
      const updatedAt = r.updatedAt ?? policy.now;
      const createdAt = r.createdAt ?? updatedAt;
      const inserted = s.insertCase.run(
        r.id,
        r.customerId,
        r.subject,
        r.description,
        r.status,
        r.priority,
        createdAt,
        updatedAt,
        r.version,
      );
      if (inserted.changes === 1) return 'inserted';
      const stored = s.caseState.get(r.id);
      if (!stored) throw new Error('case vanished during upsert');
      if (!policy.force && stored.dirty !== 0) return 'dirty';
      if (!policy.force && !isNewer({ version: r.version, updatedAt }, stored)) return 'unchanged';
      s.updateCase.run(r.subject, r.description, r.status, r.priority, r.createdAt, updatedAt, r.version, stored.rid);
      if (stored.customer_id !== r.customerId) s.moveCase.run(r.customerId, stored.rid);
      return 'updated';
    },

    replacePhones,

    deleteCustomer(id) {
      s.deletePhones.run(id);
      return s.deleteCustomer.run(id).changes > 0;
    },

    deleteCase(id) {
      return s.deleteCase.run(id).changes > 0;
    },

    flushSearchQueue: () => searchQueue.flush(),
  };
}
