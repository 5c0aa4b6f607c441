import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decideUpdates, updatePolicyFrom, type UpdatePolicy } from '../../../electron/updates/decision';
import { detectInstallKind, MSI_MARKER_NAME, NSIS_UNINSTALLER, type InstallKind } from '../../../electron/updates/install-kind';

const on: UpdatePolicy = { autoUpdate: true, updateChannel: 'stable', updateUrl: 'https://updates.example.com/switchboard' };

describe('decideUpdates', () => {
  it.each<[InstallKind, boolean]>([
    ['nsis', true],
    ['mac', true],
    ['appimage', true],
    ['msi', false],
    ['portable', false],
    ['deb', false],
    ['rpm', false],
    ['linux-unknown', false],
    ['development', false],
  ])('%s with updates allowed by policy → enabled %s', (kind, enabled) => {
    expect(decideUpdates(kind, on).enabled).toBe(enabled);
  });

  it('MSI installs never self-update, even when policy turns updates on, and say why', () => {
    const d = decideUpdates('msi', { ...on, autoUpdate: true });
    expect(d).toEqual({ enabled: false, reason: expect.stringMatching(/MSI/) });
  });

  it('policy off wins over an NSIS install', () => {
    expect(decideUpdates('nsis', { ...on, autoUpdate: false })).toEqual({
      enabled: false,
      reason: expect.stringMatching(/turned off by IT policy/),
    });
  });

  it('needs an https URL set by IT: none, http, credentials, garbage and the build placeholder are refused', () => {
    expect(decideUpdates('nsis', { ...on, updateUrl: null }).reason).toMatch(/no update server/);
    expect(decideUpdates('nsis', { ...on, updateUrl: 'http://updates.example.com/' }).reason).toMatch(/https/);
    expect(decideUpdates('nsis', { ...on, updateUrl: 'https://user:pw@updates.example.com/' }).reason).toMatch(/credentials/);
    expect(decideUpdates('nsis', { ...on, updateUrl: 'not a url' }).reason).toMatch(/not a valid URL/);
    expect(decideUpdates('nsis', { ...on, updateUrl: 'https://updates.switchboard.invalid/desktop' }).reason).toMatch(/placeholder/);
  });

  it('maps the policy channel onto electron-updater channels', () => {
    expect(decideUpdates('mac', on)).toMatchObject({
      enabled: true,
      channel: 'latest',
      allowPrerelease: false,
      feedUrl: 'https://updates.example.com/switchboard',
    });
    expect(decideUpdates('mac', { ...on, updateChannel: 'beta' })).toMatchObject({ enabled: true, channel: 'beta', allowPrerelease: true });
  });
});

describe('detectInstallKind', () => {
  const win = (files: string[]) =>
    detectInstallKind({
      packaged: true,
      platform: 'win32',
      execPath: 'C:\\Program Files\\Switchboard\\Switchboard.exe',
      resourcesPath: 'C:\\Program Files\\Switchboard\\resources',
      env: {},
      exists: (f) => files.includes(f),
    });

  it('Windows: the MSI marker beside the exe means MSI, even where an NSIS uninstaller was left behind', () => {
    const marker = `C:\\Program Files\\Switchboard\\${MSI_MARKER_NAME}`;
    const uninstaller = `C:\\Program Files\\Switchboard\\${NSIS_UNINSTALLER}`;
    expect(win([marker])).toBe('msi');
    expect(win([marker, uninstaller])).toBe('msi');
    expect(win([uninstaller])).toBe('nsis');
    expect(win([])).toBe('portable');
  });

  it('Linux: AppImage by $APPIMAGE, deb/rpm by electron-builder’s package-type file', () => {
    const linux = (env: NodeJS.ProcessEnv, packageType: string | null) =>
      detectInstallKind({
        packaged: true,
        platform: 'linux',
        execPath: '/opt/Switchboard/switchboard',
        resourcesPath: '/opt/Switchboard/resources',
        env,
        readText: (f) => (f === '/opt/Switchboard/resources/package-type' ? packageType : null),
      });
    expect(linux({ APPIMAGE: '/home/a/Switchboard.AppImage' }, null)).toBe('appimage');
    expect(linux({}, 'deb\n')).toBe('deb');
    expect(linux({}, 'rpm')).toBe('rpm');
    expect(linux({}, null)).toBe('linux-unknown');
  });

  it('unpackaged runs are development builds', () => {
    expect(detectInstallKind({ packaged: false, platform: 'win32', execPath: 'x', resourcesPath: 'y', env: {} })).toBe('development');
  });

  it('the marker name matches what the MSI hook installs', async () => {
    const hookFile = pathToFileURL(path.resolve(import.meta.dirname, '../../../build/msi-project-created.mjs')).href;
    const hook = (await import(hookFile)) as { MSI_MARKER_NAME: string };
    expect(hook.MSI_MARKER_NAME).toBe(MSI_MARKER_NAME);
  });
});

describe('updatePolicyFrom', () => {
  it('reads the policy keys, with the built-in defaults for keys set nowhere', () => {
    expect(updatePolicyFrom({ autoUpdate: null, updateChannel: null, updateUrl: null })).toEqual({
      autoUpdate: true,
      updateChannel: 'stable',
      updateUrl: null,
    });
    expect(updatePolicyFrom({ autoUpdate: false, updateChannel: 'beta', updateUrl: 'https://u.example.com/' })).toEqual({
      autoUpdate: false,
      updateChannel: 'beta',
      updateUrl: 'https://u.example.com/',
    });
  });
});
