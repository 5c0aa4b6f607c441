/**
 * Turns what an agent typed into a search plan. Agent input is never FTS5
 * syntax: quotes, AND/OR/NOT/NEAR, `*`, `-`, `:`, `^`, parentheses and column
 * filters are all just text. The input is cut into words exactly where FTS5's
 * unicode61 tokenizer cuts (letters, digits and private-use characters are
 * word characters, everything else separates), each word is quoted, and the
 * words are ANDed. A quoted single word can never be a syntax error, and with
 * `detail=none` it must be a single token, which the splitting guarantees.
 */

export interface SearchPlan {
  mode: 'empty' | 'phone' | 'text';
  /** Lower-cased words, for highlighting and ranking. */
  terms: string[];
  /** FTS5 MATCH expression with every word exact; null in phone/empty mode. */
  match: string | null;
  /** Same, with the last word also matching as a prefix (type-ahead: "smi" finds "Smith"). */
  prefixMatch: string | null;
  /** Digits of a phone-number query. */
  digits: string | null;
  /** The whole input when it could be a record id (one word, no spaces). */
  idCandidate: string | null;
}

export const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;
const MIN_PHONE_DIGITS = 4;

// Code points JavaScript calls letters but SQLite's unicode61 tables treat as
// separators (found by probing every code point; see tests/unit/store/search-query.test.ts).
const UNICODE61_SEPARATOR_LETTERS = /[\u19b0-\u19c0\u19c8\u19c9\u1cf2\u1cf3]/gu;
const NON_WORD = /[^\p{L}\p{N}\p{Co}]+/u;
const PHONE_LIKE = /^\+?[\d\s().\-/]+$/;

/** The words FTS5 would index for `text`, lower-cased, in order, without repeats. */
export function searchTerms(text: string): string[] {
  const words = text.normalize('NFC').replace(UNICODE61_SEPARATOR_LETTERS, ' ').toLowerCase().split(NON_WORD);
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const word of words) {
    if (word.length === 0) continue;
    const term = [...word].slice(0, MAX_TERM_LENGTH).join('');
    if (seen.has(term)) continue;
    seen.add(term);
    terms.push(term);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

export function planSearch(input: string): SearchPlan {
  const text = input.normalize('NFC').trim().slice(0, 500);
  const idCandidate = text.length > 0 && text.length <= 128 && !/\s/.test(text) ? text : null;
  if (text.length === 0) return { mode: 'empty', terms: [], match: null, prefixMatch: null, digits: null, idCandidate: null };
  if (PHONE_LIKE.test(text)) {
    const digits = text.replace(/\D+/g, '');
    if (digits.length >= MIN_PHONE_DIGITS) return { mode: 'phone', terms: [digits], match: null, prefixMatch: null, digits, idCandidate };
  }
  const terms = searchTerms(text);
  if (terms.length === 0) return { mode: 'empty', terms: [], match: null, prefixMatch: null, digits: null, idCandidate };
  const quoted = terms.map((t) => `"${t}"`);
  const match = quoted.join(' ');
  // A prefix of one letter matches most of the vocabulary; wait for a second one.
  const last = terms[terms.length - 1] ?? '';
  // A space after the last word means the agent finished typing it.
  const endsInWord = !NON_WORD.test(input.slice(-1));
  const prefixMatch = endsInWord && [...last].length >= 2 ? `${quoted.slice(0, -1).concat(`"${last}"*`).join(' ')}` : null;
  return { mode: 'text', terms, match, prefixMatch, digits: null, idCandidate };
}

/**
 * The index terms a typed prefix can stand for lie in [from, to) of the index's
 * vocabulary, compared as bytes. Only for prefixes FTS5 indexes exactly as
 * written (ASCII letters and digits; the tokenizer folds other letters), else null.
 */
export function prefixTermRange(prefix: string): { from: string; to: string } | null {
  if (!/^[a-z0-9]+$/.test(prefix)) return null;
  return { from: prefix, to: `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}` };
}

/**
 * The plan's words with the one being typed replaced by the index terms it
 * expands to (`"jane" AND ("smith" OR "smithers")`; FTS5 reads a bare `"jane" (` as
 * a syntax error, so the ANDs are written out). FTS5 reads exact terms
 * newest-first and stop at the query's LIMIT, where its own prefix query
 * merges the whole doclist of every expansion first: several times slower for
 * the start of a common word (docs/performance.md, "Store: search and screen pop").
 */
export function expandedPrefixMatch(terms: string[], expansions: string[]): string {
  const quote = (t: string) => `"${t.replaceAll('"', '""')}"`;
  const exact = terms.slice(0, -1).map(quote);
  const last = expansions.length === 1 ? quote(expansions[0]!) : `(${expansions.map(quote).join(' OR ')})`;
  return [...exact, last].join(' AND ');
}

/** Plain text around the first place one of `terms` occurs in `text` (case- and accent-insensitive). */
export function snippetAround(text: string, terms: string[], width = 160): string {
  if (text.length <= width) return text;
  const folded = fold(text);
  let at = -1;
  for (const term of terms) {
    const i = folded.indexOf(fold(term));
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) return `${text.slice(0, width).trimEnd()}…`;
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/** Lower-case without accents, keeping the string length so indexes map back to the original. */
function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const base = ch
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    // Keep one UTF-16 unit per original unit so positions line up.
    out += base.length === ch.length ? base : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
  return out;
}
