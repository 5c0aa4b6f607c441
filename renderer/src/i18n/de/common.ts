import type { Catalog } from '../catalog';
import type en from '../en/common';

/** German messages of the "common" namespace. */
const de: Catalog<typeof en> = {
  close: 'Schließen',
  tools: {
    menu: 'Extras',
    importData: 'Daten importieren …',
    checkSetup: 'Meine Ausstattung prüfen …',
    settings: 'Einstellungen …',
    exportDiagnostics: 'Diagnosedaten exportieren …',
    about: 'Über Switchboard …',
  },
  about: {
    title: 'Über Switchboard',
    product: 'Switchboard',
    tagline: 'Das Softphone und der Agenten-Arbeitsplatz für Contact Center.',
    version: 'Version',
    runningIn: 'Läuft in',
    host: { electron: 'der Desktop-App', web: 'der Web-Shell' },
    platform: 'Plattform',
    unknown: 'Noch nicht bekannt (das Fenster ist nicht verbunden)',
  },
};
export default de;
