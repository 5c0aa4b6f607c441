import { describe, expect, it } from 'vitest';
import { businessHoursSchema } from '../../../shared/config/workflow';
import { addBusinessTime, businessTimeBetween, openingIntervals } from '../../../shared/escalation/business-hours';
import {
  addDays,
  dateKey,
  dayInterval,
  fromLocal,
  localDateOf,
  offsetAt,
  systemTimeZone,
  toLocal,
  weekdayOf,
  weekInterval,
} from '../../../shared/time/time-zone';
import { HOUR, MIN } from '../workflow/fixtures';

const iso = (t: number): string => new Date(t).toISOString();
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

describe('local time in a zone', () => {
  it('reads wall-clock fields and offsets', () => {
    expect(toLocal(Date.UTC(2025, 2, 30, 0, 59, 59), BERLIN)).toEqual({
      year: 2025,
      month: 3,
      day: 30,
      hour: 1,
      minute: 59,
      second: 59,
      weekday: 7,
    });
    expect(toLocal(Date.UTC(2025, 2, 30, 1, 0, 0), BERLIN)).toMatchObject({ hour: 3, minute: 0 });
    expect(offsetAt(Date.UTC(2025, 0, 1), BERLIN)).toBe(HOUR);
    expect(offsetAt(Date.UTC(2025, 6, 1), BERLIN)).toBe(2 * HOUR);
    expect(offsetAt(Date.UTC(2025, 6, 1), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(offsetAt(Date.UTC(2025, 6, 1), NEW_YORK)).toBe(-4 * HOUR);
    expect(typeof systemTimeZone()).toBe('string');
  });

  it('finds the instant of a wall-clock time, moving skipped times forward and taking the first of repeated ones', () => {
    expect(iso(fromLocal({ year: 2025, month: 3, day: 30 }, 1, 30, BERLIN))).toBe('2025-03-30T00:30:00.000Z');
    expect(iso(fromLocal({ year: 2025, month: 3, day: 30 }, 2, 30, BERLIN))).toBe('2025-03-30T01:00:00.000Z');
    expect(iso(fromLocal({ year: 2025, month: 3, day: 30 }, 3, 0, BERLIN))).toBe('2025-03-30T01:00:00.000Z');
    expect(iso(fromLocal({ year: 2025, month: 10, day: 26 }, 2, 30, BERLIN))).toBe('2025-10-26T00:30:00.000Z');
    expect(iso(fromLocal({ year: 2025, month: 10, day: 26 }, 3, 0, BERLIN))).toBe('2025-10-26T02:00:00.000Z');
    expect(iso(fromLocal({ year: 2025, month: 3, day: 9 }, 2, 15, NEW_YORK))).toBe('2025-03-09T07:00:00.000Z');
    expect(iso(fromLocal({ year: 2025, month: 11, day: 2 }, 1, 30, NEW_YORK))).toBe('2025-11-02T05:30:00.000Z');
    // Lord Howe Island moves by half an hour.
    expect(iso(fromLocal({ year: 2025, month: 10, day: 5 }, 2, 15, 'Australia/Lord_Howe'))).toBe('2025-10-04T15:30:00.000Z');
  });

  it('does calendar arithmetic across months, leap days and years', () => {
    expect(addDays({ year: 2024, month: 2, day: 28 }, 1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addDays({ year: 2025, month: 2, day: 28 }, 1)).toEqual({ year: 2025, month: 3, day: 1 });
    expect(addDays({ year: 2025, month: 12, day: 31 }, 1)).toEqual({ year: 2026, month: 1, day: 1 });
    expect(addDays({ year: 2025, month: 3, day: 3 }, -7)).toEqual({ year: 2025, month: 2, day: 24 });
    expect(weekdayOf({ year: 2025, month: 3, day: 10 })).toBe(1);
    expect(weekdayOf({ year: 2025, month: 3, day: 16 })).toBe(7);
    expect(dateKey({ year: 2025, month: 3, day: 9 })).toBe('2025-03-09');
  });
});

describe('days and weeks across DST', () => {
  it('gives the spring-forward day 23 hours and the fall-back day 25', () => {
    const spring = dayInterval(Date.UTC(2025, 2, 30, 12), BERLIN);
    expect([iso(spring.start), iso(spring.end)]).toEqual(['2025-03-29T23:00:00.000Z', '2025-03-30T22:00:00.000Z']);
    expect(spring.end - spring.start).toBe(23 * HOUR);
    const autumn = dayInterval(Date.UTC(2025, 9, 26, 12), BERLIN);
    expect(autumn.end - autumn.start).toBe(25 * HOUR);
    const ny = dayInterval(Date.UTC(2025, 10, 2, 12), NEW_YORK);
    expect([iso(ny.start), ny.end - ny.start]).toEqual(['2025-11-02T04:00:00.000Z', 25 * HOUR]);
  });

  it('puts the last second before local midnight in the old day and midnight in the new', () => {
    const lastSecond = Date.UTC(2025, 2, 29, 22, 59, 59);
    expect(dateKey(localDateOf(lastSecond, BERLIN))).toBe('2025-03-29');
    expect(dateKey(localDateOf(lastSecond + 1000, BERLIN))).toBe('2025-03-30');
    expect(dayInterval(lastSecond, BERLIN).end).toBe(lastSecond + 1000);
  });

  it('starts a day at the first valid time where midnight is skipped', () => {
    // Santiago de Chile jumps from 00:00 to 01:00.
    const d = dayInterval(Date.UTC(2024, 8, 8, 15), 'America/Santiago');
    expect(iso(d.start)).toBe('2024-09-08T04:00:00.000Z');
    expect(d.end - d.start).toBe(23 * HOUR);
  });

  it('handles a day a zone skipped entirely', () => {
    // Samoa skipped 30 December 2011: the 29th ends where the 31st begins.
    const d = dayInterval(Date.UTC(2011, 11, 29, 12), 'Pacific/Apia');
    expect(d.end - d.start).toBe(24 * HOUR);
    expect(dateKey(localDateOf(d.end, 'Pacific/Apia'))).toBe('2011-12-31');
  });

  it('starts weeks on Monday by default, or on the configured day', () => {
    const sundayEvening = Date.UTC(2025, 2, 30, 18);
    const mon = weekInterval(sundayEvening, BERLIN);
    expect([iso(mon.start), iso(mon.end)]).toEqual(['2025-03-23T23:00:00.000Z', '2025-03-30T22:00:00.000Z']);
    expect(mon.end - mon.start).toBe(7 * 24 * HOUR - HOUR);
    const sun = weekInterval(sundayEvening, BERLIN, 7);
    expect([iso(sun.start), iso(sun.end)]).toEqual(['2025-03-29T23:00:00.000Z', '2025-04-05T22:00:00.000Z']);
    const sat = weekInterval(Date.UTC(2025, 2, 29, 12), BERLIN, 6);
    expect(iso(sat.start)).toBe('2025-03-28T23:00:00.000Z');
  });
});

describe('business hours', () => {
  const calendar = businessHoursSchema.parse({
    timeZone: BERLIN,
    week: {
      mon: [
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
      tue: [{ start: '08:00', end: '17:00' }],
      wed: [{ start: '08:00', end: '17:00' }],
      thu: [{ start: '08:00', end: '17:00' }],
      fri: [{ start: '08:00', end: '17:00' }],
      sat: [{ start: '22:00', end: '24:00' }],
      sun: [{ start: '00:00', end: '04:00' }],
    },
    holidays: ['2025-04-18'],
  });

  it('lists the opening intervals of a day, none on holidays', () => {
    const mon = openingIntervals({ year: 2025, month: 3, day: 24 }, calendar);
    expect(mon.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2025-03-24T07:00:00.000Z', '2025-03-24T11:00:00.000Z'],
      ['2025-03-24T12:00:00.000Z', '2025-03-24T16:00:00.000Z'],
    ]);
    expect(openingIntervals({ year: 2025, month: 4, day: 18 }, calendar)).toEqual([]);
  });

  it('starts the clock at the next opening and skips the lunch gap', () => {
    // Monday 06:00 Berlin: 5 h of opening time ends at 14:00.
    expect(iso(addBusinessTime(Date.UTC(2025, 2, 24, 5), 5 * HOUR, calendar))).toBe('2025-03-24T13:00:00.000Z');
    // Monday 11:30: 30 min before lunch, 30 min after.
    expect(iso(addBusinessTime(Date.UTC(2025, 2, 24, 10, 30), HOUR, calendar))).toBe('2025-03-24T12:30:00.000Z');
  });

  it('runs through the weekend night shift and over the DST change inside it', () => {
    // Saturday 29 March 23:00 Berlin (22:00 UTC), 1 h left on Saturday; Sunday 00:00-04:00 loses an hour to DST (3 h).
    const start = Date.UTC(2025, 2, 29, 22);
    expect(iso(addBusinessTime(start, 3 * HOUR, calendar))).toBe('2025-03-30T01:00:00.000Z');
    expect(businessTimeBetween(start, Date.UTC(2025, 2, 31, 0), calendar)).toBe(4 * HOUR);
    // Over the weekend to Monday morning.
    expect(iso(addBusinessTime(start, 5 * HOUR, calendar))).toBe('2025-03-31T07:00:00.000Z');
  });

  it('skips holidays', () => {
    // Thursday 17 April 16:00 Berlin, 2 h: 1 h on Thursday, Good Friday closed, then the Saturday night shift.
    expect(iso(addBusinessTime(Date.UTC(2025, 3, 17, 14), 2 * HOUR, calendar))).toBe('2025-04-19T21:00:00.000Z');
  });

  it('measures zero opening time for an empty or reversed span', () => {
    expect(businessTimeBetween(Date.UTC(2025, 2, 24, 12), Date.UTC(2025, 2, 24, 11), calendar)).toBe(0);
    expect(businessTimeBetween(Date.UTC(2025, 2, 24, 11), Date.UTC(2025, 2, 24, 12), calendar)).toBe(0);
    expect(businessTimeBetween(Date.UTC(2025, 2, 24, 11), Date.UTC(2025, 2, 24, 12, 30), calendar)).toBe(30 * MIN);
  });

  it('fails clearly for a calendar that is never open', () => {
    const closed = { ...calendar, week: { mon: [{ start: '08:00', end: '09:00' }] }, holidays: [] as string[] };
    const allHolidays = {
      ...closed,
      holidays: Array.from({ length: 400 * 9 }, (_, i) => dateKey(addDays({ year: 2025, month: 1, day: 1 }, i))),
    };
    expect(() => addBusinessTime(Date.UTC(2025, 0, 1), HOUR, allHolidays)).toThrow(
      'The business-hours calendar has no opening hours in the next eight years.',
    );
  });
});
