/** English messages of the "callbacks" namespace: the source catalog; the other languages must have every key. */
export default {
  title: 'My callbacks',
  owed: '{{count}} owed',
  owedOverdue: '{{count}} owed, {{overdue}} overdue',
  loading: 'Loading…',
  empty: 'No callbacks owed.',
  list: 'Callbacks',
  unknownCustomer: 'Unknown customer',
  status: {
    overdue: 'Overdue',
    due: 'Due now',
  },
  when: {
    bothZones: "Due {{customerTime}} customer's time ({{zone}}), {{agentTime}} your time",
    yourTime: 'Due {{time}} your time',
    zoneUnknown: "Due {{time}} your time (customer's time zone unknown)",
  },
  actions: {
    group: 'Actions for the callback to {{name}}',
    dial: 'Dial',
    reschedule: 'Reschedule',
    done: 'Mark done',
    handBack: 'Hand back',
    cancel: 'Cancel',
  },
  reschedule: {
    form: 'Reschedule callback',
    field: 'New date and time',
    save: 'Save new time',
  },
  done: {
    form: 'Mark callback done',
    field: 'Outcome',
    choose: 'Choose…',
    save: 'Save outcome',
  },
  /** How a callback went, by its id (CALLBACK_OUTCOMES in shared/config/workflow.ts: the same words). */
  outcomes: {
    reached: 'Reached the customer',
    'no-answer': 'No answer',
    'left-message': 'Left a message',
    'wrong-number': 'Wrong number',
  },
  handBack: {
    form: 'Hand callback back to the team',
    field: 'Reason for handing back',
    save: 'Hand back to the team',
  },
} as const;
