import type { Catalog } from '../catalog';
import type en from '../en/escalation';

/** German messages of the "escalation" namespace. */
const de: Catalog<typeof en> = {
  panel: {
    title: 'Eskalationen',
    escalate: 'Eskalieren',
    empty: 'Keine offenen Eskalationen.',
    list: 'Offene Eskalationen',
  },
  item: {
    title: '{{priority}}-Eskalation an {{group}}',
    groupWithTier: '{{group}} ({{tier}})',
    case: 'Fall {{id}}',
    acknowledgeClock: '{{title}}: Frist für die Annahme',
    resolveClock: '{{title}}: Frist für die Lösung',
    acknowledge: 'Annehmen',
    resolve: 'Lösen',
    acknowledgeLabel: '{{title}} annehmen',
    resolveLabel: '{{title}} lösen',
    dueSoon: 'bald fällig',
  },
  clock: {
    acknowledgeIn: 'Annahme in {{time}}',
    resolveIn: 'Lösung in {{time}}',
    acknowledgeOverdue: 'Annahme: seit {{time}} überfällig',
    resolveOverdue: 'Lösung: seit {{time}} überfällig',
    acknowledged: 'Angenommen',
    resolved: 'Gelöst',
    acknowledgedLate: '{{time}} zu spät angenommen',
    resolvedLate: '{{time}} zu spät gelöst',
  },
  chain: {
    text: 'Eskalationskette: {{steps}}',
    involved: '{{label}} eingebunden',
    next: '{{label}} in {{time}}',
    separator: '; ',
  },
  units: {
    minutes: '{{minutes}} Min.',
    hoursMinutes: '{{hours}} Std. {{minutes}} Min.',
    daysHours: '{{days}} Tg. {{hours}} Std.',
    days: '{{count}} Tg.',
    hours: '{{count}} Std.',
  },
  dialog: {
    title: 'Eskalieren',
    for: 'Für {{name}}',
    forWithNumber: 'Für {{name}} ({{number}})',
    caseNumber: 'Fallnummer',
    priority: 'Priorität',
    priorityOption: '{{id}} (Annahme {{acknowledge}}, Lösung {{resolve}})',
    priorityOptionWithMeaning: '{{id}} – {{meaning}} (Annahme {{acknowledge}}, Lösung {{resolve}})',
    chainHint: 'Bleibt sie ungelöst, geht sie an {{steps}}.',
    chainStep: '{{label}} nach {{time}}',
    chainSeparator: ', dann an ',
    tier: 'Support-Ebene',
    group: 'Gruppe',
    summary: 'Zusammenfassung',
    expectation: 'Erwartung des Kunden',
    troubleshooting: 'Durchgeführte Fehlersuche',
    nextSteps: 'Empfohlene nächste Schritte',
    transfer: 'Anruf mit Rücksprache weiterleiten',
    transferHint:
      'Der Kunde wartet in der Warteschleife, während {{group}} angerufen wird; Sie übergeben den Fall mündlich und wählen dann „Übergabe abschließen“ (oder „Übergabe abbrechen“, um zum Kunden zurückzukehren).',
    theGroup: 'die Gruppe',
    thisGroup: 'Diese Gruppe',
    noLiveCall: 'Kein laufender Anruf zum Weiterleiten.',
    noNumber: '{{group}} hat in der Eskalationsmatrix keine Telefonnummer.',
    submit: 'Eskalation absenden',
  },
};
export default de;
