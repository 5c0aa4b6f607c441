import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { enumOptions, renderAdml, renderAdmx } from '../../../electron/policy/admx';
import { findAll, parseXml, textOf, XmlError, type XmlElement } from '../../../electron/policy/xml';
import {
  POLICY_KEY_NAMES,
  POLICY_KEYS,
  REGISTRY_POLICY_PATH,
  REGISTRY_RECOMMENDED_SUBKEY,
  registryValueName,
} from '../../../shared/policy/keys';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const admxText = readFileSync(path.join(ROOT, 'resources/policy/Switchboard.admx'), 'utf8');
const admlText = readFileSync(path.join(ROOT, 'resources/policy/en-US/Switchboard.adml'), 'utf8');

/** Every registry value the templates write, as "<key>!<valueName>". */
function writtenValues(admx: XmlElement): Set<string> {
  const values = new Set<string>();
  for (const policy of findAll(admx, 'policy')) {
    const key = policy.attributes.key ?? '';
    if (policy.attributes.valueName) values.add(`${key}!${policy.attributes.valueName}`);
    for (const element of findAll(policy, 'elements').flatMap((e) => e.children.filter((c): c is XmlElement => typeof c !== 'string'))) {
      values.add(`${element.attributes.key ?? key}!${element.attributes.valueName ?? ''}`);
    }
  }
  return values;
}

describe('Group Policy templates', () => {
  const admx = parseXml(admxText);
  const adml = parseXml(admlText);

  it('are well-formed XML of the right kind', () => {
    expect(admx.name).toBe('policyDefinitions');
    expect(adml.name).toBe('policyDefinitionResources');
    expect(admx.attributes.xmlns).toBe('http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions');
  });

  it('list exactly the registry values the code reads, enforced and recommended (both directions)', () => {
    const expected = new Set(
      POLICY_KEY_NAMES.flatMap((key) => [
        `${REGISTRY_POLICY_PATH}!${registryValueName(key)}`,
        `${REGISTRY_POLICY_PATH}\\${REGISTRY_RECOMMENDED_SUBKEY}!${registryValueName(key)}`,
      ]),
    );
    const written = writtenValues(admx);
    expect([...written].filter((v) => !expected.has(v))).toEqual([]);
    expect([...expected].filter((v) => !written.has(v))).toEqual([]);
  });

  it('write each value with the type the code expects', () => {
    for (const policy of findAll(admx, 'policy')) {
      const name = (policy.attributes.name ?? '').replace(/_Recommended$/, '');
      const key = POLICY_KEY_NAMES.find((k) => registryValueName(k) === name);
      expect(key, name).toBeDefined();
      if (!key) continue;
      const kind = POLICY_KEYS[key].kind;
      const elements = findAll(policy, 'elements').flatMap((e) => e.children.filter((c): c is XmlElement => typeof c !== 'string'));
      if (kind === 'boolean') {
        expect(findAll(policy, 'enabledValue')).toHaveLength(1);
        expect(elements).toEqual([]);
      } else if (enumOptions(key)) {
        expect(elements.map((e) => e.name)).toEqual(['enum']);
        expect(findAll(elements[0] as XmlElement, 'string').map(textOf)).toEqual([...(enumOptions(key) ?? [])]);
      } else {
        expect(elements.map((e) => e.name)).toEqual([kind === 'string' ? 'text' : 'multiText']);
      }
    }
  });

  it('the ADML defines every string and presentation the ADMX refers to', () => {
    const strings = new Set(findAll(adml, 'string').map((s) => s.attributes.id));
    const presentations = new Set(findAll(adml, 'presentation').map((p) => p.attributes.id));
    const stringRefs = [...admxText.matchAll(/\$\(string\.([^)]+)\)/g)].map((m) => m[1]);
    const presentationRefs = [...admxText.matchAll(/\$\(presentation\.([^)]+)\)/g)].map((m) => m[1]);
    expect(stringRefs.filter((id) => !strings.has(id))).toEqual([]);
    expect(presentationRefs.filter((id) => !presentations.has(id))).toEqual([]);
    // Every presentation control points at an element of that name.
    const elementIds = new Set(
      findAll(admx, 'elements').flatMap((e) =>
        e.children.filter((c): c is XmlElement => typeof c !== 'string').map((c) => c.attributes.id),
      ),
    );
    for (const control of findAll(adml, 'presentation').flatMap((p) => p.children.filter((c): c is XmlElement => typeof c !== 'string'))) {
      expect(elementIds.has(control.attributes.refId), control.attributes.refId).toBe(true);
    }
  });

  it('are up to date with shared/policy/keys.ts (regenerate: npx tsx electron/policy/admx.ts)', () => {
    expect(admxText).toBe(renderAdmx());
    expect(admlText).toBe(renderAdml());
  });

  it('the XML reader rejects what is not well-formed', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(XmlError);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/given twice/);
    expect(() => parseXml('<a>&nope;</a>')).toThrow(/unknown entity/);
    expect(() => parseXml('<a/><b/>')).toThrow(/after the root/);
    expect(() => parseXml('<a>AT&T</a>')).toThrow(/must start an entity/);
    expect(parseXml('<a t="&lt;&#65;">x<!-- c --><![CDATA[<y>]]></a>')).toMatchObject({ attributes: { t: '<A' }, children: ['x<y>'] });
  });
});

describe('policy.example.json', () => {
  it('holds only known keys, each valid', async () => {
    const { readingFromJson } = await import('../../../electron/policy/sources');
    const { resolvePolicy } = await import('../../../shared/policy/resolve');
    const file = path.join(ROOT, 'resources/policy/policy.example.json');
    const policy = resolvePolicy([readingFromJson(file, readFileSync(file, 'utf8'))]);
    expect(policy.problems).toEqual([]);
    expect(policy.entries.sipDomain.locked).toBe(true);
  });
});
