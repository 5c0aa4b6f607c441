import type { Catalog } from '../catalog';
import type en from '../en/preShift';

/** German messages of the "preShift" namespace. */
const de: Catalog<typeof en> = {
  title: 'Meine Ausstattung prüfen',
  steps: 'Schritte der Prüfung',
  step: { microphone: 'Mikrofon', speaker: 'Lautsprecher', echo: 'Echo-Testanruf', network: 'Netzwerk' },
  outcome: { pass: 'Bestanden', warn: 'Warnung', fail: 'Fehlgeschlagen', skipped: 'Übersprungen', cancelled: 'Nicht geprüft' },
  running: {
    microphone: 'Sprechen Sie ein paar Worte in Ihr Headset …',
    speaker: 'Signaltöne werden auf Ihrem Lautsprecher abgespielt …',
    echo: 'Die Echo-Testnummer wird angerufen …',
    network: 'Die Verbindung zur Telefonanlage wird gemessen …',
  },
  waiting: 'Wartet',
  done: 'Fertig',
  micLevel: 'Mikrofonpegel',
  hearBeeps: 'Hören Sie die Signaltöne?',
  heardIt: 'Ja, gehört',
  didNotHear: 'Nein, nicht gehört',
  headline: {
    pass: 'Ihre Ausstattung ist bereit für Anrufe.',
    warn: 'Ihre Ausstattung funktioniert, aber Anrufe klingen eventuell nicht gut: siehe unten.',
    fail: 'Ihre Ausstattung ist nicht bereit für Anrufe: Beheben Sie die unten markierten Punkte.',
    cancelled: 'Die Prüfung wurde abgebrochen.',
  },
  stepResult: '{{step}}: {{outcome}}.',
  cancel: 'Abbrechen',
  runAgain: 'Erneut prüfen',
  problem: {
    onACall: 'Sie sind in einem Gespräch: Starten Sie die Prüfung, wenn das Gespräch beendet ist.',
    callCameIn: 'Ein Anruf ist eingegangen, daher wurde die Prüfung beendet. Starten Sie sie nach dem Anruf erneut.',
    noEngine: 'Die Audio-Engine läuft in diesem Fenster nicht: Laden Sie es neu und versuchen Sie es noch einmal.',
    didNotFinish: 'Die Prüfung wurde nicht abgeschlossen: {{message}}',
  },
  offer: {
    label: 'Ausstattung prüfen',
    text: 'Beginnt Ihre Schicht? Prüfen Sie Headset, Lautsprecher und Verbindung vor dem ersten Anruf.',
    run: 'Ausstattung jetzt prüfen',
    notNow: 'Nicht jetzt',
  },
};
export default de;
