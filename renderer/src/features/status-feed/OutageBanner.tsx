import type { Incident, StatusFeedView } from '../../../../shared/status-feed/contract';
import { useStatusFeed } from './status-feed-state';

const IMPACT_WORDS: Record<Incident['impact'], string> = {
  critical: 'Critical outage',
  major: 'Major outage',
  minor: 'Minor incident',
  none: 'Incident',
  maintenance: 'Maintenance in progress',
  unknown: 'Incident',
};

const STATUS_WORDS: Record<Incident['status'], string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  in_progress: 'In progress',
  verifying: 'Verifying',
  unknown: 'Ongoing',
};

function time(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function IncidentItem({ incident }: { incident: Incident }) {
  return (
    <li className={`outage-incident outage-impact-${incident.impact}`}>
      {/* The icon and the words carry the severity; the colour only repeats it. */}
      <span className="outage-icon" aria-hidden="true">
        {incident.impact === 'maintenance' ? '🛠' : '⚠'}
      </span>{' '}
      <strong className="outage-name">{incident.name}</strong>{' '}
      <span className="outage-impact">
        ({IMPACT_WORDS[incident.impact]}, {STATUS_WORDS[incident.status]})
      </span>
      {incident.components.length > 0 ? <span className="outage-components"> · Affects: {incident.components.join(', ')}</span> : null}
      {incident.latestUpdate ? (
        <p className="outage-update">
          {incident.updatedAt !== null ? <span className="outage-time">Update {time(incident.updatedAt)}: </span> : 'Latest update: '}
          {incident.latestUpdate}
        </p>
      ) : null}
      {incident.url ? (
        <a className="outage-link" href={incident.url} target="_blank" rel="noopener noreferrer">
          Status page for {incident.name}
        </a>
      ) : null}
    </li>
  );
}

function unavailableText(view: StatusFeedView): string {
  return `Status feed unavailable${view.lastGoodAt !== null ? ` (last read ${time(view.lastGoodAt)})` : ''}. Calls are not affected.`;
}

/**
 * Outages going on now, above the customer pane: each incident's name, impact, status, the
 * components it affects and its latest update. A feed that cannot be read says so, and never
 * stands in the way of a call. Nothing is shown when no feed is set or all is well.
 */
export function OutageBanner() {
  const view = useStatusFeed((s) => s.view);
  if (view === null || view.state === 'off' || view.state === 'starting') return null;
  const unavailable = view.state === 'unavailable';
  if (view.incidents.length === 0 && !unavailable) return null;
  return (
    <section className="outage-banner" aria-label="Service status">
      <div role="status" aria-label="Outages">
        {unavailable ? (
          <p className="outage-unavailable">
            <span className="outage-icon" aria-hidden="true">
              ⓘ
            </span>{' '}
            {unavailableText(view)}
            {/* As text, not a tooltip: keyboard and screen-reader users read it too, and it is what IT asks for. */}
            {view.problem ? <span className="outage-reason"> Reason: {view.problem}</span> : null}
          </p>
        ) : null}
        {view.incidents.length > 0 ? (
          <ul className="outage-list" aria-label="Active incidents">
            {view.incidents.map((incident) => (
              <IncidentItem key={incident.id} incident={incident} />
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
