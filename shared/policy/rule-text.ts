/**
 * Why a policy value is not valid, as a message the window translates. A key schema's rules carry
 * their message as a `UserText` written into zod's message string (zod keeps messages as strings);
 * `issuesText` reads it back. The schemas of IT's JSON policies outside shared/policy (workflow
 * catalogs, the Salesforce mapping, hotkeys, alert webhooks, telephony settings) write theirs the
 * same way; zod's own bounds and types are said as rules too (`zodRule`). Any other message still
 * says why, in English (`policy.rule.unexplained`). This is the one place that reads a zod issue's
 * message: `issueEnglish` says an issue in English, `issueRule` and `issuesText` give the window its message.
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

/** The message `rule()` wrote, or null for any other (zod's own English, or a schema's). */
function ruleMessage(message: string): UserText | null {
  if (!message.startsWith('{')) return null;
  try {
    const parsed = userTextSchema.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : null;
  } catch {
    // Not one of ours: an English message that happens to start with a brace.
    return null;
  }
}

/** The message a rule was given, or zod's English one as it is. */
export function ruleText(message: string): UserText {
  return ruleMessage(message) ?? userText('policy.rule.unexplained', { detail: message });
}

/**
 * A zod issue's message in English: what `rule()` wrote, or zod's own English as it is. Prefer
 * `issueEnglish`, which also says where; this is for a message already taken from its issue.
 */
export function ruleEnglish(message: string): string {
  return englishOf(ruleText(message));
}

type Issue = z.core.$ZodIssue;

/**
 * How an issue names the part of a value it is about: `field` as a request names its fields
 * ("changes.0.id", "handoff.customerExpectation"; the window's forms match them), `policy` as a
 * policy author reads a JSON file ("wrapUpCodes[3].label").
 */
export type IssuePathStyle = 'field' | 'policy';

/** The part of a value an issue is about, in `style`; '' for the value itself. */
export function issuePath(path: readonly PropertyKey[], style: IssuePathStyle = 'field'): string {
  if (style === 'field') return path.map(String).join('.');
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc === '' ? String(part) : `${acc}.${String(part)}`),
    '',
  );
}

export interface IssueEnglishOptions {
  /** How the path is written; `field` unless said. */
  readonly style?: IssuePathStyle;
  /** Where the checked value sits in a larger one: `['changes', 3]` gives "changes.3.id". */
  readonly under?: readonly PropertyKey[];
  /** The name for the value itself, when the issue is about all of it ("(payload)"); none by default. */
  readonly root?: string;
}

/**
 * One zod issue in English, "where: why" ("why" alone for the value itself, unless `root` names
 * it), for logs, a policy author and the English `issues` of a refusal. Every place that prints a
 * zod issue prints it through this (eslint.config.js refuses a raw `issue.message` elsewhere): a
 * rule's message is a `UserText` as JSON, which would otherwise show as JSON.
 */
export function issueEnglish(issue: Issue, options: IssueEnglishOptions = {}): string {
  const where = issuePath([...(options.under ?? []), ...issue.path], options.style);
  const label = where === '' ? options.root : where;
  const why = ruleEnglish(issue.message);
  return label === undefined ? why : `${label}: ${why}`;
}

/** Why the issue was raised, in English, without where: for answers that carry the path apart. */
export function issueWhy(issue: Issue): string {
  return ruleEnglish(issue.message);
}

/** The message a schema rule gave this issue (`rule()`), for the window to translate; null for zod's own English. */
export function issueRule(issue: Issue): UserText | null {
  return ruleMessage(issue.message);
}

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
  const where = issuePath(issue.path, 'policy');
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
