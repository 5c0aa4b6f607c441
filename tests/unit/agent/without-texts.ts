/**
 * A refusal as its English alone: drops the `text` (the message for the window) each field problem
 * and agent error carries beside its English `message`, so a test can state the English exactly.
 * tests/unit/agent/refusal-texts.test.ts checks the texts themselves.
 */
export function withoutTexts<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutTexts) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (key !== 'text') out[key] = withoutTexts(v);
  return out as T;
}
