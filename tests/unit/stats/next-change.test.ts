import { describe, expect, it } from 'vitest';
import { OVERDUE_AFTER_MINUTES } from '../../../shared/callbacks/callback-rules';
import { escalationCompliance } from '../../../shared/escalation/escalation';
import { nextStatsChange } from '../../../shared/stats/next-change';
import { dayInterval } from '../../../shared/time/time-zone';

const MIN = 60_000;
const HOUR = 60 * MIN;
const BERLIN = 'Europe/Berlin';
// 10:00 in Berlin on a Tuesday.
const NOW = Date.UTC(2026, 11, 8, 9, 0);
const MIDNIGHT = Date.UTC(2026, 11, 8, 23, 0);

const open = (createdAt: number) => ({
  createdAt,
  acknowledgeBy: createdAt + HOUR,
  resolveBy: createdAt + 24 * HOUR,
  acknowledgedAt: null as number | null,
  resolvedAt: null as number | null,
});

describe('when my stats next change by time alone', () => {
  it('is the local midnight when nothing is open or owed', () => {
    expect(nextStatsChange({ now: NOW, timeZone: BERLIN, escalations: [], callbacks: [] })).toBe(MIDNIGHT);
    expect(dayInterval(NOW, BERLIN).end).toBe(MIDNIGHT);
  });

  it('wakes a millisecond after an open escalation’s deadline, when its SLA figure turns from pending to overdue', () => {
    const e = open(NOW - 30 * MIN);
    const at = nextStatsChange({ now: NOW, timeZone: BERLIN, escalations: [e], callbacks: [] });
    expect(at).toBe(e.acknowledgeBy + 1);
    const record = { ...e } as Parameters<typeof escalationCompliance>[0];
    expect(escalationCompliance(record, at - 1).acknowledge).toBe('pending');
    expect(escalationCompliance(record, at).acknowledge).toBe('overdue');
    // Acknowledged: its resolve deadline is tomorrow, so midnight comes first.
    const acknowledged = { ...e, acknowledgedAt: NOW - 10 * MIN };
    expect(nextStatsChange({ now: NOW, timeZone: BERLIN, escalations: [acknowledged], callbacks: [] })).toBe(MIDNIGHT);
  });

  it('wakes when a callback owed falls overdue, and ignores ones already overdue', () => {
    const callbacks = [{ dueAt: NOW - HOUR }, { dueAt: NOW + 2 * HOUR }];
    expect(nextStatsChange({ now: NOW, timeZone: BERLIN, escalations: [], callbacks })).toBe(NOW + 2 * HOUR + OVERDUE_AFTER_MINUTES * MIN);
  });

  it('is always after now, also exactly at a boundary', () => {
    expect(nextStatsChange({ now: MIDNIGHT, timeZone: BERLIN, escalations: [], callbacks: [] })).toBe(MIDNIGHT + 24 * HOUR);
    const e = open(NOW - HOUR);
    expect(nextStatsChange({ now: e.acknowledgeBy + 1, timeZone: BERLIN, escalations: [e], callbacks: [] })).toBe(MIDNIGHT);
  });
});
