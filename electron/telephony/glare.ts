/** At most this many more re-INVITEs after one refused for a collision: a far end that keeps refusing has another problem. */
export const MAX_GLARE_RETRIES = 2;
/** The longest Retry-After worth waiting for with the agent's hold or resume pending. */
const MAX_RETRY_AFTER_SEC = 10;

/**
 * How long to wait before sending again a re-INVITE the far end refused because another INVITE on
 * the dialog was still in progress; null when it was refused for another reason, or retrying is
 * not worth it.
 *
 * - 491 Request Pending (RFC 3261 §14.1): the owner of the Call-ID waits 2.1–4 s, the other side
 *   0–2 s, in units of 10 ms, so the two do not collide again.
 * - 500 with Retry-After (RFC 3261 §14.2, RFC 6337 §4.3): the far end had not finished the
 *   previous INVITE (its ACK can arrive after our next re-INVITE when a proxy reorders them); it
 *   says how long to wait, 0–10 s.
 */
export function reinviteRetryDelayMs(
  code: number | null,
  retryAfter: string | undefined,
  ownsCallId: boolean,
  attempt: number,
  random: () => number = Math.random,
): number | null {
  if (attempt >= MAX_GLARE_RETRIES) return null;
  if (code === 491) return ownsCallId ? 2_100 + Math.floor(random() * 191) * 10 : Math.floor(random() * 201) * 10;
  if (code !== 500 || retryAfter === undefined) return null;
  // Retry-After = delta-seconds [ comment ] *( ";" retry-param ) (RFC 3261 §20.33)
  const seconds = /^\s*(\d{1,5})\b/.exec(retryAfter)?.[1];
  if (seconds === undefined) return null;
  const value = Number(seconds);
  return value <= MAX_RETRY_AFTER_SEC ? value * 1000 : null;
}
