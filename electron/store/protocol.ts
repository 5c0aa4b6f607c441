import type { CaseDetail, CustomerDetail, ImportReport, SearchResult } from '../../shared/store/contract';
import type { LocalChange } from '../../shared/store/schemas';
import type {
  Callback,
  CallerLookup,
  Case,
  Customer,
  EntityKind,
  EscalationRecord,
  Interaction,
  OutboxCounts,
  OutboxRow,
  PulledCase,
  PulledCustomer,
  WrapUpCode,
  WrapUpRecord,
} from '../../shared/store/types';
import type { ScriptRun } from '../../shared/scripts/script-run';
import type { StoreErrorBody } from './errors';
import type { CipherUpgrade } from './worker/cipher-upgrade';
import type { BulkKind } from './worker/bulk-load';
import type { StoreCipher } from './ciphers';
import type { Salvage } from './worker/salvage';
import type { ScratchCommit } from './worker/scratch-index';

/**
 * The messages between main (StoreHost's threads) and the store's worker threads,
 * and the typed operation maps both sides are checked against: main's table of
 * them (op-table.ts) must name every operation here. Everything here crosses a
 * thread boundary by structured clone.
 */

/** indexer: builds an initial load's search index beside the writer (scratch-index.ts), only while one runs. */
export type WorkerRole = 'writer' | 'reader' | 'indexer';

export interface WorkerInit {
  role: WorkerRole;
  /** Name for logs and thread listings: writer, lookup, search, maintenance. */
  name: string;
  file: string;
  /** 64 hex digits (a raw 256-bit key), or null for an unencrypted database (tests of the plain path only). */
  keyHex: string | null;
  /** better-sqlite3's `nativeBinding`: the Electron-ABI addon in Electron, unset under Node. */
  nativeBinding?: string;
  phoneRegion: string;
  /** The key was made in this run: a database that cannot be decrypted lost its key rather than being damaged. */
  keyIsNew: boolean;
  /** A damage marker was found: salvage what can be read and report the file for rebuilding (writer only). */
  damaged: boolean;
}

export type OpenFailureReason = 'not-a-database' | 'wrong-key' | 'integrity-failure' | 'newer-schema' | 'io';

export type WorkerHello =
  | {
      t: 'ready';
      schemaVersion: number;
      /** A bulk load, or a refill of the search indexes (migration 6), to finish (writer only). */
      bulkLoad: BulkKind | null;
      /** The cipher the file is encrypted with (null when unencrypted). */
      cipher: StoreCipher | null;
      /** Set when this start found a file in an older cipher (writer only). */
      cipherUpgrade?: CipherUpgrade;
    }
  | {
      t: 'open-failed';
      reason: OpenFailureReason;
      /** For the log and IT: SQLite's code and what was found; never record contents. */
      detail: string;
      /** Unsent work read from the damaged file before it is moved aside. */
      salvage: Salvage;
    };

export interface WorkerRequest {
  t: 'req';
  id: number;
  op: string;
  args: unknown[];
}

/** 'cipher-upgrade': re-encrypting the file in the current cipher; 'migration': bringing its schema up to this version. */
export type StartupWork = 'cipher-upgrade' | 'migration';

export type WorkerEvent =
  | {
      kind: 'import-progress';
      importId: string;
      phase: 'parsing' | 'validating' | 'writing' | 'indexing' | 'done';
      done: number;
      total: number;
    }
  | { kind: 'bulk-progress'; phase: 'indexing' | 'search-index' | 'done'; done: number; total: number }
  /** The writer is about to do one-time work before the store can open (it may take seconds on a large file). */
  | { kind: 'startup-work'; work: StartupWork; bytes: number }
  /** An operation hit SQLITE_CORRUPT/NOTADB: main marks the file for rebuild. */
  | { kind: 'corruption'; op: string; code: string }
  /** An operation committed new outbox rows (`queued` of them), so sync has work to send. Posted before the operation's answer. */
  | { kind: 'outbox-changed'; queued: number }
  /** For main's logger: ids and codes only. */
  | { kind: 'log'; level: 'warn' | 'error'; message: string; fields: Record<string, string | number> };

