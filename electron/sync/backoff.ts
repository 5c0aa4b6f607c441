/**
 * Retry timing: exponential backoff with jitter, so hundreds of desktops that
 * lost the CRM at the same moment do not all come back in the same second.
 * Attempt n waits between half and all of min(cap, base·2^(n-1)) ("equal
 * jitter": never immediately, never longer than the cap). A server's
 * Retry-After wins when it asks for longer.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Number in [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

export function backoffDelay(policy: BackoffPolicy, attempt: number, retryAfterMs: number | null = null): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^(n-1) overflows to Infinity for large n; cap the exponent first.
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
  const random = policy.random ?? Math.random;
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  // The connector already bounds Retry-After (one hour); a server that asks for longer than our cap gets it.
  if (retryAfterMs !== null && retryAfterMs > jittered) return retryAfterMs;
  return jittered;
}
