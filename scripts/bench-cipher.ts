/**
 * npm run bench:cipher [-- --pages 20000 --rounds 3]
 *
 * What the store's page cipher costs, with the store's own keying
 * (electron/store/worker/connection.ts), on this machine:
 *
 *   1. per 4 KiB page written (one transaction of `--pages` rows of ~3.5 KiB, each its own
 *      page, committed to a WAL, then checkpointed) and per page read back with a cold
 *      1 MiB cache, for an unencrypted file, SQLCipher 4 (AES-256-CBC + HMAC-SHA512, what the
 *      store used to write) and AEGIS-256 (what it writes now); the cipher's share is the
 *      difference to the unencrypted file. Median of `--rounds`.
 *   2. the one-time re-encryption of a SQLCipher 4 store to AEGIS-256 at start
 *      (cipher-upgrade.ts: copy, rekey, check, replace), in MiB per second.
 *
 * Last line: one JSON object.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { StoreCipher } from '../electron/store/ciphers';
import { upgradeCipher } from '../electron/store/worker/cipher-upgrade';
import { applyKey, openConnection } from '../electron/store/worker/connection';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' } } });
const pages = Number(values.pages);
const rounds = Number(values.rounds);
if (!Number.isInteger(pages) || pages < 100 || !Number.isInteger(rounds) || rounds < 1) {
  console.error('--pages must be a whole number ≥ 100 and --rounds ≥ 1');
  process.exit(2);
}

const dir = mkdtempSync(path.join(tmpdir(), 'sb-bench-cipher-'));
const keyHex = randomBytes(32).toString('hex');
const blob = randomBytes(3500);
type Variant = 'plain' | StoreCipher;

function open(file: string, variant: Variant): Database.Database {
  const db = new Database(file);
  if (variant !== 'plain') applyKey(db, variant, keyHex);
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=NORMAL');
  return db;
}

function fill(file: string, variant: Variant): number {
  const db = open(file, variant);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)');
  const insert = db.prepare('INSERT INTO t (b) VALUES (?)');
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < pages; i++) insert.run(blob);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const ms = performance.now() - started;
  db.close();
  return ms;
}

function measure(variant: Variant): { writeUs: number; readUs: number } {
  const file = path.join(dir, `${variant}.db`);
  rmSync(file, { force: true });
  const writeMs = fill(file, variant);
  const db = open(file, variant);
  db.pragma('cache_size=-1024');
  const started = performance.now();
  db.prepare('SELECT sum(length(b)) FROM t').get();
  const readMs = performance.now() - started;
  db.close();
  rmSync(file, { force: true });
  return { writeUs: (writeMs * 1000) / pages, readUs: (readMs * 1000) / pages };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const variants: Variant[] = ['plain', 'sqlcipher-4', 'aegis-256'];
const samples = new Map(variants.map((v) => [v, { write: [] as number[], read: [] as number[] }]));
for (let round = 0; round < rounds; round++) {
  for (const variant of variants) {
    const { writeUs, readUs } = measure(variant);
    samples.get(variant)!.write.push(writeUs);
    samples.get(variant)!.read.push(readUs);
  }
}
const result = Object.fromEntries(
  variants.map((v) => [v, { write: median(samples.get(v)!.write), read: median(samples.get(v)!.read) }]),
) as Record<Variant, { write: number; read: number }>;
console.log(`${pages} pages of 4 KiB, median of ${rounds} rounds (µs per page; cipher's share = minus the unencrypted file)`);
for (const v of variants) {
  const share =
    v === 'plain'
      ? ''
      : `   cipher +${(result[v].write - result.plain.write).toFixed(1)} written, +${(result[v].read - result.plain.read).toFixed(1)} read`;
  console.log(`  ${v.padEnd(12)} write ${result[v].write.toFixed(1).padStart(6)}  read ${result[v].read.toFixed(1).padStart(6)}${share}`);
}

// The one-time upgrade, with the code the store runs at start.
const legacy = path.join(dir, 'legacy.db');
fill(legacy, 'sqlcipher-4');
const bytes = statSync(legacy).size;
const writer = openConnection({ file: legacy, keyHex, role: 'writer' });
const { db: upgraded, upgrade } = upgradeCipher(writer, { file: legacy, keyHex, role: 'writer' });
upgraded.close();
rmSync(dir, { recursive: true, force: true });
if (upgrade.outcome !== 'upgraded') {
  console.error(`the upgrade did not run: ${upgrade.reason}`);
  process.exit(1);
}
const mibPerS = bytes / 1024 / 1024 / (upgrade.ms / 1000);
console.log(
  `re-encrypting a ${(bytes / 1024 / 1024).toFixed(0)} MiB SQLCipher 4 store to AEGIS-256: ${upgrade.ms} ms (${mibPerS.toFixed(0)} MiB/s)`,
);

const round1 = (x: number) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    pages,
    plain_write_us: round1(result.plain.write),
    plain_read_us: round1(result.plain.read),
    sqlcipher4_write_us: round1(result['sqlcipher-4'].write),
    sqlcipher4_read_us: round1(result['sqlcipher-4'].read),
    aegis256_write_us: round1(result['aegis-256'].write),
    aegis256_read_us: round1(result['aegis-256'].read),
    upgrade_mib_per_s: Math.round(mibPerS),
  }),
);
