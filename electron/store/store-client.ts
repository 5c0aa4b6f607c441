import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { NOTICE_LEVELS } from '../../shared/app/contract';
import type { CaseDetail, CustomerDetail, ImportReport, SearchResult, StoreStatus } from '../../shared/store/contract';
import { DEFAULT_PHONE_REGION } from '../../shared/store/phone';
import type { CallbackInput, CasePatch, CustomerPatch, LocalChange, NewCaseInput, NewCustomerInput } from '../../shared/store/schemas';
import type {
  Callback,
  CallerLookup,
  Case,
  Customer,
  EscalationRecord,
  Interaction,
  OutboxCounts,
  OutboxRow,
  PulledCase,
  PulledCustomer,
  WrapUpCode,
  WrapUpRecord,
} from '../../shared/store/types';
import { TypedEmitter, type Listener } from '../../shared/events/typed-emitter';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { isMarkedDamaged, markDamaged, moveAside } from './damaged-files';
import { StoreError } from './errors';
import type {
  BulkLoadReport,
  CallbackFilter,
  CommitResult,
  EscalationFilter,
  ImportBeginOptions,
  IntegrityResult,
  InteractionFilter,
  InteractionWithWrapUp,
  OpArgs,
  OpName,
  OpResult,
  OutboxDueOptions,
  OutboxFailure,
  OutboxListOptions,
  OutboxSent,
  OutboxSnapshot,
  OutboxSnapshotOptions,
  PageDecodeResult,
  PageKind,
  QueuedOutboxRow,
  ReaderOps,
  SearchOptions,
  StartupWork,
  StoreCounts,
  UpsertOptions,
  UpsertReport,
  WorkerEvent,
  WorkerHello,
  WorkerInit,
  WriterOps,
} from './protocol';
import { loadOrCreateStoreKey, StoreKeyError } from './store-key';
import { OpLatencyLog, type OpLatency } from './op-latency';
import { WorkerLane } from './worker-lane';
import { CALL_LIMITS, type CallLimits } from './call-timeouts';
import { CIPHER_DESCRIPTIONS, type StoreCipher } from './ciphers';
import type { BulkKind } from './worker/bulk-load';
import type { CipherUpgrade } from './worker/cipher-upgrade';
import type { ScratchCommit } from './worker/scratch-index';
import type { PriorityOutcome } from './worker/thread-priority';
import { resolveWorkerScript, type WorkerScript } from './worker-script';

export interface StoreOptions {
  /** The installation's data folder; the database lives in `<dataDir>/store/switchboard.db`. */
  dataDir: string;
  /** Holds the database key (per host: `store.key` in Electron, `web-shell.store.key` with key files; see store-key.ts). */
  secrets: SecretStore;
  log: Logger;
  /** better-sqlite3's addon for Electron's ABI; unset under Node. */
  nativeBinding?: string;
  /** Region for numbers written without a country code (default US). */
  phoneRegion?: string;
  /** Worker script (a bundle or a .ts file); by default the bundle beside the running code. */
  workerScript?: string;
  /** Encryption at rest; on unless a test needs the plain path. */
  encrypt?: boolean;
  /**
   * `separate` (default): screen-pop lookups and searches each get their own
   * reader thread, so a pop never waits behind a search or a write.
   * `writer`: everything on the writer thread (small tools and tests).
   */
  readers?: 'separate' | 'writer';
  /** Background `PRAGMA integrity_check`: first after `delayMs`, then at most once per `everyMs`. False turns it off. */
  integrityCheck?: { delayMs: number; everyMs: number } | false;
  /** Told while `open` is still running when the file needs one-time work first (re-encryption, a schema update). */
  onStartupWork?: (work: StartupWork, bytes: number) => void;
  /**
   * A bulk load's search index built on a thread of its own while the rows come in (default true;
   * off with `readers: 'writer'`). False: the writer fills it after the last row, as tests of that path need.
   */
  parallelSearchIndex?: boolean;
  /** How long requests may take and when a thread is taken for stuck (default CALL_LIMITS, call-timeouts.ts); tests set shorter ones. */
  callLimits?: { timeoutMs?: Partial<CallLimits['timeoutMs']>; stuckAfterMs?: number };
}

/** What the store's threads have been through since the store opened, by thread name (diagnostics). */
export interface ThreadHealth {
  /** Requests that got no answer in their time (StoreError 'timeout'). */
  timeouts: number;
  /** Times the thread stopped answering altogether and was ended and replaced. */
  stuck: number;
  /** Times the thread ended on its own (a crash) and was replaced. */
  crashed: number;
}

export type RecoveryReason = 'not-a-database' | 'wrong-key' | 'integrity-failure' | 'unreadable';

export interface RecoveryInfo {
  at: number;
  reason: RecoveryReason;
  movedAsideAs: string;
  salvagedOutboxRows: number;
}

export interface StoreNotice {
  id: string;
  level: NoticeLevel;
  message: string;
}

export interface StoreEvents {
  /** Something the agent or IT should read (forward to `app.notice`). */
  notice: StoreNotice;
  /** Status changed (state, recovery, integrity, bulk load); call `status()` for the new one. */
  status: null;
  'import-progress': Extract<WorkerEvent, { kind: 'import-progress' }>;
  'bulk-progress': Extract<WorkerEvent, { kind: 'bulk-progress' }>;
  /** The database was moved aside and rebuilt at this start; a sync source should refill it (cursors are gone). */
  recovered: RecoveryInfo;
}

type LaneName = 'writer' | 'lookup' | 'search';
type NoticeLevel = (typeof NOTICE_LEVELS)[number];

