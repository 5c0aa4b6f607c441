import type { Catalog } from '../catalog';
import type en from '../en/escalation';

/** German of main's "escalation" messages (`shared/text/en/escalation.ts`). */
const de: Catalog<typeof en> = {
  what: {
    unknown: 'Eine Eskalation',
    toGroup: '{{priority}}-Eskalation an {{group}}',
  },
  deadline: {
    acknowledgeNear: '{{what}}: Die Frist für die Bestätigung läuft bald ab.',
    acknowledgePassed: '{{what}}: Die Frist für die Bestätigung ist abgelaufen.',
    resolveNear: '{{what}}: Die Frist für die Lösung läuft bald ab.',
    resolvePassed: '{{what}}: Die Frist für die Lösung ist abgelaufen.',
  },
  chainStep: '{{what}} ist ungelöst{{after}}: {{role}} ist jetzt eingebunden.{{contact}}',
  chainAfter: ' nach {{duration}}',
  chainContact: {
    nameOnly: ' Kontakt: {{name}}.',
    pager: ' Kontakt: {{name}}, Pager {{pager}}.',
    phone: ' Kontakt: {{name}}, {{phone}}.',
  },
  duration: {
    days: '{{n}} Tg.',
    hours: '{{n}} Std.',
    minutes: '{{n}} Min.',
  },
  roles: {
    'team-lead': 'Teamleitung',
    'service-manager': 'Service-Management',
    'vp-operations': 'Leitung Operations',
  },
  transfer: {
    phoneUnavailable: 'Das Telefon ist nicht verfügbar, deshalb wurde der Anruf nicht weitergeleitet.',
    failed: 'Der Anruf konnte nicht an {{group}} weitergeleitet werden: {{reason}}',
    phoneRefused: 'das Telefon hat abgelehnt',
    notTaken: '{{group}} hat den Anruf nicht angenommen; der Kunde wartet weiter in der Leitung auf Sie.',
    calling:
      '{{group}} wird angerufen; der Kunde wartet in der Leitung. Informieren Sie die Gruppe und drücken Sie dann „Weiterleitung abschließen“ oder „Weiterleitung abbrechen“, um zum Kunden zurückzukehren.',
  },
  errors: {
    groupHasNoNumber:
      '{{group}} ({{tier}}) hat keine Telefonnummer in der Eskalationsmatrix, deshalb kann der Anruf nicht weitergeleitet werden. Entfernen Sie das Häkchen bei „Anruf mit Rücksprache weiterleiten“ oder bitten Sie die IT, die Nummer einzutragen.',
    transferNeedsCall: 'Nur eine aus einem Anruf ausgelöste Eskalation kann den Anruf weiterleiten.',
    notStored: 'Diese Eskalation ist nicht im lokalen Speicher.',
  },
};
export default de;
