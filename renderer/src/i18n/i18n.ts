import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './de';
import en from './en';
import { textDirection, type SupportedLanguage } from './languages';

/** The catalogs by language and namespace. Both ship in the bundle: together they are a few KB. */
export const RESOURCES = { en, de } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    // Typing t() against the English catalog makes a key the code uses but English lacks a type error.
    resources: typeof en;
  }
}

/**
 * The window's translator. Set up synchronously (no back end, no detector: main and the setting
 * decide the language), so the first render is already translated.
 */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: RESOURCES,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en', 'de'],
  defaultNS: 'common',
  ns: Object.keys(en),
  initAsync: false,
  // React escapes what it renders; escaping here too would show "&amp;" in names.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Shows the window in `language`: the catalog, the document's `lang` (screen readers' voice) and `dir`. */
export function applyLanguage(language: SupportedLanguage): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
  document.documentElement.dir = textDirection(language);
}
