/**
 * Outcome of a workflow operation. A refusal carries one sentence for the agent (`message`) and
 * the problems per field, so a form can mark each field; nothing is changed on refusal.
 */
export interface FieldError {
  /** Dotted path of the field in the request, e.g. "handoff.customerExpectation". */
  field: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; message: string; errors: FieldError[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function refuse<T = never>(errors: FieldError[], message?: string): Result<T> {
  return { ok: false, errors, message: message ?? errors.map((e) => e.message).join(' ') };
}
