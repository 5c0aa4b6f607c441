import { createHash, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import type { ChangeRequest, ChangeResult, WireCase, WireCustomer } from '../../shared/sync/api';
import { issueWhy } from '../../shared/policy/rule-text';
import { CASE_STATUSES, PRIORITIES, type EntityKind } from '../../shared/store/types';

/**
 * The reference server's own SQLite database: the CRM side of the Sync API.
 *
 * Every change to a customer or case moves it to the end of its change feed:
 * `seq` is the table's rowid, re-assigned on every write, so a feed page is a
 * rowid range scan and a cursor is the last `seq` a client has. Writes are
 * serialised (one process, synchronous SQLite), so a reader never sees a gap
 * that fills in later, which is what makes "everything after seq N" complete.
 */

type Db = InstanceType<typeof Database>;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS customers (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    company TEXT,
    segment TEXT,
    do_not_call INTEGER NOT NULL DEFAULT 0,
    notes TEXT,
    phones TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
  );
  CREATE UNIQUE INDEX IF NOT EXISTS ux_customers_id ON customers(id);
  CREATE TABLE IF NOT EXISTS cases (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    priority TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
  );
  CREATE UNIQUE INDEX IF NOT EXISTS ux_cases_id ON cases(id);
  -- Agent work that has no feed of its own: interactions, wrap-ups, callbacks, escalations.
  CREATE TABLE IF NOT EXISTS records (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
  ) WITHOUT ROWID;
  -- One row per idempotency key of an applied change, with the answer it got.
  CREATE TABLE IF NOT EXISTS changes (
    arrival INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    fingerprint TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    operation TEXT NOT NULL,
    ordering_key TEXT NOT NULL,
    client_created_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    replays INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX IF NOT EXISTS ix_changes_order ON changes(ordering_key, arrival);
`;

interface CustomerRow {
  seq: number;
  id: string;
  name: string;
  email: string | null;
  company: string | null;
  segment: string | null;
  do_not_call: number;
  notes: string | null;
  phones: string;
  created_at: number;
  updated_at: number;
  version: number;
  deleted: number;
}

interface CaseRow {
  seq: number;
  id: string;
  customer_id: string;
  subject: string;
  description: string;
  status: string;
  priority: string;
  created_at: number;
  updated_at: number;
  version: number;
  deleted: number;
}

interface RecordRow {
  kind: string;
  id: string;
  version: number;
  body: string;
  created_at: number;
  updated_at: number;
}

export function toWireCustomer(row: CustomerRow): WireCustomer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    company: row.company,
    segment: row.segment,
    doNotCall: row.do_not_call !== 0,
    notes: row.notes,
    phones: JSON.parse(row.phones) as WireCustomer['phones'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toWireCase(row: CaseRow): WireCase {
  return {
    id: row.id,
    customerId: row.customer_id,
    subject: row.subject,
    description: row.description,
    status: row.status as WireCase['status'],
    priority: row.priority as WireCase['priority'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

// What a change may carry for each kind. Unknown fields are refused (a client
// sending them has a different idea of the API than this server).
const phone = z.union([
  z
    .string()
    .trim()
    .min(1)
    .max(64)
    .transform((number) => ({ number, label: null })),
  z.strictObject({ number: z.string().trim().min(1).max(64), label: z.string().max(64).nullable().default(null) }),
]);
const customerFields = {
  name: z.string().trim().min(1).max(300),
  email: z.string().max(320).nullable(),
  company: z.string().max(300).nullable(),
  segment: z.string().max(100).nullable(),
  doNotCall: z.boolean(),
  notes: z.string().max(20_000).nullable(),
  phones: z.array(phone).max(20),
};
const customerCreate = z.strictObject({
  name: customerFields.name,
  email: customerFields.email.default(null),
  company: customerFields.company.default(null),
  segment: customerFields.segment.default(null),
  doNotCall: customerFields.doNotCall.default(false),
  notes: customerFields.notes.default(null),
  phones: customerFields.phones.default([]),
  createdAt: z.number().int().min(0).optional(),
});
const customerPatch = z.strictObject({
  name: customerFields.name.optional(),
  email: customerFields.email.optional(),
  company: customerFields.company.optional(),
  segment: customerFields.segment.optional(),
  doNotCall: customerFields.doNotCall.optional(),
  notes: customerFields.notes.optional(),
  phones: customerFields.phones.optional(),
});
const caseFields = {
  customerId: z.string().min(1).max(128),
  subject: z.string().trim().min(1).max(500),
  description: z.string().max(20_000),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES),
};
const caseCreate = z.strictObject({
  customerId: caseFields.customerId,
  subject: caseFields.subject,
  description: caseFields.description.default(''),
  status: caseFields.status.default('open'),
  priority: caseFields.priority.default('P3'),
  createdAt: z.number().int().min(0).optional(),
});
const casePatch = z.strictObject({
  customerId: caseFields.customerId.optional(),
  subject: caseFields.subject.optional(),
  description: caseFields.description.optional(),
  status: caseFields.status.optional(),
  priority: caseFields.priority.optional(),
});
/** Agent work is kept as the client sent it; only its size and shape are bounded. */
const recordBody = z.record(z.string().max(64), z.unknown()).refine((r) => Object.keys(r).length <= 100, 'at most 100 fields');

export type ApplyOutcome =
  | { status: 200; result: ChangeResult; replayed: boolean }
  | { status: 409; current: Record<string, unknown>; currentVersion: number; title: string; detail: string }
  | {
      status: 404 | 422;
      code: 'not-found' | 'invalid-request' | 'idempotency-key-reused';
      title: string;
      detail: string;
      issues?: { path: string; message: string }[];
    };

export interface ServerCounts {
  customers: number;
  cases: number;
  deletedCustomers: number;
  deletedCases: number;
  records: Record<string, number>;
  changes: number;
  replays: number;
}

export type FeedKind = 'customers' | 'cases';

export interface FeedPage {
  items: (WireCustomer | WireCase)[];
  deleted: string[];
  lastSeq: number;
  hasMore: boolean;
  total?: number;
}

/** Keys sorted, so the same change always has the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function fingerprint(change: ChangeRequest): string {
  return createHash('sha256').update(canonical(change)).digest('base64url');
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.') || '(payload)', message: issueWhy(i) }));
}

export class ServerDatabase {
  readonly db: Db;
  readonly instanceId: string;
  private readonly stmts;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('cache_size = -65536');
    this.db.exec(SCHEMA);
    const existing = this.db.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = 'instance'`).get();
    if (existing) {
      this.instanceId = existing.value;
    } else {
      this.instanceId = randomUUID().slice(0, 8);
      this.db.prepare(`INSERT INTO meta(key, value) VALUES ('instance', ?)`).run(this.instanceId);
    }
    const db = this.db;
    this.stmts = {
      customerById: db.prepare<[string], CustomerRow>(`SELECT * FROM customers WHERE id = ?`),
      caseById: db.prepare<[string], CaseRow>(`SELECT * FROM cases WHERE id = ?`),
      recordById: db.prepare<[string, string], RecordRow>(`SELECT * FROM records WHERE kind = ? AND id = ?`),
      nextCustomerSeq: db.prepare<[], { n: number }>(`SELECT coalesce(max(seq), 0) + 1 AS n FROM customers`),
      nextCaseSeq: db.prepare<[], { n: number }>(`SELECT coalesce(max(seq), 0) + 1 AS n FROM cases`),
      insertCustomer: db.prepare(
        `INSERT INTO customers(seq, id, name, email, company, segment, do_not_call, notes, phones, created_at, updated_at, version, deleted)
         VALUES (@seq, @id, @name, @email, @company, @segment, @do_not_call, @notes, @phones, @created_at, @updated_at, @version, @deleted)`,
      ),
      deleteCustomer: db.prepare(`DELETE FROM customers WHERE id = ?`),
      insertCase: db.prepare(
        `INSERT INTO cases(seq, id, customer_id, subject, description, status, priority, created_at, updated_at, version, deleted)
         VALUES (@seq, @id, @customer_id, @subject, @description, @status, @priority, @created_at, @updated_at, @version, @deleted)`,
      ),
      deleteCase: db.prepare(`DELETE FROM cases WHERE id = ?`),
      upsertRecord: db.prepare(
        `INSERT INTO records(kind, id, version, body, created_at, updated_at) VALUES (@kind, @id, @version, @body, @created_at, @updated_at)
         ON CONFLICT(kind, id) DO UPDATE SET version = excluded.version, body = excluded.body, updated_at = excluded.updated_at`,
      ),
      changeByKey: db.prepare<[string], { fingerprint: string; status: number; response: string }>(
        `SELECT fingerprint, status, response FROM changes WHERE idempotency_key = ?`,
      ),
      countReplay: db.prepare(`UPDATE changes SET replays = replays + 1 WHERE idempotency_key = ?`),
      insertChange: db.prepare(
        `INSERT INTO changes(idempotency_key, fingerprint, entity_kind, entity_id, operation, ordering_key, client_created_at, received_at, status, response)
         VALUES (@key, @fingerprint, @entity_kind, @entity_id, @operation, @ordering_key, @client_created_at, @received_at, @status, @response)`,
      ),
      customerFeed: db.prepare<[number, number], CustomerRow>(`SELECT * FROM customers WHERE seq > ? ORDER BY seq LIMIT ?`),
      caseFeed: db.prepare<[number, number], CaseRow>(`SELECT * FROM cases WHERE seq > ? ORDER BY seq LIMIT ?`),
      customerFeedCount: db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM customers WHERE seq > ?`),
      caseFeedCount: db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM cases WHERE seq > ?`),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  getCustomer(id: string): WireCustomer | null {
    const row = this.stmts.customerById.get(id);
    return row && row.deleted === 0 ? toWireCustomer(row) : null;
  }

  getCase(id: string): WireCase | null {
    const row = this.stmts.caseById.get(id);
    return row && row.deleted === 0 ? toWireCase(row) : null;
  }

  getRecord(kind: string, id: string): { version: number; body: Record<string, unknown> } | null {
    const row = this.stmts.recordById.get(kind, id);
    return row ? { version: row.version, body: JSON.parse(row.body) as Record<string, unknown> } : null;
  }

  feed(kind: FeedKind, afterSeq: number, limit: number, withTotal: boolean): FeedPage {
    const rows = kind === 'customers' ? this.stmts.customerFeed.all(afterSeq, limit + 1) : this.stmts.caseFeed.all(afterSeq, limit + 1);
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const items: (WireCustomer | WireCase)[] = [];
    const deleted: string[] = [];
    for (const row of page) {
      if (row.deleted !== 0) deleted.push(row.id);
      else items.push(kind === 'customers' ? toWireCustomer(row as CustomerRow) : toWireCase(row as CaseRow));
    }
    const result: FeedPage = { items, deleted, lastSeq: page.length > 0 ? page[page.length - 1]!.seq : afterSeq, hasMore };
    if (withTotal) result.total = (kind === 'customers' ? this.stmts.customerFeedCount : this.stmts.caseFeedCount).get(afterSeq)!.n;
    return result;
  }

  /**
   * Applies one change exactly once per idempotency key. A key seen before
   * with the same change gets the original answer back (`replayed`); with a
   * different change, 422. Only applied changes are recorded: a 409 or 422
   * leaves no trace, so the client may retry the key once the agent has chosen.
   */
  applyChange(key: string, change: ChangeRequest, now: number): ApplyOutcome {
    return this.db
      .transaction((): ApplyOutcome => {
        const print = fingerprint(change);
        const seen = this.stmts.changeByKey.get(key);
        if (seen) {
          if (seen.fingerprint !== print) {
            return {
              status: 422,
              code: 'idempotency-key-reused',
              title: 'This Idempotency-Key was already used for a different change',
              detail: 'Each change needs its own key; a retry must repeat the change exactly.',
            };
          }
          this.stmts.countReplay.run(key);
          return { status: 200, result: JSON.parse(seen.response) as ChangeResult, replayed: true };
        }
        const outcome = this.applyFresh(change, now);
        if (outcome.status === 200) {
          this.stmts.insertChange.run({
            key,
            fingerprint: print,
            entity_kind: change.entityKind,
            entity_id: change.entityId,
            operation: change.operation,
            ordering_key: change.orderingKey,
            client_created_at: change.createdAt,
            received_at: now,
            status: 200,
            response: JSON.stringify(outcome.result),
          });
        }
        return outcome;
      })
      .immediate();
  }

  private applyFresh(change: ChangeRequest, now: number): ApplyOutcome {
    switch (change.entityKind) {
      case 'customer':
        return this.applyCustomer(change, now);
      case 'case':
        return this.applyCase(change, now);
      default:
        return this.applyRecord(change.entityKind, change, now);
    }
  }

  private applied(change: ChangeRequest, version: number, now: number): ApplyOutcome {
    return {
      status: 200,
      replayed: false,
      result: { status: 'applied', entityKind: change.entityKind, entityId: change.entityId, version, appliedAt: now },
    };
  }

  private conflict(change: ChangeRequest, current: Record<string, unknown>, currentVersion: number, why: string): ApplyOutcome {
    return {
      status: 409,
      current,
      currentVersion,
      title: `The ${change.entityKind} was changed by someone else`,
      detail: why,
    };
  }

  private invalid(error: z.ZodError): ApplyOutcome {
    return {
      status: 422,
      code: 'invalid-request',
      title: 'The change has fields this server does not accept',
      detail: 'See issues.',
      issues: issuesOf(error),
    };
  }

  /** Refuses a stale change (409); `null` when it may go ahead. */
  private checkVersion(change: ChangeRequest, currentVersion: number, current: Record<string, unknown>): ApplyOutcome | null {
    if (change.operation === 'create' && change.expectedVersion === null) {
      return this.conflict(change, current, currentVersion, `It already exists on the server (version ${currentVersion}).`);
    }
    if (change.expectedVersion !== null && change.expectedVersion !== currentVersion) {
      return this.conflict(
        change,
        current,
        currentVersion,
        `The change was based on version ${change.expectedVersion}; the server has version ${currentVersion}.`,
      );
    }
    return null;
  }

  private applyCustomer(change: ChangeRequest, now: number): ApplyOutcome {
    const row = this.stmts.customerById.get(change.entityId);
    const live = row && row.deleted === 0 ? row : undefined;
    const seq = this.stmts.nextCustomerSeq.get()!.n;
    if (change.operation === 'delete') {
      if (!live) return { status: 404, code: 'not-found', title: 'No such customer', detail: 'It does not exist or was already deleted.' };
      const stale = this.checkVersion(change, live.version, toWireCustomer(live));
      if (stale) return stale;
      this.stmts.deleteCustomer.run(live.id);
      this.stmts.insertCustomer.run({ ...live, seq, version: live.version + 1, updated_at: now, deleted: 1 });
      return this.applied(change, live.version + 1, now);
    }
    if (!live) {
      if (change.expectedVersion !== null)
        return { status: 404, code: 'not-found', title: 'No such customer', detail: 'It does not exist on the server.' };
      const parsed = customerCreate.safeParse(change.payload);
      if (!parsed.success) return this.invalid(parsed.error);
      const c = parsed.data;
      if (row) this.stmts.deleteCustomer.run(row.id);
      const version = row ? row.version + 1 : 1;
      this.stmts.insertCustomer.run({
        seq,
        id: change.entityId,
        name: c.name,
        email: c.email,
        company: c.company,
        segment: c.segment,
        do_not_call: c.doNotCall ? 1 : 0,
        notes: c.notes,
        phones: JSON.stringify(c.phones),
        created_at: c.createdAt ?? change.createdAt,
        updated_at: now,
        version,
        deleted: 0,
      });
      return this.applied(change, version, now);
    }
    const stale = this.checkVersion(change, live.version, toWireCustomer(live));
    if (stale) return stale;
    const parsed = customerPatch.safeParse(change.payload);
    if (!parsed.success) return this.invalid(parsed.error);
    const p = parsed.data;
    const version = live.version + 1;
    this.stmts.deleteCustomer.run(live.id);
    this.stmts.insertCustomer.run({
      ...live,
      seq,
      name: p.name ?? live.name,
      email: p.email !== undefined ? p.email : live.email,
      company: p.company !== undefined ? p.company : live.company,
      segment: p.segment !== undefined ? p.segment : live.segment,
      do_not_call: p.doNotCall !== undefined ? (p.doNotCall ? 1 : 0) : live.do_not_call,
      notes: p.notes !== undefined ? p.notes : live.notes,
      phones: p.phones !== undefined ? JSON.stringify(p.phones) : live.phones,
      updated_at: now,
      version,
    });
    return this.applied(change, version, now);
  }

  private applyCase(change: ChangeRequest, now: number): ApplyOutcome {
    const row = this.stmts.caseById.get(change.entityId);
    const live = row && row.deleted === 0 ? row : undefined;
    const seq = this.stmts.nextCaseSeq.get()!.n;
    if (change.operation === 'delete') {
      if (!live) return { status: 404, code: 'not-found', title: 'No such case', detail: 'It does not exist or was already deleted.' };
      const stale = this.checkVersion(change, live.version, toWireCase(live));
      if (stale) return stale;
      this.stmts.deleteCase.run(live.id);
      this.stmts.insertCase.run({ ...live, seq, version: live.version + 1, updated_at: now, deleted: 1 });
      return this.applied(change, live.version + 1, now);
    }
    if (!live) {
      if (change.expectedVersion !== null)
        return { status: 404, code: 'not-found', title: 'No such case', detail: 'It does not exist on the server.' };
      const parsed = caseCreate.safeParse(change.payload);
      if (!parsed.success) return this.invalid(parsed.error);
      const c = parsed.data;
      if (row) this.stmts.deleteCase.run(row.id);
      const version = row ? row.version + 1 : 1;
      this.stmts.insertCase.run({
        seq,
        id: change.entityId,
        customer_id: c.customerId,
        subject: c.subject,
        description: c.description,
        status: c.status,
        priority: c.priority,
        created_at: c.createdAt ?? change.createdAt,
        updated_at: now,
        version,
        deleted: 0,
      });
      return this.applied(change, version, now);
    }
    const stale = this.checkVersion(change, live.version, toWireCase(live));
    if (stale) return stale;
    const parsed = casePatch.safeParse(change.payload);
    if (!parsed.success) return this.invalid(parsed.error);
    const p = parsed.data;
    const version = live.version + 1;
    this.stmts.deleteCase.run(live.id);
    this.stmts.insertCase.run({
      ...live,
      seq,
      customer_id: p.customerId ?? live.customer_id,
      subject: p.subject ?? live.subject,
      description: p.description ?? live.description,
      status: p.status ?? live.status,
      priority: p.priority ?? live.priority,
      updated_at: now,
      version,
    });
    return this.applied(change, version, now);
  }

  private applyRecord(kind: Exclude<EntityKind, 'customer' | 'case'>, change: ChangeRequest, now: number): ApplyOutcome {
    const parsed = recordBody.safeParse(change.payload);
    if (!parsed.success) return this.invalid(parsed.error);
    const existing = this.getRecord(kind, change.entityId);
    if (existing) {
      const stale = this.checkVersion(change, existing.version, { ...existing.body, id: change.entityId, version: existing.version });
      if (stale) return stale;
    } else if (change.expectedVersion !== null) {
      return { status: 404, code: 'not-found', title: `No such ${kind}`, detail: 'It does not exist on the server.' };
    }
    const version = (existing?.version ?? 0) + 1;
    const body = { ...(existing?.body ?? {}), ...parsed.data };
    this.stmts.upsertRecord.run({ kind, id: change.entityId, version, body: JSON.stringify(body), created_at: now, updated_at: now });
    return this.applied(change, version, now);
  }

  counts(): ServerCounts {
    const one = (sql: string): number => this.db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
    const records: Record<string, number> = {};
    for (const r of this.db.prepare<[], { kind: string; n: number }>(`SELECT kind, count(*) AS n FROM records GROUP BY kind`).all()) {
      records[r.kind] = r.n;
    }
    return {
      customers: one(`SELECT count(*) AS n FROM customers WHERE deleted = 0`),
      cases: one(`SELECT count(*) AS n FROM cases WHERE deleted = 0`),
      deletedCustomers: one(`SELECT count(*) AS n FROM customers WHERE deleted = 1`),
      deletedCases: one(`SELECT count(*) AS n FROM cases WHERE deleted = 1`),
      records,
      changes: one(`SELECT count(*) AS n FROM changes`),
      replays: one(`SELECT coalesce(sum(replays), 0) AS n FROM changes`),
    };
  }

  /** Applied changes in the order they arrived, for tests and demos (no payloads). */
  listChanges(
    limit: number,
    orderingKey?: string,
  ): {
    idempotencyKey: string;
    entityKind: string;
    entityId: string;
    operation: string;
    orderingKey: string;
    receivedAt: number;
    replays: number;
  }[] {
    type Row = {
      idempotency_key: string;
      entity_kind: string;
      entity_id: string;
      operation: string;
      ordering_key: string;
      received_at: number;
      replays: number;
    };
    const rows = orderingKey
      ? this.db
          .prepare<[string, number], Row>(`SELECT * FROM changes WHERE ordering_key = ? ORDER BY arrival LIMIT ?`)
          .all(orderingKey, limit)
      : this.db.prepare<[number], Row>(`SELECT * FROM changes ORDER BY arrival LIMIT ?`).all(limit);
    return rows.map((r) => ({
      idempotencyKey: r.idempotency_key,
      entityKind: r.entity_kind,
      entityId: r.entity_id,
      operation: r.operation,
      orderingKey: r.ordering_key,
      receivedAt: r.received_at,
      replays: r.replays,
    }));
  }
}
