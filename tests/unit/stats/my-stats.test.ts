import { describe, expect, it } from 'vitest';
import { hourBuckets, computeMyStats, statsRange, type StatsInput } from '../../../shared/stats/my-stats';
import { escalationRecordSchema, type EscalationRecord } from '../../../shared/escalation/records';
import { interactionSchema, wrapUpRecordSchema, type Interaction, type WrapUpRecord } from '../../../shared/agent/records';
import { HOUR, MIN } from '../workflow/fixtures';

const BERLIN = 'Europe/Berlin';
let seq = 0;

function call(startedAt: number, over: Partial<Interaction> = {}): Interaction {
  seq += 1;
  const answered = (over.outcome ?? 'answered') === 'answered';
  return interactionSchema.parse({
    id: `i${seq}`,
    agentId: 'me',
    channel: 'call',
    direction: 'inbound',
    outcome: 'answered',
    number: '+4930123456',
    startedAt,
    answeredAt: answered ? startedAt + 5000 : null,
    endedAt: startedAt + 5 * MIN,
    talkSeconds: answered ? 240 : 0,
    holdSeconds: answered ? 30 : 0,
    afterCallWorkSeconds: answered ? 60 : 0,
    customerId: null,
    caseId: null,
    sipCallId: null,
    quality: null,
    ...over,
  });
}

function wrap(i: Interaction, resolved: boolean, state: 'draft' | 'submitted' = 'submitted', agentId = 'me'): WrapUpRecord {
  return wrapUpRecordSchema.parse({
    interactionId: i.id,
    agentId,
    state,
    code: state === 'submitted' ? 'ORDER-STATUS' : null,
    notes: '',
    resolvedOnFirstContact: resolved,
    callback: null,
    doNotCall: null,
    revision: 1,
    updatedAt: i.startedAt,
    submittedAt: state === 'submitted' ? i.startedAt + 6 * MIN : null,
  });
}

function escalation(createdAt: number, over: Partial<EscalationRecord> = {}): EscalationRecord {
  seq += 1;
  return escalationRecordSchema.parse({
    id: `e${seq}`,
    agentId: 'me',
    source: 'case',
    interactionId: null,
    caseId: 'case-1',
    customerId: null,
    tier: 'tier-2',
    group: 'technical',
    priority: 'P2',
    summary: '',
    handoff: { customerExpectation: 'a', troubleshootingDone: 'b', recommendedNextSteps: 'c' },
    createdAt,
    acknowledgeBy: createdAt + HOUR,
    resolveBy: createdAt + 24 * HOUR,
    acknowledgedAt: null,
    resolvedAt: null,
    warmTransferAt: null,
    chain: [],
    revision: 0,
    updatedAt: createdAt,
    ...over,
  });
}

function input(now: number, over: Partial<StatsInput> = {}): StatsInput {
  return { agentId: 'me', now, timeZone: BERLIN, weekStartsOn: 1, interactions: [], wrapUps: [], escalations: [], ...over };
}

