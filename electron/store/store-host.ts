import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { StoreStatus } from '../../shared/store/contract';
import { userText, type UserText } from '../../shared/text/user-text';
import { DEFAULT_PHONE_REGION } from '../../shared/store/phone';
import { TypedEmitter, type Listener } from '../../shared/events/typed-emitter';
import type { Logger } from '../logging/logger';
import { BulkLoadRunner } from './bulk-load-runner';
import { CALL_LIMITS } from './call-timeouts';
import type { StoreCipher } from './ciphers';
import { markDamaged } from './damaged-files';
import { StoreError } from './errors';
import { IntegrityChecks } from './integrity-check';
import type { OpLatency } from './op-latency';
import { laneOf, type CallOp, type RoutedLane, type WorkerOpName } from './op-table';
import type { BulkLoadPort, StoreAdminPort } from './ports';
import type { BulkLoadReport, IntegrityResult, WorkerEvent } from './protocol';
import type { NoticeLevel, RecoveryInfo, StoreEvents, StoreNotice } from './store-events';
import { loadOrCreateStoreKey, StoreKeyError } from './store-key';
import type { StoreOptions } from './store-options';
import { baseStatus, databaseBytes } from './store-status';
import { StoreThreads, type ThreadHealth } from './store-threads';
import { openFailureProblem, openWriter, recoveryNotice } from './startup-recovery';
import type { CipherUpgrade } from './worker/cipher-upgrade';
import type { PriorityOutcome } from './worker/thread-priority';
import type { ThreadMemory } from './worker/thread-memory';
import type { WorkerLane } from './worker-lane';
import { resolveWorkerScript } from './worker-script';

const DEFAULT_INTEGRITY = { delayMs: 60_000, everyMs: 24 * 3600_000 };

/**
 * The store's life on main: opens the file (rebuilding an unreadable one, with its unsent work
 * carried over), runs the worker threads (store-threads.ts: restarts, priorities, health), the
 * background integrity check and an initial bulk load, and says what state the store is in
 * (status, events, notices). Requests reach the threads through `request`, routed as op-table.ts
 * says; StoreClient adds a method per operation on top (store-client.ts).
 */
export class StoreHost implements StoreAdminPort, BulkLoadPort {
  readonly file: string;
  private readonly options: StoreOptions;
  private readonly log: Logger;
  private readonly phoneRegion: string;
  private readonly encrypted: boolean;
  private readonly events = new TypedEmitter<StoreEvents>((event, error) =>
    this.log.error('store event listener failed', { event, error: error instanceof Error ? error.name : typeof error }),
  );
  private readonly earlyNotices: StoreNotice[] = [];
  private readonly threads: StoreThreads;
  private readonly bulk: BulkLoadRunner;
  private readonly integrity: IntegrityChecks;
  private stateValue: StoreStatus['state'] = 'starting';
  private problem: UserText | null = null;
  private recoveryInfo: RecoveryInfo | null = null;
  private schema: number | null = null;
  private cipher: StoreCipher | null = null;
  private damagedNoticeSent = false;
  private closing = false;
  private readonly call: CallOp = async (op, ...args) => (await this.request(op, args)) as never;

  protected constructor(options: StoreOptions) {
    this.options = options;
    this.log = options.log;
    this.phoneRegion = options.phoneRegion ?? DEFAULT_PHONE_REGION;
    this.encrypted = options.encrypt !== false;
    this.file = path.join(options.dataDir, 'store', 'switchboard.db');
    this.threads = new StoreThreads({
      file: this.file,
      phoneRegion: this.phoneRegion,
      nativeBinding: options.nativeBinding,
      callLimits: {
        timeoutMs: { ...CALL_LIMITS.timeoutMs, ...options.callLimits?.timeoutMs },
        stuckAfterMs: options.callLimits?.stuckAfterMs ?? CALL_LIMITS.stuckAfterMs,
      },
      log: this.log,
      onEvent: (event) => this.onWorkerEvent(event),
      isClosing: () => this.closing,
      onWriterReplaced: (hello) => {
        this.bulk.found(hello.bulkLoad);
        this.bulk.resume();
      },
      onWriterLost: (problem, fields) => this.fail(problem, fields),
    });
    const ensureOpen = () => void this.route('writer');
    this.bulk = new BulkLoadRunner({
      log: this.log,
      threads: this.threads,
      call: this.call,
      parallelSearchIndex: options.parallelSearchIndex !== false && options.readers !== 'writer',
      isOpen: () => this.stateValue === 'ready',
      isClosing: () => this.closing,
      statusChanged: () => this.emit('status', null),
    });
    this.integrity = new IntegrityChecks({
      log: this.log,
      threads: this.threads,
      schedule: options.integrityCheck === undefined ? DEFAULT_INTEGRITY : options.integrityCheck,
      call: this.call,
      ensureOpen,
      reportDamage: (detail) => this.reportDamage(detail),
      statusChanged: () => this.emit('status', null),
    });
  }

