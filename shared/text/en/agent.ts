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
  /** Reminders of promised callbacks (electron/agent/callback-reminders.ts); `when` is the time of day. */
  callbacks: {
    due: 'Callback due at {{when}}: see My callbacks.',
    overdue: 'A callback promised for {{when}} is overdue: see My callbacks.',
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
} as const;
