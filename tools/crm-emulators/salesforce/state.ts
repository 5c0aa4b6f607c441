import type { RequestLogEntry as CommonRequestLogEntry } from '../common/request-log';
import { recordError } from './http';
import { makeId, objectOfPrefix, parseId, type PrefixedObject } from './ids';
import { recordJson, type FieldValue, type SfRecord } from './records';
import {
  CASE_FACT_FIELDS,
  deriveAccount,
  deriveCase,
  deriveCaseFacts,
  deriveContact,
  layoutSeed,
  type SeedLayout,
  type SeedOptions,
  type SeedReport,
} from './seed';
import { isDataObject, objectNamed, schemaOf, type DataObject, type ObjectName, type ObjectSchema, type OrgSettings } from './schema';
import { Table } from './table';
import { missingRequired, readWrite, withDefaults, type WriteContext } from './writes';

/**
 * The emulated org: users and queues, and the Account, Contact, Case and Task records (seeded
 * and written), plus what tests assert on (request log, per-route counts, write counts). Tests
 * may write records directly through the same checks the API applies; every change moves
 * SystemModstamp and LastModifiedDate to a later second, so an incremental pull sees it again
 * and If-Unmodified-Since (second resolution) catches it.
 *
 * Deleting sends a record to the Recycle Bin: it stays visible to queryAll (IsDeleted = true) and
 * getDeleted for 15 days, then is purged (REST API Developer Guide › sObject Get Deleted; SOAP API
 * Developer Guide › getDeleted()). `emptyRecycleBin` purges at once, as an admin can.
 */

export interface RequestLogEntry extends CommonRequestLogEntry {
  /** The route's name (`query`, `sobject.upsert`, `collections.create`…), or null for no route. */
  route: string | null;
}

export interface TransactionMark {
  outer: UndoStep[] | null;
  start: number;
  counts: SalesforceState['counts'];
}

interface UndoStep {
  object: ObjectName;
  seq: number;
  previous: SfRecord | undefined;
}

export const RECYCLE_BIN_MS = 15 * 86_400_000;
const MAX_REQUEST_LOG = 200_000;

export interface UserSeed {
  name: string;
  email: string;
}

export class SalesforceState {
  readonly orgId: string;
  readonly tables = new Map<ObjectName, Table<SfRecord>>();
  /** Every request, in arrival order (the oldest are dropped past 200,000). */
  readonly requests: RequestLogEntry[] = [];
  /** Answered API requests per route name: the calls a connector made. */
  readonly routeCounts = new Map<string, number>();
  /** Records served in query pages, per object: how much pulls read (a pull that starts over reads its records twice). */
  readonly served = new Map<ObjectName, number>();
  readonly counts = { creates: 0, updates: 0, deletes: 0, upsertCreates: 0, upsertUpdates: 0 };
  readonly adminId: string;
  readonly userIds: string[] = [];
  readonly queueIds: string[] = [];
  private readonly nextSeq = new Map<ObjectName, number>();
  private nextCaseNumber = 1001;
  private layout: SeedLayout | null = null;
  /** External-id value → Task sequence number, per field name. */
  private readonly externalIds = new Map<string, Map<string, number>>();
  /** When each object's Recycle Bin was last emptied (records deleted before then are gone). */
  private readonly emptiedAt = new Map<ObjectName, number>();
  /** While a transaction runs: what each write replaced, to roll back. */
  private undo: UndoStep[] | null = null;