  /**
   * Opens (or creates) the store. A database that cannot be read (not a database, lost key,
   * damaged) is moved aside with a notice, its unsent work is carried over, and an empty one is
   * built (startup-recovery.ts). A key that exists but cannot be read rejects with StoreKeyError,
   * nothing written. Other failures leave the store in state `unavailable` with a `problem`; it
   * never throws for them.
   */
  static async open(options: StoreOptions): Promise<StoreHost> {
    const host = new StoreHost(options);
    await host.start();
    return host;
  }

  get state(): StoreStatus['state'] {
    return this.stateValue;
  }

  get recovery(): RecoveryInfo | null {
    return this.recoveryInfo;
  }

  get bulkLoadActive(): boolean {
    return this.bulk.loadActive;
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

  private notice(id: string, level: NoticeLevel, message: UserText): void {
    if (this.events.listenerCount('notice') === 0) this.earlyNotices.push({ id, level, message });
    else this.emit('notice', { id, level, message });
  }

  private async start(): Promise<void> {
    const started = performance.now();
    try {
      // The key first: one that cannot be read stops the start before anything is written.
      const key = this.encrypted ? await loadOrCreateStoreKey(this.options.secrets, this.log) : null;
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      this.threads.use(resolveWorkerScript(this.options.workerScript), key?.keyHex ?? null);

      const { writer, hello, recovery } = await openWriter(this.threads, this.file, this.log, key?.created ?? false);
      if (recovery) {
        this.recoveryInfo = recovery;
        this.notice('store.recovered', 'warning', recoveryNotice(recovery));
      }
      if (hello.t !== 'ready') {
        await writer.terminate();
        this.fail(openFailureProblem(hello.reason), { reason: hello.reason, detail: hello.detail });
        return;
      }
      this.threads.installWriter(writer);
      this.schema = hello.schemaVersion;
      this.cipher = hello.cipher;
      this.bulk.found(hello.bulkLoad);
      this.logCipherUpgrade(hello.cipherUpgrade);
      if (this.options.readers !== 'writer') await this.threads.startReaders();
      this.stateValue = 'ready';
      if (this.recoveryInfo) {
        await writer.call('setMeta', ['last_recovery', JSON.stringify(this.recoveryInfo)]).catch(() => undefined);
        this.emit('recovered', this.recoveryInfo);
      }
      this.integrity.schedule();
      this.bulk.resume();
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
        this.problem = error.text;
        throw error;
      }
      this.fail(userText('store.status.startFailed'), {
        error: error instanceof Error ? error.name : typeof error,
        detail: error instanceof Error ? error.message.slice(0, 200) : '',
      });
    }
  }

  private logCipherUpgrade(upgrade: CipherUpgrade | undefined): void {
    if (upgrade?.outcome === 'upgraded') {
      this.log.info('local database re-encrypted with the current cipher', { from: upgrade.from, ms: upgrade.ms, bytes: upgrade.bytes });
    } else if (upgrade?.outcome === 'kept') {
      // It still works, only slower; the next start tries again.
      this.log.warn('local database left in its older cipher; re-encryption failed', { from: upgrade.from, reason: upgrade.reason });
    }
  }

