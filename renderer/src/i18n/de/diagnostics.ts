import type { Catalog } from '../catalog';
import type en from '../en/diagnostics';

/** German messages of the "diagnostics" namespace. */
const de: Catalog<typeof en> = {
  title: 'Diagnosedaten exportieren',
  intro:
    'Eine ZIP-Datei für Ihre IT-Abteilung: die Protokolle, die letzten SIP-Nachrichten, die Anrufqualität, die Audiogeräte, die Konfiguration ohne Geheimnisse und die Versionen. Passwörter, Tokens und Anmeldedaten für Anrufe sind nicht enthalten.',
  export: 'Exportieren',
  exporting: 'Diagnosedaten werden gesammelt …',
  exported: 'Diagnosedaten exportiert',
  notExported: 'Diagnosedaten nicht exportiert',
  sendFile: 'Senden Sie diese Datei an Ihre IT-Abteilung.',
  file: 'Diagnosedatei',
  size_one: '{{count, number}} Datei, {{kb, number}} KB',
  size_other: '{{count, number}} Dateien, {{kb, number}} KB',
};
export default de;
