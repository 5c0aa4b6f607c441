/**
 * Payment card numbers in free text (wrap-up notes, handoff, case and escalation text, callback
 * notes). PCI DSS keeps card numbers out of anything that is stored, logged or synced, so a note
 * that holds one is refused before it is saved, in the renderer (inline, the text stays in the
 * field) and again in main, where the bridge's schemas use `freeText()` (the authority).
 *
 * A candidate is a run of digits, possibly grouped by single spaces or dashes. Every span of whole
 * groups is tried, so "ref 12 4111 1111 1111 1111" is still caught, but a long run without
 * separators is never cut into pieces (an order id of 20 digits is not a card). A span counts when
 * it passes the Luhn check (ISO/IEC 7812-1 Annex B) and its prefix and length fit a card brand
 * below. Phone numbers do not: E.164 numbers have at most 15 digits, and the brands of 13 to 15
 * digits are Amex (34/37, 15) and Diners (300–305/36, 14), prefixes no country code of that length
 * uses; a run of at most 15 digits written after "+" is a phone number and skipped.
 */
import * as z from 'zod';

/** What the agent reads when a field holds a card number. */
export const CARD_NUMBER_MESSAGE = 'This looks like a card number. Card numbers must not be written in notes; remove it to save.';

interface CardBrand {
  name: string;
  lengths: readonly number[];
  /** Inclusive prefix ranges, compared on as many leading digits as the bounds have. */
  ranges: readonly (readonly [string, string])[];
}

/**
 * Issuer ranges and lengths (ISO/IEC 7812 IINs as the brands publish them). Visa's 13-digit numbers
 * are no longer issued and would overlap 13-digit phone numbers, so Visa is 16 to 19 digits.
 */
export const CARD_BRANDS: readonly CardBrand[] = [
  { name: 'Visa', lengths: [16, 17, 18, 19], ranges: [['4', '4']] },
  {
    name: 'Mastercard',
    lengths: [16],
    ranges: [
      ['51', '55'],
      ['2221', '2720'],
    ],
  },
  {
    name: 'American Express',
    lengths: [15],
    ranges: [
      ['34', '34'],
      ['37', '37'],
    ],
  },
  {
    name: 'Discover',
    lengths: [16, 17, 18, 19],
    ranges: [
      ['6011', '6011'],
      ['644', '649'],
      ['65', '65'],
      ['622126', '622925'],
    ],
  },
  { name: 'JCB', lengths: [16, 17, 18, 19], ranges: [['3528', '3589']] },
  {
    name: 'Diners Club',
    lengths: [14, 15, 16, 17, 18, 19],
    ranges: [
      ['300', '305'],
      ['36', '36'],
      ['38', '39'],
    ],
  },
  { name: 'UnionPay', lengths: [16, 17, 18, 19], ranges: [['62', '62']] },
];

const MIN_CARD_DIGITS = 14;
const MAX_CARD_DIGITS = 19;

/** Digit groups joined by one space or dash, not glued to a letter before them (an id such as INV4111…). */
const DIGIT_RUN = /(?<![A-Za-z0-9])\d+(?:[ -]\d+)*/g;
/** E.164 (ITU-T E.164 §6): a phone number has at most 15 digits. */
const MAX_PHONE_DIGITS = 15;

/** The Luhn check (ISO/IEC 7812-1 Annex B) over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The brand whose prefix range and length fit these digits, or null. */
export function cardBrandOf(digits: string): string | null {
  for (const brand of CARD_BRANDS) {
    if (!brand.lengths.includes(digits.length)) continue;
    for (const [low, high] of brand.ranges) {
      const prefix = digits.slice(0, low.length);
      if (prefix >= low && prefix <= high) return brand.name;
    }
  }
  return null;
}

/** A card number: the right brand range and length, and a valid Luhn check digit. */
export function isCardNumber(digits: string): boolean {
  return cardBrandOf(digits) !== null && luhnValid(digits);
}

/**
 * Whether `text` holds something that looks like a card number. Pure and bounded: at most a few
 * hundred spans per run, and notes are at most 20,000 characters.
 */
export function containsCardNumber(text: string): boolean {
  if (!/\d/.test(text)) return false;
  for (const groups of digitRuns(text)) if (spansHoldCard(groups)) return true;
  return false;
}

/** The digit runs that could hold a card number, each as its groups of digits. */
function* digitRuns(text: string): Generator<string[]> {
  for (const match of text.matchAll(DIGIT_RUN)) {
    const start = match.index ?? 0;
    // A run glued to a letter after it is part of an identifier ("4111…1111AB").
    if (/[A-Za-z]/.test(text.charAt(start + match[0].length))) continue;
    const groups = match[0].split(/[ -]/);
    // Written after "+" and short enough to be one, it is a phone number.
    if (text.charAt(start - 1) === '+' && groups.join('').length <= MAX_PHONE_DIGITS) continue;
    yield groups;
  }
}

function spansHoldCard(groups: readonly string[]): boolean {
  for (let start = 0; start < groups.length; start++) {
    let digits = '';
    for (let end = start; end < groups.length; end++) {
      digits += groups[end];
      if (digits.length > MAX_CARD_DIGITS) break;
      if (digits.length >= MIN_CARD_DIGITS && isCardNumber(digits)) return true;
    }
  }
  return false;
}

/**
 * Whether `text` holds the start of what could become a card number as the agent types on: a span
 * of at least 12 digits in a brand's range, shorter than that brand's longest number. The renderer
 * holds a draft save while this is true, so a number read out digit by digit never reaches the
 * store as 15 of its 16 digits; the submit still carries the text, and main checks it whole.
 */
export function mayBecomeCardNumber(text: string): boolean {
  if (!/\d{4}/.test(text.replace(/[ -]/g, ''))) return false;
  for (const groups of digitRuns(text)) {
    for (let start = 0; start < groups.length; start++) {
      let digits = '';
      for (let end = start; end < groups.length && digits.length < MAX_CARD_DIGITS; end++) {
        digits += groups[end];
        if (digits.length >= PARTIAL_CARD_DIGITS && digits.length < MAX_CARD_DIGITS && fitsBrandPrefix(digits)) return true;
      }
    }
  }
  return false;
}

const PARTIAL_CARD_DIGITS = 12;

function fitsBrandPrefix(digits: string): boolean {
  return CARD_BRANDS.some(
    (brand) =>
      brand.lengths.some((length) => length > digits.length) &&
      brand.ranges.some(([low, high]) => {
        const prefix = digits.slice(0, low.length);
        return prefix >= low && prefix <= high;
      }),
  );
}

/** The problem with a free-text value, as the agent reads it, or null when it may be saved. */
export function cardNumberProblem(text: string | null | undefined): string | null {
  return text && containsCardNumber(text) ? CARD_NUMBER_MESSAGE : null;
}

/**
 * Refuses card numbers in a free-text field of a bridge request. Main checks every request against
 * its schema before any handler runs, so a refused note is never stored, logged (the refusal's log
 * line names the channel only) or synced.
 */
export function withoutCardNumbers<S extends z.ZodString>(schema: S): S {
  return schema.refine((text) => !containsCardNumber(text), { message: CARD_NUMBER_MESSAGE });
}

/** A free-text field of at most `max` characters with no card number in it. */
export function freeText(max: number): z.ZodString {
  return withoutCardNumbers(z.string().max(max, `must be at most ${max} characters`));
}
