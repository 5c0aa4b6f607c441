/** The languages the window is translated into; English is the source catalog. */
export const SUPPORTED_LANGUAGES = ['en', 'de'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

/** Each language by its own name, as a language picker shows it. */
export const LANGUAGE_NAMES: Record<SupportedLanguage, string> = { en: 'English', de: 'Deutsch' };

export function isSupportedLanguage(value: string): value is SupportedLanguage {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to show: the setting when it names a supported language, else the first of the
 * system's preferred languages (BCP 47 tags, most preferred first) that is supported, matched on
 * the base language ("de-AT" → German), else English.
 */
export function pickLanguage(setting: string | null | undefined, preferred: readonly string[]): SupportedLanguage {
  if (setting && isSupportedLanguage(setting)) return setting;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isSupportedLanguage(base)) return base;
  }
  return 'en';
}

const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/** Which way a language's text runs, for the document's `dir` (the layout uses logical properties). */
export function textDirection(tag: string): 'ltr' | 'rtl' {
  const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  return RIGHT_TO_LEFT.has(base) ? 'rtl' : 'ltr';
}
