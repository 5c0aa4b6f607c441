import type { Catalog } from '../catalog';
import type en from '../en/sync';

/**
 * German of main's "sync" messages (`shared/text/en/sync.ts`). What a connector reads or sends
 * (`subject`) is put into sentences in quotes or after a colon, so no article has to agree with it.
 */
const de: Catalog<typeof en> = {
  problem: {
    signIn: '{{reason}}.',
    signInWaiting_one: '{{reason}}. {{count}} Eintrag wird gesendet, sobald die Verbindung wieder besteht.',
    signInWaiting_other: '{{reason}}. {{count}} Einträge werden gesendet, sobald die Verbindung wieder besteht.',
    offline: 'Offline: {{reason}}. Ihre Arbeit ist auf diesem Computer gespeichert.',
    offlineWaiting_one:
      'Offline: {{reason}}. Ihre Arbeit ist auf diesem Computer gespeichert. {{count}} Eintrag wird gesendet, sobald die Verbindung wieder besteht.',
    offlineWaiting_other:
      'Offline: {{reason}}. Ihre Arbeit ist auf diesem Computer gespeichert. {{count}} Einträge werden gesendet, sobald die Verbindung wieder besteht.',
    retrying: '{{reason}}. Es wird automatisch erneut versucht.',
    retryingWaiting_one:
      '{{reason}}. Es wird automatisch erneut versucht. {{count}} Eintrag wird gesendet, sobald die Verbindung wieder besteht.',
    retryingWaiting_other:
      '{{reason}}. Es wird automatisch erneut versucht. {{count}} Einträge werden gesendet, sobald die Verbindung wieder besteht.',
    slowDown: '{{host}} hat Switchboard gebeten, langsamer zu senden; das Senden wird in Kürze fortgesetzt',
    policyOff:
      'Synchronisierung aus: Der Synchronisierungsserver {{host}} verwendet {{refused}}, was Ihre IT-Richtlinie nicht erlaubt. {{fix}} Ihre Arbeit ist auf diesem Computer gespeichert.',
    policyOffNoHost:
      'Synchronisierung aus: Der Synchronisierungsserver verwendet {{refused}}, was Ihre IT-Richtlinie nicht erlaubt. {{fix}} Ihre Arbeit ist auf diesem Computer gespeichert.',
    policyUnencrypted: 'eine unverschlüsselte Verbindung ({{scheme}}://)',
    policyNotHttps: 'eine Adresse, die nicht mit https:// beginnt',
    policyFixLocked: 'Die IT muss die https://-Adresse des Servers eintragen.',
    policyFixAgent: 'Geben Sie die https://-Adresse des Servers in den Synchronisierungseinstellungen ein, oder wenden Sie sich an die IT.',
    cursorRepeated:
      '{{host}} hat die Liste „{{feed}}“ immer wieder mit derselben Position beantwortet, sie würde also nie enden; die Synchronisierung wurde dort angehalten. Was angekommen ist, ist gespeichert, und die nächste Synchronisierung versucht es erneut. Die IT sollte den Synchronisierungsserver prüfen.',
    pageLimit:
      'Die Synchronisierung wurde nach {{feeds}} von {{host}} angehalten, mehr holt eine Synchronisierung nicht. Was angekommen ist, ist gespeichert, und die nächste Synchronisierung macht dort weiter. Erscheint dies bei jeder Synchronisierung, listet der Server möglicherweise endlos Änderungen auf: Die IT sollte ihn prüfen.',
    feedPages_one: '{{count, number}} Seite „{{feed}}“',
    feedPages_other: '{{count, number}} Seiten „{{feed}}“',
    twoFeeds: '{{first}} und {{second}}',
    theSyncServer: 'Der Synchronisierungsserver',
    storingFailed: 'Das Speichern dessen, was der Server gesendet hat, ist fehlgeschlagen; es wird erneut versucht',
    cannotOpen:
      'Die Synchronisierung konnte mit diesen Einstellungen nicht starten; prüfen Sie die Synchronisierungseinstellungen, oder wenden Sie sich an die IT.',
  },
  source: {
    switchboard: 'Switchboard Sync API unter {{host}}',
    zendesk: 'Zendesk unter {{host}}',
    salesforce: 'Salesforce unter {{host}}',
  },
  subject: {
    customers: 'Kunden',
    cases: 'Fälle',
    contacts: 'Kontakte',
    tasks: 'Aufgaben',
    change: 'Änderung',
    health: 'Statusabfrage',
    changeResult: 'Ergebnis der Änderung',
    conflict: 'Konfliktmeldung',
    customersPage: 'Seite mit Kunden',
    casesPage: 'Seite mit Fällen',
    searchResults: 'Suchergebnisse',
    user: 'Benutzer',
    users: 'Benutzer',
    userList: 'Benutzerliste',
    tickets: 'Tickets',
    ticketList: 'Ticketliste',
    ticket: 'Ticket',
    ticketComments: 'Ticketkommentare',
    commentList: 'Kommentarliste',
    userExportPage: 'Seite des Benutzerexports',
    ticketExportPage: 'Seite des Ticketexports',
    organizations: 'Organisationen',
    organizationList: 'Organisationsliste',
    usersCount: 'Anzahl der Benutzer',
    ticketsCount: 'Anzahl der Tickets',
    usersExport: 'Benutzerexport',
    ticketsExport: 'Ticketexport',
    openTickets: 'offene Tickets (Suchexport)',
    openTicketRequesters: 'Anfragende offener Tickets (Suchexport)',
    searchExportPage: 'Seite des Suchexports',
    signedInUser: 'angemeldeter Benutzer',
  },
  network: {
    refused: 'die Verbindung wurde abgelehnt',
    reset: 'die Verbindung wurde zurückgesetzt',
    notFound: 'der Servername wurde nicht gefunden',
    dns: 'der Servername konnte nicht aufgelöst werden (DNS)',
    noRoute: 'es gibt keine Route zum Server',
    unreachable: 'das Netzwerk ist nicht erreichbar',
    down: 'das Netzwerk ist ausgefallen',
    timedOut: 'die Verbindung hat das Zeitlimit überschritten',
    broke: 'die Verbindung ist abgebrochen',
  },
  error: {
    stopped: 'Die Synchronisierung wurde angehalten',
    cannotReach: '{{host}} ist nicht erreichbar: {{reason}} ({{code}})',
    certificate: 'Die sichere Verbindung zu {{host}} ist fehlgeschlagen: Das Zertifikat wurde nicht akzeptiert ({{code}})',
    cannotTalk: 'Keine Verbindung zu {{host}} möglich ({{code}})',
    timeout: '{{host}} hat nicht innerhalb von {{seconds}} s geantwortet',
    tooLarge: '{{host}} hat eine Antwort gesendet, die größer als {{limit}} ist',
    pageTooLarge_one:
      '{{host}} hat eine Seite „{{kind}}“ gesendet, die größer als {{limit}} ist ({{count}} Zeile angefordert), mehr als Switchboard liest; nichts davon wurde gespeichert',
    pageTooLarge_other:
      '{{host}} hat eine Seite „{{kind}}“ gesendet, die größer als {{limit}} ist ({{count}} Zeilen angefordert), mehr als Switchboard liest; nichts davon wurde gespeichert',
    positionRefused: '{{host}} akzeptiert die Synchronisierungsposition für „{{kind}}“ nicht mehr; diese Liste wird neu begonnen',
    positionUnreadable:
      'Die gespeicherte Synchronisierungsposition von {{crm}} für „{{kind}}“ ist nicht lesbar; diese Liste wird neu begonnen',
    notJson: '{{host}} hat „{{what}}“ gesendet, aber nicht als JSON (HTTP {{status}})',
    notUnderstood: '{{host}} hat „{{what}}“ in einer Form gesendet, die Switchboard nicht versteht ({{detail}})',
    shape: 'Aufbau',
    pageNotJson: '{{source}} hat eine Seite „{{kind}}“ gesendet, die kein JSON ist',
    pageNotUnderstood: '{{source}} hat eine Seite „{{kind}}“ gesendet, die diese App nicht versteht ({{detail}})',
    listRefused: '{{host}} hat das Auflisten von „{{kind}}“ abgelehnt (HTTP {{status}})',
    listRefusedDetail: '{{host}} hat das Auflisten von „{{kind}}“ abgelehnt (HTTP {{status}}: {{detail}})',
    syncTokenRefused: '{{host}} hat das Synchronisierungstoken abgelehnt (HTTP 401): Die IT muss ein gültiges Token eintragen',
    slowDown: '{{host}} hat gebeten, langsamer zu senden (HTTP 429)',
    slowDownSwitchboard: '{{host}} hat Switchboard gebeten, langsamer zu senden (HTTP 429)',
    serverFailed: '{{host}} hat einen Fehler gemeldet (HTTP {{status}})',
    noSyncToken: 'Es ist kein Synchronisierungstoken eingetragen: Die IT muss eines einrichten',
    checkFailed: 'Die Prüfung des Synchronisierungsservers ist in Switchboard fehlgeschlagen',
    sendFailed: 'Das Senden ist in Switchboard fehlgeschlagen ({{name}})',
    heldForAnotherAgent:
      'Diese Arbeit wurde von einem anderen Agenten erfasst; sie bleibt auf diesem Computer und wird gesendet, wenn er sich wieder anmeldet',
    readFailed: '{{host}} hat beim Lesen von „{{what}}“ einen Fehler gemeldet (HTTP {{status}})',
    handleFailed: '{{host}} hat bei der Verarbeitung von „{{what}}“ einen Fehler gemeldet (HTTP {{status}})',
    sendRefused: '{{host}} hat das Senden von „{{what}}“ abgelehnt (HTTP {{status}})',
    sendRefusedDetail: '{{host}} hat das Senden von „{{what}}“ abgelehnt (HTTP {{status}}: {{detail}})',
  },
  outbox: {
    legacy: '{{detail}}',
    parkedUnknown: 'Der Server hat diesen Eintrag abgelehnt',
    conflictUnknown: 'Auch auf dem Server geändert',
  },
  refusal: {
    refusedChange: '{{host}} hat die Änderung abgelehnt (HTTP {{status}})',
    refusedChangeDetail: '{{host}} hat die Änderung abgelehnt (HTTP {{status}}): {{detail}}',
    noRecord: 'Ausgangseintrag {{id}} enthält keinen Datensatz zum Senden ({{kind}} {{operation}})',
    noPatch: 'Ausgangseintrag {{id}} ist eine Aktualisierung ohne Änderungen',
    notAnOperation: 'Ausgangseintrag {{id}}: „{{operation}}“ ist keine Operation für {{kind}}',
    noPlace: '{{crm}} hat keinen Platz für {{kind}} {{operation}} aus Switchboard',
    contactIncomplete: 'Der Kontakteintrag ist unvollständig (keine ID oder Startzeit)',
    wrapUpNoContact: 'Die Nachbearbeitung nennt keinen Kontakt',
    callbackNoId: 'Der Rückrufeintrag hat keine ID',
    escalationNoId: 'Der Eskalationseintrag hat keine ID',
    customerNoName: 'Der Kunde hat keinen Namen',
    caseChanged: 'Der Fall wurde in {{crm}} geändert (um {{at}}), nachdem die Version entstand, auf der diese Änderung beruht',
    ticketChanged: 'Das Ticket wurde in Zendesk geändert (um {{at}}), nachdem die Version entstand, auf der diese Änderung beruht',
    customerChanged: 'Der Kunde wurde in Zendesk geändert (um {{at}}), nachdem die Version entstand, auf der diese Änderung beruht',
  },
  zendeskRefusal: {
    noDeleteTickets: 'Switchboard löscht keine Zendesk-Tickets; tun Sie das in Zendesk, wenn es so gemeint ist',
    noDeleteUsers: 'Switchboard löscht keine Zendesk-Benutzer; tun Sie das in Zendesk, wenn es so gemeint ist',
    contactCaseUnknown: 'Der Fall, unter dem dieser Kontakt abgelegt ist ({{case}}), ist nicht in Zendesk',
    caseUnknown: 'Der Fall {{case}} ist nicht in Zendesk',
    customerUnknown: 'Der Kunde {{customer}} ist nicht in Zendesk',
    caseCustomerUnknown: 'Der Kunde des Falls ({{customer}}) ist nicht in Zendesk, daher hat das Ticket keinen Anfragenden',
    escalationNoCase:
      'Diese Eskalation ist keinem Fall zugeordnet, und Zendesk führt Eskalationen an Tickets: Ordnen Sie den Anruf einem Fall zu und senden Sie ihn dann erneut',
    escalatedCaseUnknown: 'Der eskalierte Fall ({{case}}) ist nicht in Zendesk',
    callbackCaseUnknown: 'Der Fall dieses Rückrufs ({{case}}) ist nicht in Zendesk',
    userGone: 'Den Zendesk-Benutzer {{user}} gibt es nicht mehr',
    ticketGone:
      'Das Zendesk-Ticket {{ticket}} gibt es nicht mehr (gelöscht oder zusammengeführt): Legen Sie diese Arbeit unter einem anderen Fall ab',
    refused: '{{host}} hat es abgelehnt, {{doing}}: {{why}}',
    refusedDetail: '{{host}} hat es abgelehnt, {{doing}}: {{why}}. {{detail}}',
    refusedTicket: '{{host}} hat es abgelehnt, {{doing}} (Ticket {{ticket}}): {{why}}',
    refusedTicketDetail: '{{host}} hat es abgelehnt, {{doing}} (Ticket {{ticket}}): {{why}}. {{detail}}',
    changeTicket: 'das Ticket zu ändern',
    updateTicket: 'das Ticket zu aktualisieren',
    createTicket: 'das Ticket anzulegen',
    saveCustomer: 'den Kunden zu speichern',
    changeCustomer: 'den Kunden zu ändern',
    read: '„{{what}}“ zu lesen',
    notFound: 'es wurde nicht gefunden',
    notAllowed: 'das Zendesk-Konto, mit dem sich Switchboard anmeldet, darf das nicht',
    notAccepted: 'Zendesk hat die Werte nicht angenommen',
    http: 'HTTP {{status}}',
  },
  salesforceRefusal: {
    noCreateCases:
      'Switchboard legt keine Salesforce-Fälle an: Legen Sie den Fall in Salesforce an, dann erscheint er hier mit der nächsten Synchronisierung',
    noChangeContacts:
      'Switchboard ändert keine Salesforce-Kontakte: Nehmen Sie die Änderung in Salesforce vor, dann erscheint sie hier mit der nächsten Synchronisierung',
    noDeleteCases: 'Switchboard löscht keine Salesforce-Fälle',
    noDeleteContacts: 'Switchboard löscht keine Salesforce-Kontakte',
    newCustomerUnknown: 'Der neue Kunde des Falls ({{customer}}) ist kein Salesforce-Kontakt',
    caseUnknown: 'Der Fall {{case}} ist kein Salesforce-Fall',
    caseGone: 'Den Fall gibt es in Salesforce nicht mehr (gelöscht oder zusammengeführt)',
    caseGoneChanging:
      'Den Fall gibt es in Salesforce nicht mehr (gelöscht oder zusammengeführt), daher konnte Switchboard ihn nicht ändern',
    refusedChangingCase: 'Salesforce hat es abgelehnt, den Fall zu ändern: {{detail}}',
    callIdFieldMissing:
      'Salesforce hat kein Feld {{field}} an Aufgaben: Bitten Sie Ihren Salesforce-Administrator, es anzulegen (docs/crm.md)',
    callIdFieldReadOnly:
      'Salesforce lässt diesen Benutzer das Feld {{field}} an Aufgaben nicht schreiben: Bitten Sie Ihren Salesforce-Administrator, den Benutzern von Switchboard Schreibzugriff darauf zu geben (docs/crm.md)',
    taskRefused: 'Salesforce hat die Aufgabe abgelehnt: {{detail}}',
    tasksRefused: 'Salesforce hat die Aufgaben abgelehnt (HTTP {{status}}): {{detail}}',
    noReason: 'kein Grund angegeben',
  },
  command: {
    noServer: 'Es ist kein Synchronisierungsserver eingerichtet: Die Arbeit bleibt auf diesem Computer, bis die IT einen einrichtet',
    conflictGone: 'Dieser Konflikt wurde bereits gelöst oder besteht nicht mehr',
    serverCopyUnknown: 'Die Serverfassung dieses Datensatzes ist noch nicht bekannt; synchronisieren Sie erneut und wählen Sie dann',
    serverLocked: 'Der Synchronisierungsserver ist durch eine IT-Richtlinie festgelegt und kann hier nicht geändert werden',
    connectorLocked: 'Der CRM-Connector ist durch eine IT-Richtlinie festgelegt ({{name}}) und kann hier nicht geändert werden',
    zendeskEmailLocked: 'Der Zendesk-API-Benutzer ist durch eine IT-Richtlinie festgelegt und kann hier nicht geändert werden',
    unencryptedRefused:
      'Adresse des Synchronisierungsservers: {{host}} würde über eine unverschlüsselte Verbindung (http://) erreicht, was Ihre IT-Richtlinie nicht erlaubt. Verwenden Sie seine https://-Adresse.',
    thisServer: 'dieser Server',
  },
  zendesk: {
    signInNotRenewed:
      '{{host}} akzeptiert die Zendesk-Anmeldung von Switchboard nicht mehr, und sie konnte nicht erneuert werden: Melden Sie sich in den Synchronisierungseinstellungen erneut bei Zendesk an',
    accessRefused:
      '{{host}} hat Switchboard den Zugriff auf „{{what}}“ verweigert (HTTP 403). Das Zendesk-Konto, mit dem sich Switchboard anmeldet, muss ein Administrator sein: Die IT muss es prüfen',
    accessRefusedDetail:
      '{{host}} hat Switchboard den Zugriff auf „{{what}}“ verweigert (HTTP 403: {{detail}}). Das Zendesk-Konto, mit dem sich Switchboard anmeldet, muss ein Administrator sein: Die IT muss es prüfen',
    apiTokenRefused:
      '{{host}} hat das Zendesk-API-Token für {{email}} abgelehnt (HTTP 401): Die IT muss in den Synchronisierungseinstellungen ein gültiges Token eintragen',
    signInRefused:
      '{{host}} hat die Zendesk-Anmeldung von Switchboard abgelehnt (HTTP 401): Melden Sie sich in den Synchronisierungseinstellungen erneut bei Zendesk an',
    noApiToken: 'Es ist kein Zendesk-API-Token eingetragen: Die IT muss eines in den Synchronisierungseinstellungen eintragen',
    notSignedIn: 'Switchboard ist nicht bei Zendesk angemeldet: Melden Sie sich in den Synchronisierungseinstellungen an',
    anonymous:
      '{{host}} hat die Zendesk-Zugangsdaten von Switchboard nicht erkannt: Die IT muss in den Synchronisierungseinstellungen gültige eintragen',
    notAdmin:
      '{{host}} meldet Switchboard als {{user}} an, der kein Zendesk-Administrator ist; zum Lesen aller Kunden und Tickets ist ein Administrator nötig: Die IT muss die Zugangsdaten eines Administrators verwenden',
    callNotFound: '{{host}} zeigt das Ticket zu diesem Kontakt noch nicht an; die Nachbearbeitung wird gesendet, sobald es erscheint',
    conflictUnchanged:
      '{{host}} hat die Änderung als Konflikt abgelehnt, obwohl sich das Ticket nicht geändert hat; es wird später erneut versucht',
    ticketBusy: 'Ticket {{ticket}} hat sich in {{host}} ständig geändert; es wird später erneut versucht',
    ticketBusyWriting:
      'Ticket {{ticket}} hat sich in {{host}} ständig geändert, während Switchboard darauf schrieb; es wird später erneut versucht',
    stillCreating: '{{host}} legt dieses Ticket noch an; es wird später erneut versucht',
    needsEmail:
      'Die Anmeldung bei {{name}} mit API-Token braucht die E-Mail-Adresse des Zendesk-Benutzers, dem das Token gehört: Geben Sie sie in den Synchronisierungseinstellungen ein, oder wenden Sie sich an die IT.',
  },
  salesforce: {
    queryPageNotUnderstood: '{{host}} hat eine Abfrageseite gesendet, die Switchboard nicht versteht ({{detail}})',
    caseNotUnderstood: '{{host}} hat einen Fall gesendet, den Switchboard nicht versteht',
    taskAnswerNotUnderstood: '{{host}} hat auf das Schreiben von Aufgaben so geantwortet, dass Switchboard es nicht versteht',
    taskNotSent: 'Eine Aufgabe wurde nicht gesendet',
    tasksFailed: 'Das Schreiben von Aufgaben ist in Switchboard fehlgeschlagen ({{name}})',
    instanceNotUrl: 'Salesforce hat eine Instanzadresse genannt, die keine URL ist',
    instanceNotHttps: 'Salesforce hat eine Instanzadresse genannt, die nicht https verwendet ({{host}})',
    notSignedIn: 'Switchboard ist nicht bei Salesforce angemeldet: Melden Sie sich in den Synchronisierungseinstellungen bei Salesforce an',
    methodUnsupported: 'Switchboard kann kein HTTP-{{method}} an Salesforce senden',
    jsonOnly: 'Switchboard sendet an Salesforce nur JSON',
    signInNotRenewed:
      'Salesforce hat die Anmeldung von Switchboard beendet, und sie konnte nicht erneuert werden: Melden Sie sich in den Synchronisierungseinstellungen erneut bei Salesforce an. Ihre Arbeit bleibt auf diesem Computer erhalten',
    concurrentLimit:
      '{{host}} hat zu viele lang laufende API-Anfragen gleichzeitig (REQUEST_LIMIT_EXCEEDED); die Synchronisierung wartet {{seconds}} s',
    dailyLimit:
      '{{host}} hat sein tägliches Salesforce-API-Kontingent aufgebraucht (REQUEST_LIMIT_EXCEEDED); die Synchronisierung wartet und versucht es in {{minutes}} min erneut, und nichts geht verloren',
    sessionRefused:
      '{{host}} akzeptiert die Salesforce-Anmeldung von Switchboard nicht mehr: Melden Sie sich in den Synchronisierungseinstellungen erneut bei Salesforce an',
    accessRefused:
      '{{host}} hat Switchboard den Zugriff auf „{{what}}“ verweigert: Der Salesforce-Benutzer braucht die Berechtigung „API aktiviert“ und Zugriff auf Kontakte und Fälle; wenden Sie sich an Ihren Salesforce-Administrator',
    accessRefusedDetail:
      '{{host}} hat Switchboard den Zugriff auf „{{what}}“ verweigert ({{detail}}): Der Salesforce-Benutzer braucht die Berechtigung „API aktiviert“ und Zugriff auf Kontakte und Fälle; wenden Sie sich an Ihren Salesforce-Administrator',
    noInstance:
      'Die Salesforce-Anmeldung hat die zu verwendende Organisation nicht genannt (keine instance_url): Melden Sie sich in den Synchronisierungseinstellungen erneut bei Salesforce an',
  },
  signIn: {
    needed:
      'Melden Sie sich bei {{name}} an, um zu synchronisieren: Wählen Sie in den Synchronisierungseinstellungen „Bei {{name}} anmelden“. Ihre Arbeit bleibt auf diesem Computer erhalten.',
    incomplete: 'Die Anmeldung bei {{name}} wurde nicht abgeschlossen; versuchen Sie es erneut.',
    cannotStart: 'Die Anmeldung bei {{name}} konnte nicht gestartet werden',
    zendeskOnly:
      'Die Anmeldung bei Zendesk gilt nur für den Zendesk-Connector: Wählen Sie zuerst Zendesk in den Synchronisierungseinstellungen',
    zendeskApiToken: 'Zendesk wird mit einem API-Token angemeldet, das die IT eingetragen hat, nicht im Browser',
    zendeskAddress: 'Geben Sie vor der Anmeldung Ihre Zendesk-Adresse in den Synchronisierungseinstellungen ein',
    zendeskClientId:
      'Die Anmeldung bei Zendesk braucht die OAuth-Client-ID, die die IT festlegt (zendeskOAuthClientId): Wenden Sie sich an die IT',
    salesforceOnly:
      'Die Anmeldung bei Salesforce gilt nur für den Salesforce-Connector: Wählen Sie zuerst Salesforce in den Synchronisierungseinstellungen',
    salesforceAddress: 'Geben Sie vor der Anmeldung Ihre Salesforce-Adresse (My Domain) in den Synchronisierungseinstellungen ein',
    salesforceClientId:
      'Die Anmeldung bei Salesforce braucht die Connected App, die die IT festlegt (salesforceOAuthClientId): Wenden Sie sich an die IT',
    salesforceLoginUrl:
      'Die von der IT festgelegte Salesforce-Anmeldeadresse (salesforceLoginUrl) ist nicht verwendbar: Wenden Sie sich an die IT',
  },
  address: {
    serverNotUrl: 'Die Adresse des Synchronisierungsservers „{{value}}“ ist keine URL (erwartet z. B. https://crm.example.com/switchboard)',
    serverScheme: 'Die Adresse des Synchronisierungsservers muss mit https:// beginnen (erhalten: {{scheme}})',
    serverCredentials:
      'Die Adresse des Synchronisierungsservers darf keinen Benutzernamen und kein Passwort enthalten; das Token wird im Schlüsselbund aufbewahrt',
    serverQuery: 'Die Adresse des Synchronisierungsservers darf weder ? noch # enthalten',
    zendeskNotUrl: 'Die Zendesk-Adresse „{{value}}“ ist keine URL (erwartet z. B. https://yourcompany.zendesk.com)',
    zendeskScheme: 'Die Zendesk-Adresse muss mit https:// beginnen (erhalten: {{scheme}}//{{host}})',
    zendeskCredentials:
      'Die Zendesk-Adresse darf keinen Benutzernamen und kein Passwort enthalten; diese werden im Schlüsselbund aufbewahrt',
    zendeskQuery: 'Die Zendesk-Adresse darf weder ? noch # enthalten',
    zendeskPath: 'Die Zendesk-Adresse ist nur die Adresse des Kontos, ohne Pfad',
    salesforceNotUrl: 'Die Salesforce-Adresse „{{value}}“ ist keine URL (erwartet z. B. https://yourcompany.my.salesforce.com)',
    salesforceScheme: 'Die Salesforce-Adresse muss mit https:// beginnen (erhalten: {{scheme}}//{{host}})',
    salesforceCredentials: 'Die Salesforce-Adresse darf keinen Benutzernamen und kein Passwort enthalten',
    salesforcePath: 'Die Salesforce-Adresse ist nur die Adresse der Organisation (z. B. https://yourcompany.my.salesforce.com), ohne Pfad',
  },
};
export default de;
