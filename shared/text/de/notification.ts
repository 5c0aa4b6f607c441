import type { Catalog } from '../catalog';
import type en from '../en/notification';

/** German of the text main shows itself (`shared/text/en/notification.ts`). */
const de: Catalog<typeof en> = {
  call: {
    incoming: 'Eingehender Anruf',
    waiting: 'Anklopfender Anruf',
    warmTransfer: 'Betreute Weiterleitung',
    namedCaller: '{{name}} · {{number}}',
    caller: '{{number}}',
  },
  callback: {
    due: 'Rückruf fällig',
    overdue: 'Rückruf überfällig',
  },
  startFailed: 'Switchboard konnte nicht starten',
  signInPage: {
    signedInTitle: 'Bei {{provider}} angemeldet',
    signedIn: 'Sie sind bei {{provider}} angemeldet; Sie können diesen Tab schließen.',
    failedTitle: 'Anmeldung bei {{provider}} fehlgeschlagen',
    failed: '{{problem}} Sie können diesen Tab schließen.',
    returnTitle: 'Zurück zu Switchboard',
    returnText: 'Switchboard zeigt an, ob die Anmeldung bei {{provider}} geklappt hat.',
    strayTitle: 'Diese Seite gehört nicht zur aktuellen Anmeldung',
    strayText:
      'Switchboard wartet nicht auf diese Seite. Wenn Sie sich bei {{provider}} anmelden, kehren Sie zu Switchboard zurück und starten Sie die Anmeldung erneut.',
  },
};

export default de;
