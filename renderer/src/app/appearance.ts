/** The colour themes an agent or IT may choose; "system" follows the OS's light or dark mode. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/**
 * Shows the window in `theme`. "system" leaves the choice to the OS (prefers-color-scheme in
 * styles/tokens.css); high contrast (forced colours) applies over any of them.
 */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
