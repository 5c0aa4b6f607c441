import type { LogFields, LogRecord, LogSink } from './logger';

/**
 * Redaction of credentials and personal data, for log lines and the
 * diagnostics zip. Callers are meant to log ids and codes only; this is the
 * net under them: whatever slips through (an error message quoting a URL with
 * a token, a SIP header, a caller's name in a field) is masked before it
 * reaches a file.
 */

export const REDACTED = '[redacted]';

/** Keys whose values are secrets wherever they appear (log fields, JSON, query strings). */
const SECRET_KEY =
  /^(?:.*[-_.]?)?(?:pass(?:word|wd|phrase)?|pwd|secret|token|access[-_]?token|refresh[-_]?token|id[-_]?token|api[-_]?key|apikey|private[-_]?key|credentials?|authorization|proxy[-_]?authorization|cookie|set[-_]?cookie|session[-_]?id|bearer|ha1|digest)$/i;
/**
 * Keys whose values name or reach a person. (A bare `name` is left alone: technical fields use it,
 * e.g. a thread's name; free text still goes through the e-mail and phone patterns.)
 */
const NAME_KEY =
  /^(?:display[-_]?name|remote[-_]?display[-_]?name|caller[-_]?name|customer[-_]?name|contact[-_]?name|agent[-_]?name|first[-_]?name|last[-_]?name|full[-_]?name|given[-_]?name|family[-_]?name|caller|email|e[-_]?mail|phone|mobile|remote[-_]?number|number|customer)$/i;

const SECRET_KEY_TEXT =
  'pass(?:word|wd|phrase)?|pwd|secret|client_secret|token|access_token|refresh_token|id_token|api[-_]?key|apikey|credential|private[-_]?key|session[-_]?id|ha1';

/** The patterns applied to free text, in order. */
const TEXT_RULES: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  // SIP / HTTP credential headers: the whole value, up to the end of the line.
  [
    /\b(proxy-authorization|authorization|www-authenticate-response|cookie|set-cookie|x-api-key)(\s*:\s*)[^\r\n]*/gi,
    (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`,
  ],
  // Credentials in a URL: scheme://user:password@host, wss://token@host
  [/\b([a-z][a-z0-9+.-]{0,30}:\/\/)[^\s/@:]{1,256}(?::[^\s/@]{0,256})?@/gi, (_m, scheme: string) => `${scheme}${REDACTED}@`],
  // Bearer / Basic / Digest credentials wherever they appear.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]{1,4096}=*/g, (_m, kind: string) => `${kind} ${REDACTED}`],
  // Digest parameters that carry or derive from the password.
  [
    /\b(response|cnonce|ha1)(\s*=\s*)("?)[^",\s]*("?)/gi,
    (_m, name: string, eq: string, q1: string, q2: string) => `${name}${eq}${q1}${REDACTED}${q2}`,
  ],
  // key=value, key: value, "key":"value" for secret-named keys (JSON, query strings, prose).
  [
    new RegExp(`(["']?)\\b(${SECRET_KEY_TEXT})\\1(\\s*[:=]\\s*)("([^"\\\\]|\\\\.)*"|'[^']*'|[^\\s&,;}\\]]+)`, 'gi'),
    (_m, q: string, key: string, sep: string, value: string) =>
      `${q}${key}${q}${sep}${value.startsWith('"') ? `"${REDACTED}"` : value.startsWith("'") ? `'${REDACTED}'` : REDACTED}`,
  ],
  // JWTs and similar long opaque tokens.
  [/\beyJ[A-Za-z0-9_-]{8,2048}\.[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,2048}/g, REDACTED],
  // E-mail addresses (also the user part of sip:user@host).
  [/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}/g, '[email]'],
  // Phone numbers: 7 to 15 digits, optional +, with the usual separators. Dates, times and IPs are left alone.
  [/(?<![\w.:/%-])\+?\d(?:[ ().-]{0,2}\d){6,15}(?![\w:/%]|\.\d)/g, (match: string) => maskPhone(match)],
];

function maskPhone(match: string): string {
  if (/^\d{4}-\d{2}-\d{2}/.test(match) || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(match) || /^\d+\.\d+$/.test(match)) return match;
  const digits = match.replace(/\D/g, '');
  if (digits.length < 7) return match;
  return `[phone …${digits.slice(-2)}]`;
}

/** Longer strings are cut before redaction: the patterns stay linear and a runaway text stays small. */
export const MAX_REDACT_CHARS = 8192;

function cap(text: string): string {
  return text.length > MAX_REDACT_CHARS ? `${text.slice(0, MAX_REDACT_CHARS)}…[cut ${text.length - MAX_REDACT_CHARS} chars]` : text;
}

/** Masks credentials and personal data in free text (messages, error texts, SIP headers). */
export function redactText(text: string): string {
  let out = cap(text);
  for (const [pattern, replacement] of TEXT_RULES) {
    out = out.replace(pattern, replacement as (substring: string, ...args: unknown[]) => string);
  }
  return out;
}

/** Masks credentials only (not names or numbers): for the SIP trace, where IT needs the numbers. */
export function redactSecretsText(text: string): string {
  let out = cap(text);
  for (const [pattern, replacement] of TEXT_RULES.slice(0, 6)) {
    out = out.replace(pattern, replacement as (substring: string, ...args: unknown[]) => string);
  }
  return out;
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

function redactField(key: string, value: LogFields[string]): LogFields[string] {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (isSecretKey(key)) return REDACTED;
  if (typeof value === 'number') return value;
  if (NAME_KEY.test(key)) return value === '' ? value : '[pii]';
  return redactText(value);
}

export function redactFields(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) out[key] = redactField(key, value);
  return out;
}

/**
 * A deep copy of a JSON-like value with secret-named keys replaced and every
 * string passed through `text` (default: full redaction). For the effective
 * configuration in the diagnostics zip.
 */
export function redactDeep(value: unknown, text: (s: string) => string = redactText, depth = 0): unknown {
  if (depth > 20) return '[too deep]';
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, text, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      out[key] = isSecretKey(key) && v !== null && v !== undefined && v !== '' ? REDACTED : redactDeep(v, text, depth + 1);
    }
    return out;
  }
  return value;
}

/** Wraps a sink so every record is redacted before it is written anywhere. */
export function redactingSink(sink: LogSink): LogSink {
  return (record: LogRecord) => {
    const clean: LogRecord = { ...record, message: redactText(record.message) };
    if (record.fields) clean.fields = redactFields(record.fields);
    sink(clean);
  };
}
