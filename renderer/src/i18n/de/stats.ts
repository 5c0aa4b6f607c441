import type { Catalog } from '../catalog';
import type en from '../en/stats';

/** German messages of the "stats" namespace. */
const de: Catalog<typeof en> = {
  title: 'Meine Kennzahlen',
  period: 'Zeitraum',
  today: 'Heute',
  week: 'Diese Woche',
  loading: 'Wird geladen …',
  figure: {
    overdueCallbacks: 'Überfällige Rückrufe',
    contactsHandled: 'Bearbeitete Kontakte',
    aht: 'Durchschnittliche Bearbeitungszeit',
    acw: 'Durchschnittliche Nachbearbeitungszeit',
    fcr: 'Erstlösungsquote',
    escalationRate: 'Eskalationsquote',
    missedCalls: 'Verpasste Anrufe',
    outageCalls: 'Anrufe zu Störungen',
    slaAcknowledge: 'SLA-Einhaltung meiner Eskalationen (rechtzeitig angenommen)',
    slaResolve: 'SLA-Einhaltung meiner Eskalationen (rechtzeitig gelöst)',
  },
  value: {
    none: '–',
    clockMinutes: '{{clock}} Min.',
    percent: '{{value}} %',
    awaitingWrapUp: '({{count}} ohne Nachbearbeitung)',
    escalated: '({{count}} eskaliert)',
  },
  target: {
    label: 'Ziel {{target}}',
    range: '{{min}}–{{max}}',
    atLeast: '≥ {{value}}',
    below: '< {{value}}',
    on: '(im Ziel)',
    off: '(nicht im Ziel)',
  },
  chart: {
    summaryToday: 'Bearbeitete Kontakte pro Stunde heute: insgesamt {{total}}.',
    summaryTodayBusiest: 'Bearbeitete Kontakte pro Stunde heute: insgesamt {{total}}, die meisten um {{label}} ({{count}}).',
    summaryWeek: 'Bearbeitete Kontakte pro Tag in dieser Woche: insgesamt {{total}}.',
    summaryWeekBusiest: 'Bearbeitete Kontakte pro Tag in dieser Woche: insgesamt {{total}}, die meisten am {{label}} ({{count}}).',
    handled: 'Bearbeitet',
    missed: 'Verpasst',
    hour: 'Stunde',
    day: 'Tag',
    aht: 'AHT',
    contacts: 'Kontakte',
    legend: 'Legende',
    showTable: 'Als Tabelle anzeigen',
  },
};
export default de;
