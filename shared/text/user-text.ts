import * as z from 'zod';
import en from './en';
import { lookupMessage, translateIn, type MessageCatalog } from './message-format';

/**
 * Text main composes for the agent (a call's problem, a setup-check verdict, a sync error) crosses
 * the bridge as a key and its values, never as a sentence: the window translates it into the
 * agent's language with its "messages" namespace, whose English is `./en`. Main keeps English only
 * for its logs and the diagnostics bundle (`englishOf`).
 */

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A plural message is written as "key_one" / "key_other" (i18next's form) and sent as "key" with a `count`. */
type Singular<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

/** Every message main may send, as "area.name" (or "area.group.name"). A misspelt key is a type error. */
export type TextKey = Singular<Leaves<typeof en>>;

/** A value is shown as given (a number, a name, a code), or is itself a message, translated first. */
export type TextValue = string | number | UserText;

export interface UserText {
  readonly key: TextKey;
  readonly values?: Readonly<Record<string, TextValue>>;
}

/** Builds the message; the values fill its `{{placeholders}}`. */
export function userText(key: TextKey, values?: Readonly<Record<string, TextValue>>): UserText {
  return values === undefined ? { key } : { key, values };
}

/** Whether main knows this key; the bridge refuses a message with an unknown one. */
export function isTextKey(key: string): key is TextKey {
  const known = (k: string) => lookupMessage(en, k) !== undefined;
  return known(key) || (known(`${key}_one`) && known(`${key}_other`));
}

const englishOnly = (): MessageCatalog => en;

/**
 * The message in English, formatted as the window formats it in English ("1,200"; a time in this
 * process's zone): for main's logs, the diagnostics bundle and tests, never for the window.
 */
export function englishOf(text: UserText): string {
  return translateIn(englishOnly, text, 'en');
}

const MAX_DEPTH = 3;

function userTextAt(depth: number): z.ZodType<UserText> {
  const value: z.ZodType<TextValue> =
    depth < MAX_DEPTH
      ? z.union([z.string().max(2000), z.number(), z.lazy(() => userTextAt(depth + 1))])
      : z.union([z.string().max(2000), z.number()]);
  return z.strictObject({
    key: z.string().max(120).refine(isTextKey, { message: 'is not a message key main knows' }),
    values: z.record(z.string().regex(/^\w{1,40}$/), value).optional(),
  });
}

/** A message on the bridge: a known key, values of at most three levels of nested messages. */
export const userTextSchema: z.ZodType<UserText> = userTextAt(0);
