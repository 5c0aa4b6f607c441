import type {
  EchoMeasure,
  MicrophoneMeasure,
  NetworkMeasure,
  PreShiftMeasures,
  PreShiftResult,
  SpeakerMeasure,
  StepOutcome,
  StepVerdict,
} from './contract';

/**
 * The pre-shift check's rules: measurements in, a verdict per step with what to fix out. Pure, so
 * the renderer shows each step's verdict as it ends and main judges the whole run again (the same
 * rules) for the diagnostics file. Where each number comes from: docs/telephony-lab.md, "Pre-shift
 * check thresholds".
 */
export const PRE_SHIFT_LIMITS = {
  /** RMS of a 50 ms window that counts as a voice (about −40 dBFS): a quiet room stays far below, speech into a headset far above. */
  speechLevel: 0.01,
  /** Windows at speech level needed: 150 ms of sound, not a click or a bump of the cable. */
  speechWindows: 3,
  /** How long the meter listens before it says there is no sound. */
  listenSeconds: 10,
  /** RMS of the received audio that counts as the test signal coming back (it is sent at about −15 dBFS). */
  echoLevel: 0.01,
  /** How long the echo call's audio is measured. */
  echoSeconds: 5,
  /** SIP probes sent to the server; the median of those answered is reported. */
  sipProbes: 3,
  lossWarnPct: 1,
  lossFailPct: 5,
  jitterWarnMs: 30,
  jitterFailMs: 60,
  /** Round trip: 300 ms is about 150 ms each way, ITU-T G.114's limit for one-way delay. */
  rttWarnMs: 300,
  rttFailMs: 600,
  sipWarnMs: 300,
  sipFailMs: 1_000,
} as const;

const NETWORK_ADVICE =
  'Use a wired connection instead of Wi-Fi if you can, move closer to the router, and pause large downloads, video streams and backups while you work.';
const SETTINGS = 'Phone settings (in the phone bar)';

export function judgeMicrophone(m: MicrophoneMeasure): StepVerdict {
  const step = 'microphone';
  const name = m.device || 'your microphone';
  if (m.problem === 'denied') {
    return {
      step,
      outcome: 'fail',
      summary: 'Switchboard is not allowed to use the microphone.',
      advice: [
        "Allow microphone access for Switchboard in your computer's privacy settings (or the browser's site settings), then run the check again.",
      ],
    };
  }
  if (m.problem === 'not-found') {
    return {
      step,
      outcome: 'fail',
      summary: 'No microphone was found.',
      advice: [`Plug in your headset, choose it under ${SETTINGS}, and run the check again.`],
    };
  }
  if (m.problem === 'failed') {
    return {
      step,
      outcome: 'fail',
      summary: `${name} could not be opened.`,
      advice: ['Close other apps that may be using the headset (other softphones, meeting apps), or unplug it and plug it back in.'],
    };
  }
  if (m.loudWindows < PRE_SHIFT_LIMITS.speechWindows) {
    return {
      step,
      outcome: 'fail',
      summary: `No sound from ${name}: check the headset is plugged in and not muted.`,
      advice: [
        'Check the headset is plugged in and its mute switch or button is off.',
        `Make sure the right microphone is chosen under ${SETTINGS}.`,
        'Speak while the level meter runs.',
      ],
    };
  }
  return { step, outcome: 'pass', summary: `${name} picks up your voice.`, advice: [] };
}

export function judgeSpeaker(m: SpeakerMeasure): StepVerdict {
  const step = 'speaker';
  const name = m.device || 'your speaker';
  if (m.problem !== null) {
    return {
      step,
      outcome: 'fail',
      summary: `The test tone could not play on ${name}.`,
      advice: [`Check the headset is plugged in and chosen under ${SETTINGS}, then run the check again.`],
    };
  }
  if (m.heard !== true) {
    return {
      step,
      outcome: 'fail',
      summary: `You did not hear the test tone on ${name}.`,
      advice: ['Turn up the volume on the headset and on the computer.', `Make sure the right speaker is chosen under ${SETTINGS}.`],
    };
  }
  return { step, outcome: 'pass', summary: `You heard the test tone on ${name}.`, advice: [] };
}

