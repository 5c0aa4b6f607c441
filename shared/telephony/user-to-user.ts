import * as z from 'zod';
import { PRIORITIES, type Priority } from '../config/workflow';
import { userText, type UserText } from '../text/user-text';

/**
 * The case context a warm transfer's consultation INVITE carries to the Tier 2 agent, in a
 * `User-to-User` header (RFC 7433): which case and customer, how urgent, what was done, and who is
 * handing over. The wire format is documented in docs/interop.md ("User-to-User: the warm transfer's
 * case context"); this module is its one encoder and decoder.
 *
 *   User-to-User: 7b2276223a312c...;encoding=hex;purpose=switchboard-handoff;content=handoff-json
 *
 * The data is the UTF-8 bytes of a small JSON object, hex encoded (RFC 7433 section 4.1):
 *   {"v":1,"case":"C-1042","customer":"CU-77","priority":"P1","summary":"…","from":"Alice Smith"}
 *
 * The decoder reads text from the network: anything it does not fully understand (another
 * purpose, another encoding, bad hex or UTF-8, a version it does not know, too long) is refused
 * with a reason and the call rings as an ordinary one.
 */

export const UUI_HEADER = 'User-to-User';
/** The UUI package (RFC 7433 `purpose`): Switchboard's warm transfer handoff. */
export const UUI_PURPOSE = 'switchboard-handoff';
/** What the data holds (RFC 7433 `content`): the JSON object above. */
export const UUI_CONTENT = 'handoff-json';
export const UUI_VERSION = 1;
/**
 * Most bytes of JSON the data may hold (the hex is twice as long). Large enough for two ids, a
 * name and a few sentences; small enough for any proxy's header limits. The encoder shortens the
 * summary (then the name) to fit; the decoder refuses anything longer.
 */
export const MAX_UUI_JSON_BYTES = 512;
/** Longest header value the decoder looks at: the hex of MAX_UUI_JSON_BYTES and the parameters. */
export const MAX_UUI_HEADER_CHARS = 2 * MAX_UUI_JSON_BYTES + 200;
/** Case and customer ids travel only if they are this short and visible ASCII; otherwise they are left out (the receiver falls back to the number). */
export const MAX_UUI_ID = 64;
export const MAX_UUI_FROM = 64;
/** The summary as the receiving agent sees it, at most (the encoder may shorten it further to fit). */
export const MAX_UUI_SUMMARY = 400;

/** What the Tier 2 agent is shown before answering. */
export interface WarmHandoff {
  caseId: string | null;
  customerId: string | null;
  priority: Priority | null;
  /** The handoff summary, plain text (no control or bidi characters), possibly shortened with "…". */
  summary: string;
  /** The agent handing over, as their phone's display name or user name. */
  from: string | null;
}

export type UuiProblem = 'too-long' | 'not-ours' | 'malformed' | 'unknown-version';
export type UuiDecoded = { ok: true; handoff: WarmHandoff } | { ok: false; problem: UuiProblem; detail: string };

/** The handoff as it travels in the model (shared/telephony/model.ts): the same fields, bounded. */
export const warmHandoffSchema = z.strictObject({
  caseId: z.string().max(MAX_UUI_ID).nullable(),
  customerId: z.string().max(MAX_UUI_ID).nullable(),
  priority: z.enum(PRIORITIES).nullable(),
  summary: z.string().max(MAX_UUI_SUMMARY),
  from: z.string().max(MAX_UUI_FROM).nullable(),
});

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ID = /^[\x21-\x7e]{1,64}$/;

/** Text from anywhere as one plain line: no control, bidi or invisible characters, no broken surrogates. */
function plainText(value: string): string {
  return value.replace(LONE_SURROGATE, '\ufffd').replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
}

/** At most `max` characters (code points), ending in "…" when shortened. */
function shorten(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return max <= 0 ? '' : `${points.slice(0, max - 1).join('')}…`;
}

function idOrNull(value: string | null | undefined): string | null {
  return typeof value === 'string' && ID.test(value) ? value : null;
}

/** UTF-8 bytes of well-formed text (ES has no TextEncoder without a DOM or Node). */
function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const part of encodeURIComponent(text).match(/%[0-9A-F]{2}|[^%]/g) ?? []) {
    bytes.push(part.length === 3 ? parseInt(part.slice(1), 16) : part.charCodeAt(0));
  }
  return bytes;
}

/** Strict UTF-8 decoding: an invalid sequence throws (decodeURIComponent's URIError). */
function utf8Text(bytes: readonly number[]): string {
  return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
}

function payloadJson(handoff: WarmHandoff): string {
  return JSON.stringify({
    v: UUI_VERSION,
    case: handoff.caseId,
    customer: handoff.customerId,
    priority: handoff.priority,
    summary: handoff.summary,
    from: handoff.from,
  });
}

/**
 * The handoff as it will be sent and shown, fitted to MAX_UUI_JSON_BYTES. Truncation rule: ids
 * that are not short visible ASCII are left out; the text is made plain; then the summary is
 * shortened (ending in "…") until the JSON fits, and only if an empty summary is still too long,
 * the name is shortened the same way.
 */
