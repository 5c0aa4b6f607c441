import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../../shared/status-feed/contract';
import { formatTime, useLocale, useUserText } from '../../i18n';
import { useStatusFeed } from './status-feed-state';

const IMPACT_KEY = {
  critical: 'impact.critical',
  major: 'impact.major',
  minor: 'impact.minor',
  none: 'impact.none',
  maintenance: 'impact.maintenance',
  unknown: 'impact.unknown',
} as const satisfies Record<Incident['impact'], string>;

const STATUS_KEY = {
  investigating: 'status.investigating',
  identified: 'status.identified',
  monitoring: 'status.monitoring',
  in_progress: 'status.inProgress',
  verifying: 'status.verifying',
  unknown: 'status.unknown',
} as const satisfies Record<Incident['status'], string>;

/** The severity as a shape: a wrench for maintenance, a triangle for an incident, a circled "i" for the feed itself. */
function SeverityIcon({ kind }: { kind: 'maintenance' | 'incident' | 'info' }) {
  return (
    <svg className="outage-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {kind === 'incident' && (
        <>
          <path d="M8 1.5 15 14H1Z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
          <path d="M8 6v4M8 11.5v1.2" stroke="currentColor" strokeWidth="1.6" />
        </>
      )}
      {kind === 'maintenance' && (
        <path
          d="M10.5 1.5a4 4 0 0 0-3.8 5.2L1.5 11.9l2.6 2.6 5.2-5.2a4 4 0 0 0 5.2-3.8l-2.2 2.2-2.4-.6-.6-2.4Z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.4"
          strokeLinejoin="round"
        />
      )}
      {kind === 'info' && (
        <>
          <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M8 7v5M8 4v1.4" stroke="currentColor" strokeWidth="1.6" />
        </>
      )}
    </svg>
  );
}

function IncidentItem({ incident }: { incident: Incident }) {
  const { t } = useTranslation('statusFeed');
  const locale = useLocale();
  const components = new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(incident.components);
  return (
    <li className={`outage-incident outage-impact-${incident.impact}`}>
      {/* The icon and the words carry the severity; the colour only repeats it. */}
      <SeverityIcon kind={incident.impact === 'maintenance' ? 'maintenance' : 'incident'} />{' '}
      <strong className="outage-name">{incident.name}</strong>{' '}
      <span className="outage-impact">
        {t('summary', { impact: t(IMPACT_KEY[incident.impact]), status: t(STATUS_KEY[incident.status]) })}
      </span>
      {incident.components.length > 0 ? <span className="outage-components">{t('affects', { components })}</span> : null}
      {incident.latestUpdate ? (
        <p className="outage-update">
          {incident.updatedAt !== null ? (
            <span className="outage-time">{t('updateAt', { time: formatTime(incident.updatedAt, locale) })}</span>
          ) : (
            t('latestUpdate')
          )}
          {incident.latestUpdate}
        </p>
      ) : null}
      {incident.url ? (
        <a className="outage-link" href={incident.url} target="_blank" rel="noopener noreferrer">
          {t('statusPage', { name: incident.name })}
        </a>
      ) : null}
    </li>
  );
}

/**
 * Outages going on now, above the customer pane: each incident's name, impact, status, the
 * components it affects and its latest update. A feed that cannot be read says so, and never
 * stands in the way of a call. Nothing is shown when no feed is set or all is well.
 */
export function OutageBanner() {
  const { t } = useTranslation('statusFeed');
  const show = useUserText();
  const locale = useLocale();
  const view = useStatusFeed((s) => s.view);
  if (view === null || view.state === 'off' || view.state === 'starting') return null;
  const unavailable = view.state === 'unavailable';
  if (view.incidents.length === 0 && !unavailable) return null;
  // The banner's tone follows its worst entry; the words and icons say it, the colour repeats it.
  const severe = view.incidents.some((i) => i.impact === 'critical' || i.impact === 'major');
  const tone = severe ? 'severe' : view.incidents.length > 0 ? 'incident' : 'info';
  return (
    <section className={`outage-banner outage-tone-${tone}`} aria-label={t('banner.label')}>
      <div role="status" aria-label={t('banner.outages')}>
        {unavailable ? (
          <p className="outage-unavailable">
            <SeverityIcon kind="info" />{' '}
            {view.lastGoodAt !== null ? t('unavailableSince', { time: formatTime(view.lastGoodAt, locale) }) : t('unavailable')}
            {/* As text, not a tooltip: keyboard and screen-reader users read it too, and it is what IT asks for. */}
            {view.problem ? <span className="outage-reason">{t('reason', { reason: show(view.problem) })}</span> : null}
          </p>
        ) : null}
        {view.incidents.length > 0 ? (
          <ul className="outage-list" aria-label={t('banner.incidents')}>
            {view.incidents.map((incident) => (
              <IncidentItem key={incident.id} incident={incident} />
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
