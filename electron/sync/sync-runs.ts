import type { FeedStage, SyncProgress, SyncStatus } from '../../shared/sync/contract';
import { userText, type UserText } from '../../shared/text/user-text';
import type { Logger } from '../logging/logger';
import { SourceError, type PullKind } from './case-source';
import type { MetaPort } from './conflicts';
import type { Connectivity } from './connectivity';
import type { DrainReport } from './outbox-delivery';
import type { FeedStop, PullProgress } from './pull-engine';
import type { SyncLink } from './sync-link';
import type { SyncTiming } from './sync-options';
import type { StatusReporter } from './sync-status';

const LAST_SYNC_KEY = 'sync.lastSyncAt';
const LAST_PUSH_KEY = 'sync.lastPushAt';

export interface SyncRunsDeps {
  store: MetaPort;
  log: Logger;
  now: () => number;
  timing: Pick<SyncTiming, 'pushPollMs' | 'pullIntervalMs'>;
  link: () => SyncLink | null;
  closed: () => boolean;
  connectivity: Connectivity;
  status: StatusReporter;
  /** The server in use, for the agent's sentences. */
  host: () => string | null;
}

/**
 * The push and pull loops and when they run. Each runs one at a time; a request while it runs
 * runs it again after. Push runs on request, on a short poll and when a retry falls due; pull on
 * request and `pullIntervalMs` after the last one ended.
 */
export class SyncRuns {
  private pushRun: Promise<void> | null = null;
  private pushAgain = false;
  private pullRun: Promise<void> | null = null;
  private pullAgain = false;
  private pushTimer: NodeJS.Timeout | null = null;
  private retryAt: number | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private pullTimer: NodeJS.Timeout | null = null;
  private pullProgress: SyncProgress | null = null;
  /** A connector that loads in stages: where each feed stands, from its last stored page; kept between pulls. */
  private feedStages: Record<PullKind, FeedStage | null> = { customers: null, cases: null };
  private lastProgressEmit = 0;
  /**
   * Why the last pull stopped before the end of the server's changes; kept until a pull reaches the
   * end (a push reaching the server clears the connection's problem, and must not clear this).
   */
  private stopped: UserText | null = null;
  private syncAt: number | null = null;
  private pushAt: number | null = null;

  constructor(private readonly deps: SyncRunsDeps) {}

  get pushing(): boolean {
    return this.pushRun !== null;
  }

  get pulling(): boolean {
    return this.pullRun !== null;
  }

  get progress(): SyncProgress | null {
    return this.pullProgress;
  }

  /** Each feed's stage, when the connector loads in stages; null when it does not (or no page came yet). */
  get stages(): SyncStatus['stages'] {
    const { customers, cases } = this.feedStages;
    return customers === null && cases === null ? null : { customers, cases };
  }

  get pullStopped(): UserText | null {
    return this.stopped;
  }

  get lastSyncAt(): number | null {
    return this.syncAt;
  }

  get lastPushAt(): number | null {
    return this.pushAt;
  }

  get pushRetryAt(): number | null {
    return this.retryAt;
  }

  async load(): Promise<void> {
    this.syncAt = numberOrNull(await this.deps.store.getMeta(LAST_SYNC_KEY));
    this.pushAt = numberOrNull(await this.deps.store.getMeta(LAST_PUSH_KEY));
  }

  startPolling(): void {
    this.pollTimer = setInterval(() => this.poll(), this.deps.timing.pushPollMs);
    this.pollTimer.unref?.();
  }

  requestPush(): void {
    if (!this.deps.link() || this.deps.closed() || !this.deps.connectivity.canTalk()) return;
    if (this.pushRun) {
      this.pushAgain = true;
      return;
    }
    this.pushRun = this.runPush().finally(() => {
      this.pushRun = null;
      this.deps.status.emitSoon();
    });
  }

  requestPull(): void {
    if (!this.deps.link() || this.deps.closed() || !this.deps.connectivity.canTalk()) return;
    if (this.pullRun) {
      this.pullAgain = true;
      return;
    }
    if (this.pullTimer) clearTimeout(this.pullTimer);
    this.pullTimer = null;
    this.pullRun = this.runPull().finally(() => {
      this.pullRun = null;
      this.pullProgress = null;
      this.deps.status.emitSoon();
      if (!this.deps.closed() && this.deps.link()) {
        this.pullTimer = setTimeout(() => this.requestPull(), this.deps.timing.pullIntervalMs);
        this.pullTimer.unref?.();
      }
    });
  }

  onProgress(progress: PullProgress): void {
    // A stored page proves the server answers (a long initial sync is "online" from its first page).
    if (this.deps.connectivity.state !== 'online' && progress.phase !== 'indexing') this.deps.connectivity.reached();
    const phaseChanged = this.pullProgress?.phase !== progress.phase;
    const { stage = null, ...shown } = progress;
    // A feed moving to its next stage (open → history → complete) is shown at once, like a phase.
    let stageChanged = false;
    if (progress.phase !== 'indexing' && stage !== null) {
      stageChanged = stage.stage !== this.feedStages[progress.phase]?.stage;
      this.feedStages = { ...this.feedStages, [progress.phase]: stage };
    }
    this.pullProgress = shown;
    const now = this.deps.now();
    // At most five a second, but never skip the start and the end of a phase.
    if (
      phaseChanged ||
      stageChanged ||
      now - this.lastProgressEmit >= 200 ||
      (progress.total !== null && progress.done >= progress.total)
    ) {
      this.lastProgressEmit = now;
      this.deps.status.send();
    }
  }

