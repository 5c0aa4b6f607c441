import type { StatusFeedView } from '../../shared/status-feed/contract';
import { backoffDelay } from '../core/backoff';
import type { Scheduler } from '../core/scheduler';
import type { Logger } from '../logging/logger';
import type { HttpTransport } from '../sync/http-client';
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
        const where =
          response.status >= 300 && response.status < 400
            ? ` (a redirect to ${headerValue(response.headers.location) ?? 'nowhere'}: set the new address in the policy)`
            : '';
        throw new FeedError(`${url.host} answered HTTP ${response.status}${where}`);
      }
    } catch (error) {
      if (this.closed) return;
      this.failures += 1;
      const problem = clipProblem(error instanceof Error ? error.message : 'the read failed');
      if (this.state.state !== 'unavailable' || this.state.problem !== problem)
        this.options.log.warn('status feed unavailable', { host: url.host, reason: problem, failures: this.failures });
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

function clipProblem(message: string): string {
  return message.length <= 300 ? message : `${message.slice(0, 299)}…`;
}
