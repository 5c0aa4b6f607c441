import type { Catalog } from '../catalog';
import type en from '../en/statusFeed';

/** German messages of the "statusFeed" namespace. */
const de: Catalog<typeof en> = {
  banner: {
    label: 'Dienststatus',
    outages: 'Störungen',
    incidents: 'Aktuelle Vorfälle',
  },
  impact: {
    critical: 'Kritischer Ausfall',
    major: 'Schwerer Ausfall',
    minor: 'Kleine Störung',
    none: 'Vorfall',
    maintenance: 'Wartung läuft',
    unknown: 'Vorfall',
  },
  status: {
    investigating: 'Wird untersucht',
    identified: 'Ursache erkannt',
    monitoring: 'Wird beobachtet',
    inProgress: 'In Arbeit',
    verifying: 'Wird überprüft',
    unknown: 'Andauernd',
  },
  summary: '({{impact}}, {{status}})',
  affects: ' · Betrifft: {{components}}',
  updateAt: 'Update {{time}}: ',
  latestUpdate: 'Letztes Update: ',
  statusPage: 'Statusseite zu {{name}}',
  unavailable: 'Statusmeldungen nicht verfügbar. Anrufe sind nicht betroffen.',
  unavailableSince: 'Statusmeldungen nicht verfügbar (zuletzt gelesen {{time}}). Anrufe sind nicht betroffen.',
  reason: ' Grund: {{reason}}',
};
export default de;
