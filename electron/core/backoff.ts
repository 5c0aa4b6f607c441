/**
 * Retry timing for everything main retries (sync requests and probes, SIP
 * re-registration): exponential backoff with jitter, so hundreds of desktops
 * that lost a server at the same moment do not all come back in the same
 * second. Retry n waits a draw from `jitter` times its step,
 * min(capMs, baseMs·2^(n-1)). Each caller's policy says which jitter it needs
 * and why (electron/sync/backoff.ts, electron/telephony/backoff.ts).
 */

/** The share of the step a delay is drawn from, uniformly: a delay lies in [step·from, step·to]. */
export interface Jitter {
  readonly from: number;
  readonly to: number;
}

/** Between half and all of the step ("equal jitter"): never at once, never past the cap. */
export const EQUAL_JITTER: Jitter = { from: 0.5, to: 1 };

/** ±`fraction` around the step (0.2: from 80 % to 120 %): centred on the plain doubling schedule. */
export function spreadJitter(fraction: number): Jitter {
  return { from: 1 - fraction, to: 1 + fraction };
}

export interface BackoffPolicy {
  /** The first retry's step; it doubles with each retry. */
  baseMs: number;
  /** The largest step. */
  capMs: number;
  /** Default: EQUAL_JITTER. */
  jitter?: Jitter;
  /** Number in [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (1 = the first retry). A server's
 * Retry-After wins when it asks for longer: whoever passes it has already
 * bounded it.
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number, retryAfterMs: number | null = null): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^(n-1) overflows to Infinity for large n; cap the exponent first.
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
  const { from, to } = policy.jitter ?? EQUAL_JITTER;
  const random = policy.random ?? Math.random;
  const delay = Math.max(0, Math.round(step * (from + random() * (to - from))));
  if (retryAfterMs !== null && retryAfterMs > delay) return retryAfterMs;
  return delay;
}
