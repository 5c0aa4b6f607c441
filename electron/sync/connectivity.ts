import type { ConnectionState } from '../../shared/sync/contract';
import { userText, type UserText } from '../../shared/text/user-text';
import { backoffDelay, type BackoffPolicy } from '../core/backoff';
import type { Logger } from '../logging/logger';
import { SourceError } from './case-source';
import type { SyncLink } from './sync-link';

export interface ConnectivityDeps {
  log: Logger;
  now: () => number;
  probeBackoff: BackoffPolicy;
  /** The connector in use; null when sync is not set up. */
  link: () => SyncLink | null;
  closed: () => boolean;
  /** The server in use, for the agent's sentences. */
  host: () => string | null;
  /** Items waiting to be sent, for the agent's sentences. */
  waiting: () => number;
  /** Something the status shows changed. */
  changed: () => void;
  /** The server answers again after it could not be used. */
  reconnected: () => void;
  /** The server refused the token. */
  unauthorized: () => void;
}

/**
 * Whether the sync server can be talked to. Requests report here whether they reached it; while it
 * cannot be used (offline, token refused, server failing) nothing is sent, and a probe with backoff
 * and jitter checks for its return.
 */
export class Connectivity {
  private connection: ConnectionState = 'not-configured';
  private problemText: UserText | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private probeAt: number | null = null;
  private probeAttempts = 0;

  constructor(private readonly deps: ConnectivityDeps) {}

  get state(): ConnectionState {
    return this.connection;
  }

  get problem(): UserText | null {
    return this.problemText;
  }

  get nextProbeAt(): number | null {
    return this.probeAt;
  }

  canTalk(): boolean {
    return this.connection === 'online' || this.connection === 'connecting';
  }

  set(state: ConnectionState, problem: UserText | null): void {
    this.connection = state;
    this.problemText = problem;
    this.deps.changed();
  }

  /** A request got an answer from the server: online. Coming back from offline syncs both ways at once. */
  reached(): void {
    if (this.connection === 'online' && this.problemText === null) return;
    const wasDown = !this.canTalk();
    this.probeAttempts = 0;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    this.probeAt = null;
    this.set('online', null);
    if (!wasDown) return;
    // Reconnected: send what waited and catch up at once.
    this.deps.log.info('sync server reachable again');
    this.deps.reconnected();
  }

  failed(error: SourceError): void {
    const state: ConnectionState =
      error.kind === 'unauthorized'
        ? 'unauthorized'
        : error.kind === 'network' || error.kind === 'timeout'
          ? 'offline'
          : error.kind === 'rate-limited'
            ? 'online'
            : 'server-error';
    if (error.kind === 'unauthorized') this.deps.unauthorized();
    if (state === 'online') {
      // 429: still reachable; push waits for Retry-After (its retry timer), pull for its interval.
      this.set('online', userText('sync.problem.slowDown', { host: this.deps.host() ?? userText('sync.problem.theSyncServer') }));
      return;
    }
    if (this.connection !== state) this.deps.log.warn('sync server not usable', { state, code: error.code });
    this.set(state, this.describeProblem(error));
    this.scheduleProbe(error.retryAfterMs);
  }

  /** "Sync now" while the server cannot be used: cuts the reconnect wait short. */
  probeNow(): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    void this.probe();
  }

  /** The connector went away: no probe for it. */
  stopProbing(): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    this.probeAt = null;
  }

  private describeProblem(error: SourceError): UserText {
    const waiting = this.deps.waiting();
    const reason = error.text;
    switch (error.kind) {
      case 'unauthorized':
        return waiting > 0
          ? userText('sync.problem.signInWaiting', { reason, count: waiting })
          : userText('sync.problem.signIn', { reason });
      case 'network':
      case 'timeout':
        return waiting > 0
          ? userText('sync.problem.offlineWaiting', { reason, count: waiting })
          : userText('sync.problem.offline', { reason });
      default:
        return waiting > 0
          ? userText('sync.problem.retryingWaiting', { reason, count: waiting })
          : userText('sync.problem.retrying', { reason });
    }
  }

  private scheduleProbe(retryAfterMs: number | null = null): void {
    if (this.probeTimer || this.deps.closed() || !this.deps.link()) return;
    this.probeAttempts += 1;
    const delay = backoffDelay(this.deps.probeBackoff, this.probeAttempts, retryAfterMs);
    this.probeAt = this.deps.now() + delay;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      void this.probe();
    }, delay);
    this.probeTimer.unref?.();
    this.deps.changed();
  }

  private async probe(): Promise<void> {
    const link = this.deps.link();
    if (!link || this.deps.closed()) return;
    this.probeAt = null;
    try {
      await link.source.probe(link.abort.signal);
    } catch (error) {
      if (this.deps.closed() || link !== this.deps.link()) return;
      const e = error instanceof SourceError ? error : new SourceError('protocol', 'client-error', userText('sync.error.checkFailed'));
      if (e.kind === 'aborted') return;
      this.failed(e);
      this.scheduleProbe(e.retryAfterMs);
      return;
    }
    if (link === this.deps.link()) this.reached();
  }
}
