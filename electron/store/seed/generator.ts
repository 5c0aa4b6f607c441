import type { CaseStatus, Priority, PulledCase, PulledCustomer } from '../../../shared/store/types';
import { COMPANY_KINDS, COMPANY_SUFFIXES, COMPANY_WORDS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, WORDS } from './vocabulary';

/**
 * Deterministic demo and benchmark data. Every record is a pure function of
 * (seed, index), so any slice can be made on any thread, in any order, and a
 * benchmark can know a customer's number without asking the store.
 *
 * Text follows a Zipf (s = 1) law over a 5,000-word vocabulary whose head is
 * real contact-centre words, like the data set of docs/performance.md ("Design
 * anchors"): the commonest words
 * appear in most cases, which is what makes naive full-text ranking slow.
 */
export interface SeedOptions {
  seed: number;
  customers: number;
  cases: number;
  vocabularySize?: number;
  /** Newest record time; the data spans the two years before it. */
  now?: number;
}

const TWO_YEARS = 2 * 365 * 24 * 3600_000;
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'po', 'si', 'de', 'fa', 'gu', 'ho', 'ji', 've', 'zo', 'ba', 'ce', 'xi', 'wu', 'ya'];
const ZIPF_TABLE_BITS = 18;

/** A small fast PRNG (sfc32-like via mulberry32 steps), seeded per record. */
function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(seed: number, index: number, stream: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) | 0;
}

export const customerId = (index: number): string => `CU-${String(index + 1).padStart(7, '0')}`;
export const caseId = (index: number): string => `CS-${String(index + 1).padStart(8, '0')}`;

/** The customer's first number: unique per index (a bijection onto 10-digit US numbers). */
export function primaryPhone(index: number): string {
  return `+1${2_000_000_000 + ((index * 7919 + 12_345) % 7_000_000_000)}`;
}

export class SeedGenerator {
  readonly options: Required<SeedOptions>;
  readonly vocabulary: string[];
  private readonly zipf: Uint16Array;

  constructor(options: SeedOptions) {
    this.options = { vocabularySize: 5000, now: Date.UTC(2026, 10, 1), ...options };
    const words = [...new Set(WORDS)];
    const next = rng(this.options.seed ^ 0x5eed);
    const seen = new Set(words);
    while (words.length < this.options.vocabularySize) {
      let w = '';
      const n = 2 + Math.floor(next() * 3);
      for (let k = 0; k < n; k += 1) w += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
      if (!seen.has(w)) {
        seen.add(w);
        words.push(w);
      }
    }
    this.vocabulary = words.slice(0, this.options.vocabularySize);
    // Inverse CDF as a lookup table: one random draw → one word, no search.
    const v = this.vocabulary.length;
    let harmonic = 0;
    for (let k = 1; k <= v; k += 1) harmonic += 1 / k;
    this.zipf = new Uint16Array(1 << ZIPF_TABLE_BITS);
    let k = 0;
    let cumulative = 1 / harmonic;
    for (let slot = 0; slot < this.zipf.length; slot += 1) {
      const u = (slot + 0.5) / this.zipf.length;
      while (cumulative < u && k < v - 1) {
        k += 1;
        cumulative += 1 / ((k + 1) * harmonic);
      }
      this.zipf[slot] = k;
    }
  }

  private words(next: () => number, count: number): string {
    const out = new Array<string>(count);
    for (let i = 0; i < count; i += 1) out[i] = this.vocabulary[this.zipf[Math.floor(next() * this.zipf.length)]!]!;
    return out.join(' ');
  }

  customer(index: number): PulledCustomer {
    const next = rng(mix(this.options.seed, index, 1));
    const first = FIRST_NAMES[Math.floor(next() * FIRST_NAMES.length)]!;
    const last = LAST_NAMES[Math.floor(next() * LAST_NAMES.length)]!;
    const phones: PulledCustomer['phones'] = [{ number: primaryPhone(index), label: 'mobile' }];
    if (next() < 0.3) phones.push({ number: `+447${String((index * 104_729 + 7) % 1_000_000_000).padStart(9, '0')}`, label: 'work' });
    if (next() < 0.1) phones.push({ number: `+1${3_000_000_000 + ((index * 15_485_863) % 6_000_000_000)}`, label: 'home' });
    const business = next() < 0.35;
    const company = business
      ? `${COMPANY_WORDS[Math.floor(next() * COMPANY_WORDS.length)]} ${COMPANY_KINDS[Math.floor(next() * COMPANY_KINDS.length)]} ${COMPANY_SUFFIXES[Math.floor(next() * COMPANY_SUFFIXES.length)]}`.trim()
      : null;
    const updatedAt = this.options.now - Math.floor(next() * TWO_YEARS);
    return {
      id: customerId(index),
      name: `${first} ${last}`,
      email: `${first}.${last}${index % 100}@${EMAIL_DOMAINS[index % EMAIL_DOMAINS.length]}`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
      company,
      segment: business ? 'Business' : next() < 0.05 ? 'VIP' : null,
      doNotCall: next() < 0.01,
      notes: null,
      phones,
      createdAt: updatedAt - Math.floor(next() * TWO_YEARS),
      updatedAt,
      version: 1,
    };
  }

  case(index: number): PulledCase {
    const next = rng(mix(this.options.seed, index, 2));
    const customer = Math.floor(next() * this.options.customers);
    const s = next();
    const status: CaseStatus =
      s < 0.3 ? 'open' : s < 0.4 ? 'pending' : s < 0.43 ? 'new' : s < 0.45 ? 'on-hold' : s < 0.6 ? 'solved' : 'closed';
    const p = next();
    const priority: Priority = p < 0.03 ? 'P1' : p < 0.18 ? 'P2' : p < 0.78 ? 'P3' : 'P4';
    // Later cases are newer, with some spread, like a real history.
    const age = (1 - index / Math.max(1, this.options.cases)) * TWO_YEARS;
    const updatedAt = Math.floor(this.options.now - age * (0.8 + next() * 0.2));
    return {
      id: caseId(index),
      customerId: customerId(customer),
      subject: this.words(next, 3 + Math.floor(next() * 6)),
      description: this.words(next, 20 + Math.floor(next() * 41)),
      status,
      priority,
      createdAt: updatedAt - Math.floor(next() * 30 * 24 * 3600_000),
      updatedAt,
      version: 1,
    };
  }

  customers(from: number, count: number): PulledCustomer[] {
    const end = Math.min(this.options.customers, from + count);
    const out: PulledCustomer[] = [];
    for (let i = from; i < end; i += 1) out.push(this.customer(i));
    return out;
  }

  cases(from: number, count: number): PulledCase[] {
    const end = Math.min(this.options.cases, from + count);
    const out: PulledCase[] = [];
    for (let i = from; i < end; i += 1) out.push(this.case(i));
    return out;
  }

  /** Words by frequency rank (0 = commonest), for benchmark queries. */
  wordAt(rank: number): string {
    return this.vocabulary[Math.min(rank, this.vocabulary.length - 1)]!;
  }
}
