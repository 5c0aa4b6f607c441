/**
 * Writes resources/policy/Switchboard.mobileconfig, the macOS configuration-profile template for
 * MDM (Jamf, Intune, Kandji, Mosyle), from shared/policy/keys.ts: the same key list as the Group
 * Policy templates (admx.ts), so the two cannot drift apart.
 *
 * The profile holds one Custom Settings payload (`com.apple.ManagedClient.preferences`) for the
 * domain the app reads (`com.switchboard.app`, see electron/policy/sources.ts). Its settings go
 * under `Forced` → `mcx_preference_settings`, which macOS writes to
 * `/Library/Managed Preferences/com.switchboard.app.plist`: top-level keys there are enforced, the
 * `Recommended` dictionary holds defaults the agent may change.
 *
 * Every setting is in the template as a comment, with what it does and an example value of the
 * right plist type; IT uncomments the ones it manages. Nothing is set as shipped, so installing the
 * template unchanged changes nothing.
 *
 * Regenerated with the Group Policy templates:  npx tsx electron/policy/admx.ts
 * (tests/unit/policy/mobileconfig.test.ts fails while the file is out of date).
 */
import path from 'node:path';
import {
  MACOS_PREFERENCE_DOMAIN,
  MACOS_RECOMMENDED_KEY,
  POLICY_KEY_NAMES,
  POLICY_KEYS,
  POLICY_SECTIONS,
  type PolicyKey,
} from '../../shared/policy/keys';

export const MOBILECONFIG_FILE = path.join('resources', 'policy', 'Switchboard.mobileconfig');

/**
 * Fixed, so a regenerated template replaces the profile already installed instead of adding a
 * second one (macOS matches profiles by PayloadIdentifier, payloads by PayloadUUID).
 */
export const PROFILE_IDENTIFIER = 'com.switchboard.app.policy';
const PROFILE_UUID = '5B0B7C1E-3F4A-4D2B-9C61-2D8E6A1F4C70';
const PAYLOAD_UUID = 'C4E2A9D3-7B15-4E8F-A0D6-93F1B2C5E847';

type PlainValue = string | number | boolean | PlainValue[] | { [key: string]: PlainValue };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** XML forbids "--" inside a comment; the descriptions are prose, so a dash does as well. */
function commentText(text: string): string {
  return text.replace(/-{2,}/g, '–').replace(/\s+/g, ' ').trim();
}

/** A value as plist XML on one line. */
export function plistXml(value: PlainValue): string {
  if (typeof value === 'string') return `<string>${escapeXml(value)}</string>`;
  if (typeof value === 'boolean') return value ? '<true/>' : '<false/>';
  if (typeof value === 'number') return Number.isInteger(value) ? `<integer>${value}</integer>` : `<real>${value}</real>`;
  if (Array.isArray(value)) return `<array>${value.map(plistXml).join('')}</array>`;
  return `<dict>${Object.entries(value)
    .map(([k, v]) => `<key>${escapeXml(k)}</key>${plistXml(v)}`)
    .join('')}</dict>`;
}

/** JSON without null (plist has none): such a value stays a JSON string, which the app also reads. */
function plainOf(value: unknown): PlainValue | null {
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (Array.isArray(value)) {
    const items = value.map(plainOf);
    return items.every((item) => item !== null) ? items : null;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, plainOf(v)] as const);
    return entries.every(([, v]) => v !== null) ? Object.fromEntries(entries as [string, PlainValue][]) : null;
  }
  return null;
}

/** The key's documented example as the plist type the app reads for its kind. */
export function exampleValue(key: PolicyKey): PlainValue {
  const definition = POLICY_KEYS[key];
  const example = String(definition.example);
  switch (definition.kind) {
    case 'boolean':
      return example === 'true';
    case 'stringList':
      return example.trim().startsWith('[') ? (JSON.parse(example) as string[]) : [example];
    case 'json':
      // A catalog reads best as a native dict/array; the app takes a JSON string as well.
      return plainOf(JSON.parse(example)) ?? example;
    case 'string':
      return example;
  }
}

function settingLines(key: PolicyKey, indent: string): string[] {
  const definition = POLICY_KEYS[key];
  const secret = definition.secret
    ? ' A secret: managed preferences can be read by every user of the Mac; prefer the agent entering it where you can.'
    : '';
  const about = commentText(`${definition.title}. ${definition.description}${secret}`);
  return [`${indent}<!-- ${key}: ${about} -->`, `${indent}<!-- <key>${key}</key>${plistXml(exampleValue(key))} -->`];
}

export function renderMobileconfig(): string {
  const i = '                ';
  const settings = POLICY_SECTIONS.flatMap((section) => {
    const keys = POLICY_KEY_NAMES.filter((key) => POLICY_KEYS[key].section === section);
    if (keys.length === 0) return [];
    return ['', `${i}<!-- ${section} -->`, ...keys.flatMap((key) => settingLines(key, i))];
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!--
  Switchboard: configuration profile template for macOS managed preferences (domain ${MACOS_PREFERENCE_DOMAIN}).
  Generated from shared/policy/keys.ts (npx tsx electron/policy/admx.ts): the same settings as
  the Group Policy templates (Switchboard.admx). docs/deploy.md explains each setting and how policies layer.

  1. Uncomment each setting you manage and put your value in it (the one shown is an example).
     Settings here are enforced: the agent sees them locked. For a default the agent may change,
     move the setting into the ${MACOS_RECOMMENDED_KEY} dictionary at the end.
  2. Set PayloadOrganization; keep the identifiers and UUIDs, so a new version of this profile
     replaces the one installed.
  3. Upload it to your MDM as a custom configuration profile (or sign it and install it), scoped
     to the computer.
-->
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>PayloadContent</key>
      <dict>
        <key>${MACOS_PREFERENCE_DOMAIN}</key>
        <dict>
          <key>Forced</key>
          <array>
            <dict>
              <key>mcx_preference_settings</key>
              <dict>${settings.join('\n')}

                <!-- Defaults the agent may change: settings moved here are not locked. -->
                <key>${MACOS_RECOMMENDED_KEY}</key>
                <dict>
                </dict>
              </dict>
            </dict>
          </array>
        </dict>
      </dict>
      <key>PayloadDisplayName</key>
      <string>Switchboard settings</string>
      <key>PayloadEnabled</key>
      <true/>
      <key>PayloadIdentifier</key>
      <string>${PROFILE_IDENTIFIER}.settings</string>
      <key>PayloadType</key>
      <string>com.apple.ManagedClient.preferences</string>
      <key>PayloadUUID</key>
      <string>${PAYLOAD_UUID}</string>
      <key>PayloadVersion</key>
      <integer>1</integer>
    </dict>
  </array>
  <key>PayloadDescription</key>
  <string>Servers and settings for the Switchboard softphone, set by IT.</string>
  <key>PayloadDisplayName</key>
  <string>Switchboard</string>
  <key>PayloadIdentifier</key>
  <string>${PROFILE_IDENTIFIER}</string>
  <key>PayloadOrganization</key>
  <string>Your organisation</string>
  <key>PayloadScope</key>
  <string>System</string>
  <key>PayloadType</key>
  <string>Configuration</string>
  <key>PayloadUUID</key>
  <string>${PROFILE_UUID}</string>
  <key>PayloadVersion</key>
  <integer>1</integer>
</dict>
</plist>
`;
}
