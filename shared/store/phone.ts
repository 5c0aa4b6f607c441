import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** The region assumed for numbers written without a country code, unless configured. */
export const DEFAULT_PHONE_REGION = 'US';

export interface NormalizedNumber {
  /** E.164 (`+442079460018`) when the input is a possible phone number; otherwise null. */
  e164: string | null;
  /** Every digit of the input, in order (what last-digits matching works on). */
  digits: string;
}

/**
 * Pulls the number out of what a caller ID or a spreadsheet cell holds:
 * `sip:+1555…@pbx;user=phone`, `<tel:+44…>`, `"Name" <sip:…>`, `(555) 123-4567 ext. 12`.
 * Returns only the dialable part: a leading `+` and digits.
 */
export function dialablePart(raw: string): string {
  let text = raw.trim();
  const bracketed = /<([^>]*)>/.exec(text);
  if (bracketed?.[1] !== undefined) text = bracketed[1];
  text = text.replace(/^(sips?|tel):/i, '');
  const at = text.indexOf('@');
  if (at >= 0) text = text.slice(0, at);
  const semi = text.indexOf(';');
  if (semi >= 0) text = text.slice(0, semi);
  // An extension is not part of the number we match on.
  text = text.replace(/\s*(?:ext\.?|x|#)\s*\d+\s*$/i, '');
  const plus = /^\s*\+/.test(text) || /^\s*00/.test(text) ? '+' : '';
  const digits = text.replace(/\D+/g, '');
  return plus === '+' && /^\s*00/.test(text) ? `+${digits.slice(2)}` : `${plus}${digits}`;
}

/** Whether libphonenumber knows `value` as a region (ISO 3166 alpha-2, e.g. "US", "GB"). */
export function isCountryCode(value: string): value is CountryCode {
  return /^[A-Z]{2}$/.test(value) && isSupportedCountry(value);
}

/**
 * Normalizes a number to E.164 with libphonenumber-js. Numbers without a
 * country code are read in `defaultRegion`. "Possible" (right length for the
 * country) is enough: stricter validity would refuse test and new ranges.
 */
export function normalizePhone(raw: string, defaultRegion: string = DEFAULT_PHONE_REGION): NormalizedNumber {
  const dialable = dialablePart(raw);
  const digits = dialable.replace(/\D+/g, '');
  if (digits.length < 3 || digits.length > 17) return { e164: null, digits };
  const region = isCountryCode(defaultRegion) ? defaultRegion : DEFAULT_PHONE_REGION;
  try {
    const parsed = parsePhoneNumberFromString(dialable, region);
    if (parsed?.isPossible()) return { e164: parsed.number, digits };
  } catch {
    // libphonenumber throws on some malformed input; treated as not a number.
  }
  return { e164: null, digits };
}

/** A number as E.164 writes it: `+`, a country code, at most 15 digits in all. */
const E164_FORM = /^\+[1-9]\d{6,14}$/;

/**
 * The E.164 number `raw` most likely is, without parsing it: as sent when it starts with `+`
 * (or 00), else the default region's calling code before its digits. Only a first guess to look
 * up: a stored number (always proper E.164) that equals it is the caller's. A national number
 * written with a trunk prefix (`020…` in GB) gives a number nobody has, and the caller is then
 * found through normalizePhone. Null when no E.164 form fits.
 */
export function likelyE164(raw: string, defaultRegion: string = DEFAULT_PHONE_REGION): string | null {
  const dialable = dialablePart(raw);
  if (dialable.startsWith('+')) return E164_FORM.test(dialable) ? dialable : null;
  const region = isCountryCode(defaultRegion) ? defaultRegion : DEFAULT_PHONE_REGION;
  const candidate = `+${getCountryCallingCode(region)}${dialable}`;
  return E164_FORM.test(candidate) ? candidate : null;
}

/** The digits of a number, last first: the key of the last-digits index. */
export function reversedDigits(number: string): string {
  let out = '';
  for (let i = number.length - 1; i >= 0; i -= 1) {
    const c = number.charCodeAt(i);
    if (c >= 48 && c <= 57) out += number[i];
  }
  return out;
}

/**
 * A number as the agent reads it: `+44 20 7946 0123` (international format, so a number from any
 * country reads the same way). The stored and dialled form stays E.164. A caller ID sent without
 * `+` (`442079460123`, as many trunks send it) is read in `defaultRegion` first and, when that is
 * not a possible number there, as an international number. Input that is no phone number (a SIP
 * user name, an extension) is shown as it came.
 */
export function displayPhoneNumber(raw: string, defaultRegion: string = DEFAULT_PHONE_REGION): string {
  const dialable = dialablePart(raw);
  const digits = dialable.replace(/\D+/g, '');
  if (digits.length < 7 || digits.length > 15) return raw.trim();
  const region = isCountryCode(defaultRegion) ? defaultRegion : DEFAULT_PHONE_REGION;
  const candidates = dialable.startsWith('+') ? [dialable] : [dialable, `+${digits}`];
  for (const candidate of candidates) {
    try {
      const parsed = parsePhoneNumberFromString(candidate, region);
      if (parsed?.isPossible()) return parsed.formatInternational();
    } catch {
      // Malformed input: try the next reading, else show it as it came.
    }
  }
  return raw.trim();
}
