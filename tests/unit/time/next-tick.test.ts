import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../shared/time/duration';
import { durationStepMs, msUntilBoundary, msUntilClockChanges, msUntilElapsedChanges } from '../../../shared/time/next-tick';
import { formatClock } from '../../../renderer/src/i18n/format';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('when a clock on screen next changes', () => {
  it('wakes a time-in-state display when its seconds change, not before', () => {
    const since = 1_000_000;
    expect(msUntilElapsedChanges(since, since)).toBe(1000);
    expect(msUntilElapsedChanges(since, since + 250)).toBe(750);
    expect(msUntilElapsedChanges(since, since + 59_999)).toBe(1);
  });

  it('wakes an hour-long display once a minute, at the minute its text changes', () => {
    const since = 0;
    expect(msUntilElapsedChanges(since, HOUR - 1)).toBe(1);
    expect(msUntilElapsedChanges(since, HOUR)).toBe(MIN);
    expect(msUntilElapsedChanges(since, HOUR + 10_000)).toBe(50_000);
    expect(msUntilElapsedChanges(since, 30 * HOUR + 5 * MIN)).toBe(55 * MIN);
  });

  it('never wakes between two moments that show the same text, and the text differs when it wakes', () => {
    const since = 7_777;
    for (const elapsed of [0, 999, 1000, 59_500, HOUR - 300, HOUR + 61_234, 25 * HOUR + 17]) {
      const now = since + elapsed;
      const wait = msUntilElapsedChanges(since, now);
      expect(wait).toBeGreaterThan(0);
      expect(formatDuration(now + wait - 1 - since)).toBe(formatDuration(elapsed));
      expect(formatDuration(now + wait - since)).not.toBe(formatDuration(elapsed));
    }
  });

  it('treats a start in the future (clock skew) as no time elapsed', () => {
    expect(msUntilElapsedChanges(5000, 4000)).toBe(1000);
  });

  it('steps as the duration text does', () => {
    expect(durationStepMs(0)).toBe(1000);
    expect(durationStepMs(HOUR)).toBe(MIN);
    expect(durationStepMs(24 * HOUR)).toBe(HOUR);
  });

  it('finds the next minute boundary of the wall clock', () => {
    const t = Date.UTC(2026, 11, 6, 9, 14, 30, 250);
    expect(msUntilBoundary(t, MIN)).toBe(29_750);
    expect(msUntilBoundary(Date.UTC(2026, 11, 6, 9, 15), MIN)).toBe(MIN);
  });
  it('wakes an h:mm:ss clock (time in state, the call timer) each second past an hour too, when its text changes', () => {
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
