import type { SupportedLanguage } from './language';
import type { UserText } from './user-text';

/**
 * How a message (a key and values) becomes text in a language, given that language's catalog: the
 * plural form by `Intl.PluralRules`, nested messages translated first, `{{x, number}}` and
 * `{{x, time}}` written as the language writes them, English where a language lacks a message, the
 * key itself where English lacks it too. It knows no catalog itself, so `englishOf`
 * (shared/text/user-text.ts) and the window use it without bundling every language.
 */

export type MessageCatalog = { readonly [key: string]: string | MessageCatalog };

/** A language's messages; undefined for one not loaded (yet), which reads in English instead. */
export type MessageCatalogs = (language: SupportedLanguage) => MessageCatalog | undefined;

const numberFormats = new Map<SupportedLanguage, Intl.NumberFormat>();
const timeFormats = new Map<SupportedLanguage, Intl.DateTimeFormat>();
const pluralRules = new Map<SupportedLanguage, Intl.PluralRules>();

// Building an Intl object costs far more than using one: one per language, kept.
function kept<T>(cache: Map<SupportedLanguage, T>, language: SupportedLanguage, build: () => T): T {
  let value = cache.get(language);
  if (value === undefined) {
    value = build();
    cache.set(language, value);
  }
  return value;
}

function pluralForm(language: SupportedLanguage, count: number): Intl.LDMLPluralRule {
  return kept(pluralRules, language, () => new Intl.PluralRules(language)).select(count);
}

/**
 * The formats a catalog may name in a placeholder (`{{ms, number}}`), each taking a number:
 * `number` as the language writes numbers ("1.234,5"); `time` an instant (ms since 1970) as the
 * time of day where the text is shown ("2:30 PM", "14:30"), so the window writes it in the agent's
 * own time zone even when main runs elsewhere (the web shell's server).
 */
export const VALUE_FORMATS: Readonly<Record<string, (value: number, language: SupportedLanguage) => string>> = {
  number: (value, language) => kept(numberFormats, language, () => new Intl.NumberFormat(language)).format(value),
  time: (value, language) => kept(timeFormats, language, () => new Intl.DateTimeFormat(language, { timeStyle: 'short' })).format(value),
};

/** The message at a dotted key ("sync.network.offline") in one catalog, if there is one. */
export function lookupMessage(catalog: MessageCatalog | undefined, key: string): string | undefined {
  let node: string | MessageCatalog | undefined = catalog;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The message in one catalog: a plain one, else the plural form `count` takes in that language. */
function template(catalog: MessageCatalog | undefined, language: SupportedLanguage, key: string, count: unknown): string | undefined {
  const plain = lookupMessage(catalog, key);
  if (plain !== undefined || typeof count !== 'number') return plain ?? lookupMessage(catalog, `${key}_other`);
  return lookupMessage(catalog, `${key}_${pluralForm(language, count)}`) ?? lookupMessage(catalog, `${key}_other`);
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?\}\}/g;

/** Fills `{{name}}` and `{{name, format}}`; a value not given leaves its placeholder as written (as i18next does). */
function fill(message: string, values: Readonly<Record<string, string | number>>, language: SupportedLanguage): string {
  return message.replace(PLACEHOLDER, (whole, name: string, format: string | undefined) => {
    const value = values[name];
    if (value === undefined) return whole;
    const formatter = format === undefined ? undefined : VALUE_FORMATS[format];
    return formatter !== undefined && typeof value === 'number' ? formatter(value, language) : String(value);
  });
}

/** The message in `language` from `catalogs`, its values filled in (a nested message in the same language). */
export function translateIn(catalogs: MessageCatalogs, text: UserText, language: SupportedLanguage): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.values ?? {})) {
    values[name] = typeof value === 'object' ? translateIn(catalogs, value, language) : value;
  }
  const own = template(catalogs(language), language, text.key, values.count);
  if (own !== undefined) return fill(own, values, language);
  const english = template(catalogs('en'), 'en', text.key, values.count);
  return english === undefined ? text.key : fill(english, values, 'en');
}
