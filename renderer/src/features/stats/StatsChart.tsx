import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ToggleButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import type { PeriodStatsView } from '../../../../shared/stats/contract';
import { formatSecondsOrDash } from '../../../../shared/time/duration';
import { formatNumber, useLocale } from '../../i18n';
import { dayName, dayTick, hourName, hourTick } from './format';
import { canvasFont, tokenColor, useThemeVersion } from './theme-colors';

export type Period = 'today' | 'week';
type Point = PeriodStatsView['series'][number];

const CHART_HEIGHT = 150;
/** Below this many pixels per bucket, only every other tick is labelled, so labels never overlap. */
const MIN_TICK_SPACING = 30;

/** Today: the working hours (07–19) and any other hour with work in it; this week: every day. */
export function chartPoints(period: Period, p: PeriodStatsView): Point[] {
  return period === 'today'
    ? p.series.filter((s) => s.handled > 0 || s.missed > 0 || (Number(s.key) >= 7 && Number(s.key) <= 19))
    : p.series;
}

/**
 * Contacts handled and missed per hour (today) or per day (this week), drawn by uPlot on a canvas
 * in the token colours, with a legend and axis titles. The canvas is one image to assistive
 * technology, named by a one-sentence summary; the numbers are also a real table, always in the
 * accessibility tree (visually hidden) and shown on screen with "Show as table", which replaces
 * the chart: a screen reader user gets the table without finding a control, and a sighted agent
 * who wants exact numbers gets them too.
 */
export function StatsChart({ period, p, timeZone }: { period: Period; p: PeriodStatsView; timeZone: string }) {
  const { t } = useTranslation('stats');
  const locale = useLocale();
  const [asTable, setAsTable] = useState(false);
  const tableId = useId();
  const points = useMemo(() => chartPoints(period, p), [period, p]);
  const name = (s: Point) => (period === 'today' ? hourName(s.start, locale, timeZone) : dayName(s.start, locale, timeZone));
  const total = points.reduce((sum, s) => sum + s.handled, 0);
  const busiest = points.reduce<Point | null>((best, s) => (best === null || s.handled > best.handled ? s : best), null);
  const busy = busiest !== null && busiest.handled > 0 ? { label: name(busiest), count: busiest.handled } : null;
  const summary =
    period === 'today'
      ? busy
        ? t('chart.summaryTodayBusiest', { total, ...busy })
        : t('chart.summaryToday', { total })
      : busy
        ? t('chart.summaryWeekBusiest', { total, ...busy })
        : t('chart.summaryWeek', { total });

  return (
    <figure className="stats-chart">
      {asTable ? null : (
        <>
          <BarChart period={period} points={points} timeZone={timeZone} summary={summary} />
          <ul className="stats-legend" aria-label={t('chart.legend')}>
            <li>
              <span className="stats-swatch stats-swatch-handled" aria-hidden="true" />
              {t('chart.handled')}
            </li>
            <li>
              <span className="stats-swatch stats-swatch-missed" aria-hidden="true" />
              {t('chart.missed')}
            </li>
          </ul>
        </>
      )}
      <ToggleButton className="stats-table-toggle" isSelected={asTable} onChange={setAsTable} aria-controls={tableId}>
        {t('chart.showTable')}
      </ToggleButton>
      <table id={tableId} className={asTable ? 'stats-table' : 'stats-table stats-visually-hidden'}>
        <caption>{summary}</caption>
        <thead>
          <tr>
            <th scope="col">{period === 'today' ? t('chart.hour') : t('chart.day')}</th>
            <th scope="col">{t('chart.handled')}</th>
            <th scope="col">{t('chart.missed')}</th>
            <th scope="col">{t('chart.aht')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((s) => (
            <tr key={s.key}>
              <th scope="row">{name(s)}</th>
              <td>{formatNumber(s.handled, locale)}</td>
              <td>{formatNumber(s.missed, locale)}</td>
              <td>{formatSecondsOrDash(s.ahtSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** The uPlot canvas, as wide as the rail gives it; rebuilt when the data, size, language or theme change. */
function BarChart({ period, points, timeZone, summary }: { period: Period; points: Point[]; timeZone: string; summary: string }) {
  const { t } = useTranslation('stats');
  const locale = useLocale();
  const theme = useThemeVersion();
  const boxRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const measure = () => setWidth(Math.floor(box.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const box = boxRef.current;
    if (!box || width <= 0) return;
    const colour = (token: `--${string}`) => tokenColor(box, token);
    const text = colour('--text');
    const muted = colour('--muted');
    const grid = colour('--border');
    const font = canvasFont(box, '--text-xs');
    const labelFont = canvasFont(box, '--text-sm');
    const n = points.length;
    const crowded = width / Math.max(1, n) < MIN_TICK_SPACING;
    const tick = (s: Point) => (period === 'today' ? hourTick(s.start, locale, timeZone) : dayTick(s.start, locale, timeZone));
    const bars = uPlot.paths.bars;
    const left = bars?.({ size: [0.42, 28], align: -1 });
    const right = bars?.({ size: [0.42, 28], align: 1 });
    const chart = new uPlot(
      {
        width,
        height: CHART_HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        scales: {
          x: { time: false, range: () => [-0.5, n - 0.5] },
          y: { range: (_u, _min, max) => [0, Math.max(2, Math.ceil((max ?? 0) * 1.15))] },
        },
        axes: [
          {
            stroke: text,
            font,
            labelFont,
            label: period === 'today' ? t('chart.hour') : t('chart.day'),
            labelSize: 18,
            grid: { show: false },
            ticks: { stroke: grid, width: 1, size: 4 },
            splits: () => points.map((_, i) => i),
            values: (_u, splits) => splits.map((i) => (crowded && i % 2 === 1 ? '' : points[i] ? tick(points[i]) : '')),
            size: 24,
          },
          {
            stroke: muted,
            font,
            labelFont,
            label: t('chart.contacts'),
            labelSize: 18,
            grid: { stroke: grid, width: 1 },
            ticks: { show: false },
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500],
            values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? formatNumber(v, locale) : '')),
            size: 32,
          },
        ],
        series: [
          {},
          {
            label: t('chart.handled'),
            stroke: colour('--accent'),
            fill: colour('--accent'),
            width: 0,
            paths: left,
            points: { show: false },
          },
          {
            // Outlined, not filled: the two series differ by shape too, in forced colours and for colour-blind eyes.
            label: t('chart.missed'),
            stroke: colour('--danger'),
            fill: colour('--danger-soft'),
            width: 2,
            paths: right,
            points: { show: false },
          },
        ],
      },
      // A zero is no bar at all (an outlined bar of height 0 would still draw a line).
      [points.map((_, i) => i), points.map((s) => s.handled || null), points.map((s) => s.missed || null)],
      box,
    );
    return () => chart.destroy();
  }, [points, width, theme, locale, period, timeZone, t]);

  return <div ref={boxRef} className="stats-canvas" role="img" aria-label={summary} />;
}
