/**
 * The org's daily API request limit (Salesforce Developer Limits and Allocations Quick Reference ›
 * API Request Limits and Allocations): a rolling 24-hour total of API calls; Developer Edition
 * 15,000; Enterprise (and Professional with API access) 100,000 plus 1,000 per Salesforce
 * licence; Unlimited and Performance 100,000 plus 5,000 per licence.
 *
 * Every REST answer carries `Sforce-Limit-Info: api-usage=N/M` (REST API Developer Guide ›
 * Headers › Limit Info Header), except the versions resource `/services/data/`, which does not
 * count. An sObject Collections or Composite request counts as one call. When the total is spent
 * the API answers 403 REQUEST_LIMIT_EXCEEDED ("TotalRequests Limit exceeded."). Salesforce may
 * let an org run somewhat over before refusing; the emulator refuses at the limit exactly, the
 * strict reading.
 */

export type Edition = 'developer' | 'enterprise' | 'unlimited';

export function dailyApiLimitFor(edition: Edition, salesforceLicences = 0): number {
  switch (edition) {
    case 'developer':
      return 15_000;
    case 'enterprise':
      return 100_000 + 1_000 * salesforceLicences;
    case 'unlimited':
      return 100_000 + 5_000 * salesforceLicences;
  }
}

/** Default: an Enterprise Edition org with 20 Salesforce licences. */
export const DEFAULT_DAILY_API_LIMIT = dailyApiLimitFor('enterprise', 20);

const MINUTE = 60_000;
const WINDOW_MINUTES = 24 * 60;

export class DailyApiUsage {
  /** [minute number, calls in that minute], oldest first. */
  private readonly buckets: [number, number][] = [];
  private total = 0;

  constructor(
    /** The org's limit; change it at run time to model another org. */
    public max: number,
    private readonly now: () => number,
  ) {}

  private prune(): void {
    const oldest = Math.floor(this.now() / MINUTE) - WINDOW_MINUTES + 1;
    while (this.buckets.length > 0 && this.buckets[0]![0] < oldest) this.total -= this.buckets.shift()![1];
  }

  /** Calls made in the last 24 hours. */
  used(): number {
    this.prune();
    return this.total;
  }

  remaining(): number {
    return Math.max(0, this.max - this.used());
  }

  /** Counts one call if the limit allows it. */
  take(): boolean {
    if (this.used() >= this.max) return false;
    this.add(1);
    return true;
  }

  /** For tests: the usage of the last 24 hours becomes `n`, all counted as made now. */
  setUsage(n: number): void {
    this.buckets.length = 0;
    this.total = 0;
    if (n > 0) this.add(n);
  }

  private add(n: number): void {
    const minute = Math.floor(this.now() / MINUTE);
    const last = this.buckets[this.buckets.length - 1];
    if (last && last[0] === minute) last[1] += n;
    else this.buckets.push([minute, n]);
    this.total += n;
  }

  header(): string {
    return `api-usage=${this.used()}/${this.max}`;
  }
}
