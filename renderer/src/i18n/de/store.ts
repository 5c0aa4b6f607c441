import type { Catalog } from '../catalog';
import type en from '../en/store';

/** German messages of the "store" namespace. */
const de: Catalog<typeof en> = {
  keyWarning: {
    short: 'Kein System-Schlüsselbund',
    long: 'Warnung: Dieser Computer hat keinen System-Schlüsselbund. Der Schlüssel der lokalen Kundendatenbank und gespeicherte Passwörter liegen daher nur verschleiert auf der Festplatte. Bitten Sie die IT, einen Schlüsselbund einzurichten (GNOME Keyring oder KWallet).',
  },
  import: {
    title: 'Daten importieren',
    intro:
      'Kunden oder Fälle aus einer CSV- oder JSON-Datei. Jede Zeile wird zuerst geprüft: Hat eine Zeile einen Fehler, wird nichts importiert, und die Fehler werden mit ihren Zeilennummern aufgeführt.',
    kind: 'Datensätze in der Datei',
    customers: 'Kunden',
    cases: 'Fälle',
    file: 'Datei (CSV oder JSON)',
    submit: 'Importieren',
    progress: 'Importfortschritt',
    importing: 'Wird importiert …',
    chooseFile: 'Wählen Sie zuerst eine CSV- oder JSON-Datei.',
    tooLarge: 'Diese Datei ist zu groß, um sie hier zu importieren. Bitten Sie die IT, npm run import zu verwenden.',
    phase: {
      receiving: 'Datei wird gesendet',
      parsing: 'Zeilen werden gelesen',
      validating: 'Zeilen werden geprüft',
      writing: 'Wird gespeichert',
      indexing: 'Suche wird aktualisiert',
      done: 'Fertig',
    },
    progressCharacters: '{{phase}}: {{done, number}} von {{total, number}} Zeichen',
    progressRows: '{{phase}}: {{done, number}} von {{total, number}} Zeilen',
    importedCustomers_one: '{{count, number}} Kunde aus {{rows, number}} Zeilen importiert.',
    importedCustomers_other: '{{count, number}} Kunden aus {{rows, number}} Zeilen importiert.',
    importedCases_one: '{{count, number}} Fall aus {{rows, number}} Zeilen importiert.',
    importedCases_other: '{{count, number}} Fälle aus {{rows, number}} Zeilen importiert.',
    storeHolds: 'Der lokale Speicher enthält jetzt {{customers, number}} Kunden und {{cases, number}} Fälle.',
    nothingImported_one:
      'Es wurde nichts importiert: {{count, number}} Fehler in {{rows, number}} Zeilen. Korrigieren Sie die Datei und importieren Sie sie erneut.',
    nothingImported_other:
      'Es wurde nichts importiert: {{count, number}} Fehler in {{rows, number}} Zeilen. Korrigieren Sie die Datei und importieren Sie sie erneut.',
    problems: 'Fehler in der Datei',
    problemLine: 'Zeile {{line}}: {{message}}',
    problemLineField: 'Zeile {{line}} ({{field}}): {{message}}',
    more: '… und {{count, number}} weitere',
  },
};
export default de;
