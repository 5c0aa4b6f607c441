import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderKeyTable, tableInDoc } from '../../../electron/policy/key-table';
import { POLICY_KEY_NAMES, registryValueName } from '../../../shared/policy/keys';

const doc = readFileSync(path.resolve(import.meta.dirname, '../../../docs/deploy.md'), 'utf8');

describe('docs/deploy.md', () => {
  it('has the policy key table as generated from the schema (regenerate: npx tsx electron/policy/key-table.ts)', () => {
    expect(tableInDoc(doc)).toBe(renderKeyTable());
  });

  it('lists every key the code reads, and no other, with its registry name', () => {
    const table = tableInDoc(doc) ?? '';
    const documented = [...table.matchAll(/^\| `([A-Za-z]+)` \| `([A-Za-z]+)` \|/gm)].map((m) => [m[1], m[2]]);
    expect(documented).toEqual(POLICY_KEY_NAMES.map((key) => [key, registryValueName(key)]));
  });

  it('names each policy source the code reads', () => {
    for (const source of [
      'HKLM\\Software\\Policies\\Switchboard',
      'HKCU\\Software\\Policies\\Switchboard',
      '/Library/Managed Preferences/<user>/com.switchboard.app.plist',
      '/Library/Managed Preferences/com.switchboard.app.plist',
      '/etc/switchboard/policy.json',
    ]) {
      expect(doc).toContain(source);
    }
  });
});
