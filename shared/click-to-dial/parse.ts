/**
 * Strict parsing of the links the OS hands Switchboard when an agent clicks a
 * phone number in another app: tel: (RFC 3966), sip: / sips: (RFC 3261) and
 * callto:. The result is a dial string the phone's own parser accepts
 * (shared/telephony/dial-target.ts) plus what the confirmation shows. Anything
 * odd is refused with a reason, never "fixed": the link may come from a
 * hostile web page or e-mail.
 */

import type en from '../text/en/app';
import { userText, type UserText } from '../text/user-text';

export const CLICK_TO_DIAL_SCHEMES = ['tel', 'sip', 'sips', 'callto'] as const;
export type ClickToDialScheme = (typeof CLICK_TO_DIAL_SCHEMES)[number];

/** Longer than any real phone link; anything longer is refused before parsing. */
export const MAX_LINK_LENGTH = 256;
/** E.164 allows at most 15 digits in a global number. */
const MAX_GLOBAL_DIGITS = 15;
const MAX_LOCAL_DIGITS = 20;
const MAX_EXTENSION_DIGITS = 10;

export interface ClickToDialRequest {
  scheme: ClickToDialScheme;
  /** What is passed to telephony.dial: "+12015550123", "7042", "sip:alice@example.com". */
  dial: string;
  /** What the confirmation names: "+12015550123", "alice@example.com". */
  display: string;
  /** RFC 3966 `;ext=`: dialled by the agent (keypad) once the call is answered. */
  extension: string | null;
}

/** Why a link is refused: a message the window translates (`shared/text/en/app.ts`, clickToDial.reasons). */
export type ClickToDialParse = { ok: true; request: ClickToDialRequest } | { ok: false; reason: UserText };

type Reason = keyof (typeof en)['clickToDial']['reasons'];

/** A refusal; `max` is the limit a reason names (characters or digits). */
const fail = (reason: Reason, max?: number): ClickToDialParse => ({
  ok: false,
  reason: userText(`app.clickToDial.reasons.${reason}`, max === undefined ? undefined : { max }),
});

