import { describe, expect, it } from 'vitest';
import { englishOf, type UserText } from '../../../shared/text/user-text';
import {
  createRegExeReader,
  parseRegQueryOutput,
  regExePath,
  type RegExec,
  type RegExecResult,
  type RegistryHive,
  type RegistryReader,
} from '../../../electron/policy/registry';
import { installPolicyFile, readPolicySources, type PolicyFiles } from '../../../electron/policy/sources';
import { parsePlist } from '../../../electron/policy/plist';
import { resolvePolicy } from '../../../shared/policy/resolve';

/** A problem's message as main logs it (the English the window shows in an English window). */
const english = (text: UserText | undefined) => (text ? englishOf(text) : undefined);

/** `reg query HKLM\Software\Policies\Switchboard /s` as reg.exe prints it (CRLF, four-space columns). */
const HKLM_OUTPUT = [
  '',
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Switchboard',
  '    SipServer    REG_SZ    wss://sip.corp.example.com:7443',
  '    SipDomain    REG_SZ    corp.example.com',
  '    AutoUpdate    REG_DWORD    0x0',
  '    TurnUrls    REG_MULTI_SZ    turn:turn.corp.example.com:3478?transport=udp\\0turns:turn.corp.example.com:443?transport=tcp',
  '    LogLevel    REG_SZ    chatty',
  '',
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Switchboard\\Recommended',
  '    DtmfMode    REG_SZ    info',
  '    UpdateChannel    REG_SZ    beta',
  '',
].join('\r\n');

const HKCU_OUTPUT = [
  '',
  'HKEY_CURRENT_USER\\Software\\Policies\\Switchboard',
  '    sipdomain    REG_SZ    user.example.com',
  '    EncryptionRequired    REG_DWORD    0x1',
  '    AfterCallWork    REG_MULTI_SZ    {"seconds": 90,\\0 "onExpiry": "ready"}',
  '    Banner    REG_BINARY    00FF',
  '',
  'HKEY_CURRENT_USER\\Software\\Policies\\Switchboard\\Recommended',
  '    UpdateChannel    REG_SZ    stable',
  '    LogLevel    REG_SZ    debug',
  '    CrmSyncUrl    REG_DWORD    0x1',
  '',
].join('\r\n');

function fixtureRegistry(outputs: Partial<Record<RegistryHive, string>>): RegistryReader {
  return {
    readTree: async (hive, key) => {
      const output = outputs[hive];
      return output === undefined ? null : parseRegQueryOutput(output, hive, key);
    },
  };
}

const noFiles: PolicyFiles = { read: async () => null };
function files(map: Record<string, string | Buffer>): PolicyFiles {
  return { read: async (file) => (file in map ? Buffer.from(map[file] as string | Buffer) : null) };
}

describe('reg.exe output', () => {
  it('parses values of each type under the key and its subkeys', () => {
    const tree = parseRegQueryOutput(HKLM_OUTPUT, 'HKLM', 'Software\\Policies\\Switchboard');
    expect([...tree.keys()]).toEqual(['', 'Recommended']);
    expect(tree.get('')).toEqual([
      { name: 'SipServer', type: 'REG_SZ', data: 'wss://sip.corp.example.com:7443' },
      { name: 'SipDomain', type: 'REG_SZ', data: 'corp.example.com' },
      { name: 'AutoUpdate', type: 'REG_DWORD', data: 0 },
      {
        name: 'TurnUrls',
        type: 'REG_MULTI_SZ',
        data: ['turn:turn.corp.example.com:3478?transport=udp', 'turns:turn.corp.example.com:443?transport=tcp'],
      },
      { name: 'LogLevel', type: 'REG_SZ', data: 'chatty' },
    ]);
  });

  it('keeps an empty REG_SZ as empty text and skips the unnamed default value', () => {
    const tree = parseRegQueryOutput(
      'HKEY_CURRENT_USER\\Software\\Policies\\Switchboard\r\n    (Default)    REG_SZ    (value not set)\r\n    TurnUsername    REG_SZ    \r\n',
      'HKCU',
      'Software\\Policies\\Switchboard',
    );
    expect(tree.get('')).toEqual([{ name: 'TurnUsername', type: 'REG_SZ', data: '' }]);
  });
});

