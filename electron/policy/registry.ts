/**
 * Windows policies: HKLM then HKCU `Software\Policies\Switchboard` (enforced)
 * and its `Recommended` subkey (defaults). Access goes through RegistryReader,
 * so the parsing and layering are tested with fixture data of `reg query`
 * output on any OS; the real reader runs reg.exe by its absolute path.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import {
  isPolicyKey,
  POLICY_KEY_NAMES,
  REGISTRY_POLICY_PATH,
  REGISTRY_RECOMMENDED_SUBKEY,
  registryValueName,
  type PolicyKey,
} from '../../shared/policy/keys';
import type { PolicyProblem, PolicySourceReading } from '../../shared/policy/resolve';
import { englishOf, userText, type UserText } from '../../shared/text/user-text';

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

function valuesToRecord(
  values: readonly RegistryValue[],
  source: string,
  problems: PolicyProblem[],
  level: 'defaults' | 'enforced',
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const value of values) {
    const key = keyFor(value.name);
    if (isPolicyKey(key) && !['REG_SZ', 'REG_EXPAND_SZ', 'REG_DWORD', 'REG_QWORD', 'REG_MULTI_SZ'].includes(value.type)) {
      problems.push({
        key,
        source,
        level,
        message: userText('policy.problem.registryValueType', { key, source, level, type: value.type }),
      });
      continue;
    }
    record[key] = value.data;
  }
  return record;
}

/**
 * What applies while the machine's policy (HKLM) cannot be read: the most restrictive value of
 * every key that restricts something. Running as if there were no policy would let a failed read
 * (reg.exe blocked or timing out, a broken ACL) switch off what IT enforces; refusing to start
 * would leave a contact centre without phones over the same fault. Only `encryptionRequired` is a
 * restriction: the other keys configure (servers, catalogs, log level) and have no "safer" value,
 * and turning `autoUpdate` off would hold back security fixes.
 */
export const HKLM_FAIL_CLOSED_ENFORCED: Readonly<Partial<Record<PolicyKey, unknown>>> = { encryptionRequired: true };

/** The source name the fail-closed settings carry in diagnostics and logs. */
export function failClosedSource(source: string): string {
  return englishOf(userText('policy.source.failClosed', { source }));
}

/**
 * How Settings names a reading's source. Only the machine's hive fails closed, so its fail-closed
 * name is the one source that is more than a path, and says why in the agent's language.
 */
export function sourceText(source: string): UserText {
  const machine = `HKLM\\${REGISTRY_POLICY_PATH}`;
  return source === failClosedSource(machine)
    ? userText('policy.source.failClosed', { source: machine })
    : userText('policy.source.named', { source });
}

function readError(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
}

/**
 * HKLM first (the machine's policy wins), then HKCU; each gives an enforced and a defaults reading.
 * An HKLM read that fails puts HKLM_FAIL_CLOSED_ENFORCED in its place (first, so no later source
 * can weaken it) with a problem for IT; an HKCU read that fails drops only the user's hive.
 */
export async function readRegistryPolicies(
  reader: RegistryReader,
): Promise<{ readings: PolicySourceReading[]; checked: { source: string; found: boolean }[] }> {
  const readings: PolicySourceReading[] = [];
  const checked: { source: string; found: boolean }[] = [];
  for (const hive of ['HKLM', 'HKCU'] as const) {
    const source = `${hive}\\${REGISTRY_POLICY_PATH}`;
    let tree: RegistryTree | null;
    try {
      tree = await reader.readTree(hive, REGISTRY_POLICY_PATH);
    } catch (error) {
      checked.push({ source, found: false });
      if (hive === 'HKLM') {
        const restricted = Object.keys(HKLM_FAIL_CLOSED_ENFORCED).join(', ');
        readings.push({
          source: failClosedSource(source),
          defaults: {},
          enforced: { ...HKLM_FAIL_CLOSED_ENFORCED },
          problems: [
            {
              key: null,
              source,
              level: null,
              message: userText('policy.problem.registryMachineUnreadable', { source, detail: readError(error), restricted }),
            },
          ],
        });
      } else {
        readings.push({
          source,
          defaults: {},
          enforced: {},
          problems: [
            {
              key: null,
              source,
              level: null,
              message: userText('policy.problem.registryUserUnreadable', { source, detail: readError(error) }),
            },
          ],
        });
      }
      continue;
    }
    checked.push({ source, found: tree !== null });
    if (!tree) continue;
    const problems: PolicyProblem[] = [];
    const enforced = valuesToRecord(tree.get('') ?? [], source, problems, 'enforced');
    const recommendedPath = [...tree.keys()].find((k) => k.toLowerCase() === REGISTRY_RECOMMENDED_SUBKEY.toLowerCase());
    const recommendedSource = `${source}\\${REGISTRY_RECOMMENDED_SUBKEY}`;
    const defaults = valuesToRecord(
      recommendedPath === undefined ? [] : (tree.get(recommendedPath) ?? []),
      recommendedSource,
      problems,
      'defaults',
    );
    readings.push({ source, defaults: {}, enforced, problems });
    readings.push({ source: recommendedSource, defaults, enforced: {}, problems: [] });
  }
  return { readings, checked };
}