export type WorkerMessage =
  | WorkerHello
  /** `ms`: how long the operation ran on the thread (the rest of a request's time is delivery and waiting). */
  | { t: 'res'; id: number; ok: true; result: unknown; ms: number }
  | { t: 'res'; id: number; ok: false; error: StoreErrorBody }
  | { t: 'event'; event: WorkerEvent };

// ---------------------------------------------------------------------------
// Operation inputs and results

export interface SearchOptions {
  query: string;
  limit?: number;
  openOnly?: boolean;
}

export interface InteractionFilter {
  customerId?: string;
  caseId?: string;
  /** startedAt ≥ since (ms). */
  since?: number;
  /** startedAt < until (ms). */
  until?: number;
  limit?: number;
}

export interface InteractionWithWrapUp extends Interaction {
  wrapUp: WrapUpRecord | null;
}

export interface CallbackFilter {
  state?: Callback['state'];
  dueBefore?: number;
  customerId?: string;
  limit?: number;
}

export interface EscalationFilter {
  caseId?: string;
  /** Only escalations not yet resolved. */
  open?: boolean;
  limit?: number;
}

export interface StoreCounts {
  customers: number;
  cases: number;
  openCases: number;
  interactions: number;
  outbox: OutboxCounts;
}

export type CommittedRecord =
  | { kind: 'interaction'; record: Interaction }
  | { kind: 'wrap-up'; record: WrapUpRecord }
  | { kind: 'callback'; record: Callback }
  | { kind: 'escalation'; record: EscalationRecord }
  /** `interaction`: the contact's row with them, once it is logged (null before). */
  | { kind: 'guided-scripts'; record: { interactionId: string; runs: ScriptRun[]; interaction: Interaction | null } }
  | { kind: 'case'; record: Case }
  | { kind: 'customer'; record: Customer };

export interface QueuedOutboxRow {
  id: number;
  idempotencyKey: string;
  entityKind: EntityKind;
  entityId: string;
  orderingKey: string;
  operation: string;
}

export interface CommitResult {
  /** The records as stored, in the order of the changes. */
  records: CommittedRecord[];
  /** Outbox rows written in the same transaction (none for wrap-up drafts). */
  outbox: QueuedOutboxRow[];
}

export interface UpsertOptions {
  /** Replace local rows even when they have unsent local changes (after the agent chose "theirs"). */
  force?: boolean;
  /** Saved in the same transaction as the rows, so a resumed pull never skips or repeats a page. */
  cursor?: { name: string; value: string };
}

/** The feeds a sync page belongs to. */
export type PageKind = 'customers' | 'cases';

/** What main needs from a sync page the writer parsed: enough to ask for the next one. */
export type PageDecodeResult =
  | { ok: true; pageId: number; nextCursor: string; hasMore: boolean; total: number | null; items: number; deleted: number }
  /** The body is not the API's change page; nothing is held. */
  | { ok: false; code: 'bad-json' | 'bad-shape'; detail: string };

export interface UpsertReport {
  inserted: number;
  updated: number;
  /** Same or older version than the stored row: left as is. */
  unchanged: number;
  /** Ids whose local row has unsent changes; left as is (pass `force` to replace). */
  skippedDirty: string[];
  /** Rows refused as malformed, with why; the rest of the batch is stored. */
  rejected: { index: number; id: string | null; issues: string[] }[];
}

/** Who delivers a row: sync (records for the CRM) or the SLA alerts (electron/alerts: rows of kind `alert`). */
export const OUTBOX_DESTINATIONS = ['crm', 'alerts'] as const;
export type OutboxDestination = (typeof OUTBOX_DESTINATIONS)[number];

export interface OutboxDueOptions {
  /** Rows whose next attempt is due at or before this time (default: now). */
  now?: number;
  limit?: number;
  /** Default `crm`: sync never sees an alert row, whoever asks without saying. */
  destination?: OutboxDestination;
}

/** An SLA alert for one webhook, queued at most once per idempotency key (electron/alerts). */
export interface AlertOutboxEntry {
  /** Made from the escalation, the event and the webhook, so the same alert is never queued twice (also after a restart). */
  idempotencyKey: string;
  /** The escalation's id. */
  entityId: string;
  orderingKey: string;
  operation: string;
  payload: unknown;
}

export interface OutboxSent {
  id: number;
  /** The server's version of the entity after this change; recorded on the customer or case. */
  serverVersion?: number | null;
  sentAt?: number;
}

