import { describe, expect, it } from 'vitest';
import { preShiftMeasuresSchema, preShiftResultSchema } from '../../../shared/pre-shift/contract';
import { englishOf } from '../../../shared/text/user-text';
import { all, echo, media, mic, network } from '../../support/pre-shift-measures';
import {
  describeOutcome,
  judgeEcho,
  judgeMicrophone,
  judgeNetwork,
  judgePreShift,
  judgeSpeaker,
  median,
  PRE_SHIFT_LIMITS,
  preShiftResultInEnglish,
} from '../../../shared/pre-shift/verdict';

describe('pre-shift check: the microphone', () => {
  it('passes with speech-level sound, and fails a silent input naming the device and what to check', () => {
    expect(judgeMicrophone(mic()).outcome).toBe('pass');
    const silent = judgeMicrophone(mic({ peakLevel: 0.002, loudWindows: 0 }));
    expect(silent.outcome).toBe('fail');
    expect(englishOf(silent.summary)).toBe('No sound from Jabra Evolve2 40: check the headset is plugged in and not muted.');
    expect(silent.advice.map(englishOf).join(' ')).toMatch(/mute switch/);
  });

  it('needs several windows at speech level, not one click', () => {
    expect(judgeMicrophone(mic({ loudWindows: PRE_SHIFT_LIMITS.speechWindows - 1 })).outcome).toBe('fail');
    expect(judgeMicrophone(mic({ loudWindows: PRE_SHIFT_LIMITS.speechWindows })).outcome).toBe('pass');
  });

  it('says why when the microphone could not be opened', () => {
    expect(englishOf(judgeMicrophone(mic({ problem: 'denied', loudWindows: 0 })).summary)).toMatch(/not allowed to use the microphone/);
    expect(judgeMicrophone(mic({ problem: 'not-found', loudWindows: 0 })).advice.map(englishOf)[0]).toMatch(/Plug in your headset/);
    expect(englishOf(judgeMicrophone(mic({ device: '', loudWindows: 0 })).summary)).toMatch(/^No sound from your microphone/);
    expect(englishOf(judgeMicrophone(mic({ device: '', problem: 'failed', loudWindows: 0 })).summary)).toBe(
      'Your microphone could not be opened.',
    );
  });
});

describe('pre-shift check: the speaker', () => {
  it('passes when the agent heard the tone, fails when not or when it could not play', () => {
    expect(judgeSpeaker({ device: 'Headset', heard: true, problem: null }).outcome).toBe('pass');
    const notHeard = judgeSpeaker({ device: 'Headset', heard: false, problem: null });
    expect(notHeard.outcome).toBe('fail');
    expect(notHeard.advice.map(englishOf).join(' ')).toMatch(/volume/);
    expect(englishOf(judgeSpeaker({ device: 'Headset', heard: null, problem: 'NotFoundError' }).summary)).toBe(
      'The test tone could not play on Headset.',
    );
  });
});

describe('pre-shift check: the echo test call', () => {
  it('is skipped with its reason when IT set no echo extension', () => {
    const v = judgeEcho({ status: 'not-configured', sipCode: null, media: null });
    expect(v.outcome).toBe('skipped');
    expect(englishOf(v.summary)).toMatch(/has not set an echo test extension/);
  });

  it('passes when the signal comes back, fails when the call connects but nothing comes back', () => {
    expect(judgeEcho(echo()).outcome).toBe('pass');
    const silent = judgeEcho(echo({ media: media({ echoLevel: 0.001 }) }));
    expect(silent.outcome).toBe('fail');
    expect(englishOf(silent.summary)).toMatch(/did not come back/);
  });

  it('turns the SIP refusal into what to do', () => {
    const unknown = judgeEcho({ status: 'refused', sipCode: 404, media: null });
    expect(unknown.outcome).toBe('fail');
    // The window gets the message's key and the code, and words it in the agent's language.
    expect(unknown.summary).toEqual({ key: 'preShift.echo.summary.unknownExtensionCode', values: { sipCode: 404 } });
    expect(englishOf(unknown.summary)).toBe('The echo test extension is not known to the phone system (SIP 404).');
    expect(englishOf(judgeEcho({ status: 'refused', sipCode: null, media: null }).summary)).toBe(
      'The phone system could not place the test call.',
    );
    expect(unknown.advice.map(englishOf)[0]).toMatch(/Tell your IT department/);
    expect(englishOf(judgeEcho({ status: 'refused', sipCode: 486, media: null }).summary)).toMatch(/busy/);
    expect(englishOf(judgeEcho({ status: 'refused', sipCode: 403, media: null }).summary)).toMatch(/refused the test call \(SIP 403\)/);
    expect(englishOf(judgeEcho({ status: 'refused', sipCode: 503, media: null }).summary)).toMatch(
      /could not place the test call \(SIP 503\)/,
    );
    expect(englishOf(judgeEcho({ status: 'no-answer', sipCode: null, media: null }).summary)).toBe(
      'The echo test extension did not answer.',
    );
    expect(judgeEcho({ status: 'no-media', sipCode: null, media: null }).advice.map(englishOf).join(' ')).toMatch(/VPN/);
    expect(judgeEcho({ status: 'not-registered', sipCode: null, media: null }).outcome).toBe('fail');
  });
});

