import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ConnectionState, ParkedItem, SyncConflict, SyncProgress, SyncStatus } from '../../shared/sync/contract';
import type { OutboxCounts, OutboxRow, PulledCase, PulledCustomer } from '../../shared/store/types';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff';
import { SourceError, type CaseSource } from './case-source';
import { ConflictBook, describeConflict, type MetaPort } from './conflicts';
import { OutboxDelivery, type DrainReport, type OutboxPort } from './outbox-delivery';
import { PullEngine, type IngestPort, type PullProgress } from './pull-engine';
import { SYNC_TOKEN_SECRET, SwitchboardSyncSource, parseBaseUrl } from './switchboard-sync-source';

/**
 * The sync service: one per app. Owns the connector, the outbox delivery and
 * the pull, decides when each runs, and keeps the status the UI shows.
 *
 * When things run:
 * - push: as soon as agent work is committed (`wake()`), on a short poll, and
 *   when a retry falls due; independent of the pull, so a long initial sync
 *   never holds up a wrap-up;
 * - pull: at start, every `pullIntervalMs`, and on reconnect;
 * - offline (or token refused, or server failing): neither; a probe with
 *   backoff and jitter checks for the server's return, and its success runs
 *   both at once ("on reconnect").
 */

export interface SyncStorePort extends OutboxPort, IngestPort, MetaPort {
  outboxCounts(): Promise<OutboxCounts>;
  outboxList(states: OutboxRow['state'][], limit: number): Promise<OutboxRow[]>;
  outboxRequeue(ids: number[]): Promise<number>;
  outboxDiscard(ids: number[], reason: string): Promise<number>;
  outboxPruneSent(sentBefore: number): Promise<void>;
  /** The agent chose the server's copy: replace the local row even though it has unsent changes. */
  replaceWithServerCopy(kind: 'customer' | 'case', record: PulledCustomer | PulledCase): Promise<void>;
}

export interface SyncTiming {
  pullIntervalMs: number;
  /** How often due retries and newly committed work are looked for when nothing woke the service. */
  pushPollMs: number;
  requestTimeoutMs: number;
  /** Per-item retries. */
  backoff: BackoffPolicy;
  /** Reconnect probes while offline. */
  probeBackoff: BackoffPolicy;
  pageSize: number;
  concurrency: number;
}

export const DEFAULT_TIMING: SyncTiming = {
  pullIntervalMs: 60_000,
  pushPollMs: 5_000,
  requestTimeoutMs: 30_000,
  backoff: DEFAULT_BACKOFF,
  probeBackoff: { baseMs: 1_000, capMs: 60_000 },
  pageSize: 1000,
  concurrency: 8,
};

export interface SyncSettings {
  serverUrl: string | null;
}

export interface SyncServiceOptions {
  store: SyncStorePort;
  secrets: SecretStore;
  log: Logger;
  /** Where the agent's own sync settings are kept (JSON). */
  settingsFile: string;
  /** Set by IT policy: a fixed server (and whether the agent may change it). */
  policy?: { serverUrl?: string | null; locked?: boolean };
  /** Sends the status to the renderer (`sync.statusChanged`). */
  emit: (status: SyncStatus) => void;
  timing?: Partial<SyncTiming>;
  userAgent?: string;
  /** Another connector than the Switchboard Sync API (e.g. a CRM-specific one). */
  createSource?: (serverUrl: string, token: () => Promise<string | null>, timeoutMs: number) => CaseSource;
  now?: () => number;
}

const LAST_SYNC_KEY = 'sync.lastSyncAt';
const LAST_PUSH_KEY = 'sync.lastPushAt';
const LIST_LIMIT = 50;
const SENT_RETENTION_MS = 7 * 24 * 3600_000;
const TOKEN_CACHE_MS = 60_000;

