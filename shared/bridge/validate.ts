import type { z } from 'zod';
import type { FieldError } from '../core/result';
import { issueEnglish, issuePath, issueRule } from '../policy/rule-text';
import { englishOf, userText, type TextKey, type TextValue, type UserText } from '../text/user-text';

/** One field's problem as a message: `path` is the field ("notes", "handoff.customerExpectation"). */
export interface IssueText {
  path: string;
  text: UserText;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: string[]; issueTexts: IssueText[] };

/** A field's problem: its English `message` (what `issues` and logs carry) and the `text` the window translates. */
export function fieldProblem(field: string, key: TextKey, values?: Readonly<Record<string, TextValue>>): FieldError {
  const text = userText(key, values);
  return { field, message: englishOf(text), text };
}

/** The problems that carry a message, as the bridge sends them (the others stay English in `issues`). */
export function issueTextsOf(errors: readonly FieldError[]): IssueText[] {
  return errors.flatMap((e) => (e.text === undefined ? [] : [{ path: e.field, text: e.text }]));
}

/**
 * Checks `value` against `schema` without throwing. At most 20 issues are reported, each as
 * `field.path: message`, the form shown to whoever sent the bad input; one about the value as a
 * whole is labelled `rootLabel`. A rule given as a message (`rule()`) is also in `issueTexts`, for
 * the window to say in the agent's language.
 */
export function check<S extends z.ZodType>(schema: S, value: unknown, rootLabel = '(payload)'): Checked<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 20);
  const issueTexts: IssueText[] = [];
  for (const issue of issues) {
    const text = issueRule(issue);
    if (text !== null) issueTexts.push({ path: issuePath(issue.path) || rootLabel, text });
  }
  return { ok: false, issues: issues.map((issue) => issueEnglish(issue, { root: rootLabel })), issueTexts };
}