describe('my stats: definitions', () => {
  // Wednesday 12 March 2025, 16:00 Berlin.
  const now = Date.UTC(2025, 2, 12, 15);
  const today = (h: number, m = 0) => Date.UTC(2025, 2, 12, h - 1, m);

  it('is empty, not zero-divided, with nothing done', () => {
    const s = computeMyStats(input(now));
    expect(s.today).toMatchObject({
      contactsHandled: 0,
      ahtSeconds: null,
      avgAfterCallWorkSeconds: null,
      fcrPercent: null,
      escalationRatePercent: null,
      missedCalls: 0,
      escalations: 0,
      awaitingWrapUp: 0,
    });
    expect(s.today.sla.acknowledge).toEqual({ met: 0, missed: 0, overdue: 0, pending: 0, percent: null });
    expect(s.today.series).toHaveLength(24);
    expect(s.week.series.map((p) => p.label)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  });

  it('computes handled, AHT, average ACW, FCR, escalation rate and missed calls', () => {
    const a = call(today(9), { talkSeconds: 300, holdSeconds: 60, afterCallWorkSeconds: 90 });
    const b = call(today(10), { talkSeconds: 100, holdSeconds: 0, afterCallWorkSeconds: 30, channel: 'call', direction: 'outbound' });
    const c = call(today(11), {
      channel: 'email',
      answeredAt: null,
      talkSeconds: 0,
      holdSeconds: 0,
      afterCallWorkSeconds: 120,
      number: null,
    });
    const missed = call(today(12), { outcome: 'missed' });
    const declined = call(today(12, 5), { outcome: 'declined' });
    const abandoned = call(today(12, 10), { outcome: 'abandoned' });
    const ongoing = call(today(15, 50), { endedAt: null });
    const s = computeMyStats(
      input(now, {
        interactions: [a, b, c, missed, declined, abandoned, ongoing],
        wrapUps: [wrap(a, true), wrap(b, false), wrap(c, true, 'draft')],
        escalations: [escalation(today(9, 30))],
      }),
    ).today;
    expect(s.contactsHandled).toBe(3);
    // (450 + 130 + 120) / 3
    expect(s.ahtSeconds).toBe(233);
    expect(s.avgAfterCallWorkSeconds).toBe(80);
    // Only a's submitted wrap-up says resolved; c's is still a draft.
    expect(s.resolvedOnFirstContact).toBe(1);
    expect(s.fcrPercent).toBe(33.3);
    expect(s.awaitingWrapUp).toBe(1);
    expect(s.escalations).toBe(1);
    expect(s.escalationRatePercent).toBe(33.3);
    expect(s.missedCalls).toBe(1);
  });

  it("ignores other agents' records", () => {
    const mine = call(today(9));
    const theirs = call(today(9), { agentId: 'someone-else' });
    const s = computeMyStats(
      input(now, {
        interactions: [mine, theirs],
        wrapUps: [wrap(mine, false), wrap(theirs, true, 'submitted', 'someone-else'), { ...wrap(mine, true), agentId: 'someone-else' }],
        escalations: [escalation(today(9), { agentId: 'someone-else' })],
      }),
    ).today;
    expect(s).toMatchObject({ contactsHandled: 1, resolvedOnFirstContact: 0, escalations: 0 });
  });

  it('measures SLA compliance of my escalations: overdue counts against, pending is left out', () => {
    const t = today(9);
    const met = escalation(t, { acknowledgedAt: t + 30 * MIN, resolvedAt: t + 2 * HOUR });
    const lateAck = escalation(t, { acknowledgedAt: t + 2 * HOUR });
    const overdue = escalation(t);
    const pending = escalation(today(15, 30));
    const s = computeMyStats(input(now, { escalations: [met, lateAck, overdue, pending] })).today;
    expect(s.sla.acknowledge).toEqual({ met: 1, missed: 1, overdue: 1, pending: 1, percent: 33.3 });
    expect(s.sla.resolve).toEqual({ met: 1, missed: 0, overdue: 0, pending: 3, percent: 100 });
  });

  it('splits today by hour and the week by day for the chart', () => {
    const s = computeMyStats(
      input(now, {
        interactions: [
          call(today(9, 10), { talkSeconds: 200, holdSeconds: 0, afterCallWorkSeconds: 0 }),
          call(today(9, 50), { talkSeconds: 400, holdSeconds: 0, afterCallWorkSeconds: 0 }),
          call(today(11), { outcome: 'missed' }),
          call(Date.UTC(2025, 2, 10, 8)),
        ],
      }),
    );
    const nine = s.today.series.find((p) => p.key === '09');
    expect(nine).toMatchObject({ label: '09:00', handled: 2, missed: 0, ahtSeconds: 300, start: today(9), end: today(10) });
    expect(s.today.series.find((p) => p.key === '11')).toMatchObject({ handled: 0, missed: 1, ahtSeconds: null });
    expect(s.week.series.map((p) => [p.key, p.handled])).toEqual([
      ['2025-03-10', 1],
      ['2025-03-11', 0],
      ['2025-03-12', 2],
      ['2025-03-13', 0],
      ['2025-03-14', 0],
      ['2025-03-15', 0],
      ['2025-03-16', 0],
    ]);
    expect(s.week.contactsHandled).toBe(3);
    expect(s.today.contactsHandled).toBe(2);
  });

  it('counts a contact in the period it started in', () => {
    const lateLastNight = call(Date.UTC(2025, 2, 11, 22, 50), { endedAt: Date.UTC(2025, 2, 11, 23, 20) });
    const s = computeMyStats(input(now, { interactions: [lateLastNight] }));
    expect(s.today.contactsHandled).toBe(0);
    expect(s.week.contactsHandled).toBe(1);
  });
});

describe('my stats across DST and week boundaries', () => {
  it('has 23 hourly buckets on the spring-forward day, with no 02:00', () => {
    const buckets = hourBuckets({ year: 2025, month: 3, day: 30 }, BERLIN);
    expect(buckets).toHaveLength(23);
    expect(buckets.map((b) => b.hour)).not.toContain(2);
    expect(buckets.find((b) => b.hour === 1)).toMatchObject({ start: Date.UTC(2025, 2, 30, 0), end: Date.UTC(2025, 2, 30, 1) });
    expect(buckets.reduce((sum, b) => sum + (b.end - b.start), 0)).toBe(23 * HOUR);
  });

  it('gives the repeated hour of the fall-back day one two-hour bucket', () => {
    const buckets = hourBuckets({ year: 2025, month: 10, day: 26 }, BERLIN);
    expect(buckets).toHaveLength(24);
    expect(buckets.find((b) => b.hour === 2)).toMatchObject({ start: Date.UTC(2025, 9, 26, 0), end: Date.UTC(2025, 9, 26, 2) });
    const s = computeMyStats(
      input(Date.UTC(2025, 9, 26, 12), {
        interactions: [call(Date.UTC(2025, 9, 26, 0, 30)), call(Date.UTC(2025, 9, 26, 1, 30)), call(Date.UTC(2025, 9, 26, 2, 30))],
      }),
    );
    expect(s.today.series.find((p) => p.key === '02')?.handled).toBe(2);
    expect(s.today.series.find((p) => p.key === '03')?.handled).toBe(1);
    expect(s.today.end - s.today.start).toBe(25 * HOUR);
  });

  it('puts the first second of Monday in the new week and the last of Sunday in the old one', () => {
    // Sunday 30 March 2025 (spring forward) 18:00 Berlin; the week began Monday 24 March 00:00 (23 March 23:00 UTC).
    const now = Date.UTC(2025, 2, 30, 16);
    const before = call(Date.UTC(2025, 2, 23, 22, 59, 59));
    const first = call(Date.UTC(2025, 2, 23, 23, 0, 0));
    const nightOfChange = call(Date.UTC(2025, 2, 30, 1, 10));
    const s = computeMyStats(input(now, { interactions: [before, first, nightOfChange] }));
    expect(s.week.contactsHandled).toBe(2);
    expect(s.week.series[0]).toMatchObject({ key: '2025-03-24', handled: 1 });
    expect(s.week.series[6]).toMatchObject({ key: '2025-03-30', handled: 1, end: Date.UTC(2025, 2, 30, 22) });
    expect(s.week.series[6]!.end - s.week.series[6]!.start).toBe(23 * HOUR);
    expect(s.today.series.find((p) => p.key === '03')?.handled).toBe(1);
    expect(statsRange(now, BERLIN, 1)).toEqual({ start: Date.UTC(2025, 2, 23, 23), end: Date.UTC(2025, 2, 30, 22) });
  });

  it('follows the configured week start and the agent time zone', () => {
    const now = Date.UTC(2025, 2, 9, 17); // Sunday 9 March, New York's spring-forward day, 13:00 local
    const saturday = call(Date.UTC(2025, 2, 8, 15));
    const s = computeMyStats(input(now, { timeZone: 'America/New_York', weekStartsOn: 7, interactions: [saturday] }));
    expect(s.week.series[0]?.key).toBe('2025-03-09');
    expect(s.week.contactsHandled).toBe(0);
    expect(s.today.series).toHaveLength(23);
    const monday = computeMyStats(input(now, { timeZone: 'America/New_York', interactions: [saturday] }));
    expect(monday.week.contactsHandled).toBe(1);
    expect(monday.timeZone).toBe('America/New_York');
  });
});

describe('my stats: outage calls', () => {
  // Wednesday 12 March 2025, 16:00 Berlin.
  const now = Date.UTC(2025, 2, 12, 15);
  const today = (h: number) => Date.UTC(2025, 2, 12, h - 1);
  const linked = (w: WrapUpRecord, incidentId: string | null): WrapUpRecord => wrapUpRecordSchema.parse({ ...w, incidentId });

  it('counts handled calls whose submitted wrap-up links an incident, not drafts, unlinked ones or other channels', () => {
    const a = call(today(9));
    const b = call(today(10));
    const c = call(today(11));
    const d = call(today(12), { channel: 'email', answeredAt: null });
    const e = call(today(13));
    const s = computeMyStats(
      input(now, {
        interactions: [a, b, c, d, e],
        wrapUps: [
          linked(wrap(a, false), 'inc-1'),
          linked(wrap(b, false), null),
          linked(wrap(c, false, 'draft'), 'inc-1'),
          linked(wrap(d, false), 'inc-1'),
          wrap(e, true),
        ],
      }),
    );
    expect(s.today.outageCalls).toBe(1);
    expect(s.week.outageCalls).toBe(1);
  });

  it('reads wrap-ups written before the status feed (no incidentId field) as not linked', () => {
    const a = call(today(9));
    const old = wrap(a, true);
    expect('incidentId' in old).toBe(false);
    expect(computeMyStats(input(now, { interactions: [a], wrapUps: [old] })).today.outageCalls).toBe(0);
  });
});
