import { useEffect, useState } from 'react';
import { STATS_TARGETS, type MyStatsView, type PeriodStatsView } from '../../../../shared/stats/contract';
import { formatSecondsOrDash } from '../../../../shared/time/duration';
import { useBridge } from '../../app/BridgeContext';
import './stats.css';

type Period = 'today' | 'week';

const pct = (v: number | null): string => (v === null ? '–' : `${v.toFixed(1)} %`);
const minutes = (s: number): string => `${s / 60} min`;

interface Figure {
  label: string;
  value: string;
  target?: string;
  /** undefined: no target or nothing measured yet. */
  onTarget?: boolean;
}

function figures(p: PeriodStatsView): Figure[] {
  const t = STATS_TARGETS;
  const sla = p.sla.acknowledge.percent;
  return [
    { label: 'Contacts handled', value: String(p.contactsHandled) },
    {
      label: 'Average handle time',
      value: p.ahtSeconds === null ? '–' : `${formatSecondsOrDash(p.ahtSeconds)} min`,
      target: `${minutes(t.ahtSecondsMin)}–${minutes(t.ahtSecondsMax)}`,
      onTarget: p.ahtSeconds === null ? undefined : p.ahtSeconds >= t.ahtSecondsMin && p.ahtSeconds <= t.ahtSecondsMax,
    },
    {
      label: 'Average after-call work',
      value: p.avgAfterCallWorkSeconds === null ? '–' : `${formatSecondsOrDash(p.avgAfterCallWorkSeconds)} min`,
    },
    {
      label: 'First contact resolution',
      value: pct(p.fcrPercent) + (p.awaitingWrapUp > 0 ? ` (${p.awaitingWrapUp} awaiting wrap-up)` : ''),
      target: `≥ ${t.fcrPercentMin} %`,
      onTarget: p.fcrPercent === null ? undefined : p.fcrPercent >= t.fcrPercentMin,
    },
    {
      label: 'Escalation rate',
      value: `${pct(p.escalationRatePercent)} (${p.escalations} escalated)`,
      target: `< ${t.escalationRatePercentMax} %`,
      onTarget: p.escalationRatePercent === null ? undefined : p.escalationRatePercent < t.escalationRatePercentMax,
    },
    { label: 'Missed calls', value: String(p.missedCalls) },
    { label: 'Outage calls', value: String(p.outageCalls) },
    {
      label: 'SLA compliance of my escalations (acknowledged in time)',
      value: pct(sla),
      target: `≥ ${t.slaCompliancePercentMin} %`,
      onTarget: sla === null ? undefined : sla >= t.slaCompliancePercentMin,
    },
    { label: 'SLA compliance of my escalations (resolved in time)', value: pct(p.sla.resolve.percent) },
  ];
}

/** Contacts handled per hour (today) or per day (this week) as bars, with the same numbers in a table. */
function Chart({ period, p }: { period: Period; p: PeriodStatsView }) {
  const points =
    period === 'today' ? p.series.filter((s) => s.handled > 0 || s.missed > 0 || (Number(s.key) >= 7 && Number(s.key) <= 19)) : p.series;
  const max = Math.max(1, ...points.map((s) => s.handled));
  const w = 16;
  const gap = 4;
  const height = 60;
  const width = points.length * (w + gap);
  const total = points.reduce((sum, s) => sum + s.handled, 0);
  const busiest = points.reduce<(typeof points)[number] | null>((best, s) => (best === null || s.handled > best.handled ? s : best), null);
  const summary = `Contacts handled ${period === 'today' ? 'per hour today' : 'per day this week'}: ${total} in all${busiest && busiest.handled > 0 ? `, most at ${busiest.label} (${busiest.handled})` : ''}.`;
  return (
    <figure className="stats-chart">
      <svg role="img" aria-label={summary} width={width} height={height + 14} viewBox={`0 0 ${width} ${height + 14}`}>
        {points.map((s, i) => {
          const h = Math.round((s.handled / max) * height);
          return (
            <g key={s.key}>
              <rect x={i * (w + gap)} y={height - h} width={w} height={h} className="stats-bar" />
              <text x={i * (w + gap) + w / 2} y={height + 11} textAnchor="middle" className="stats-axis">
                {period === 'today' ? s.key : s.label.slice(0, 2)}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>Chart data</summary>
        <table>
          <caption>{summary}</caption>
          <thead>
            <tr>
              <th scope="col">{period === 'today' ? 'Hour' : 'Day'}</th>
              <th scope="col">Handled</th>
              <th scope="col">Missed</th>
              <th scope="col">AHT</th>
            </tr>
          </thead>
          <tbody>
            {points.map((s) => (
              <tr key={s.key}>
                <th scope="row">{s.label}</th>
                <td>{s.handled}</td>
                <td>{s.missed}</td>
                <td>{formatSecondsOrDash(s.ahtSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** An answer and a push can cross: the figures computed last win. */
const newer =
  (next: MyStatsView) =>
  (shown: MyStatsView | null): MyStatsView =>
    shown !== null && shown.computedAt > next.computedAt ? shown : next;

/** The "My stats" region: today / this week, with targets from docs/domain.md and a small chart. */
export function MyStatsPanel() {
  const client = useBridge();
  // The panel asks once per connection. After that main pushes the figures (`stats.changed`) when
  // work is committed (a call or contact logged, a wrap-up, an escalation or callback changed: each
  // queues outbox rows) and when they change by time alone (midnight, an SLA deadline, a callback
  // falling overdue): no clock here, and no second ask on top of each push.
  const [period, setPeriod] = useState<Period>('today');
  const [stats, setStats] = useState<MyStatsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    const load = () => {
      client
        .invoke('stats.get', {})
        .then((s) => {
          if (!cancelled) {
            setStats(newer(s));
            setError(null);
          }
        })
        .catch((e: unknown) => {
          if (!cancelled) setError(e instanceof Error ? e.message : String(e));
        });
    };
    const off = client.onConnectionState((state) => {
      if (state === 'open') load();
    });
    const offChanged = client.on('stats.changed', (s) => {
      if (cancelled) return;
      setStats(newer(s));
      setError(null);
    });
    return () => {
      cancelled = true;
      off();
      offChanged();
    };
  }, [client]);
  const p = stats ? stats[period] : null;
  return (
    <section className="my-stats" aria-labelledby="my-stats-title">
      <header className="my-stats-header">
        <h2 id="my-stats-title">My stats</h2>
        <div role="group" aria-label="Period">
          <button type="button" aria-pressed={period === 'today'} onClick={() => setPeriod('today')}>
            Today
          </button>
          <button type="button" aria-pressed={period === 'week'} onClick={() => setPeriod('week')}>
            This week
          </button>
        </div>
      </header>
      {error ? <p role="alert">{error}</p> : null}
      {p === null ? (
        <p>Loading…</p>
      ) : (
        <>
          <dl className="stats-figures">
            <div className={stats !== null && stats.overdueCallbacks > 0 ? 'stats-off-target' : undefined}>
              <dt>Overdue callbacks</dt>
              <dd>{stats?.overdueCallbacks ?? 0}</dd>
            </div>
            {figures(p).map((f) => (
              <div key={f.label} className={f.onTarget === false ? 'stats-off-target' : undefined}>
                <dt>{f.label}</dt>
                <dd>
                  {f.value}
                  {f.target ? (
                    <span className="stats-target">
                      {' '}
                      target {f.target}
                      {f.onTarget === false ? ' (off target)' : f.onTarget === true ? ' (on target)' : ''}
                    </span>
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
          <Chart period={period} p={p} />
        </>
      )}
    </section>
  );
}
