import { useEffect, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { STATS_TARGETS, type MyStatsView, type PeriodStatsView } from '../../../../shared/stats/contract';
import { formatSecondsOrDash } from '../../../../shared/time/duration';
import { useBridge } from '../../app/BridgeContext';
import { formatDuration, formatNumber, useLocale } from '../../i18n';
import { StatusIcon } from '../../ui/StatusBadge';
import { oneDecimal } from './format';
import { StatsChart, type Period } from './StatsChart';
import '../../ui/card.css';
import './stats.css';

interface Figure {
  /** Stable key (the label changes with the language). */
  id: string;
  label: string;
  value: string;
  target?: string;
  /** undefined: no target or nothing measured yet. */
  onTarget?: boolean;
}

function figures(p: PeriodStatsView, t: TFunction<'stats'>, locale: string): Figure[] {
  const targets = STATS_TARGETS;
  const none = t('value.none');
  const pct = (v: number | null): string => (v === null ? none : t('value.percent', { value: oneDecimal(v, locale) }));
  const whole = (v: number): string => t('value.percent', { value: formatNumber(v, locale) });
  const clock = (s: number | null): string => (s === null ? none : t('value.clockMinutes', { clock: formatSecondsOrDash(s) }));
  const sla = p.sla.acknowledge.percent;
  return [
    { id: 'handled', label: t('figure.contactsHandled'), value: formatNumber(p.contactsHandled, locale) },
    {
      id: 'aht',
      label: t('figure.aht'),
      value: clock(p.ahtSeconds),
      target: t('target.range', {
        min: formatDuration(targets.ahtSecondsMin * 1000, locale),
        max: formatDuration(targets.ahtSecondsMax * 1000, locale),
      }),
      onTarget: p.ahtSeconds === null ? undefined : p.ahtSeconds >= targets.ahtSecondsMin && p.ahtSeconds <= targets.ahtSecondsMax,
    },
    { id: 'acw', label: t('figure.acw'), value: clock(p.avgAfterCallWorkSeconds) },
    {
      id: 'fcr',
      label: t('figure.fcr'),
      value: pct(p.fcrPercent) + (p.awaitingWrapUp > 0 ? ` ${t('value.awaitingWrapUp', { count: p.awaitingWrapUp })}` : ''),
      target: t('target.atLeast', { value: whole(targets.fcrPercentMin) }),
      onTarget: p.fcrPercent === null ? undefined : p.fcrPercent >= targets.fcrPercentMin,
    },
    {
      id: 'escalation-rate',
      label: t('figure.escalationRate'),
      value: `${pct(p.escalationRatePercent)} ${t('value.escalated', { count: p.escalations })}`,
      target: t('target.below', { value: whole(targets.escalationRatePercentMax) }),
      onTarget: p.escalationRatePercent === null ? undefined : p.escalationRatePercent < targets.escalationRatePercentMax,
    },
    { id: 'missed', label: t('figure.missedCalls'), value: formatNumber(p.missedCalls, locale) },
    { id: 'outage', label: t('figure.outageCalls'), value: formatNumber(p.outageCalls, locale) },
    {
      id: 'sla-ack',
      label: t('figure.slaAcknowledge'),
      value: pct(sla),
      target: t('target.atLeast', { value: whole(targets.slaCompliancePercentMin) }),
      onTarget: sla === null ? undefined : sla >= targets.slaCompliancePercentMin,
    },
    { id: 'sla-resolve', label: t('figure.slaResolve'), value: pct(p.sla.resolve.percent) },
  ];
}

/** An answer and a push can cross: the figures computed last win. */
const newer =
  (next: MyStatsView) =>
  (shown: MyStatsView | null): MyStatsView =>
    shown !== null && shown.computedAt > next.computedAt ? shown : next;

/** One period's figures (targets in words, off-target ones marked with a glyph too) and its chart. */
function PeriodView({ stats, period }: { stats: MyStatsView; period: Period }) {
  const { t } = useTranslation('stats');
  const locale = useLocale();
  const p = stats[period];
  const overdue = stats.overdueCallbacks;
  return (
    <>
      <dl className="stats-figures">
        <div className={overdue > 0 ? 'stats-off-target' : undefined}>
          <dt>{t('figure.overdueCallbacks')}</dt>
          <dd>
            {overdue > 0 ? <StatusIcon icon="alert" /> : null}
            {formatNumber(overdue, locale)}
          </dd>
        </div>
        {figures(p, t, locale).map((f) => (
          <div key={f.id} className={f.onTarget === false ? 'stats-off-target' : undefined}>
            <dt>{f.label}</dt>
            <dd>
              {f.onTarget === false ? <StatusIcon icon="alert" /> : f.onTarget === true ? <StatusIcon icon="check" /> : null}
              <span className="stats-value">{f.value}</span>
              {f.target ? (
                <span className="stats-target">
                  {' '}
                  {t('target.label', { target: f.target })}
                  {f.onTarget === false ? ` ${t('target.off')}` : f.onTarget === true ? ` ${t('target.on')}` : ''}
                </span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
      <StatsChart period={period} p={p} timeZone={stats.timeZone} />
    </>
  );
}

/** The "My stats" region: today / this week (tabs), with targets from docs/domain.md and a chart. */
export function MyStatsPanel() {
  const { t } = useTranslation('stats');
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
  const choose = (key: Key) => setPeriod(key === 'week' ? 'week' : 'today');
  const panel = (which: Period) =>
    stats === null ? <p className="rail-section-empty">{t('loading')}</p> : <PeriodView stats={stats} period={which} />;
  return (
    <section className="rail-section my-stats" aria-labelledby="my-stats-title">
      <Tabs selectedKey={period} onSelectionChange={choose} className="stats-tabs">
        <header className="rail-section-header">
          <h2 id="my-stats-title">{t('title')}</h2>
          <TabList aria-label={t('period')} className="stats-tab-list">
            <Tab id="today" className="stats-tab">
              {t('today')}
            </Tab>
            <Tab id="week" className="stats-tab">
              {t('week')}
            </Tab>
          </TabList>
        </header>
        {error ? (
          <p role="alert" className="card-error">
            <StatusIcon icon="alert" /> {error}
          </p>
        ) : null}
        <TabPanel id="today" className="stats-tab-panel">
          {panel('today')}
        </TabPanel>
        <TabPanel id="week" className="stats-tab-panel">
          {panel('week')}
        </TabPanel>
      </Tabs>
    </section>
  );
}
