/**
 * "My stats": the agent's own figures for today and this week, in the agent's time zone (weeks
 * start on Monday unless the policy says otherwise). Definitions follow docs/domain.md:
 *
 * - A contact belongs to the period in which it started (offered / dialled / opened), the usual
 *   interval rule in workforce reports; a call over midnight counts for the day it began.
 * - Contacts handled: the agent's interactions with outcome `answered` that have ended, on any
 *   channel, inbound or outbound. Missed, declined, abandoned and failed calls are not handled.
 * - AHT (average handle time) = (talk + hold + after-call work) / contacts handled, in seconds.
 * - Average after-call work = after-call work / contacts handled, in seconds.
 * - FCR % = handled contacts whose submitted wrap-up says "resolved on first contact" / contacts
 *   handled. A contact still awaiting its wrap-up counts as not (yet) resolved; `awaitingWrapUp`
 *   says how many, so the figure can be read fairly during the day.
 * - Escalation rate % = escalations the agent raised in the period / contacts handled (target
 *   < 10 %). Escalations from cases count too: they are Tier 2 work the agent handed over.
 * - Missed calls: calls offered to the agent and not answered in time (outcome `missed`).
 * - Outage calls: handled calls whose submitted wrap-up links them to a status feed incident
 *   (an outage going on at the time: electron/status-feed/).
 * - SLA compliance of my escalations, for acknowledgement and for resolution separately: met /
 *   (met + missed + overdue), over the escalations the agent raised in the period. Overdue
 *   (still open past the deadline) counts against; pending (open, within time) is left out.
 *   Target ≥ 95 % for P1/P2 acknowledgements weekly.
 * Averages are rounded to whole seconds, percentages to one decimal; null when nothing to divide by.
 */
import type { Interaction, WrapUpRecord } from '../agent/records';
import { escalationCompliance } from '../escalation/escalation';
import type { EscalationRecord } from '../escalation/records';
import {
  addDays,
  dateKey,
  dayInterval,
  fromLocal,
  localDateOf,
  toLocal,
  weekdayOf,
  weekInterval,
  type Interval,
  type LocalDate,
} from '../time/time-zone';

export interface StatsInput {
  agentId: string;
  now: number;
  timeZone: string;
  /** ISO weekday the week starts on: 1 = Monday ... 7 = Sunday. */
  weekStartsOn: number;
  /** The agent's interactions in (at least) `statsRange()`; others are ignored. */
  interactions: readonly Interaction[];
  /** Wrap-ups of those interactions (drafts are ignored). */
  wrapUps: readonly WrapUpRecord[];
  escalations: readonly EscalationRecord[];
}

export interface ComplianceFigure {
  met: number;
  missed: number;
  overdue: number;
  pending: number;
  percent: number | null;
}

export interface SeriesPoint {
  start: number;
  end: number;
  /** "09" (hour of day) or "2025-03-24" (date). */
  key: string;
  /** "09:00" or "Mon". */
  label: string;
  handled: number;
  missed: number;
  ahtSeconds: number | null;
}

export interface PeriodStats extends Interval {
  contactsHandled: number;
  ahtSeconds: number | null;
  avgAfterCallWorkSeconds: number | null;
  resolvedOnFirstContact: number;
  fcrPercent: number | null;
  awaitingWrapUp: number;
  escalations: number;
  escalationRatePercent: number | null;
  missedCalls: number;
  outageCalls: number;
  sla: { acknowledge: ComplianceFigure; resolve: ComplianceFigure };
  /** Today: one point per local clock hour; this week: one per day. */
  series: SeriesPoint[];
}

export interface MyStats {
  timeZone: string;
  computedAt: number;
  today: PeriodStats;
  week: PeriodStats;
}

/** The span of records `computeMyStats` needs (this week; today lies within it). */
export function statsRange(now: number, timeZone: string, weekStartsOn: number): Interval {
  return weekInterval(now, timeZone, weekStartsOn);
}

const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The local clock hours of a day. On the day clocks go forward the skipped hour has no bucket
 * (23 buckets); on the day they go back the repeated hour's bucket is two hours long.
 */
export function hourBuckets(day: LocalDate, timeZone: string): { start: number; end: number; hour: number }[] {
  const out: { start: number; end: number; hour: number }[] = [];
  const dayEnd = fromLocal(addDays(day, 1), 0, 0, timeZone);
  for (let h = 0; h < 24; h += 1) {
    const start = fromLocal(day, h, 0, timeZone);
    if (toLocal(start, timeZone).hour !== h) continue;
    const prev = out[out.length - 1];
    if (prev !== undefined) prev.end = start;
    out.push({ start, end: dayEnd, hour: h });
  }
  return out;
}

