/**
 * Writes the Group Policy templates (resources/policy/Switchboard.admx and
 * en-US/Switchboard.adml) from shared/policy/keys.ts (and, from its command line, the macOS
 * profile template: mobileconfig.ts), so they name exactly the
 * registry values the app reads. Every key appears twice: under
 * "Switchboard" (enforced, `Software\Policies\Switchboard`) and under
 * "Switchboard - Default settings (users can override)" (`...\Recommended`).
 *
 * Regenerate after changing the keys:  npx tsx electron/policy/admx.ts
 * (tests/unit/policy/admx.test.ts fails while the files are out of date).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import {
  POLICY_KEY_NAMES,
  POLICY_KEYS,
  POLICY_SECTIONS,
  REGISTRY_POLICY_PATH,
  REGISTRY_RECOMMENDED_SUBKEY,
  registryValueName,
  type PolicyKey,
  type PolicySection,
} from '../../shared/policy/keys';
import { MOBILECONFIG_FILE, renderMobileconfig } from './mobileconfig';

const NS = 'Switchboard.Policies.Switchboard';
const SUPPORTED = 'SUPPORTED_Switchboard_0_1';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function sectionId(section: PolicySection): string {
  return section.replace(/[^A-Za-z]/g, '');
}

/** The choices of an enum-valued key (DTMF mode, update channel, log level), else null. */
export function enumOptions(key: PolicyKey): readonly string[] | null {
  const schema: unknown = POLICY_KEYS[key].schema;
  return schema instanceof z.ZodEnum ? (schema.options as readonly string[]) : null;
}

function elementFor(key: PolicyKey): string {
  const name = registryValueName(key);
  const definition = POLICY_KEYS[key];
  const options = enumOptions(key);
  if (options) {
    const items = options
      .map(
        (option) =>
          `            <item displayName="$(string.${name}_${option.replace(/[^A-Za-z0-9]/g, '_')})"><value><string>${escapeXml(option)}</string></value></item>`,
      )
      .join('\n');
    return `          <enum id="${name}" valueName="${name}" required="true">\n${items}\n          </enum>`;
  }
  switch (definition.kind) {
    case 'string':
      return `          <text id="${name}" valueName="${name}" required="true" maxLength="500" />`;
    case 'stringList':
      return `          <multiText id="${name}" valueName="${name}" required="true" maxStrings="8" />`;
    case 'json':
      return `          <multiText id="${name}" valueName="${name}" required="true" maxStrings="2000" />`;
    case 'boolean':
      return '';
  }
}

function policyFor(key: PolicyKey, recommended: boolean): string {
  const name = registryValueName(key);
  const definition = POLICY_KEYS[key];
  const policyName = recommended ? `${name}_Recommended` : name;
  const registryKey = recommended ? `${REGISTRY_POLICY_PATH}\\${REGISTRY_RECOMMENDED_SUBKEY}` : REGISTRY_POLICY_PATH;
  const category = `${recommended ? 'Switchboard_Recommended' : 'Switchboard'}_${sectionId(definition.section)}`;
  const head = `    <policy name="${policyName}" class="Both" displayName="$(string.${name})" explainText="$(string.${name}_Explain)"`;
  if (definition.kind === 'boolean') {
    return [
      `${head} key="${escapeXml(registryKey)}" valueName="${name}">`,
      `      <parentCategory ref="${category}" />`,
      `      <supportedOn ref="${SUPPORTED}" />`,
      '      <enabledValue><decimal value="1" /></enabledValue>',
      '      <disabledValue><decimal value="0" /></disabledValue>',
      '    </policy>',
    ].join('\n');
  }
  return [
    `${head} presentation="$(presentation.${name})" key="${escapeXml(registryKey)}">`,
    `      <parentCategory ref="${category}" />`,
    `      <supportedOn ref="${SUPPORTED}" />`,
    '      <elements>',
    elementFor(key),
    '      </elements>',
    '    </policy>',
  ].join('\n');
}

