import { afterEach, describe, expect, it } from 'vitest';
import type { PreShiftMeasures } from '../../../shared/pre-shift/contract';
import { judgeEcho, judgeMicrophone, judgeNetwork, judgePreShift, judgeSpeaker } from '../../../shared/pre-shift/verdict';
import { englishOf } from '../../../shared/text/user-text';
import { i18n, translateUserText } from '../../../renderer/src/i18n';
import { all, echo, media, mic, network } from '../../support/pre-shift-measures';

/** Runs that between them reach every kind of verdict: each step's pass, its failures, warnings, a cancel. */
const RUNS: PreShiftMeasures[] = [
  all(),
  all({
    microphone: mic({ device: '', peakLevel: 0, loudWindows: 0 }),
    speaker: { device: '', heard: false, problem: null },
    echo: echo({ status: 'refused', sipCode: 404, media: null }),
    network: network({ sipRoundTripsMs: [1500] }),
  }),
  all({
    microphone: mic({ device: 'USB Mic', peakLevel: 0, loudWindows: 0, problem: 'failed' }),
    speaker: { device: 'Speakers', heard: null, problem: 'NotFoundError' },
    echo: echo({ media: media({ lossPct: 2.5, jitterMs: 45.25, rttMs: 700 }) }),
  }),
  {
    microphone: mic({ device: '', peakLevel: 0, loudWindows: 0, problem: 'denied' }),
    speaker: null,
    echo: null,
    network: null,
    cancelled: true,
  },
];

afterEach(async () => {
  await i18n.changeLanguage('en');
});

/**
 * The setup check's verdicts reach the window as keys and values: the window words them in the
 * agent's language, and its English is, word for word, what main writes for IT (the lab tests find
 * the card's text by it).
 */
describe('pre-shift verdicts in the window', () => {
  it('in English, read exactly as main words them', async () => {
    await i18n.changeLanguage('en');
    const texts = RUNS.flatMap((run) => judgePreShift(run, new Date()).steps.flatMap((s) => [s.summary, ...s.advice]));
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) expect(translateUserText(text), text.key).toBe(englishOf(text));
  });

  it('in German after the agent switches the language', async () => {
    await i18n.changeLanguage('de');
    expect(translateUserText(judgeEcho({ status: 'refused', sipCode: 404, media: null }).summary)).toBe(
      'Die Echo-Testnummer ist der Telefonanlage nicht bekannt (SIP 404).',
    );
    const silent = judgeMicrophone({ device: 'Jabra Evolve2 40', peakLevel: 0, loudWindows: 0, problem: null });
    expect(translateUserText(silent.summary)).toBe(
      'Kein Ton vom Gerät „Jabra Evolve2 40“: Prüfen Sie, ob das Headset angeschlossen und nicht stummgeschaltet ist.',
    );
    expect(translateUserText(judgeSpeaker({ device: '', heard: false, problem: null }).summary)).toBe(
      'Sie haben den Testton auf Ihrem Lautsprecher nicht gehört.',
    );
    // The findings are joined in German, with German decimal commas, and the tips follow the advice.
    const poor = judgeNetwork(network(), echo({ media: media({ lossPct: 2.5, jitterMs: 45.25, rttMs: 20 }) }));
    expect(translateUserText(poor.summary)).toBe(
      'Die Telefonanlage hat in 15 ms geantwortet (Median von 3); Gesprächston: 2,5 % verloren; Jitter 45,3 ms; Umlaufzeit 20 ms.',
    );
    expect(translateUserText(poor.advice[0] ?? { key: 'preShift.headline.pass' })).toBe(
      'Über Ihre Verbindung geht Gesprächston verloren (2,5 % der Pakete), das klingt abgehackt. Verwenden Sie wenn möglich eine Kabelverbindung statt WLAN, gehen Sie näher an den Router und unterbrechen Sie große Downloads, Videostreams und Sicherungen, während Sie arbeiten.',
    );
  });

  it('in German, no verdict falls back to English or leaves a placeholder', async () => {
    await i18n.changeLanguage('de');
    for (const run of RUNS) {
      for (const step of judgePreShift(run, new Date()).steps) {
        for (const text of [step.summary, ...step.advice]) {
          const shown = translateUserText(text);
          expect(shown, text.key).not.toBe(englishOf(text));
          expect(shown, text.key).not.toMatch(/\{\{|\}\}|preShift\./);
        }
      }
    }
  });
});
