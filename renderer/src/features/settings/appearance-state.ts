import { LANGUAGE_CHOICES, THEME_CHOICES, type LanguageChoice, type ThemeChoice } from '../../../../shared/policy/keys';
import type { PolicyView } from '../../../../shared/policy/contract';
import { applyTheme } from '../../app/appearance';
import { applyLanguage, pickLanguage } from '../../i18n';

export interface Appearance {
  theme: ThemeChoice;
  language: LanguageChoice;
}

/**
 * The last effective theme and language, kept in this window's storage so the next start draws its
 * first frame in them: the settings themselves arrive from main only once the bridge is open.
 */
const REMEMBERED_KEY = 'switchboard.appearance';

const isTheme = (value: unknown): value is ThemeChoice => (THEME_CHOICES as readonly unknown[]).includes(value);
const isLanguage = (value: unknown): value is LanguageChoice => (LANGUAGE_CHOICES as readonly unknown[]).includes(value);

/** The theme and language the settings say (built-in "system" for a value that is not one). */
export function appearanceOf(view: PolicyView): Appearance {
  const value = (key: string): unknown => view.entries.find((e) => e.key === key)?.value;
  const theme = value('theme');
  const language = value('language');
  return { theme: isTheme(theme) ? theme : 'system', language: isLanguage(language) ? language : 'system' };
}

let applied: Appearance | null = null;

/** Shows the window in `appearance`: the theme on <html>, the language in the catalog, `lang` and `dir`. */
export function applyAppearance(appearance: Appearance): void {
  applied = appearance;
  applyTheme(appearance.theme);
  applyLanguage(pickLanguage(appearance.language === 'system' ? null : appearance.language, navigator.languages));
  try {
    window.localStorage.setItem(REMEMBERED_KEY, JSON.stringify(appearance));
  } catch {
    // Storage refused: the next start draws in the system's theme and language until the settings arrive.
  }
}

/** What the last start applied, if this window's storage has it. */
export function rememberedAppearance(): Appearance | null {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(REMEMBERED_KEY) ?? 'null') as Partial<Appearance> | null;
    if (!parsed || !isTheme(parsed.theme) || !isLanguage(parsed.language)) return null;
    return { theme: parsed.theme, language: parsed.language };
  } catch {
    return null;
  }
}

/** With the language set to follow the system, a change of the system's languages applies at once. */
export function followSystemLanguages(): () => void {
  const changed = () => {
    if (applied?.language === 'system') applyAppearance(applied);
  };
  window.addEventListener('languagechange', changed);
  return () => window.removeEventListener('languagechange', changed);
}
