import { afterEach, describe, expect, it } from 'vitest';
import { CALLBACK_OUTCOMES, type CallbackOutcome } from '../../../shared/config/workflow';
import { i18n } from '../../../renderer/src/i18n';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('"Mark done" names each outcome in the agent’s language', () => {
  it('in English with the words main sends, in German with its own, for every outcome main offers', async () => {
    const label = (id: CallbackOutcome) => i18n.t(`outcomes.${id}`, { ns: 'callbacks' });
    expect(CALLBACK_OUTCOMES.map((o) => label(o.id))).toEqual(CALLBACK_OUTCOMES.map((o) => o.label));
    await i18n.changeLanguage('de');
    expect(CALLBACK_OUTCOMES.map((o) => label(o.id))).toEqual([
      'Kunde erreicht',
      'Keine Antwort',
      'Nachricht hinterlassen',
      'Falsche Nummer',
    ]);
  });
});
