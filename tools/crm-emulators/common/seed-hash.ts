/** Small integer hash (murmur3 finaliser) of (seed, index, salt): seeded records are derived from it on every read. */
export function mix(seed: number, index: number, salt: number): number {
  let h = (seed ^ Math.imul(index + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A run of seeded records, derived from (seed, index) on every read instead of held. */
export interface Segment {
  /** First id or sequence number; the segment holds base … base + count - 1. */
  base: number;
  count: number;
  /** Creation time of index 0 (ms); index i is created at startMs + i·stepMs and last changed lagMs later. */
  startMs: number;
  stepMs: number;
  lagMs: number;
  /** 1 once the record was changed after seeding: it is then held as an object. */
  overridden: Uint8Array;
}
