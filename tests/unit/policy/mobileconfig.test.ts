import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleValue, plistXml, PROFILE_IDENTIFIER, renderMobileconfig } from '../../../electron/policy/mobileconfig';
import { parsePlist, type PlistValue } from '../../../electron/policy/plist';
import { readingFromPlist } from '../../../electron/policy/sources';
import { MACOS_PREFERENCE_DOMAIN, MACOS_RECOMMENDED_KEY, POLICY_KEY_NAMES, POLICY_KEYS } from '../../../shared/policy/keys';
import { checkPolicyValue } from '../../../shared/policy/resolve';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const template = readFileSync(path.join(ROOT, 'resources/policy/Switchboard.mobileconfig'), 'utf8');

type Dict = { [key: string]: PlistValue };
const dict = (value: PlistValue | undefined): Dict => {
  expect(value, 'expected a <dict>').toBeTypeOf('object');
  expect(Array.isArray(value)).toBe(false);
  return value as Dict;
};

/** What IT does with the template: uncomment every setting. */
const uncommentAll = (text: string) => text.replace(/<!-- (<key>[^<]+<\/key>.*) -->/g, '$1');

/** The settings macOS writes to /Library/Managed Preferences/com.switchboard.app.plist from the profile. */
function managedPreferences(profile: PlistValue): Dict {
  const root = dict(profile);
  expect(root).toMatchObject({
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadScope: 'System',
    PayloadIdentifier: PROFILE_IDENTIFIER,
  });
  const payloads = root.PayloadContent as PlistValue[];
  expect(payloads).toHaveLength(1);
  const payload = dict(payloads[0]);
  expect(payload).toMatchObject({ PayloadType: 'com.apple.ManagedClient.preferences', PayloadVersion: 1, PayloadEnabled: true });
  expect(payload.PayloadUUID).toEqual(expect.stringMatching(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/));
  expect(payload.PayloadUUID).not.toBe(root.PayloadUUID);
  const forced = dict(dict(payload.PayloadContent)[MACOS_PREFERENCE_DOMAIN]).Forced as PlistValue[];
  expect(forced).toHaveLength(1);
  return dict(dict(forced[0]).mcx_preference_settings);
}

describe('the macOS configuration profile template (resources/policy/Switchboard.mobileconfig)', () => {
  it('is up to date with shared/policy/keys.ts (regenerate: npx tsx electron/policy/admx.ts)', () => {
    expect(template).toBe(renderMobileconfig());
  });

  it('as shipped, is a well-formed profile that sets nothing', () => {
    const settings = managedPreferences(parsePlist(template));
    expect(settings).toEqual({ [MACOS_RECOMMENDED_KEY]: {} });
  });

  it('names every policy key once, with its description, as the Group Policy templates do', () => {
    for (const key of POLICY_KEY_NAMES) {
      expect(template.split(`<key>${key}</key>`).length - 1, key).toBe(1);
      expect(template, key).toContain(`<!-- ${key}: `);
    }
  });

  it('with every setting uncommented, the app reads each one as enforced, with a valid value of the right type', () => {
    const settings = managedPreferences(parsePlist(uncommentAll(template)));
    const reading = readingFromPlist('/Library/Managed Preferences/com.switchboard.app.plist', settings);
    expect(reading.problems).toEqual([]);
    expect(Object.keys(reading.enforced).sort()).toEqual([...POLICY_KEY_NAMES].sort());
    expect(reading.defaults).toEqual({});
    for (const key of POLICY_KEY_NAMES) {
      const checked = checkPolicyValue(key, reading.enforced[key]);
      expect(checked, `${key}: ${JSON.stringify(reading.enforced[key])}`).toMatchObject({ ok: true });
    }
  });

  it('writes booleans, lists and catalogs as native plist values, not text', () => {
    const boolean = POLICY_KEY_NAMES.find((key) => POLICY_KEYS[key].kind === 'boolean')!;
    const list = POLICY_KEY_NAMES.find((key) => POLICY_KEYS[key].kind === 'stringList')!;
    const catalog = POLICY_KEY_NAMES.find((key) => POLICY_KEYS[key].kind === 'json')!;
    expect(typeof exampleValue(boolean)).toBe('boolean');
    expect(Array.isArray(exampleValue(list))).toBe(true);
    expect(typeof exampleValue(catalog)).toBe('object');
    expect(plistXml({ a: [1, 2.5, true, 'x < y & z'] })).toBe(
      '<dict><key>a</key><array><integer>1</integer><real>2.5</real><true/><string>x &lt; y &amp; z</string></array></dict>',
    );
  });
});