describe('Windows: HKLM then HKCU Software\\Policies\\Switchboard', () => {
  it('enforces the key values, takes Recommended as defaults, HKLM before HKCU', async () => {
    const { readings, checked } = await readPolicySources({
      platform: 'win32',
      installPolicyFile: null,
      files: noFiles,
      registry: fixtureRegistry({ HKLM: HKLM_OUTPUT, HKCU: HKCU_OUTPUT }),
    });
    expect(checked).toEqual([
      { source: 'HKLM\\Software\\Policies\\Switchboard', found: true },
      { source: 'HKCU\\Software\\Policies\\Switchboard', found: true },
    ]);
    const policy = resolvePolicy(readings, { sipDomain: 'agent.example.org', updateChannel: 'beta' });
    expect(policy.entries.sipDomain).toMatchObject({
      value: 'corp.example.com',
      locked: true,
      source: 'HKLM\\Software\\Policies\\Switchboard',
    });
    expect(policy.entries.sipServer).toMatchObject({ value: 'wss://sip.corp.example.com:7443', locked: true });
    expect(policy.entries.autoUpdate).toMatchObject({ value: false, locked: true });
    expect(policy.entries.turnUrls.value).toHaveLength(2);
    // From HKCU: keys HKLM does not set.
    expect(policy.entries.encryptionRequired).toMatchObject({ value: true, locked: true, source: 'HKCU\\Software\\Policies\\Switchboard' });
    expect(policy.entries.afterCallWork).toMatchObject({ locked: true, value: { seconds: 90, onExpiry: 'ready' } });
    // Defaults: HKLM\...\Recommended first; the agent's choice beats a default.
    expect(policy.entries.dtmfMode).toMatchObject({
      value: 'info',
      origin: 'policy-default',
      source: 'HKLM\\Software\\Policies\\Switchboard\\Recommended',
    });
    expect(policy.entries.updateChannel).toMatchObject({ value: 'beta', origin: 'user' });
    // The bad HKLM log level falls back to HKCU's recommended one.
    expect(policy.entries.logLevel).toMatchObject({
      value: 'debug',
      origin: 'policy-default',
      source: 'HKCU\\Software\\Policies\\Switchboard\\Recommended',
    });
  });

  it('names each bad registry value: wrong data, wrong type, unreadable type, unknown name', async () => {
    const { readings } = await readPolicySources({
      platform: 'win32',
      installPolicyFile: null,
      files: noFiles,
      registry: fixtureRegistry({ HKLM: HKLM_OUTPUT, HKCU: HKCU_OUTPUT }),
    });
    const messages = resolvePolicy(readings).problems.map((p) => englishOf(p.message));
    expect(messages).toEqual(
      expect.arrayContaining([
        'Policy "logLevel" in HKLM\\Software\\Policies\\Switchboard (enforced) is not valid: must be one of debug, info, warn, error. Using the default from another policy source instead.',
        'Policy "crmSyncUrl" in HKCU\\Software\\Policies\\Switchboard\\Recommended (defaults) is not valid: must be text (REG_SZ in the registry, a string in JSON or a plist). It stays unset.',
        'Unknown policy key "Banner" in HKCU\\Software\\Policies\\Switchboard (enforced) is ignored.',
      ]),
    );
  });

  it('no key in either hive: nothing applied, nothing wrong', async () => {
    const { readings, checked } = await readPolicySources({
      platform: 'win32',
      installPolicyFile: null,
      files: noFiles,
      registry: fixtureRegistry({}),
    });
    expect(checked.every((c) => !c.found)).toBe(true);
    const policy = resolvePolicy(readings);
    expect(policy.problems).toEqual([]);
    expect(policy.entries.sipDomain.origin).toBe('built-in');
  });

  it('an HKLM that cannot be read fails closed: encryption enforced over every other source, and IT is told why', async () => {
    const hklmBroken: RegistryReader = {
      readTree: async (hive, key) =>
        hive === 'HKLM'
          ? Promise.reject(new Error('reg.exe failed: ERROR: Access is denied.'))
          : parseRegQueryOutput(HKCU_WEAKENS, hive, key),
    };
    const { readings } = await readPolicySources({ platform: 'win32', installPolicyFile: null, files: noFiles, registry: hklmBroken });
    // The agent saved a cleartext sync server before; HKCU tries to switch encryption off.
    const policy = resolvePolicy(readings, { crmSyncUrl: 'http://crm.corp.example.com' });
    expect(policy.entries.encryptionRequired).toMatchObject({
      value: true,
      locked: true,
      source: 'HKLM\\Software\\Policies\\Switchboard (could not be read: restrictive settings)',
    });
    expect(policy.values.crmSyncUrl).toBeNull();
    // The rest of HKCU still applies.
    expect(policy.entries.sipDomain).toMatchObject({
      value: 'user.example.com',
      locked: true,
      source: 'HKCU\\Software\\Policies\\Switchboard',
    });
    const problem = policy.problems[0];
    expect(problem && { ...problem, message: englishOf(problem.message) }).toEqual({
      key: null,
      source: 'HKLM\\Software\\Policies\\Switchboard',
      level: null,
      message:
        'The machine policies in HKLM\\Software\\Policies\\Switchboard could not be read (reg.exe failed: ERROR: Access is denied.). Until they can be read, Switchboard enforces its most restrictive security settings (encryptionRequired: on) and applies the other policy sources. Check that HKLM\\Software\\Policies\\Switchboard can be read, then restart Switchboard.',
    });
  });

  it('an HKCU that cannot be read drops only the user hive: HKLM still enforces, nothing else is forced', async () => {
    const hkcuBroken: RegistryReader = {
      readTree: async (hive, key) =>
        hive === 'HKCU'
          ? Promise.reject(new Error('reg.exe failed: ERROR: Access is denied.'))
          : parseRegQueryOutput(HKLM_OUTPUT, hive, key),
    };
    const { readings } = await readPolicySources({ platform: 'win32', installPolicyFile: null, files: noFiles, registry: hkcuBroken });
    const policy = resolvePolicy(readings);
    expect(policy.entries.sipDomain).toMatchObject({
      value: 'corp.example.com',
      locked: true,
      source: 'HKLM\\Software\\Policies\\Switchboard',
    });
    expect(policy.entries.encryptionRequired).toMatchObject({ value: false, locked: false, origin: 'built-in' });
    expect(policy.problems.map((p) => englishOf(p.message))).toContain(
      'The policies in HKCU\\Software\\Policies\\Switchboard could not be read (reg.exe failed: ERROR: Access is denied.); they are not applied.',
    );
  });
});

