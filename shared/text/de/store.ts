import type { Catalog } from '../catalog';
import type en from '../en/store';

/** German of main's "store" messages (`shared/text/en/store.ts`). */
const de: Catalog<typeof en> = {
  status: {
    damaged: 'Die lokale Datenbank ist beschädigt und wird beim nächsten Start neu aufgebaut.',
    closed: 'Der lokale Speicher ist geschlossen',
    starting: 'Der lokale Speicher wird noch gestartet',
    restarting: 'Der lokale Speicher wird neu gestartet; versuchen Sie es gleich noch einmal',
    notOpen: 'Der lokale Speicher ist nicht geöffnet',
    threadStopped: 'Der {{thread}}-Thread des Speichers wurde beendet',
    threadStuck:
      'Der {{thread}}-Thread der lokalen Datenbank antwortet nicht mehr und wird neu gestartet; versuchen Sie es gleich noch einmal',
    startFailed:
      'Die lokale Datenbank konnte nicht gestartet werden. Starten Sie Switchboard neu; wenn das wieder passiert, wenden Sie sich an die IT.',
    newerSchema:
      'Die lokale Datenbank wurde von einer neueren Version von Switchboard geschrieben. Aktualisieren Sie Switchboard, um sie zu nutzen; sie wurde nicht verändert.',
    openIo:
      'Die lokale Datenbank konnte nicht geöffnet werden (Datenträger voll, keine Berechtigung oder gesperrt). Prüfen Sie den Datenträger und starten Sie Switchboard neu.',
    openFailed:
      'Die lokale Datenbank konnte auch nach dem Neuaufbau nicht geöffnet werden. Starten Sie Switchboard neu; wenn das wieder passiert, wenden Sie sich an die IT.',
    keepsFailing:
      'Die lokale Datenbank fällt wiederholt aus. Starten Sie Switchboard neu; wenn das wieder passiert, wenden Sie sich an die IT.',
    stoppedNotReopened: 'Die lokale Datenbank wurde beendet und konnte nicht wieder geöffnet werden. Starten Sie Switchboard neu.',
  },
  notice: {
    damaged:
      'Die lokale Kundendatenbank ist beschädigt. Starten Sie Switchboard bald neu: Sie wird neu aufgebaut, und Ihre noch nicht gesendete Arbeit bleibt erhalten.',
    recovered:
      'Die lokale Kundendatenbank {{why}}. Sie wurde beiseitegelegt ({{file}}) und eine neue angelegt; Kunden und Vorgänge kommen mit der nächsten Synchronisierung zurück.',
    recoveredKept_one:
      'Die lokale Kundendatenbank {{why}}. Sie wurde beiseitegelegt ({{file}}) und eine neue angelegt; Kunden und Vorgänge kommen mit der nächsten Synchronisierung zurück. {{count}} noch nicht gesendeter Eintrag wurde übernommen und wird noch gesendet.',
    recoveredKept_other:
      'Die lokale Kundendatenbank {{why}}. Sie wurde beiseitegelegt ({{file}}) und eine neue angelegt; Kunden und Vorgänge kommen mit der nächsten Synchronisierung zurück. {{count}} noch nicht gesendete Einträge wurden übernommen und werden noch gesendet.',
    why: {
      wrongKey: 'konnte mit dem Schlüssel im Schlüsselbund dieses Computers nicht entschlüsselt werden',
      damaged: 'war beschädigt',
    },
    cipherUpgrade:
      'Switchboard verschlüsselt die lokale Kundendatenbank in einem schnelleren Format neu (einmalig nach diesem Update; etwa {{seconds}} Sekunden). Anrufe, Kundenanzeige und Kundenliste starten, sobald das abgeschlossen ist.',
    migration:
      'Switchboard aktualisiert die lokale Kundendatenbank für diese Version (einmalig nach diesem Update; etwa {{seconds}} Sekunden). Anrufe, Kundenanzeige und Kundenliste starten, sobald das abgeschlossen ist.',
    updated: 'Die lokale Kundendatenbank wurde in {{seconds}} s aktualisiert; Switchboard ist bereit.',
    updateFailed: 'Die lokale Kundendatenbank konnte nicht aktualisiert werden (siehe den Hinweis unten).',
  },
  key: {
    webShellLegacy:
      'Switchboard (Web-Shell) kann den Datenbankschlüssel {{file}} nicht lesen: Er ist kein einfacher Schlüssel und wurde daher höchstwahrscheinlich von der Switchboard-Desktop-App angelegt, die ihn mit dem Systemschlüsselbund verschlüsselt. Es wurde nichts verändert: Schlüssel und lokale Datenbank sind unverändert. Öffnen Sie diesen Datenordner mit der Desktop-App, oder starten Sie die Web-Shell mit einem eigenen Ordner (--data-dir DIR).',
    webShell:
      'Switchboard (Web-Shell) kann seinen Datenbankschlüssel {{file}} nicht lesen: {{why}}. Es wurde nichts verändert: Schlüssel und lokale Datenbank sind unverändert. Stellen Sie die Datei aus einer Sicherung wieder her, oder starten Sie die Web-Shell mit einem anderen Datenordner (--data-dir DIR).',
    electron:
      'Switchboard kann seinen Datenbankschlüssel {{file}} nicht lesen: {{why}}. Es wurde nichts verändert: Schlüssel und lokale Datenbank sind unverändert. Öffnen Sie diesen Datenordner mit dem, was den Schlüssel angelegt hat (der Web-Shell (npm run start:web) oder dieser App, angemeldet als der Benutzer, der ihn angelegt hat); wenn beides nicht zutrifft, wenden Sie sich an die IT.',
    webShellFolder:
      'Switchboard hat in {{folder}} keinen eigenen Datenbankschlüssel, die Web-Shell aber schon ({{file}}): Die lokale Datenbank in diesem Ordner gehört der Web-Shell. Es wurde nichts verändert. Öffnen Sie sie mit der Web-Shell (npm run start:web); um stattdessen diese App hier zu nutzen, muss die IT den Ordner zuerst beiseitelegen.',
    why: {
      webShellMalformed: 'er ist kein 64-stelliger Schlüssel (beschädigt oder bearbeitet)',
      webShellUnreadable: 'die Datei kann nicht gelesen werden (prüfen Sie Eigentümer und Berechtigungen)',
      malformed: 'er ist kein 64-stelliger Schlüssel',
      undecryptable:
        'der Systemschlüsselbund kann ihn nicht entschlüsseln (er wurde von der Web-Shell, auf einem anderen Computer oder für ein anderes Benutzerkonto angelegt, oder der Schlüsselbund wurde zurückgesetzt)',
    },
  },
  error: {
    damaged: 'Die lokale Datenbank ist beschädigt ({{code}})',
    io: 'Die lokale Datenbank konnte nicht gelesen oder geschrieben werden ({{code}})',
    timedOutSeconds:
      'Die lokale Datenbank hat {{op}} nicht innerhalb von {{seconds}} s beantwortet (ihr {{thread}}-Thread ist ausgelastet oder hängt); der Vorgang kann noch abgeschlossen werden',
    timedOutMs:
      'Die lokale Datenbank hat {{op}} nicht innerhalb von {{ms}} ms beantwortet (ihr {{thread}}-Thread ist ausgelastet oder hängt); der Vorgang kann noch abgeschlossen werden',
    importClosed:
      'Dieser Import ist nicht mehr offen (er wurde abgeschlossen, abgebrochen oder zu lange nicht genutzt); starten Sie ihn erneut',
    tooManyImports: 'Zu viele Importe sind gleichzeitig offen; schließen Sie zuerst einen ab oder brechen Sie ihn ab',
    importTooLarge: 'Die Datei ist größer als {{mb}} MB; importieren Sie sie mit `npm run import`',
    cannotReadFile: 'Die Importdatei kann nicht gelesen werden ({{code}})',
  },
  record: {
    refused: 'Die Änderung wurde abgelehnt',
    customerRefused: 'Der Kunde wurde abgelehnt',
    customerChangeRefused: 'Die Änderung am Kunden wurde abgelehnt',
    nothingToChange: 'ändert nichts',
    caseExists: 'Ein Fall mit dieser ID ist bereits vorhanden',
    customerExists: 'Ein Kunde mit dieser ID ist bereits vorhanden',
    caseMissing: 'Der Fall ist nicht im lokalen Speicher',
    customerMissing: 'Der Kunde ist nicht im lokalen Speicher',
    caseChanged:
      'Der Fall wurde geändert, seit er geöffnet wurde (jetzt Version {{version}}); laden Sie ihn neu und versuchen Sie es erneut',
    customerChanged:
      'Der Kunde wurde geändert, seit er geöffnet wurde (jetzt Version {{version}}); laden Sie ihn neu und versuchen Sie es erneut',
    localVersion: 'lokal',
    wrapUpWithoutContact: 'Die Nachbearbeitung gehört zu einem Kontakt, der nicht protokolliert ist',
    wrapUpSubmitted: 'Diese Nachbearbeitung wurde bereits abgeschlossen und kann nicht mehr geändert werden',
  },
  import: {
    noHeader: 'die Datei hat keine Kopfzeile',
    cannotTellFileKind:
      'es ist nicht erkennbar, ob diese Datei Kunden oder Vorgänge enthält: geben Sie eine Spalte „name“ (Kunden) oder „subject“ (Vorgänge) an',
    missingColumn: 'die Kopfzeile hat keine Spalte „{{first}}“ (gefunden: {{found}})',
    missingTwoColumns: 'die Kopfzeile hat keine Spalte „{{first}}“ oder „{{second}}“ (gefunden: {{found}})',
    missingThreeColumns: 'die Kopfzeile hat keine Spalte „{{first}}“, „{{second}}“ oder „{{third}}“ (gefunden: {{found}})',
    recordNotObject: 'jeder Datensatz muss ein JSON-Objekt sein',
    cannotTellRecordKind: 'es ist nicht erkennbar, ob dieser Datensatz ein Kunde oder ein Vorgang ist (geben Sie „name“ oder „subject“ an)',
    idUsed: '„{{id}}“ wird bereits in Zeile {{line}} verwendet',
    noCustomer: 'kein Kunde „{{customerId}}“ im Speicher oder in dieser Datei (importieren Sie zuerst die Kunden)',
    noRecords: 'die Datei enthält keine Datensätze',
    csv: {
      unclosedQuote: 'ein in Zeile {{line}} begonnenes Feld in Anführungszeichen wird nie geschlossen',
      textAfterQuote:
        'unerwarteter Text nach einem schließenden Anführungszeichen (Anführungszeichen innerhalb eines Felds müssen verdoppelt werden: "")',
      fieldCount: '{{expected}} Felder wie in der Kopfzeile erwartet, {{found}} gefunden',
    },
    json: {
      empty: 'die Datei ist leer',
      unknownKeys: 'unbekannte Schlüssel auf oberster Ebene: {{keys}} (erwartet: „customers“ und/oder „cases“)',
      brokenBetweenSections:
        'kein gültiges JSON zwischen den Abschnitten (prüfen Sie Kommas, Doppelpunkte und Klammern um „customers“ und „cases“)',
      notJson: 'kein JSON: erwartet wird ein Array von Datensätzen, ein Objekt mit „customers“/„cases“ oder ein Datensatz pro Zeile',
      invalid: 'kein gültiges JSON ({{detail}})',
      invalidLine: 'kein gültiges JSON ({{detail}}); in JSON Lines muss jeder Datensatz in einer Zeile stehen',
      textAfterEnd: 'unerwarteter Text nach dem Ende des JSON',
      unclosedString: 'eine in Zeile {{line}} beginnende Zeichenkette wird nie geschlossen',
      unexpected: 'unerwartetes „{{char}}“',
      endsInsideObject: 'die Datei endet innerhalb eines Objekts („}“ fehlt)',
      endsInsideArray: 'die Datei endet innerhalb eines Arrays („]“ fehlt)',
    },
    field: {
      mustBeText: 'muss Text sein',
      required: 'ist erforderlich',
      tooLong: 'länger als {{max}} Zeichen',
      phoneList: 'muss eine Nummer, eine Liste von Nummern getrennt durch „;“ oder ein Array sein',
      notEmail: 'ist keine E-Mail-Adresse',
      yesNo: 'muss yes/no, true/false oder 1/0 sein',
      date: 'muss ein Datum wie 2025-03-01T14:30:00Z oder Epoch-Millisekunden sein',
      wholeNumber: 'muss eine ganze Zahl sein',
      phone: 'Telefon {{index}}: {{problem}}',
      tooManyPhones: 'mehr als 20 Nummern',
      notStatus: '„{{value}}“ ist kein Status (verwenden Sie new, open, pending, on-hold, solved oder closed)',
      notPriority: '„{{value}}“ ist keine Priorität (verwenden Sie P1–P4 oder urgent, high, normal, low)',
      notPhone: '„{{value}}“ ist keine Telefonnummer (ohne Ländervorwahl wird {{region}} angenommen)',
      noDigits: 'enthält keine Ziffern',
      notObject: 'kein Objekt',
      textOrNull: 'muss Text oder null sein',
      requiredText: 'Text ist erforderlich',
      requiredEpoch: 'ist erforderlich (Epoch-Millisekunden)',
      epoch: 'muss in Epoch-Millisekunden angegeben sein',
      wholeNumberOrNull: 'muss eine ganze Zahl oder null sein',
      trueFalse: 'muss true oder false sein',
      phoneArray: 'muss ein Array von Nummern sein',
      statusOneOf: 'muss einer der Werte new, open, pending, on-hold, solved, closed sein',
      priorityOneOf: 'muss einer der Werte P1, P2, P3, P4 sein',
    },
  },
};
export default de;
