/**
 * npm run seed -- [--customers 200000] [--cases 1000000] [--data-dir DIR] [--seed N] [--batch N]
 *
 * Fills a real, encrypted local store with deterministic demo data
 * (electron/store/seed/generator.ts) through the store's bulk-load path:
 * rows go in without the search triggers, the search index is built once at
 * the end. The key lives in the data folder's key-file secret store, as the
 * web shell keeps it, so `npm start -- --web` (or the web shell with the same
 * `--data-dir`) opens the seeded data. The default data folder is the app's own.
 *
 * Rows with ids already stored are replaced by the generated copy only when newer
 * (a second run with the same seed changes nothing).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { acquireInstanceLock, AlreadyRunningError } from '../electron/core/instance-lock';
import { defaultDataDir } from '../electron/core/paths';
import { silentLogger } from '../electron/logging/logger';
import { createKeyFileSecretStore } from '../electron/secrets/secret-store';
import { SeedGenerator } from '../electron/store/seed/generator';
import { StoreClient } from '../electron/store/store-client';
import { englishOf } from '../shared/text/user-text';

const USAGE = `Usage: npm run seed -- [--customers N] [--cases N] [--data-dir DIR] [--seed N] [--batch N]

Writes demo customers and cases into the encrypted local store.
  --customers N   customers to generate (default 200000)
  --cases N       cases to generate, spread over the customers (default 1000000)
  --data-dir DIR  the app's data folder (default: ${defaultDataDir()})
  --seed N        random seed; the same seed gives the same data (default 20260301)
  --batch N       rows per request to the store's writer (default 2000)
`;

function fail(message: string): never {
  process.stderr.write(`seed: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function wholeNumber(name: string, raw: string | undefined, min: number, max: number): number {
  const n = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    fail(
      `--${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got ${JSON.stringify(raw ?? '')})`,
    );
  }
  return n;
}

let args;
try {
  args = parseArgs({
    options: {
      customers: { type: 'string', default: '200000' },
      cases: { type: 'string', default: '1000000' },
      'data-dir': { type: 'string' },
      seed: { type: 'string', default: '20260301' },
      batch: { type: 'string', default: '2000' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const customers = wholeNumber('customers', args.customers, 1, 10_000_000);
const cases = wholeNumber('cases', args.cases, 0, 50_000_000);
const seed = wholeNumber('seed', args.seed, 0, 2 ** 31 - 1);
const batch = wholeNumber('batch', args.batch, 1, 50_000);
const dataDir = path.resolve(args['data-dir'] ?? defaultDataDir());

const say = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number) => n.toLocaleString('en-US');
const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  let lock;
  try {
    lock = acquireInstanceLock(dataDir);
  } catch (error) {
    if (error instanceof AlreadyRunningError) fail(`${error.message} Seed while Switchboard is closed.`);
    throw error;
  }
  const store = await StoreClient.open({ dataDir, secrets: createKeyFileSecretStore(dataDir), log: silentLogger, integrityCheck: false });
  try {
    if (store.state !== 'ready') {
      const status = await store.status();
      throw new Error(status.problem ? englishOf(status.problem) : 'the local store could not be opened');
    }
    const status = await store.status();
    say(`seed: ${fmt(customers)} customers, ${fmt(cases)} cases (seed ${seed}) into ${store.file}`);
    say(`      encryption: ${status.encryption.cipher}; key: ${status.encryption.keyProtection}`);
    if (status.counts && (status.counts.customers > 0 || status.counts.cases > 0)) {
      say(
        `      the store already holds ${fmt(status.counts.customers)} customers and ${fmt(status.counts.cases)} cases; generated rows with the same ids replace older copies`,
      );
    }
    const generator = new SeedGenerator({ seed, customers, cases });
    const started = performance.now();
    await store.beginBulkLoad();
    let lastLine = performance.now();
    const progress = (what: string, done: number, total: number) => {
      if (performance.now() - lastLine < 2000 && done < total) return;
      lastLine = performance.now();
      say(`  ${what} ${fmt(done)} / ${fmt(total)}  (${elapsed(started)})`);
    };
    const totals = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
    const add = (report: { inserted: number; updated: number; unchanged: number; rejected: unknown[] }) => {
      totals.inserted += report.inserted;
      totals.updated += report.updated;
      totals.unchanged += report.unchanged;
      totals.rejected += report.rejected.length;
    };
    // Two requests in flight: the next batch is generated while the writer stores the last one.
    let inFlight: Promise<void> = Promise.resolve();
    for (let i = 0; i < customers; i += batch) {
      const rows = generator.customers(i, batch);
      await inFlight;
      inFlight = store.upsertCustomers(rows).then(add);
      progress('customers', Math.min(customers, i + batch), customers);
    }
    await inFlight;
    const customersDone = performance.now();
    for (let i = 0; i < cases; i += batch) {
      const rows = generator.cases(i, batch);
      await inFlight;
      inFlight = store.upsertCases(rows).then(add);
      progress('cases', Math.min(cases, i + batch), cases);
    }
    await inFlight;
    const rowsDone = performance.now();
    say(
      `  rows stored in ${elapsed(started)} (cases ${fmt(Math.round(cases / Math.max(0.001, (rowsDone - customersDone) / 1000)))}/s); building the search index…`,
    );
    let lastIndexLine = 0;
    const offProgress = store.on('bulk-progress', (event) => {
      if (event.phase === 'search-index' && performance.now() - lastIndexLine > 2000) {
        lastIndexLine = performance.now();
        say(`  search index ${fmt(event.done)} / ${fmt(event.total)}  (${elapsed(started)})`);
      }
    });
    const report = await store.finishBulkLoad();
    offProgress();
    say(`  indexes built in ${((report.indexMs + report.searchIndexMs) / 1000).toFixed(1)} s`);
    const counts = await store.counts();
    say(
      `done in ${elapsed(started)}: inserted ${fmt(totals.inserted)}, updated ${fmt(totals.updated)}, unchanged ${fmt(totals.unchanged)}, rejected ${fmt(totals.rejected)}`,
    );
    say(`the store now holds ${fmt(counts.customers)} customers and ${fmt(counts.cases)} cases (${fmt(counts.openCases)} open)`);
    say(`open it with: npm start -- --web --data-dir ${JSON.stringify(dataDir)}`);
    if (totals.rejected > 0) process.exitCode = 1;
  } finally {
    await store.close();
    lock.release();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed: failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
