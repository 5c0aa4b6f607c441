import type { Catalog } from '../catalog';
import type en from '../en/agent';

/** German of main's "agent" messages (`shared/text/en/agent.ts`). */
const de: Catalog<typeof en> = {
  restore: {
    unreadable: 'Ihr letzter Agentenstatus konnte nicht gelesen werden, deshalb starten Sie abgemeldet.',
    cutOff_one: 'Switchboard wurde während eines Anrufs neu gestartet. Der Anruf ist protokolliert und seine Nachbearbeitung ist offen.',
    cutOff_other:
      'Switchboard wurde während {{count}} Anrufen neu gestartet. Sie sind protokolliert und ihre Nachbearbeitungen sind offen.',
    wrapUpOpen: 'Ihre Nachbearbeitung des letzten Anrufs ist noch offen.',
    owed_one: 'Sie haben noch {{count}} Nachbearbeitung abzuschließen.',
    owed_other: 'Sie haben noch {{count}} Nachbearbeitungen abzuschließen.',
  },
  storeFailed:
    'Ihr letzter Kontakt konnte nicht im lokalen Speicher gesichert werden. Er wird im Arbeitsspeicher gehalten; prüfen Sie die Diagnose.',
  callbacks: {
    due: 'Rückruf fällig um {{when}}: siehe Meine Rückrufe.',
    overdue: 'Ein für {{when}} zugesagter Rückruf ist überfällig: siehe Meine Rückrufe.',
  },
  status: {
    offline: 'Offline',
    ready: 'Bereit',
    notReady: 'Nicht bereit',
    notReadyBecause: 'Nicht bereit: {{reason}}',
    ringing: 'Klingelt',
    onCall: 'Im Gespräch',
    wrapUp: 'Nachbearbeitung',
  },
  errors: {
    noContactToFile: 'Es ist kein Kontakt auf dem Bildschirm, der zugeordnet werden kann.',
    noContactForCustomer: 'Es ist kein Kontakt auf dem Bildschirm, für den ein Kunde angelegt werden kann.',
    customerGone: 'Diesen Kunden gibt es nicht mehr.',
    caseNotTheCustomers: 'Dieser Fall gehört nicht zu diesem Kunden.',
    numberNotFull: 'Die Nummer des Anrufers ist keine vollständige Telefonnummer und kann deshalb nicht beim Kunden gespeichert werden.',
    contactNotLogged: 'Dieser Kontakt ist nicht im Protokoll.',
    caseGone: 'Diesen Fall gibt es nicht.',
    customerFirst: 'Wählen Sie zuerst den Kunden: Ein neuer Fall braucht einen.',
    codeForNotes: 'Wählen Sie einen Kontaktcode: Die Notizen werden damit gespeichert.',
    callbackGone: 'Dieser Rückruf ist nicht mehr in Ihrer Liste.',
    noScript: 'Es gibt kein Skript „{{script}}“; die IT hat die Liste möglicherweise geändert.',
    callEndedForPayment: 'Der Anruf ist beendet: Ein Zahlungsschritt pausiert die Aufzeichnung eines laufenden Anrufs.',
    scriptsClosed:
      'Dieser Kontakt ist nicht mehr auf dem Bildschirm und braucht keine Nachbearbeitung mehr; seine Skripte können sich nicht mehr ändern.',
    scriptNotOpen: 'Dieses Skript ist für diesen Kontakt nicht geöffnet.',
  },
};
export default de;
