import { spreadJitter, type BackoffPolicy } from '../core/backoff';

/**
 * SIP re-registration timing (electron/core/backoff.ts computes the delays).
 * Quick at first, since a dropped Wi-Fi often comes back within seconds, then
 * doubling up to a ceiling. The jitter is ±20 % around the step rather than
 * sync's "half to all": the first reconnect stays near 0.5 s instead of
 * anywhere from 0.25 s, and the "Reconnecting in N s" the agent reads stays
 * close to the plain doubling schedule, while agents are still spread out
 * after a server restart.
 */
export const RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000, jitter: spreadJitter(0.2) };
/** After a refusal that is not about the password (403 on INVITE-only servers, 5xx): back off hard. */
export const REJECTED_BACKOFF: BackoffPolicy = { baseMs: 30_000, capMs: 300_000, jitter: spreadJitter(0.2) };