/** HKCU trying to weaken what the machine would enforce. */
const HKCU_WEAKENS = [
  'HKEY_CURRENT_USER\\Software\\Policies\\Switchboard',
  '    EncryptionRequired    REG_DWORD    0x0',
  '    SipDomain    REG_SZ    user.example.com',
  '',
].join('\r\n');

/** A stand-in for running reg.exe: records each run and answers from `answer`. */
function fakeExec(answer: (args: readonly string[]) => RegExecResult): {
  exec: RegExec;
  runs: { file: string; args: readonly string[] }[];
} {
  const runs: { file: string; args: readonly string[] }[] = [];
  return {
    runs,
    exec: async (file, args) => {
      runs.push({ file, args });
      return answer(args);
    },
  };
}

describe('reg.exe: run by its absolute path, absence told apart from failure', () => {
  it.each([
    ['C:\\Windows', 'C:\\Windows\\System32\\reg.exe'],
    ['D:\\WINNT', 'D:\\WINNT\\System32\\reg.exe'],
    [undefined, 'C:\\Windows\\System32\\reg.exe'],
    ['Windows', 'C:\\Windows\\System32\\reg.exe'],
    ['.\\', 'C:\\Windows\\System32\\reg.exe'],
    ['\\\\attacker\\share', 'C:\\Windows\\System32\\reg.exe'],
    ['C:\\Users\\agent\\..\\..\\Temp', 'C:\\Windows\\System32\\reg.exe'],
  ])('SystemRoot %j runs %s, never a reg.exe from the working directory', async (systemRoot, expected) => {
    const fake = fakeExec(() => ({ ok: true, stdout: HKLM_OUTPUT }));
    const tree = await createRegExeReader({ exec: fake.exec, systemRoot }).readTree('HKLM', 'Software\\Policies\\Switchboard');
    expect(tree?.get('')?.[0]).toMatchObject({ name: 'SipServer' });
    expect(fake.runs).toEqual([{ file: expected, args: ['query', 'HKLM\\Software\\Policies\\Switchboard', '/s', '/reg:64'] }]);
    expect(regExePath(systemRoot)).toBe(expected);
  });

  it('a key that is not there (any display language) is "no policy"', async () => {
    const fake = fakeExec((args) =>
      args.includes('/s')
        ? {
            ok: false,
            exitCode: 1,
            stderr: 'FEHLER: Der angegebene Registrierungsschlüssel bzw. Wert wurde nicht gefunden.',
            message: 'FEHLER',
          }
        : { ok: true, stdout: 'HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\r\nHKEY_LOCAL_MACHINE\\Software\\Policies\\Google\r\n' },
    );
    await expect(
      createRegExeReader({ exec: fake.exec, systemRoot: 'C:\\Windows' }).readTree('HKLM', 'Software\\Policies\\Switchboard'),
    ).resolves.toBeNull();
    expect(fake.runs[1]?.args).toEqual(['query', 'HKLM\\Software\\Policies', '/reg:64']);
  });

  it('a key that is there but cannot be read is a failure, and HKLM then fails closed', async () => {
    const fake = fakeExec((args) =>
      args.includes('/s')
        ? { ok: false, exitCode: 1, stderr: 'FEHLER: Zugriff verweigert', message: 'FEHLER: Zugriff verweigert' }
        : { ok: true, stdout: 'HKEY_LOCAL_MACHINE\\Software\\Policies\\Switchboard\r\n' },
    );
    const registry = createRegExeReader({ exec: fake.exec, systemRoot: 'C:\\Windows' });
    await expect(registry.readTree('HKLM', 'Software\\Policies\\Switchboard')).rejects.toThrow(
      'reg.exe failed: FEHLER: Zugriff verweigert',
    );
    const policy = resolvePolicy(
      (await readPolicySources({ platform: 'win32', installPolicyFile: null, files: noFiles, registry })).readings,
    );
    expect(policy.entries.encryptionRequired).toMatchObject({ value: true, locked: true });
    expect(english(policy.problems[0]?.message)).toMatch(
      /^The machine policies in HKLM\\Software\\Policies\\Switchboard could not be read \(reg\.exe failed: FEHLER: Zugriff verweigert\)/,
    );
  });

  it('reg.exe that does not run or times out is a failure, not "no policy"', async () => {
    const fake = fakeExec(() => ({ ok: false, exitCode: null, stderr: '', message: 'spawn C:\\Windows\\System32\\reg.exe ETIMEDOUT' }));
    await expect(
      createRegExeReader({ exec: fake.exec, systemRoot: 'C:\\Windows' }).readTree('HKCU', 'Software\\Policies\\Switchboard'),
    ).rejects.toThrow(/ETIMEDOUT/);
  });
});