function dayBuckets(week: Interval, timeZone: string): { start: number; end: number; date: LocalDate }[] {
  const first = localDateOf(week.start, timeZone);
  return Array.from({ length: 7 }, (_, i) => {
    const date = addDays(first, i);
    return { start: fromLocal(date, 0, 0, timeZone), end: fromLocal(addDays(date, 1), 0, 0, timeZone), date };
  });
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const percent = (num: number, den: number): number | null => (den === 0 ? null : round1((num / den) * 100));
const average = (sum: number, n: number): number | null => (n === 0 ? null : Math.round(sum / n));
const within = (t: number, i: Interval): boolean => t >= i.start && t < i.end;
const handleSeconds = (i: Interaction): number => i.talkSeconds + i.holdSeconds + i.afterCallWorkSeconds;
const isHandled = (i: Interaction): boolean => i.outcome === 'answered' && i.endedAt !== null;

function compliance(outcomes: readonly string[]): ComplianceFigure {
  const count = (o: string): number => outcomes.filter((x) => x === o).length;
  const met = count('met');
  const missed = count('missed');
  const overdue = count('overdue');
  return { met, missed, overdue, pending: count('pending'), percent: percent(met, met + missed + overdue) };
}

function periodStats(
  interval: Interval,
  mine: readonly Interaction[],
  resolved: ReadonlySet<string>,
  submitted: ReadonlySet<string>,
  outage: ReadonlySet<string>,
  escalations: readonly EscalationRecord[],
  now: number,
  buckets: { start: number; end: number; key: string; label: string }[],
): PeriodStats {
  const inPeriod = mine.filter((i) => within(i.startedAt, interval));
  const handled = inPeriod.filter(isHandled);
  const raised = escalations.filter((e) => within(e.createdAt, interval));
  const outcomes = raised.map((e) => escalationCompliance(e, now));
  const series = buckets.map((b): SeriesPoint => {
    const h = handled.filter((i) => within(i.startedAt, b));
    return {
      ...b,
      handled: h.length,
      missed: inPeriod.filter((i) => i.outcome === 'missed' && within(i.startedAt, b)).length,
      ahtSeconds: average(
        h.reduce((sum, i) => sum + handleSeconds(i), 0),
        h.length,
      ),
    };
  });
  const rofc = handled.filter((i) => resolved.has(i.id)).length;
  return {
    start: interval.start,
    end: interval.end,
    contactsHandled: handled.length,
    ahtSeconds: average(
      handled.reduce((sum, i) => sum + handleSeconds(i), 0),
      handled.length,
    ),
    avgAfterCallWorkSeconds: average(
      handled.reduce((sum, i) => sum + i.afterCallWorkSeconds, 0),
      handled.length,
    ),
    resolvedOnFirstContact: rofc,
    fcrPercent: percent(rofc, handled.length),
    awaitingWrapUp: handled.filter((i) => !submitted.has(i.id)).length,
    escalations: raised.length,
    escalationRatePercent: percent(raised.length, handled.length),
    missedCalls: inPeriod.filter((i) => i.outcome === 'missed').length,
    outageCalls: handled.filter((i) => i.channel === 'call' && outage.has(i.id)).length,
    sla: { acknowledge: compliance(outcomes.map((o) => o.acknowledge)), resolve: compliance(outcomes.map((o) => o.resolve)) },
    series,
  };
}

export function computeMyStats(input: StatsInput): MyStats {
  const { agentId, now, timeZone, weekStartsOn } = input;
  const mine = input.interactions.filter((i) => i.agentId === agentId);
  const submittedWrapUps = input.wrapUps.filter((w) => w.state === 'submitted' && w.agentId === agentId);
  const resolved = new Set(submittedWrapUps.filter((w) => w.resolvedOnFirstContact).map((w) => w.interactionId));
  const submitted = new Set(submittedWrapUps.map((w) => w.interactionId));
  const outage = new Set(submittedWrapUps.filter((w) => (w.incidentId ?? null) !== null).map((w) => w.interactionId));
  const escalations = input.escalations.filter((e) => e.agentId === agentId);

  const today = dayInterval(now, timeZone);
  const week = weekInterval(now, timeZone, weekStartsOn);
  const hours = hourBuckets(localDateOf(now, timeZone), timeZone).map((b) => {
    const hh = String(b.hour).padStart(2, '0');
    return { start: b.start, end: b.end, key: hh, label: `${hh}:00` };
  });
  const days = dayBuckets(week, timeZone).map((b) => ({
    start: b.start,
    end: b.end,
    key: dateKey(b.date),
    label: WEEKDAY_SHORT[weekdayOf(b.date) - 1] ?? '',
  }));
  return {
    timeZone,
    computedAt: now,
    today: periodStats(today, mine, resolved, submitted, outage, escalations, now, hours),
    week: periodStats(week, mine, resolved, submitted, outage, escalations, now, days),
  };
}
