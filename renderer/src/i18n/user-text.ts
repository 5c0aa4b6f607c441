import { useTranslation } from 'react-i18next';
import { englishOf, type UserText } from '../../../shared/text/user-text';
import { i18n } from './i18n';

/**
 * Text main composed, in the window's language: its key in the "messages" namespace, the values
 * filled in (a nested message translated first). Main and the window ship in one build, so every
 * key main sends is in the catalogs (`userTextSchema` refuses others); should one not be, the key
 * itself shows rather than an empty line.
 */
export function translateUserText(text: UserText): string {
  const key = `messages:${text.key}`;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.values ?? {})) {
    values[name] = typeof value === 'object' ? translateUserText(value) : value;
  }
  if (!i18n.exists(key, values)) return englishOf(text);
  // The key is only known at run time, so i18next's typed overloads cannot check it (exists() did).
  const translated: unknown = i18n.t(key, values as never);
  return typeof translated === 'string' ? translated : englishOf(text);
}

/** `translateUserText` for a component: it re-renders when the language changes; null gives ''. */
export function useUserText(): (text: UserText | null | undefined) => string {
  // Subscribing is the point: a language change re-renders the caller, which translates again.
  useTranslation('messages');
  return (text) => (text ? translateUserText(text) : '');
}
