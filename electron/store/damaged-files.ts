import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Moving a damaged database out of the way, and the marker that asks for it
 * at the next start. A moved file keeps its -wal and -shm beside it (the WAL
 * may hold the last commits), under one timestamped name, so IT can send it
 * in; only the newest few are kept.
 */
export const KEEP_DAMAGED_COPIES = 3;
const SIDE_FILES = ['', '-wal', '-shm'];

export function damagedMarker(file: string): string {
  return `${file}.damaged`;
}

export function markDamaged(file: string, reason: string): void {
  writeFileSync(damagedMarker(file), `${new Date().toISOString()} ${reason}\n`, { mode: 0o600 });
}

export function isMarkedDamaged(file: string): boolean {
  return existsSync(damagedMarker(file));
}

/** `switchboard.db` → `switchboard.db.damaged-20261123T021500Z`; returns that base name. */
export function moveAside(file: string, at: Date = new Date()): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  let base = `${file}.damaged-${stamp}`;
  for (let n = 2; existsSync(base); n += 1) base = `${file}.damaged-${stamp}-${n}`;
  for (const suffix of SIDE_FILES) {
    if (existsSync(file + suffix)) renameSync(file + suffix, base + suffix);
  }
  rmSync(damagedMarker(file), { force: true });
  pruneDamagedCopies(file);
  return path.basename(base);
}

function pruneDamagedCopies(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.damaged-`;
  const bases = readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && !name.endsWith('-wal') && !name.endsWith('-shm'))
    .map((name) => ({ name, time: statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.name.localeCompare(a.name) || b.time - a.time);
  for (const old of bases.slice(KEEP_DAMAGED_COPIES)) {
    for (const suffix of SIDE_FILES) rmSync(path.join(dir, old.name + suffix), { force: true });
  }
}