function refusal(code: number | null): { summary: string; advice: string[] } {
  const sip = code === null ? '' : ` (SIP ${code})`;
  if (code === 404 || code === 484 || code === 604) {
    return {
      summary: `The echo test extension is not known to the phone system${sip}.`,
      advice: ['Tell your IT department: the echo test extension set for Switchboard does not exist on the phone system.'],
    };
  }
  if (code === 486 || code === 600) {
    return { summary: `The echo test extension was busy${sip}.`, advice: ['Run the check again in a minute.'] };
  }
  if (code === 401 || code === 403 || code === 407) {
    return {
      summary: `The phone system refused the test call${sip}.`,
      advice: ['Your phone account may not be allowed to make this call: tell your IT department.'],
    };
  }
  return {
    summary: `The phone system could not place the test call${sip}.`,
    advice: ['Run the check again in a few minutes; if it fails again, tell your IT department.'],
  };
}

export function judgeEcho(m: EchoMeasure): StepVerdict {
  const step = 'echo';
  switch (m.status) {
    case 'not-configured':
      return {
        step,
        outcome: 'skipped',
        summary: 'Echo test call skipped: your IT department has not set an echo test extension.',
        advice: [],
      };
    case 'cancelled':
      return { step, outcome: 'cancelled', summary: 'Echo test call cancelled.', advice: [] };
    case 'not-registered':
      return {
        step,
        outcome: 'fail',
        summary: 'The phone is not connected to the phone system, so no test call was made.',
        advice: ['Check your internet and VPN connection, then the phone status in the phone bar.'],
      };
    case 'refused': {
      const { summary, advice } = refusal(m.sipCode);
      return { step, outcome: 'fail', summary, advice };
    }
    case 'no-answer':
      return {
        step,
        outcome: 'fail',
        summary: 'The echo test extension did not answer.',
        advice: ['Run the check again; if it does not answer again, tell your IT department.'],
      };
    case 'no-media':
      return {
        step,
        outcome: 'fail',
        summary: 'The test call connected, but no call audio got through.',
        advice: [
          'Your network or VPN is blocking call audio. Try without the VPN or on another network.',
          'If it fails again, tell your IT department (calls need UDP or a TURN server).',
        ],
      };
    case 'connected': {
      const level = m.media?.echoLevel ?? 0;
      if (level < PRE_SHIFT_LIMITS.echoLevel) {
        return {
          step,
          outcome: 'fail',
          summary: 'The test call connected, but the test sound did not come back.',
          advice: [
            'Call audio is not getting through both ways. Try without the VPN or on another network.',
            'If it fails again, tell your IT department.',
          ],
        };
      }
      return { step, outcome: 'pass', summary: 'The test sound came back from the echo extension.', advice: [] };
    }
  }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const RANK: Record<StepOutcome, number> = { pass: 0, skipped: 0, cancelled: 0, warn: 1, fail: 2 };
const worse = (a: StepOutcome, b: StepOutcome): StepOutcome => (RANK[b] > RANK[a] ? b : a);
const round = (value: number): number => Math.round(value * 10) / 10;

/** The network: the SIP server's round trip, and the echo call's loss, jitter and round trip when it was measured. */
export function judgeNetwork(network: NetworkMeasure, echo: EchoMeasure | null): StepVerdict {
  const step = 'network';
  const L = PRE_SHIFT_LIMITS;
  if (network.problem === 'not-registered') {
    return {
      step,
      outcome: 'fail',
      summary: 'The phone system could not be reached: the phone is not connected.',
      advice: [
        'Check your internet and VPN connection. If other websites work, tell your IT department the phone system cannot be reached.',
      ],
    };
  }
  const sip = median(network.sipRoundTripsMs);
  if (sip === null) {
    return {
      step,
      outcome: 'fail',
      summary: 'The phone system did not answer.',
      advice: [
        'Check your internet and VPN connection. If other websites work, tell your IT department the phone system cannot be reached.',
      ],
    };
  }
  let outcome: StepOutcome = 'pass';
  const advice = new Set<string>();
  const found: string[] = [`The phone system answered in ${Math.round(sip)} ms (median of ${network.sipRoundTripsMs.length})`];
  if (sip > L.sipFailMs) outcome = 'fail';
  else if (sip > L.sipWarnMs) outcome = 'warn';
  if (sip > L.sipWarnMs) advice.add('The phone system answers slowly: a VPN or a busy connection may be the cause. ' + NETWORK_ADVICE);

  const media = echo?.status === 'connected' ? echo.media : null;
  if (media === null) {
    found.push('call audio was not measured (no echo test call)');
  } else {
    found.push(`call audio: ${round(media.lossPct)} % lost`);
    if (media.lossPct > L.lossWarnPct) {
      outcome = worse(outcome, media.lossPct > L.lossFailPct ? 'fail' : 'warn');
      advice.add(`Your connection loses call audio (${round(media.lossPct)} % of packets), which sounds choppy. ${NETWORK_ADVICE}`);
    }
    if (media.jitterMs !== null) {
      found.push(`jitter ${round(media.jitterMs)} ms`);
      if (media.jitterMs > L.jitterWarnMs) {
        outcome = worse(outcome, media.jitterMs > L.jitterFailMs ? 'fail' : 'warn');
        advice.add(`Call audio arrives unevenly (jitter ${round(media.jitterMs)} ms), which sounds robotic. ${NETWORK_ADVICE}`);
      }
    }
    if (media.rttMs !== null) {
      found.push(`round trip ${Math.round(media.rttMs)} ms`);
      if (media.rttMs > L.rttWarnMs) {
        outcome = worse(outcome, media.rttMs > L.rttFailMs ? 'fail' : 'warn');
        advice.add(
          `Call audio takes long to travel (round trip ${Math.round(media.rttMs)} ms), so you and the customer will talk over each other. A distant VPN or a mobile or satellite link does this: try without the VPN or on another network.`,
        );
      }
    }
  }
  return { step, outcome, summary: `${found.join('; ')}.`, advice: [...advice] };
}

const cancelledStep = (step: StepVerdict['step'], what: string): StepVerdict => ({
  step,
  outcome: 'cancelled',
  summary: `${what} not checked: the check was cancelled.`,
  advice: [],
});

/** The whole run: each step's verdict and the card's outcome (any fail fails it; a cancelled run that failed nothing is "cancelled"). */
export function judgePreShift(measures: PreShiftMeasures, at: Date): PreShiftResult {
  const steps: StepVerdict[] = [
    measures.microphone ? judgeMicrophone(measures.microphone) : cancelledStep('microphone', 'Microphone'),
    measures.speaker ? judgeSpeaker(measures.speaker) : cancelledStep('speaker', 'Speaker'),
    measures.echo ? judgeEcho(measures.echo) : cancelledStep('echo', 'Echo test call'),
    measures.network ? judgeNetwork(measures.network, measures.echo) : cancelledStep('network', 'Network'),
  ];
  const worst = steps.reduce<StepOutcome>((acc, s) => worse(acc, s.outcome), 'pass');
  const outcome = worst === 'fail' ? 'fail' : measures.cancelled ? 'cancelled' : worst === 'warn' ? 'warn' : 'pass';
  return { at: at.toISOString(), outcome, steps, measures };
}

/** The card's headline. */
export function describeOutcome(outcome: PreShiftResult['outcome']): string {
  switch (outcome) {
    case 'pass':
      return 'Your setup is ready for calls.';
    case 'warn':
      return 'Your setup works, but calls may not sound good: see below.';
    case 'fail':
      return 'Your setup is not ready for calls: fix what is marked below.';
    case 'cancelled':
      return 'The check was cancelled.';
  }
}