export function fitHandoff(input: WarmHandoff): WarmHandoff {
  const from = input.from === null ? null : shorten(plainText(input.from), MAX_UUI_FROM) || null;
  const fitted: WarmHandoff = {
    caseId: idOrNull(input.caseId),
    customerId: idOrNull(input.customerId),
    priority: input.priority !== null && PRIORITIES.includes(input.priority) ? input.priority : null,
    summary: shorten(plainText(input.summary), MAX_UUI_SUMMARY),
    from,
  };
  const fits = (h: WarmHandoff) => utf8Bytes(payloadJson(h)).length <= MAX_UUI_JSON_BYTES;
  let summaryLength = Array.from(fitted.summary).length;
  while (!fits(fitted) && summaryLength > 0) {
    summaryLength -= 1;
    fitted.summary = shorten(plainText(input.summary), summaryLength);
  }
  let fromLength = Array.from(fitted.from ?? '').length;
  while (!fits(fitted) && fromLength > 0) {
    fromLength -= 1;
    fitted.from = fromLength === 0 ? null : shorten(fitted.from ?? '', fromLength);
  }
  return fitted;
}

/** The `User-to-User` header value for this handoff (fitted first: see fitHandoff). */
export function encodeUserToUser(handoff: WarmHandoff): string {
  const hex = utf8Bytes(payloadJson(fitHandoff(handoff)))
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  return `${hex};encoding=hex;purpose=${UUI_PURPOSE};content=${UUI_CONTENT}`;
}

/** The whole header line, for sip.js's `extraHeaders`. */
export function userToUserHeader(handoff: WarmHandoff): string {
  return `${UUI_HEADER}: ${encodeUserToUser(handoff)}`;
}

const payloadSchema = z.object({
  v: z.number(),
  case: z.string().nullable().optional(),
  customer: z.string().nullable().optional(),
  priority: z.string().nullable().optional(),
  summary: z.string().optional(),
  from: z.string().nullable().optional(),
});

const refuse = (problem: UuiProblem, detail: string): UuiDecoded => ({ ok: false, problem, detail });

/**
 * Reads one `User-to-User` header value. Only Switchboard's package (purpose and content as
 * above, hex encoding) is read; fields it does not know are ignored, fields it knows are checked
 * and made plain text (a bad id or priority is left out, not trusted).
 */
export function decodeUserToUser(value: string): UuiDecoded {
  if (value.length > MAX_UUI_HEADER_CHARS) return refuse('too-long', `longer than ${MAX_UUI_HEADER_CHARS} characters`);
  const [rawData = '', ...rawParams] = value.split(';');
  const params = new Map<string, string>();
  for (const param of rawParams) {
    const eq = param.indexOf('=');
    const name = (eq === -1 ? param : param.slice(0, eq)).trim().toLowerCase();
    const paramValue =
      eq === -1
        ? ''
        : param
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, '$1');
    if (name !== '' && !params.has(name)) params.set(name, paramValue);
  }
  // Without a purpose the data is ISDN UUI (RFC 7433 section 4.1): not ours.
  if ((params.get('purpose') ?? '').toLowerCase() !== UUI_PURPOSE) return refuse('not-ours', 'another UUI package');
  if ((params.get('content') ?? '').toLowerCase() !== UUI_CONTENT) return refuse('not-ours', 'another content');
  if ((params.get('encoding') ?? '').toLowerCase() !== 'hex') return refuse('malformed', 'not hex encoded');
  const hex = rawData.trim().replace(/^"(.*)"$/, '$1');
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) return refuse('malformed', 'the data is not hex');
  if (hex.length / 2 > MAX_UUI_JSON_BYTES) return refuse('too-long', `more than ${MAX_UUI_JSON_BYTES} bytes`);
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  let json: unknown;
  try {
    json = JSON.parse(utf8Text(bytes));
  } catch {
    return refuse('malformed', 'the data is not UTF-8 JSON');
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success || Array.isArray(json)) return refuse('malformed', 'the JSON is not a handoff');
  const payload = parsed.data;
  if (payload.v !== UUI_VERSION) return refuse('unknown-version', `version ${String(payload.v).slice(0, 10)}`);
  const priority = PRIORITIES.find((p) => p === payload.priority) ?? null;
  const from = payload.from ? shorten(plainText(payload.from), MAX_UUI_FROM) : '';
  return {
    ok: true,
    handoff: {
      caseId: idOrNull(payload.case),
      customerId: idOrNull(payload.customer),
      priority,
      summary: shorten(plainText(payload.summary ?? ''), MAX_UUI_SUMMARY),
      from: from === '' ? null : from,
    },
  };
}

/** The first of an INVITE's `User-to-User` headers that is a Switchboard handoff, if any. */
export function findHandoff(values: readonly string[]): { handoff: WarmHandoff | null; problems: UuiProblem[] } {
  const problems: UuiProblem[] = [];
  for (const value of values.slice(0, 8)) {
    const decoded = decodeUserToUser(value);
    if (decoded.ok) return { handoff: decoded.handoff, problems };
    problems.push(decoded.problem);
  }
  return { handoff: null, problems };
}

/** "Warm transfer from Alice Smith: P1 C-1042", the ringing call's first line (the priority and case as sent). */
export function handoffText(handoff: WarmHandoff, fallbackFrom: string): UserText {
  const from = handoff.from ?? fallbackFrom;
  const what = [handoff.priority, handoff.caseId].filter((p): p is string => p !== null).join(' ');
  return what ? userText('telephony.handoff.fromAbout', { from, what }) : userText('telephony.handoff.from', { from });
}
