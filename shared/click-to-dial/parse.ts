/**
 * Strict parsing of the links the OS hands Switchboard when an agent clicks a
 * phone number in another app: tel: (RFC 3966), sip: / sips: (RFC 3261) and
 * callto:. The result is a dial string the phone's own parser accepts
 * (shared/telephony/dial-target.ts) plus what the confirmation shows. Anything
 * odd is refused with a reason, never "fixed": the link may come from a
 * hostile web page or e-mail.
 */

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

export type ClickToDialParse = { ok: true; request: ClickToDialRequest } | { ok: false; reason: string };

const fail = (reason: string): ClickToDialParse => ({ ok: false, reason });

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
  if (typeof input !== 'string' || input.length === 0) return fail('The link is empty.');
  if (input.length > MAX_LINK_LENGTH) return fail(`The link is longer than ${MAX_LINK_LENGTH} characters.`);
  if (!PRINTABLE_ASCII.test(input)) return fail('The link holds spaces, control characters or characters that only look like digits.');
  const colon = input.indexOf(':');
  const scheme = input.slice(0, Math.max(colon, 0)).toLowerCase();
  if (!(CLICK_TO_DIAL_SCHEMES as readonly string[]).includes(scheme))
    return fail('Only tel:, sip:, sips: and callto: links can be called.');
  if (input.includes('#')) return fail('The link has a fragment (#); a phone link has none.');
  let rest = input.slice(colon + 1);
  if (scheme === 'callto' || scheme === 'tel') rest = rest.replace(/^\/\/(?!\/)/, '');
  if (rest === '') return fail('The link has no number or address.');
  if (scheme === 'sip' || scheme === 'sips') return parseSip(scheme, rest);
  return parseTel(scheme as 'tel' | 'callto', rest);
}

function parseTel(scheme: 'tel' | 'callto', rest: string): ClickToDialParse {
  if (rest.includes('?')) return fail('The link carries extra headers (?); a phone link has none.');
  if (rest.includes('@')) return fail('A tel: or callto: link holds a number, not an address with @.');
  if (rest.includes('/')) return fail('The link has a path; a phone link has none.');
  const [numberPart = '', ...params] = rest.split(';');
  const number = decodeOnce(numberPart);
  if (number === null) return fail('The number has a malformed or disguised %-escape.');
  // RFC 3966 visual separators; a %20 space is common in the wild and counts as one.
  const compact = number.replace(VISUAL_SEPARATORS, '').replace(/ /g, '');
  let extension: string | null = null;
  for (const raw of params) {
    const param = decodeOnce(raw);
    if (param === null || !PARAM.test(param.replace(/ /g, ''))) return fail('The link has a malformed parameter.');
    const [name = '', value = ''] = param.split('=');
    if (name.toLowerCase() === 'ext') {
      const digits = value.replace(VISUAL_SEPARATORS, '');
      if (!/^[0-9]+$/.test(digits) || digits.length > MAX_EXTENSION_DIGITS) return fail('The extension (;ext=) must be up to 10 digits.');
      if (extension !== null) return fail('The link names two extensions.');
      extension = digits;
    }
    // phone-context, isub, postd and other parameters do not change what is dialled here.
  }
  if (compact.startsWith('+')) {
    const digits = compact.slice(1);
    if (!/^[0-9]+$/.test(digits)) return fail('A global number is a + followed by digits only.');
    if (digits.length < 3 || digits.length > MAX_GLOBAL_DIGITS) return fail(`A global number has 3 to ${MAX_GLOBAL_DIGITS} digits.`);
    if (digits.startsWith('0')) return fail('A global number never starts with +0.');
    return { ok: true, request: { scheme, dial: `+${digits}`, display: `+${digits}`, extension } };
  }
  if (scheme === 'callto' && /[A-Za-z]/.test(compact)) return fail('callto: links are called only when they hold a phone number.');
  if (!/^[0-9*#]+$/.test(compact) || !/[0-9]/.test(compact))
    return fail('The number may hold only digits, * and #, with - . ( ) as separators.');
  if (compact.length > MAX_LOCAL_DIGITS) return fail(`A local number has at most ${MAX_LOCAL_DIGITS} digits.`);
  return { ok: true, request: { scheme, dial: compact, display: compact, extension } };
}

function parseSip(scheme: 'sip' | 'sips', rest: string): ClickToDialParse {
  if (rest.includes('?')) return fail('The SIP link carries headers (?), which are never accepted.');
  const [address = '', ...params] = rest.split(';');
  for (const param of params) if (!PARAM.test(param)) return fail('The SIP link has a malformed parameter.');
  const parts = address.split('@');
  if (parts.length !== 2)
    return fail(parts.length > 2 ? 'The SIP address has more than one @.' : 'The SIP address needs a user, as in sip:alice@example.com.');
  const [rawUser = '', hostPort = ''] = parts;
  if (rawUser.includes(':')) return fail('The SIP link embeds a password; it is refused.');
  const user = decodeOnce(rawUser);
  if (user === null || !SIP_USER.test(user)) return fail('The SIP user part has characters that are not allowed.');
  const portMatch = /^(.*?)(?::([0-9]{1,5}))?$/.exec(hostPort);
  const host = (portMatch?.[1] ?? '').toLowerCase().replace(/\.$/, '');
  const port = portMatch?.[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return fail('The SIP port is out of range.');
  if (host.startsWith('[')) return fail('IPv6 SIP addresses are not accepted from links.');
  if (!(IPV4.test(host) || (DOMAIN.test(host) && /[a-z]/.test(host.split('.').pop() ?? ''))))
    return fail('The SIP host is not a valid domain name or IPv4 address.');
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