export function renderAdmx(): string {
  const categories = [
    '    <category name="Switchboard" displayName="$(string.Switchboard)" />',
    '    <category name="Switchboard_Recommended" displayName="$(string.Switchboard_Recommended)" />',
    ...POLICY_SECTIONS.flatMap((section) => [
      `    <category name="Switchboard_${sectionId(section)}" displayName="$(string.Section_${sectionId(section)})"><parentCategory ref="Switchboard" /></category>`,
      `    <category name="Switchboard_Recommended_${sectionId(section)}" displayName="$(string.Section_${sectionId(section)})"><parentCategory ref="Switchboard_Recommended" /></category>`,
    ]),
  ];
  const policies = [...POLICY_KEY_NAMES.map((key) => policyFor(key, false)), ...POLICY_KEY_NAMES.map((key) => policyFor(key, true))];
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from shared/policy/keys.ts by electron/policy/admx.ts. Do not edit by hand. -->
<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
  <policyNamespaces>
    <target prefix="switchboard" namespace="${NS}" />
    <using prefix="windows" namespace="Microsoft.Policies.Windows" />
  </policyNamespaces>
  <resources minRequiredRevision="1.0" />
  <supportedOn>
    <definitions>
      <definition name="${SUPPORTED}" displayName="$(string.${SUPPORTED})" />
    </definitions>
  </supportedOn>
  <categories>
${categories.join('\n')}
  </categories>
  <policies>
${policies.join('\n')}
  </policies>
</policyDefinitions>
`;
}

function presentationFor(key: PolicyKey): string | null {
  const name = registryValueName(key);
  const definition = POLICY_KEYS[key];
  const label = escapeXml(definition.title);
  if (enumOptions(key))
    return `        <presentation id="${name}"><dropdownList refId="${name}" noSort="true" defaultItem="0">${label}</dropdownList></presentation>`;
  switch (definition.kind) {
    case 'string':
      return `        <presentation id="${name}"><textBox refId="${name}"><label>${label}</label></textBox></presentation>`;
    case 'stringList':
      return `        <presentation id="${name}"><multiTextBox refId="${name}">${label} (one per line)</multiTextBox></presentation>`;
    case 'json':
      return `        <presentation id="${name}"><multiTextBox refId="${name}">${label} (JSON)</multiTextBox></presentation>`;
    case 'boolean':
      return null;
  }
}

export function renderAdml(): string {
  const strings: [string, string][] = [
    ['Switchboard', 'Switchboard'],
    ['Switchboard_Recommended', 'Switchboard - Default settings (users can override)'],
    [SUPPORTED, 'Switchboard 0.1 and later'],
    ...POLICY_SECTIONS.map((section): [string, string] => [`Section_${sectionId(section)}`, section]),
  ];
  for (const key of POLICY_KEY_NAMES) {
    const name = registryValueName(key);
    const definition = POLICY_KEYS[key];
    strings.push([name, definition.title]);
    const example = definition.kind === 'boolean' ? '' : `\n\nExample: ${definition.example}`;
    const registry = `\n\nRegistry value: ${name} (${definition.kind === 'boolean' ? 'REG_DWORD 1 or 0' : definition.kind === 'string' ? 'REG_SZ' : definition.kind === 'stringList' ? 'REG_MULTI_SZ, one per line' : 'REG_SZ or REG_MULTI_SZ holding JSON'}). Policy key: ${key}.`;
    strings.push([`${name}_Explain`, `${definition.description}${example}${registry}`]);
    for (const option of enumOptions(key) ?? []) strings.push([`${name}_${option.replace(/[^A-Za-z0-9]/g, '_')}`, option]);
  }
  const presentations = POLICY_KEY_NAMES.map(presentationFor).filter((p): p is string => p !== null);
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from shared/policy/keys.ts by electron/policy/admx.ts. Do not edit by hand. -->
<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
  <displayName>Switchboard</displayName>
  <description>Policies for the Switchboard softphone and agent client.</description>
  <resources>
    <stringTable>
${strings.map(([id, text]) => `      <string id="${id}">${escapeXml(text)}</string>`).join('\n')}
    </stringTable>
    <presentationTable>
${presentations.join('\n')}
    </presentationTable>
  </resources>
</policyDefinitionResources>
`;
}

export const ADMX_FILE = path.join('resources', 'policy', 'Switchboard.admx');
export const ADML_FILE = path.join('resources', 'policy', 'en-US', 'Switchboard.adml');

// `npx tsx electron/policy/admx.ts` from the repository root writes both files, and the macOS
// profile template made from the same keys (mobileconfig.ts).
if (process.argv[1] !== undefined && /admx\.ts$/.test(process.argv[1])) {
  writeFileSync(ADMX_FILE, renderAdmx());
  writeFileSync(ADML_FILE, renderAdml());
  writeFileSync(MOBILECONFIG_FILE, renderMobileconfig());
  process.stdout.write(`wrote ${ADMX_FILE}, ${ADML_FILE} and ${MOBILECONFIG_FILE}\n`);
}
