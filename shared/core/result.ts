import type { UserText } from '../text/user-text';

/**
 * Outcome of a workflow operation. A refusal carries one sentence for the agent (`message`) and
 * the problems per field, so a form can mark each field; nothing is changed on refusal.
 */
export interface FieldError {
  /** Dotted path of the field in the request, e.g. "handoff.customerExpectation". */
  field: string;
  /** The problem in English, for logs and the refusal's English `issues`. */
  message: string;
  /** The same problem as a message the window translates (`fieldProblem` in shared/bridge/validate.ts). */
  readonly text?: UserText;
}

export type Result<T> = { ok: true; value: T } | { ok: false; message: string; errors: FieldError[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function refuse<T = never>(errors: FieldError[], message?: string): Result<T> {
  return { ok: false, errors, message: message ?? errors.map((e) => e.message).join(' ') };
}
