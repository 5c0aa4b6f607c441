import type { StatusFeedView } from '../../shared/status-feed/contract';
import { formatByteLimit } from '../../shared/sync/limits';
import { englishOf, userText, type UserText } from '../../shared/text/user-text';
import { isCertificateError } from '../security/trust-store';
import { SourceError } from '../sync/case-source';
import { backoffDelay } from '../core/backoff';
import type { Scheduler } from '../core/scheduler';
import type { Logger } from '../logging/logger';
import { isUnreachableCode, networkReason, type HttpTransport } from '../sync/http-client';
import { FeedError } from './feed-model';
import { parseFeed } from './parse-feed';

export interface StatusFeedPollerOptions {
  url: URL;
  intervalMs: number;
  transport: HttpTransport;
  scheduler: Scheduler;
  log: Logger;
  /** Called after every read that changed the view. */
  onChange: () => void;
  userAgent: string;
  /** Default 1 MiB: Statuspage's summary.json of a large page is tens of KiB. */
  maxBytes?: number;
  /** Default 15 s: well inside the shortest interval, so reads never overlap. */
  timeoutMs?: number;
  /** For the back-off's jitter (tests pin it). */
  random?: () => number;
}

/** After failures the wait doubles from the interval up to this. */
export const MAX_BACKOFF_MS = 10 * 60_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 15_000;

const ACCEPT = 'application/json, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';

/**
 * Reads the status feed on a timer, with conditional requests (If-None-Match from the ETag,
 * If-Modified-Since from Last-Modified; a 304 keeps what was read), a body cap and a time limit.
 * A failed read (network, HTTP error, a body that is not a feed) marks the view unavailable with
 * the reason and the time of the last good read, keeps the incidents of that read, and waits
 * longer before the next try (electron/core/backoff.ts). Nothing here is awaited by a call.
 */
export class StatusFeedPoller {
  private state: StatusFeedView = { state: 'starting', incidents: [], lastGoodAt: null, problem: null };
  private etag: string | null = null;
  private lastModified: string | null = null;
  private failures = 0;
  private cancelTimer: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly abort = new AbortController();

  constructor(private readonly options: StatusFeedPollerOptions) {}

  view(): StatusFeedView {
    return this.state;
  }

  /** Reads now, then on the timer. */
  start(): void {
    this.schedule(0);
  }

  /** Resolves when the read under way (if any) has finished and its view is set. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  close(): void {
    this.closed = true;
    this.cancelTimer?.();
    this.abort.abort();
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    this.cancelTimer?.();
    this.cancelTimer = this.options.scheduler.at(this.options.scheduler.now() + delayMs, () => {
      this.cancelTimer = null;
      this.running = this.read().finally(() => {
        this.running = null;
      });
    });
  }

  private async read(): Promise<void> {
    const { url, transport, scheduler } = this.options;
    const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': this.options.userAgent };
    if (this.etag !== null) headers['if-none-match'] = this.etag;
    if (this.lastModified !== null) headers['if-modified-since'] = this.lastModified;
    let next: StatusFeedView;
    try {
      const response = await transport.send(url, {
        method: 'GET',
        headers,
        timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBytes: this.options.maxBytes ?? DEFAULT_MAX_BYTES,
        signal: this.abort.signal,
      });
      if (this.closed) return;
      const now = scheduler.now();
      if (response.status === 304) {
        next = { ...this.state, state: 'ok', lastGoodAt: now, problem: null };
      } else if (response.status >= 200 && response.status < 300) {
        const parsed = parseFeed(new TextDecoder('utf-8').decode(response.body), now);
        // Validators are kept only for a body that was read: a 304 to a broken one would keep it broken.
        this.etag = headerValue(response.headers.etag);
        this.lastModified = headerValue(response.headers['last-modified']);
        next = { state: 'ok', incidents: parsed.incidents, lastGoodAt: now, problem: null };
      } else {
        throw new FeedError(httpProblem(url.host, response.status, headerValue(response.headers.location)));
      }
    } catch (error) {
      if (this.closed) return;
      this.failures += 1;
      const problem = this.readProblem(error, url.host);
      const reason = englishOf(problem);
      if (this.state.state !== 'unavailable' || this.state.problem === null || englishOf(this.state.problem) !== reason)
        this.options.log.warn('status feed unavailable', { host: url.host, reason, failures: this.failures });
      this.set({ ...this.state, state: 'unavailable', problem });
      this.schedule(backoffDelay({ baseMs: this.options.intervalMs, capMs: MAX_BACKOFF_MS, random: this.options.random }, this.failures));
      return;
    }
    if (this.failures > 0 || this.state.state === 'starting')
      this.options.log.info('status feed read', { host: url.host, incidents: next.incidents.length });
    this.failures = 0;
    this.set(next);
    this.schedule(this.options.intervalMs);
  }

  /** Why the read failed, for the banner: the feed's own fault, or the network's (the transport's SourceError). */
  private readProblem(error: unknown, host: string): UserText {
    if (error instanceof FeedError) return error.text;
    if (!(error instanceof SourceError)) return userText('statusFeed.problem.readFailed');
    if (error.kind === 'timeout')
      return userText('statusFeed.problem.timeout', { host, seconds: Math.round((this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000) });
    if (error.code === 'too-large')
      return userText('statusFeed.problem.tooLarge', { host, limit: formatByteLimit(this.options.maxBytes ?? DEFAULT_MAX_BYTES) });
    if (isCertificateError(error.code)) return userText('statusFeed.problem.certificate', { host, code: error.code });
    if (isUnreachableCode(error.code))
      return userText('statusFeed.problem.unreachable', { host, code: error.code, reason: networkReason(error.code) });
    return userText('statusFeed.problem.cannotTalk', { host, code: error.code.slice(0, 40) });
  }

  private set(next: StatusFeedView): void {
    const changed = JSON.stringify(next) !== JSON.stringify(this.state);
    this.state = next;
    if (changed) this.options.onChange();
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? null : first;
}

function httpProblem(host: string, status: number, location: string | null): UserText {
  if (status < 300 || status >= 400) return userText('statusFeed.problem.httpStatus', { host, status });
  if (location === null) return userText('statusFeed.problem.redirectNowhere', { host, status });
  return userText('statusFeed.problem.redirect', { host, status, location: location.slice(0, 200) });
}
