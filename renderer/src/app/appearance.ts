/** The colour themes an agent or IT may choose; "system" follows the OS's light or dark mode. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** The palettes styles/tokens.css has: what <html data-theme> says once "system" is resolved. */
export type Palette = 'light' | 'dark';

/** The palette `theme` shows while the OS does (`osPrefersDark`) or does not ask for dark. */
export function paletteFor(theme: Theme, osPrefersDark: boolean): Palette {
  if (theme === 'system') return osPrefersDark ? 'dark' : 'light';
  return theme;
}

/** The parts of the window a theme touches: <html>'s data attributes and the OS's dark-mode query. */
export interface ThemeHost {
  root: { dataset: DOMStringMap };
  darkQuery: Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;
}

/**
 * A function that shows a theme in `host`. The palette is always written to `data-theme`, so
 * tokens.css holds each palette once; with "system" it follows the OS's changes until another
 * theme is applied (one listener at most, however often "system" is applied again).
 */
export function themeApplier(host: ThemeHost): (theme: Theme) => void {
  let stopFollowing: (() => void) | null = null;
  return (theme) => {
    stopFollowing?.();
    stopFollowing = null;
    const show = () => {
      host.root.dataset.theme = paletteFor(theme, host.darkQuery.matches);
    };
    show();
    if (theme !== 'system') return;
    host.darkQuery.addEventListener('change', show);
    stopFollowing = () => host.darkQuery.removeEventListener('change', show);
  };
}

let applyToWindow: ((theme: Theme) => void) | null = null;

/**
 * Shows the window in `theme` (main.tsx applies "system" before the first frame, then the
 * remembered or set one replaces it). High contrast (forced colours) applies over any of them.
 */
export function applyTheme(theme: Theme): void {
  // Made on first use, so importing this module needs no window (the unit tests run in Node).
  applyToWindow ??= themeApplier({
    root: document.documentElement,
    darkQuery: window.matchMedia('(prefers-color-scheme: dark)'),
  });
  applyToWindow(theme);
}