export class SyncService {
  private readonly timing: SyncTiming;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly book: ConflictBook;
  private settings: SyncSettings = { serverUrl: null };
  private source: CaseSource | null = null;
  private delivery: OutboxDelivery | null = null;
  private pull: PullEngine | null = null;
  private connection: ConnectionState = 'not-configured';
  private problem: string | null = null;
  private progress: SyncProgress | null = null;
  private lastSyncAt: number | null = null;
  private lastPushAt: number | null = null;
  private counts: OutboxCounts = { pending: 0, parked: 0, conflict: 0, sent: 0 };
  private parked: ParkedItem[] = [];
  private conflicts: SyncConflict[] = [];
  private pushRun: Promise<void> | null = null;
  private pushAgain = false;
  private pullRun: Promise<void> | null = null;
  private pullAgain = false;
  private pushTimer: NodeJS.Timeout | null = null;
  private pushRetryAt: number | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private pullTimer: NodeJS.Timeout | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private probeAt: number | null = null;
  private probeAttempts = 0;
  private emitQueued = false;
  private lastEmitted = '';
  private lastProgressEmit = 0;
  private abort = new AbortController();
  private closed = false;
  private token: { value: string | null; at: number } | null = null;

  constructor(private readonly options: SyncServiceOptions) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.book = new ConflictBook(options.store);
  }

  async start(): Promise<void> {
    this.settings = this.readSettings();
    await this.book.load();
    this.lastSyncAt = numberOrNull(await this.options.store.getMeta(LAST_SYNC_KEY));
    this.lastPushAt = numberOrNull(await this.options.store.getMeta(LAST_PUSH_KEY));
    await this.options.store.outboxPruneSent(this.now() - SENT_RETENTION_MS).catch(() => undefined);
    await this.refreshOutbox();
    this.connect();
    this.pollTimer = setInterval(() => this.poll(), this.timing.pushPollMs);
    this.pollTimer.unref?.();
  }

  /** Agent work was committed: send it now if the server is there. */
  wake(): void {
    void this.refreshOutbox().then(() => this.emitStatus());
    this.requestPush();
  }

  /** "Sync now": also cuts a reconnect wait short. */
  syncNow(): boolean {
    if (!this.source || this.closed) return false;
    if (this.connection === 'online') {
      this.requestPush();
      this.requestPull();
    } else {
      this.probeNow();
    }
    return true;
  }

  status(): SyncStatus {
    const pulling = this.pullRun !== null;
    const activity = pulling ? (this.progress?.initial ? 'initial-sync' : 'pulling') : this.pushRun !== null ? 'pushing' : 'idle';
    const nextAttemptAt = this.connection === 'online' ? this.pushRetryAt : this.probeAt;
    return {
      connection: this.connection,
      server: this.source ? hostOf(this.settings.serverUrl) : null,
      problem: this.problem,
      locked: this.options.policy?.locked === true,
      activity,
      progress: pulling ? this.progress : null,
      lastSyncAt: this.lastSyncAt,
      lastPushAt: this.lastPushAt,
      nextAttemptAt,
      outbox: { waiting: this.counts.pending, parked: this.counts.parked, conflicts: this.counts.conflict },
      parked: this.parked,
      conflicts: this.conflicts,
    };
  }

  async resolveConflict(id: number, choice: 'theirs' | 'mine'): Promise<SyncStatus> {
    const rows = await this.options.store.outboxList(['conflict'], 5000);
    const row = rows.find((r) => r.id === id);
    if (!row) throw new SyncUserError('not-found', 'That conflict was already resolved or no longer exists');
    const record = this.book.get(id);
    if (choice === 'mine') {
      if (!record) throw new SyncUserError('unavailable', 'The server copy of this record is not known yet; sync again and then choose');
      await this.book.allowOverwrite(id, record.theirsVersion);
      await this.options.store.outboxRequeue([id]);
      this.log.info('conflict resolved: keep mine', { outbox: id, kind: row.entityKind });
    } else {
      if (record && (row.entityKind === 'case' || row.entityKind === 'customer')) {
        const copy = { ...record.theirs, id: row.entityId, version: record.theirsVersion } as unknown as PulledCase | PulledCustomer;
        await this.options.store.replaceWithServerCopy(row.entityKind, copy);
      }
      await this.options.store.outboxDiscard([id], 'The agent kept the server version after a conflict');
      await this.book.forget([id]);
      this.log.info('conflict resolved: keep theirs', { outbox: id, kind: row.entityKind });
    }
    await this.refreshOutbox();
    this.emitStatus();
    this.requestPush();
    return this.status();
  }

  async retryParked(ids?: number[]): Promise<number> {
    const targets = ids ?? (await this.options.store.outboxList(['parked'], 5000)).map((r) => r.id);
    if (targets.length === 0) return 0;
    const parked = new Set((await this.options.store.outboxList(['parked'], 5000)).map((r) => r.id));
    const requeued = await this.options.store.outboxRequeue(targets.filter((id) => parked.has(id)));
    this.log.info('parked items sent again', { count: requeued });
    await this.refreshOutbox();
    this.emitStatus();
    this.requestPush();
    return requeued;
  }

  async discardParked(ids: number[]): Promise<number> {
    const parked = new Set((await this.options.store.outboxList(['parked'], 5000)).map((r) => r.id));
    const discarded = await this.options.store.outboxDiscard(
      ids.filter((id) => parked.has(id)),
      'Discarded by the agent after the server refused it',
    );
    this.log.warn('parked items discarded', { count: discarded });
    await this.refreshOutbox();
    this.emitStatus();
    return discarded;
  }

  /**
   * Sets the server and/or the token. `serverUrl` undefined keeps the current server, which is the
   * only way to change anything when IT policy locks the server: the agent may still enter the
   * token IT gave them.
   */
  async configure(requested: string | null | undefined, token?: string): Promise<SyncStatus> {
    if (requested !== undefined && this.options.policy?.locked) throw new SyncUserError('forbidden', 'The sync server is set by IT policy and cannot be changed here');
    if (requested === undefined && token === undefined) return this.status();
    const serverUrl = requested === undefined ? this.effectiveUrl() : requested;
    if (serverUrl !== null) {
      try {
        parseBaseUrl(serverUrl);
      } catch (error) {
        throw new SyncUserError('invalid-payload', (error as Error).message);
      }
    }
    if (token !== undefined) await this.options.secrets.set(SYNC_TOKEN_SECRET, token);
    this.token = null;
    if (requested !== undefined) {
      this.settings = { serverUrl };
      this.writeSettings();
    }
    this.disconnect();
    this.connect();
    return this.status();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    this.disconnect();
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    await Promise.allSettled([this.pushRun, this.pullRun]);
  }

  // ---------------------------------------------------------------------------
  // Connector life cycle

  private effectiveUrl(): string | null {
    const policyUrl = this.options.policy?.serverUrl;
    if (this.options.policy?.locked) return policyUrl ?? null;
    return this.settings.serverUrl ?? policyUrl ?? null;
  }

  private connect(): void {
    const url = this.effectiveUrl();
    this.settings = { serverUrl: url };
    if (!url || this.closed) {
      this.setConnection('not-configured', null);
      return;
    }
    const token = () => this.readToken();
    try {
      this.source = this.options.createSource
        ? this.options.createSource(url, token, this.timing.requestTimeoutMs)
        : new SwitchboardSyncSource({ baseUrl: url, token, timeoutMs: this.timing.requestTimeoutMs, userAgent: this.options.userAgent });
    } catch (error) {
      this.setConnection('not-configured', (error as Error).message);
      return;
    }
    this.abort = new AbortController();
    const source = this.source;
    this.delivery = new OutboxDelivery({
      outbox: this.options.store,
      source,
      backoff: this.timing.backoff,
      concurrency: this.timing.concurrency,
      log: this.log.child('push'),
      now: this.now,
      hooks: {
        overrideFor: (id) => this.book.overrideFor(id),
        recordConflict: (row, outcome) => this.book.record(row, outcome, this.now()),
        sent: (ids) => {
          if (this.book.hasOverrides) void this.book.forget(ids.filter((id) => this.book.overrideFor(id) !== undefined));
        },
      },
    });
    this.pull = new PullEngine({
      source,
      ingest: this.options.store,
      log: this.log.child('pull'),
      pageSize: this.timing.pageSize,
      onProgress: (p) => this.onProgress(p),
    });
    this.setConnection('connecting', null);
    this.log.info('sync configured', { server: hostOf(url) });
    this.requestPush();
    this.requestPull();
  }

  private disconnect(): void {
    this.abort.abort();
    for (const timer of [this.pushTimer, this.pullTimer, this.probeTimer]) if (timer) clearTimeout(timer);
    this.pushTimer = this.pullTimer = this.probeTimer = null;
    this.probeAt = this.pushRetryAt = null;
    this.source?.close();
    this.source = null;
    this.delivery = null;
    this.pull = null;
  }

  private async readToken(): Promise<string | null> {
    if (this.token && this.now() - this.token.at < TOKEN_CACHE_MS) return this.token.value;
    const value = await this.options.secrets.get(SYNC_TOKEN_SECRET);
    this.token = { value, at: this.now() };
    return value;
  }

  // ---------------------------------------------------------------------------
  // Push and pull loops (each runs one at a time; a request while running runs it again after)

  private requestPush(): void {
    if (!this.delivery || this.closed || !this.canTalk()) return;
    if (this.pushRun) {
      this.pushAgain = true;
      return;
    }
    this.pushRun = this.runPush().finally(() => {
      this.pushRun = null;
      this.emitStatus();
    });
  }

  private async runPush(): Promise<void> {
    do {
      this.pushAgain = false;
      const delivery = this.delivery;
      if (!delivery || !this.canTalk()) return;
      this.emitStatus();
      let report: DrainReport;
      try {
        report = await delivery.drain(this.abort.signal);
      } catch (error) {
        // The store failed (closed, disk full): nothing was lost, try again on the next poll.
        this.log.error('outbox delivery failed', { error: error instanceof Error ? error.name : typeof error, message: error instanceof Error ? error.message.slice(0, 200) : '' });
        return;
      }
      if (report.sent > 0) {
        this.lastPushAt = this.now();
        await this.options.store.setMeta(LAST_PUSH_KEY, String(this.lastPushAt)).catch(() => undefined);
        this.log.info('outbox delivered', { sent: report.sent, replayed: report.replayed });
      }
      await this.refreshOutbox();
      this.schedulePushRetry(report.nextRetryAt);
      if (report.stoppedBy && report.stoppedBy.kind !== 'aborted') {
        this.failed(report.stoppedBy);
        return;
      }
      if (report.reachedServer) this.reached();
      this.emitStatus();
    } while (this.pushAgain && !this.closed);
  }

  private requestPull(): void {
    if (!this.pull || this.closed || !this.canTalk()) return;
    if (this.pullRun) {
      this.pullAgain = true;
      return;
    }
    if (this.pullTimer) clearTimeout(this.pullTimer);
    this.pullTimer = null;
    this.pullRun = this.runPull().finally(() => {
      this.pullRun = null;
      this.progress = null;
      this.emitStatus();
      if (!this.closed && this.pull) {
        this.pullTimer = setTimeout(() => this.requestPull(), this.timing.pullIntervalMs);
        this.pullTimer.unref?.();
      }
    });
  }

  private async runPull(): Promise<void> {
    do {
      this.pullAgain = false;
      const pull = this.pull;
      if (!pull || !this.canTalk()) return;
      this.emitStatus();
      try {
        const report = await pull.run(this.abort.signal);
        this.reached();
        this.lastSyncAt = this.now();
        await this.options.store.setMeta(LAST_SYNC_KEY, String(this.lastSyncAt));
        this.log.info('pull complete', {
          initial: report.initial,
          customers: report.customers.stored,
          cases: report.cases.stored,
          deleted: report.customers.deleted + report.cases.deleted,
          skippedDirty: report.customers.skippedDirty + report.cases.skippedDirty,
          rejected: report.customers.rejected + report.cases.rejected,
        });
      } catch (error) {
        if (error instanceof SourceError) {
          if (error.kind !== 'aborted') this.failed(error);
        } else {
          this.log.error('pull failed', { error: error instanceof Error ? error.name : typeof error, message: error instanceof Error ? error.message.slice(0, 200) : '' });
          this.setConnection(this.connection, 'Storing what the server sent failed; it will be tried again');
        }
        return;
      }
    } while (this.pullAgain && !this.closed);
  }

  private schedulePushRetry(at: number | null): void {
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = null;
    this.pushRetryAt = at;
    if (at === null || this.closed) return;
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      this.pushRetryAt = null;
      this.requestPush();
    }, Math.max(0, at - this.now()));
    this.pushTimer.unref?.();
  }

  private poll(): void {
    if (this.closed) return;
    void this.refreshOutbox().then(() => this.emitStatus());
    if (this.connection === 'online' || this.connection === 'connecting') this.requestPush();
  }

  // ---------------------------------------------------------------------------
  // Connectivity

  private canTalk(): boolean {
    return this.connection === 'online' || this.connection === 'connecting';
  }

  /** A request got an answer from the server: online. Coming back from offline syncs both ways at once. */
  private reached(): void {
    if (this.connection === 'online' && this.problem === null) return;
    const wasDown = this.connection !== 'online' && this.connection !== 'connecting';
    this.probeAttempts = 0;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    this.probeAt = null;
    this.setConnection('online', null);
    if (!wasDown) return;
    // Reconnected: send what waited and catch up at once.
    this.log.info('sync server reachable again');
    this.requestPush();
    this.requestPull();
  }

  private failed(error: SourceError): void {
    const state: ConnectionState =
      error.kind === 'unauthorized' ? 'unauthorized' : error.kind === 'network' || error.kind === 'timeout' ? 'offline' : error.kind === 'rate-limited' ? 'online' : 'server-error';
    if (error.kind === 'unauthorized') this.token = null;
    if (state === 'online') {
      // 429: still reachable; push waits for Retry-After (its retry timer), pull for its interval.
      this.setConnection('online', `${hostOf(this.settings.serverUrl)} asked Switchboard to slow down; sending resumes shortly`);
      return;
    }
    if (this.connection !== state) this.log.warn('sync server not usable', { state, code: error.code });
    this.setConnection(state, this.describeProblem(error));
    this.scheduleProbe(error.retryAfterMs);
  }

  private describeProblem(error: SourceError): string {
    const waiting = this.counts.pending;
    const tail = waiting > 0 ? ` ${waiting} item${waiting === 1 ? '' : 's'} will be sent when it is back.` : '';
    switch (error.kind) {
      case 'unauthorized':
        return `${error.message}.${tail}`;
      case 'network':
      case 'timeout':
        return `Offline: ${error.message}. Work is saved on this computer.${tail}`;
      default:
        return `${error.message}. Retrying automatically.${tail}`;
    }
  }

  private scheduleProbe(retryAfterMs: number | null = null): void {
    if (this.probeTimer || this.closed || !this.source) return;
    this.probeAttempts += 1;
    const delay = backoffDelay(this.timing.probeBackoff, this.probeAttempts, retryAfterMs);
    this.probeAt = this.now() + delay;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      void this.probe();
    }, delay);
    this.probeTimer.unref?.();
    this.emitStatus();
  }

  private probeNow(): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    void this.probe();
  }

  private async probe(): Promise<void> {
    const source = this.source;
    if (!source || this.closed) return;
    this.probeAt = null;
    try {
      await source.probe(this.abort.signal);
    } catch (error) {
      if (this.closed || source !== this.source) return;
      const e = error instanceof SourceError ? error : new SourceError('protocol', 'client-error', 'The sync server check failed inside Switchboard');
      if (e.kind === 'aborted') return;
      this.failed(e);
      this.scheduleProbe(e.retryAfterMs);
      return;
    }
    if (source === this.source) this.reached();
  }

  private setConnection(state: ConnectionState, problem: string | null): void {
    this.connection = state;
    this.problem = problem;
    this.emitStatus();
  }

  // ---------------------------------------------------------------------------
  // Status

  private onProgress(progress: PullProgress): void {
    // A stored page proves the server answers (a long initial sync is "online" from its first page).
    if (this.connection !== 'online' && progress.phase !== 'indexing') this.reached();
    const phaseChanged = this.progress?.phase !== progress.phase;
    this.progress = progress;
    const now = this.now();
    // At most five a second, but never skip the start and the end of a phase.
    if (phaseChanged || now - this.lastProgressEmit >= 200 || (progress.total !== null && progress.done >= progress.total)) {
      this.lastProgressEmit = now;
      this.sendStatus();
    }
  }

  private async refreshOutbox(): Promise<void> {
    const store = this.options.store;
    try {
      this.counts = await store.outboxCounts();
      const parkedRows = this.counts.parked > 0 ? await store.outboxList(['parked'], LIST_LIMIT) : [];
      this.parked = parkedRows.map((r) => ({
        id: r.id,
        entityKind: r.entityKind,
        entityId: r.entityId,
        operation: r.operation,
        code: r.lastErrorCode ?? 'unknown',
        message: r.lastErrorMessage ?? 'The server refused this item',
        attempts: r.attempts,
        createdAt: r.createdAt,
      }));
      const conflictRows = this.counts.conflict > 0 ? await store.outboxList(['conflict'], 5000) : [];
      await this.book.retainConflicts(new Set(conflictRows.map((r) => r.id)));
      this.conflicts = conflictRows.slice(0, LIST_LIMIT).flatMap((row) => {
        const record = this.book.get(row.id);
        if (record) return [describeConflict(row, record)];
        // The server copy was lost (e.g. written by an older version): still show the conflict.
        return [{ id: row.id, entityKind: row.entityKind, entityId: row.entityId, operation: row.operation, title: `${row.entityKind} ${row.entityId}`, message: row.lastErrorMessage ?? 'Changed on the server too', theirsVersion: 1, detectedAt: row.createdAt, fields: [] }];
      });
    } catch (error) {
      this.log.warn('could not read the outbox for the sync status', { error: error instanceof Error ? error.name : typeof error });
    }
  }

  /** Coalesces the changes of one turn of the event loop into one event. */
  private emitStatus(): void {
    if (this.emitQueued || this.closed) return;
    this.emitQueued = true;
    setImmediate(() => {
      this.emitQueued = false;
      this.sendStatus();
    });
  }

  private sendStatus(): void {
    if (this.closed) return;
    const status = this.status();
    const text = JSON.stringify(status);
    if (text === this.lastEmitted) return;
    this.lastEmitted = text;
    this.options.emit(status);
  }

  // ---------------------------------------------------------------------------
  // Settings

  private readSettings(): SyncSettings {
    try {
      const parsed = JSON.parse(readFileSync(this.options.settingsFile, 'utf8')) as { serverUrl?: unknown };
      return { serverUrl: typeof parsed.serverUrl === 'string' ? parsed.serverUrl : null };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn('sync settings unreadable; using defaults', { error: (error as Error).name });
      return { serverUrl: null };
    }
  }

  private writeSettings(): void {
    const temp = `${this.options.settingsFile}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(this.settings, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.options.settingsFile);
  }
}

/** An error the agent should read; the bridge turns it into a BridgeError with this code. */
export class SyncUserError extends Error {
  constructor(
    readonly code: 'not-found' | 'unavailable' | 'forbidden' | 'invalid-payload',
    message: string,
  ) {
    super(message);
    this.name = 'SyncUserError';
  }
}

function numberOrNull(text: string | null): number | null {
  if (text === null) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