const DEFAULT_INTEGRITY = { delayMs: 60_000, everyMs: 24 * 3600_000 };
const RESTART_WINDOW_MS = 5 * 60_000;
/** Rows per message to the writer for big sync batches (see upsertInSlices). */
const UPSERT_SLICE = 1000;
/** The writer's own limit per batch; larger ones go as one message and are refused there. */
const MAX_UPSERT_BATCH = 50_000;
const MAX_RESTARTS = 3;
const RECOVERABLE = new Set<string>(['not-a-database', 'wrong-key', 'integrity-failure']);

const OPEN_PROBLEMS: Record<string, string> = {
  'newer-schema': 'The local database was written by a newer version of Switchboard. Update Switchboard to use it; it was left untouched.',
  io: 'The local database could not be opened (disk full, no permission, or locked). Check the disk and restart Switchboard.',
};

/**
 * The offline case store, as the rest of main uses it. Every method sends a
 * typed request to a worker thread and resolves with its answer; main never
 * runs SQL. Lookups go to their own reader thread, searches to another, writes
 * to the one writer. Failures reject with a StoreError (code + safe message).
 * See electron/store/README.md.
 */
export class StoreClient {
  readonly file: string;
  private readonly options: StoreOptions;
  private readonly log: Logger;
  private readonly phoneRegion: string;
  private readonly encrypted: boolean;
  private readonly events = new TypedEmitter<StoreEvents>((event, error) =>
    this.log.error('store event listener failed', { event, error: error instanceof Error ? error.name : typeof error }),
  );
  private readonly lanes: Record<LaneName, WorkerLane | null> = { writer: null, lookup: null, search: null };
  private readonly restarts: Record<LaneName, number[]> = { writer: [], lookup: [], search: [] };
  private script: WorkerScript | null = null;
  private keyHex: string | null = null;
  private stateValue: StoreStatus['state'] = 'starting';
  private problem: string | null = null;
  private recoveryInfo: RecoveryInfo | null = null;
  private schema: number | null = null;
  private cipher: StoreCipher | null = null;
  /** A bulk load, or a refill of the search indexes after an update, under way: search may miss rows. */
  private bulk: BulkKind | null = null;
  /** The thread building a bulk load's search index (only while one runs; see beginBulkLoad). */
  private indexer: WorkerLane | null = null;
  /** Settles once the indexer thread has started its index, or has failed to and been closed. */
  private indexerStarted: Promise<void> = Promise.resolve();
  private bulkFinishing: Promise<BulkLoadReport> | null = null;
  private damagedNoticeSent = false;
  private readonly earlyNotices: StoreNotice[] = [];
  private integrityTimer: NodeJS.Timeout | null = null;
  private closing = false;
  private readonly times = new OpLatencyLog();
  /** What lowering each background thread's priority did, by thread name (diagnostics). */
  private readonly priorities = new Map<string, PriorityOutcome>();
  private readonly callLimits: CallLimits;
  private readonly health = new Map<string, ThreadHealth>();

  private constructor(options: StoreOptions) {
    this.options = options;
    this.log = options.log;
    this.phoneRegion = options.phoneRegion ?? DEFAULT_PHONE_REGION;
    this.encrypted = options.encrypt !== false;
    this.file = path.join(options.dataDir, 'store', 'switchboard.db');
    this.callLimits = {
      timeoutMs: { ...CALL_LIMITS.timeoutMs, ...options.callLimits?.timeoutMs },
      stuckAfterMs: options.callLimits?.stuckAfterMs ?? CALL_LIMITS.stuckAfterMs,
    };
  }

  /**
   * Opens (or creates) the store. A database that cannot be read (not a
   * database, lost key, damaged) is moved aside with a notice, its unsent work
   * is carried over, and an empty one is built; that happens at most once per
   * start, so a bad disk cannot cause a crash loop. A key that exists but
   * cannot be read rejects with StoreKeyError, nothing written. Other failures
   * leave the client in state `unavailable` with a `problem`; it never throws
   * for them.
   */
  static async open(options: StoreOptions): Promise<StoreClient> {
    const client = new StoreClient(options);
    await client.start();
    return client;
  }

  get state(): StoreStatus['state'] {
    return this.stateValue;
  }

  /** Set when this start rebuilt the database; see the `recovered` event. */
  get recovery(): RecoveryInfo | null {
    return this.recoveryInfo;
  }

  on<E extends keyof StoreEvents>(event: E, listener: Listener<StoreEvents[E]>): () => void {
    const off = this.events.on(event, listener);
    // Notices raised while `open` ran (rebuilt, unavailable) reach the first listener, which can only subscribe after it.
    if (event === 'notice') for (const notice of this.earlyNotices.splice(0)) (listener as Listener<StoreNotice>)(notice);
    return off;
  }

  private emit<E extends keyof StoreEvents>(event: E, payload: StoreEvents[E]): void {
    this.events.emit(event, payload);
  }

  private notice(id: string, level: NoticeLevel, message: string): void {
    if (this.events.listenerCount('notice') === 0) this.earlyNotices.push({ id, level, message });
    else this.emit('notice', { id, level, message });
  }

  // -------------------------------------------------------------------------
  // Start-up, recovery, restarts

