import { describe, expect, it } from 'vitest';
import en from '../../../renderer/src/i18n/en/settings';
import { POLICY_KEY_NAMES, POLICY_KEYS, POLICY_SECTIONS } from '../../../shared/policy/keys';

/**
 * Settings shows each setting and section by its name from the message catalog (so German reads
 * German); the English names must stay those the policy keys define, which the ADMX template and
 * docs/deploy.md use too, so IT and the agent name a setting alike.
 */
describe('the names Settings shows', () => {
  it('has every policy key, in English exactly as shared/policy/keys defines its title and description', () => {
    expect(en.key).toEqual(
      Object.fromEntries(
        POLICY_KEY_NAMES.map((key) => [key, { title: POLICY_KEYS[key].title, description: POLICY_KEYS[key].description }]),
      ),
    );
  });

  it('has every section, in English exactly as the policy names it', () => {
    expect(en.section).toEqual(Object.fromEntries(POLICY_SECTIONS.map((section) => [section, section])));
  });
});
