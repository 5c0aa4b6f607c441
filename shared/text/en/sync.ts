/**
 * English messages main composes for the "sync" area: the source the window's other languages follow
 * (`shared/text/de/sync.ts`). Main sends a key and its values (`userText` in
 * `shared/text/user-text.ts`), never the sentence.
 */
export default {
  /** The sync status's problem (electron/sync/connectivity.ts): a connector's reason, and what happens next. */
  problem: {
    signIn: '{{reason}}.',
    signInWaiting_one: '{{reason}}. {{count}} item will be sent when it is back.',
    signInWaiting_other: '{{reason}}. {{count}} items will be sent when it is back.',
    offline: 'Offline: {{reason}}. Work is saved on this computer.',
    offlineWaiting_one: 'Offline: {{reason}}. Work is saved on this computer. {{count}} item will be sent when it is back.',
    offlineWaiting_other: 'Offline: {{reason}}. Work is saved on this computer. {{count}} items will be sent when it is back.',
    retrying: '{{reason}}. Retrying automatically.',
    retryingWaiting_one: '{{reason}}. Retrying automatically. {{count}} item will be sent when it is back.',
    retryingWaiting_other: '{{reason}}. Retrying automatically. {{count}} items will be sent when it is back.',
    slowDown: '{{host}} asked Switchboard to slow down; sending resumes shortly',
    /** electron/sync/server-settings.ts: IT policy requires encryption. */
    policyOff:
      'Sync is off: the sync server {{host}} uses {{refused}}, which your IT policy does not allow. {{fix}} Work is saved on this computer.',
    policyOffNoHost:
      'Sync is off: the sync server uses {{refused}}, which your IT policy does not allow. {{fix}} Work is saved on this computer.',
    policyUnencrypted: 'an unencrypted connection ({{scheme}}://)',
    policyNotHttps: 'an address that is not https://',
    policyFixLocked: 'IT needs to set its https:// address.',
    policyFixAgent: 'Enter its https:// address in Sync settings, or ask IT.',
    /** electron/sync/sync-runs.ts: a pull stopped short. */
    cursorRepeated:
      '{{host}} answered the {{feed}} list with the position it was asked for, so it would never end; sync stopped there. What arrived is saved, and the next sync tries again. IT should check the sync server.',
    pageLimit:
      'Sync stopped after {{feeds}} from {{host}}, the most one sync takes. What arrived is saved, and the next sync goes on from there. If this shows at every sync, the server may be listing changes without end: IT should check it.',
    feedPages_one: '{{count, number}} page of {{feed}}',
    feedPages_other: '{{count, number}} pages of {{feed}}',
    twoFeeds: '{{first}} and {{second}}',
    theSyncServer: 'The sync server',
    storingFailed: 'Storing what the server sent failed; it will be tried again',
    /** The connector could not be made for a reason of its own (not one of the sentences below). */
    cannotOpen: 'Sync could not start with these settings; check Sync settings, or ask IT.',
  },
  /** A CRM connector, as the sentences below name it (electron/sync/case-source.ts `description`). */
  source: {
    switchboard: 'Switchboard Sync API at {{host}}',
    zendesk: 'Zendesk at {{host}}',
    salesforce: 'Salesforce at {{host}}',
  },
  /** What a connector could not read or send, as the sentences below name it. */
  subject: {
    customers: 'customers',
    cases: 'cases',
    contacts: 'contacts',
    tasks: 'Tasks',
    change: 'change',
    health: 'health',
    changeResult: 'change result',
    conflict: 'conflict',
    customersPage: 'customers page',
    casesPage: 'cases page',
    searchResults: 'search results',
    user: 'user',
    users: 'users',
    userList: 'user list',
    tickets: 'tickets',
    ticketList: 'ticket list',
    ticket: 'ticket',
    ticketComments: 'ticket comments',
    commentList: 'comment list',
    userExportPage: 'user export page',
    ticketExportPage: 'ticket export page',
    organizations: 'organizations',
    organizationList: 'organization list',
    usersCount: 'users count',
    ticketsCount: 'tickets count',
    usersExport: 'users export',
    ticketsExport: 'tickets export',
    openTickets: 'open tickets (search export)',
    openTicketRequesters: 'open ticket requesters (search export)',
    searchExportPage: 'search export page',
    signedInUser: 'signed-in user',
  },
  /** Why the network failed, in plain words (`networkReason` in electron/sync/http-client.ts): for sync and the status feed. */
  network: {
    refused: 'the connection was refused',
    reset: 'the connection was reset',
    notFound: 'the server name could not be found',
    dns: 'the server name could not be looked up (DNS)',
    noRoute: 'there is no route to the server',
    unreachable: 'the network is unreachable',
    down: 'the network is down',
    timedOut: 'the connection timed out',
    broke: 'the connection broke',
  },
  /** Why a connector could not do its work (electron/sync/case-source.ts SourceError). */
  error: {
    stopped: 'Sync was stopped',
    cannotReach: 'Cannot reach {{host}}: {{reason}} ({{code}})',
    certificate: 'The secure connection to {{host}} failed: its certificate was not accepted ({{code}})',
    cannotTalk: 'Cannot talk to {{host}} ({{code}})',
    timeout: '{{host}} did not answer within {{seconds}} s',
    tooLarge: '{{host}} sent an answer larger than {{limit}}',
    pageTooLarge_one:
      '{{host}} sent a {{kind}} page larger than {{limit}} ({{count}} row asked for), more than Switchboard reads; nothing of it was stored',
    pageTooLarge_other:
      '{{host}} sent a {{kind}} page larger than {{limit}} ({{count}} rows asked for), more than Switchboard reads; nothing of it was stored',
    positionRefused: '{{host}} no longer accepts the {{kind}} sync position; starting that list again',
    positionUnreadable: 'The stored {{crm}} {{kind}} sync position cannot be read; starting that list again',
    notJson: '{{host}} sent a {{what}} that is not JSON (HTTP {{status}})',
    notUnderstood: '{{host}} sent a {{what}} Switchboard does not understand ({{detail}})',
    shape: 'shape',
    pageNotJson: '{{source}} sent a {{kind}} page that is not JSON',
    pageNotUnderstood: '{{source}} sent a {{kind}} page this app does not understand ({{detail}})',
    listRefused: '{{host}} refused to list {{kind}} (HTTP {{status}})',
    listRefusedDetail: '{{host}} refused to list {{kind}} (HTTP {{status}}: {{detail}})',
    syncTokenRefused: '{{host}} refused the sync token (HTTP 401): IT needs to set a valid token',
    slowDown: '{{host}} asked to slow down (HTTP 429)',
    slowDownSwitchboard: '{{host}} asked Switchboard to slow down (HTTP 429)',
    serverFailed: '{{host}} failed (HTTP {{status}})',
    noSyncToken: 'No sync token is set: IT needs to configure one',
    checkFailed: 'The sync server check failed inside Switchboard',
    sendFailed: 'Sending failed inside Switchboard ({{name}})',
    heldForAnotherAgent: 'This work was logged by another agent; it stays on this computer and is sent when they sign in again',
    readFailed: '{{host}} failed while reading the {{what}} (HTTP {{status}})',
    handleFailed: '{{host}} failed while handling the {{what}} (HTTP {{status}})',
    sendRefused: '{{host}} refused to send the {{what}} (HTTP {{status}})',
    sendRefusedDetail: '{{host}} refused to send the {{what}} (HTTP {{status}}: {{detail}})',
  },
  /**
   * Why an item of agent work was parked or is in conflict (the sync strip's PARKED ITEMS and CONFLICTS):
   * kept in the outbox row as the message's JSON (electron/sync/failure-text.ts). What the CRM itself
   * said is a value (`detail`), shown as it came.
   */
  outbox: {
    /** A row written before its reason was kept as a message, or by another part of Switchboard: its sentence as stored. */
    legacy: '{{detail}}',
    parkedUnknown: 'The server refused this item',
    conflictUnknown: 'Changed on the server too',
  },
  /** A CRM refused an item of agent work (electron/sync/connectors and switchboard-sync-source.ts). */
  refusal: {
    refusedChange: '{{host}} refused the change (HTTP {{status}})',
    refusedChangeDetail: '{{host}} refused the change (HTTP {{status}}): {{detail}}',
    noRecord: 'Outbox item {{id}} has no record to send ({{kind}} {{operation}})',
    noPatch: 'Outbox item {{id}} is an update without a patch',
    notAnOperation: 'Outbox item {{id}}: "{{operation}}" is not an operation on a {{kind}}',
    noPlace: '{{crm}} has no place for a {{kind}} {{operation}} from Switchboard',
    contactIncomplete: 'The contact record is incomplete (no id or start time)',
    wrapUpNoContact: 'The wrap-up names no contact',
    callbackNoId: 'The callback record has no id',
    escalationNoId: 'The escalation record has no id',
    customerNoName: 'The customer has no name',
    caseChanged: 'The case was changed in {{crm}} (at {{at}}) after the version this change was based on',
    ticketChanged: 'The ticket was changed in Zendesk (at {{at}}) after the version this change was based on',
    customerChanged: 'The customer was changed in Zendesk (at {{at}}) after the version this change was based on',
  },
  /** Zendesk refused an item of agent work (electron/sync/connectors/zendesk). */
  zendeskRefusal: {
    noDeleteTickets: 'Switchboard does not delete Zendesk tickets; do it in Zendesk if it is meant',
    noDeleteUsers: 'Switchboard does not delete Zendesk users; do it in Zendesk if it is meant',
    contactCaseUnknown: 'The case this contact is filed under ({{case}}) is not in Zendesk',
    caseUnknown: 'The case {{case}} is not in Zendesk',
    customerUnknown: 'The customer {{customer}} is not in Zendesk',
    caseCustomerUnknown: "The case's customer ({{customer}}) is not in Zendesk, so the ticket has no requester",
    escalationNoCase:
      'This escalation is not filed under a case, and Zendesk keeps escalations on tickets: file the call under a case, then send it again',
    escalatedCaseUnknown: 'The escalated case ({{case}}) is not in Zendesk',
    callbackCaseUnknown: 'The case of this callback ({{case}}) is not in Zendesk',
    userGone: 'Zendesk user {{user}} no longer exists',
    ticketGone: 'Zendesk ticket {{ticket}} no longer exists (deleted or merged): file this work under another case',
    refused: '{{host}} refused to {{doing}}: {{why}}',
    refusedDetail: '{{host}} refused to {{doing}}: {{why}}. {{detail}}',
    refusedTicket: '{{host}} refused to {{doing}} (ticket {{ticket}}): {{why}}',
    refusedTicketDetail: '{{host}} refused to {{doing}} (ticket {{ticket}}): {{why}}. {{detail}}',
    changeTicket: 'change the ticket',
    updateTicket: 'update the ticket',
    createTicket: 'create the ticket',
    saveCustomer: 'save the customer',
    changeCustomer: 'change the customer',
    read: 'read the {{what}}',
    notFound: 'it was not found',
    notAllowed: 'the Zendesk account Switchboard signs in with is not allowed to',
    notAccepted: 'Zendesk did not accept the values',
    http: 'HTTP {{status}}',
  },
  /** Salesforce refused an item of agent work (electron/sync/connectors/salesforce). */
  salesforceRefusal: {
    noCreateCases: 'Switchboard does not create Salesforce cases: create the case in Salesforce, and it appears here with the next sync',
    noChangeContacts:
      'Switchboard does not change Salesforce contacts: make the change in Salesforce, and it appears here with the next sync',
    noDeleteCases: 'Switchboard does not delete Salesforce cases',
    noDeleteContacts: 'Switchboard does not delete Salesforce contacts',
    newCustomerUnknown: "The case's new customer ({{customer}}) is not a Salesforce contact",
    caseUnknown: 'The case {{case}} is not a Salesforce case',
    caseGone: 'The case is no longer in Salesforce (it was deleted or merged)',
    caseGoneChanging: 'The case is no longer in Salesforce (it was deleted or merged), so Switchboard could not change the case',
    refusedChangingCase: 'Salesforce refused to change the case: {{detail}}',
    callIdFieldMissing: 'Salesforce has no field {{field}} on Task: ask your Salesforce admin to create it (docs/crm.md)',
    callIdFieldReadOnly:
      "Salesforce does not let this user write the field {{field}} on Task: ask your Salesforce admin to give Switchboard's users edit access to it (docs/crm.md)",
    taskRefused: 'Salesforce refused the Task: {{detail}}',
    tasksRefused: 'Salesforce refused the Tasks (HTTP {{status}}): {{detail}}',
    noReason: 'no reason given',
  },
  /** A sync command the agent gave was refused (electron/sync/feature.ts, sync-service.ts, server-settings.ts). */
  command: {
    noServer: 'No sync server is set up: work stays on this computer until IT configures one',
    conflictGone: 'That conflict was already resolved or no longer exists',
    serverCopyUnknown: 'The server copy of this record is not known yet; sync again and then choose',
    serverLocked: 'The sync server is set by IT policy and cannot be changed here',
    connectorLocked: 'The CRM connector is set by IT policy ({{name}}) and cannot be changed here',
    zendeskEmailLocked: 'The Zendesk API user is set by IT policy and cannot be changed here',
    unencryptedRefused:
      'Sync server URL: {{host}} would be reached over an unencrypted connection (http://), which your IT policy does not allow. Use its https:// address.',
    thisServer: 'this server',
  },
  /** Zendesk connector (electron/sync/connectors/zendesk). */
  zendesk: {
    signInNotRenewed:
      "{{host}} no longer accepts Switchboard's Zendesk sign-in and it could not be renewed: sign in to Zendesk again in Sync settings",
    accessRefused:
      '{{host}} refused Switchboard access to the {{what}} (HTTP 403). The Zendesk account Switchboard signs in with must be an admin: IT needs to check it',
    accessRefusedDetail:
      '{{host}} refused Switchboard access to the {{what}} (HTTP 403: {{detail}}). The Zendesk account Switchboard signs in with must be an admin: IT needs to check it',
    apiTokenRefused: '{{host}} refused the Zendesk API token for {{email}} (HTTP 401): IT needs to set a valid token in Sync settings',
    signInRefused: "{{host}} refused Switchboard's Zendesk sign-in (HTTP 401): sign in to Zendesk again in Sync settings",
    noApiToken: 'No Zendesk API token is set: IT needs to enter one in Sync settings',
    notSignedIn: 'Switchboard is not signed in to Zendesk: sign in in Sync settings',
    anonymous: "{{host}} did not recognise Switchboard's Zendesk credentials: IT needs to set valid ones in Sync settings",
    notAdmin:
      "{{host}} signs Switchboard in as {{user}}, who is not a Zendesk admin; reading all customers and tickets needs an admin: IT needs to use an admin's credentials",
    callNotFound: '{{host}} does not show the ticket of this contact yet; the wrap-up is sent when it does',
    conflictUnchanged: '{{host}} refused the change as a conflict, but the ticket has not changed; trying again later',
    ticketBusy: 'Ticket {{ticket}} kept changing in {{host}}; trying again later',
    ticketBusyWriting: 'Ticket {{ticket}} kept changing in {{host}} while Switchboard wrote to it; trying again later',
    stillCreating: '{{host}} is still creating this ticket; trying again later',
    needsEmail:
      '{{name}} sign-in by API token needs the email of the Zendesk user the token belongs to: enter it in Sync settings, or ask IT.',
  },
  /** Salesforce connector (electron/sync/connectors/salesforce). */
  salesforce: {
    queryPageNotUnderstood: '{{host}} sent a query page Switchboard does not understand ({{detail}})',
    caseNotUnderstood: '{{host}} sent a case Switchboard does not understand',
    taskAnswerNotUnderstood: '{{host}} answered a Task upsert Switchboard does not understand',
    taskNotSent: 'A Task was not sent',
    tasksFailed: 'Writing Tasks failed inside Switchboard ({{name}})',
    instanceNotUrl: 'Salesforce named an instance address that is not a URL',
    instanceNotHttps: 'Salesforce named an instance address that is not https ({{host}})',
    notSignedIn: 'Switchboard is not signed in to Salesforce: sign in to Salesforce in Sync settings',
    methodUnsupported: 'Switchboard cannot send an HTTP {{method}} to Salesforce',
    jsonOnly: 'Switchboard sends Salesforce JSON bodies only',
    signInNotRenewed:
      "Salesforce ended Switchboard's sign-in and it could not be renewed: sign in to Salesforce again in Sync settings. Your work is kept on this computer",
    concurrentLimit: '{{host}} has too many long-running API requests at once (REQUEST_LIMIT_EXCEEDED); sync waits {{seconds}} s',
    dailyLimit:
      '{{host}} has used its daily Salesforce API allowance (REQUEST_LIMIT_EXCEEDED); sync waits and tries again in {{minutes}} min, and nothing is lost',
    sessionRefused: "{{host}} no longer accepts Switchboard's Salesforce sign-in: sign in to Salesforce again in Sync settings",
    accessRefused:
      '{{host}} refused Switchboard access to the {{what}}: the Salesforce user needs the API Enabled permission and access to Contacts and Cases; ask your Salesforce admin',
    accessRefusedDetail:
      '{{host}} refused Switchboard access to the {{what}} ({{detail}}): the Salesforce user needs the API Enabled permission and access to Contacts and Cases; ask your Salesforce admin',
    noInstance: 'The Salesforce sign-in did not name the org to use (no instance_url): sign in to Salesforce again in Sync settings',
  },
  /** Signing in to a CRM for sync (electron/sync/connector-sign-in.ts and the connectors' sign-in files). */
  signIn: {
    needed: 'Sign in to {{name}} to sync: choose Sign in to {{name}} in Sync settings. Your work is kept on this computer.',
    incomplete: 'Sign-in to {{name}} did not complete; try again.',
    cannotStart: 'Sign-in to {{name}} could not start',
    zendeskOnly: 'Sign-in to Zendesk is only for the Zendesk connector: choose Zendesk in Sync settings first',
    zendeskApiToken: 'Zendesk is signed in to with an API token set by IT, not in the browser',
    zendeskAddress: 'Enter your Zendesk address in Sync settings before signing in',
    zendeskClientId: 'Sign-in to Zendesk needs the OAuth client ID IT sets (zendeskOAuthClientId): ask IT',
    salesforceOnly: 'Sign-in to Salesforce is only for the Salesforce connector: choose Salesforce in Sync settings first',
    salesforceAddress: 'Enter your Salesforce address (My Domain) in Sync settings before signing in',
    salesforceClientId: 'Sign-in to Salesforce needs the Connected App IT sets (salesforceOAuthClientId): ask IT',
    salesforceLoginUrl: 'The Salesforce sign-in address IT set (salesforceLoginUrl) is not usable: ask IT',
  },
  /** A sync server or Salesforce address that cannot be used (switchboard-sync-source.ts, salesforce-source.ts). */
  address: {
    serverNotUrl: 'The sync server address "{{value}}" is not a URL (expected e.g. https://crm.example.com/switchboard)',
    serverScheme: 'The sync server address must start with https:// (got {{scheme}})',
    serverCredentials: 'The sync server address must not contain a user name or password; the token is kept in the keychain',
    serverQuery: 'The sync server address must not contain ? or #',
    zendeskNotUrl: 'The Zendesk address "{{value}}" is not a URL (expected e.g. https://yourcompany.zendesk.com)',
    zendeskScheme: 'The Zendesk address must start with https:// (got {{scheme}}//{{host}})',
    zendeskCredentials: 'The Zendesk address must not contain a user name or password; they are kept in the keychain',
    zendeskQuery: 'The Zendesk address must not contain ? or #',
    zendeskPath: 'The Zendesk address is the account address only, without a path',
    salesforceNotUrl: 'The Salesforce address "{{value}}" is not a URL (expected e.g. https://yourcompany.my.salesforce.com)',
    salesforceScheme: 'The Salesforce address must start with https:// (got {{scheme}}//{{host}})',
    salesforceCredentials: 'The Salesforce address must not contain a user name or password',
    salesforcePath: 'The Salesforce address is the org address only (e.g. https://yourcompany.my.salesforce.com), without a path',
  },
} as const;
