/**
 * Salesforce record ids (SOAP API Developer Guide › Field Types › ID Field Type): 15 characters,
 * case-sensitive, the first three name the object (key prefix); the 18-character form appends a
 * 3-character suffix that encodes the case of the first 15, so it survives case-insensitive tools.
 * The REST API answers 18-character ids and accepts both forms.
 *
 * Emulator ids are prefix + "5g" + "0" + a 9-digit base-62 sequence number, so sorting ids as
 * strings sorts them by creation, as Salesforce's own ids do within one org.
 */

export const KEY_PREFIX = {
  Account: '001',
  Contact: '003',
  User: '005',
  Group: '00G',
  Lead: '00Q',
  Task: '00T',
  Organization: '00D',
  Case: '500',
} as const;
export type PrefixedObject = keyof typeof KEY_PREFIX;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const SEQ_DIGITS = 9;
const POD = '5g0';

/** The 3-character case suffix of a 15-character id. */
export function caseSuffix(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    out += SUFFIX_ALPHABET[bits];
  }
  return out;
}

export function makeId(object: PrefixedObject, seq: number): string {
  return makeKeyedId(KEY_PREFIX[object], seq);
}

/** An id with any key prefix (`01g` for query locators). */
export function makeKeyedId(prefix: string, seq: number): string {
  let digits = '';
  let n = seq;
  for (let i = 0; i < SEQ_DIGITS; i++) {
    digits = BASE62[n % 62]! + digits;
    n = Math.floor(n / 62);
  }
  const id15 = prefix + POD + digits;
  return id15 + caseSuffix(id15);
}

export interface ParsedId {
  /** The 18-character form. */
  id: string;
  prefix: string;
  /** The emulator's sequence number, or -1 for a well-formed id the emulator never issued. */
  seq: number;
}

/**
 * A well-formed 15- or 18-character id, normalised to 18 characters; null if malformed (wrong
 * length, a character outside [0-9A-Za-z], or an 18-character id whose suffix does not match).
 */
export function parseId(raw: string): ParsedId | null {
  if (!/^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/.test(raw)) return null;
  const id15 = raw.slice(0, 15);
  const suffix = caseSuffix(id15);
  if (raw.length === 18 && raw.slice(15) !== suffix) return null;
  let seq = -1;
  if (id15.slice(3, 6) === POD) {
    seq = 0;
    for (const ch of id15.slice(6)) seq = seq * 62 + BASE62.indexOf(ch);
  }
  return { id: id15 + suffix, prefix: id15.slice(0, 3), seq };
}

export function objectOfPrefix(prefix: string): PrefixedObject | null {
  for (const [name, p] of Object.entries(KEY_PREFIX)) if (p === prefix) return name as PrefixedObject;
  return null;
}
