import { describe, expect, it } from 'vitest';
import { paletteFor, themeApplier, type ThemeHost } from '../../../renderer/src/app/appearance';

/**
 * The OS's "(prefers-color-scheme: dark)" query as a window has it: `matches`, and a `change`
 * event when the agent switches the OS between light and dark. It counts its listeners, so a test
 * sees one left behind. (The real one, in Chromium, is driven by tests/e2e/settings.spec.ts and
 * the dark states of tests/e2e/visual.spec.ts.)
 */
class OsDarkMode extends EventTarget {
  matches: boolean;
  listeners = 0;
  constructor(dark: boolean) {
    super();
    this.matches = dark;
  }
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    this.listeners += 1;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    this.listeners -= 1;
    super.removeEventListener(...args);
  }
  switchTo(dark: boolean): void {
    this.matches = dark;
    this.dispatchEvent(new Event('change'));
  }
}

function windowWith(osDark: boolean) {
  const os = new OsDarkMode(osDark);
  const host: ThemeHost = { root: { dataset: {} }, darkQuery: os };
  return { os, html: host.root.dataset, apply: themeApplier(host) };
}

describe('paletteFor', () => {
  it('gives the OS choice for "system" and the chosen palette otherwise', () => {
    expect(paletteFor('system', true)).toBe('dark');
    expect(paletteFor('system', false)).toBe('light');
    expect(paletteFor('light', true)).toBe('light');
    expect(paletteFor('dark', false)).toBe('dark');
  });
});

describe('themeApplier', () => {
  it('writes the OS choice to data-theme under "system", light or dark', () => {
    const dark = windowWith(true);
    dark.apply('system');
    expect(dark.html.theme).toBe('dark');

    const light = windowWith(false);
    light.apply('system');
    expect(light.html.theme).toBe('light');
  });

  it('follows the OS switching between light and dark while the theme is "system"', () => {
    const { os, html, apply } = windowWith(false);
    apply('system');
    os.switchTo(true);
    expect(html.theme).toBe('dark');
    os.switchTo(false);
    expect(html.theme).toBe('light');
  });

  it('stops following the OS once a fixed theme is chosen, and keeps that theme', () => {
    const { os, html, apply } = windowWith(false);
    apply('system');
    apply('light');
    expect(os.listeners).toBe(0);
    os.switchTo(true);
    expect(html.theme).toBe('light');

    apply('dark');
    os.switchTo(false);
    expect(html.theme).toBe('dark');
  });

  it('keeps one listener however often "system" is applied, and follows again after a fixed theme', () => {
    const { os, html, apply } = windowWith(true);
    apply('system');
    apply('system');
    expect(os.listeners).toBe(1);

    apply('dark');
    apply('system');
    expect(os.listeners).toBe(1);
    os.switchTo(false);
    expect(html.theme).toBe('light');
  });
});