  constructor(
    readonly now: () => number,
    readonly settings: OrgSettings,
    users: UserSeed[],
    queues: string[],
  ) {
    const seeded = (): SeedLayout => this.layout!;
    this.tables.set('Account', new Table((i) => deriveAccount(seeded(), i)));
    this.tables.set('Contact', new Table((i) => deriveContact(seeded(), i)));
    this.tables.set(
      'Case',
      new Table(
        (i) => deriveCase(seeded(), i),
        (i) => deriveCaseFacts(seeded(), i),
        CASE_FACT_FIELDS,
      ),
    );
    for (const o of ['Task', 'User', 'Group'] as const) this.tables.set(o, new Table(() => undefined as never));
    this.orgId = makeId('Organization', 1);
    const at = Date.UTC(2021, 0, 1);
    for (const user of users) {
      const seq = this.take('User');
      const id = makeId('User', seq);
      const values = { Name: user.name, Username: user.email, Email: user.email, IsActive: true };
      this.table('User').put({
        type: 'User',
        seq,
        id,
        values,
        createdAt: at,
        modifiedAt: at,
        createdById: id,
        modifiedById: id,
        deletedAt: null,
      });
      this.userIds.push(id);
    }
    this.adminId = this.userIds[0]!;
    for (const name of queues) {
      const seq = this.take('Group');
      const id = makeId('Group', seq);
      const values = { Name: name, DeveloperName: name.replace(/\W+/g, '_'), Type: 'Queue' };
      this.table('Group').put({
        type: 'Group',
        seq,
        id,
        values,
        createdAt: at,
        modifiedAt: at,
        createdById: this.adminId,
        modifiedById: this.adminId,
        deletedAt: null,
      });
      this.queueIds.push(id);
    }
  }

  table(object: ObjectName): Table<SfRecord> {
    return this.tables.get(object)!;
  }

  schema(object: ObjectName): ObjectSchema {
    return schemaOf(object, this.settings);
  }

