/**
 * Business-hours clocks: an SLA that says "24 business hours" counts only opening hours of the
 * support calendar (in the calendar's own time zone, holidays closed).
 */
import { WEEKDAYS, type BusinessHours } from '../config/workflow';
import { addDays, dateKey, fromLocal, localDateOf, weekdayOf, type Interval, type LocalDate } from '../time/time-zone';

/** Far enough for a 365-day SLA on a calendar open one hour a week, with holidays. */
const MAX_DAYS_SCANNED = 366 * 8;

function minutes(hhmm: string): [number, number] {
  return [Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5))];
}

/** Opening intervals (as instants) of one local date, in order; empty on closed days and holidays. */
export function openingIntervals(d: LocalDate, calendar: BusinessHours): Interval[] {
  if (calendar.holidays.includes(dateKey(d))) return [];
  const day = WEEKDAYS[weekdayOf(d) - 1];
  const spans = day === undefined ? undefined : calendar.week[day];
  if (spans === undefined) return [];
  const out: Interval[] = [];
  for (const span of spans) {
    const [sh, sm] = minutes(span.start);
    const start = fromLocal(d, sh, sm, calendar.timeZone);
    const [eh, em] = minutes(span.end);
    const end = eh === 24 ? fromLocal(addDays(d, 1), 0, 0, calendar.timeZone) : fromLocal(d, eh, em, calendar.timeZone);
    if (end > start) out.push({ start, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The instant `durationMs` of opening time after `from`. Starting outside opening hours, the
 * clock starts at the next opening. Throws if the calendar has no opening time within eight
 * years (all days holidays), which the policy schema makes practically impossible.
 */
export function addBusinessTime(from: number, durationMs: number, calendar: BusinessHours): number {
  let left = durationMs;
  let d = localDateOf(from, calendar.timeZone);
  // The previous day may hold a span running past midnight into `from`'s day ("24:00" ends).
  d = addDays(d, -1);
  for (let i = 0; i < MAX_DAYS_SCANNED; i += 1, d = addDays(d, 1)) {
    for (const { start, end } of openingIntervals(d, calendar)) {
      if (end <= from) continue;
      const s = Math.max(start, from);
      if (left <= end - s) return s + left;
      left -= end - s;
    }
  }
  throw new Error('The business-hours calendar has no opening hours in the next eight years.');
}

/** Opening time between two instants (for "business time left"). */
export function businessTimeBetween(from: number, to: number, calendar: BusinessHours): number {
  if (to <= from) return 0;
  let total = 0;
  let d = addDays(localDateOf(from, calendar.timeZone), -1);
  const last = localDateOf(to, calendar.timeZone);
  for (let i = 0; i < MAX_DAYS_SCANNED; i += 1, d = addDays(d, 1)) {
    for (const { start, end } of openingIntervals(d, calendar)) {
      const s = Math.max(start, from);
      const e = Math.min(end, to);
      if (e > s) total += e - s;
    }
    if (dateKey(d) === dateKey(last)) break;
  }
  return total;
}
