// The 1M-case store bench:startup opens: seeded once (electron/store/seed/generator.ts, the store's
// bulk-load path, as `npm run seed` does) into a cache folder that outlives node_modules, then
// copied into a fresh data folder for each run. The cache's name carries the schema version and
// the seed's sizes, so a new schema seeds again instead of timing a migration.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../electron/secrets/secret-store';
import { SeedGenerator, primaryPhone } from '../../electron/store/seed/generator';
import { StoreClient } from '../../electron/store/store-client';
import { LATEST_VERSION } from '../../electron/store/worker/migrations';
import { englishOf } from '../../shared/text/user-text';
import { REPO_ROOT } from '../../tests/support/system-deps';

export interface SeedSize {
  customers: number;
  cases: number;
}

export interface CachedStore {
  /** A data folder holding the seeded store and its key file; copy it, never run the app in it. */
  dir: string;
  /** Seconds the seeding took when it was made, and when. */
  seededS: number;
  seededAt: string;
  /** Seeded by this run. */
  fresh: boolean;
}

const SEED = 20260301;
const MARKER = 'seeded.json';

function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'switchboard', 'bench-startup');
}

/** The caller whose number belongs to the first seeded customer (in E.164, as a PBX sends it). */
export const SEEDED_CALLER = { number: primaryPhone(0) };

/** The cached store of `size`, seeded first when there is none. */
export async function cachedStore(size: SeedSize, say: (line: string) => void): Promise<CachedStore> {
  const dir = path.join(cacheRoot(), `schema${LATEST_VERSION}-${size.customers}customers-${size.cases}cases-seed${SEED}`);
  const marker = path.join(dir, MARKER);
  if (existsSync(marker)) {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { seededS: number; seededAt: string; schema?: number };
    // Seeded by a worker built before the last migration: the app would migrate it at every start.
    if (m.schema === LATEST_VERSION) return { dir, seededS: m.seededS, seededAt: m.seededAt, fresh: false };
  }
  // Seeded beside its final name and renamed when complete: an interrupted seed is never used.
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true, mode: 0o700 });
  say(
    `seeding ${size.customers.toLocaleString('en-US')} customers and ${size.cases.toLocaleString('en-US')} cases into ${dir} (once; later runs reuse it)…`,
  );
  const started = performance.now();
  let schema: number | null | undefined;
  const store = await StoreClient.open({
    dataDir: building,
    secrets: createKeyFileSecretStore(building),
    log: silentLogger,
    integrityCheck: false,
    workerScript: path.join(REPO_ROOT, 'dist/electron/store-worker.cjs'),
  });
  try {
    if (store.state !== 'ready') {
      const problem = (await store.status()).problem;
      throw new Error(problem ? englishOf(problem) : 'the store could not be opened');
    }
    const generator = new SeedGenerator({ seed: SEED, customers: size.customers, cases: size.cases });
    const batch = 2000;
    await store.beginBulkLoad();
    // Two requests in flight: the next batch is generated while the writer stores the last one.
    let inFlight: Promise<unknown> = Promise.resolve();
    for (let i = 0; i < size.customers; i += batch) {
      const rows = generator.customers(i, batch);
      await inFlight;
      inFlight = store.upsertCustomers(rows);
    }
    for (let i = 0; i < size.cases; i += batch) {
      const rows = generator.cases(i, batch);
      await inFlight;
      inFlight = store.upsertCases(rows);
      if (i % 200_000 === 0 && i > 0) say(`  ${i.toLocaleString('en-US')} cases (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    await inFlight;
    await store.finishBulkLoad();
    schema = (await store.status()).schemaVersion;
  } finally {
    await store.close();
  }
  if (schema !== LATEST_VERSION)
    throw new Error(`the built store worker made schema ${schema}, the sources say ${LATEST_VERSION}: run npm run build`);
  const seededS = Math.round((performance.now() - started) / 100) / 10;
  const seededAt = new Date().toISOString();
  writeFileSync(path.join(building, MARKER), JSON.stringify({ seededS, seededAt, schema, ...size, seed: SEED }));
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return { dir, seededS, seededAt, fresh: true };
}

/** A fresh data folder holding a copy of the cached store (the app may write to it). */
export function copyStore(cached: CachedStore, into: string): void {
  cpSync(cached.dir, into, { recursive: true, filter: (src) => path.basename(src) !== MARKER });
}