export interface OutboxFailure {
  /** Short machine-readable code, e.g. `http-500`, `timeout`, `http-422`. */
  code: string;
  /** For the agent or IT; keep personal data out of it. Sync stores a message's JSON (electron/sync/failure-text.ts). */
  message: string;
}

export interface OutboxListOptions {
  states?: OutboxRow['state'][];
  orderingKey?: string;
  limit?: number;
}

export interface OutboxSnapshotOptions {
  /** How many parked rows to list, oldest first (default 200, at most 5,000). */
  parkedLimit?: number;
  /** How many conflicting rows to list, oldest first (default 200, at most 5,000). */
  conflictLimit?: number;
}

/** The outbox as of one moment: the counts and the lists agree (one read transaction). */
export interface OutboxSnapshot {
  counts: OutboxCounts;
  parked: OutboxRow[];
  conflicts: OutboxRow[];
}

export interface BulkLoadReport {
  customers: number;
  cases: number;
  indexMs: number;
  searchIndexMs: number;
}

export interface ImportBeginOptions {
  fileName: string;
  format?: 'csv' | 'json';
  kind?: 'customers' | 'cases';
}

export interface ImportFileOptions {
  format?: 'csv' | 'json';
  kind?: 'customers' | 'cases';
  dryRun?: boolean;
}

export interface IntegrityResult {
  ok: boolean;
  /** The first problems SQLite reported, joined; null when ok. */
  problem: string | null;
  durationMs: number;
}

/**
 * Operations the read-only connections (lookup, search, maintenance) answer. Main calls them by
 * these names and signatures (StoreClient, through op-table.ts), so optional arguments get their
 * defaults here, on the thread.
 */
export interface ReaderOps {
  /**
   * The screen pop: the caller's number (raw caller ID is fine: SIP URIs, markup and formatting
   * are stripped) → every customer with that number and their open cases. Exact E.164 first, then
   * the last 10…7 digits.
   */
  lookupCaller(number: string): CallerLookup;
  getCustomer(id: string): CustomerDetail | null;
  getCase(id: string): CaseDetail | null;
  /** Searches customers and cases; any text is taken literally (FTS syntax is not interpreted). */
  search(query: string | SearchOptions): SearchResult;
  getInteraction(id: string): InteractionWithWrapUp | null;
  listInteractions(filter?: InteractionFilter): InteractionWithWrapUp[];
  getWrapUp(interactionId: string): WrapUpRecord | null;
  listWrapUpCodes(options?: { includeInactive?: boolean }): WrapUpCode[];
  listCallbacks(filter?: CallbackFilter): Callback[];
  getEscalation(id: string): EscalationRecord | null;
  listEscalations(filter?: EscalationFilter): EscalationRecord[];
  /** Whether a number may not be called: on the do-not-call list (from do-not-call wrap-ups), or a number of a customer the CRM marks do not call. */
  isDoNotCall(number: string): boolean;
  counts(): StoreCounts;
  /** The stored server version of a customer or case; null when it has none or does not exist. */
  localVersion(kind: 'customer' | 'case', id: string): number | null;
  integrityCheck(): IntegrityResult;
}

