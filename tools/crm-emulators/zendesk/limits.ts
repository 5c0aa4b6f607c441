/**
 * Rate limits as Zendesk documents them (Zendesk API Reference › Introduction ›
 * Rate limits, and the endpoint pages' "Limits" sections):
 *
 *  - account: requests per minute by plan. Zendesk Suite plan limits: Team 200, Growth 400,
 *    Professional 400, Enterprise 700, Enterprise Plus (or the High Volume API add-on) 2500.
 *    Default here: 400, Suite Professional (the Growth figure too).
 *  - incremental exports: "You can make up to 10 requests per minute to these endpoints"
 *    (Incremental Exports › Rate limits). 30 with the High Volume add-on per secondary sources only.
 *  - Incremental User Export, Cursor Based: "its own rate limit", 20 a minute (60 with the High
 *    Volume API add-on), reported in the `Zendesk-RateLimit-incremental-exports-cursor` header.
 *  - Export Search Results: "rate-limited to 100 requests per minute per account. The limit also
 *    counts towards the global API rate limit."
 *
 * Over a limit the API answers 429 Too Many Requests with Retry-After (seconds). Windows are whole
 * clock minutes, which is what `ratelimit-reset` (seconds to the next window) implies. A limit set
 * to null is off, for bulk tests.
 */

export interface RateLimits {
  /** Account-wide requests per minute (null: off). */
  perMinute: number | null;
  /** Incremental exports (tickets and everything but the user cursor export). */
  incrementalPerMinute: number | null;
  /** Incremental User Export, Cursor Based. */
  incrementalUsersCursorPerMinute: number | null;
  /** Export Search Results. */
  searchExportPerMinute: number | null;
}

export const DEFAULT_LIMITS: RateLimits = {
  perMinute: 400,
  incrementalPerMinute: 10,
  incrementalUsersCursorPerMinute: 20,
  searchExportPerMinute: 100,
};

export type Bucket = 'account' | 'incremental' | 'incrementalUsersCursor' | 'searchExport';

const LIMIT_OF: Record<Bucket, keyof RateLimits> = {
  account: 'perMinute',
  incremental: 'incrementalPerMinute',
  incrementalUsersCursor: 'incrementalUsersCursorPerMinute',
  searchExport: 'searchExportPerMinute',
};

/** Endpoint buckets' own headers: `zendesk-ratelimit-incremental-exports: total=10; remaining=9; resets=2`. */
const HEADER_OF: Partial<Record<Bucket, string>> = {
  incremental: 'zendesk-ratelimit-incremental-exports',
  incrementalUsersCursor: 'zendesk-ratelimit-incremental-exports-cursor',
};

export interface LimitDecision {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After when refused). */
  retryAfterSec: number;
  headers: Record<string, string>;
}

export class RateLimiter {
  private readonly used = new Map<Bucket, { window: number; count: number }>();

  constructor(
    public limits: RateLimits,
    private readonly now: () => number,
  ) {}

  private count(bucket: Bucket, window: number): number {
    const entry = this.used.get(bucket);
    return entry && entry.window === window ? entry.count : 0;
  }

  /** Checks every bucket a request counts against; takes one from each only if all have room. */
  take(buckets: readonly Bucket[]): LimitDecision {
    const now = this.now();
    const window = Math.floor(now / 60_000);
    const resetsSec = Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000));
    let allowed = true;
    for (const bucket of buckets) {
      const limit = this.limits[LIMIT_OF[bucket]];
      if (limit !== null && this.count(bucket, window) >= limit) allowed = false;
    }
    if (allowed) for (const bucket of buckets) this.used.set(bucket, { window, count: this.count(bucket, window) + 1 });
    const headers: Record<string, string> = {};
    for (const bucket of buckets) {
      const limit = this.limits[LIMIT_OF[bucket]];
      if (limit === null) continue;
      const remaining = String(Math.max(0, limit - this.count(bucket, window)));
      if (bucket === 'account') {
        headers['x-rate-limit'] = String(limit);
        headers['ratelimit-limit'] = String(limit);
        headers['x-rate-limit-remaining'] = remaining;
        headers['ratelimit-remaining'] = remaining;
        headers['ratelimit-reset'] = String(resetsSec);
      }
      const own = HEADER_OF[bucket];
      if (own) headers[own] = `total=${limit}; remaining=${remaining}; resets=${resetsSec}`;
    }
    return { allowed, retryAfterSec: resetsSec, headers };
  }
}
