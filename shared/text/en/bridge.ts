/**
 * English messages main composes for the "bridge" area: the source the window's other languages follow
 * (`shared/text/de/bridge.ts`). Main sends a key and its values (`userText` in
 * `shared/text/user-text.ts`), never the sentence.
 */
export default {
  /** A command main refused or could not answer; the window shows it where the command was given. */
  command: {
    unknownChannel: 'Unknown command channel: {{channel}}',
    invalidRequest: 'Invalid request for {{channel}}',
    notInBuild: '{{channel}} is not available in this build',
    failed: '{{channel}} failed; the details are in the log',
    timedOutSeconds: 'Switchboard did not finish {{channel}} within {{seconds}} s; it may still complete. The details are in the log',
    timedOutMs: 'Switchboard did not finish {{channel}} within {{ms}} ms; it may still complete. The details are in the log',
    invalidResult: '{{channel}} produced an invalid answer',
  },
  /** Main asking the window's media engine (calls' audio) and getting no usable answer. */
  media: {
    noEngine: 'No media engine is attached (the window is not open)',
    invalidParameters: 'Invalid parameters for {{method}}',
    timedOut: 'The media engine did not answer {{method}} within {{ms}} ms',
    unreachable: 'The media engine could not be reached ({{error}})',
    invalidResult: 'The media engine gave an invalid answer to {{method}}',
    windowClosed: 'The window closed or reloaded before answering {{method}}',
    replaced: 'The media engine was replaced before answering {{method}}',
  },
  /** The window's own side of the connection to main. */
  connection: {
    notConnected: 'Not connected to Switchboard yet',
    notResponding: 'Switchboard is not responding: {{channel}} got no answer in {{seconds}} s. If this lasts, restart Switchboard.',
    failed: 'The connection to Switchboard failed',
    lost: 'The connection to Switchboard was lost',
  },
} as const;
