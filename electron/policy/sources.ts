/**
 * Where policies come from on each OS, behind one shape (PolicySourceReading):
 *
 * - Windows: HKLM then HKCU `Software\Policies\Switchboard` (registry.ts).
 * - macOS: `/Library/Managed Preferences/<user>/com.switchboard.app.plist`, then
 *   `/Library/Managed Preferences/com.switchboard.app.plist` (written by MDM profiles).
 * - Linux: `/etc/switchboard/policy.json`.
 * - Every OS, last: `policy.json` beside the installed app.
 *
 * The first source in that order that sets a key (at a level) wins.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MACOS_PREFERENCE_DOMAIN, MACOS_RECOMMENDED_KEY } from '../../shared/policy/keys';
import type { PolicySourceReading } from '../../shared/policy/resolve';
import { userText, type UserText } from '../../shared/text/user-text';
import { parsePlist, PlistError, type PlistValue } from './plist';
import { createRegExeReader, readRegistryPolicies, type RegistryReader } from './registry';

/** File access, replaceable in tests. `null`: the file does not exist. */
export interface PolicyFiles {
  read(file: string): Promise<Buffer | null>;
}

export const nodePolicyFiles: PolicyFiles = {
  async read(file) {
    try {
      return await readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw error;
    }
  },
};

export const LINUX_POLICY_FILE = '/etc/switchboard/policy.json';
export const MACOS_MANAGED_PREFERENCES = '/Library/Managed Preferences';
const MAX_POLICY_BYTES = 1024 * 1024;

export interface SourceResult {
  readings: PolicySourceReading[];
  checked: { source: string; found: boolean }[];
}

