/**
 * Windows policies: HKLM then HKCU `Software\Policies\Switchboard` (enforced)
 * and its `Recommended` subkey (defaults). Access goes through RegistryReader,
 * so the parsing and layering are tested with fixture data of `reg query`
 * output on any OS; the real reader runs reg.exe.
 */
import { execFile } from 'node:child_process';
import { isPolicyKey, POLICY_KEY_NAMES, REGISTRY_POLICY_PATH, REGISTRY_RECOMMENDED_SUBKEY, registryValueName } from '../../shared/policy/keys';
import type { PolicyProblem, PolicySourceReading } from '../../shared/policy/resolve';

export type RegistryHive = 'HKLM' | 'HKCU';

export interface RegistryValue {
  name: string;
  type: string;
  /** REG_SZ / REG_EXPAND_SZ: text; REG_DWORD / REG_QWORD: number; REG_MULTI_SZ: list; other types: the raw text. */
  data: string | number | string[];
}

/** Values by subkey path relative to the queried key ('' is the key itself). */
export type RegistryTree = Map<string, RegistryValue[]>;

export interface RegistryReader {
  /** The key and its subkeys; null when the key does not exist. */
  readTree(hive: RegistryHive, key: string): Promise<RegistryTree | null>;
}

const HIVE_NAMES: Record<RegistryHive, string> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER' };
const VALUE_LINE = /^ {4}(.*?) {4}(REG_[A-Z_0-9]+)(?: {4}(.*))?$/;

/**
 * Parses `reg query "<hive>\<key>" /s` output. Key lines are full paths
 * ("HKEY_LOCAL_MACHINE\Software\..."); value lines are indented by four spaces:
 * `    Name    REG_TYPE    data`. REG_MULTI_SZ items are separated by a literal `\0`.
 */
export function parseRegQueryOutput(output: string, hive: RegistryHive, key: string): RegistryTree {
  const tree: RegistryTree = new Map();
  const root = `${HIVE_NAMES[hive]}\\${key}`.toLowerCase();
  let current: string | null = null;
  for (const line of output.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      const lower = line.trim().toLowerCase();
      if (lower === root) current = '';
      else if (lower.startsWith(`${root}\\`)) current = line.trim().slice(root.length + 1);
      else current = null; // "End of search" or a key outside ours
      if (current !== null && !tree.has(current)) tree.set(current, []);
      continue;
    }
    if (current === null) continue;
    const match = VALUE_LINE.exec(line);
    if (!match) continue;
    const name = match[1] ?? '';
    const type = match[2] ?? '';
    const text = match[3] ?? '';
    if (name === '(Default)' || name === '') continue;
    tree.get(current)?.push({ name, type, data: decodeData(type, text) });
  }
  return tree;
}

function decodeData(type: string, text: string): string | number | string[] {
  switch (type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return text;
    case 'REG_DWORD':
    case 'REG_QWORD': {
      const n = /^0x[0-9a-fA-F]+$/.test(text.trim()) ? parseInt(text.trim().slice(2), 16) : Number.NaN;
      return Number.isSafeInteger(n) ? n : text;
    }
    case 'REG_MULTI_SZ':
      return text === '' ? [] : text.split('\\0').filter((item, index, all) => !(item === '' && index === all.length - 1));
    default:
      return text;
  }
}

const KEY_BY_REGISTRY_NAME = new Map(POLICY_KEY_NAMES.map((key) => [registryValueName(key).toLowerCase(), key]));

/** Registry value name → policy key (registry names are case-insensitive); unknown names pass through. */
function keyFor(valueName: string): string {
  return KEY_BY_REGISTRY_NAME.get(valueName.toLowerCase()) ?? valueName;
}

function valuesToRecord(values: readonly RegistryValue[], source: string, problems: PolicyProblem[], level: 'defaults' | 'enforced'): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const value of values) {
    const key = keyFor(value.name);
    if (isPolicyKey(key) && !['REG_SZ', 'REG_EXPAND_SZ', 'REG_DWORD', 'REG_QWORD', 'REG_MULTI_SZ'].includes(value.type)) {
      problems.push({ key, source, level, message: `Policy "${key}" in ${source} (${level}) is not valid: ${value.type} values are not read; use REG_SZ, REG_DWORD or REG_MULTI_SZ. It is ignored.` });
      continue;
    }
    record[key] = value.data;
  }
  return record;
}

/** HKLM first (the machine's policy wins), then HKCU; each gives an enforced and a defaults reading. */
export async function readRegistryPolicies(reader: RegistryReader): Promise<{ readings: PolicySourceReading[]; checked: { source: string; found: boolean }[] }> {
  const readings: PolicySourceReading[] = [];
  const checked: { source: string; found: boolean }[] = [];
  for (const hive of ['HKLM', 'HKCU'] as const) {
    const source = `${hive}\\${REGISTRY_POLICY_PATH}`;
    let tree: RegistryTree | null;
    try {
      tree = await reader.readTree(hive, REGISTRY_POLICY_PATH);
    } catch (error) {
      checked.push({ source, found: false });
      readings.push({
        source,
        defaults: {},
        enforced: {},
        problems: [{ key: null, source, level: null, message: `The policies in ${source} could not be read (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}); they are not applied.` }],
      });
      continue;
    }
    checked.push({ source, found: tree !== null });
    if (!tree) continue;
    const problems: PolicyProblem[] = [];
    const enforced = valuesToRecord(tree.get('') ?? [], source, problems, 'enforced');
    const recommendedPath = [...tree.keys()].find((k) => k.toLowerCase() === REGISTRY_RECOMMENDED_SUBKEY.toLowerCase());
    const recommendedSource = `${source}\\${REGISTRY_RECOMMENDED_SUBKEY}`;
    const defaults = valuesToRecord(recommendedPath === undefined ? [] : (tree.get(recommendedPath) ?? []), recommendedSource, problems, 'defaults');
    readings.push({ source, defaults: {}, enforced, problems });
    readings.push({ source: recommendedSource, defaults, enforced: {}, problems: [] });
  }
  return { readings, checked };
}

/** The real reader: `reg.exe query <key> /s /reg:64`. */
export function createRegExeReader(options: { timeoutMs?: number } = {}): RegistryReader {
  return {
    readTree: (hive, key) =>
      new Promise((resolve, reject) => {
        execFile(
          'reg.exe',
          ['query', `${hive}\\${key}`, '/s', '/reg:64'],
          { windowsHide: true, timeout: options.timeoutMs ?? 10_000, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
          (error, stdout, stderr) => {
            if (error) {
              // Exit code 1 with "unable to find": no policies in this hive.
              if ((error as { code?: unknown }).code === 1 || /unable to find/i.test(stderr)) return resolve(null);
              return reject(new Error(`reg.exe failed: ${(stderr || error.message).trim().slice(0, 200)}`));
            }
            resolve(parseRegQueryOutput(stdout, hive, key));
          },
        );
      }),
  };
}
