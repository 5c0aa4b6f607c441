import type { z } from 'zod';
import type { FieldError } from '../core/result';
import { englishOf, userText, userTextSchema, type TextKey, type TextValue, type UserText } from '../text/user-text';

/** One field's problem as a message: `path` is the field ("notes", "handoff.customerExpectation"). */
export interface IssueText {
  path: string;
  text: UserText;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: string[]; issueTexts: IssueText[] };

/**
 * A field's problem with its message: `message` is the English (what `issues` and logs carry),
 * `text` what the window translates. A `FieldError` everywhere one is expected.
 */
export type TextFieldError = FieldError & { readonly text: UserText };

export function fieldProblem(field: string, key: TextKey, values?: Readonly<Record<string, TextValue>>): TextFieldError {
  const text = userText(key, values);
  return { field, message: englishOf(text), text };
}

/** The problems that carry a message, as the bridge sends them (the others stay English in `issues`). */
export function issueTextsOf(errors: readonly FieldError[]): IssueText[] {
  const out: IssueText[] = [];
  for (const e of errors) {
    const text = (e as Partial<TextFieldError>).text;
    if (text !== undefined) out.push({ path: e.field, text });
  }
  return out;
}

/** The message a schema rule was given (`rule()` in shared/policy/rule-text.ts), or null for zod's own English. */
function ruleMessage(message: string): UserText | null {
  if (!message.startsWith('{')) return null;
  try {
    const parsed = userTextSchema.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function pathOf(issue: z.core.$ZodIssue, rootLabel: string): string {
  return issue.path.length > 0 ? issue.path.map(String).join('.') : rootLabel;
}

/** Formats one zod issue as `field.path: message`, the form shown to whoever sent the bad input. */
function describeIssue(issue: z.core.$ZodIssue, rootLabel: string): string {
  const text = ruleMessage(issue.message);
  return `${pathOf(issue, rootLabel)}: ${text === null ? issue.message : englishOf(text)}`;
}

/**
 * Checks `value` against `schema` without throwing. At most 20 issues are
 * reported; one about the value as a whole is labelled `rootLabel`. A rule given as a message
 * (`rule()`) is also in `issueTexts`, for the window to say in the agent's language.
 */
export function check<S extends z.ZodType>(schema: S, value: unknown, rootLabel = '(payload)'): Checked<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 20);
  const issueTexts: IssueText[] = [];
  for (const issue of issues) {
    const text = ruleMessage(issue.message);
    if (text !== null) issueTexts.push({ path: pathOf(issue, rootLabel), text });
  }
  return { ok: false, issues: issues.map((issue) => describeIssue(issue, rootLabel)), issueTexts };
}
