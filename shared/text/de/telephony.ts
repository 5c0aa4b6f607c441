import type { Catalog } from '../catalog';
import type en from '../en/telephony';

/** German of main's "telephony" messages (`shared/text/en/telephony.ts`). */
const de: Catalog<typeof en> = {
  call: {
    setupFailed: 'Der Anruf konnte nicht aufgebaut werden; die Einzelheiten stehen im Protokoll.',
    ringLost: 'Der Anruf ging verloren, bevor er angenommen wurde: Die Verbindung zur Telefonanlage wurde unterbrochen.',
  },
  media: {
    incompatibleOffer:
      'Die Telefonanlage des Anrufers bietet Audio an, das diese App nicht verwenden kann. Bitten Sie die Verwaltung Ihrer Telefonanlage, das WebRTC-Gateway zu prüfen.',
    incompatibleAnswer:
      'Die Telefonanlage der Gegenseite hat mit Audio geantwortet, das diese App nicht verwenden kann; der Anruf wurde deshalb beendet. Bitten Sie die Verwaltung Ihrer Telefonanlage, das WebRTC-Gateway zu prüfen.',
    noRelay:
      'Der Anruf konnte nicht aufgebaut werden: Der Ton darf nur über das TURN-Relay laufen, und das Relay hat nicht geantwortet (prüfen Sie die Adresse und die Zugangsdaten des TURN-Servers).',
    windowClosed: 'Kein Ton verfügbar: Das Switchboard-Fenster ist geschlossen.',
    lost: 'Ton verloren: Das Switchboard-Fenster wurde geschlossen oder neu geladen. Der Ton kommt zurück, sobald das Fenster wieder da ist.',
    notRestored: 'Der Ton konnte nicht wiederhergestellt werden; legen Sie auf und rufen Sie zurück.',
    notRestoredWithCode: 'Der Ton konnte nicht wiederhergestellt werden ({{code}}); legen Sie auf und rufen Sie zurück.',
  },
  hold: {
    refused: {
      hold: 'Die Gegenseite hat das Halten des Anrufs abgelehnt.',
      resume: 'Die Gegenseite hat das Fortsetzen des Anrufs abgelehnt.',
    },
    refusedWithCode: {
      hold: 'Die Gegenseite hat das Halten des Anrufs abgelehnt ({{code}}).',
      resume: 'Die Gegenseite hat das Fortsetzen des Anrufs abgelehnt ({{code}}).',
    },
    failed: {
      hold: 'Die Gegenseite hat das Halten des Anrufs abgelehnt: {{detail}}',
      resume: 'Die Gegenseite hat das Fortsetzen des Anrufs abgelehnt: {{detail}}',
    },
  },
  transfer: {
    failed: 'Die Weiterleitung an {{target}} ist fehlgeschlagen; der Anrufer ist weiterhin bei Ihnen.',
    failedWithCode: 'Die Weiterleitung an {{target}} ist fehlgeschlagen ({{code}}); der Anrufer ist weiterhin bei Ihnen.',
  },
  consult: {
    hungUp: '{{who}} hat vor der Weiterleitung aufgelegt.',
    busy: '{{who}} ist besetzt.',
    busyWithCode: '{{who}} ist besetzt ({{code}}).',
    noAnswer: '{{who}} hat sich nicht gemeldet.',
    noAnswerWithCode: '{{who}} hat sich nicht gemeldet ({{code}}).',
    declined: '{{who}} hat den Anruf abgelehnt.',
    declinedWithCode: '{{who}} hat den Anruf abgelehnt ({{code}}).',
    notFound: '{{who}} ist nicht erreichbar.',
    notFoundWithCode: '{{who}} ist nicht erreichbar ({{code}}).',
    failed: 'Der Anruf an {{who}} ist fehlgeschlagen.',
    failedWithCode: 'Der Anruf an {{who}} ist fehlgeschlagen ({{code}}).',
    customerOnHold: '{{what}} Der Kunde wird weiterhin gehalten: Klicken Sie auf „Fortsetzen“, um mit ihm zu sprechen.',
  },
  registration: {
    inSeconds_one: 'in {{count}} s',
    inSeconds_other: 'in {{count}} s',
    now: 'jetzt',
    unconfigured: 'Telefon nicht eingerichtet',
    connecting: 'Verbinde…',
    connectingBackup: 'Verbinde mit dem Ersatzserver…',
    registering: 'Anmeldung läuft…',
    registered: 'Angemeldet',
    registeredBackup: 'Angemeldet (Ersatzserver)',
    reconnecting: 'Verbindung wird wiederhergestellt…',
    reconnectingIn: 'Neue Verbindung {{when}}',
    unreachable: 'Server nicht erreichbar',
    unreachableRetrying: 'Server nicht erreichbar · neuer Versuch {{when}}',
    accountRefused: 'Konto abgelehnt (403)',
    wrongPassword: 'Falsches Passwort ({{code}})',
    rejected: 'Anmeldung abgelehnt ({{code}})',
    rejectedRetrying: 'Anmeldung abgelehnt ({{code}}) · neuer Versuch {{when}}',
    certificate: 'Nicht verbunden: Das Zertifikat des SIP-Servers wurde nicht akzeptiert ({{problem}}). Bitten Sie die IT, es zu prüfen',
    certificateRetrying:
      'Nicht verbunden: Das Zertifikat des SIP-Servers wurde nicht akzeptiert ({{problem}}). Bitten Sie die IT, es zu prüfen · neuer Versuch {{when}}',
    certificateProblem: {
      untrusted: 'es ist von einer Stelle signiert, der dieser Computer nicht vertraut',
      expired: 'es ist abgelaufen',
      notYetValid: 'es ist noch nicht gültig; prüfen Sie Datum und Uhrzeit dieses Computers',
      wrongName: 'es wurde für einen anderen Servernamen ausgestellt',
      revoked: 'es wurde widerrufen',
      invalid: 'es ist ungültig',
    },
    stopped: 'Telefon aus',
    blockedByPolicy:
      'Nicht verbunden: Der SIP-Server ist unverschlüsselt (ws://), was Ihre IT-Richtlinie nicht erlaubt. Geben Sie in den Telefoneinstellungen einen wss://-Server ein oder fragen Sie die IT',
  },
  handoff: {
    from: 'Betreute Weiterleitung von {{from}}',
    fromAbout: 'Betreute Weiterleitung von {{from}}: {{what}}',
  },
  refusal: {
    notRegistered: 'Das Telefon ist nicht angemeldet: {{state}}.',
    notSetUp: 'Das Telefon ist nicht eingerichtet.',
    noAccount: 'Das Telefon ist nicht eingerichtet: Geben Sie zuerst Ihr SIP-Konto ein.',
    tooManyCalls: 'Sie haben bereits {{maximum}} Anrufe; beenden Sie zuerst einen.',
    notRinging: 'Dieser Anruf klingelt nicht.',
    rejectNotRinging: 'Nur ein klingelnder Anruf kann abgelehnt werden.',
    callEnded: 'Dieser Anruf ist bereits beendet.',
    keypadNotConnected: 'Tastentöne brauchen einen verbundenen Anruf.',
    holdNotConnected: 'Nur ein verbundener Anruf kann gehalten werden.',
    holdInProgress: 'Für diesen Anruf wird bereits gehalten oder fortgesetzt.',
    endedBeforeHold: 'Der Anruf wurde beendet, bevor er gehalten werden konnte.',
    endedBeforeResume: 'Der Anruf wurde beendet, bevor er fortgesetzt werden konnte.',
    transferNotConnected: 'Nur ein verbundener Anruf kann weitergeleitet werden.',
    transferInProgress: 'Dieser Anruf wird bereits weitergeleitet.',
    transferRefused: 'Die Weiterleitung wurde abgelehnt.',
    consultInProgress: 'Für diesen Anruf läuft bereits eine Rückfrage: Schließen Sie sie ab oder brechen Sie sie ab.',
    notAConsultation: 'Dieser Anruf ist keine Rückfrage, daher gibt es keine Weiterleitung abzubrechen.',
    transferCompleting: 'Die Weiterleitung wird bereits abgeschlossen und kann jetzt nicht mehr abgebrochen werden.',
    completeNotConnected: 'Beide Anrufe müssen verbunden sein, um die Weiterleitung abzuschließen.',
    cannotDial: 'Diese Adresse kann nicht angerufen werden.',
    noAudioEngine: 'Die Audio-Engine läuft nicht: Öffnen Sie das Switchboard-Fenster.',
    muteFailed: 'Das Mikrofon konnte nicht stummgeschaltet werden; die Audio-Engine hat nicht geantwortet.',
    engineLostCall: 'Die Audio-Engine kennt diesen Anruf nicht (das Fenster wurde vielleicht neu geladen).',
  },
  recording: {
    notSetUp:
      'Die Aufnahmepause ist für diese Telefonanlage nicht eingerichtet. Bitten Sie die IT, den Befehl für die Aufnahmepause festzulegen (recordingPauseMethod).',
    notAnswered: 'Die Aufnahme kann nur in einem angenommenen Anruf pausiert und fortgesetzt werden.',
    resuming: 'Die Aufnahme wird gerade fortgesetzt; pausieren Sie sie erneut, sobald das geschehen ist.',
    pausing: 'Die Aufnahme wird gerade pausiert; setzen Sie sie fort, sobald das geschehen ist.',
    pauseNotConfirmed:
      'Die Telefonanlage hat die Pause nicht bestätigt: Der Anruf wird weiterhin aufgezeichnet. Nehmen Sie noch keine Kartendaten entgegen.',
    pauseNotConfirmedWithCode:
      'Die Telefonanlage hat die Pause nicht bestätigt ({{code}}): Der Anruf wird weiterhin aufgezeichnet. Nehmen Sie noch keine Kartendaten entgegen.',
    resumeNotConfirmed: 'Die Telefonanlage hat das Fortsetzen nicht bestätigt: Die Aufnahme ist weiterhin pausiert.',
    resumeNotConfirmedWithCode: 'Die Telefonanlage hat das Fortsetzen nicht bestätigt ({{code}}): Die Aufnahme ist weiterhin pausiert.',
  },
  account: {
    lockedByIt: 'Ihr SIP-Server wird von Ihrer IT-Abteilung festgelegt und kann hier nicht geändert werden.',
    passwordRequired: 'Geben Sie das Passwort für dieses Konto ein.',
    notLoaded: 'Das Konto wurde gespeichert, konnte aber nicht geladen werden.',
    serverUnencrypted:
      'SIP-Server: ws:// ist eine unverschlüsselte Verbindung, die Ihre IT-Richtlinie nicht erlaubt. Verwenden Sie die wss://-Adresse des Servers.',
    backupServerUnencrypted:
      'Ersatz-SIP-Server: ws:// ist eine unverschlüsselte Verbindung, die Ihre IT-Richtlinie nicht erlaubt. Verwenden Sie die wss://-Adresse des Servers.',
  },
  dial: {
    empty: 'Geben Sie eine Nummer oder Durchwahl ein.',
    tooLong: 'Das ist zu lang für eine Nummer oder Adresse.',
    badSipAddress: 'Diese SIP-Adresse ist ungültig; verwenden Sie die Form name@example.com.',
    badCharacters: 'Eine Nummer darf nur Ziffern, Leerzeichen, Bindestriche, Klammern und ein führendes + enthalten.',
    notPossibleInternational: 'Das ist keine mögliche internationale Nummer.',
    notPossibleInRegion: 'Das ist keine mögliche Nummer in {{region}}; geben Sie die Landesvorwahl mit führendem + ein.',
    notPossibleDefaultRegion: 'Das ist keine mögliche Nummer in der Standardregion; geben Sie die Landesvorwahl mit führendem + ein.',
  },
  echoTest: {
    cancelled: 'Die Einrichtungsprüfung wurde abgebrochen.',
    noNetworkPath: 'Es wurde kein Netzwerkweg für den Ton der Anrufe gefunden.',
    noSuchCall: 'Die Einrichtungsprüfung hat keinen solchen Testanruf (das Fenster wurde vielleicht neu geladen).',
    noAudioEngine: 'Die Audio-Engine läuft nicht.',
  },
  rule: {
    mimeType: 'muss ein MIME-Typ sein, etwa text/plain oder application/vnd.example.recording',
    plainText: 'muss reiner Text sein (keine Steuerzeichen außer Zeilenumbrüchen)',
    keypadKeys: 'muss aus 1 bis 16 Tastenfeld-Tasten bestehen (0-9, *, #, A-D), etwa *1',
  },
};
export default de;
