import * as z from 'zod';
import type { IssueText } from '../../../shared/bridge/validate';
import { issueEnglish, issuePath, issuesText } from '../../../shared/policy/rule-text';
import { englishOf, type UserText } from '../../../shared/text/user-text';
import { StoreError } from '../errors';

/**
 * What is wrong with a change the store refuses, field by field: `path: why` in English for logs
 * and callers' tests (`issues`), and each `why` as a message the window says in the agent's
 * language (`issueTexts`, shown by renderer/src/bridge/field-issues.ts).
 */
export class FieldProblems {
  readonly issues: string[] = [];
  readonly issueTexts: IssueText[] = [];

  get empty(): boolean {
    return this.issues.length === 0;
  }

  add(path: string, text: UserText): void {
    this.issues.push(`${path}: ${englishOf(text)}`);
    this.issueTexts.push({ path, text });
  }

  /**
   * One issue of a schema (shared/store/schemas.ts and the record schemas it uses), for a value
   * found `under` a larger one (`['changes', 1]`). Its English line is the schema's rule, or zod's
   * own English; its message is the rule, or zod's own check said as one (shared/policy/rule-text.ts).
   */
  addIssue(under: readonly PropertyKey[], issue: z.core.$ZodIssue): void {
    this.issues.push(issueEnglish(issue, { under }));
    // The issue alone, at no path, is said as its rule alone: the field is `path` beside it.
    const path = issuePath([...under, ...issue.path]);
    this.issueTexts.push({ path, text: issuesText(new z.ZodError([{ ...issue, path: [] }])) });
  }

  /** The refusal: `message` says what was refused, the problems say why. Nothing was written. */
  refusal(message: UserText): StoreError {
    return new StoreError('invalid-input', message, this.issues, this.issueTexts);
  }
}
