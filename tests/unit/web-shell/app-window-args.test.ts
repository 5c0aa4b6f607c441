import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appWindowArgs } from '../../../electron/web-shell/app-window-args';

describe("the web shell's own window", () => {
  it('opens the link in app mode with a profile in the data folder', () => {
    const args = appWindowArgs('http://127.0.0.1:4000/launch?code=abc', '/data', false);
    expect(args[0]).toBe('--app=http://127.0.0.1:4000/launch?code=abc');
    expect(args).toContain(`--user-data-dir=${path.join('/data', 'web-shell-browser')}`);
    expect(args).not.toContain('--no-sandbox');
  });

  it('rings before the agent has clicked in it: no autoplay gesture is required', () => {
    expect(appWindowArgs('http://127.0.0.1:4000/', '/data', false)).toContain('--autoplay-policy=no-user-gesture-required');
  });

  it("gives the page's V8 the renderer flags Electron's window has", () => {
    expect(appWindowArgs('http://127.0.0.1:4000/', '/data', false)).toContain('--js-flags=--max-semi-space-size=1');
  });

  it("runs without Chromium's own sandbox only as root, where that sandbox cannot start", () => {
    expect(appWindowArgs('http://127.0.0.1:4000/', '/data', true).at(-1)).toBe('--no-sandbox');
  });
});
