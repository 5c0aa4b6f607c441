/**
 * Why a policy value is not valid, as a message the window translates. A key schema's rules carry
 * their message as a `UserText` written into zod's message string (zod keeps messages as strings);
 * `issuesText` reads it back. The schemas of IT's JSON policies outside shared/policy (workflow
 * catalogs, the Salesforce mapping, hotkeys, alert webhooks, telephony settings) write theirs the
 * same way; zod's own bounds and types are said as rules too (`zodRule`). Any other message still
 * says why, in English (`policy.rule.unexplained`).
 */
import type { z } from 'zod';
import { englishOf, userText, userTextSchema, type TextKey, type UserText } from '../text/user-text';

/** The message of a schema rule: pass it where zod takes a message (`.max(253, rule(...))`). */
export function rule(key: TextKey, values?: Readonly<Record<string, string | number>>): string {
  return JSON.stringify(userText(key, values));
}

/** "must be "a" or "b"" for an enum's choices (each a name IT types, shown as written). */
export function oneOf(choices: readonly string[]): string {
  const [first = '', second = '', third = ''] = choices;
  if (choices.length === 2) return rule('policy.rule.oneOfTwo', { first, second });
  if (choices.length === 3) return rule('policy.rule.oneOfThree', { first, second, third });
  return rule('policy.rule.oneOfList', { list: choices.join(', ') });
}

/** The message a rule was given, or zod's English one as it is. */
export function ruleText(message: string): UserText {
  if (message.startsWith('{')) {
    try {
      const parsed = userTextSchema.safeParse(JSON.parse(message));
      if (parsed.success) return parsed.data;
    } catch {
      // Not one of ours: an English message that happens to start with a brace.
    }
  }
  return userText('policy.rule.unexplained', { detail: message });
}

/**
 * A zod issue's message in English, for logs and for the English lines of an error's `issues`:
 * what `rule()` wrote, or zod's own English as it is. Code that prints `issue.message` of a schema
 * using `rule()` prints it through this, or it would print the message's JSON.
 */
export function ruleEnglish(message: string): string {
  return englishOf(ruleText(message));
}

/** "[2].label" for the part of a value an issue is about; '' for the value itself. */
function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc === '' ? String(part) : `${acc}.${String(part)}`),
    '',
  );
}

type Issue = z.ZodError['issues'][number];

const TYPE_RULES: Readonly<Record<string, TextKey>> = {
  number: 'policy.rule.number',
  int: 'policy.rule.wholeNumber',
  string: 'policy.rule.text',
  boolean: 'policy.rule.trueOrFalse',
  array: 'policy.rule.list',
  object: 'policy.rule.object',
};

/**
 * zod's own check, said as a rule: a bound, a type, a choice or an unknown field that a schema
 * gave no message of its own. Null for any other, which keeps zod's English.
 */
function zodRule(issue: Issue): UserText | null {
  switch (issue.code) {
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'number') return userText(issue.inclusive ? 'policy.rule.atLeast' : 'policy.rule.greaterThan', { minimum });
      if (issue.origin === 'string')
        return minimum <= 1 ? userText('policy.rule.notEmpty') : userText('policy.rule.atLeastCharacters', { minimum });
      if (issue.origin === 'array' || issue.origin === 'set') return userText('policy.rule.atLeastEntries', { count: minimum });
      return null;
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'number') return userText(issue.inclusive ? 'policy.rule.atMost' : 'policy.rule.lessThan', { maximum });
      if (issue.origin === 'string') return userText('policy.rule.atMostCharacters', { maximum });
      if (issue.origin === 'array' || issue.origin === 'set') return userText('policy.rule.atMostEntries', { count: maximum });
      return null;
    }
    case 'invalid_type': {
      const key = TYPE_RULES[issue.expected];
      return key === undefined ? null : userText(key);
    }
    case 'invalid_value':
      return userText('policy.rule.oneOfList', { list: issue.values.map(String).join(', ').slice(0, 300) });
    case 'unrecognized_keys':
      return userText('policy.rule.unknownFields', {
        count: issue.keys.length,
        keys: issue.keys
          .map((k) => `"${k.slice(0, 60)}"`)
          .join(', ')
          .slice(0, 300),
      });
    default:
      return null;
  }
}

/** Whether a message is one zod wrote itself, rather than one a schema gave (in English or by `rule()`). */
function isZodsOwn(issue: Issue): boolean {
  return /^(Too small|Too big|Invalid input|Invalid option|Unrecognized key)/.test(issue.message);
}

function issueText(issue: Issue): UserText {
  const where = issuePath(issue.path);
  const why = (isZodsOwn(issue) ? zodRule(issue) : null) ?? ruleText(issue.message);
  return where === '' ? why : userText('policy.issues.at', { path: where, rule: why });
}

/** "[2].label: must not be empty; …" - the first three problems, and how many more there are. */
export function issuesText(error: z.ZodError): UserText {
  const [first, second, third] = error.issues.slice(0, 3).map(issueText);
  if (first === undefined) return userText('policy.rule.unexplained', { detail: error.message.slice(0, 200) });
  if (second === undefined) return first;
  if (third === undefined) return userText('policy.issues.two', { first, second });
  const more = error.issues.length - 3;
  return more > 0
    ? userText('policy.issues.more', { first, second, third, count: more })
    : userText('policy.issues.three', { first, second, third });
}
