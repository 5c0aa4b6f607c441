import type { Catalog } from '../catalog';
import type en from '../en/callbacks';

/** German messages of the "callbacks" namespace. */
const de: Catalog<typeof en> = {
  title: 'Meine Rückrufe',
  owed: '{{count}} offen',
  owedOverdue: '{{count}} offen, {{overdue}} überfällig',
  loading: 'Wird geladen …',
  empty: 'Keine offenen Rückrufe.',
  list: 'Rückrufe',
  unknownCustomer: 'Unbekannter Kunde',
  status: {
    overdue: 'Überfällig',
    due: 'Jetzt fällig',
  },
  when: {
    bothZones: 'Fällig {{customerTime}} Ortszeit des Kunden ({{zone}}), {{agentTime}} Ihre Zeit',
    yourTime: 'Fällig {{time}} Ihre Zeit',
    zoneUnknown: 'Fällig {{time}} Ihre Zeit (Zeitzone des Kunden unbekannt)',
  },
  actions: {
    group: 'Aktionen für den Rückruf an {{name}}',
    dial: 'Anrufen',
    reschedule: 'Verschieben',
    done: 'Als erledigt markieren',
    handBack: 'Zurückgeben',
    cancel: 'Abbrechen',
  },
  reschedule: {
    form: 'Rückruf verschieben',
    field: 'Neues Datum und neue Uhrzeit',
    save: 'Neue Zeit speichern',
  },
  done: {
    form: 'Rückruf als erledigt markieren',
    field: 'Ergebnis',
    choose: 'Bitte wählen …',
    save: 'Ergebnis speichern',
  },
  outcomes: {
    reached: 'Kunde erreicht',
    'no-answer': 'Keine Antwort',
    'left-message': 'Nachricht hinterlassen',
    'wrong-number': 'Falsche Nummer',
  },
  handBack: {
    form: 'Rückruf an das Team zurückgeben',
    field: 'Grund für die Rückgabe',
    save: 'An das Team zurückgeben',
  },
};
export default de;
