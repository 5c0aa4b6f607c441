/**
 * English messages main composes for the "preShift" area: the source the window's other languages follow
 * (`shared/text/de/preShift.ts`). Main sends a key and its values (`userText` in
 * `shared/text/user-text.ts`), never the sentence.
 *
 * The setup check's verdicts (shared/pre-shift/verdict.ts): per step, one summary of what was found
 * and the advice lines. A sentence naming the agent's device has an "…Unnamed" twin for a device
 * without a name, so no language has to fit "your microphone" into another sentence's grammar.
 */
export default {
  microphone: {
    summary: {
      denied: 'Switchboard is not allowed to use the microphone.',
      notFound: 'No microphone was found.',
      failed: '{{device}} could not be opened.',
      failedUnnamed: 'Your microphone could not be opened.',
      silent: 'No sound from {{device}}: check the headset is plugged in and not muted.',
      silentUnnamed: 'No sound from your microphone: check the headset is plugged in and not muted.',
      pass: '{{device}} picks up your voice.',
      passUnnamed: 'Your microphone picks up your voice.',
    },
    advice: {
      allowAccess:
        "Allow microphone access for Switchboard in your computer's privacy settings (or the browser's site settings), then run the check again.",
      plugIn: 'Plug in your headset, choose it under Phone settings (in the phone bar), and run the check again.',
      closeOtherApps: 'Close other apps that may be using the headset (other softphones, meeting apps), or unplug it and plug it back in.',
      unmute: 'Check the headset is plugged in and its mute switch or button is off.',
      chooseMicrophone: 'Make sure the right microphone is chosen under Phone settings (in the phone bar).',
      speak: 'Speak while the level meter runs.',
    },
  },
  speaker: {
    summary: {
      failed: 'The test tone could not play on {{device}}.',
      failedUnnamed: 'The test tone could not play on your speaker.',
      notHeard: 'You did not hear the test tone on {{device}}.',
      notHeardUnnamed: 'You did not hear the test tone on your speaker.',
      pass: 'You heard the test tone on {{device}}.',
      passUnnamed: 'You heard the test tone on your speaker.',
    },
    advice: {
      checkHeadset: 'Check the headset is plugged in and chosen under Phone settings (in the phone bar), then run the check again.',
      turnUpVolume: 'Turn up the volume on the headset and on the computer.',
      chooseSpeaker: 'Make sure the right speaker is chosen under Phone settings (in the phone bar).',
    },
  },
  echo: {
    summary: {
      notConfigured: 'Echo test call skipped: your IT department has not set an echo test extension.',
      cancelled: 'Echo test call cancelled.',
      notRegistered: 'The phone is not connected to the phone system, so no test call was made.',
      unknownExtension: 'The echo test extension is not known to the phone system.',
      unknownExtensionCode: 'The echo test extension is not known to the phone system (SIP {{sipCode}}).',
      busy: 'The echo test extension was busy.',
      busyCode: 'The echo test extension was busy (SIP {{sipCode}}).',
      refused: 'The phone system refused the test call.',
      refusedCode: 'The phone system refused the test call (SIP {{sipCode}}).',
      notPlaced: 'The phone system could not place the test call.',
      notPlacedCode: 'The phone system could not place the test call (SIP {{sipCode}}).',
      noAnswer: 'The echo test extension did not answer.',
      noMedia: 'The test call connected, but no call audio got through.',
      noEcho: 'The test call connected, but the test sound did not come back.',
      pass: 'The test sound came back from the echo extension.',
    },
    advice: {
      checkConnection: 'Check your internet and VPN connection, then the phone status in the phone bar.',
      extensionMissing: 'Tell your IT department: the echo test extension set for Switchboard does not exist on the phone system.',
      tryInAMinute: 'Run the check again in a minute.',
      notAllowed: 'Your phone account may not be allowed to make this call: tell your IT department.',
      tryInAFewMinutes: 'Run the check again in a few minutes; if it fails again, tell your IT department.',
      noAnswer: 'Run the check again; if it does not answer again, tell your IT department.',
      audioBlocked: 'Your network or VPN is blocking call audio. Try without the VPN or on another network.',
      needsUdpOrTurn: 'If it fails again, tell your IT department (calls need UDP or a TURN server).',
      oneWay: 'Call audio is not getting through both ways. Try without the VPN or on another network.',
      tellIt: 'If it fails again, tell your IT department.',
    },
  },
  network: {
    summary: {
      notRegistered: 'The phone system could not be reached: the phone is not connected.',
      noAnswer: 'The phone system did not answer.',
      /** What was found, two to four parts (the `found` messages), in order. */
      two: '{{first}}; {{second}}.',
      three: '{{first}}; {{second}}; {{third}}.',
      four: '{{first}}; {{second}}; {{third}}; {{fourth}}.',
    },
    found: {
      server: 'The phone system answered in {{ms}} ms (median of {{answered}})',
      notMeasured: 'call audio was not measured (no echo test call)',
      loss: 'call audio: {{percent}} % lost',
      jitter: 'jitter {{ms}} ms',
      roundTrip: 'round trip {{ms}} ms',
    },
    advice: {
      unreachable:
        'Check your internet and VPN connection. If other websites work, tell your IT department the phone system cannot be reached.',
      /** Each finding's advice ends with these tips (`tips`, a nested message). */
      tips: 'Use a wired connection instead of Wi-Fi if you can, move closer to the router, and pause large downloads, video streams and backups while you work.',
      slowServer: 'The phone system answers slowly: a VPN or a busy connection may be the cause. {{tips}}',
      loss: 'Your connection loses call audio ({{percent}} % of packets), which sounds choppy. {{tips}}',
      jitter: 'Call audio arrives unevenly (jitter {{ms}} ms), which sounds robotic. {{tips}}',
      roundTrip:
        'Call audio takes long to travel (round trip {{ms}} ms), so you and the customer will talk over each other. A distant VPN or a mobile or satellite link does this: try without the VPN or on another network.',
    },
  },
  /** A step the agent's Cancel stopped before it ran. */
  notChecked: {
    microphone: 'Microphone not checked: the check was cancelled.',
    speaker: 'Speaker not checked: the check was cancelled.',
    echo: 'Echo test call not checked: the check was cancelled.',
    network: 'Network not checked: the check was cancelled.',
  },
  /** Why "Check my setup" did not start. */
  refused: {
    alreadyRunning: 'A setup check is already running.',
    onACall: 'You are on a call: run the setup check when the call has ended.',
  },
  /** The card's headline, by the run's outcome. */
  headline: {
    pass: 'Your setup is ready for calls.',
    warn: 'Your setup works, but calls may not sound good: see below.',
    fail: 'Your setup is not ready for calls: fix what is marked below.',
    cancelled: 'The check was cancelled.',
  },
} as const;
