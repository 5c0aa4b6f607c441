import type { Catalog } from '../catalog';
import type en from '../en/scripts';

/** German messages of the "scripts" namespace. */
const de: Catalog<typeof en> = {
  title: 'Gesprächsleitfäden',
  loading: 'Wird geladen …',
  suggested: 'Vorgeschlagene Leitfäden',
  open: '{{title}} öffnen',
  reason: {
    code: 'Vorgeschlagen für den Abschlusscode {{code}}',
    category: 'Vorgeschlagen für die Fallkategorie {{category}}',
  },
  none: 'Es sind keine Leitfäden eingerichtet.',
  script: 'Leitfaden',
  choose: 'Leitfaden wählen …',
  openScript: 'Leitfaden öffnen',
  timeFor: 'Zeit für {{title}}',
  steps: 'Schritte von {{title}}',
  close: '{{title}} schließen',
  timer: {
    running: '{{elapsed}} von {{target}}',
    runningOver: '{{elapsed}} von {{target}}, {{over}} darüber',
    done: 'Erledigt in {{elapsed}} von {{target}}',
    doneOver: 'Erledigt in {{elapsed}} von {{target}}, {{over}} darüber',
    closed: 'Geschlossen nach {{elapsed}} von {{target}}',
    closedOver: 'Geschlossen nach {{elapsed}} von {{target}}, {{over}} darüber',
  },
  paused: 'Die Aufnahme ist für diesen Schritt pausiert. Haken Sie ihn ab, wenn die Zahlung erledigt ist, um die Aufnahme fortzusetzen.',
  startPayment: 'Starten (pausiert die Aufnahme)',
  startPaymentLabel: 'Zahlungsschritt starten: {{label}}',
} as const;
export default de;