function whole(source: string, message: UserText): PolicySourceReading {
  return { source, defaults: {}, enforced: {}, problems: [{ key: null, source, level: null, message }] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ "defaults": {...}, "enforced": {...} }` ("$comment" keys allowed anywhere at the top). */
export function readingFromJson(source: string, text: string): PolicySourceReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return whole(
      source,
      userText('policy.problem.fileNotJson', { source, detail: error instanceof Error ? error.message.slice(0, 160) : 'unreadable' }),
    );
  }
  if (!isRecord(parsed)) return whole(source, userText('policy.problem.fileNotObject', { source }));
  const reading: PolicySourceReading = { source, defaults: {}, enforced: {}, problems: [] };
  for (const [name, value] of Object.entries(parsed)) {
    if (name.startsWith('$')) continue;
    if (name !== 'defaults' && name !== 'enforced') {
      reading.problems.push({
        key: name,
        source,
        level: null,
        message: userText('policy.problem.fileTopLevelIgnored', { name: name.slice(0, 60), source }),
      });
      continue;
    }
    if (!isRecord(value)) {
      reading.problems.push({
        key: null,
        source,
        level: name,
        message: userText('policy.problem.fileLevelNotObject', { level: name, source }),
      });
      continue;
    }
    reading[name] = Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('$')));
  }
  return reading;
}

/** A managed-preferences dictionary: top-level keys are enforced, `Recommended` holds defaults. */
export function readingFromPlist(source: string, value: PlistValue): PolicySourceReading {
  if (!isRecord(value)) return whole(source, userText('policy.problem.plistNotDictionary', { source }));
  const reading: PolicySourceReading = { source, defaults: {}, enforced: {}, problems: [] };
  for (const [name, item] of Object.entries(value)) {
    if (name === MACOS_RECOMMENDED_KEY) {
      if (isRecord(item)) reading.defaults = { ...item };
      else
        reading.problems.push({
          key: null,
          source,
          level: 'defaults',
          message: userText('policy.problem.plistRecommendedNotDictionary', { name: MACOS_RECOMMENDED_KEY, source }),
        });
    } else {
      reading.enforced[name] = item;
    }
  }
  return reading;
}

export async function readJsonPolicyFile(file: string, files: PolicyFiles): Promise<SourceResult> {
  let data: Buffer | null;
  try {
    data = await files.read(file);
  } catch (error) {
    return {
      readings: [
        whole(file, userText('policy.problem.fileUnreadable', { source: file, code: (error as NodeJS.ErrnoException).code ?? 'error' })),
      ],
      checked: [{ source: file, found: true }],
    };
  }
  if (data === null) return { readings: [], checked: [{ source: file, found: false }] };
  if (data.length > MAX_POLICY_BYTES)
    return {
      readings: [whole(file, userText('policy.problem.fileTooLarge', { source: file }))],
      checked: [{ source: file, found: true }],
    };
  return { readings: [readingFromJson(file, data.toString('utf8'))], checked: [{ source: file, found: true }] };
}

/** Binary plists (what MDM usually writes) go through `plutil -convert xml1` first. */
export type PlistToXml = (file: string) => Promise<string>;

export const plutilToXml: PlistToXml = (file) =>
  new Promise((resolve, reject) => {
    execFile(
      '/usr/bin/plutil',
      ['-convert', 'xml1', '-o', '-', '--', file],
      { timeout: 10_000, maxBuffer: 4 * MAX_POLICY_BYTES, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`plutil failed: ${(stderr || error.message).trim().slice(0, 200)}`));
        else resolve(stdout);
      },
    );
  });

export async function readPlistPolicyFile(file: string, files: PolicyFiles, toXml: PlistToXml): Promise<SourceResult> {
  let data: Buffer | null;
  try {
    data = await files.read(file);
  } catch (error) {
    return {
      readings: [
        whole(file, userText('policy.problem.plistUnreadable', { source: file, detail: (error as NodeJS.ErrnoException).code ?? 'error' })),
      ],
      checked: [{ source: file, found: true }],
    };
  }
  if (data === null) return { readings: [], checked: [{ source: file, found: false }] };
  if (data.length > MAX_POLICY_BYTES)
    return {
      readings: [whole(file, userText('policy.problem.plistTooLarge', { source: file }))],
      checked: [{ source: file, found: true }],
    };
  try {
    const text = data.subarray(0, 6).toString('latin1') === 'bplist' ? await toXml(file) : data.toString('utf8');
    return { readings: [readingFromPlist(file, parsePlist(text))], checked: [{ source: file, found: true }] };
  } catch (error) {
    const why = error instanceof PlistError || error instanceof Error ? error.message.slice(0, 200) : 'unreadable';
    return {
      readings: [whole(file, userText('policy.problem.plistUnreadable', { source: file, detail: why }))],
      checked: [{ source: file, found: true }],
    };
  }
}

export interface PolicySourceOptions {
  /** `process.platform`. */
  platform: string;
  /** policy.json beside the installed app (null: none, e.g. in development); see installPolicyFile. */
  installPolicyFile: string | null;
  /** The macOS login name (for the per-user managed preferences). */
  userName?: string | null;
  files?: PolicyFiles;
  registry?: RegistryReader | null;
  plistToXml?: PlistToXml;
}

/** Reads every source for this OS, in precedence order. */
export async function readPolicySources(options: PolicySourceOptions): Promise<SourceResult> {
  const files = options.files ?? nodePolicyFiles;
  const parts: SourceResult[] = [];
  if (options.platform === 'win32') {
    const registry = options.registry === undefined ? createRegExeReader() : options.registry;
    if (registry) parts.push(await readRegistryPolicies(registry));
  } else if (options.platform === 'darwin') {
    const toXml = options.plistToXml ?? plutilToXml;
    const name = `${MACOS_PREFERENCE_DOMAIN}.plist`;
    if (options.userName && /^[^/\0]+$/.test(options.userName) && options.userName !== '..' && options.userName !== '.') {
      parts.push(await readPlistPolicyFile(path.posix.join(MACOS_MANAGED_PREFERENCES, options.userName, name), files, toXml));
    }
    parts.push(await readPlistPolicyFile(path.posix.join(MACOS_MANAGED_PREFERENCES, name), files, toXml));
  } else {
    parts.push(await readJsonPolicyFile(LINUX_POLICY_FILE, files));
  }
  if (options.installPolicyFile) parts.push(await readJsonPolicyFile(options.installPolicyFile, files));
  return { readings: parts.flatMap((p) => p.readings), checked: parts.flatMap((p) => p.checked) };
}

/**
 * Where the policy.json "beside the install" is: next to the executable on
 * Windows and Linux (the NSIS/MSI folder, /opt/Switchboard, beside the AppImage
 * is not possible so /opt or the deb/rpm folder), inside the app bundle's
 * Resources on macOS (Switchboard.app/Contents/Resources/policy.json).
 */
export function installPolicyFile(host: {
  platform: string;
  execPath: string;
  resourcesPath: string | null;
  packaged: boolean;
}): string | null {
  if (!host.packaged) return null;
  if (host.platform === 'darwin') return host.resourcesPath ? path.join(host.resourcesPath, 'policy.json') : null;
  return path.join(path.dirname(host.execPath), 'policy.json');
}
