import type { StoreStatus } from '../../shared/store/contract';
import type { CommitShortcuts } from './commit-shortcuts';
import type { OpLatency } from './op-latency';
import type { StoreOps } from './op-table';
import type { BulkLoadReport, IntegrityResult } from './protocol';
import type { RecoveryInfo, StoreEventSource } from './store-events';
import type { ThreadHealth } from './store-threads';
import type { PriorityOutcome } from './worker/thread-priority';
import type { ThreadMemory } from './worker/thread-memory';

/**
 * The store as each kind of consumer sees it. A service takes the ports it uses, never the whole
 * StoreClient (which has all of them), so what it can do to the data is in its constructor's type,
 * and a test can hand it a real store or a small fake. The query and command parts are picked
 * from StoreOps (op-table.ts), so they always match the worker's operations.
 */

/** The screen pop: who is calling, their open cases, and the customer or case the agent opens from it. */
export type ScreenPopPort = Pick<StoreOps, 'lookupCaller' | 'getCustomer' | 'getCase'>;

/** Finding a customer or case by its text or number, then opening it (the find-customer view). */
export type CustomerSearchPort = Pick<StoreOps, 'search' | 'getCustomer' | 'getCase'>;

/** The agent's work as recorded: contacts with their wrap-ups, the wrap-up catalog, callbacks, escalations, do-not-call. */
export type WorkLogReadPort = Pick<
  StoreOps,
  | 'getInteraction'
  | 'listInteractions'
  | 'getWrapUp'
  | 'listWrapUpCodes'
  | 'listCallbacks'
  | 'getEscalation'
  | 'listEscalations'
  | 'isDoNotCall'
>;

/**
 * Recording the agent's work: each change commits with its outbox row (design rule 5), and the
 * store then announces `outboxChanged`, which wakes sync: a writer needs no handle on sync.
 */
export type WorkLogWritePort = Pick<StoreOps, 'commitLocal' | 'replaceWrapUpCodes'> &
  Pick<CommitShortcuts, 'logInteraction' | 'saveWrapUp' | 'saveCallback' | 'saveEscalation'>;

/** The work log, read and written: interactions, wrap-ups, callbacks, escalations. */
export type WorkLogPort = WorkLogReadPort & WorkLogWritePort;

/** Customers and cases the agent creates or edits (a new customer, a number added, a case opened); queued for the CRM like the work log. */
export type RecordEditPort = Pick<CommitShortcuts, 'createCustomer' | 'updateCustomer' | 'createCase' | 'updateCase'>;

/** The agent desk (electron/agent/agent-desk.ts): the screen pop, the work log, and the records it makes or edits. */
export type AgentDeskStorePort = ScreenPopPort & WorkLogPort & RecordEditPort;

/** The outbox as its deliverer sees it: rows due and their fate, the queue's state, and word when a commit queued more. */
/** The outbox, and the logged contact a wrap-up row belongs to (a connector files the wrap-up where the call went). */
export type OutboxQueuePort = Pick<StoreOps, 'outbox' | 'getInteraction'> & StoreEventSource<'outboxChanged'>;

/** An initial download into an empty store: indexes built once at the end (README, "The search index of an initial load"). */
export interface BulkLoadPort extends StoreEventSource<'bulk-progress'> {
  /** A load is under way (also after a restart in the middle of one); a refill of the search indexes is not one. */
  readonly bulkLoadActive: boolean;
  beginBulkLoad(): Promise<void>;
  finishBulkLoad(): Promise<BulkLoadReport>;
}

/** Data pulled from the CRM: pages and batches, deletions, cursors, the server versions stored, the initial bulk load. */
export type PulledDataPort = Pick<
  StoreOps,
  | 'upsertCustomers'
  | 'upsertCases'
  | 'decodePage'
  | 'storePage'
  | 'deleteCustomers'
  | 'deleteCases'
  | 'getCursor'
  | 'setCursor'
  | 'localVersion'
> &
  BulkLoadPort;

/** Small values another service keeps with the data, under its own key prefix (`sync.…`). */
export type StoreMetaPort = Pick<StoreOps, 'getMeta' | 'setMeta'>;

/** Everything sync keeps in the store; electron/sync/store-ports.ts adapts it to the engine's own ports. */
export type SyncStoragePort = OutboxQueuePort & PulledDataPort & StoreMetaPort;

/** Importing customer and case files: the UI in chunks, the CLI by path. All or nothing per file. */
export type ImportPort = Pick<StoreOps, 'importBegin' | 'importAppend' | 'importCommit' | 'importCancel' | 'importFile'> &
  StoreEventSource<'import-progress'>;

/** The store's state for the status view, and the notices it raises. */
export interface StoreStatusPort extends StoreEventSource<'status' | 'notice' | 'recovered'> {
  readonly state: StoreStatus['state'];
  /** Set when this start rebuilt the database; see the `recovered` event. */
  readonly recovery: RecoveryInfo | null;
  /** `counts: false` leaves out the rows held (null), which cost a scan of whole indexes; default true. */
  status(options?: { counts?: boolean }): Promise<StoreStatus>;
}

/** Status plus how the threads have fared, for diagnostics (the zip's `store.json`) and benchmarks. */
export interface StoreAdminPort extends StoreStatusPort {
  /** How long each kind of request took lately, from the call to the answer and on its thread (the last 1,000 of each). */
  requestTimes(): Record<string, OpLatency>;
  /** Background threads and what lowering their CPU priority did (worker/thread-priority.ts). */
  threadPriorities(): Record<string, PriorityOutcome>;
  /** Timeouts, stuck and crashed threads since the store opened, by thread name. */
  threadHealth(): Record<string, ThreadHealth>;
  /** Each running thread's V8 heap now, by thread name. */
  threadMemory(): Promise<Record<string, ThreadMemory>>;
  /** `PRAGMA integrity_check` now, on a thread of its own; a failure marks the file for rebuilding at the next start. */
  runIntegrityCheck(): Promise<IntegrityResult>;
}

/** The store's bridge commands (feature.ts): status, find customer, imports. */
export type StoreCommandsPort = StoreStatusPort & CustomerSearchPort & ImportPort;
