import type { CallClass } from './call-timeouts';
import type { IndexerOps, OpArgs, OpName, OpResult, ReaderOps, WriterOps } from './protocol';
import { upsertInSlices } from './upsert-slices';

/** Every operation a store thread answers (protocol.ts). */
export type WorkerOps = ReaderOps & WriterOps & IndexerOps;
export type WorkerOpName = OpName<WorkerOps>;
export type WorkerOpArgs<K extends WorkerOpName> = OpArgs<WorkerOps, K>;
export type WorkerOpResult<K extends WorkerOpName> = OpResult<WorkerOps, K>;

/** The threads requests are routed to; a reader's requests go to the writer while it is down, or with `readers: 'writer'`. */
export type RoutedLane = 'writer' | 'lookup' | 'search';
/** `indexer` and `maintenance`: threads StoreHost starts for one job (a bulk load's search index, the integrity check) and calls itself. */
export type OpLane = RoutedLane | 'indexer' | 'maintenance';

export interface OpSpec<K extends WorkerOpName> {
  lane: OpLane;
  /** Which time of call-timeouts.ts the request gets, whichever thread answers it. */
  class: CallClass;
  /** Called by StoreHost only (start-up, bulk load, integrity check), so not a StoreClient method. */
  hostOnly?: true;
  /** Buffers moved to the thread instead of copied. */
  transfer?: (args: WorkerOpArgs<K>) => ArrayBuffer[];
  /** Sends the request other than as one message (`post` sends one). */
  send?: (post: (args: WorkerOpArgs<K>) => Promise<WorkerOpResult<K>>, args: WorkerOpArgs<K>) => Promise<WorkerOpResult<K>>;
}

/**
 * A page body that spans its whole ArrayBuffer (an HTTP body over 4 kB does) is moved to the writer
 * rather than copied (docs/performance.md, "Store: main's side of a sync"); its caller must not use it afterwards.
 */
const wholeBuffer = (body: Uint8Array): ArrayBuffer[] =>
  body instanceof Uint8Array && body.buffer instanceof ArrayBuffer && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength
    ? [body.buffer]
    : [];

/**
 * Every worker operation, with the thread it goes to and the time it gets. StoreClient's query
 * and command methods are made from this table (bindStoreOps), named and typed as protocol.ts
 * declares them; an operation named `outbox<Name>` is `outbox.<name>` there. A new operation is
 * its worker code, its line in protocol.ts and its line here; the compiler refuses a table
 * without it.
 */
export const STORE_OPS = {
  // Screen pop and details: point reads on the lookup thread.
  lookupCaller: { lane: 'lookup', class: 'lookup' },
  getCustomer: { lane: 'lookup', class: 'lookup' },
  getCase: { lane: 'lookup', class: 'lookup' },
  getInteraction: { lane: 'lookup', class: 'lookup' },
  getWrapUp: { lane: 'lookup', class: 'lookup' },
  listWrapUpCodes: { lane: 'lookup', class: 'lookup' },
  getEscalation: { lane: 'lookup', class: 'lookup' },
  isDoNotCall: { lane: 'lookup', class: 'lookup' },
  localVersion: { lane: 'lookup', class: 'lookup' },

  // Searches, lists and counts: the search thread.
  search: { lane: 'search', class: 'read' },
  listInteractions: { lane: 'search', class: 'read' },
  listCallbacks: { lane: 'search', class: 'read' },
  listEscalations: { lane: 'search', class: 'read' },
  counts: { lane: 'search', class: 'read' },

  // Agent work and local edits.
  commitLocal: { lane: 'writer', class: 'write' },
  replaceWrapUpCodes: { lane: 'writer', class: 'write' },

  // Pulled data.
  upsertCustomers: { lane: 'writer', class: 'bulk', send: upsertInSlices },
  upsertCases: { lane: 'writer', class: 'bulk', send: upsertInSlices },
  deleteCustomers: { lane: 'writer', class: 'write' },
  deleteCases: { lane: 'writer', class: 'write' },
  decodePage: { lane: 'writer', class: 'write', transfer: ([, body]) => wholeBuffer(body) },
  storePage: { lane: 'writer', class: 'write' },
  getCursor: { lane: 'writer', class: 'write' },
  setCursor: { lane: 'writer', class: 'write' },

  // The outbox (StoreClient.outbox).
  outboxDue: { lane: 'writer', class: 'write' },
  outboxEnqueueAlerts: { lane: 'writer', class: 'write' },
  outboxMarkSent: { lane: 'writer', class: 'write' },
  outboxRetryLater: { lane: 'writer', class: 'write' },
  outboxPark: { lane: 'writer', class: 'write' },
  outboxConflict: { lane: 'writer', class: 'write' },
  outboxRequeue: { lane: 'writer', class: 'write' },
  outboxDiscard: { lane: 'writer', class: 'write' },
  outboxCounts: { lane: 'writer', class: 'write' },
  outboxList: { lane: 'writer', class: 'write' },
  outboxSnapshot: { lane: 'writer', class: 'write' },
  outboxPruneSent: { lane: 'writer', class: 'write' },

  // Imports.
  importBegin: { lane: 'writer', class: 'write' },
  importAppend: { lane: 'writer', class: 'write' },
  importCommit: { lane: 'writer', class: 'bulk' },
  importCancel: { lane: 'writer', class: 'write' },
  importFile: { lane: 'writer', class: 'bulk' },

  // Meta values and upkeep.
  getMeta: { lane: 'writer', class: 'write' },
  setMeta: { lane: 'writer', class: 'write' },
  checkpoint: { lane: 'writer', class: 'bulk' },
  runIdleMaintenance: { lane: 'writer', class: 'bulk' },

  // StoreHost's own: carrying work over at start-up, the bulk load and its indexer, the integrity check.
  restoreSalvage: { lane: 'writer', class: 'bulk', hostOnly: true },
  beginBulkLoad: { lane: 'writer', class: 'bulk', hostOnly: true },
  buildBulkIndexes: { lane: 'writer', class: 'bulk', hostOnly: true },
  finishBulkLoad: { lane: 'writer', class: 'bulk', hostOnly: true },
  scratchStart: { lane: 'indexer', class: 'bulk', hostOnly: true },
  scratchPrepare: { lane: 'indexer', class: 'bulk', hostOnly: true },
  scratchCommit: { lane: 'indexer', class: 'bulk', hostOnly: true },
  integrityCheck: { lane: 'maintenance', class: 'bulk', hostOnly: true },
} as const satisfies { [K in WorkerOpName]: OpSpec<K> };