/** Printable ASCII without space: the only characters a raw link may hold. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const VISUAL_SEPARATORS = /[-.()]/g;
const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DOMAIN = new RegExp(`^(?:${HOST_LABEL})(?:\\.${HOST_LABEL})*\\.?$`);
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** RFC 3261 user unreserved characters, minus `;` `?` `/` `:` (parameters, headers and paths are not accepted here). */
const SIP_USER = /^[A-Za-z0-9\-_.!~*'()&=+$,]{1,64}$/;
const PARAM = /^[A-Za-z0-9-]{1,32}(?:=[A-Za-z0-9\-_.!~*'()[\]:+]{0,64})?$/;

/**
 * Decodes %XX escapes once. Refuses malformed escapes, anything that decodes
 * to a non-printable or non-ASCII character (control characters, CR/LF header
 * injection, Unicode look-alike digits) and double encoding (%25xx).
 */
function decodeOnce(value: string): string | null {
  if (!value.includes('%')) return value;
  if (/%(?![0-9A-Fa-f]{2})/.test(value)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  if (decoded.includes('%')) return null;
  return /^[\x20-\x7e]*$/.test(decoded) ? decoded : null;
}

/**
 * Parses one link. `tel:` and `callto:` take phone numbers (global `+…` or
 * local digits), `sip:`/`sips:` take `user@host` with parameters and port
 * dropped; credentials, headers (`?`) and fragments are refused.
 */
export function parseClickToDial(input: unknown): ClickToDialParse {
  if (typeof input !== 'string' || input.length === 0) return fail('empty');
  if (input.length > MAX_LINK_LENGTH) return fail('tooLong', MAX_LINK_LENGTH);
  if (!PRINTABLE_ASCII.test(input)) return fail('unprintable');
  const colon = input.indexOf(':');
  const scheme = input.slice(0, Math.max(colon, 0)).toLowerCase();
  if (!(CLICK_TO_DIAL_SCHEMES as readonly string[]).includes(scheme)) return fail('scheme');
  if (input.includes('#')) return fail('fragment');
  let rest = input.slice(colon + 1);
  if (scheme === 'callto' || scheme === 'tel') rest = rest.replace(/^\/\/(?!\/)/, '');
  if (rest === '') return fail('noTarget');
  if (scheme === 'sip' || scheme === 'sips') return parseSip(scheme, rest);
  return parseTel(scheme as 'tel' | 'callto', rest);
}

function parseTel(scheme: 'tel' | 'callto', rest: string): ClickToDialParse {
  if (rest.includes('?')) return fail('telHeaders');
  if (rest.includes('@')) return fail('telAddress');
  if (rest.includes('/')) return fail('path');
  const [numberPart = '', ...params] = rest.split(';');
  const number = decodeOnce(numberPart);
  if (number === null) return fail('escape');
  // RFC 3966 visual separators; a %20 space is common in the wild and counts as one.
  const compact = number.replace(VISUAL_SEPARATORS, '').replace(/ /g, '');
  let extension: string | null = null;
  for (const raw of params) {
    const param = decodeOnce(raw);
    if (param === null || !PARAM.test(param.replace(/ /g, ''))) return fail('parameter');
    const [name = '', value = ''] = param.split('=');
    if (name.toLowerCase() === 'ext') {
      const digits = value.replace(VISUAL_SEPARATORS, '');
      if (!/^[0-9]+$/.test(digits) || digits.length > MAX_EXTENSION_DIGITS) return fail('extension', MAX_EXTENSION_DIGITS);
      if (extension !== null) return fail('twoExtensions');
      extension = digits;
    }
    // phone-context, isub, postd and other parameters do not change what is dialled here.
  }
  if (compact.startsWith('+')) {
    const digits = compact.slice(1);
    if (!/^[0-9]+$/.test(digits)) return fail('globalDigits');
    if (digits.length < 3 || digits.length > MAX_GLOBAL_DIGITS) return fail('globalLength', MAX_GLOBAL_DIGITS);
    if (digits.startsWith('0')) return fail('globalZero');
    return { ok: true, request: { scheme, dial: `+${digits}`, display: `+${digits}`, extension } };
  }
  if (scheme === 'callto' && /[A-Za-z]/.test(compact)) return fail('calltoName');
  if (!/^[0-9*#]+$/.test(compact) || !/[0-9]/.test(compact)) return fail('localCharacters');
  if (compact.length > MAX_LOCAL_DIGITS) return fail('localLength', MAX_LOCAL_DIGITS);
  return { ok: true, request: { scheme, dial: compact, display: compact, extension } };
}

function parseSip(scheme: 'sip' | 'sips', rest: string): ClickToDialParse {
  if (rest.includes('?')) return fail('sipHeaders');
  const [address = '', ...params] = rest.split(';');
  for (const param of params) if (!PARAM.test(param)) return fail('sipParameter');
  const parts = address.split('@');
  if (parts.length !== 2) return fail(parts.length > 2 ? 'sipTwoAts' : 'sipNoUser');
  const [rawUser = '', hostPort = ''] = parts;
  if (rawUser.includes(':')) return fail('sipPassword');
  const user = decodeOnce(rawUser);
  if (user === null || !SIP_USER.test(user)) return fail('sipUser');
  const portMatch = /^(.*?)(?::([0-9]{1,5}))?$/.exec(hostPort);
  const host = (portMatch?.[1] ?? '').toLowerCase().replace(/\.$/, '');
  const port = portMatch?.[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return fail('sipPort');
  if (host.startsWith('[')) return fail('sipIpv6');
  if (!(IPV4.test(host) || (DOMAIN.test(host) && /[a-z]/.test(host.split('.').pop() ?? '')))) return fail('sipHost');
  const display = `${user}@${host}`;
  return { ok: true, request: { scheme, dial: `sip:${display}`, display, extension: null } };
}

/** Finds a click-to-dial link in a command line (Windows and Linux pass the clicked URL as an argument). */
export function findDialLink(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--dial') return argv[i + 1] ?? null;
    if (arg.startsWith('--dial=')) return arg.slice('--dial='.length);
    if (/^(tel|sips?|callto):/i.test(arg)) return arg;
  }
  return null;
}