  private take(object: ObjectName, n = 1): number {
    const first = this.nextSeq.get(object) ?? 1;
    this.nextSeq.set(object, first + n);
    return first;
  }

  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > MAX_REQUEST_LOG) this.requests.splice(0, this.requests.length - MAX_REQUEST_LOG);
    if (entry.route && entry.status > 0) this.routeCounts.set(entry.route, (this.routeCounts.get(entry.route) ?? 0) + 1);
  }

  /** Seconds resolution, and always a later second than the previous stamp. */
  private stamp(previousMs: number | null): number {
    const now = Math.floor(this.now() / 1000) * 1000;
    return previousMs === null ? now : Math.max(now, Math.floor(previousMs / 1000) * 1000 + 1000);
  }

  // Seeding ---------------------------------------------------------------------------------

  seed(options: SeedOptions): SeedReport {
    if (this.layout) throw new Error('The emulator was seeded already: seed once, then add records one by one');
    const started = Date.now();
    const accounts = options.accounts ?? (options.contacts > 0 ? Math.max(1, Math.ceil(options.contacts / 10)) : 0);
    const bases = {
      accounts: this.take('Account', accounts),
      contacts: this.take('Contact', options.contacts),
      cases: this.take('Case', options.cases),
      firstCaseNumber: this.nextCaseNumber,
    };
    this.nextCaseNumber += options.cases;
    const owners = { userIds: this.userIds, queueIds: this.queueIds, adminId: this.adminId };
    this.layout = layoutSeed({ ...options, accounts }, bases, owners, this.settings.personAccounts);
    this.table('Account').segment = this.layout.accounts;
    this.table('Contact').segment = this.layout.contacts;
    this.table('Case').segment = this.layout.cases;
    return { accounts, contacts: options.contacts, cases: options.cases, durationMs: Date.now() - started };
  }

  // Reading ---------------------------------------------------------------------------------

  /** Whether a deleted record is still in the Recycle Bin (visible to queryAll and getDeleted). */
  inRecycleBin(record: SfRecord): boolean {
    if (record.deletedAt === null) return false;
    const emptied = this.emptiedAt.get(record.type) ?? Number.NEGATIVE_INFINITY;
    return record.deletedAt > emptied && this.now() - record.deletedAt < RECYCLE_BIN_MS;
  }

  /** The record with this id (live or in the Recycle Bin), or undefined. */
  find(rawId: string): SfRecord | undefined {
    const parsed = parseId(rawId);
    if (!parsed || parsed.seq < 0) return undefined;
    const object = objectOfPrefix(parsed.prefix);
    if (!object || !this.tables.has(object as ObjectName)) return undefined;
    const record = this.table(object as ObjectName).get(parsed.seq);
    if (!record || record.id !== parsed.id) return undefined;
    if (record.deletedAt !== null && !this.inRecycleBin(record)) return undefined;
    return record;
  }

  /** A record's JSON as sObject Rows shows it (every field), for tests. */
  json(rawId: string): Record<string, unknown> | undefined {
    const record = this.find(rawId);
    return record ? recordJson(record, this.schema(record.type)) : undefined;
  }

  /** Live records of an object that pass `test` (walks every record: for tests and small objects). */
  list(object: ObjectName, test: (record: SfRecord) => boolean = () => true): SfRecord[] {
    const table = this.table(object);
    const out: SfRecord[] = [];
    for (const seq of table.walkById(null)) {
      const record = table.get(seq)!;
      if (record.deletedAt === null && test(record)) out.push(record);
    }
    return out;
  }

  /** The earliest time getDeleted can still answer for (the last physical deletion). */
  earliestDateAvailable(object: ObjectName): number {
    let earliest = this.emptiedAt.get(object) ?? Date.UTC(2021, 0, 1);
    for (const record of this.table(object).held.values()) {
      if (record.deletedAt !== null && this.now() - record.deletedAt >= RECYCLE_BIN_MS)
        earliest = Math.max(earliest, record.deletedAt + RECYCLE_BIN_MS);
    }
    return earliest;
  }

  private resolver(): WriteContext['resolve'] {
    return (id) => {
      const parsed = parseId(id)!;
      const object = objectOfPrefix(parsed.prefix) as PrefixedObject;
      const record =
        this.tables.has(object as ObjectName) && parsed.seq >= 0 ? this.table(object as ObjectName).get(parsed.seq) : undefined;
      if (!record || record.id !== parsed.id) return { exists: false, deleted: false };
      if (record.type === 'User' && record.values.IsActive !== true) return { exists: false, deleted: false };
      return { exists: record.deletedAt === null, deleted: record.deletedAt !== null };
    };
  }

  // Writing ---------------------------------------------------------------------------------

  private put(record: SfRecord, previous: SfRecord | null): void {
    this.undo?.push({ object: record.type, seq: record.seq, previous: previous ?? undefined });
    this.table(record.type).put(record);
    this.indexExternalId(previous, record);
  }

  /** Starts recording writes so they can be rolled back; transactions nest. */
  beginTransaction(): TransactionMark {
    const outer = this.undo;
    this.undo = outer ?? [];
    return { outer, start: this.undo.length, counts: { ...this.counts } };
  }

  /** Undoes every write made since `mark` (newest first). */
  rollbackTo(mark: TransactionMark): void {
    Object.assign(this.counts, mark.counts);
    for (const step of (this.undo ?? []).splice(mark.start).reverse()) {
      const current = this.table(step.object).held.get(step.seq) ?? null;
      this.table(step.object).restore(step.seq, step.previous);
      if (current) this.unindexExternalId(current);
      if (step.previous) this.indexExternalId(null, step.previous);
    }
  }

  endTransaction(mark: TransactionMark): void {
    this.undo = mark.outer;
  }

  /**
   * Runs `fn`; if it throws, or `keep` says no, every write it made is rolled back (an
   * allOrNone request). Sequence numbers and case numbers it used stay used, as in Salesforce.
   */
  transaction<T>(fn: () => T, keep: (result: T) => boolean = () => true): T {
    const mark = this.beginTransaction();
    try {
      const result = fn();
      if (!keep(result)) this.rollbackTo(mark);
      return result;
    } catch (error) {
      this.rollbackTo(mark);
      throw error;
    } finally {
      this.endTransaction(mark);
    }
  }

  /** Checks a body as a write would, without writing (throws RecordFailure or a 400). */
  check(object: DataObject, mode: 'create' | 'update', body: Record<string, unknown>, skip: string[] = []): void {
    readWrite(body, this.context(object, mode), skip);
  }

  /** Recomputes the fields Salesforce derives (Name, IsClosed, ClosedDate, Task.AccountId…). */
  private finish(record: SfRecord): void {
    const v = record.values;
    switch (record.type) {
      case 'Contact':
        v.Name = [v.FirstName, v.LastName].filter((p) => p).join(' ');
        if (this.settings.personAccounts) v.IsPersonAccount ??= false;
        break;
      case 'Account':
        if (this.settings.personAccounts) {
          v.IsPersonAccount = v.LastName !== null && v.LastName !== undefined;
          if (v.IsPersonAccount) v.Name = [v.FirstName, v.LastName].filter((p) => p).join(' ');
          v.PersonContactId ??= null;
        }
        break;
      case 'Case': {
        const closed = v.Status === 'Closed';
        v.ClosedDate = closed ? ((v.IsClosed === true ? v.ClosedDate : null) ?? record.modifiedAt) : null;
        v.IsClosed = closed;
        break;
      }
      case 'Task': {
        v.IsClosed = v.Status === 'Completed';
        const what = typeof v.WhatId === 'string' ? this.find(v.WhatId) : undefined;
        const who = typeof v.WhoId === 'string' ? this.find(v.WhoId) : undefined;
        v.AccountId =
          what?.type === 'Account' ? what.id : ((what?.type === 'Case' ? what.values.AccountId : who?.values.AccountId) ?? null);
        break;
      }
    }
  }

  private context(object: DataObject, mode: 'create' | 'update'): WriteContext {
    return { object, schema: this.schema(object), mode, resolve: this.resolver() };
  }

  private checkExternalId(record: SfRecord): void {
    const field = this.settings.taskExternalIdField;
    if (record.type !== 'Task' || !field) return;
    const value = record.values[field];
    const index = this.externalIds.get(field);
    const holder = typeof value === 'string' ? index?.get(value) : undefined;
    if (holder !== undefined && holder !== record.seq) {
      throw recordError(
        'DUPLICATE_VALUE',
        `duplicate value found: ${field} duplicates value on record with id: ${makeId('Task', holder)}`,
        [field],
      );
    }
  }

  private unindexExternalId(record: SfRecord): void {
    const field = this.settings.taskExternalIdField;
    const value = field ? record.values[field] : undefined;
    if (record.type === 'Task' && field && typeof value === 'string' && this.externalIds.get(field)?.get(value) === record.seq) {
      this.externalIds.get(field)!.delete(value);
    }
  }

  private indexExternalId(before: SfRecord | null, after: SfRecord): void {
    const field = this.settings.taskExternalIdField;
    if (after.type !== 'Task' || !field) return;
    let index = this.externalIds.get(field);
    if (!index) this.externalIds.set(field, (index = new Map<string, number>()));
    const old = before?.values[field];
    if (typeof old === 'string' && index.get(old) === after.seq) index.delete(old);
    const value = after.values[field];
    if (typeof value === 'string') index.set(value, after.seq);
  }

  /** The live Task whose external-id field holds `value`, if any. */
  findByExternalId(field: string, value: string): SfRecord | undefined {
    const seq = this.externalIds.get(field)?.get(value);
    const record = seq === undefined ? undefined : this.table('Task').get(seq);
    return record && record.deletedAt === null ? record : undefined;
  }

  /** Creates a record from an API body (throws RecordFailure or a 400 for a bad body). */
  create(object: DataObject, body: Record<string, unknown>, userId: string = this.adminId, skip: string[] = []): SfRecord {
    const values = withDefaults(readWrite(body, this.context(object, 'create'), skip), this.schema(object), userId);
    const required =
      object === 'Contact' ? ['LastName'] : object === 'Account' && !(this.settings.personAccounts && values.LastName) ? ['Name'] : [];
    const missing = missingRequired(values, required);
    if (missing) throw missing;
    if (object === 'Account' && this.settings.personAccounts && values.LastName && values.Name) {
      throw recordError('INVALID_FIELD', 'Cannot specify both Name and LastName: a person account takes FirstName and LastName', ['Name']);
    }
    if (object === 'Case') values.CaseNumber = String(this.nextCaseNumber++).padStart(8, '0');
    const at = this.stamp(null);
    const seq = this.take(object);
    const record: SfRecord = {
      type: object,
      seq,
      id: makeId(object, seq),
      values,
      createdAt: at,
      modifiedAt: at,
      createdById: userId,
      modifiedById: userId,
      deletedAt: null,
    };
    this.finish(record);
    this.checkExternalId(record);
    this.put(record, null);
    this.counts.creates += 1;
    if (record.type === 'Account' && record.values.IsPersonAccount === true) return this.syncPersonContact(record, userId);
    return record;
  }

  /**
   * A person account's contact (Object Reference › Account › Person Account fields): created with
   * the account, and given its person fields whenever the account changes, so the Contact query
   * returns it (IsPersonAccount = true) with the account's phones. Returns the account.
   */
  private syncPersonContact(account: SfRecord, userId: string): SfRecord {
    const a = account.values;
    const current = typeof a.PersonContactId === 'string' ? this.find(a.PersonContactId) : undefined;
    const values = {
      ...(current?.values ?? {}),
      AccountId: account.id,
      FirstName: a.FirstName ?? null,
      LastName: a.LastName ?? null,
      Email: a.PersonEmail ?? null,
      Phone: a.Phone ?? null,
      MobilePhone: a.PersonMobilePhone ?? null,
      HomePhone: a.PersonHomePhone ?? null,
      OtherPhone: a.PersonOtherPhone ?? null,
      OwnerId: a.OwnerId ?? userId,
      IsPersonAccount: true,
    };
    let contact: SfRecord;
    if (current) contact = { ...current, values, modifiedAt: this.stamp(current.modifiedAt), modifiedById: userId };
    else {
      const seq = this.take('Contact');
      contact = {
        type: 'Contact',
        seq,
        id: makeId('Contact', seq),
        values,
        createdAt: account.createdAt,
        modifiedAt: account.modifiedAt,
        createdById: userId,
        modifiedById: userId,
        deletedAt: null,
      };
    }
    this.finish(contact);
    this.put(contact, current ?? null);
    if (current) return account;
    const linked: SfRecord = { ...account, values: { ...account.values, PersonContactId: contact.id } };
    this.put(linked, account);
    return linked;
  }

  /** Applies an API body to a live record (throws RecordFailure or a 400 for a bad body). */
  update(current: SfRecord, body: Record<string, unknown>, userId: string = this.adminId, skip: string[] = []): SfRecord {
    const object = current.type as DataObject;
    if (object === 'Contact' && current.values.IsPersonAccount === true) {
      throw recordError('INVALID_FIELD_FOR_INSERT_UPDATE', "A person account's contact is changed through its Account", []);
    }
    const changes = readWrite(body, this.context(object, 'update'), skip);
    const record: SfRecord = {
      ...current,
      values: { ...current.values, ...changes },
      modifiedAt: this.stamp(current.modifiedAt),
      modifiedById: userId,
    };
    if (object === 'Contact' && !record.values.LastName) throw missingRequired(record.values, ['LastName'])!;
    if (object === 'Account' && !record.values.Name && !record.values.LastName) throw missingRequired(record.values, ['Name'])!;
    this.finish(record);
    this.checkExternalId(record);
    this.put(record, current);
    this.counts.updates += 1;
    if (record.type === 'Account' && record.values.IsPersonAccount === true) return this.syncPersonContact(record, userId);
    return record;
  }

  /** Sends a live record to the Recycle Bin (a person account takes its contact along). */
  delete(current: SfRecord, userId: string = this.adminId, cascade = false): SfRecord {
    if (!cascade && current.type === 'Contact' && current.values.IsPersonAccount === true) {
      throw recordError('INVALID_FIELD_FOR_INSERT_UPDATE', "A person account's contact is deleted with its Account", []);
    }
    const person =
      current.type === 'Account' && typeof current.values.PersonContactId === 'string'
        ? this.find(current.values.PersonContactId)
        : undefined;
    if (person && person.deletedAt === null) this.delete(person, userId, true);
    const at = this.stamp(current.modifiedAt);
    const record: SfRecord = { ...current, values: { ...current.values }, modifiedAt: at, modifiedById: userId, deletedAt: at };
    this.undo?.push({ object: record.type, seq: record.seq, previous: current });
    this.table(current.type).put(record);
    this.unindexExternalId(current);
    this.counts.deletes += 1;
    return record;
  }

  /** An admin empties the object's Recycle Bin: its deleted records are gone for good. */
  emptyRecycleBin(object: ObjectName): void {
    this.emptiedAt.set(object, this.now());
  }

  // Test conveniences (same checks as the API; names as the API spells them) ------------------

  insert(objectName: string, body: Record<string, FieldValue>): string {
    const object = objectNamed(objectName);
    if (!object || !isDataObject(object)) throw new Error(`Not a writable object: ${objectName}`);
    return this.create(object, body).id;
  }

  modify(id: string, body: Record<string, FieldValue>): void {
    const record = this.find(id);
    if (!record || record.deletedAt !== null || !isDataObject(record.type)) throw new Error(`No live record ${id}`);
    this.update(record, body);
  }

  remove(id: string): void {
    const record = this.find(id);
    if (!record || record.deletedAt !== null) throw new Error(`No live record ${id}`);
    this.delete(record);
  }
}
