import de from './de';
import en from './en';
import { translateIn, type MessageCatalog, type MessageCatalogs } from './message-format';
import type { UserText } from './user-text';
import type { SupportedLanguage } from './language';

export { translateIn, VALUE_FORMATS, type MessageCatalog, type MessageCatalogs } from './message-format';

/**
 * The one translator of main's messages (a key and values) into the agent's language. Main uses
 * it for the text it shows itself (an OS notification, the start-failure box, the sign-in page in
 * the browser); the window for every message main sends (`translateUserText` in
 * renderer/src/i18n/user-text.ts), so the two never word or format a message differently. It
 * chooses as i18next does: the plural form by `Intl.PluralRules`, nested messages translated
 * first, `{{x, number}}` written as the language writes numbers ("1.234,5" in German), English
 * where a language lacks a message, the key itself where English lacks it too
 * (shared/text/message-format.ts).
 */

const BUNDLED: Record<SupportedLanguage, MessageCatalog> = { en, de };
const bundled: MessageCatalogs = (language) => BUNDLED[language];

/** The message in `language`, from the catalogs main bundles (shared/text/en, shared/text/de). */
export function translate(text: UserText, language: SupportedLanguage): string {
  return translateIn(bundled, text, language);
}
