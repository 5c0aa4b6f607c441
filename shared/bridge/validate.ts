import type { z } from 'zod';

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: string[] };

/** Formats one zod issue as `field.path: message`, the form shown to whoever sent the bad input. */
function describeIssue(issue: z.core.$ZodIssue, rootLabel: string): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : rootLabel;
  return `${where}: ${issue.message}`;
}

/**
 * Checks `value` against `schema` without throwing. At most 20 issues are
 * reported; one about the value as a whole is labelled `rootLabel`.
 */
export function check<S extends z.ZodType>(schema: S, value: unknown, rootLabel = '(payload)'): Checked<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: result.error.issues.slice(0, 20).map((issue) => describeIssue(issue, rootLabel)) };
}
