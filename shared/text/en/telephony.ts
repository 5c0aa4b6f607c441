/**
 * English messages main composes for the "telephony" area: the source the window's other languages follow
 * (`shared/text/de/telephony.ts`). Main sends a key and its values (`userText` in
 * `shared/text/user-text.ts`), never the sentence.
 *
 * Values: `code` is a SIP status code, `target` and `who` the number or extension the agent dialled,
 * `what` and `detail` a nested message of this file.
 */
export default {
  /** Why a call could not be set up or went on without audio (electron/telephony/call-book.ts, problemFor). */
  call: {
    setupFailed: 'The call could not be set up; the details are in the log.',
    ringLost: 'The call was lost before it was answered: the connection to the phone server dropped.',
  },
  /** The far end's audio, the window that plays it (electron/telephony/call-media.ts, renderer/src/media). */
  media: {
    incompatibleOffer:
      "The caller's phone system offered audio this app cannot use. Ask your phone system administrator to check the WebRTC gateway.",
    incompatibleAnswer:
      "The other side's phone system answered with audio this app cannot use, so the call was ended. Ask your phone system administrator to check the WebRTC gateway.",
    noRelay:
      'The call could not be set up: call audio may only go through the TURN relay, and the relay did not answer (check the TURN server address and credentials).',
    windowClosed: 'Audio is not available: the Switchboard window is closed.',
    lost: 'Audio lost: the Switchboard window closed or reloaded. It comes back when the window does.',
    notRestored: 'Audio could not be restored; hang up and call back.',
    notRestoredWithCode: 'Audio could not be restored ({{code}}); hang up and call back.',
  },
  /** A hold or resume re-INVITE the far end refused (electron/telephony/hold.ts). */
  hold: {
    refused: {
      hold: 'The other side refused to hold the call.',
      resume: 'The other side refused to resume the call.',
    },
    refusedWithCode: {
      hold: 'The other side refused to hold the call ({{code}}).',
      resume: 'The other side refused to resume the call ({{code}}).',
    },
    /** `detail`: why the re-INVITE could not be sent, a sentence of its own. */
    failed: {
      hold: 'The other side refused to hold the call: {{detail}}',
      resume: 'The other side refused to resume the call: {{detail}}',
    },
  },
  /** Blind and attended transfers (electron/telephony/transfer.ts). */
  transfer: {
    failed: 'The transfer to {{target}} failed; the caller is still with you.',
    failedWithCode: 'The transfer to {{target}} failed ({{code}}); the caller is still with you.',
  },
  /** A consultation that ended without the transfer, as the customer's call shows it (electron/telephony/transfer.ts). */
  consult: {
    hungUp: '{{who}} hung up before the transfer.',
    busy: '{{who}} is busy.',
    busyWithCode: '{{who}} is busy ({{code}}).',
    noAnswer: '{{who}} did not answer.',
    noAnswerWithCode: '{{who}} did not answer ({{code}}).',
    declined: '{{who}} declined the call.',
    declinedWithCode: '{{who}} declined the call ({{code}}).',
    notFound: '{{who}} could not be reached.',
    notFoundWithCode: '{{who}} could not be reached ({{code}}).',
    failed: 'The call to {{who}} failed.',
    failedWithCode: 'The call to {{who}} failed ({{code}}).',
    /** `what`: one of the sentences above. */
    customerOnHold: '{{what}} The customer is still on hold: press Resume to talk to them.',
  },
  /** The phone's registration, as the phone strip and a refused dial say it (shared/telephony/registration-text.ts). */
  registration: {
    inSeconds_one: 'in {{count}} s',
    inSeconds_other: 'in {{count}} s',
    now: 'now',
    unconfigured: 'Phone not set up',
    connecting: 'Connecting…',
    connectingBackup: 'Connecting to the backup server…',
    registering: 'Registering…',
    registered: 'Registered',
    registeredBackup: 'Registered (backup server)',
    reconnecting: 'Reconnecting…',
    /** `when`: "in 4 s" or "now". */
    reconnectingIn: 'Reconnecting {{when}}',
    unreachable: 'Server unreachable',
    unreachableRetrying: 'Server unreachable · retrying {{when}}',
    accountRefused: 'Account refused (403)',
    wrongPassword: 'Wrong password ({{code}})',
    rejected: 'Registration refused ({{code}})',
    rejectedRetrying: 'Registration refused ({{code}}) · retrying {{when}}',
    certificate: "Not connected: the SIP server's certificate was not accepted ({{problem}}). Ask IT to check it",
    certificateRetrying:
      "Not connected: the SIP server's certificate was not accepted ({{problem}}). Ask IT to check it · retrying {{when}}",
    certificateProblem: {
      untrusted: 'it is signed by an authority this computer does not trust',
      expired: 'it has expired',
      notYetValid: "it is not valid yet; check this computer's date and time",
      wrongName: 'it was issued for a different server name',
      revoked: 'it has been revoked',
      invalid: 'it is not valid',
    },
    stopped: 'Phone off',
    blockedByPolicy:
      'Not connected: the SIP server is unencrypted (ws://), which your IT policy does not allow. Enter a wss:// server in Phone settings, or ask IT',
  },
  /** A warm transfer ringing: who sends it, and the case's priority and id as sent (shared/telephony/user-to-user.ts). */
  handoff: {
    from: 'Warm transfer from {{from}}',
    fromAbout: 'Warm transfer from {{from}}: {{what}}',
  },
  /** A phone command main refused: the window shows it where the command was given. */
  refusal: {
    notRegistered: 'The phone is not registered: {{state}}.',
    notSetUp: 'The phone is not set up.',
    noAccount: 'The phone is not set up: enter your SIP account first.',
    tooManyCalls: 'You already have {{maximum}} calls; end one first.',
    notRinging: 'That call is not ringing.',
    rejectNotRinging: 'Only a ringing call can be rejected.',
    callEnded: 'That call has already ended.',
    keypadNotConnected: 'Keypad tones need a connected call.',
    holdNotConnected: 'Only a connected call can be held.',
    holdInProgress: 'A hold or resume for this call is already in progress.',
    endedBeforeHold: 'The call ended before it could be held.',
    endedBeforeResume: 'The call ended before it could be taken off hold.',
    transferNotConnected: 'Only a connected call can be transferred.',
    transferInProgress: 'A transfer of this call is already in progress.',
    transferRefused: 'The transfer was refused.',
    consultInProgress: 'A consultation for this call is already under way: complete or cancel it first.',
    notAConsultation: 'That call is not a consultation, so there is no transfer to cancel.',
    transferCompleting: 'The transfer is already being completed and cannot be cancelled now.',
    completeNotConnected: 'Both calls must be connected to complete the transfer.',
    cannotDial: 'That address cannot be dialled.',
    noAudioEngine: 'The audio engine is not running: open the Switchboard window.',
    muteFailed: 'The microphone could not be muted; the audio engine did not answer.',
    engineLostCall: 'The audio engine has no such call (the window may have reloaded).',
  },
  /** The PCI secure pause (electron/telephony/recording-pause.ts). */
  recording: {
    notSetUp: 'Recording pause is not set up for this phone system. Ask IT to set the recording pause command (recordingPauseMethod).',
    notAnswered: 'Recording can be paused and resumed only in an answered call.',
    resuming: 'Recording is being resumed; pause it again once it has.',
    pausing: 'Recording is being paused; resume it once it has.',
    pauseNotConfirmed: 'The phone system did not confirm the pause: the call is still being recorded. Do not take card details yet.',
    pauseNotConfirmedWithCode:
      'The phone system did not confirm the pause ({{code}}): the call is still being recorded. Do not take card details yet.',
    resumeNotConfirmed: 'The phone system did not confirm the resume: recording is still paused.',
    resumeNotConfirmedWithCode: 'The phone system did not confirm the resume ({{code}}): recording is still paused.',
  },
  /** The SIP account form (electron/telephony/telephony-service.ts, setAccount). */
  account: {
    lockedByIt: 'Your SIP server is set by your IT department and cannot be changed here.',
    passwordRequired: 'Enter the password for this account.',
    notLoaded: 'The account was saved but could not be loaded.',
    serverUnencrypted:
      "SIP server: ws:// is an unencrypted connection, which your IT policy does not allow. Use the server's wss:// address.",
    backupServerUnencrypted:
      "Backup SIP server: ws:// is an unencrypted connection, which your IT policy does not allow. Use the server's wss:// address.",
  },
  /** What the agent typed to call, when it cannot be called (shared/telephony/dial-target.ts). */
  dial: {
    empty: 'Enter a number or extension to call.',
    tooLong: 'That is too long to be a number or address.',
    badSipAddress: 'That SIP address is not valid; use the form name@example.com.',
    badCharacters: 'A number may hold only digits, spaces, dashes, brackets and a leading +.',
    notPossibleInternational: 'That is not a possible international number.',
    notPossibleInRegion: 'That is not a possible number in {{region}}; add the country code with a leading +.',
    notPossibleDefaultRegion: 'That is not a possible number in the default region; add the country code with a leading +.',
  },
  /** The echo test call of the setup check (renderer/src/media/echo-test-media.ts). */
  echoTest: {
    cancelled: 'The setup check was cancelled.',
    noNetworkPath: 'No network path for call audio was found.',
    noSuchCall: 'The setup check has no such test call (the window may have reloaded).',
    noAudioEngine: 'The audio engine is not running.',
  },
  /** Why a recording pause policy value is refused (shared/telephony/recording-pause.ts), after the key's name. */
  rule: {
    mimeType: 'must be a MIME type such as text/plain or application/vnd.example.recording',
    plainText: 'must be plain text (no control characters but line breaks)',
    keypadKeys: 'must be 1 to 16 keypad keys (0-9, *, #, A-D), such as *1',
  },
} as const;
