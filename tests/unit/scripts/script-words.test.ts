import { describe, expect, it } from 'vitest';
import { closeRun, openRun, readTimer, suggestScripts } from '../../../shared/scripts/guided-scripts';
import type { GuidedScript } from '../../../shared/config/workflow';
import { reasonWords, timerWords } from '../../../renderer/src/features/scripts/script-words';
import { i18n } from '../../../renderer/src/i18n';

const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
const sec = (n: number) => T0 + n * 1000;
const english = i18n.getFixedT('en', 'scripts');
const german = i18n.getFixedT('de', 'scripts');

const script: GuidedScript = {
  id: 'verify',
  title: 'Identity verification',
  targetSeconds: 90,
  suggestWhen: { caseCategories: ['Technical support'], wrapUpCodes: ['ACCOUNT-UPDATED'] },
  steps: [
    { id: 'name', label: 'Confirm the name', payment: false },
    { id: 'pay', label: 'Take the payment', payment: true },
  ],
};

describe('a script timer in words, so being over the target is read, not only coloured', () => {
  it('says the time taken against the target, and how far over', () => {
    const run = openRun(script, sec(0));
    expect(timerWords(readTimer(run, sec(65)), english)).toBe('1:05 of 1:30');
    expect(timerWords(readTimer(run, sec(102)), english)).toBe('1:42 of 1:30, 0:12 over');
    expect(timerWords(readTimer(run, sec(102)), german)).toBe('1:42 von 1:30, 0:12 darüber');
  });

  it('says when it stopped, and why', () => {
    const closed = closeRun(openRun(script, sec(0)), sec(100));
    expect(timerWords(readTimer(closed, sec(500)), english)).toBe('Closed after 1:40 of 1:30, 0:10 over');
    expect(timerWords(readTimer(closed, sec(500)), german)).toBe('Geschlossen nach 1:40 von 1:30, 0:10 darüber');
  });
});

describe("why a script is suggested, in the agent's language", () => {
  it('names the wrap-up code first, else the case category', () => {
    const [byCode] = suggestScripts([script], { caseCategory: 'Technical support', wrapUpCode: 'ACCOUNT-UPDATED' });
    expect(reasonWords(byCode!.because, english)).toBe('Suggested for the wrap-up code ACCOUNT-UPDATED');
    const [byCategory] = suggestScripts([script], { caseCategory: 'technical support', wrapUpCode: null });
    expect(reasonWords(byCategory!.because, english)).toBe("Suggested for the case's category technical support");
    expect(reasonWords(byCategory!.because, german)).toBe('Vorgeschlagen für die Fallkategorie technical support');
  });
});
