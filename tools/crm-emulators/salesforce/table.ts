import type { Segment } from '../common/seed-hash';

/**
 * One object's records: a seeded segment, derived from (seed, index) on every read, plus the
 * records written since, held as objects. The seed costs one byte per record ("changed since
 * seeding"), so a 1M-case org fits in a few MB.
 *
 * Records are walked in SystemModstamp order (ties by Id) or in Id order, which is what the SOQL
 * subset orders by. Seeded positions come from arithmetic (times rise with the index), held ones
 * from a sorted index.
 */

export type { Segment };

/** A place in SystemModstamp order: (time in ms, sequence number). */
export interface Position {
  t: number;
  seq: number;
}

export function comparePositions(a: Position, b: Position): number {
  return a.t - b.t || a.seq - b.seq;
}

/** Positions kept sorted in two parallel arrays (no object per entry). */
class SortedPositions {
  private readonly ts: number[] = [];
  private readonly seqs: number[] = [];

  get length(): number {
    return this.ts.length;
  }

  at(k: number): Position {
    return { t: this.ts[k]!, seq: this.seqs[k]! };
  }

  /** First k whose position is > pos (or >= pos with inclusive). */
  bound(pos: Position, inclusive: boolean): number {
    let lo = 0;
    let hi = this.ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.ts[mid]! - pos.t || this.seqs[mid]! - pos.seq;
      if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(t: number, seq: number): void {
    const k = this.bound({ t, seq }, true);
    this.ts.splice(k, 0, t);
    this.seqs.splice(k, 0, seq);
  }

  remove(t: number, seq: number): void {
    const k = this.bound({ t, seq }, true);
    if (this.ts[k] === t && this.seqs[k] === seq) {
      this.ts.splice(k, 1);
      this.seqs.splice(k, 1);
    }
  }
}

export interface Stamped {
  seq: number;
  modifiedAt: number;
}

export class Table<T extends Stamped> {
  readonly held = new Map<number, T>();
  private readonly byModstamp = new SortedPositions();
  /** Sequence numbers of held records outside the segment, ascending (new records only ever append). */
  private readonly heldOutside: number[] = [];
  segment: Segment | null = null;

  constructor(
    private readonly derive: (index: number) => T,
    /** A cheaper derive that fills only `factFields` (null: the same as derive). */
    private readonly deriveFacts: ((index: number) => T) | null = null,
    /** The fields deriveFacts fills; a filter on these alone can read facts instead of records. */
    readonly factFields: ReadonlySet<string> | null = null,
  ) {}

  segmentIndex(seq: number): number {
    const seg = this.segment;
    return seg && seq >= seg.base && seq < seg.base + seg.count ? seq - seg.base : -1;
  }

  get(seq: number): T | undefined {
    const held = this.held.get(seq);
    if (held) return held;
    const index = this.segmentIndex(seq);
    return index >= 0 ? this.derive(index) : undefined;
  }

  /** The record, or for a seeded one still as seeded only its fact fields. */
  getFacts(seq: number): T | undefined {
    const held = this.held.get(seq);
    if (held) return held;
    const index = this.segmentIndex(seq);
    if (index < 0) return undefined;
    return (this.deriveFacts ?? this.derive)(index);
  }

  put(record: T): void {
    const previous = this.held.get(record.seq);
    if (previous) this.byModstamp.remove(previous.modifiedAt, previous.seq);
    else {
      const index = this.segmentIndex(record.seq);
      if (index >= 0) this.segment!.overridden[index] = 1;
      else this.heldOutside.push(record.seq);
    }
    this.held.set(record.seq, record);
    this.byModstamp.insert(record.modifiedAt, record.seq);
  }

