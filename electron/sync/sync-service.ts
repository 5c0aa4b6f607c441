import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { checkEncryptionPolicy } from '../../shared/policy/encryption';
import type { ConnectionState, ParkedItem, SyncConflict, SyncProgress, SyncStatus } from '../../shared/sync/contract';
import { MAX_PAGE_BYTES } from '../../shared/sync/limits';
import type { OutboxCounts, OutboxRow, PulledCase, PulledCustomer } from '../../shared/store/types';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { OutboxSnapshot, OutboxSnapshotOptions } from '../store/protocol';
import { backoffDelay, type BackoffPolicy } from '../core/backoff';
import { DEFAULT_BACKOFF } from './backoff';
import { SourceError, type CaseSource } from './case-source';
import { ConflictBook, describeConflict, type MetaPort } from './conflicts';
import { OutboxDelivery, type DrainReport, type OutboxPort } from './outbox-delivery';
import { PullEngine, type FeedStop, type IngestPort, type PullLimits, type PullProgress } from './pull-engine';
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
  /** Counts and the parked and conflicting rows of one moment: what the status shows is built from one of these. */
  outboxSnapshot(options: OutboxSnapshotOptions): Promise<OutboxSnapshot>;
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

/** How much one pull may download and loop through; defaults in shared/sync/limits.ts (tests set smaller ones). */
export interface SyncLimits extends PullLimits {
  maxPageBytes: number;
}

export interface SyncSettings {
  serverUrl: string | null;
}

/** sync-settings.json: the agent's own server, and the origin the stored token was given for. */
interface StoredSyncSettings extends SyncSettings {
  /**
   * scheme://host:port the token in the keychain belongs to; null: no server when it was entered.
   * Undefined: written by a version that did not record it (the token then belongs to the server in use at start).
   */
  tokenOrigin?: string | null;
}

