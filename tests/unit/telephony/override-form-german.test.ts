import { afterEach, describe, expect, it } from 'vitest';
import { checkOverrideInput, MIN_OVERRIDE_REASON } from '../../../shared/agent/do-not-call';
import { issueTextsOf } from '../../../shared/bridge/validate';
import { i18n } from '../../../renderer/src/i18n/i18n';
import { translateUserText } from '../../../renderer/src/i18n/user-text';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

// The approval form (renderer/src/features/telephony/DoNotCallOverrideDialog.tsx) runs main's own
// check and shows each field's problem from its message, so the agent reads it in their language.
describe('the do-not-call approval form, in German', () => {
  it("says what is missing from the approval in the agent's language", async () => {
    const checked = checkOverrideInput({ supervisor: ' ', reason: 'ok' }, 0);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    await i18n.changeLanguage('de');
    const shown = Object.fromEntries(issueTextsOf(checked.errors).map((e) => [e.path, translateUserText(e.text)]));
    expect(shown).toEqual({
      supervisor: 'Geben Sie den Namen der bzw. des Vorgesetzten ein, die oder der diesen Anruf genehmigt hat.',
      reason: `Schreiben Sie eine Begründung mit mindestens ${MIN_OVERRIDE_REASON} Zeichen; sie wird mit dem Anruf gespeichert.`,
    });
  });
});
