/**
 * English messages main composes for the "store" area: the source the window's other languages follow
 * (`shared/text/de/store.ts`). Main sends a key and its values (`userText` in
 * `shared/text/user-text.ts`), never the sentence.
 */
export default {
  /** Why the local store cannot be used now (`store.status` problem, and a refused request). */
  status: {
    damaged: 'The local database is damaged and will be rebuilt at the next start.',
    closed: 'The local store is closed',
    starting: 'The local store is still starting',
    restarting: 'The local store is restarting; try again in a moment',
    notOpen: 'The local store is not open',
    threadStopped: "The store's {{thread}} thread stopped",
    threadStuck: "The local database's {{thread}} thread stopped answering and is being restarted; try again in a moment",
    startFailed: 'The local database could not be started. Restart Switchboard; if this repeats, contact IT.',
    newerSchema: 'The local database was written by a newer version of Switchboard. Update Switchboard to use it; it was left untouched.',
    openIo: 'The local database could not be opened (disk full, no permission, or locked). Check the disk and restart Switchboard.',
    openFailed: 'The local database could not be opened even after it was rebuilt. Restart Switchboard; if this repeats, contact IT.',
    keepsFailing: 'The local database keeps failing. Restart Switchboard; if this repeats, contact IT.',
    stoppedNotReopened: 'The local database stopped and could not be reopened. Restart Switchboard.',
  },
  /** Notices about the local database (`app.notice`). */
  notice: {
    damaged: 'The local customer database is damaged. Restart Switchboard soon: it will be rebuilt, and your unsent work will be kept.',
    recovered:
      'The local customer database {{why}}. It was set aside ({{file}}) and a new one was started; customers and cases come back with the next sync.',
    recoveredKept_one:
      'The local customer database {{why}}. It was set aside ({{file}}) and a new one was started; customers and cases come back with the next sync. {{count}} unsent item(s) were kept and will still be sent.',
    recoveredKept_other:
      'The local customer database {{why}}. It was set aside ({{file}}) and a new one was started; customers and cases come back with the next sync. {{count}} unsent item(s) were kept and will still be sent.',
    /** Completes "The local customer database …". */
    why: {
      wrongKey: 'could not be decrypted with the key in this computer’s keychain',
      damaged: 'was damaged',
    },
    cipherUpgrade:
      'Switchboard is re-encrypting the local customer database in a faster format (once, after this update; about {{seconds}} seconds). Calls, screen pops and the customer list start when it is done.',
    migration:
      'Switchboard is updating the local customer database for this version (once, after this update; about {{seconds}} seconds). Calls, screen pops and the customer list start when it is done.',
    updated: 'The local customer database was updated in {{seconds}} s; Switchboard is ready.',
    updateFailed: 'The local customer database could not be updated (see the notice below).',
  },
  /** A database key this app cannot use: the store does not open, and nothing is changed. */
  key: {
    webShellLegacy:
      'Switchboard (web shell) cannot read the database key {{file}}: it is not a plain key, so it was most likely made by the Switchboard desktop app, which encrypts it with the system keychain. Nothing was changed: the key and the local database are as they were. Open this data folder with the desktop app, or start the web shell with a folder of its own (--data-dir DIR).',
    webShell:
      'Switchboard (web shell) cannot read its database key {{file}}: {{why}}. Nothing was changed: the key and the local database are as they were. Restore that file from a backup, or start the web shell with another data folder (--data-dir DIR).',
    electron:
      'Switchboard cannot read its database key {{file}}: {{why}}. Nothing was changed: the key and the local database are as they were. Open this data folder with what made the key (the web shell (npm run start:web), or this app signed in as the user who made it); if neither applies, contact IT.',
    webShellFolder:
      'Switchboard has no database key of its own in {{folder}}, but the web shell has one there ({{file}}): the local database in this folder belongs to the web shell. Nothing was changed. Open it with the web shell (npm run start:web); to use this app here instead, IT must first move the folder aside.',
    /** Completes "… cannot read its database key FILE: …". */
    why: {
      webShellMalformed: 'it is not a 64-digit key (damaged or edited)',
      webShellUnreadable: 'the file cannot be read (check its owner and permissions)',
      malformed: 'it is not a 64-digit key',
      undecryptable:
        'the system keychain cannot decrypt it (it was made by the web shell, on another computer or for another user account, or the keychain was reset)',
    },
  },
  /** A store request that failed, as the agent reads it. */
  error: {
    damaged: 'The local database is damaged ({{code}})',
    io: 'The local database could not be read or written ({{code}})',
    timedOutSeconds:
      'The local database did not answer {{op}} within {{seconds}} s (its {{thread}} thread is busy or stuck); it may still finish',
    timedOutMs: 'The local database did not answer {{op}} within {{ms}} ms (its {{thread}} thread is busy or stuck); it may still finish',
    importClosed: 'This import is no longer open (it was finished, cancelled or left idle); start it again',
    tooManyImports: 'Too many imports are open at once; finish or cancel one first',
    importTooLarge: 'The file is larger than {{mb}} MB; import it with `npm run import`',
    cannotReadFile: 'Cannot read the import file ({{code}})',
  },
  /** A change to a record refused (shared/store/schemas.ts and electron/store/worker/local-changes.ts); nothing was written. */
  record: {
    refused: 'The change was refused',
    customerRefused: 'The customer was refused',
    customerChangeRefused: 'The change to the customer was refused',
    /** The rule of an edit that changes no field. */
    nothingToChange: 'nothing to change',
    caseExists: 'A case with this id already exists',
    customerExists: 'A customer with this id already exists',
    caseMissing: 'The case is not in the local store',
    customerMissing: 'The customer is not in the local store',
    /** `version`: the stored version's number, or `localVersion`. */
    caseChanged: 'The case changed since it was opened (now version {{version}}); reload it and try again',
    customerChanged: 'The customer changed since it was opened (now version {{version}}); reload it and try again',
    /** A record made here, which the server has given no version yet. */
    localVersion: 'local',
    wrapUpWithoutContact: 'The wrap-up refers to a contact that is not logged',
    wrapUpSubmitted: 'This wrap-up was already submitted and cannot be changed',
  },
  /** What is wrong with an import file, by line (and field). */
  import: {
    noHeader: 'the file has no header line',
    cannotTellFileKind:
      'cannot tell whether this file holds customers or cases: give a "name" column (customers) or a "subject" column (cases)',
    missingColumn: 'the header has no "{{first}}" column (found: {{found}})',
    missingTwoColumns: 'the header has no "{{first}}" or "{{second}}" column (found: {{found}})',
    missingThreeColumns: 'the header has no "{{first}}" or "{{second}}" or "{{third}}" column (found: {{found}})',
    recordNotObject: 'each record must be a JSON object',
    cannotTellRecordKind: 'cannot tell whether this record is a customer or a case (give "name" or "subject")',
    idUsed: '"{{id}}" is already used on line {{line}}',
    noCustomer: 'no customer "{{customerId}}" in the store or in this file (import customers first)',
    noRecords: 'the file holds no records',
    csv: {
      unclosedQuote: 'a quoted field opened on line {{line}} is never closed',
      textAfterQuote: 'unexpected text after a closing quote (quotes inside a field must be doubled: "")',
      fieldCount: 'expected {{expected}} fields like the header, found {{found}}',
    },
    json: {
      empty: 'the file is empty',
      unknownKeys: 'unknown top-level key(s): {{keys}} (expected "customers" and/or "cases")',
      brokenBetweenSections: 'not valid JSON between the sections (check the commas, colons and brackets around "customers" and "cases")',
      notJson: 'not JSON: expected an array of records, an object with "customers"/"cases", or one record per line',
      invalid: 'not valid JSON ({{detail}})',
      invalidLine: 'not valid JSON ({{detail}}); in JSON Lines each record must be on one line',
      textAfterEnd: 'unexpected text after the end of the JSON',
      unclosedString: 'a string starting on line {{line}} is never closed',
      unexpected: 'unexpected "{{char}}"',
      endsInsideObject: 'the file ends inside an object (missing "}")',
      endsInsideArray: 'the file ends inside an array (missing "]")',
    },
    field: {
      mustBeText: 'must be text',
      required: 'required',
      tooLong: 'longer than {{max}} characters',
      phoneList: 'must be a number, a list of numbers separated by ";", or an array',
      notEmail: 'is not an email address',
      yesNo: 'must be yes/no, true/false or 1/0',
      date: 'must be a date like 2025-03-01T14:30:00Z or epoch milliseconds',
      wholeNumber: 'must be a whole number',
      phone: 'phone {{index}}: {{problem}}',
      tooManyPhones: 'more than 20 numbers',
      notStatus: '"{{value}}" is not a status (use new, open, pending, on-hold, solved or closed)',
      notPriority: '"{{value}}" is not a priority (use P1-P4, or urgent, high, normal, low)',
      notPhone: '"{{value}}" is not a phone number ({{region}} is assumed when there is no country code)',
      noDigits: 'has no digits',
      notObject: 'not an object',
      textOrNull: 'must be text or null',
      requiredText: 'required text',
      requiredEpoch: 'required (epoch milliseconds)',
      epoch: 'must be epoch milliseconds',
      wholeNumberOrNull: 'must be a whole number or null',
      trueFalse: 'must be true or false',
      phoneArray: 'must be an array of numbers',
      statusOneOf: 'must be one of new, open, pending, on-hold, solved, closed',
      priorityOneOf: 'must be one of P1, P2, P3, P4',
    },
  },
} as const;