export interface SyncServiceOptions {
  store: SyncStorePort;
  secrets: SecretStore;
  log: Logger;
  /** Where the agent's own sync settings are kept (JSON). */
  settingsFile: string;
  /**
   * Set by IT policy: a fixed server (and whether the agent may change it), and `encryptionRequired`:
   * then an http:// server other than this machine is never contacted, whoever set it.
   */
  policy?: { serverUrl?: string | null; locked?: boolean; encryptionRequired?: boolean };
  /** Sends the status to the renderer (`sync.statusChanged`). */
  emit: (status: SyncStatus) => void;
  timing?: Partial<SyncTiming>;
  limits?: Partial<SyncLimits>;
  userAgent?: string;
  /** CAs to trust for https (electron/security/trust-store.ts); undefined: Node's own. */
  ca?: readonly string[];
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
  /** The server in use (effective: the agent's own or IT's). */
  private settings: SyncSettings = { serverUrl: null };
  /** What sync-settings.json holds. */
  private stored: StoredSyncSettings = { serverUrl: null };
  private source: CaseSource | null = null;
  private delivery: OutboxDelivery | null = null;
  private pull: PullEngine | null = null;
  private connection: ConnectionState = 'not-configured';
  private problem: string | null = null;
  /**
   * Why the last pull stopped before the end of the server's changes; kept until a pull reaches the
   * end (a push reaching the server clears `problem`, and must not clear this).
   */
  private pullStopped: string | null = null;
  private progress: SyncProgress | null = null;
  private lastSyncAt: number | null = null;
  private lastPushAt: number | null = null;
  private counts: OutboxCounts = { pending: 0, parked: 0, conflict: 0, sent: 0 };
  private parked: ParkedItem[] = [];
  private conflicts: SyncConflict[] = [];
  /** Outbox reads issued, and which of them the status shows: a read answered late never replaces a later one. */
  private outboxReads = 0;
  private outboxShown = 0;
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
    this.stored = this.readSettings();
    await this.keepTokenWithItsServer();
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
      problem: this.problem ?? this.pullStopped,
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
      if (requested !== undefined && this.refusedByPolicy(serverUrl) !== null) {
        throw new SyncUserError(
          'forbidden',
          `Sync server URL: ${hostOf(serverUrl) ?? 'this server'} would be reached over an unencrypted connection (http://), which your IT policy does not allow. Use its https:// address.`,
          ['serverUrl: http:// is only allowed to this computer while IT policy requires encryption; use https://'],
        );
      }
    }
    const origin = originOf(serverUrl);
    if (token !== undefined) {
      await this.options.secrets.set(SYNC_TOKEN_SECRET, token);
      this.stored = { ...this.stored, tokenOrigin: origin };
    } else if (origin !== this.stored.tokenOrigin) {
      // The token was given for another server: it must not be sent to this one.
      await this.dropToken('the sync server changed');
      this.stored = { ...this.stored, tokenOrigin: origin };
    }
    this.token = null;
    if (requested !== undefined) this.stored = { ...this.stored, serverUrl };
    this.writeSettings();
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
    return this.stored.serverUrl ?? policyUrl ?? null;
  }

  /**
   * Under `encryptionRequired`, why `url` is not used (it would carry data unencrypted over a network,
   * or is not an https:// address at all); null when it may be used.
   */
  private refusedByPolicy(url: string): string | null {
    if (this.options.policy?.encryptionRequired !== true) return null;
    const verdict = checkEncryptionPolicy(url);
    if (verdict.allowed) return null;
    return verdict.scheme ? `an unencrypted connection (${verdict.scheme}://)` : 'an address that is not https://';
  }

  private connect(): void {
    const url = this.effectiveUrl();
    this.settings = { serverUrl: url };
    if (!url || this.closed) {
      this.setConnection('not-configured', null);
      return;
    }
    const refused = this.refusedByPolicy(url);
    if (refused !== null) {
      // Also a server saved before IT turned the policy on: checked here, every time sync connects.
      const host = hostOf(url);
      this.log.warn('sync server not used: IT policy requires encryption', { server: host });
      const fix = this.options.policy?.locked ? 'IT needs to set its https:// address.' : 'Enter its https:// address in Sync settings, or ask IT.';
      this.setConnection('not-configured', `Sync is off: the sync server${host ? ` ${host}` : ''} uses ${refused}, which your IT policy does not allow. ${fix} Work is saved on this computer.`);
      return;
    }
    const origin = originOf(url);
    const token = () => this.readToken(origin);
    try {
      this.source = this.options.createSource
        ? this.options.createSource(url, token, this.timing.requestTimeoutMs)
        : new SwitchboardSyncSource({
            baseUrl: url,
            token,
            timeoutMs: this.timing.requestTimeoutMs,
            userAgent: this.options.userAgent,
            ca: this.options.ca,
            maxPageBytes: this.options.limits?.maxPageBytes ?? MAX_PAGE_BYTES,
          });
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
      limits: this.options.limits,
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
    this.pullStopped = null;
    this.delivery = null;
    this.pull = null;
  }

  /** The token, only for the server it was given for (`origin`: the server this connector talks to). */
  private async readToken(origin: string | null): Promise<string | null> {
    if (origin !== this.stored.tokenOrigin) return null;
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
        // lastSyncAt is "reached the end of the server's changes": a pull that stopped short did not.
        this.pullStopped = report.stopped.length > 0 ? this.describeStop(report.stopped) : null;
        if (report.stopped.length === 0) {
          this.lastSyncAt = this.now();
          await this.options.store.setMeta(LAST_SYNC_KEY, String(this.lastSyncAt));
        }
        this.emitStatus();
        this.log.info(report.stopped.length === 0 ? 'pull complete' : 'pull stopped before the end of the changes', {
          stopped: report.stopped.map((s) => `${s.feed}:${s.reason}:${s.pages}`).join(',') || 'no',
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

  /** What the agent and IT read when a pull stopped short: what happened, that nothing is lost, and what comes next. */
  private describeStop(stops: FeedStop[]): string {
    const host = hostOf(this.settings.serverUrl) ?? 'The sync server';
    const repeated = stops.find((s) => s.reason === 'cursor-repeated');
    if (repeated) {
      return `${host} answered the ${repeated.feed} list with the position it was asked for, so it would never end; sync stopped there. What arrived is saved, and the next sync tries again. IT should check the sync server.`;
    }
    const feeds = stops.map((s) => `${s.pages.toLocaleString('en-US')} page${s.pages === 1 ? '' : 's'} of ${s.feed}`).join(' and ');
    return `Sync stopped after ${feeds} from ${host}, the most one sync takes. What arrived is saved, and the next sync goes on from there. If this shows at every sync, the server may be listing changes without end: IT should check it.`;
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
    const read = ++this.outboxReads;
    try {
      // One request, one read transaction: the counts and the lists are of the same moment, and they are set
      // together, so no status (polled or sent) shows "1 parked" beside an empty list of parked items.
      const snapshot = await this.options.store.outboxSnapshot({ parkedLimit: LIST_LIMIT, conflictLimit: 5000 });
      if (read <= this.outboxShown) return;
      this.outboxShown = read;
      this.counts = snapshot.counts;
      this.parked = snapshot.parked.map((r) => ({
        id: r.id,
        entityKind: r.entityKind,
        entityId: r.entityId,
        operation: r.operation,
        code: r.lastErrorCode ?? 'unknown',
        message: r.lastErrorMessage ?? 'The server refused this item',
        attempts: r.attempts,
        createdAt: r.createdAt,
      }));
      this.conflicts = snapshot.conflicts.slice(0, LIST_LIMIT).flatMap((row) => {
        const record = this.book.get(row.id);
        if (record) return [describeConflict(row, record)];
        // The server copy was lost (e.g. written by an older version): still show the conflict.
        return [{ id: row.id, entityKind: row.entityKind, entityId: row.entityId, operation: row.operation, title: `${row.entityKind} ${row.entityId}`, message: row.lastErrorMessage ?? 'Changed on the server too', theirsVersion: 1, detectedAt: row.createdAt, fields: [] }];
      });
      // Only the newest read forgets server copies: an older one may predate a conflict recorded since.
      if (read === this.outboxReads) await this.book.retainConflicts(new Set(snapshot.conflicts.map((r) => r.id)));
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

  private readSettings(): StoredSyncSettings {
    try {
      const parsed = JSON.parse(readFileSync(this.options.settingsFile, 'utf8')) as { serverUrl?: unknown; tokenOrigin?: unknown };
      const serverUrl = typeof parsed.serverUrl === 'string' ? parsed.serverUrl : null;
      if (!('tokenOrigin' in parsed)) return { serverUrl };
      return { serverUrl, tokenOrigin: typeof parsed.tokenOrigin === 'string' ? parsed.tokenOrigin : null };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn('sync settings unreadable; using defaults', { error: (error as Error).name });
      return { serverUrl: null };
    }
  }

  private writeSettings(): void {
    const temp = `${this.options.settingsFile}.${process.pid}.tmp`;
    const data = { serverUrl: this.stored.serverUrl, tokenOrigin: this.stored.tokenOrigin ?? null };
    writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.options.settingsFile);
  }

  /**
   * At start: a token belongs to the server it was given for. When the server in use has another
   * origin (IT changed the policy's server, the settings file was replaced), the token is deleted
   * before anything is sent. A token saved by a version that did not record its server stays with
   * the server in use now, which is where that version sent it.
   */
  private async keepTokenWithItsServer(): Promise<void> {
    const origin = originOf(this.effectiveUrl());
    if (this.stored.tokenOrigin === origin) return;
    const stored = await this.options.secrets.get(SYNC_TOKEN_SECRET).catch((error: unknown) => {
      this.log.warn('could not read the sync token from the secret store', { error: error instanceof Error ? error.name : typeof error });
      return null;
    });
    if (stored === null) return;
    if (this.stored.tokenOrigin !== undefined) await this.dropToken('the sync server is not the one the token was given for');
    this.stored = { ...this.stored, tokenOrigin: origin };
    this.writeSettings();
  }

  private async dropToken(reason: string): Promise<void> {
    const had = (await this.options.secrets.get(SYNC_TOKEN_SECRET)) !== null;
    await this.options.secrets.delete(SYNC_TOKEN_SECRET);
    this.token = null;
    if (had) this.log.info('sync token deleted', { reason });
  }
}

/** An error the agent should read; the bridge turns it into a BridgeError with this code. */
export class SyncUserError extends Error {
  constructor(
    readonly code: 'not-found' | 'unavailable' | 'forbidden' | 'invalid-payload',
    message: string,
    /** `field: what is wrong`, for the form that sent it. */
    readonly issues?: string[],
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

/** scheme://host:port (default ports left out); null for no server or an unreadable address. */
function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
