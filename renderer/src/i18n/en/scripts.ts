/** English messages of the "scripts" namespace: the source catalog; the other languages must have every key. */
export default {
  title: 'Scripts',
  loading: 'Loading…',
  suggested: 'Suggested scripts',
  open: 'Open {{title}}',
  reason: {
    code: 'Suggested for the wrap-up code {{code}}',
    category: "Suggested for the case's category {{category}}",
  },
  none: 'No scripts are set up.',
  script: 'Script',
  choose: 'Choose a script…',
  openScript: 'Open script',
  timeFor: 'Time for {{title}}',
  steps: 'Steps of {{title}}',
  close: 'Close {{title}}',
  timer: {
    running: '{{elapsed}} of {{target}}',
    runningOver: '{{elapsed}} of {{target}}, {{over}} over',
    done: 'Done in {{elapsed}} of {{target}}',
    doneOver: 'Done in {{elapsed}} of {{target}}, {{over}} over',
    closed: 'Closed after {{elapsed}} of {{target}}',
    closedOver: 'Closed after {{elapsed}} of {{target}}, {{over}} over',
  },
  paused: 'Recording paused for this step. Tick it when the payment is done to resume recording.',
  startPayment: 'Start (pauses recording)',
  startPaymentLabel: 'Start payment step: {{label}}',
} as const;
