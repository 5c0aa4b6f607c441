import { describe, expect, it } from 'vitest';
import { msUntilBoundary, msUntilClockChanges } from '../../../shared/time/next-tick';
import { formatClock } from '../../../renderer/src/i18n/format';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('when a clock on screen next changes', () => {
  it('wakes a time-in-state display when its seconds change, not before', () => {
    const since = 1_000_000;
    expect(msUntilClockChanges(since, since)).toBe(1000);
    expect(msUntilClockChanges(since, since + 250)).toBe(750);
    expect(msUntilClockChanges(since, since + 59_999)).toBe(1);
  });

  it('treats a start in the future (clock skew) as no time elapsed', () => {
    expect(msUntilClockChanges(5000, 4000)).toBe(1000);
  });

  it('finds the next minute boundary of the wall clock', () => {
    const t = Date.UTC(2026, 11, 6, 9, 14, 30, 250);
    expect(msUntilBoundary(t, MIN)).toBe(29_750);
    expect(msUntilBoundary(Date.UTC(2026, 11, 6, 9, 15), MIN)).toBe(MIN);
  });
  it('wakes an h:mm:ss clock (time in state, the call timer, a script timer) each second past an hour too, when its text changes', () => {
    const since = 4_321;
    const shown = (now: number) => formatClock((now - since) / 1000);
    for (const elapsed of [0, 999, 1000, 59_500, HOUR - 300, HOUR, HOUR + 61_234, 25 * HOUR + 17]) {
      const now = since + elapsed;
      const wait = msUntilClockChanges(since, now);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(1000);
      expect(shown(now + wait - 1)).toBe(shown(now));
      expect(shown(now + wait)).not.toBe(shown(now));
    }
    // An hour and a bit in: "1:01:01" a second after "1:01:00", not a minute after.
    expect(shown(since + HOUR + 60_000)).toBe('1:01:00');
    expect(msUntilClockChanges(since, since + HOUR + 60_000)).toBe(1000);
  });
});
