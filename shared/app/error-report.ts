/**
 * What the renderer says about an error nobody caught, before it crosses the bridge
 * (`app.reportError`). Error messages can quote whatever the failing code held: a caller's
 * number, a customer's e-mail, the JSON it could not parse, the page address with the web
 * shell's launch token. The log they end up in goes to IT in diagnostics bundles, so only
 * the shape of the problem is kept. Both sides apply it: main does not trust the renderer.
 */

export const REPORT_NAME_MAX = 64;
export const REPORT_MESSAGE_MAX = 300;
export const REPORT_WHERE_MAX = 120;

export interface UncaughtReport {
  kind: 'error' | 'rejection';
  /** The error's class (`TypeError`, `AbortError`), or `non-error` when something else was thrown. */
  name: string;
  message: string;
  /** The script file, line and column it was thrown from, when the stack names one of ours. */
  where: string | null;
}

const REPLACEMENTS: readonly (readonly [RegExp, (match: string) => string])[] = [
  // Addresses carry tokens (fragments), search terms (queries) and record ids (paths).
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`]*/gi, () => '<url>'],
  [/\b(?:sips?|tel|callto|mailto):[^\s'"<>`]+/gi, () => '<uri>'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, () => '<email>'],
  // Parsers quote the input they choked on ("…" is not valid JSON); property names use single quotes and stay.
  [/"[^"\n]*"/g, () => '"…"'],
  [/“[^”\n]*”/g, () => '"…"'],
  // Phone, account and case numbers; short numbers (status codes, close codes, counts) stay readable.
  [/\+?\(?\d[\d ().-]*\d/g, (m) => (m.replace(/\D/g, '').length >= 5 ? '<number>' : m)],
];

/** One line of at most `max` characters with personal data and secrets masked. */
export function scrubErrorText(text: string, max = REPORT_MESSAGE_MAX): string {
  // Bounded before the patterns run: a multi-megabyte message must not cost real time here.
  let out = text
    .slice(0, max * 4)
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
  for (const [pattern, replace] of REPLACEMENTS) out = out.replace(pattern, replace);
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/** An error class name as written in code, else `Error`: anything else could be data. */
export function scrubErrorName(name: unknown): string {
  return typeof name === 'string' && new RegExp(`^[A-Za-z_$][\\w$]{0,${REPORT_NAME_MAX - 1}}$`).test(name) ? name : 'Error';
}

/** `index-AbC123.js:1:2345` from the first stack frame in one of our scripts; nothing else of the stack leaves. */
export function errorLocation(stack: unknown): string | null {
  if (typeof stack !== 'string') return null;
  const frame = /([\w.-]+\.m?js):(\d+):(\d+)/.exec(stack.slice(0, 4_000));
  return frame ? `${frame[1]}:${frame[2]}:${frame[3]}`.slice(0, REPORT_WHERE_MAX) : null;
}

/** The report for a thrown value or rejection reason, scrubbed and bounded. */
export function describeUncaught(kind: UncaughtReport['kind'], value: unknown): UncaughtReport {
  if (value instanceof Error || (typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string')) {
    const error = value as { name?: unknown; message: string; stack?: unknown };
    return { kind, name: scrubErrorName(error.name), message: scrubErrorText(error.message), where: errorLocation(error.stack) };
  }
  // `throw 'text'` or `reject(42)`: what it was, not what it said beyond the scrubbed text.
  const message =
    typeof value === 'string' ? scrubErrorText(value) : `a value of type ${value === null ? 'null' : typeof value} was thrown`;
  return { kind, name: 'non-error', message, where: null };
}
