import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireInstanceLock, AlreadyRunningError } from '../../../electron/core/instance-lock';
import { defaultDataDir } from '../../../electron/core/paths';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { browserCandidates, findBrowser } from '../../../electron/web-shell/find-browser';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'switchboard-core-'));

describe('the instance lock', () => {
  it('lets one host own a data folder and tells the second who has it', () => {
    const dir = tmp();
    const lock = acquireInstanceLock(dir);
    writeFileSync(path.join(dir, 'instance.lock'), String(process.ppid));
    expect(() => acquireInstanceLock(dir)).toThrow(AlreadyRunningError);
    writeFileSync(path.join(dir, 'instance.lock'), String(process.pid));
    lock.release();
    acquireInstanceLock(dir).release();
  });

  it('takes over a lock left by a process that died', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'instance.lock'), '2147483646');
    const lock = acquireInstanceLock(dir);
    expect(readFileSync(path.join(dir, 'instance.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });
});

describe('the key-file secret store', () => {
  it('keeps each secret in a file only this user can read, and says it is not a keychain', async () => {
    const dir = tmp();
    const secrets = createKeyFileSecretStore(dir);
    expect(secrets.info).toMatchObject({ backend: 'key-file', weak: true });
    expect(await secrets.get('sip.password')).toBeNull();
    await secrets.set('sip.password', 'hunter2');
    expect(await secrets.get('sip.password')).toBe('hunter2');
    const file = path.join(dir, 'secrets', 'sip.password.secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    await secrets.delete('sip.password');
    expect(await secrets.get('sip.password')).toBeNull();
  });

  it('refuses names that could leave its folder', async () => {
    const secrets = createKeyFileSecretStore(tmp());
    for (const name of ['../x', 'a/b', '', 'UPPER', '.hidden', 'a..b']) {
      await expect(secrets.set(name, 'v'), name).rejects.toThrow(/Invalid secret name/);
    }
  });
});

describe('host discovery', () => {
  it('uses the same per-user data folder Electron would', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Switchboard');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/ana')).toBe('/x/Switchboard');
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Switchboard');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Switchboard',
    );
  });

  it('finds Chromium, Chrome or Edge where each OS installs them, honouring SWITCHBOARD_BROWSER first', () => {
    expect(browserCandidates('linux', { PATH: '/usr/bin', SWITCHBOARD_BROWSER: '/opt/b' })[0]).toBe('/opt/b');
    expect(browserCandidates('win32', { ProgramFiles: 'C:\\PF' })).toContain('C:\\PF\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(browserCandidates('darwin', {})).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(findBrowser('linux', { PATH: '/a:/b' }, (f) => f === '/b/google-chrome')).toBe('/b/google-chrome');
    expect(findBrowser('linux', { PATH: '/a' }, () => false)).toBeNull();
  });
});
