import de from './de';
import en from './en';
import { fillTemplate, type UserText } from './user-text';
import type { SupportedLanguage } from './language';

/**
 * Text main shows itself, outside the window (an OS notification, the start-failure box, the
 * sign-in page in the browser), in the agent's language. It reads the same catalogs as the
 * window's "messages" namespace and chooses like i18next: the plural form by `Intl.PluralRules`,
 * nested messages translated first, English where a language lacks a message, the key itself
 * where English lacks it too (`translateUserText` in renderer/src/i18n/user-text.ts).
 */

type Tree = { readonly [key: string]: string | Tree };

const CATALOGS: Record<SupportedLanguage, Tree> = { en, de };

function lookup(catalog: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = catalog;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The message in one catalog: a plain one, else the plural form `count` takes in that language. */
function template(language: SupportedLanguage, key: string, count: string | number | undefined): string | undefined {
  const catalog = CATALOGS[language];
  const plain = lookup(catalog, key);
  if (plain !== undefined || typeof count !== 'number') return plain ?? lookup(catalog, `${key}_other`);
  const form = new Intl.PluralRules(language).select(count);
  return lookup(catalog, `${key}_${form}`) ?? lookup(catalog, `${key}_other`);
}

/** The message in `language`, its values filled in (a nested message in the same language). */
export function translate(text: UserText, language: SupportedLanguage): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.values ?? {})) {
    values[name] = typeof value === 'object' ? translate(value, language) : value;
  }
  const found = template(language, text.key, values.count) ?? template('en', text.key, values.count);
  return found === undefined ? text.key : fillTemplate(found, values);
}