describe('pre-shift check: the network', () => {
  it('reports the median SIP round trip and the call figures when all are within limits', () => {
    const v = judgeNetwork(network(), echo());
    expect(v.outcome).toBe('pass');
    expect(englishOf(v.summary)).toBe(
      'The phone system answered in 15 ms (median of 3); call audio: 0 % lost; jitter 2 ms; round trip 20 ms.',
    );
    expect(v.advice).toEqual([]);
  });

  it.each([
    ['loss', { lossPct: 1.5 }, 'warn', /loses call audio \(1\.5 % of packets\)/],
    ['loss', { lossPct: 6 }, 'fail', /loses call audio/],
    ['jitter', { jitterMs: 45 }, 'warn', /jitter 45 ms/],
    ['jitter', { jitterMs: 80 }, 'fail', /unevenly/],
    ['round trip', { rttMs: 320 }, 'warn', /round trip 320 ms/],
    ['round trip', { rttMs: 700 }, 'fail', /talk over each other/],
  ] as const)('%s over its limit (%o) is %s, with advice', (_what, over, outcome, advice) => {
    const v = judgeNetwork(network(), echo({ media: media(over) }));
    expect(v.outcome).toBe(outcome);
    expect(v.advice.map(englishOf).join(' ')).toMatch(advice);
  });

  it('the advice for a poor connection ends with what the agent can change', () => {
    const v = judgeNetwork(network({ sipRoundTripsMs: [400] }), echo({ media: media({ lossPct: 2 }) }));
    expect(v.advice.map(englishOf)).toEqual([
      'The phone system answers slowly: a VPN or a busy connection may be the cause. Use a wired connection instead of Wi-Fi if you can, move closer to the router, and pause large downloads, video streams and backups while you work.',
      'Your connection loses call audio (2 % of packets), which sounds choppy. Use a wired connection instead of Wi-Fi if you can, move closer to the router, and pause large downloads, video streams and backups while you work.',
    ]);
  });

  it('exactly at a limit is still a pass (the limits are "more than")', () => {
    const v = judgeNetwork(
      network({ sipRoundTripsMs: [PRE_SHIFT_LIMITS.sipWarnMs] }),
      echo({
        media: media({ lossPct: PRE_SHIFT_LIMITS.lossWarnPct, jitterMs: PRE_SHIFT_LIMITS.jitterWarnMs, rttMs: PRE_SHIFT_LIMITS.rttWarnMs }),
      }),
    );
    expect(v.outcome).toBe('pass');
  });

  it('a slow SIP server warns; no answer at all fails; not registered fails', () => {
    expect(judgeNetwork(network({ sipRoundTripsMs: [350, 400, 380] }), null).outcome).toBe('warn');
    expect(judgeNetwork(network({ sipRoundTripsMs: [1500] }), null).outcome).toBe('fail');
    const silent = judgeNetwork(network({ sipRoundTripsMs: [] }), null);
    expect(silent.outcome).toBe('fail');
    expect(englishOf(silent.summary)).toBe('The phone system did not answer.');
    expect(englishOf(judgeNetwork(network({ sipRoundTripsMs: [], probes: 0, problem: 'not-registered' }), null).summary)).toMatch(
      /not connected/,
    );
  });

  it('without an echo call it says the call audio was not measured', () => {
    expect(englishOf(judgeNetwork(network(), { status: 'not-configured', sipCode: null, media: null }).summary)).toMatch(
      /call audio was not measured/,
    );
  });

  it('median of an even count is the mean of the middle two; of none, null', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('pre-shift check: the card', () => {
  const at = new Date('2026-12-06T08:00:00Z');

  it('passes when every step passes, and a skipped echo call does not fail it', () => {
    expect(judgePreShift(all(), at).outcome).toBe('pass');
    const skipped = judgePreShift(all({ echo: { status: 'not-configured', sipCode: null, media: null } }), at);
    expect(skipped.outcome).toBe('pass');
    expect(skipped.steps.find((s) => s.step === 'echo')?.outcome).toBe('skipped');
  });

  it('any failed step fails it; a warning alone warns', () => {
    expect(judgePreShift(all({ microphone: mic({ loudWindows: 0 }) }), at).outcome).toBe('fail');
    expect(judgePreShift(all({ echo: echo({ media: media({ lossPct: 2 }) }) }), at).outcome).toBe('warn');
    expect(englishOf(describeOutcome('fail'))).toMatch(/not ready/);
  });

  it('a cancelled run marks what was not checked and is "cancelled" unless something already failed', () => {
    const cancelled = judgePreShift(all({ echo: null, network: null, cancelled: true }), at);
    expect(cancelled.outcome).toBe('cancelled');
    expect(cancelled.steps.map((s) => s.outcome)).toEqual(['pass', 'pass', 'cancelled', 'cancelled']);
    expect(cancelled.steps.map((s) => englishOf(s.summary)).slice(2)).toEqual([
      'Echo test call not checked: the check was cancelled.',
      'Network not checked: the check was cancelled.',
    ]);
    expect(judgePreShift(all({ microphone: mic({ loudWindows: 0 }), network: null, cancelled: true }), at).outcome).toBe('fail');
  });

  it('the result fits its own schema (what main stores and the bridge checks)', () => {
    const result = judgePreShift(all(), at);
    expect(preShiftResultSchema.parse(result)).toEqual(result);
    expect(result.at).toBe('2026-12-06T08:00:00.000Z');
  });

  it("a result whose verdicts are sentences (an older version's file) or name an unknown message is refused", () => {
    const result = judgePreShift(all(), at);
    const [first, ...rest] = result.steps;
    if (!first) throw new Error('no steps');
    const asSentence = { ...result, steps: [{ ...first, summary: englishOf(first.summary) }, ...rest] };
    expect(preShiftResultSchema.safeParse(asSentence).success).toBe(false);
    const unknownKey = { ...result, steps: [{ ...first, advice: [{ key: 'preShift.microphone.advice.nope' }] }, ...rest] };
    expect(preShiftResultSchema.safeParse(unknownKey).error?.issues[0]?.path).toEqual(['steps', 0, 'advice', 0, 'key']);
  });

  it('in English for the diagnostics zip: every summary and advice line as the window shows it in English', () => {
    const result = judgePreShift(all({ microphone: mic({ loudWindows: 0 }), echo: { status: 'refused', sipCode: 486, media: null } }), at);
    const english = preShiftResultInEnglish(result);
    expect(english.outcome).toBe('fail');
    expect(english.measures).toEqual(result.measures);
    expect(english.steps.map((s) => [s.step, s.outcome, s.summary])).toEqual([
      ['microphone', 'fail', 'No sound from Jabra Evolve2 40: check the headset is plugged in and not muted.'],
      ['speaker', 'pass', 'You heard the test tone on Jabra Evolve2 40.'],
      ['echo', 'fail', 'The echo test extension was busy (SIP 486).'],
      ['network', 'pass', 'The phone system answered in 15 ms (median of 3); call audio was not measured (no echo test call).'],
    ]);
    expect(english.steps[2]?.advice).toEqual(['Run the check again in a minute.']);
  });

  it('measurements from the window are checked: a level above full scale is refused, naming the field', () => {
    const bad = preShiftMeasuresSchema.safeParse({ ...all(), microphone: mic({ peakLevel: 3 }) });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['microphone', 'peakLevel']);
  });
});