type Table = typeof STORE_OPS;
type FacadeOp = { [K in WorkerOpName]: Table[K] extends { hostOnly: true } ? never : K }[WorkerOpName];
type Promised<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;

/**
 * StoreClient's query and command methods: one per operation of STORE_OPS that is not StoreHost's
 * own, with the worker's name and arguments, resolving with its answer.
 */
export type StoreOps = {
  [K in keyof WorkerOps as K extends FacadeOp ? (K extends `outbox${string}` ? never : K) : never]: Promised<WorkerOps[K]>;
} & {
  readonly outbox: {
    [K in keyof WorkerOps as K extends FacadeOp ? (K extends `outbox${infer Name}` ? Uncapitalize<Name> : never) : never]: Promised<
      WorkerOps[K]
    >;
  };
};

/** A typed request, sent as STORE_OPS says (StoreHost's own calls). */
export type CallOp = <K extends WorkerOpName>(op: K, ...args: WorkerOpArgs<K>) => Promise<WorkerOpResult<K>>;

/** Sends one request to the thread STORE_OPS names for it; rejects (never throws) when the store cannot take it. */
export type PostRequest = (op: WorkerOpName, args: unknown[], transfer: ArrayBuffer[]) => Promise<unknown>;

interface UntypedSpec {
  lane: OpLane;
  hostOnly?: true;
  transfer?: (args: never) => ArrayBuffer[];
  send?: (post: never, args: never) => Promise<unknown>;
}

/** The methods of StoreOps, each sending its operation through `post` as STORE_OPS says. */
export function bindStoreOps(post: PostRequest): StoreOps {
  const methods: Record<string, unknown> = {};
  const outbox: Record<string, unknown> = {};
  for (const op of Object.keys(STORE_OPS) as WorkerOpName[]) {
    // Each spec is checked against its own operation's types above; here they are all alike.
    const spec: UntypedSpec = STORE_OPS[op];
    if ('hostOnly' in spec) continue;
    const once = (args: unknown[]) => post(op, args, spec.transfer?.(args as never) ?? []);
    const send = spec.send;
    const method = send ? (...args: unknown[]) => send(once as never, args as never) : (...args: unknown[]) => once(args);
    if (op.startsWith('outbox')) outbox[op.charAt(6).toLowerCase() + op.slice(7)] = method;
    else methods[op] = method;
  }
  return { ...methods, outbox } as unknown as StoreOps;
}

/** The lane's own requests (worker-lane.ts), answered at once, before any operation. */
const LANE_OPS = new Set(['__ping', '__background', '__memory']);

/** One of the lane's own requests (a ping, the priority, the heap), not store work. */
export function isLaneOp(op: string): boolean {
  return LANE_OPS.has(op);
}

/** The time class of `op` (call-timeouts.ts): the table's, for the lane's own requests a lookup's, for anything else (test hooks) a write's. */
export function callClass(op: string): CallClass {
  if (Object.hasOwn(STORE_OPS, op)) return STORE_OPS[op as WorkerOpName].class;
  return LANE_OPS.has(op) ? 'lookup' : 'write';
}

/** The thread STORE_OPS sends `op` to. */
export function laneOf(op: WorkerOpName): OpLane {
  return STORE_OPS[op].lane;
}