  private async start(): Promise<void> {
    const started = performance.now();
    try {
      // The key first: one that cannot be read stops the start before anything is written.
      const key = this.encrypted ? await loadOrCreateStoreKey(this.options.secrets, this.log) : null;
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      this.script = resolveWorkerScript(this.options.workerScript);
      this.keyHex = key?.keyHex ?? null;
      const keyIsNew = key?.created ?? false;

      let writer = this.spawn('writer', 'writer', { keyIsNew, damaged: isMarkedDamaged(this.file) });
      let hello = await writer.hello;
      if (hello.t === 'open-failed' && RECOVERABLE.has(hello.reason)) {
        await writer.terminate();
        const failed = hello;
        const movedAsideAs = moveAside(this.file);
        this.log.warn('local database unreadable; moved aside and rebuilt', { reason: failed.reason, movedAsideAs, detail: failed.detail });
        writer = this.spawn('writer', 'writer', { keyIsNew: false, damaged: false });
        hello = await writer.hello;
        if (hello.t === 'ready') {
          const restored = await writer.call('restoreSalvage', [failed.salvage]).catch((error: unknown) => {
            this.log.error('could not carry unsent work over', { error: error instanceof StoreError ? error.code : 'error' });
            return { outboxRows: 0, records: 0 };
          });
          const info: RecoveryInfo = {
            at: Date.now(),
            reason: failed.reason as RecoveryReason,
            movedAsideAs,
            salvagedOutboxRows: (restored as { outboxRows: number }).outboxRows,
          };
          this.recoveryInfo = info;
          const kept = info.salvagedOutboxRows > 0 ? ` ${info.salvagedOutboxRows} unsent item(s) were kept and will still be sent.` : '';
          const why = failed.reason === 'wrong-key' ? 'could not be decrypted with the key in this computer’s keychain' : 'was damaged';
          this.notice(
            'store.recovered',
            'warning',
            `The local customer database ${why}. It was set aside (${movedAsideAs}) and a new one was started; customers and cases come back with the next sync.${kept}`,
          );
        }
      }
      if (hello.t !== 'ready') {
        await writer.terminate();
        const reason = hello.reason;
        this.fail(OPEN_PROBLEMS[reason] ?? 'The local database could not be opened even after it was rebuilt. Restart Switchboard; if this repeats, contact IT.', {
          reason,
          detail: hello.detail,
        });
        return;
      }
      this.lanes.writer = writer;
      this.schema = hello.schemaVersion;
      this.cipher = hello.cipher;
      this.bulk = hello.bulkLoad;
      this.logCipherUpgrade(hello.cipherUpgrade);
      if (this.options.readers !== 'writer') {
        await Promise.all((['lookup', 'search'] as const).map((lane) => this.startReader(lane)));
        await this.writerToBackground();
      }
      this.stateValue = 'ready';
      if (this.recoveryInfo) {
        await writer.call('setMeta', ['last_recovery', JSON.stringify(this.recoveryInfo)]).catch(() => undefined);
        this.emit('recovered', this.recoveryInfo);
      }
      this.scheduleIntegrityCheck();
      this.resumeBulkLoad();
      this.log.info('local store open', {
        schema: this.schema,
        encrypted: this.encrypted,
        keyBackend: this.options.secrets.info.backend,
        ms: Math.round(performance.now() - started),
      });
      this.emit('status', null);
    } catch (error) {
      if (error instanceof StoreKeyError) {
        // Not a state to run in: the app would look empty while the agent's data and unsent work sit locked in the file.
        this.stateValue = 'unavailable';
        this.problem = error.message;
        throw error;
      }
      this.fail('The local database could not be started. Restart Switchboard; if this repeats, contact IT.', {
        error: error instanceof Error ? error.name : typeof error,
        detail: error instanceof Error ? error.message.slice(0, 200) : '',
      });
    }
  }

  /**
   * A bulk load a crash interrupted, or the refill of the search indexes after an update, is finished
   * in the background (agent writes slip between its chunks; sync batches wait for it). Started on the
   * next turn of the event loop, so whoever awaited `open` has attached its listeners and sees the
   * progress from the first chunk.
   */
  private resumeBulkLoad(): void {
    if (this.bulk === null) return;
    setTimeout(() => {
      if (this.closing || this.stateValue !== 'ready') return;
      this.finishBulkLoad().catch((error: unknown) => {
        // Closing fails it on purpose; the next start finishes it.
        if (!this.closing) this.log.error('finishing an interrupted bulk load failed', { error: error instanceof StoreError ? error.code : error instanceof Error ? error.name : 'error' });
      });
    }, 0);
  }

  private logCipherUpgrade(upgrade: CipherUpgrade | undefined): void {
    if (upgrade?.outcome === 'upgraded') {
      this.log.info('local database re-encrypted with the current cipher', { from: upgrade.from, ms: upgrade.ms, bytes: upgrade.bytes });
    } else if (upgrade?.outcome === 'kept') {
      // It still works, only slower; the next start tries again.
      this.log.warn('local database left in its older cipher; re-encryption failed', { from: upgrade.from, reason: upgrade.reason });
    }
  }

  private fail(problem: string, fields: Record<string, string | number>): void {
    this.stateValue = 'unavailable';
    this.problem = problem;
    this.log.error('local store unavailable', fields);
    this.notice('store.unavailable', 'error', problem);
    this.emit('status', null);
  }

  /** A thread for `lane` (restarted if it dies), or a one-off thread (`lane` null) such as the integrity check's. */
  private spawn(lane: LaneName | null, role: WorkerInit['role'], flags: { keyIsNew: boolean; damaged: boolean }, name: string = lane ?? role): WorkerLane {
    if (!this.script) throw new Error('no worker script');
    const init: WorkerInit = {
      role,
      name,
      file: this.file,
      keyHex: this.keyHex,
      phoneRegion: this.phoneRegion,
      keyIsNew: flags.keyIsNew,
      damaged: flags.damaged,
      ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
    };
    const created: WorkerLane = new WorkerLane(
      this.script,
      init,
      {
        onEvent: (event) => this.onWorkerEvent(event),
        onExit: (code, error, why) => {
          this.healthOf(name)[why === 'stuck' ? 'stuck' : 'crashed'] += 1;
          if (lane) void this.onLaneExit(lane, created, code, error, why);
          else this.log.warn(why === 'stuck' ? 'store helper thread stopped answering; ended' : 'store helper thread stopped', { name, code, error: error?.name ?? 'none' });
        },
        onAnswered: (op, endToEndMs, onThreadMs) => {
          // The lane's own requests (closing, priority) are not store work.
          if (!op.startsWith('__')) this.times.record(op, endToEndMs, onThreadMs);
        },
        onTimeout: (op, timeoutMs) => {
          this.healthOf(name).timeouts += 1;
          this.log.warn('store request not answered in time', { thread: name, op, ms: timeoutMs });
        },
      },
      this.callLimits,
    );
    return created;
  }

