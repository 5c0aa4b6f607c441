import { englishOf, userText, type TextKey, type UserText } from '../text/user-text';
import type {
  EchoMeasure,
  MicrophoneMeasure,
  NetworkMeasure,
  PreShiftMeasures,
  PreShiftResult,
  SpeakerMeasure,
  StepId,
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

/** The summary naming the agent's device, or its "…Unnamed" twin for a device the system gave no name. */
function aboutDevice(key: TextKey, unnamed: TextKey, device: string): UserText {
  return device.trim() === '' ? userText(unnamed) : userText(key, { device });
}

export function judgeMicrophone(m: MicrophoneMeasure): StepVerdict {
  const step = 'microphone';
  if (m.problem === 'denied') {
    return {
      step,
      outcome: 'fail',
      summary: userText('preShift.microphone.summary.denied'),
      advice: [userText('preShift.microphone.advice.allowAccess')],
    };
  }
  if (m.problem === 'not-found') {
    return {
      step,
      outcome: 'fail',
      summary: userText('preShift.microphone.summary.notFound'),
      advice: [userText('preShift.microphone.advice.plugIn')],
    };
  }
  if (m.problem === 'failed') {
    return {
      step,
      outcome: 'fail',
      summary: aboutDevice('preShift.microphone.summary.failed', 'preShift.microphone.summary.failedUnnamed', m.device),
      advice: [userText('preShift.microphone.advice.closeOtherApps')],
    };
  }
  if (m.loudWindows < PRE_SHIFT_LIMITS.speechWindows) {
    return {
      step,
      outcome: 'fail',
      summary: aboutDevice('preShift.microphone.summary.silent', 'preShift.microphone.summary.silentUnnamed', m.device),
      advice: [
        userText('preShift.microphone.advice.unmute'),
        userText('preShift.microphone.advice.chooseMicrophone'),
        userText('preShift.microphone.advice.speak'),
      ],
    };
  }
  return {
    step,
    outcome: 'pass',
    summary: aboutDevice('preShift.microphone.summary.pass', 'preShift.microphone.summary.passUnnamed', m.device),
    advice: [],
  };
}

export function judgeSpeaker(m: SpeakerMeasure): StepVerdict {
  const step = 'speaker';
  if (m.problem !== null) {
    return {
      step,
      outcome: 'fail',
      summary: aboutDevice('preShift.speaker.summary.failed', 'preShift.speaker.summary.failedUnnamed', m.device),
      advice: [userText('preShift.speaker.advice.checkHeadset')],
    };
  }
  if (m.heard !== true) {
    return {
      step,
      outcome: 'fail',
      summary: aboutDevice('preShift.speaker.summary.notHeard', 'preShift.speaker.summary.notHeardUnnamed', m.device),
      advice: [userText('preShift.speaker.advice.turnUpVolume'), userText('preShift.speaker.advice.chooseSpeaker')],
    };
  }
  return {
    step,
    outcome: 'pass',
    summary: aboutDevice('preShift.speaker.summary.pass', 'preShift.speaker.summary.passUnnamed', m.device),
    advice: [],
  };
}

/** The summary of a refused test call, with its SIP code when the server gave one. */
function withCode(key: TextKey, keyWithCode: TextKey, code: number | null): UserText {
  return code === null ? userText(key) : userText(keyWithCode, { sipCode: code });
}

function refusal(code: number | null): { summary: UserText; advice: UserText[] } {
  if (code === 404 || code === 484 || code === 604) {
    return {
      summary: withCode('preShift.echo.summary.unknownExtension', 'preShift.echo.summary.unknownExtensionCode', code),
      advice: [userText('preShift.echo.advice.extensionMissing')],
    };
  }
  if (code === 486 || code === 600) {
    return {
      summary: withCode('preShift.echo.summary.busy', 'preShift.echo.summary.busyCode', code),
      advice: [userText('preShift.echo.advice.tryInAMinute')],
    };
  }
  if (code === 401 || code === 403 || code === 407) {
    return {
      summary: withCode('preShift.echo.summary.refused', 'preShift.echo.summary.refusedCode', code),
      advice: [userText('preShift.echo.advice.notAllowed')],
    };
  }
  return {
    summary: withCode('preShift.echo.summary.notPlaced', 'preShift.echo.summary.notPlacedCode', code),
    advice: [userText('preShift.echo.advice.tryInAFewMinutes')],
  };
}

export function judgeEcho(m: EchoMeasure): StepVerdict {
  const step = 'echo';
  switch (m.status) {
    case 'not-configured':
      return { step, outcome: 'skipped', summary: userText('preShift.echo.summary.notConfigured'), advice: [] };
    case 'cancelled':
      return { step, outcome: 'cancelled', summary: userText('preShift.echo.summary.cancelled'), advice: [] };
    case 'not-registered':
      return {
        step,
        outcome: 'fail',
        summary: userText('preShift.echo.summary.notRegistered'),
        advice: [userText('preShift.echo.advice.checkConnection')],
      };
    case 'refused': {
      const { summary, advice } = refusal(m.sipCode);
      return { step, outcome: 'fail', summary, advice };
    }
    case 'no-answer':
      return {
        step,
        outcome: 'fail',
        summary: userText('preShift.echo.summary.noAnswer'),
        advice: [userText('preShift.echo.advice.noAnswer')],
      };
    case 'no-media':
      return {
        step,
        outcome: 'fail',
        summary: userText('preShift.echo.summary.noMedia'),
        advice: [userText('preShift.echo.advice.audioBlocked'), userText('preShift.echo.advice.needsUdpOrTurn')],
      };
    case 'connected': {
      const level = m.media?.echoLevel ?? 0;
      if (level < PRE_SHIFT_LIMITS.echoLevel) {
        return {
          step,
          outcome: 'fail',
          summary: userText('preShift.echo.summary.noEcho'),
          advice: [userText('preShift.echo.advice.oneWay'), userText('preShift.echo.advice.tellIt')],
        };
      }
      return { step, outcome: 'pass', summary: userText('preShift.echo.summary.pass'), advice: [] };
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

/** The network step's summary: its findings in order, two to four of them. */
function networkSummary(found: readonly UserText[]): UserText {
  const [first, second, third, fourth] = found;
  if (first === undefined || second === undefined) throw new Error('the network summary needs at least two findings');
  if (third === undefined) return userText('preShift.network.summary.two', { first, second });
  if (fourth === undefined) return userText('preShift.network.summary.three', { first, second, third });
  return userText('preShift.network.summary.four', { first, second, third, fourth });
}

/** The network: the SIP server's round trip, and the echo call's loss, jitter and round trip when it was measured. */
export function judgeNetwork(network: NetworkMeasure, echo: EchoMeasure | null): StepVerdict {
  const step = 'network';
  const L = PRE_SHIFT_LIMITS;
  if (network.problem === 'not-registered') {
    return {
      step,
      outcome: 'fail',
      summary: userText('preShift.network.summary.notRegistered'),
      advice: [userText('preShift.network.advice.unreachable')],
    };
  }
  const sip = median(network.sipRoundTripsMs);
  if (sip === null) {
    return {
      step,
      outcome: 'fail',
      summary: userText('preShift.network.summary.noAnswer'),
      advice: [userText('preShift.network.advice.unreachable')],
    };
  }
  const tips = userText('preShift.network.advice.tips');
  let outcome: StepOutcome = 'pass';
  // Each finding adds its advice once, so the list needs no de-duplication.
  const advice: UserText[] = [];
  const found: UserText[] = [userText('preShift.network.found.server', { ms: Math.round(sip), answered: network.sipRoundTripsMs.length })];
  if (sip > L.sipFailMs) outcome = 'fail';
  else if (sip > L.sipWarnMs) outcome = 'warn';
  if (sip > L.sipWarnMs) advice.push(userText('preShift.network.advice.slowServer', { tips }));

  const media = echo?.status === 'connected' ? echo.media : null;
  if (media === null) {
    found.push(userText('preShift.network.found.notMeasured'));
  } else {
    const percent = round(media.lossPct);
    found.push(userText('preShift.network.found.loss', { percent }));
    if (media.lossPct > L.lossWarnPct) {
      outcome = worse(outcome, media.lossPct > L.lossFailPct ? 'fail' : 'warn');
      advice.push(userText('preShift.network.advice.loss', { percent, tips }));
    }
    if (media.jitterMs !== null) {
      const ms = round(media.jitterMs);
      found.push(userText('preShift.network.found.jitter', { ms }));
      if (media.jitterMs > L.jitterWarnMs) {
        outcome = worse(outcome, media.jitterMs > L.jitterFailMs ? 'fail' : 'warn');
        advice.push(userText('preShift.network.advice.jitter', { ms, tips }));
      }
    }
    if (media.rttMs !== null) {
      const ms = Math.round(media.rttMs);
      found.push(userText('preShift.network.found.roundTrip', { ms }));
      if (media.rttMs > L.rttWarnMs) {
        outcome = worse(outcome, media.rttMs > L.rttFailMs ? 'fail' : 'warn');
        advice.push(userText('preShift.network.advice.roundTrip', { ms }));
      }
    }
  }
  return { step, outcome, summary: networkSummary(found), advice };
}

const NOT_CHECKED: Record<StepId, TextKey> = {
  microphone: 'preShift.notChecked.microphone',
  speaker: 'preShift.notChecked.speaker',
  echo: 'preShift.notChecked.echo',
  network: 'preShift.notChecked.network',
};

const cancelledStep = (step: StepId): StepVerdict => ({ step, outcome: 'cancelled', summary: userText(NOT_CHECKED[step]), advice: [] });

/** The whole run: each step's verdict and the card's outcome (any fail fails it; a cancelled run that failed nothing is "cancelled"). */
export function judgePreShift(measures: PreShiftMeasures, at: Date): PreShiftResult {
  const steps: StepVerdict[] = [
    measures.microphone ? judgeMicrophone(measures.microphone) : cancelledStep('microphone'),
    measures.speaker ? judgeSpeaker(measures.speaker) : cancelledStep('speaker'),
    measures.echo ? judgeEcho(measures.echo) : cancelledStep('echo'),
    measures.network ? judgeNetwork(measures.network, measures.echo) : cancelledStep('network'),
  ];
  const worst = steps.reduce<StepOutcome>((acc, s) => worse(acc, s.outcome), 'pass');
  const outcome = worst === 'fail' ? 'fail' : measures.cancelled ? 'cancelled' : worst === 'warn' ? 'warn' : 'pass';
  return { at: at.toISOString(), outcome, steps, measures };
}

/** The card's headline. */
export function describeOutcome(outcome: PreShiftResult['outcome']): UserText {
  return userText(`preShift.headline.${outcome}`);
}

/**
 * The result with each verdict in English words, for people reading the diagnostics zip (IT, support):
 * the window translates the keys itself, a support engineer should not have to.
 */
export function preShiftResultInEnglish(result: PreShiftResult): EnglishPreShiftResult {
  return {
    ...result,
    steps: result.steps.map((s) => ({ ...s, summary: englishOf(s.summary), advice: s.advice.map(englishOf) })),
  };
}

export type EnglishPreShiftResult = Omit<PreShiftResult, 'steps'> & {
  steps: (Omit<StepVerdict, 'summary' | 'advice'> & { summary: string; advice: string[] })[];
};