/** Operations the one writer connection answers (it answers ReaderOps too). */
export interface WriterOps {
  /** Several changes in one transaction, each with its outbox row (design rule 5). */
  commitLocal(changes: LocalChange[]): CommitResult;
  /** Stores the configured wrap-up catalog (labels stay readable for old wrap-ups after the config changes). */
  replaceWrapUpCodes(codes: WrapUpCode[]): { count: number };
  /** Stores a pulled page; newer versions replace older, dirty rows are skipped unless `force`. The cursor commits with the rows. */
  upsertCustomers(rows: PulledCustomer[], options?: UpsertOptions): Promise<UpsertReport>;
  upsertCases(rows: PulledCase[], options?: UpsertOptions): Promise<UpsertReport>;
  deleteCustomers(ids: string[]): { deleted: number };
  deleteCases(ids: string[]): { deleted: number };
  /**
   * A sync change page as it came off the wire (its raw body), parsed and checked here instead of
   * on main, and held for `storePage`. Answers with the page's cursor and counts as soon as it is
   * parsed, also while another page is being stored. Main moves a body that spans its whole
   * ArrayBuffer here instead of copying it: the caller must not use it afterwards.
   */
  decodePage(kind: PageKind, body: Uint8Array): PageDecodeResult;
  /** Stores a held page: its deletions, then its rows, the cursor committing with the last of them. `deleted`: ids the page listed. */
  storePage(pageId: number, options?: UpsertOptions): Promise<UpsertReport & { deleted: number }>;
  getCursor(name: string): string | null;
  setCursor(name: string, value: string): void;
  /** Rows to send now: the oldest unsent row of each ordering key, if it is pending and due. */
  outboxDue(options?: OutboxDueOptions): OutboxRow[];
  /**
   * Queues SLA alerts in one transaction, due at `now` (the caller's clock; default: now); an
   * idempotency key already in the outbox is skipped (`queued` counts the new ones).
   */
  outboxEnqueueAlerts(entries: AlertOutboxEntry[], options?: { now?: number }): { queued: number };
  /** The server took these; `serverVersion` is recorded on the customer or case, which is clean once nothing else waits. */
  outboxMarkSent(items: OutboxSent[]): { updated: number };
  /** A transient failure: try again at `nextAttemptAt` with the same idempotency key. */
  outboxRetryLater(id: number, nextAttemptAt: number, failure: OutboxFailure): void;
  /** A failure a person must act on (4xx other than 409/429); holds back its ordering key. */
  outboxPark(id: number, failure: OutboxFailure): void;
  /** The server has a newer version (409); the agent chooses; holds back its ordering key. */
  outboxConflict(id: number, failure: OutboxFailure): void;
  /** Parked or conflicting rows back to pending, same idempotency keys. */
  outboxRequeue(ids: number[]): { updated: number };
  /** Gives up on rows (e.g. the agent chose "theirs"); they count as sent with code `discarded`. */
  outboxDiscard(ids: number[], reason: string): { updated: number };
  outboxCounts(): OutboxCounts;
  outboxList(options?: OutboxListOptions): OutboxRow[];
  /** Counts and the parked and conflicting rows as of one moment (one request, one read transaction): they always agree. */
  outboxSnapshot(options?: OutboxSnapshotOptions): OutboxSnapshot;
  outboxPruneSent(sentBefore: number): { deleted: number };
  restoreSalvage(salvage: Salvage): { outboxRows: number; records: number };
  /** `parallelSearchIndex`: an indexer thread will build the search index; the answer says whether this load runs that way. */
  beginBulkLoad(options?: { parallelSearchIndex?: boolean }): { parallelSearchIndex: boolean };
  /** The pop and last-digits indexes of a bulk load, built now (ms); `finishBulkLoad` does the rest. */
  buildBulkIndexes(): Promise<number>;
  finishBulkLoad(): Promise<BulkLoadReport>;
  importBegin(importId: string, options: ImportBeginOptions): void;
  importAppend(importId: string, chunk: string): { receivedChars: number };
  importCommit(importId: string, options?: { dryRun?: boolean }): ImportReport;
  importCancel(importId: string): void;
  /** Imports a file this thread reads itself (the CLI); a relative path is taken from the process's working folder. */
  importFile(file: string, options?: ImportFileOptions): ImportReport;
  /**
   * Small values other services keep with the data (e.g. the sync engine's last-sync time),
   * committed like everything else. Use a prefix per owner (`sync.…`); keys without a dot are the store's own.
   */
  getMeta(key: string): string | null;
  setMeta(key: string, value: string | null): void;
  /** Writes the WAL back into the database file. */
  checkpoint(): void;
  /** Runs the search-index merges owed to recent writes now instead of a second after writes stop (tests, benchmarks, before a backup). */
  runIdleMaintenance(): Promise<{ steps: number }>;
}

/** Operations of the indexer thread (scratch-index.ts). */
export interface IndexerOps {
  scratchStart(): void;
  scratchPrepare(): Promise<{ customers: number; cases: number }>;
  scratchCommit(): ScratchCommit;
}

export type OpName<Ops> = Extract<keyof Ops, string>;
export type OpArgs<Ops, K extends keyof Ops> = Ops[K] extends (...args: infer A) => unknown ? A : never;
export type OpResult<Ops, K extends keyof Ops> = Ops[K] extends (...args: never[]) => infer R ? Awaited<R> : never;