/**
 * reg.exe's absolute path. Found by name, Windows would look in the current directory first, where
 * anyone able to write there could plant a reg.exe that reports "no policy". SystemRoot is used
 * only when it is a plain drive path (not relative, not UNC, no ".."); otherwise the default.
 */
export function regExePath(systemRoot: string | undefined): string {
  const usable = systemRoot !== undefined && /^[A-Za-z]:\\/.test(systemRoot) && !systemRoot.split(/[\\/]/).includes('..');
  return path.win32.join(usable ? systemRoot : 'C:\\Windows', 'System32', 'reg.exe');
}

/** One reg.exe run: its output, or how it failed (`exitCode` null: it did not run or was killed). */
export type RegExecResult = { ok: true; stdout: string } | { ok: false; exitCode: number | null; stderr: string; message: string };
export type RegExec = (file: string, args: readonly string[], timeoutMs: number) => Promise<RegExecResult>;

const nodeRegExec: RegExec = (file, args, timeoutMs) =>
  new Promise((resolve) => {
    execFile(
      file,
      [...args],
      { windowsHide: true, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, stdout });
        const code = (error as { code?: unknown }).code;
        resolve({
          ok: false,
          exitCode: typeof code === 'number' ? code : null,
          stderr,
          message: (stderr || error.message).trim().slice(0, 200),
        });
      },
    );
  });

/** Whether `reg query <parent>` output lists `key` as a subkey (key lines are full paths). */
function listsSubkey(output: string, hive: RegistryHive, key: string): boolean {
  const wanted = `${HIVE_NAMES[hive]}\\${key}`.toLowerCase();
  return output.split(/\r?\n/).some((line) => !line.startsWith(' ') && line.trim().toLowerCase() === wanted);
}

/** The real reader: `<SystemRoot>\System32\reg.exe query <key> /s /reg:64`. */
export function createRegExeReader(options: { timeoutMs?: number; exec?: RegExec; systemRoot?: string | undefined } = {}): RegistryReader {
  const exec = options.exec ?? nodeRegExec;
  const file = regExePath('systemRoot' in options ? options.systemRoot : process.env.SystemRoot);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    readTree: async (hive, key) => {
      const run = await exec(file, ['query', `${hive}\\${key}`, '/s', '/reg:64'], timeoutMs);
      if (run.ok) return parseRegQueryOutput(run.stdout, hive, key);
      if (run.exitCode === 1) {
        // reg.exe exits 1 for every failure (access denied too), and says "unable to find" only in
        // English. Absence is proven by listing the parent key (Software\Policies exists on every
        // Windows) and not finding ours; anything else is a read error, not "no policy".
        if (/unable to find/i.test(run.stderr)) return null;
        const parent = key.slice(0, Math.max(0, key.lastIndexOf('\\')));
        const listing = parent === '' ? null : await exec(file, ['query', `${hive}\\${parent}`, '/reg:64'], timeoutMs);
        if (listing?.ok && !listsSubkey(listing.stdout, hive, key)) return null;
      }
      throw new Error(`reg.exe failed: ${run.message}`);
    },
  };
}
