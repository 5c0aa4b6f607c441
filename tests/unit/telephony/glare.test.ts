import { describe, expect, it } from 'vitest';
import { MAX_GLARE_RETRIES, reinviteRetryDelayMs } from '../../../electron/telephony/glare';

describe('re-INVITE collisions: when a refused hold or resume goes again', () => {
  it('491 Request Pending: the Call-ID owner waits 2.1–4 s, the other side 0–2 s, in 10 ms steps (RFC 3261 §14.1)', () => {
    expect(reinviteRetryDelayMs(491, undefined, true, 0, () => 0)).toBe(2_100);
    expect(reinviteRetryDelayMs(491, undefined, true, 0, () => 0.999999)).toBe(4_000);
    expect(reinviteRetryDelayMs(491, undefined, false, 0, () => 0)).toBe(0);
    expect(reinviteRetryDelayMs(491, undefined, false, 0, () => 0.999999)).toBe(2_000);
    expect(reinviteRetryDelayMs(491, undefined, false, 0, () => 0.5)! % 10).toBe(0);
  });

  it('500 with Retry-After waits the seconds it names (with a comment or parameters), up to 10 s', () => {
    expect(reinviteRetryDelayMs(500, '3', false, 0)).toBe(3_000);
    expect(reinviteRetryDelayMs(500, '7 (collision);duration=30', false, 0)).toBe(7_000);
    expect(reinviteRetryDelayMs(500, '0', true, 0)).toBe(0);
    expect(reinviteRetryDelayMs(500, '11', false, 0)).toBeNull();
    expect(reinviteRetryDelayMs(500, 'soon', false, 0)).toBeNull();
  });

  it('anything else is a refusal, and so is a collision after the last retry', () => {
    expect(reinviteRetryDelayMs(500, undefined, false, 0)).toBeNull();
    expect(reinviteRetryDelayMs(488, '3', false, 0)).toBeNull();
    expect(reinviteRetryDelayMs(null, undefined, false, 0)).toBeNull();
    expect(reinviteRetryDelayMs(491, undefined, false, MAX_GLARE_RETRIES - 1, () => 0)).toBe(0);
    expect(reinviteRetryDelayMs(491, undefined, false, MAX_GLARE_RETRIES)).toBeNull();
    expect(reinviteRetryDelayMs(500, '1', false, MAX_GLARE_RETRIES)).toBeNull();
  });
});
