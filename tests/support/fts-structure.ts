import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The segments of an FTS5 index, read from its structure record (the
 * `%_data` row with id 10; format in SQLite's fts5_index.c). Tests use it to
 * see how many segments a write left: the cost of later merging, and of every
 * query meanwhile, grows with that number.
 */
export function ftsSegments(db: Database.Database, table: string): { level: number; pages: number }[] {
  const block = db.prepare(`SELECT block FROM ${table}_data WHERE id = 10`).pluck().get() as Buffer | undefined;
  if (!block) return [];
  const at = { i: 4 };
  // "Structure v2" records (SQLite ≥ 3.45) carry a marker and five more numbers per segment.
  const v2 = block[4] === 0xff && block[5] === 0 && block[6] === 0 && block[7] === 1;
  if (v2) at.i = 8;
  const levels = varint(block, at);
  varint(block, at); // segment count
  varint(block, at); // write counter
  const segments: { level: number; pages: number }[] = [];
  for (let level = 0; level < levels; level += 1) {
    varint(block, at); // segments being merged
    const count = varint(block, at);
    for (let s = 0; s < count; s += 1) {
      varint(block, at); // segment id
      const first = varint(block, at);
      const last = varint(block, at);
      if (v2) for (let k = 0; k < 5; k += 1) varint(block, at);
      segments.push({ level, pages: last - first + 1 });
    }
  }
  return segments;
}

/** SQLite's varint: big-endian 7-bit groups, the ninth byte whole. */
function varint(buf: Buffer, at: { i: number }): number {
  let value = 0;
  for (let n = 0; n < 9; n += 1) {
    const byte = buf[at.i++]!;
    if (n === 8) return value * 256 + byte;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return value;
  }
  return value;
}
