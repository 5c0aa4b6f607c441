/**
 * English messages main composes for the "agent" area: the source the window's other languages follow
 * (`shared/text/de/agent.ts`). Main sends a key and its values (`userText` in
 * `shared/text/user-text.ts`), never the sentence.
 */
export default {
  /** What the agent is told after a restart (electron/agent/agent-service.ts). */
  restore: {
    unreadable: 'Your last agent state could not be read, so you start logged out.',
    cutOff_one: 'Switchboard restarted during a call. The call is logged and its wrap-up is open.',
    cutOff_other: 'Switchboard restarted during {{count}} calls. They are logged and their wrap-ups are open.',
    wrapUpOpen: 'Your wrap-up for the last call is still open.',
    owed_one: 'You have {{count}} wrap-up to finish.',
    owed_other: 'You have {{count}} wrap-ups to finish.',
  },
  /** electron/agent/call-loop.ts */
  storeFailed: 'Your last contact could not be saved to the local store. It is kept in memory; check Diagnostics.',
  /** Reminders of promised callbacks (electron/agent/callback-reminders.ts); `when` is the instant (ms), written as a time of day by whoever shows it, in their language and time zone. */
  callbacks: {
    due: 'Callback due at {{when, time}}: see My callbacks.',
    overdue: 'A callback promised for {{when, time}} is overdue: see My callbacks.',
  },
  /** Why main refuses a change to a callback in My callbacks (shared/callbacks/callback-rules.ts); `days`, `max` are numbers. */
  callbackList: {
    alreadyHandedBack: 'This callback was already handed back to the team.',
    alreadyDone: 'This callback was already marked done.',
    alreadyCancelled: 'This callback was already cancelled.',
    timeMissing: 'Set the new date and time for the callback.',
    timeInPast: 'The new callback time is in the past: choose a later time.',
    timeTooFar: 'The new callback time must be within {{days}} days.',
    chooseOutcome: 'Choose how the callback went.',
    reasonMissing: 'Say why you are handing this callback back to the team.',
    reasonTooLong: 'The reason must be at most {{max}} characters.',
  },
  /** Why main refuses a change to a guided script's run (shared/scripts/guided-scripts.ts); `title` is IT's name for the script, `step` a step's id. */
  scripts: {
    tooMany: 'A contact can run at most {{max}} scripts.',
    closed: '"{{title}}" is closed; open it again to carry on.',
    noStep: '"{{title}}" has no step "{{step}}".',
    onlyPaymentStarts: 'Only a payment step is started; tick the others when done.',
    stepDone: 'This step is already done.',
  },
  /** The agent's status as main names it (shared/agent/agent-state-view.ts); `reason` is IT's configured label. */
  status: {
    offline: 'Offline',
    ready: 'Ready',
    notReady: 'Not ready',
    notReadyBecause: 'Not ready: {{reason}}',
    ringing: 'Ringing',
    onCall: 'On call',
    wrapUp: 'Wrap-up',
  },
  /** Commands on the contact desk, callbacks and guided scripts that main refuses (electron/agent/). */
  errors: {
    noContactToFile: 'There is no contact on screen to file.',
    noContactForCustomer: 'There is no contact on screen to create a customer for.',
    customerGone: 'That customer no longer exists.',
    caseNotTheCustomers: 'That case does not belong to this customer.',
    numberNotFull: "The caller's number is not a full phone number, so it cannot be saved to the customer.",
    contactNotLogged: 'That contact is not in the log.',
    caseGone: 'That case does not exist.',
    customerFirst: 'Choose the customer first: a new case needs one.',
    codeForNotes: 'Choose a contact code: the notes are saved with it.',
    callbackGone: 'This callback is no longer in your list.',
    /** `script` is the id IT gave the script. */
    noScript: 'There is no script "{{script}}"; IT may have changed the list.',
    callEndedForPayment: 'The call has ended: a payment step pauses the recording of a call that is up.',
    scriptsClosed: 'This contact is no longer on screen or owed a wrap-up; its scripts can no longer change.',
    scriptNotOpen: 'This script is not open on this contact.',
  },
  /** Why the agent state machine refuses a change (shared/agent/agent-state-transition.ts); `label` is a not-ready reason's name. */
  state: {
    alreadyLoggedIn: 'You are already logged in.',
    alreadyLoggedOut: 'You are already logged out.',
    endCallBeforeLogOut: 'End your call before you log out.',
    wrapUpBeforeLogOut: 'Choose a wrap-up code before you log out.',
    logInFirst: 'Log in first.',
    logInToCall: 'Log in to make calls.',
    duplicateCall: 'This call is already known.',
    tooManyCalls: 'You already have {{max}} calls. End one first.',
    answerRingingFirst: 'Answer or decline the ringing call first.',
    wrapUpBeforeCall: 'Choose a wrap-up code before you make another call.',
    callEnded: 'That call has already ended.',
    alreadyAnswered: 'This call is already answered.',
    holdNeedsConnected: 'Only a connected call can be put on hold.',
    alreadyOnHold: 'This call is already on hold.',
    notOnHold: 'This call is not on hold.',
    replacingKnown: 'The replacing call is already known.',
    onlyRingingDeclined: 'Only a ringing call can be declined.',
    notInWrapUp: 'You are not in wrap-up.',
    wrapUpTimeOver: 'The wrap-up time has already run out.',
    wrapUpTimeNotOver: 'The wrap-up time has not run out yet.',
    wrapUpTimeOverChooseCode: 'The wrap-up time has run out: choose a wrap-up code to continue.',
    cannotExtend: 'Wrap-up time cannot be extended.',
    noMoreTime: 'No more wrap-up time can be added (at most {{extra}} extra).',
    wrapUpBeforeFinish: 'Choose a wrap-up code before you finish.',
    noOpenWrapUp: 'There is no open wrap-up for this contact.',
    shuttingDown: 'Switchboard is shutting down.',
    noSuchReason: 'Not-ready reason "{{code}}" does not exist. Choose another.',
    reasonRetired: '"{{label}}" is no longer in use. Choose another reason.',
    reasonBySystem: '"{{label}}" is set by the system and cannot be chosen.',
    /** `extra` is one of these. */
    duration: {
      minutes: '{{minutes}} min',
      seconds: '{{seconds}} s',
      minutesSeconds: '{{minutes}} min {{seconds}} s',
    },
  },
  /** The system's own not-ready reasons (shared/config/workflow.ts `withSystemReasons`), by code. */
  systemReasons: {
    'missed-call': 'Missed call',
  },
  /** Why main refuses a wrap-up or one edit of it (shared/agent/wrap-up.ts); `code` is a wrap-up code's id, `label` IT's name for it. */
  wrapUp: {
    submitted: 'This wrap-up is already submitted.',
    noSuchCode: 'Wrap-up code "{{code}}" does not exist. Choose another.',
    codeRetired: '"{{label}}" is no longer in use. Choose another code.',
    chooseCode: 'Choose a wrap-up code.',
    notesTooLong: 'The note is too long ({{length}} characters; at most {{max}}).',
    needsNote: '"{{label}}" needs a note.',
    incidentId: 'The incident id must be 1 to 200 characters.',
    callbackTimeMissing: 'Set the callback time.',
    callbackInPast: 'The callback time is in the past.',
    callbackTooSoon: 'The callback must be at least {{minutes}} minutes from now.',
    callbackTooFar: 'The callback must be within {{days}} days.',
    callbackNumberMissing: 'Enter the number to call back.',
    callbackNumberInvalid: 'The callback number is not a phone number.',
    callbackNumberTooLong: 'The callback number is too long.',
    needsCallback: '"{{label}}" needs a callback: set the time and number.',
    doNotCallNumberMissing: 'Enter the number for the do-not-call list.',
    doNotCallNumberInvalid: 'The do-not-call number is not a phone number.',
    doNotCallNumberTooLong: 'The do-not-call number is too long.',
    needsDoNotCall: '"{{label}}" puts the number on the do-not-call list: enter the number.',
    callbackOnDoNotCall: 'A callback cannot go to a number that is going on the do-not-call list.',
  },
  /** A card number in free text (shared/agent/card-number.ts, CARD_NUMBER_MESSAGE: the same words). */
  cardNumber: 'This looks like a card number. Card numbers must not be written in notes; remove it to save.',
  /** Why main refuses an email, chat or walk-in the agent logs (shared/agent/interactions.ts). */
  contactLog: {
    chooseChannel: 'Choose email, chat or walk-in.',
    callsByPhone: 'Calls are logged by the phone; choose email, chat or walk-in.',
    chooseDirection: 'Choose inbound or outbound.',
    startMissing: 'Enter when the contact started.',
    startInFuture: 'The start time is in the future.',
    endMissing: 'Enter when the contact ended.',
    endBeforeStart: 'The end time is before the start time.',
    endInFuture: 'The end time is in the future.',
    handlingNotWhole: 'The handling time must be whole seconds, not negative.',
    handlingTooLong: 'The handling time cannot be more than 24 hours.',
    afterWorkNotWhole: 'The after-contact work must be whole seconds, not negative.',
    afterWorkTooLong: 'The after-contact work cannot be more than 24 hours.',
    numberTooLong: 'The number is too long.',
  },
  /** A call to a number on the do-not-call list (shared/agent/do-not-call.ts); `number` as people read it. */
  doNotCall: {
    unchecked:
      'Switchboard could not check the do-not-call list, so the call was not placed. Try again; if this repeats, export diagnostics for IT.',
    listed: '{{number}} is on the do-not-call list. The call was not placed.',
    listedNotAllowed:
      '{{number}} is on the do-not-call list. The call was not placed. Your organisation does not allow calling numbers on the list.',
    listedApprovable: '{{number}} is on the do-not-call list. The call was not placed. A supervisor may approve the call.',
    supervisorMissing: 'Enter the name of the supervisor who approved this call.',
    supervisorTooLong: "The supervisor's name can be at most {{max}} characters.",
    reasonMissing: 'Write why this number is being called despite the do-not-call list.',
    reasonTooShort: 'Write a reason of at least {{min}} characters; it is kept with the call.',
    reasonTooLong: 'The reason can be at most {{max}} characters.',
  },
} as const;
