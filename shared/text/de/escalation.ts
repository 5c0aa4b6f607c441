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
  alertDelivery: {
    unreadable: 'Diese Warnung konnte nicht aus dem Postausgang zurückgelesen werden',
    webhookRemoved: 'Der {{service}}-Webhook „{{webhook}}“ ist nicht mehr in der Richtlinie (slaAlertWebhooks)',
    waitingForWebhook: 'Warten, bis der Webhook „{{webhook}}“ wieder Warnungen annimmt',
    unreachable: '{{service}} war nicht erreichbar: {{reason}}',
    slowDown: '{{service}} hat Switchboard gebeten, langsamer zu senden (HTTP 429)',
    failed: '{{service}} konnte die Warnung nicht annehmen (HTTP {{status}})',
    failedSaying: '{{service}} konnte die Warnung nicht annehmen (HTTP {{status}} {{answer}})',
    redirect:
      '{{service}} hat mit einer Weiterleitung geantwortet (HTTP {{status}}); verwenden Sie die Webhook-Adresse genau so, wie {{service}} sie angegeben hat',
    refused: '{{service}} hat die Warnung abgelehnt (HTTP {{status}})',
    refusedSaying: '{{service}} hat die Warnung abgelehnt (HTTP {{status}} {{answer}})',
    refusedBecause: '{{service}} hat die Warnung abgelehnt (HTTP {{status}} {{answer}}): {{why}}',
    clientError: 'Das Senden an {{service}} ist innerhalb von Switchboard fehlgeschlagen ({{error}})',
    slack: {
      invalidPayload: 'Slack konnte die Nachricht nicht lesen',
      userNotFound: 'Slack kennt eine in der Nachricht genannte Person nicht',
      actionProhibited: 'Der Slack-Workspace erlaubt diesem Webhook nicht, in seinem Kanal zu posten',
      channelNotFound: 'Der Kanal des Webhooks existiert nicht mehr',
      channelIsArchived: 'Der Kanal des Webhooks ist archiviert',
      removed: 'Der Webhook wurde in Slack entfernt oder deaktiviert; legen Sie einen neuen an und aktualisieren Sie die Richtlinie',
      noTeam: 'Der Slack-Workspace des Webhooks existiert nicht mehr',
      noText: 'Slack hat in der Nachricht keinen Text gefunden',
    },
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
  validation: {
    missing1: 'Es fehlt: {{first}}',
    missing2: 'Es fehlen: {{first}}, {{second}}',
    missing3: 'Es fehlen: {{first}}, {{second}}, {{third}}',
    fields: {
      customerExpectation: 'Erwartung des Kunden',
      troubleshootingDone: 'durchgeführte Fehlersuche',
      recommendedNextSteps: 'empfohlene nächste Schritte',
    },
    tooLong: {
      customerExpectation: 'Die Erwartung des Kunden ist zu lang ({{length}} Zeichen; höchstens {{max}}).',
      troubleshootingDone: 'Die durchgeführte Fehlersuche ist zu lang ({{length}} Zeichen; höchstens {{max}}).',
      recommendedNextSteps: 'Die empfohlenen nächsten Schritte sind zu lang ({{length}} Zeichen; höchstens {{max}}).',
    },
    summaryTooLong: 'Die Zusammenfassung ist zu lang ({{length}} Zeichen; höchstens {{max}}).',
    choosePriority: 'Wählen Sie eine Priorität von P1 bis P4.',
    chooseTier: 'Wählen Sie eine Stufe.',
    noSuchTier: 'Die Stufe „{{tier}}“ ist nicht in der Eskalationsmatrix.',
    chooseGroup: 'Wählen Sie eine Gruppe.',
    noSuchGroup: 'Die Gruppe „{{group}}“ gehört nicht zu {{tier}}.',
    wrongPriority: '{{group}} nimmt keine {{priority}}-Eskalationen an (nur {{priorities}}).',
    needsCall: 'Eine Eskalation aus einem Anruf braucht den Anruf, aus dem sie kommt.',
    chooseCase: 'Wählen Sie den Fall, den Sie eskalieren möchten.',
  },
  change: {
    alreadyResolved: 'Diese Eskalation ist bereits gelöst.',
    alreadyAcknowledged: 'Diese Eskalation ist bereits bestätigt.',
    acknowledgementBeforeRaised: 'Der Zeitpunkt der Bestätigung liegt vor dem Auslösen der Eskalation.',
    resolutionBeforeRaised: 'Der Zeitpunkt der Lösung liegt vor dem Auslösen der Eskalation.',
    transferBeforeRaised: 'Der Zeitpunkt der Weiterleitung liegt vor dem Auslösen der Eskalation.',
    notificationBeforeRaised: 'Der Zeitpunkt der Benachrichtigung liegt vor dem Auslösen der Eskalation.',
    resolutionBeforeAcknowledgement: 'Der Zeitpunkt der Lösung liegt vor der Bestätigung.',
    onlyCallTransfers: 'Nur eine aus einem Anruf ausgelöste Eskalation kann weitergeleitet werden.',
    alreadyTransferred: 'Dieser Anruf wurde bereits weitergeleitet.',
    roleNotInChain: '{{role}} ist nicht Teil der Eskalationskette.',
    roleAlreadyNotified: '{{role}} wurde bereits benachrichtigt.',
    roleAlreadyAcknowledged: '{{role}} hat bereits bestätigt.',
  },
};
export default de;
