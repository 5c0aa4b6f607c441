import { EQUAL_JITTER, type BackoffPolicy } from '../core/backoff';

/**
 * Sync's retry timing (requests and reconnect probes; electron/core/backoff.ts
 * computes the delays). Equal jitter: a sync retry never goes out at once
 * after a failure, so a CRM that just answered 5xx is not hit again
 * immediately by every desktop, and never waits longer than the cap, which
 * the caller's Retry-After comparison and the probe schedule rely on.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000, jitter: EQUAL_JITTER };
