import type { Catalog } from '../catalog';
import type en from '../en/bridge';

/** German of main's "bridge" messages (`shared/text/en/bridge.ts`). */
const de: Catalog<typeof en> = {
  command: {
    unknownChannel: 'Unbekannter Befehlskanal: {{channel}}',
    invalidRequest: 'Ungültige Anfrage für {{channel}}',
    notInBuild: '{{channel}} ist in dieser Version nicht verfügbar',
    failed: '{{channel}} ist fehlgeschlagen; die Einzelheiten stehen im Protokoll',
    timedOutSeconds:
      'Switchboard hat {{channel}} nicht innerhalb von {{seconds}} s abgeschlossen; der Vorgang kann noch abgeschlossen werden. Die Einzelheiten stehen im Protokoll',
    timedOutMs:
      'Switchboard hat {{channel}} nicht innerhalb von {{ms}} ms abgeschlossen; der Vorgang kann noch abgeschlossen werden. Die Einzelheiten stehen im Protokoll',
    invalidResult: '{{channel}} hat eine ungültige Antwort geliefert',
  },
  media: {
    noEngine: 'Keine Medien-Engine verbunden (das Fenster ist nicht geöffnet)',
    invalidParameters: 'Ungültige Parameter für {{method}}',
    timedOut: 'Die Medien-Engine hat {{method}} nicht innerhalb von {{ms}} ms beantwortet',
    unreachable: 'Die Medien-Engine war nicht erreichbar ({{error}})',
    invalidResult: 'Die Medien-Engine hat auf {{method}} ungültig geantwortet',
    windowClosed: 'Das Fenster wurde geschlossen oder neu geladen, bevor {{method}} beantwortet war',
    replaced: 'Die Medien-Engine wurde ersetzt, bevor {{method}} beantwortet war',
  },
  connection: {
    notConnected: 'Noch nicht mit Switchboard verbunden',
    notResponding:
      'Switchboard antwortet nicht: {{channel}} hat nach {{seconds}} s keine Antwort erhalten. Wenn das anhält, starten Sie Switchboard neu.',
    failed: 'Die Verbindung zu Switchboard ist fehlgeschlagen',
    lost: 'Die Verbindung zu Switchboard wurde unterbrochen',
  },
};
export default de;
