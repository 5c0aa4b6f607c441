import { useTranslation } from 'react-i18next';
import { useActiveIncidents } from '../status-feed';

/**
 * "Linked to incident: <name>" in the wrap-up while an outage is going on. Main ticks the most
 * severe one on a new wrap-up (a suggestion); the agent unticks it, or ticks another, when the call
 * was about something else. The linked incident's id goes into the wrap-up record and "my stats"
 * counts the call as an outage call.
 */
export function IncidentLink({ incidentId, onChange }: { incidentId: string | null; onChange: (incidentId: string | null) => void }) {
  const { t } = useTranslation('agent');
  const incidents = useActiveIncidents();
  const ended = incidentId !== null && !incidents.some((i) => i.id === incidentId);
  if (incidents.length === 0 && !ended) return null;
  return (
    <fieldset className="wrapup-incident">
      <legend>{t('incident.legend')}</legend>
      {incidents.map((incident) => (
        <label key={incident.id}>
          <input type="checkbox" checked={incidentId === incident.id} onChange={(e) => onChange(e.target.checked ? incident.id : null)} />{' '}
          {t('incident.linked', { name: incident.name })}
        </label>
      ))}
      {ended ? (
        <label>
          <input type="checkbox" checked onChange={() => onChange(null)} /> {t('incident.ended')}
        </label>
      ) : null}
    </fieldset>
  );
}
