import type { Catalog } from '../catalog';
import type en from '../en/app';

/** German messages of the "app" namespace. */
const de: Catalog<typeof en> = {
  title: 'Switchboard',
  strip: 'Telefonleiste',
  workspace: 'Arbeitsbereich',
  customerPane: 'Kunde und Fälle',
  workPane: 'Kontaktbearbeitung',
  rail: 'Eskalationen, meine Rückrufe und meine Statistik',
  messages: 'Meldungen',
  agentState: {
    label: 'Agentenstatus',
    loading: 'Agentenstatus wird geladen…',
    status: 'Status',
    timeInState: 'Zeit im Status',
    set: 'Agentenstatus setzen',
    ready: 'Bereit',
    notReady: 'Nicht bereit',
    reason: 'Grund für „Nicht bereit“',
    logOut: 'Abmelden',
    statuses: {
      offline: 'Abgemeldet',
      ready: 'Bereit',
      notReady: 'Nicht bereit',
      ringing: 'Klingelt',
      onCall: 'Im Gespräch',
      wrapUp: 'Nachbearbeitung',
    },
    next: {
      ready: 'Danach: Bereit',
      offline: 'Danach: abgemeldet',
      notReady: 'Danach: Nicht bereit',
      notReadyReason: 'Danach: Nicht bereit ({{reason}})',
    },
  },
  status: {
    label: 'Anwendungsstatus',
    connection: 'Verbindung',
    connecting: 'Verbinde…',
    open: 'Verbunden',
    closed: 'Getrennt',
    desktop: 'Desktop-App',
    web: 'Web-Oberfläche',
    version: 'v{{version}}',
    check: 'Verbindung prüfen',
    result: 'Ergebnis der Verbindungsprüfung',
    roundTrip: 'Umlaufzeit {{ms}} ms',
    eventsFlowing: 'Ereignisse kommen an',
    media: {
      ready: 'Audio-Engine bereit',
      noWebrtc: 'Audio-Engine: WebRTC nicht verfügbar',
      unreachable: 'Audio-Engine nicht erreichbar',
    },
  },
  notices: {
    region: 'Hinweise',
    level: {
      info: 'Information',
      warning: 'Warnung',
      error: 'Fehler',
    },
    dismiss: 'Schließen',
    dismissLabel: 'Schließen: {{message}}',
  },
};
export default de;