  /** The connector went away: nothing of it is due any more. */
  stop(): void {
    for (const timer of [this.pushTimer, this.pullTimer]) if (timer) clearTimeout(timer);
    this.pushTimer = this.pullTimer = null;
    this.retryAt = null;
    this.stopped = null;
    this.feedStages = { customers: null, cases: null };
  }

  /** Stops polling and waits for the runs under way to end. */
  async close(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    await Promise.allSettled([this.pushRun, this.pullRun]);
  }

  private async runPush(): Promise<void> {
    const { connectivity, status } = this.deps;
    do {
      this.pushAgain = false;
      const link = this.deps.link();
      if (!link || !connectivity.canTalk()) return;
      status.emitSoon();
      let report: DrainReport;
      try {
        report = await link.delivery.drain(link.abort.signal);
      } catch (error) {
        // The store failed (closed, disk full): nothing was lost, try again on the next poll.
        this.deps.log.error('outbox delivery failed', {
          error: error instanceof Error ? error.name : typeof error,
          message: error instanceof Error ? error.message.slice(0, 200) : '',
        });
        return;
      }
      if (report.sent > 0) {
        this.pushAt = this.deps.now();
        await this.deps.store.setMeta(LAST_PUSH_KEY, String(this.pushAt)).catch(() => undefined);
        this.deps.log.info('outbox delivered', { sent: report.sent, replayed: report.replayed });
      }
      await status.refreshOutbox();
      this.schedulePushRetry(report.nextRetryAt);
      // Sync reconnected meanwhile (a sign-in ended, the server changed): this link's outcome is stale.
      if (this.deps.link() !== link) return;
      if (report.stoppedBy && report.stoppedBy.kind !== 'aborted') {
        connectivity.failed(report.stoppedBy);
        return;
      }
      if (report.reachedServer) connectivity.reached();
      status.emitSoon();
    } while (this.pushAgain && !this.deps.closed());
  }

  private async runPull(): Promise<void> {
    const { connectivity, status } = this.deps;
    do {
      this.pullAgain = false;
      const link = this.deps.link();
      if (!link || !connectivity.canTalk()) return;
      status.emitSoon();
      try {
        const report = await link.pull.run(link.abort.signal);
        if (this.deps.link() !== link) return;
        connectivity.reached();
        // lastSyncAt is "reached the end of the server's changes": a pull that stopped short did not.
        this.stopped = report.stopped.length > 0 ? this.describeStop(report.stopped) : null;
        if (report.stopped.length === 0) {
          this.syncAt = this.deps.now();
          await this.deps.store.setMeta(LAST_SYNC_KEY, String(this.syncAt));
        }
        status.emitSoon();
        this.deps.log.info(report.stopped.length === 0 ? 'pull complete' : 'pull stopped before the end of the changes', {
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
          if (error.kind !== 'aborted' && this.deps.link() === link) connectivity.failed(error);
        } else {
          this.deps.log.error('pull failed', {
            error: error instanceof Error ? error.name : typeof error,
            message: error instanceof Error ? error.message.slice(0, 200) : '',
          });
          connectivity.set(connectivity.state, userText('sync.problem.storingFailed'));
        }
        return;
      }
    } while (this.pullAgain && !this.deps.closed());
  }

  private schedulePushRetry(at: number | null): void {
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = null;
    this.retryAt = at;
    if (at === null || this.deps.closed()) return;
    this.pushTimer = setTimeout(
      () => {
        this.pushTimer = null;
        this.retryAt = null;
        this.requestPush();
      },
      Math.max(0, at - this.deps.now()),
    );
    this.pushTimer.unref?.();
  }

  private poll(): void {
    // With no server there is nothing to send, and the outbox's own event (outboxChanged → wake) keeps its
    // counts shown: reading them every few seconds would wake the store's thread for nothing.
    if (this.deps.closed() || !this.deps.link()) return;
    this.deps.status.refresh();
    if (this.deps.connectivity.canTalk()) this.requestPush();
  }

  /** What the agent and IT read when a pull stopped short: what happened, that nothing is lost, and what comes next. */
  private describeStop(stops: FeedStop[]): UserText {
    const host = this.deps.host() ?? userText('sync.problem.theSyncServer');
    const repeated = stops.find((s) => s.reason === 'cursor-repeated');
    if (repeated) return userText('sync.problem.cursorRepeated', { host, feed: userText(`sync.subject.${repeated.feed}`) });
    const [first, ...rest] = stops.map((s) =>
      userText('sync.problem.feedPages', { count: s.pages, feed: userText(`sync.subject.${s.feed}`) }),
    );
    // Two feeds at most (customers, cases); `first` exists: describeStop is called with at least one stop.
    const feeds = rest.reduce((all, next) => userText('sync.problem.twoFeeds', { first: all, second: next }), first!);
    return userText('sync.problem.pageLimit', { feeds, host });
  }
}

function numberOrNull(text: string | null): number | null {
  if (text === null) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
