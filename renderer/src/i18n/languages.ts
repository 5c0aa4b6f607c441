import type { SupportedLanguage } from '../../../shared/text/language';

// The choice itself is shared with main (shared/text/language.ts): both pick the same language.
export { SUPPORTED_LANGUAGES, isSupportedLanguage, pickLanguage, type SupportedLanguage } from '../../../shared/text/language';

/** Each language by its own name, as a language picker shows it. */
export const LANGUAGE_NAMES: Record<SupportedLanguage, string> = { en: 'English', de: 'Deutsch' };

const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/** Which way a language's text runs, for the document's `dir` (the layout uses logical properties). */
export function textDirection(tag: string): 'ltr' | 'rtl' {
  const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  return RIGHT_TO_LEFT.has(base) ? 'rtl' : 'ltr';
}
