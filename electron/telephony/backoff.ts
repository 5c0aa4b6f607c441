/**
 * Reconnect delays: quick at first (a dropped Wi-Fi often comes back within
 * seconds), then doubling up to a ceiling. Jitter spreads hundreds of agents
 * out after a server restart so they do not all reconnect in the same second.
 */
export interface BackoffOptions {
  /** Delay before the first retry. */
  initialMs: number;
  maxMs: number;
  /** ±fraction of random spread, e.g. 0.2 for ±20 %. */
  jitter: number;
}

export const RECONNECT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, jitter: 0.2 };
/** After a refusal that is not about the password (403 on INVITE-only servers, 5xx): back off hard. */
export const REJECTED_BACKOFF: BackoffOptions = { initialMs: 30_000, maxMs: 300_000, jitter: 0.2 };

/** Delay before retry number `attempt` (1 = first retry). `random` is injectable for tests. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt - 1));
  const spread = base * options.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(base + spread));
}
