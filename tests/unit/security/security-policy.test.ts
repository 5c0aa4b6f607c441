import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSender } from '../../../electron/security/app-origin';
import { rendererCsp } from '../../../electron/security/csp';
import { isExternalUrlAllowed, isHidDeviceAllowed, isPermissionAllowed } from '../../../electron/security/permissions';
import { openStaticFile, resolveStaticPath } from '../../../electron/security/static-files';

describe('the app origin', () => {
  it('accepts only app://switchboard', () => {
    expect(isAppUrl('app://switchboard/index.html')).toBe(true);
    expect(isAppUrl('app://switchboard')).toBe(true);
    for (const url of [
      'app://switchboard.evil/',
      'app://evil/',
      'https://switchboard/',
      'file:///index.html',
      'app://user:pw@switchboard/',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it("trusts IPC only from the app window's top-level frame showing the app", () => {
    const good = { frameUrl: 'app://switchboard/index.html', isTopLevelFrame: true, fromAppWindow: true };
    expect(isTrustedSender(good)).toBe(true);
    expect(isTrustedSender({ ...good, isTopLevelFrame: false })).toBe(false);
    expect(isTrustedSender({ ...good, fromAppWindow: false })).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'https://example.com/' })).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: null })).toBe(false);
  });
});

describe('web permissions', () => {
  const app = { requestingUrl: 'app://switchboard/index.html', isMainFrame: true };

  it('allows the microphone for the app page, audio only', () => {
    expect(isPermissionAllowed({ ...app, permission: 'media', mediaTypes: ['audio'] })).toBe(true);
    expect(isPermissionAllowed({ ...app, permission: 'media', mediaType: 'audio' })).toBe(true);
    expect(isPermissionAllowed({ ...app, permission: 'media', mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(isPermissionAllowed({ ...app, permission: 'media', mediaTypes: ['video'] })).toBe(false);
  });

  it('denies everything to other origins and to subframes', () => {
    expect(
      isPermissionAllowed({ permission: 'media', mediaTypes: ['audio'], requestingUrl: 'https://evil.example/', isMainFrame: true }),
    ).toBe(false);
    expect(isPermissionAllowed({ ...app, isMainFrame: false, permission: 'media', mediaTypes: ['audio'] })).toBe(false);
  });

  it('denies permissions the app does not need', () => {
    for (const permission of [
      'geolocation',
      'notifications',
      'display-capture',
      'openExternal',
      'midi',
      'usb',
      'serial',
      'fullscreen',
      'pointerLock',
      'unknown',
    ]) {
      expect(isPermissionAllowed({ ...app, permission }), permission).toBe(false);
    }
    for (const permission of ['speaker-selection', 'hid', 'clipboard-sanitized-write']) {
      expect(isPermissionAllowed({ ...app, permission }), permission).toBe(true);
    }
  });

  it('opens only HID devices with a telephony collection', () => {
    expect(isHidDeviceAllowed('app://switchboard', { collections: [{ usagePage: 0x0c }, { usagePage: 0x0b }] })).toBe(true);
    expect(isHidDeviceAllowed('app://switchboard', { collections: [{ usagePage: 0x01 }] })).toBe(false);
    expect(isHidDeviceAllowed('https://evil.example', { collections: [{ usagePage: 0x0b }] })).toBe(false);
  });

  it('hands only https and mailto links to the OS', () => {
    expect(isExternalUrlAllowed('https://support.example.com/kb/1')).toBe(true);
    expect(isExternalUrlAllowed('mailto:help@example.com')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id',
      'http://plain.example',
      'https://u:p@example.com',
      'garbage',
    ]) {
      expect(isExternalUrlAllowed(url), url).toBe(false);
    }
  });
});

describe('the CSP', () => {
  it('allows nothing inline or remote, and only the named bridge socket', () => {
    const csp = rendererCsp({ bridgeSocket: 'ws://127.0.0.1:4000' });
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4000;");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(rendererCsp()).toContain("connect-src 'self';");
  });
});

describe('static file paths', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'switchboard-static-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'x');
  writeFileSync(path.join(os.tmpdir(), 'switchboard-outside.txt'), 'secret');

  it('maps app paths into the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('refuses every way out of the root', () => {
    for (const hostile of [
      '/../switchboard-outside.txt',
      '/assets/../../x',
      '/%2e%2e/x',
      '/..%2fx',
      '/assets%5c..%5c..%5cx',
      '/a\\..\\..\\x',
      '/%00',
      '/%zz',
      'relative',
    ]) {
      const resolved = resolveStaticPath(root, hostile);
      expect(resolved === null || resolved.startsWith(root + path.sep), hostile).toBe(true);
    }
    expect(resolveStaticPath(root, '/..%2f..%2fetc/passwd')).toBeNull();
  });

  it('serves files only, not folders', async () => {
    expect(await openStaticFile(root, '/assets')).toBeNull();
    expect(await openStaticFile(root, '/missing.js')).toBeNull();
    expect((await openStaticFile(root, '/index.html'))?.size).toBe(15);
  });

  it('refuses any parent-folder segment, even one that would stay inside', () => {
    expect(resolveStaticPath(root, '/assets/../index.html')).toBeNull();
    expect(resolveStaticPath(root, '/assets/%2e%2e/index.html')).toBeNull();
  });
});