const plist = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
${body}
</plist>`;

const USER_PLIST = plist(`<dict>
  <key>sipDomain</key><string>user.example.com</string>
  <key>Recommended</key>
  <dict>
    <key>dtmfMode</key><string>info</string>
  </dict>
</dict>`);

const MACHINE_PLIST = plist(`<dict>
  <key>sipDomain</key><string>corp.example.com</string>
  <key>autoUpdate</key><false/>
  <key>stunUrls</key><array><string>stun:stun.corp.example.com:3478</string></array>
  <key>afterCallWork</key><dict><key>seconds</key><integer>30</integer></dict>
  <key>logLevel</key><integer>3</integer>
  <key>Recommended</key>
  <dict>
    <key>dtmfMode</key><string>rfc4733</string>
    <key>updateChannel</key><string>beta</string>
  </dict>
</dict>`);

describe("macOS: managed preferences, the user's before the computer's", () => {
  const userFile = '/Library/Managed Preferences/agent1/com.switchboard.app.plist';
  const machineFile = '/Library/Managed Preferences/com.switchboard.app.plist';

  it('top-level keys are enforced, Recommended holds defaults', async () => {
    const { readings, checked } = await readPolicySources({
      platform: 'darwin',
      userName: 'agent1',
      installPolicyFile: null,
      files: files({ [userFile]: USER_PLIST, [machineFile]: MACHINE_PLIST }),
    });
    expect(checked).toEqual([
      { source: userFile, found: true },
      { source: machineFile, found: true },
    ]);
    const policy = resolvePolicy(readings, { updateChannel: 'stable' });
    expect(policy.entries.sipDomain).toMatchObject({ value: 'user.example.com', locked: true, source: userFile });
    expect(policy.entries.autoUpdate).toMatchObject({ value: false, locked: true, source: machineFile });
    expect(policy.entries.stunUrls).toMatchObject({ value: ['stun:stun.corp.example.com:3478'], locked: true });
    expect(policy.entries.afterCallWork).toMatchObject({ locked: true, value: { seconds: 30 } });
    expect(policy.entries.dtmfMode).toMatchObject({ value: 'info', origin: 'policy-default', source: userFile });
    expect(policy.entries.updateChannel).toMatchObject({ value: 'stable', origin: 'user' });
    expect(policy.problems.map((p) => englishOf(p.message))).toEqual([
      `Policy "logLevel" in ${machineFile} (enforced) is not valid: must be text (REG_SZ in the registry, a string in JSON or a plist). Using the built-in default instead.`,
    ]);
  });

  it('binary plists are converted (plutil) before reading', async () => {
    const converted: string[] = [];
    const { readings } = await readPolicySources({
      platform: 'darwin',
      userName: null,
      installPolicyFile: null,
      files: files({ [machineFile]: Buffer.concat([Buffer.from('bplist00'), Buffer.alloc(8)]) }),
      plistToXml: async (file) => {
        converted.push(file);
        return MACHINE_PLIST;
      },
    });
    expect(converted).toEqual([machineFile]);
    expect(resolvePolicy(readings).entries.sipDomain).toMatchObject({ value: 'corp.example.com', locked: true });
  });

  it('a malformed plist is reported with its line and nothing from it is applied', async () => {
    const broken = plist('<dict>\n<key>sipDomain</key><string>corp.example.com</strin>\n</dict>');
    const { readings } = await readPolicySources({
      platform: 'darwin',
      userName: 'agent1',
      installPolicyFile: null,
      files: files({ [machineFile]: broken }),
    });
    const policy = resolvePolicy(readings);
    expect(policy.entries.sipDomain.origin).toBe('built-in');
    expect(english(policy.problems[0]?.message)).toMatch(
      /^The managed preferences \/Library\/Managed Preferences\/com\.switchboard\.app\.plist could not be read \(not well-formed XML: line 5: <\/strin> closes <string>/,
    );
  });

  it('the plist reader is strict', () => {
    expect(() => parsePlist(plist('<dict><key>a</key></dict>'))).toThrow(/key "a" has no value/);
    expect(() => parsePlist(plist('<dict><key>a</key><data>AAAA</data></dict>'))).toThrow(/<data> values are not accepted/);
    expect(() => parsePlist(plist('<dict><key>a</key><true/><key>a</key><false/></dict>'))).toThrow(/appears twice/);
    expect(() => parsePlist('<!DOCTYPE plist [<!ENTITY x "boom">]><plist><string>&x;</string></plist>')).toThrow(/internal subset/);
    expect(parsePlist(plist('<array><string>a &amp; b</string><integer>-3</integer><real>0.5</real><true/></array>'))).toEqual([
      'a & b',
      -3,
      0.5,
      true,
    ]);
  });
});

describe('Linux: /etc/switchboard/policy.json, then policy.json beside the install', () => {
  const etc = '/etc/switchboard/policy.json';
  const install = '/opt/Switchboard/policy.json';

  it('the system file wins; the install file fills in; enforced values are locked', async () => {
    const { readings, checked } = await readPolicySources({
      platform: 'linux',
      installPolicyFile: install,
      files: files({
        [etc]: JSON.stringify({ $comment: 'IT', enforced: { sipDomain: 'corp.example.com' }, defaults: { logLevel: 'warn' } }),
        [install]: JSON.stringify({
          enforced: { sipDomain: 'other.example.com', crmSyncUrl: 'https://crm.example.com/sb' },
          defaults: { logLevel: 'debug', dtmfMode: 'info' },
        }),
      }),
    });
    expect(checked).toEqual([
      { source: etc, found: true },
      { source: install, found: true },
    ]);
    const policy = resolvePolicy(readings, { dtmfMode: 'rfc4733' });
    expect(policy.entries.sipDomain).toMatchObject({ value: 'corp.example.com', locked: true, source: etc });
    expect(policy.entries.crmSyncUrl).toMatchObject({ value: 'https://crm.example.com/sb', locked: true, source: install });
    expect(policy.entries.logLevel).toMatchObject({ value: 'warn', origin: 'policy-default', source: etc });
    expect(policy.entries.dtmfMode).toMatchObject({ value: 'rfc4733', origin: 'user' });
  });

  it('a file that is not JSON is reported and skipped; the other source still applies', async () => {
    const { readings } = await readPolicySources({
      platform: 'linux',
      installPolicyFile: install,
      files: files({
        [etc]: '{ "enforced": { "sipDomain": "corp.example.com", } }',
        [install]: JSON.stringify({ enforced: { autoUpdate: false } }),
      }),
    });
    const policy = resolvePolicy(readings);
    expect(english(policy.problems[0]?.message)).toMatch(
      /^The policy file \/etc\/switchboard\/policy\.json is not valid JSON \(.+\); none of its settings are applied\.$/,
    );
    expect(policy.entries.sipDomain.origin).toBe('built-in');
    expect(policy.entries.autoUpdate).toMatchObject({ value: false, locked: true });
  });

  it('settings outside "defaults"/"enforced" are reported, not silently applied', async () => {
    const { readings } = await readPolicySources({
      platform: 'linux',
      installPolicyFile: null,
      files: files({ [etc]: JSON.stringify({ sipDomain: 'corp.example.com' }) }),
    });
    const policy = resolvePolicy(readings);
    expect(policy.entries.sipDomain.origin).toBe('built-in');
    expect(english(policy.problems[0]?.message)).toBe(
      '"sipDomain" at the top of /etc/switchboard/policy.json is ignored: put settings under "defaults" (the agent may change them) or "enforced" (locked).',
    );
  });
});

describe('policy.json beside the install', () => {
  it('is read on Windows and macOS after the OS source', async () => {
    const install = 'C:\\Program Files\\Switchboard\\policy.json';
    const { readings } = await readPolicySources({
      platform: 'win32',
      installPolicyFile: install,
      files: files({ [install]: JSON.stringify({ enforced: { sipDomain: 'install.example.com', dtmfMode: 'info' } }) }),
      registry: fixtureRegistry({ HKLM: HKLM_OUTPUT }),
    });
    const policy = resolvePolicy(readings);
    expect(policy.entries.sipDomain).toMatchObject({ value: 'corp.example.com', source: 'HKLM\\Software\\Policies\\Switchboard' });
    expect(policy.entries.dtmfMode).toMatchObject({ value: 'info', locked: true, source: install });
  });

  it("lives next to the executable, or in the bundle's Resources on macOS; none in development", () => {
    expect(
      installPolicyFile({
        platform: 'linux',
        execPath: '/opt/Switchboard/switchboard',
        resourcesPath: '/opt/Switchboard/resources',
        packaged: true,
      }),
    ).toBe('/opt/Switchboard/policy.json');
    expect(
      installPolicyFile({
        platform: 'darwin',
        execPath: '/Applications/Switchboard.app/Contents/MacOS/Switchboard',
        resourcesPath: '/Applications/Switchboard.app/Contents/Resources',
        packaged: true,
      }),
    ).toBe('/Applications/Switchboard.app/Contents/Resources/policy.json');
    expect(installPolicyFile({ platform: 'linux', execPath: '/usr/bin/node', resourcesPath: null, packaged: false })).toBeNull();
  });
});