  private healthOf(name: string): ThreadHealth {
    let health = this.health.get(name);
    if (!health) {
      health = { timeouts: 0, stuck: 0, crashed: 0 };
      this.health.set(name, health);
    }
    return health;
  }

  /** Timeouts, stuck and crashed threads since the store opened, by thread name (diagnostics). */
  threadHealth(): Record<string, ThreadHealth> {
    return Object.fromEntries([...this.health].map(([name, health]) => [name, { ...health }]));
  }

  /**
   * The writer's work can wait (loads, sync batches, merges; an agent's save is a few ms of CPU)
   * once the screen-pop and search threads answer the reads: it then yields the CPU to them, to
   * main, and to the app's other processes. A writer that also answers reads keeps its priority.
   * (Should a reader thread later stop for good, its reads go to this writer: slower only while
   * the machine is busy.)
   */
  private async writerToBackground(): Promise<void> {
    const writer = this.lanes.writer;
    if (!writer || !this.lanes.lookup || !this.lanes.search) return;
    await this.toBackground(writer);
  }

  private async toBackground(lane: WorkerLane): Promise<void> {
    const result = await lane.toBackground().catch((error: unknown): PriorityOutcome => ({ outcome: 'failed', reason: error instanceof StoreError ? error.code : 'error' }));
    this.priorities.set(lane.name, result);
    if (result.outcome === 'failed') this.log.warn('a store thread keeps its normal CPU priority', { thread: lane.name, reason: result.reason });
  }

  /** Background threads and what lowering their CPU priority did (thread-priority.ts), for diagnostics. */
  threadPriorities(): Record<string, PriorityOutcome> {
    return Object.fromEntries(this.priorities);
  }

  private async startReader(lane: 'lookup' | 'search'): Promise<void> {
    const reader = this.spawn(lane, 'reader', { keyIsNew: false, damaged: false });
    let hello: WorkerHello;
    try {
      hello = await reader.hello;
    } catch (error) {
      this.log.warn('reader thread did not start; its requests go to the writer', { lane, error: error instanceof Error ? error.name : 'error' });
      return;
    }
    if (hello.t !== 'ready') {
      await reader.terminate();
      this.log.warn('reader could not open the database; its requests go to the writer', { lane, reason: hello.reason });
      return;
    }
    this.lanes[lane] = reader;
  }

  private async onLaneExit(lane: LaneName, exited: WorkerLane, code: number, error: Error | null, why: 'crashed' | 'stuck'): Promise<void> {
    // A thread ended after its replacement started (a stuck one ends late) must not unseat it.
    if (this.lanes[lane] !== exited && this.lanes[lane] !== null) return;
    this.lanes[lane] = null;
    if (this.closing) return;
    if (why === 'stuck') this.log.error('store thread stopped answering; it was ended and is restarted', { lane, detail: error?.message ?? '' });
    else this.log.error('store thread stopped unexpectedly', { lane, code, error: error?.name ?? 'none' });
    const now = Date.now();
    const recent = this.restarts[lane].filter((t) => now - t < RESTART_WINDOW_MS);
    this.restarts[lane] = recent;
    if (recent.length >= MAX_RESTARTS) {
      if (lane === 'writer') this.fail('The local database keeps failing. Restart Switchboard; if this repeats, contact IT.', { lane, restarts: recent.length });
      return;
    }
    recent.push(now);
    if (lane === 'writer') {
      const writer = this.spawn('writer', 'writer', { keyIsNew: false, damaged: false });
      const hello = await writer.hello.catch(() => null);
      if (hello?.t === 'ready' && !this.closing) {
        this.lanes.writer = writer;
        this.bulk = hello.bulkLoad;
        await this.writerToBackground();
        this.resumeBulkLoad();
      } else {
        await writer.terminate();
        this.fail('The local database stopped and could not be reopened. Restart Switchboard.', { lane });
      }
    } else await this.startReader(lane);
  }

  private onWorkerEvent(event: WorkerEvent): void {
    switch (event.kind) {
      case 'import-progress':
        this.emit('import-progress', event);
        return;
      case 'bulk-progress':
        if (event.phase === 'done' && this.bulk !== null) {
          this.bulk = null;
          this.emit('status', null);
        }
        this.emit('bulk-progress', event);
        return;
      case 'corruption':
        this.reportDamage(`${event.op}: ${event.code}`);
        return;
      case 'log':
        this.log[event.level](event.message, event.fields);
        return;
      case 'startup-work':
        this.log.info('local database needs one-time work before it opens', { work: event.work, bytes: event.bytes });
        this.options.onStartupWork?.(event.work, event.bytes);
        return;
    }
  }

  private reportDamage(detail: string): void {
    try {
      markDamaged(this.file, detail);
    } catch {
      // The marker is a convenience; the next failing open finds the damage anyway.
    }
    this.log.error('local database damage detected; it will be rebuilt at the next start', { detail });
    if (this.damagedNoticeSent) return;
    this.damagedNoticeSent = true;
    this.notice(
      'store.damaged',
      'error',
      'The local customer database is damaged. Restart Switchboard soon: it will be rebuilt, and your unsent work will be kept.',
    );
    this.emit('status', null);
  }

