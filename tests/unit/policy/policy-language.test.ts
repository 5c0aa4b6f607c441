import { afterEach, describe, expect, it } from 'vitest';
import { policyViewSchema, type PolicyView } from '../../../shared/policy/contract';
import { POLICY_KEY_NAMES, POLICY_KEYS } from '../../../shared/policy/keys';
import { resolvePolicy, type PolicySourceReading } from '../../../shared/policy/resolve';
import { englishOf } from '../../../shared/text/user-text';
import { i18n, translateUserText } from '../../../renderer/src/i18n';

// IT's policy problems and the settings' names cross the bridge as keys; the window shows them in
// the agent's language. These resolve real readings, pass the problems through the bridge's schema
// (which refuses a message with an unknown key) and translate what arrives, as Settings does.

const FILE = '/etc/switchboard/policy.json';

function problemsOf(enforced: Record<string, unknown>): PolicyView['problems'] {
  const reading: PolicySourceReading = { source: FILE, defaults: {}, enforced, problems: [] };
  const { problems } = resolvePolicy([reading]);
  return policyViewSchema.parse({ entries: [], problems, sources: [] }).problems;
}

async function inGerman<T>(show: () => T): Promise<T> {
  await i18n.changeLanguage('de');
  return show();
}

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('policy problems in the window’s language', () => {
  it('a value IT wrote wrong says in German what is wrong and what is used instead; English is what main logs', async () => {
    const [problem] = problemsOf({ dtmfMode: 'sip' });
    expect(englishOf(problem!.message)).toBe(
      `Policy "dtmfMode" in ${FILE} (enforced) is not valid: must be "rfc4733" or "info". Using the built-in default instead.`,
    );
    // An English window shows main's English, word for word (the e2e tests find it by that).
    expect(translateUserText(problem!.message)).toBe(englishOf(problem!.message));
    expect(await inGerman(() => translateUserText(problem!.message))).toBe(
      `Die Richtlinie „dtmfMode“ in ${FILE} (enforced) ist ungültig: muss „rfc4733“ oder „info“ sein. Stattdessen wird der eingebaute Standardwert verwendet.`,
    );
  });

  it('a limit names its number, and a list names each entry that is wrong', async () => {
    const [tooShort, addresses, host] = problemsOf({
      statusFeedPollSeconds: '10',
      stunUrls: ['http://stun.example.com', 'stun:ok.example.com', 'turn:relay.example.com'],
      sipDomain: 'https://example.com',
    });
    expect(await inGerman(() => translateUserText(tooShort!.message))).toBe(
      `Die Richtlinie „statusFeedPollSeconds“ in ${FILE} (enforced) ist ungültig: muss mindestens 30 Sekunden betragen. Stattdessen wird der eingebaute Standardwert verwendet.`,
    );
    expect(englishOf(addresses!.message)).toBe(
      `Policy "stunUrls" in ${FILE} (enforced) is not valid: [0]: "http://stun.example.com" must start with stun: or stuns: (e.g. stun:stun.example.com:3478); [2]: "turn:relay.example.com" must start with stun: or stuns: (e.g. stun:stun.example.com:3478). Using the built-in default instead.`,
    );
    expect(await inGerman(() => translateUserText(addresses!.message))).toBe(
      `Die Richtlinie „stunUrls“ in ${FILE} (enforced) ist ungültig: [0]: „http://stun.example.com“ muss mit stun: oder stuns: beginnen (z. B. stun:stun.example.com:3478); [2]: „turn:relay.example.com“ muss mit stun: oder stuns: beginnen (z. B. stun:stun.example.com:3478). Stattdessen wird der eingebaute Standardwert verwendet.`,
    );
    expect(await inGerman(() => translateUserText(host!.message))).toBe(
      `Die Richtlinie „sipDomain“ in ${FILE} (enforced) ist ungültig: muss ein Hostname wie example.com oder eine IPv4-Adresse sein (ohne Schema, ohne Port). Sie bleibt nicht festgelegt.`,
    );
  });

  it('past three broken entries, says how many more there are', async () => {
    const [problem] = problemsOf({ turnUrls: ['a', 'b', 'c', 'd', 'e'] });
    const german = await inGerman(() => translateUserText(problem!.message));
    expect(german).toContain(
      '[2]: „c“ muss mit turn: oder turns: beginnen (z. B. turns:turn.example.com:443?transport=tcp) (und 2 weitere).',
    );
    expect(german).not.toContain('„d“');
    expect(englishOf(problem!.message)).toContain(
      '(e.g. turns:turn.example.com:443?transport=tcp) (and 2 more). Using the built-in default instead.',
    );
  });

  it('a misspelt key and an unencrypted address required to be encrypted read in German too', async () => {
    const problems = problemsOf({ SipDomain: 'example.com', encryptionRequired: true, sipServer: 'ws://pbx.example.com' });
    expect(await inGerman(() => problems.map((p) => translateUserText(p.message)))).toEqual([
      `Der unbekannte Richtlinienschlüssel „SipDomain“ in ${FILE} (enforced) wird ignoriert. Meinten Sie „sipDomain“?`,
      'Die Richtlinie „sipServer“ ist eine unverschlüsselte Adresse (ws://), aber „encryptionRequired“ ist eingeschaltet, daher wird sie nicht verwendet. Verwenden Sie wss://.',
    ]);
  });
});

describe('the settings’ names and descriptions in the window’s language', () => {
  it('shows a setting’s title and description in German, and in English as the key defines them', async () => {
    expect(i18n.t('settings:key.dtmfMode.title')).toBe(POLICY_KEYS.dtmfMode.title);
    expect(i18n.t('settings:key.dtmfMode.description')).toBe(POLICY_KEYS.dtmfMode.description);
    expect(await inGerman(() => i18n.t('settings:key.dtmfMode.title'))).toBe('DTMF-Modus');
    expect(await inGerman(() => i18n.t('settings:key.dtmfMode.description'))).toBe(
      'Wie Tastentöne gesendet werden: rfc4733 (im Audiostrom, die übliche Wahl) oder info (SIP-INFO-Nachrichten).',
    );
  });

  it('has every key’s description written in German, not copied from English', async () => {
    const copied = await inGerman(() =>
      POLICY_KEY_NAMES.filter((key) => i18n.t(`settings:key.${key}.description`) === POLICY_KEYS[key].description),
    );
    expect(copied).toEqual([]);
  });
});
