import { describe, expect, it } from 'vitest';
import { backoffDelay, EQUAL_JITTER, spreadJitter, type BackoffPolicy } from '../../../electron/core/backoff';
import { DEFAULT_BACKOFF } from '../../../electron/sync/backoff';
import { RECONNECT_BACKOFF, REJECTED_BACKOFF } from '../../../electron/telephony/backoff';

const pinned = (policy: BackoffPolicy, r: number): BackoffPolicy => ({ ...policy, random: () => r });

describe('backoffDelay', () => {
  const equal = (r: number) => pinned({ baseMs: 1000, capMs: 60_000 }, r);

  it('doubles per retry up to the cap, equal jitter by default (between half and all of the step)', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(equal(0), n))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(equal(0.999999), n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(equal(0.5), 50)).toBe(45_000);
    expect(backoffDelay(equal(1 - 1e-9), 10_000)).toBe(60_000);
  });

  it('treats attempts below 1 as the first and survives huge ones', () => {
    expect(backoffDelay(equal(0), 0)).toBe(500);
    expect(backoffDelay(equal(0), -3)).toBe(500);
    expect(backoffDelay(equal(0), Number.MAX_SAFE_INTEGER)).toBe(30_000);
  });

  it('spread jitter is centred on the step', () => {
    const spread = (r: number) => pinned({ baseMs: 500, capMs: 30_000, jitter: spreadJitter(0.2) }, r);
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(spread(0.5), n))).toEqual([500, 1000, 2000, 4000, 30_000]);
    expect(backoffDelay(spread(0), 3)).toBe(1600);
    expect(backoffDelay(spread(1), 3)).toBe(2400);
    // Centred jitter may go past the cap: the cap bounds the step, not the draw.
    expect(backoffDelay(spread(1), 10)).toBe(36_000);
  });

  it('spreads clients out: different draws give different waits, within the jitter', () => {
    const waits = new Set(Array.from({ length: 50 }, () => backoffDelay({ baseMs: 1000, capMs: 60_000 }, 6)));
    expect(waits.size).toBeGreaterThan(10);
    for (const w of waits) {
      expect(w).toBeGreaterThanOrEqual(16_000);
      expect(w).toBeLessThanOrEqual(32_000);
    }
  });

  it('a server Retry-After longer than the backoff wins, a shorter one does not', () => {
    expect(backoffDelay(equal(0), 1, 30_000)).toBe(30_000);
    expect(backoffDelay(equal(0), 5, 1_000)).toBe(8_000);
    expect(backoffDelay(equal(0), 1, null)).toBe(500);
  });
});

describe('the callers’ policies', () => {
  it('sync waits between half and all of its step, never past five minutes', () => {
    expect(DEFAULT_BACKOFF.jitter).toEqual(EQUAL_JITTER);
    expect(backoffDelay(pinned(DEFAULT_BACKOFF, 0), 1)).toBe(500);
    expect(backoffDelay(pinned(DEFAULT_BACKOFF, 1 - 1e-9), 100)).toBe(300_000);
  });

  it('SIP reconnects start near half a second, ±20 %, and back off hard after a refusal', () => {
    expect([0, 0.5, 1].map((r) => backoffDelay(pinned(RECONNECT_BACKOFF, r), 1))).toEqual([400, 500, 600]);
    expect(backoffDelay(pinned(RECONNECT_BACKOFF, 0.5), 20)).toBe(30_000);
    expect(backoffDelay(pinned(REJECTED_BACKOFF, 0.5), 1)).toBe(30_000);
    expect(backoffDelay(pinned(REJECTED_BACKOFF, 0.5), 20)).toBe(300_000);
  });
});
