import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { MAX_DISPLAY_NAME, MAX_NUMBER } from './model';
import { userText, type UserText } from '../text/user-text';

/** Internal extensions are short: anything longer is treated as a phone number. */
export const MAX_EXTENSION_DIGITS = 6;

export type DialTarget =
  /** An internal extension or feature code (e.g. 2042, *97), dialled as typed. */
  | { kind: 'extension'; user: string }
  /** A phone number normalised to E.164 (+442079460018). */
  | { kind: 'e164'; user: string }
  /** A SIP address the agent typed or pasted (sip:alice@example.com, alice@example.com). */
  | { kind: 'uri'; user: string; host: string };

export type DialParse = { ok: true; target: DialTarget } | { ok: false; error: UserText };

const SEPARATORS = /[\s().\-\u00a0\u2010-\u2015]/g;
const SIP_USER = /^[A-Za-z0-9_.!~*'()&=+$,;?/-]{1,64}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * Turns what the agent typed into something to call. Numbers are normalised
 * to E.164 with `defaultRegion` for national formats; short digit strings and
 * feature codes are extensions; anything with an @ or a sip: prefix is a SIP
 * address. The error says what is wrong in the agent's words (a message the window translates).
 */
export function parseDialTarget(input: string, defaultRegion: string): DialParse {
  const raw = input.trim();
  if (raw === '') return { ok: false, error: userText('telephony.dial.empty') };
  if (raw.length > 200) return { ok: false, error: userText('telephony.dial.tooLong') };

  if (/^sips?:/i.test(raw) || raw.includes('@')) {
    const withoutScheme = raw.replace(/^sips?:/i, '');
    const [user, host, ...rest] = withoutScheme.split('@');
    const hostOnly = (host ?? '').split(/[;:?]/)[0] ?? '';
    if (rest.length > 0 || !user || !SIP_USER.test(user) || !HOST.test(hostOnly)) {
      return { ok: false, error: userText('telephony.dial.badSipAddress') };
    }
    return { ok: true, target: { kind: 'uri', user, host: hostOnly.toLowerCase() } };
  }

  const compact = raw.replace(SEPARATORS, '');
  if (/^[*#][0-9*#]{1,15}$/.test(compact)) return { ok: true, target: { kind: 'extension', user: compact } };
  if (/^[0-9]+$/.test(compact) && compact.length <= MAX_EXTENSION_DIGITS) return { ok: true, target: { kind: 'extension', user: compact } };
  if (!/^\+?[0-9]+$/.test(compact)) {
    return { ok: false, error: userText('telephony.dial.badCharacters') };
  }
  const region = /^[A-Z]{2}$/.test(defaultRegion) ? (defaultRegion as CountryCode) : undefined;
  const parsed = compact.startsWith('+') ? parsePhoneNumberFromString(compact) : parsePhoneNumberFromString(compact, region);
  if (!parsed || !parsed.isPossible()) {
    return {
      ok: false,
      error: compact.startsWith('+')
        ? userText('telephony.dial.notPossibleInternational')
        : region
          ? userText('telephony.dial.notPossibleInRegion', { region })
          : userText('telephony.dial.notPossibleDefaultRegion'),
    };
  }
  return { ok: true, target: { kind: 'e164', user: parsed.number } };
}

/** The SIP URI string for a dial target in the agent's domain. */
export function dialTargetUri(target: DialTarget, domain: string): string {
  return target.kind === 'uri' ? `sip:${target.user}@${target.host}` : `sip:${target.user}@${domain}`;
}

/** Control characters, bidi overrides and other invisible code points that could disguise a caller name. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * A caller's display name as plain text: no control or bidi characters, no
 * surrounding quotes, collapsed white space, capped. It is rendered as text
 * (React escapes it); markup in it stays visible as characters, never runs.
 */
export function cleanDisplayName(value: string | undefined | null): string | null {
  if (!value) return null;
  const cleaned = value
    .replace(INVISIBLE, '')
    .replace(/^"+|"+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '') return null;
  return cleaned.length > MAX_DISPLAY_NAME ? `${cleaned.slice(0, MAX_DISPLAY_NAME - 1)}…` : cleaned;
}

/** A caller's number or user part as plain text, capped. */
export function cleanNumber(value: string | undefined | null): string {
  if (!value) return 'Unknown';
  let text = value;
  try {
    text = decodeURIComponent(value);
  } catch {
    // Keep the raw text; a bad escape is not worth refusing the call over.
  }
  const cleaned = text.replace(INVISIBLE, '').replace(/\s+/g, '').trim();
  if (cleaned === '') return 'Unknown';
  return cleaned.slice(0, MAX_NUMBER);
}