  private scheduleIntegrityCheck(): void {
    const setting = this.options.integrityCheck === undefined ? DEFAULT_INTEGRITY : this.options.integrityCheck;
    if (setting === false) return;
    this.integrityTimer = setTimeout(() => {
      void (async () => {
        const last = await this.lastIntegrityCheck().catch(() => null);
        if (last && Date.now() - last.at < setting.everyMs) return;
        await this.runIntegrityCheck().catch((error: unknown) =>
          this.log.warn('integrity check did not run', { error: error instanceof StoreError ? error.code : 'error' }),
        );
      })();
    }, setting.delayMs);
    this.integrityTimer.unref();
  }

  // -------------------------------------------------------------------------
  // Plumbing

  private route(lane: LaneName): WorkerLane {
    if (this.stateValue !== 'ready') {
      throw new StoreError('unavailable', this.problem ?? (this.closing ? 'The local store is closed' : 'The local store is still starting'));
    }
    const target = this.lanes[lane] ?? this.lanes.writer;
    if (!target) throw new StoreError('unavailable', 'The local store is restarting; try again in a moment');
    return target;
  }

  /**
   * Tests only: sends `op` as it is to a thread. The operations this is for (the worker's hangs)
   * exist only in a worker built for tests (electron/store/worker/entry.ts, TEST_HOOKS); any other
   * worker answers them as unknown.
   */
  callForTests(lane: LaneName, op: `__test.${string}`, timeoutMs?: number): Promise<unknown> {
    return this.route(lane).call(op, [], [], timeoutMs);
  }

  private async write<K extends OpName<WriterOps>>(op: K, ...args: OpArgs<WriterOps, K>): Promise<OpResult<WriterOps, K>> {
    return (await this.route('writer').call(op, args)) as OpResult<WriterOps, K>;
  }

  private async read<K extends OpName<ReaderOps>>(lane: 'lookup' | 'search', op: K, ...args: OpArgs<ReaderOps, K>): Promise<OpResult<ReaderOps, K>> {
    return (await this.route(lane).call(op, args)) as OpResult<ReaderOps, K>;
  }

  // -------------------------------------------------------------------------
  // Status

  async status(): Promise<StoreStatus> {
    const info = this.options.secrets.info;
    const base: StoreStatus = {
      state: this.stateValue,
      problem: this.damagedNoticeSent ? 'The local database is damaged and will be rebuilt at the next start.' : this.problem,
      encryption: {
        enabled: this.encrypted,
        cipher: this.cipher ? CIPHER_DESCRIPTIONS[this.cipher] : this.encrypted ? 'unknown until the database opens' : 'none',
        keyBackend: info.backend,
        keyProtection: info.description,
        weak: info.weak,
      },
      counts: null,
      databaseBytes: null,
      schemaVersion: this.schema,
      lastIntegrityCheck: null,
      recovery: this.recoveryInfo,
      bulkLoad: this.bulk !== null,
      phoneRegion: this.phoneRegion,
    };
    if (this.stateValue !== 'ready') return base;
    const [counts, lastIntegrityCheck] = await Promise.all([this.counts().catch(() => null), this.lastIntegrityCheck().catch(() => null)]);
    return { ...base, counts, lastIntegrityCheck, databaseBytes: this.databaseBytes() };
  }

  /**
   * How long each kind of request took lately, from the call to the answer and on its thread
   * (the last 1,000 of each): for diagnostics ("screen pops are slow here") and bench:store.
   */
  requestTimes(): Record<string, OpLatency> {
    return this.times.summary();
  }

  /** Starts the request times afresh (bench:store, between its phases). */
  resetRequestTimes(): void {
    this.times.reset();
  }

  private databaseBytes(): number | null {
    let total = 0;
    for (const suffix of ['', '-wal']) {
      try {
        total += statSync(this.file + suffix).size;
      } catch {
        if (suffix === '') return null;
      }
    }
    return total;
  }

  private async lastIntegrityCheck(): Promise<StoreStatus['lastIntegrityCheck']> {
    const raw = await this.write('getMeta', 'last_integrity_check');
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as { at: number; ok: boolean; problem: string | null };
    return { at: parsed.at, ok: parsed.ok, problem: parsed.problem };
  }

