import { describe, expect, it } from 'vitest';
import { dayName, dayTick, hourName, hourTick, oneDecimal } from '../../../renderer/src/features/stats/format';
import { chartPoints } from '../../../renderer/src/features/stats/StatsChart';
import type { PeriodStatsView } from '../../../shared/stats/contract';

const at = Date.UTC(2026, 11, 7, 13, 0, 0); // Monday 7 December 2026, 13:00 UTC

describe('My stats formatting', () => {
  it('writes figures with the one decimal they are computed to, as the language does', () => {
    expect(oneDecimal(75, 'en')).toBe('75.0');
    expect(oneDecimal(3.8, 'de')).toBe('3,8');
    expect(oneDecimal(1234.5, 'de')).toBe('1.234,5');
  });

  it('ticks hours on the 24-hour clock in every language, and names them as the language does', () => {
    expect(hourTick(at, 'en', 'UTC')).toBe('13');
    expect(hourTick(at, 'de', 'Europe/Berlin')).toBe('14');
    expect(hourName(at, 'en', 'UTC')).toBe('1:00 PM');
    expect(hourName(at, 'de', 'UTC')).toBe('13:00');
  });

  it('names days in the stats time zone and the language', () => {
    expect(dayTick(at, 'en', 'UTC')).toBe('Mon');
    // The abbreviation's dot depends on the ICU version.
    expect(dayTick(at, 'de', 'UTC')).toMatch(/^Mo\.?$/);
    // 23:30 UTC on Monday is already Tuesday in Berlin.
    expect(dayTick(Date.UTC(2026, 11, 7, 23, 30), 'de', 'Europe/Berlin')).toMatch(/^Di\.?$/);
    expect(dayName(at, 'de', 'UTC')).toMatch(/^Mo\.?, 7\. Dez/);
  });
});

describe('the chart buckets', () => {
  const hour = (h: number, handled: number, missed = 0) => ({
    start: at + h * 3_600_000,
    end: at + (h + 1) * 3_600_000,
    key: String(h).padStart(2, '0'),
    label: `${String(h).padStart(2, '0')}:00`,
    handled,
    missed,
    ahtSeconds: handled > 0 ? 420 : null,
  });
  const period = (series: PeriodStatsView['series']) => ({ series }) as PeriodStatsView;

  it('shows today’s working hours 07–19 and any other hour with work in it', () => {
    const series = Array.from({ length: 24 }, (_, h) => hour(h, h === 6 ? 2 : 0, h === 22 ? 1 : 0));
    const keys = chartPoints('today', period(series)).map((s) => s.key);
    expect(keys[0]).toBe('06');
    expect(keys).toContain('07');
    expect(keys).toContain('19');
    expect(keys).not.toContain('20');
    expect(keys.at(-1)).toBe('22');
    expect(keys).toHaveLength(15);
  });

  it('shows every day of the week', () => {
    const days = Array.from({ length: 7 }, (_, d) => ({ ...hour(0, d), key: `2026-12-0${d + 1}` }));
    expect(chartPoints('week', period(days))).toHaveLength(7);
  });
});
