import { useTranslation } from 'react-i18next';
import { isSupportedLanguage, type SupportedLanguage } from '../../../shared/text/language';
import { translateIn, type MessageCatalog } from '../../../shared/text/translate';
import type { UserText } from '../../../shared/text/user-text';
import { i18n } from './i18n';

/** Main's messages in a language, as far as the window has loaded them (its "messages" namespace). */
function loadedMessages(language: SupportedLanguage): MessageCatalog | undefined {
  return i18n.getResourceBundle(language, 'messages') as MessageCatalog | undefined;
}

/**
 * Text main composed, in the window's language. It goes through main's own translator
 * (shared/text/translate.ts), not i18next: one translator, so a number or a plural reads the same
 * in the window as in main's notifications. A key missing from the catalogs shows as itself,
 * rather than as an empty line.
 */
export function translateUserText(text: UserText): string {
  const current = i18n.resolvedLanguage ?? i18n.language;
  return translateIn(loadedMessages, text, isSupportedLanguage(current) ? current : 'en');
}

/** `translateUserText` for a component: it re-renders when the language changes; null gives ''. */
export function useUserText(): (text: UserText | null | undefined) => string {
  // Subscribing is the point: a language change re-renders the caller, which translates again.
  useTranslation('messages');
  return (text) => (text ? translateUserText(text) : '');
}
