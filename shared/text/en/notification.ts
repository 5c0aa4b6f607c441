/**
 * English of the text main shows itself, outside the window: OS notifications, the box when the
 * app cannot start and the page the browser shows at the end of a sign-in. Main translates these
 * itself (`translate` in shared/text/translate.ts) into the agent's language (shared/text/language.ts).
 */
export default {
  /** A ringing call (electron/telephony/inbound-offer.ts); the body names the caller, never the case summary. */
  call: {
    incoming: 'Incoming call',
    waiting: 'Call waiting',
    warmTransfer: 'Warm transfer',
    /** The caller's name and number: "Ada Lovelace · +441234567890". */
    namedCaller: '{{name}} · {{number}}',
    /** A caller without a name: the number alone. */
    caller: '{{number}}',
  },
  /** Callback reminders (electron/agent/callback-reminders.ts); the body is agent.callbacks.*. */
  callback: {
    due: 'Callback due',
    overdue: 'Callback overdue',
  },
  /** The error box's title when the app cannot start (electron/platform/lifecycle.ts); the text is app.start.*. */
  startFailed: 'Switchboard could not start',
  /** The page in the system browser at the end of an OAuth sign-in (electron/auth/loopback-redirect.ts). */
  signInPage: {
    signedInTitle: 'Signed in to {{provider}}',
    signedIn: 'You are signed in to {{provider}}; you can close this tab.',
    failedTitle: 'Sign-in to {{provider}} did not work',
    /** `problem` is the sign-in's own sentence (sso.oauth.sentence). */
    failed: '{{problem}} You can close this tab.',
    returnTitle: 'Return to Switchboard',
    returnText: 'Switchboard shows whether the sign-in to {{provider}} worked.',
    strayTitle: 'This page is not part of the current sign-in',
    strayText:
      'Switchboard is not waiting for this page. If you are signing in to {{provider}}, return to Switchboard and start the sign-in again.',
  },
} as const;