  /** Puts `previous` back in place of the record with its sequence number (undefined: the record never existed). */
  restore(seq: number, previous: T | undefined): void {
    const current = this.held.get(seq);
    if (current) this.byModstamp.remove(current.modifiedAt, seq);
    if (previous) {
      this.held.set(seq, previous);
      this.byModstamp.insert(previous.modifiedAt, seq);
      return;
    }
    this.held.delete(seq);
    const index = this.segmentIndex(seq);
    if (index >= 0) this.segment!.overridden[index] = 0;
    else {
      const k = this.heldOutside.lastIndexOf(seq);
      if (k >= 0) this.heldOutside.splice(k, 1);
    }
  }

  /** Records in the table, held and seeded. */
  get size(): number {
    return (this.segment?.count ?? 0) + this.heldOutside.length;
  }

  private seededKey(i: number): Position {
    const seg = this.segment!;
    return { t: seg.startMs + i * seg.stepMs + seg.lagMs, seq: seg.base + i };
  }

  /** Sequence numbers after `fromSeq` (exclusive; null: from the start), ascending. */
  *walkById(fromSeq: number | null): Generator<number> {
    const seg = this.segment;
    if (seg) {
      const first = fromSeq === null ? 0 : Math.max(0, fromSeq - seg.base + 1);
      for (let i = first; i < seg.count; i++) yield seg.base + i;
    }
    let lo = 0;
    let hi = this.heldOutside.length;
    if (fromSeq !== null) {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.heldOutside[mid]! <= fromSeq) lo = mid + 1;
        else hi = mid;
      }
    }
    for (let k = fromSeq === null ? 0 : lo; k < this.heldOutside.length; k++) yield this.heldOutside[k]!;
  }

  /** Positions after `from` (exclusive; null: from the start) in SystemModstamp order. */
  *walkByModstamp(from: Position | null): Generator<Position> {
    const seg = this.segment;
    const n = seg?.count ?? 0;
    let i = 0;
    if (seg && from) {
      i = Math.min(n, Math.max(0, Math.floor((from.t - seg.startMs - seg.lagMs) / seg.stepMs)));
      while (i > 0 && comparePositions(this.seededKey(i - 1), from) > 0) i--;
      while (i < n && comparePositions(this.seededKey(i), from) <= 0) i++;
    }
    let j = from ? this.byModstamp.bound(from, false) : 0;
    for (;;) {
      // A changed seeded record lives at its new place, in the held index.
      if (seg) while (i < n && seg.overridden[i] === 1) i++;
      const a = seg && i < n ? this.seededKey(i) : null;
      const b = j < this.byModstamp.length ? this.byModstamp.at(j) : null;
      if (a === null && b === null) return;
      if (a !== null && (b === null || comparePositions(a, b) < 0)) {
        yield a;
        i++;
      } else {
        yield b!;
        j++;
      }
    }
  }

  /**
   * How many positions lie in (lower, upper] of SystemModstamp order, counting only held records
   * that pass `keepHeld`; seeded records still as seeded are always counted. Fast: arithmetic for
   * the segment, a scan of the held records only.
   */
  countInRange(lowerExclusive: number | null, upperInclusive: number | null, keepHeld: (record: T) => boolean): number {
    const inRange = (t: number): boolean =>
      (lowerExclusive === null || t > lowerExclusive) && (upperInclusive === null || t <= upperInclusive);
    let n = 0;
    const seg = this.segment;
    if (seg && seg.count > 0) {
      // Seeded keys are a + i·step: the first index past a bound is arithmetic.
      const a = seg.startMs + seg.lagMs;
      const firstAfter = (bound: number | null, fallback: number): number =>
        bound === null ? fallback : Math.min(seg.count, Math.max(0, Math.floor((bound - a) / seg.stepMs) + 1));
      const lo = firstAfter(lowerExclusive, 0);
      const hi = firstAfter(upperInclusive, seg.count);
      if (hi > lo) {
        n += hi - lo;
        for (const seq of this.held.keys()) {
          const index = this.segmentIndex(seq);
          if (index >= lo && index < hi) n -= 1;
        }
      }
    }
    for (const record of this.held.values()) if (inRange(record.modifiedAt) && keepHeld(record)) n += 1;
    return n;
  }
}
