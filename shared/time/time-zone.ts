/**
 * Calendar arithmetic in an IANA time zone with nothing but Intl (shared/ has no Node or DOM).
 * Used for "today" and "this week" in my stats and for business-hours SLA clocks, so it must be
 * right on DST days: a local day can be 23 or 25 hours long, and local midnight can be missing.
 */

export interface LocalDate {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAY_NUMBER: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The machine's own zone (the agent's local time). */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Local wall-clock fields of an instant in a zone. */
export function toLocal(instant: number, timeZone: string): LocalDateTime {
  const out: LocalDateTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  let bc = false;
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    switch (part.type) {
      case 'year':
        out.year = Number(part.value);
        break;
      case 'month':
        out.month = Number(part.value);
        break;
      case 'day':
        out.day = Number(part.value);
        break;
      case 'hour':
        out.hour = Number(part.value);
        break;
      case 'minute':
        out.minute = Number(part.value);
        break;
      case 'second':
        out.second = Number(part.value);
        break;
      case 'weekday':
        out.weekday = WEEKDAY_NUMBER[part.value] ?? 0;
        break;
      case 'era':
        bc = part.value === 'BC' || part.value === 'B';
        break;
      default:
        break;
    }
  }
  if (bc) out.year = 1 - out.year;
  return out;
}

/** How far the zone's wall clock is ahead of UTC at an instant (whole seconds, in ms). */
export function offsetAt(instant: number, timeZone: string): number {
  const l = toLocal(instant, timeZone);
  const asUtc = utcOf(l, l.hour, l.minute, l.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function utcOf(d: LocalDate, hour: number, minute: number, second: number): number {
  const t = Date.UTC(d.year, d.month - 1, d.day, hour, minute, second);
  // Date.UTC maps years 0-99 to 1900-1999.
  if (d.year >= 0 && d.year < 100) {
    const x = new Date(t);
    x.setUTCFullYear(d.year);
    return x.getTime();
  }
  return t;
}

/**
 * The instant a local wall-clock time happens in a zone. A time that does not exist (skipped by
 * a DST jump) maps to the instant the clocks jumped to, i.e. it moves forward by the gap; a time
 * that happens twice (clocks set back) maps to its first occurrence.
 */
export function fromLocal(d: LocalDate, hour: number, minute: number, timeZone: string, second = 0): number {
  const wall = utcOf(d, hour, minute, second);
  // Offsets either side of the wanted time; a zone never changes offset twice within a day.
  const before = offsetAt(wall - 86_400_000, timeZone);
  const after = offsetAt(wall + 86_400_000, timeZone);
  // No offset change within a day either side (nearly always): the time exists exactly once.
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter((t) => utcOfInstant(t, timeZone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: the wall time never shows. The clocks jumped from the old offset to the new one;
  // the moment of the jump is the first valid instant after it.
  return findTransition(wall - before, wall - after, timeZone);
}

function utcOfInstant(instant: number, timeZone: string): number {
  return Math.floor(instant / 1000) * 1000 + offsetAt(instant, timeZone);
}

/** The first instant in (lo, hi] whose offset differs from lo's. */
function findTransition(a: number, b: number, timeZone: string): number {
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  const base = offsetAt(lo, timeZone);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(mid, timeZone) === base) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Pure calendar arithmetic on a local date (no time zone involved). */
export function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(utcOf(d, 12, 0, 0) + days * 86_400_000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** ISO weekday of a local date: 1 = Monday ... 7 = Sunday. */
export function weekdayOf(d: LocalDate): number {
  const wd = new Date(utcOf(d, 12, 0, 0)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export function localDateOf(instant: number, timeZone: string): LocalDate {
  const l = toLocal(instant, timeZone);
  return { year: l.year, month: l.month, day: l.day };
}

/** "2025-03-30" */
export function dateKey(d: LocalDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** The first instant of a local date (midnight, or the first valid time if midnight is skipped). */
export function startOfLocalDay(d: LocalDate, timeZone: string): number {
  return fromLocal(d, 0, 0, timeZone);
}

export interface Interval {
  /** Inclusive. */
  start: number;
  /** Exclusive. */
  end: number;
}

/** The local day an instant falls in, as an instant interval (23, 24 or 25 hours long). */
export function dayInterval(instant: number, timeZone: string): Interval {
  const d = localDateOf(instant, timeZone);
  return { start: startOfLocalDay(d, timeZone), end: startOfLocalDay(addDays(d, 1), timeZone) };
}

/** The local week an instant falls in; weekStartsOn is an ISO weekday (1 = Monday). */
export function weekInterval(instant: number, timeZone: string, weekStartsOn = 1): Interval {
  const d = localDateOf(instant, timeZone);
  const back = (weekdayOf(d) - weekStartsOn + 7) % 7;
  const first = addDays(d, -back);
  return { start: startOfLocalDay(first, timeZone), end: startOfLocalDay(addDays(first, 7), timeZone) };
}