  /**
   * Runs `PRAGMA integrity_check` on a thread of its own (it reads the whole
   * file, seconds on a large store) and records the result. A failure marks
   * the file for rebuilding at the next start, with a notice.
   */
  async runIntegrityCheck(): Promise<IntegrityResult> {
    this.route('writer');
    const lane = this.spawn(null, 'reader', { keyIsNew: false, damaged: false }, 'maintenance');
    try {
      const hello = await lane.hello;
      if (hello.t !== 'ready') {
        this.reportDamage(`integrity check could not open: ${hello.reason}`);
        return { ok: false, problem: hello.detail, durationMs: 0 };
      }
      await this.toBackground(lane);
      const result = (await lane.call('integrityCheck', [])) as IntegrityResult;
      await this.write('setMeta', 'last_integrity_check', JSON.stringify({ at: Date.now(), ok: result.ok, problem: result.problem }));
      this.log.info('integrity check', { ok: result.ok, ms: result.durationMs });
      if (!result.ok) this.reportDamage('integrity_check failed');
      this.emit('status', null);
      return result;
    } finally {
      await lane.close();
    }
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.integrityTimer) clearTimeout(this.integrityTimer);
    const lanes = [...Object.values(this.lanes), this.indexer].filter((l): l is WorkerLane => l !== null);
    this.indexer = null;
    // Readers first, the writer last: its close checkpoints the WAL.
    await Promise.all(lanes.filter((l) => l.name !== 'writer').map((l) => l.close()));
    await this.lanes.writer?.close();
    this.lanes.writer = this.lanes.lookup = this.lanes.search = null;
    if (this.stateValue === 'ready') this.stateValue = 'unavailable';
    this.problem = 'The local store is closed';
  }

  // -------------------------------------------------------------------------
  // Lookups and search (reader threads)

  /**
   * The screen pop: the caller's number (raw caller ID is fine: SIP URIs,
   * markup and formatting are stripped) → every customer with that number and
   * their open cases. Exact E.164 first, then the last 10…7 digits.
   */
  lookupCaller(number: string): Promise<CallerLookup> {
    return this.read('lookup', 'lookupCaller', number);
  }

  getCustomer(id: string): Promise<CustomerDetail | null> {
    return this.read('lookup', 'getCustomer', id);
  }

  getCase(id: string): Promise<CaseDetail | null> {
    return this.read('lookup', 'getCase', id);
  }

  /** Searches customers and cases; any text is taken literally (FTS syntax is not interpreted). */
  search(query: string | SearchOptions): Promise<SearchResult> {
    return this.read('search', 'search', typeof query === 'string' ? { query } : query);
  }

  getInteraction(id: string): Promise<InteractionWithWrapUp | null> {
    return this.read('lookup', 'getInteraction', id);
  }

  listInteractions(filter: InteractionFilter = {}): Promise<InteractionWithWrapUp[]> {
    return this.read('search', 'listInteractions', filter);
  }

  getWrapUp(interactionId: string): Promise<WrapUpRecord | null> {
    return this.read('lookup', 'getWrapUp', interactionId);
  }

  listWrapUpCodes(options: { includeInactive?: boolean } = {}): Promise<WrapUpCode[]> {
    return this.read('lookup', 'listWrapUpCodes', options.includeInactive === true);
  }

  listCallbacks(filter: CallbackFilter = {}): Promise<Callback[]> {
    return this.read('search', 'listCallbacks', filter);
  }

  getEscalation(id: string): Promise<EscalationRecord | null> {
    return this.read('lookup', 'getEscalation', id);
  }

  listEscalations(filter: EscalationFilter = {}): Promise<EscalationRecord[]> {
    return this.read('search', 'listEscalations', filter);
  }

  /** Whether a number is on the local do-not-call list (from do-not-call wrap-ups). */
  isDoNotCall(number: string): Promise<boolean> {
    return this.read('lookup', 'isDoNotCall', number);
  }

  counts(): Promise<StoreCounts> {
    return this.read('search', 'counts');
  }

  /** The server version of a customer or case as stored here (null: none yet, or no such record). */
  localVersion(kind: 'customer' | 'case', id: string): Promise<number | null> {
    return this.read('lookup', 'localVersion', kind, id);
  }

  // -------------------------------------------------------------------------
  // Agent work and local edits (writer; each with its outbox row in the same transaction)

  /** Several changes in one transaction, each with its outbox row. */
  commitLocal(changes: LocalChange[]): Promise<CommitResult> {
    return this.write('commitLocal', changes);
  }

  private async commitOne<T>(change: LocalChange): Promise<{ record: T; outbox: QueuedOutboxRow | null }> {
    const result = await this.commitLocal([change]);
    return { record: result.records[0]!.record as T, outbox: result.outbox[0] ?? null };
  }

  /** Logs (or updates) a call, email, chat or walk-in (the workflow's record); queued for the CRM. */
  logInteraction(record: Interaction) {
    return this.commitOne<Interaction>({ kind: 'interaction', record });
  }

  /**
   * Saves a wrap-up. A draft (`state: 'draft'`) is local only: save it on every
   * change; an older `revision` than the stored one is ignored. A submitted one
   * is final and queued for the CRM; its callback and do-not-call number are
   * recorded. Submitting the same revision again is a no-op; changing a
   * submitted wrap-up is a `conflict`.
   */
  saveWrapUp(record: WrapUpRecord) {
    return this.commitOne<WrapUpRecord>({ kind: 'wrap-up', record });
  }

  /** Raises or updates an escalation (the workflow's record); the newest revision is kept. */
  saveEscalation(record: EscalationRecord) {
    return this.commitOne<EscalationRecord>({ kind: 'escalation', record });
  }

  /** A callback not tied to a wrap-up (e.g. promised from a case). */
  saveCallback(record: CallbackInput) {
    return this.commitOne<Callback>({ kind: 'callback', record });
  }

  createCase(record: NewCaseInput) {
    return this.commitOne<Case>({ kind: 'case-create', record });
  }

  /** `expectedVersion`: the version the agent was looking at; a different stored version is a `conflict`. */
  updateCase(id: string, patch: CasePatch, expectedVersion?: number | null) {
    return this.commitOne<Case>({ kind: 'case-update', id, patch, ...(expectedVersion !== undefined ? { expectedVersion } : {}) });
  }

  createCustomer(record: NewCustomerInput) {
    return this.commitOne<Customer>({ kind: 'customer-create', record });
  }

  updateCustomer(id: string, patch: CustomerPatch, expectedVersion?: number | null) {
    return this.commitOne<Customer>({ kind: 'customer-update', id, patch, ...(expectedVersion !== undefined ? { expectedVersion } : {}) });
  }

  /** Stores the configured wrap-up catalog (labels stay readable for old wrap-ups after the config changes). */
  replaceWrapUpCodes(codes: WrapUpCode[]): Promise<{ count: number }> {
    return this.write('replaceWrapUpCodes', codes);
  }

  // -------------------------------------------------------------------------
  // Sync (issue 6's engine): pulled data, cursors, outbox

  /** Stores a pulled page; newer versions replace older, dirty rows are skipped unless `force`. The cursor commits with the rows. */
  upsertCustomers(rows: PulledCustomer[], options: UpsertOptions = {}): Promise<UpsertReport> {
    return this.upsertInSlices('upsertCustomers', rows, options);
  }

  upsertCases(rows: PulledCase[], options: UpsertOptions = {}): Promise<UpsertReport> {
    return this.upsertInSlices('upsertCases', rows, options);
  }

  /**
   * Copying a big batch to the writer (structured clone) runs on main: ~25 ms
   * for 10k cases, a visible stall. Larger batches go as slices of
   * UPSERT_SLICE rows, one per turn of the event loop; the writer takes them
   * in order (it commits in 500-row chunks either way) and the cursor goes
   * with the last slice, so it still commits with the last rows.
   */
  private async upsertInSlices<K extends 'upsertCustomers' | 'upsertCases'>(op: K, rows: OpArgs<WriterOps, K>[0], options: UpsertOptions): Promise<UpsertReport> {
    if (!Array.isArray(rows) || rows.length <= UPSERT_SLICE || rows.length > MAX_UPSERT_BATCH) {
      return (await this.route('writer').call(op, [rows, options])) as UpsertReport;
    }
    const { cursor, ...rest } = options;
    const pending: Promise<UpsertReport>[] = [];
    for (let start = 0; start < rows.length; start += UPSERT_SLICE) {
      const last = start + UPSERT_SLICE >= rows.length;
      const slice = rows.slice(start, start + UPSERT_SLICE);
      const sliceOptions: UpsertOptions = last && cursor !== undefined ? { ...rest, cursor } : rest;
      const offset = start;
      const sent = (this.route('writer').call(op, [slice, sliceOptions]) as Promise<UpsertReport>).then((report) => ({
        ...report,
        rejected: report.rejected.map((r) => ({ ...r, index: r.index + offset })),
      }));
      // Handled by Promise.all below; this keeps a slice that fails early from counting as unhandled meanwhile.
      sent.catch(() => undefined);
      pending.push(sent);
      if (!last) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const reports = await Promise.all(pending);
    return {
      inserted: reports.reduce((n, r) => n + r.inserted, 0),
      updated: reports.reduce((n, r) => n + r.updated, 0),
      unchanged: reports.reduce((n, r) => n + r.unchanged, 0),
      skippedDirty: reports.flatMap((r) => r.skippedDirty),
      rejected: reports.flatMap((r) => r.rejected),
    };
  }

  /**
   * A sync change page as it came off the wire, parsed and checked on the writer thread: main only
   * forwards the bytes (parsing ~400 kB of JSON and copying its 1,000 rows to the writer cost main
   * ~5-8 ms a page, its longest stalls during an initial sync). Resolves with the page's cursor and
   * counts as soon as it is parsed, also while another page is being stored; `storePage` stores it.
   * A body that spans its whole ArrayBuffer (an HTTP body over 4 kB does) is moved to the writer,
   * not copied (~150 µs a page): the caller must not use it afterwards.
   */
  async decodePage(kind: PageKind, body: Uint8Array): Promise<PageDecodeResult> {
    const movable = body instanceof Uint8Array && body.buffer instanceof ArrayBuffer && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    return (await this.route('writer').call('decodePage', [kind, body], movable ? [body.buffer] : [])) as PageDecodeResult;
  }

  /** Stores a page `decodePage` parsed: its deletions, then its rows with `options.cursor`. */
  storePage(pageId: number, options: UpsertOptions = {}): Promise<UpsertReport & { deleted: number }> {
    return this.write('storePage', pageId, options);
  }

  deleteCustomers(ids: string[]): Promise<{ deleted: number }> {
    return this.write('deleteCustomers', ids);
  }

  deleteCases(ids: string[]): Promise<{ deleted: number }> {
    return this.write('deleteCases', ids);
  }

  getCursor(name: string): Promise<string | null> {
    return this.write('getCursor', name);
  }

  setCursor(name: string, value: string): Promise<void> {
    return this.write('setCursor', name, value);
  }

  /**
   * Initial sync of a large store: between `beginBulkLoad` and
   * `finishBulkLoad`, upserts skip the search index and the pop index, which
   * are built once at the end (in chunks, without holding up other writes).
   * Search finds nothing until then. A load a crash interrupted is finished
   * at the next open.
   */
  async beginBulkLoad(): Promise<void> {
    const parallel = this.options.parallelSearchIndex !== false && this.options.readers !== 'writer' && this.indexer === null;
    const begun = await this.write('beginBulkLoad', { parallelSearchIndex: parallel });
    if (begun.parallelSearchIndex) this.startIndexer();
    // A refill of the search indexes under way takes the load's rows in; it stays what it is.
    if (this.bulk === null) {
      this.bulk = 'load';
      this.emit('status', null);
    }
  }

  /**
   * Builds the indexes and ends the load. With an indexer thread, the writer builds the pop indexes
   * while the indexer reads the last rows and merges its index, which it then hands over; whatever
   * goes wrong there, the writer fills the search index itself (slower, same result).
   */
  finishBulkLoad(): Promise<BulkLoadReport> {
    this.bulkFinishing ??= (async () => {
      const indexer = this.indexer;
      this.indexer = null;
      if (indexer === null) return this.write('finishBulkLoad');
      // A load that ends quickly can end before the indexer has started; its requests must not overtake scratchStart.
      await this.indexerStarted;
      const started = performance.now();
      let handedOver: { customers: number; cases: number; indexMs: number; searchIndexMs: number } | null = null;
      try {
        const [indexMs] = await Promise.all([this.write('buildBulkIndexes'), indexer.call('scratchPrepare', [])]);
        const commit = (await indexer.call('scratchCommit', [])) as ScratchCommit;
        if (commit.outcome === 'committed') handedOver = { customers: commit.customers, cases: commit.cases, indexMs: Math.round(indexMs), searchIndexMs: Math.round(performance.now() - started) };
        else this.log.info('the search index is built by the writer after all', { reason: commit.reason });
      } catch (error) {
        if (this.closing) throw error;
        this.log.warn('the indexer thread failed; the writer builds the search index', { error: error instanceof StoreError ? error.code : error instanceof Error ? error.name : 'error' });
      } finally {
        await indexer.close();
      }
      const report = await this.write('finishBulkLoad');
      return handedOver ?? report;
    })().finally(() => {
      this.bulkFinishing = null;
    });
    return this.bulkFinishing;
  }

  private startIndexer(): void {
    const lane = this.spawn(null, 'indexer', { keyIsNew: false, damaged: false }, 'indexer');
    this.indexer = lane;
    this.indexerStarted = (async () => {
      const hello = await lane.hello;
      if (hello.t !== 'ready') throw new Error(hello.reason);
      await this.toBackground(lane);
      await lane.call('scratchStart', []);
    })().catch(async (error: unknown) => {
      // finishBulkLoad finds the thread gone and has the writer fill the index.
      this.log.warn('the indexer thread did not start', { error: error instanceof StoreError ? error.code : error instanceof Error ? error.message.slice(0, 80) : 'error' });
      await lane.close();
    });
  }

  /** An initial load is under way (also after a restart in the middle of one); a refill of the search indexes is not one. */
  get bulkLoadActive(): boolean {
    return this.bulk === 'load';
  }

  readonly outbox = {
    /** Rows to send now: the oldest unsent row of each ordering key, if it is pending and due. */
    due: (options: OutboxDueOptions = {}): Promise<OutboxRow[]> => this.write('outboxDue', options),
    /** The server took these; `serverVersion` is recorded on the customer or case, which is clean once nothing else waits. */
    markSent: (items: OutboxSent[]): Promise<{ updated: number }> => this.write('outboxMarkSent', items),
    /** A transient failure: try again at `nextAttemptAt` with the same idempotency key. */
    retryLater: (id: number, nextAttemptAt: number, failure: OutboxFailure): Promise<void> => this.write('outboxRetryLater', id, nextAttemptAt, failure),
    /** A failure a person must act on (4xx other than 409/429); holds back its ordering key. */
    park: (id: number, failure: OutboxFailure): Promise<void> => this.write('outboxPark', id, failure),
    /** The server has a newer version (409); the agent chooses; holds back its ordering key. */
    conflict: (id: number, failure: OutboxFailure): Promise<void> => this.write('outboxConflict', id, failure),
    /** Parked or conflicting rows back to pending, same idempotency keys. */
    requeue: (ids: number[]): Promise<{ updated: number }> => this.write('outboxRequeue', ids),
    /** Gives up on rows (e.g. the agent chose "theirs"); they count as sent with code `discarded`. */
    discard: (ids: number[], reason: string): Promise<{ updated: number }> => this.write('outboxDiscard', ids, reason),
    counts: (): Promise<OutboxCounts> => this.write('outboxCounts'),
    list: (options: OutboxListOptions = {}): Promise<OutboxRow[]> => this.write('outboxList', options),
    /** Counts and the parked and conflicting rows as of one moment (one request, one read transaction): they always agree. */
    snapshot: (options: OutboxSnapshotOptions = {}): Promise<OutboxSnapshot> => this.write('outboxSnapshot', options),
    pruneSent: (sentBefore: number): Promise<{ deleted: number }> => this.write('outboxPruneSent', sentBefore),
  };

  // -------------------------------------------------------------------------
  // Import (all or nothing; see ImportReport)

  importBegin(importId: string, options: ImportBeginOptions): Promise<void> {
    return this.write('importBegin', importId, options);
  }

  importAppend(importId: string, chunk: string): Promise<{ receivedChars: number }> {
    return this.write('importAppend', importId, chunk);
  }

  importCommit(importId: string, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
    return this.write('importCommit', importId, options.dryRun === true);
  }

  importCancel(importId: string): Promise<void> {
    return this.write('importCancel', importId);
  }

  /** Imports a file the worker reads itself (the CLI). */
  importFile(file: string, options: { format?: 'csv' | 'json'; kind?: 'customers' | 'cases'; dryRun?: boolean } = {}): Promise<ImportReport> {
    const { dryRun, ...rest } = options;
    return this.write('importFile', path.resolve(file), rest, dryRun === true);
  }

  /**
   * Small values other services keep with the data (e.g. the sync engine's
   * last-sync time), committed like everything else. Use a prefix per owner
   * (`sync.…`); keys without a dot are the store's own.
   */
  getMeta(key: string): Promise<string | null> {
    return this.write('getMeta', key);
  }

  setMeta(key: string, value: string | null): Promise<void> {
    return this.write('setMeta', key, value);
  }

  /** Writes the WAL back into the database file. */
  checkpoint(): Promise<void> {
    return this.write('checkpoint');
  }

  /**
   * The writer merges the search index's small segments by itself a second
   * after writes stop; this does it now (tests, benchmarks, before a backup).
   */
  runIdleMaintenance(): Promise<{ steps: number }> {
    return this.write('runIdleMaintenance');
  }
}
