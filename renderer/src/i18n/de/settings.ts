import type { Catalog } from '../catalog';
import type en from '../en/settings';

/** German messages of the "settings" namespace. */
const de: Catalog<typeof en> = {
  title: 'Einstellungen',
  loading: 'Wird geladen …',
  loadFailed: 'Die Einstellungen konnten nicht geladen werden: {{problem}}',
  saveFailed: 'Die Einstellung wurde nicht gespeichert: {{problem}}',
  problems: {
    title: 'Fehler in der IT-Richtlinie',
    note: 'Switchboard verwendet für diese Einstellungen sichere Standardwerte. Informieren Sie Ihre IT-Abteilung.',
  },
  sources: 'Geprüfte Richtlinienquellen: {{list}}.',
  sourceNone: '{{source}} (keine)',
  noSources: 'keine',
  section: {
    Phone: 'Telefon',
    'Media (STUN/TURN)': 'Medien (STUN/TURN)',
    'CRM sync': 'CRM-Synchronisierung',
    'Sign-in (SSO)': 'Anmeldung (SSO)',
    'Agent workflow': 'Arbeitsablauf',
    'SLA alerts': 'SLA-Warnungen',
    'Status feed': 'Statusmeldungen',
    Updates: 'Updates',
    'Logging and security': 'Protokollierung und Sicherheit',
    Appearance: 'Darstellung',
  },
  note: {
    Phone: 'Ihr SIP-Konto (Benutzername und Passwort) geben Sie in der Telefonleiste unter den Telefoneinstellungen ein.',
    'CRM sync': 'Das Zugriffstoken für die Synchronisierung geben Sie in den Synchronisierungseinstellungen unten im Fenster ein.',
  },
  origin: {
    'built-in': 'Eingebauter Standardwert',
    'policy-default': 'Standardwert Ihrer IT-Abteilung (Sie dürfen ihn ändern)',
    user: 'Ihre Einstellung',
    enforced: 'Von Ihrer IT-Abteilung gesperrt',
  },
  originWithSource: '{{origin}} ({{source}})',
  value: {
    notSet: 'Nicht festgelegt',
    on: 'Ein',
    off: 'Aus',
    none: 'Keine',
    set: 'Festgelegt',
    entries_one: '{{count, number}} Eintrag',
    entries_other: '{{count, number}} Einträge',
  },
  showDocument: '{{title}} anzeigen',
  key: {
    sipServer: {
      title: 'SIP-Server (primär)',
      description: 'Der SIP-over-WebSocket-Server, an dem sich das Telefon registriert: wss://host[:port][/pfad].',
    },
    sipBackupServer: {
      title: 'SIP-Server (Ersatz)',
      description: 'Wird verwendet, wenn der primäre SIP-Server nicht erreichbar ist: wss://host[:port][/pfad].',
    },
    sipDomain: {
      title: 'SIP-Domäne',
      description: 'Die Domäne der SIP-Adressen der Agents (sip:<benutzername>@<domäne>).',
    },
    sipOutboundProxy: {
      title: 'Ausgehender Proxy',
      description: 'Eine SIP-URI, über die jede Anfrage geleitet wird (z. B. ein Session Border Controller).',
    },
    dtmfMode: {
      title: 'DTMF-Modus',
      description: 'Wie Tastentöne gesendet werden: rfc4733 (im Audiostrom, die übliche Wahl) oder info (SIP-INFO-Nachrichten).',
    },
    recordingPauseMethod: {
      title: 'Befehl zum Pausieren der Aufzeichnung',
      description:
        'Wie die Schaltfläche „Aufnahme pausieren“ (PCI-konforme Pause) die Telefonanlage bittet, die Aufzeichnung eines Anrufs anzuhalten, während Kartendaten genannt werden: sip-info (eine INFO-Anfrage im Anruf mit recordingPauseInfoContentType und den Inhalten zum Pausieren und Fortsetzen; die Telefonanlage muss mit 200 antworten, damit der Anruf als pausiert angezeigt wird), dtmf (die Kennziffern recordingPauseDtmf und recordingResumeDtmf, als Tastentöne gesendet) oder off (keine Schaltfläche). Siehe docs/interop.md.',
    },
    recordingPauseInfoContentType: {
      title: 'Inhaltstyp der INFO zum Pausieren',
      description: 'Bei recordingPauseMethod sip-info: der Content-Type der INFO-Anfragen zum Pausieren und Fortsetzen.',
    },
    recordingPauseInfoBody: {
      title: 'INFO-Inhalt zum Pausieren der Aufzeichnung',
      description:
        'Bei recordingPauseMethod sip-info: der Inhalt der INFO, die die Aufzeichnung pausiert (reiner Text; Zeilenumbrüche werden als CRLF gesendet).',
    },
    recordingResumeInfoBody: {
      title: 'INFO-Inhalt zum Fortsetzen der Aufzeichnung',
      description: 'Bei recordingPauseMethod sip-info: der Inhalt der INFO, die die Aufzeichnung fortsetzt.',
    },
    recordingPauseDtmf: {
      title: 'Kennziffer zum Pausieren der Aufzeichnung',
      description:
        'Bei recordingPauseMethod dtmf: die Kennziffer der Telefonanlage, die die Aufzeichnung pausiert, als Tastentöne gesendet.',
    },
    recordingResumeDtmf: {
      title: 'Kennziffer zum Fortsetzen der Aufzeichnung',
      description: 'Bei recordingPauseMethod dtmf: die Kennziffer der Telefonanlage, die die Aufzeichnung fortsetzt.',
    },
    preShiftEchoExtension: {
      title: 'Echo-Testnummer für die Ausstattungsprüfung',
      description:
        'Die Nebenstelle, die die Ausstattungsprüfung („Meine Ausstattung prüfen“) anruft, um den Gesprächston zu testen: Sie muss den Anruf annehmen und zurücksenden, was sie empfängt (ein Echotest, etwa Echo() in Asterisk oder die echo-Anwendung in FreeSWITCH). Nicht festgelegt: Die Prüfung lässt den Testanruf aus und nennt den Grund.',
    },
    stunUrls: {
      title: 'STUN-Server',
      description:
        'STUN-Server, über die die öffentliche Adresse für Anrufe ermittelt wird. Leer: keine (es geht kein Datenverkehr an einen öffentlichen Server, solange die IT keinen festlegt).',
    },
    turnUrls: {
      title: 'TURN-Server',
      description:
        'TURN-Relays für Anrufe, wenn direkte Medienverbindungen blockiert sind (Heimnetze, strenge Firewalls). Verwenden Sie turns: auf Port 443 für Netze, die nur HTTPS zulassen.',
    },
    turnUsername: {
      title: 'TURN-Benutzername',
      description: 'Der Benutzername für die TURN-Server.',
    },
    turnCredential: {
      title: 'TURN-Passwort',
      description:
        'Das Passwort (Credential) für die TURN-Server. Wird nie in der App angezeigt und nie in Protokolle oder Diagnosedaten geschrieben.',
    },
    iceTransportPolicy: {
      title: 'Medien nur über TURN',
      description:
        'all: Anrufe nutzen den besten Weg (direkt, über NAT oder über ein TURN-Relay). relay: Der Gesprächston läuft nur über die TURN-Server (turnUrls), sodass die Adresse des Agents die Gegenseite nie erreicht; ohne erreichbaren TURN-Server kommt kein Anruf zustande.',
    },
    dtlsRoleWhileRinging: {
      title: 'DTLS-Rolle während ein Anruf klingelt',
      description:
        'Wie die verschlüsselten Medien eines eingehenden Anrufs aufgebaut werden, während er klingelt, bevor der Agent annimmt. active: Switchboard beginnt den DTLS-Handshake schon beim Klingeln, sodass der Anrufer den Agent ein Audiopaket nach dem Annehmen hört; der Medienserver des Anrufers muss einen Handshake annehmen, bevor er die Antwort hat (RFC 5763; rtpengine tut das). passive: Die Seite des Anrufers beginnt ihn nach dem Annehmen, was bei jedem Server zwei Netzwerk-Umläufe kostet. auto: active, wenn das Angebot von einem Medienserver kommt (ein SBC oder Medienrelay: ICE-lite oder kein BUNDLE), sonst passive. Siehe docs/interop.md.',
    },
    crmConnector: {
      title: 'CRM-Anbindung',
      description:
        'Woher Kunden und Fälle kommen und wohin Anrufe protokolliert werden: switchboard-sync (die Switchboard Sync API), zendesk (Zendesk Support) oder salesforce (Salesforce Service Cloud). Eine Änderung lädt alles erneut aus dem neuen CRM herunter.',
    },
    crmSyncUrl: {
      title: 'CRM-Synchronisierungsserver',
      description:
        'Die Adresse des CRM: die Switchboard Sync API, das Zendesk-Konto (https://<subdomain>.zendesk.com), wenn crmConnector zendesk ist, oder die My Domain der Salesforce-Org (https://<domain>.my.salesforce.com), wenn er salesforce ist. Leer: Die Arbeit bleibt auf dem Rechner des Agents, bis eine Adresse festgelegt ist.',
    },
    crmPullIntervalSeconds: {
      title: 'CRM-Abrufintervall',
      description:
        'Wie oft Switchboard das CRM nach dort vorgenommenen Änderungen fragt, in Sekunden (30 bis 3600); die eigene Arbeit des Agents wird unabhängig davon sofort gesendet. Jede Runde ohne Neues kostet in Salesforce 2 API-Aufrufe: Bei 60 s verbraucht ein Arbeitsplatz, der eine 8-Stunden-Schicht angemeldet ist, 960 der täglichen API-Aufrufe der Org, etwa so viele, wie jede Lizenz hinzufügt (docs/crm.md); erhöhen Sie den Wert für ein großes Contact Center mit kleinem Kontingent.',
    },
    zendeskAuth: {
      title: 'Zendesk-Anmeldung',
      description:
        'oauth: Jeder Agent meldet sich im Browser bei Zendesk an (es gelten die Anmeldung und das SSO von Zendesk; erfordert zendeskOAuthClientId). api-token: Switchboard verwendet ein API-Token mit zendeskEmail (ein Dienstkonto), festgelegt in zendeskApiToken oder einmalig in den Synchronisierungseinstellungen eingegeben.',
    },
    zendeskOAuthClientId: {
      title: 'Zendesk-OAuth-Client',
      description:
        'Die eindeutige Kennung des OAuth-Clients, der im Zendesk Admin Center angelegt wurde (Apps und Integrationen › APIs › Zendesk API › OAuth-Clients), mit der Weiterleitungs-URL http://127.0.0.1/oauth/callback. Es ist ein öffentlicher Client: Auf den Rechnern der Agents wird kein Geheimnis gespeichert.',
    },
    zendeskEmail: {
      title: 'Zendesk-API-Benutzer',
      description: 'Bei zendeskAuth api-token: die E-Mail-Adresse des Zendesk-Benutzers, in dessen Namen das API-Token handelt.',
    },
    zendeskApiToken: {
      title: 'Zendesk-API-Token',
      description:
        'Bei zendeskAuth api-token: das API-Token (Admin Center › Apps und Integrationen › Zendesk API). Nicht festgelegt: Jeder Agent gibt es einmalig in den Synchronisierungseinstellungen ein, und es wird im Schlüsselbund gespeichert.',
    },
    zendeskWrapUpTagPrefix: {
      title: 'Zendesk-Tag-Präfix für Abschlusscodes',
      description:
        'Der Abschlusscode wird dem Ticket als Tag hinzugefügt: dieses Präfix und der Code (wrapup_resolved). Leer: Der Code allein ist das Tag.',
    },
    zendeskWrapUpFieldId: {
      title: 'Zendesk-Feld für Abschlusscodes',
      description: 'Die ID eines Ticketfelds (Text oder Dropdown), das den Abschlusscode zusätzlich erhält. Nicht festgelegt: nur das Tag.',
    },
    zendeskTalkPartnerEdition: {
      title: 'Zendesk Talk Partner Edition',
      description:
        'true: Anrufe werden als Zendesk-Sprachtickets mit ihren Anrufdetails protokolliert (das Konto benötigt die Talk Partner Edition). false: ein Kommentar im vom Agent gewählten Ticket oder ein neues Ticket.',
    },
    salesforceLoginUrl: {
      title: 'Salesforce-Anmeldeadresse',
      description:
        'Wo sich Agents bei Salesforce anmelden (OAuth-Webserver-Flow mit PKCE, im Browser). Nicht festgelegt: die Adresse der Org (crmSyncUrl, ihre My Domain). Legen Sie https://test.salesforce.com für eine Sandbox ohne My-Domain-Anmeldung fest.',
    },
    salesforceOAuthClientId: {
      title: 'Salesforce Connected App',
      description:
        'Der Consumer Key der Connected App (oder External Client App), die im Salesforce-Setup für Switchboard angelegt wurde, mit erforderlichem PKCE, der Callback-URL http://127.0.0.1:<salesforceRedirectPort>/oauth/callback und den Scopes api und refresh_token. Auf den Rechnern der Agents wird kein Consumer Secret gespeichert.',
    },
    salesforceRedirectPort: {
      title: 'Salesforce-Anmeldeport',
      description:
        'Der Port der Callback-URL auf diesem Computer, zu dem der Browser nach der Anmeldung bei Salesforce zurückkehrt, http://127.0.0.1:<port>/oauth/callback. Salesforce vergleicht Callback-URLs exakt, daher muss die Connected App genau diese aufführen.',
    },
    salesforceFieldMapping: {
      title: 'Salesforce-Feldzuordnung',
      description:
        'Welche Salesforce-Felder Switchboard liest und schreibt, wo die Org von den Standardobjekten abweicht: JSON { contact: { name, email, company, notes, segment, doNotCall, phones: [{ field, label }] }, case: { subject, description, status, priority, closed, contact, owner }, priorities, prioritiesOut, statuses, statusesOut, escalatedStatus, escalationOwners }. Nicht festgelegt: die Standardfelder (docs/crm.md).',
    },
    salesforceCallIdField: {
      title: 'Salesforce-Feld für die Anruf-ID',
      description:
        'Das benutzerdefinierte External-ID-Feld am Task (Text, External ID, Unique), das die Switchboard-ID jedes Anrufs enthält, sodass ein Anruf als ein einziger Task protokolliert wird, wie oft er auch gesendet wird (docs/crm.md beschreibt, wie Sie es anlegen).',
    },
    salesforceDefaultRegion: {
      title: 'Salesforce-Telefonregion',
      description:
        'Das Land (zweistelliger Code nach ISO 3166), in dem Salesforce-Telefonnummern ohne Ländervorwahl gelesen werden, damit sie zu Anrufern im E.164-Format passen. Nicht festgelegt: US.',
    },
    wrapUpCodes: {
      title: 'Abschlusscodes',
      description:
        'Der Katalog der Abschlusscodes: ein JSON-Array aus { code, label, category, needsNote, triggers, active, resolvesByDefault }.',
    },
    notReadyReasons: {
      title: 'Gründe für „Nicht bereit“',
      description:
        'Die Gründe, die ein Agent für „Nicht bereit“ angeben kann: ein JSON-Array aus { code, label, productive, reminderAfterMinutes, active }.',
    },
    afterCallWork: {
      title: 'Nachbearbeitungszeit',
      description:
        'Die Nachbearbeitungszeit nach jedem Anruf: JSON { seconds, onExpiry: "ready" | "stay-until-coded", maxExtensionSeconds, extensionStepSeconds }.',
    },
    inboundCalls: {
      title: 'Eingehende Anrufe während der Arbeit',
      description:
        'Welche Anrufe dem Agent nicht angeboten werden: JSON { sipCode: 480 | 486 | 600 | 603, declineInWrapUp, declineWhileBusy (false: ein zweiter Anruf wird als anklopfender Anruf angeboten), ringTimeoutSeconds, missedCallsBeforeNotReady (verpasste Anrufe in Folge, nach denen der Agent auf „Nicht bereit“ wechselt; Standard 2) }.',
    },
    escalationMatrix: {
      title: 'Eskalationsmatrix',
      description:
        'Die Gruppen der zweiten Ebene, ihre Nummern und Bereitschaftsvertretungen sowie die Managementkette: JSON { tiers, chain, chainPriorities }.',
    },
    slaPolicy: {
      title: 'SLA-Richtlinie',
      description:
        'Ziele für Bestätigung und Lösung je Priorität (P1–P4), der Anteil, ab dem ein Fall gefährdet ist, und die Geschäftszeiten: JSON { priorities, atRiskFraction, businessHours }.',
    },
    doNotCallOverride: {
      title: 'Ausnahme von der Sperrliste',
      description:
        'Ob ein Agent eine Nummer auf der Sperrliste anrufen darf: never (der Anruf wird abgelehnt) oder with-supervisor-approval (der Agent nennt die zustimmende Teamleitung und gibt einen Grund an; der Anruf wird aufgebaut und ohne Nummer oder Namen protokolliert, und die Ausnahme wird mit dem Anruf gespeichert und mit dem CRM synchronisiert).',
    },
    focusOnRing: {
      title: 'Fenster beim Klingeln nach vorne holen',
      description:
        'true: Ein eingehender Anruf holt das Switchboard-Fenster nach vorne, wenn es ausgeblendet, minimiert oder von einem anderen Fenster verdeckt ist. false: Es bleibt, wo es ist, und die Benachrichtigung „Eingehender Anruf“ (die erscheint, wann immer das Fenster nicht im Vordergrund ist) holt es beim Anklicken nach vorne. In beiden Fällen wird ein Fenster, in dem der Agent gerade arbeitet, nie unterbrochen.',
    },
    globalHotkeys: {
      title: 'Globale Tastenkürzel',
      description:
        'Tasten, die einen Anruf annehmen, auflegen, stummschalten und halten, während eine andere Anwendung den Fokus hat (nur in der Desktop-App): JSON { answer, hangUp, mute, hold } aus Electron-Tastenkombinationen, jede mit CommandOrControl, Control, Alt oder Super (F-Tasten und Medientasten dürfen allein stehen). Eine fehlende Aktion hat kein Kürzel; {} oder nicht festgelegt: keine (eine globale Taste wird allen anderen Anwendungen entzogen, daher wird keine festgelegt, ohne dass die IT sie wählt). Eine Taste, die bereits eine andere Anwendung belegt, wird dem Agent gemeldet.',
    },
    guidedScripts: {
      title: 'Gesprächsleitfäden',
      description:
        'Die Schritt-für-Schritt-Checklisten, die der Bereich „Gesprächsleitfäden“ anbietet, anstelle der mitgelieferten Liste: ein JSON-Array aus { id, title, targetSeconds (10–3600, die Zielzeit des Timers), steps: [{ id, label, payment }], suggestWhen: { caseCategories, wrapUpCodes } }. Ein Schritt mit payment true pausiert die Gesprächsaufzeichnung, wenn der Agent ihn beginnt, und setzt sie fort, wenn er abgehakt wird (erfordert recordingPauseMethod). [] bietet keine an.',
    },
    autoUpdate: {
      title: 'Automatische Updates',
      description:
        'Updates automatisch herunterladen und installieren. Bei MSI-Installationen immer aus (aktualisieren Sie diese über Ihre Softwareverteilung).',
    },
    updateChannel: {
      title: 'Update-Kanal',
      description: 'Auf welche Versionen aktualisiert wird: stable oder beta.',
    },
    updateUrl: {
      title: 'Update-Server',
      description:
        'Die https://-Adresse, von der Updates heruntergeladen werden (ein „generic“-Feed von electron-updater). Nicht festgelegt: keine Suche nach Updates.',
    },
    logLevel: {
      title: 'Protokollstufe',
      description:
        'Wie viel in die Protokolldateien geschrieben wird: debug, info, warn oder error. Protokolle enthalten nie Passwörter, Tokens oder Gesprächsinhalte.',
    },
    encryptionRequired: {
      title: 'Verschlüsselung erforderlich',
      description:
        'Unverschlüsselte Verbindungen ablehnen: ws://-SIP-Server und http://-Synchronisierungsserver werden weder verwendet noch gespeichert, wer auch immer sie festgelegt hat (auch vor der Richtlinie gespeicherte Einstellungen). Nur dieser Computer (localhost, 127.x.x.x, ::1) darf ohne Verschlüsselung erreicht werden.',
    },
    extraCaFile: {
      title: 'Zusätzliche CA-Zertifikate',
      description:
        'Der vollständige Pfad einer PEM-Datei mit Zertifizierungsstellen, denen für den SIP-Server (wss://) und den CRM-Synchronisierungsserver (https://) vertraut wird, z. B. Ihre Unternehmens-CA, zusätzlich zu den eingebauten und (soweit die App ihn lesen kann) dem Zertifikatspeicher des Betriebssystems. Eine fehlende Datei oder eine Datei, die nicht im PEM-Format vorliegt, wird als Richtlinienfehler gemeldet; die übrigen CAs werden weiterhin verwendet.',
    },
    ssoIssuer: {
      title: 'Anmeldeaussteller (Issuer)',
      description:
        'Der OpenID-Connect-Issuer, bei dem sich Agents anmelden (Entra ID, Okta, Keycloak, …), genau so, wie sein Discovery-Dokument ihn nennt; seine Endpunkte werden über <issuer>/.well-known/openid-configuration ermittelt. Agents melden sich im Systembrowser an (Autorisierungscode mit PKCE, Loopback-Weiterleitung an http://127.0.0.1:<beliebiger Port>/oauth/callback). Zusammen mit ssoClientId festlegen. Die Switchboard Sync API akzeptiert dann das Zugriffstoken des Agents anstelle eines Standort-Tokens. Nicht festgelegt: kein Single Sign-on.',
    },
    ssoClientId: {
      title: 'Anmelde-Client',
      description:
        'Die Client-ID (Anwendungs-ID), die für Switchboard beim Identitätsanbieter registriert ist: ein öffentlicher nativer Client (auf den Rechnern der Agents wird kein Geheimnis gespeichert) mit PKCE und der Weiterleitungs-URI http://127.0.0.1/oauth/callback (beliebiger Port).',
    },
    ssoScopes: {
      title: 'Anmelde-Scopes',
      description:
        'Die Scopes, die Switchboard anfordert: openid, profile und email liefern Namen und E-Mail-Adresse des Agents (aus dem ID-Token); offline_access ein Aktualisierungstoken, damit die Anmeldung unbemerkt erneuert wird. Fügen Sie den Scope der Sync API hinzu, wenn der Anbieter einen benötigt, um dafür ein Zugriffstoken auszustellen (Entra ID: api://<app id>/sync).',
    },
    ssoRequired: {
      title: 'Anmeldung erforderlich',
      description:
        'true: Bis sich der Agent angemeldet hat, wird nur der Anmeldebildschirm angezeigt (erfordert ssoIssuer und ssoClientId). false: Agents dürfen abgemeldet arbeiten; ihre Arbeit wird nach der Anmeldung gesendet.',
    },
    ssoSipProvisioning: {
      title: 'SIP-Konto aus der Anmeldung',
      description:
        'true: Nach der Anmeldung kommt das SIP-Konto des Agents (Server, Domäne, Benutzer und Passwort oder Token) von der Sync API (GET /v1/me/sip-account), sodass Agents nie ein SIP-Passwort eingeben; bei der Abmeldung wird es gelöscht. false: Das SIP-Konto wird wie bisher eingegeben oder per Richtlinie festgelegt.',
    },
    slaAlertWebhooks: {
      title: 'Webhooks für SLA-Warnungen',
      description:
        'Wohin überfällige Eskalationen und Schritte der Managementkette gesendet werden: JSON { webhooks: { <name>: { kind: "slack" | "teams", url } }, routes: { <P1-P4>: { <acknowledge-overdue | resolve-overdue | team-lead | service-manager | vp-operations>: [<name>, ...] } } }. Slack: ein Incoming Webhook; Teams: ein Workflows-Webhook (docs/deploy.md, „SLA alerts“). Die Adressen sind geheim: nur https://, nie in der App angezeigt.',
    },
    slaAlertContent: {
      title: 'Inhalt der SLA-Warnungen',
      description:
        'full: Eine Nachricht nennt neben den IDs, der Priorität, was wie lange überfällig ist, dem Agent und dem CRM-Link des Falls auch den Titel des Falls und den Namen des Kunden. ids-only: kein Titel und kein Name.',
    },
    statusFeedUrl: {
      title: 'Adresse der Statusmeldungen',
      description:
        'Die https://-Adresse eines Status-Feeds, dessen aktive Störungen als Banner über dem Kundenbereich erscheinen: eine summary.json von Statuspage v2 oder ein RSS-2.0- oder Atom-Feed (z. B. history.rss / history.atom von Statuspage). Nicht festgelegt: kein Banner. http:// nur für 127.0.0.1.',
    },
    statusFeedPollSeconds: {
      title: 'Abrufintervall der Statusmeldungen',
      description:
        'Wie oft der Status-Feed gelesen wird, in Sekunden (30 bis 3600). Nach einem fehlgeschlagenen Abruf wartet der nächste länger, bis zu 10 Minuten.',
    },
    theme: {
      title: 'Farbschema',
      description:
        'Die Farben des Fensters: system (folgt dem hellen oder dunklen Modus des Betriebssystems), light oder dark. Der Kontrastmodus des Betriebssystems gilt zusätzlich zu jedem davon. Agents können es in den Einstellungen ändern, sofern es nicht erzwungen ist.',
    },
    language: {
      title: 'Sprache',
      description:
        'Die Sprache des Fensters: system (die erste der bevorzugten Sprachen des Betriebssystems, in die Switchboard übersetzt ist, sonst Englisch), en (Englisch) oder de (Deutsch). Agents können sie in den Einstellungen ändern, sofern sie nicht erzwungen ist.',
    },
  },
  theme: {
    system: 'Wie im System',
    light: 'Hell',
    dark: 'Dunkel',
  },
  language: {
    system: 'Wie im System',
  },
};
export default de;