  private fail(problem: UserText, fields: Record<string, string | number>): void {
    this.stateValue = 'unavailable';
    this.problem = problem;
    this.log.error('local store unavailable', fields);
    this.notice('store.unavailable', 'error', problem);
    this.emit('status', null);
  }

  private onWorkerEvent(event: WorkerEvent): void {
    switch (event.kind) {
      case 'import-progress':
        this.emit('import-progress', event);
        return;
      case 'bulk-progress':
        this.bulk.progress(event);
        this.emit('bulk-progress', event);
        return;
      case 'outbox-changed':
        this.emit('outboxChanged', { queued: event.queued });
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
    this.notice('store.damaged', 'error', userText('store.notice.damaged'));
    this.emit('status', null);
  }

  // -------------------------------------------------------------------------
  // Requests

  private route(lane: RoutedLane): WorkerLane {
    if (this.stateValue !== 'ready') {
      throw new StoreError('unavailable', this.problem ?? userText(this.closing ? 'store.status.closed' : 'store.status.starting'));
    }
    const target = this.threads.pick(lane);
    if (!target) throw new StoreError('unavailable', userText('store.status.restarting'));
    return target;
  }

  /**
   * Sends `op` to the thread op-table.ts names for it, with its time; StoreClient's methods are
   * made of this. Rejects with StoreError('unavailable') while the store is not open.
   */
  async request(op: WorkerOpName, args: unknown[], transfer: ArrayBuffer[] = []): Promise<unknown> {
    const lane = laneOf(op);
    if (lane === 'indexer' || lane === 'maintenance') throw new StoreError('internal', `${op} runs on a thread of its own`);
    return this.route(lane).call(op, args, transfer);
  }

  /**
   * Tests only: sends `op` as it is to a thread. The operations this is for (the worker's hangs)
   * exist only in a worker built for tests (electron/store/worker/entry.ts, TEST_HOOKS); any other
   * worker answers them as unknown.
   */
  callForTests(lane: RoutedLane, op: `__test.${string}`, timeoutMs?: number): Promise<unknown> {
    return this.route(lane).call(op, [], [], timeoutMs);
  }

  // -------------------------------------------------------------------------
  // Status and health

  async status(options: { counts?: boolean } = {}): Promise<StoreStatus> {
    const base = baseStatus({
      state: this.stateValue,
      problem: this.problem,
      damaged: this.damagedNoticeSent,
      encrypted: this.encrypted,
      cipher: this.cipher,
      keyInfo: this.options.secrets.info,
      schemaVersion: this.schema,
      recovery: this.recoveryInfo,
      bulkLoad: this.bulk.active,
      phoneRegion: this.phoneRegion,
    });
    if (this.stateValue !== 'ready') return base;
    const [counts, lastIntegrityCheck] = await Promise.all([
      options.counts === false ? null : this.call('counts').catch(() => null),
      this.integrity.last().catch(() => null),
    ]);
    return { ...base, counts, lastIntegrityCheck, databaseBytes: databaseBytes(this.file) };
  }

  requestTimes(): Record<string, OpLatency> {
    return this.threads.requestTimes();
  }

  /** Starts the request times afresh (bench:store, between its phases). */
  resetRequestTimes(): void {
    this.threads.resetRequestTimes();
  }

  threadHealth(): Record<string, ThreadHealth> {
    return this.threads.threadHealth();
  }

  threadPriorities(): Record<string, PriorityOutcome> {
    return this.threads.threadPriorities();
  }

  threadMemory(): Promise<Record<string, ThreadMemory>> {
    return this.threads.threadMemory();
  }

  runIntegrityCheck(): Promise<IntegrityResult> {
    return this.integrity.run();
  }

  // -------------------------------------------------------------------------
  // Bulk load (bulk-load-runner.ts)

  beginBulkLoad(): Promise<void> {
    return this.bulk.begin();
  }

  finishBulkLoad(): Promise<BulkLoadReport> {
    return this.bulk.finish();
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.integrity.stop();
    await this.threads.closeAll([this.bulk.takeIndexer()]);
    if (this.stateValue === 'ready') this.stateValue = 'unavailable';
    this.problem = userText('store.status.closed');
  }
}
