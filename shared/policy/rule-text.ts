/**
 * Why a policy value is not valid, as a message the window translates. A key schema's rules carry
 * their message as a `UserText` written into zod's message string (zod keeps messages as strings);
 * `issuesText` reads it back. A rule from a schema outside shared/policy, or one of zod's own, still
 * says why, in English (`policy.rule.unexplained`).
 */
import type { z } from 'zod';
import { userText, userTextSchema, type TextKey, type UserText } from '../text/user-text';

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

/** "[2].label" for the part of a value an issue is about; '' for the value itself. */
function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc === '' ? String(part) : `${acc}.${String(part)}`),
    '',
  );
}

function issueText(issue: z.ZodError['issues'][number]): UserText {
  const where = issuePath(issue.path);
  const why = ruleText(issue.message);
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
