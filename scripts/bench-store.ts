/**
 * npm run bench:store [-- --customers 200000 --cases 1000000 --lookups 2000 --batch 1000 --parsed-pages --writer-index --keep-data]
 *
 * Measures the offline case store end to end, from main through the worker
 * threads (StoreClient), on a fresh encrypted store in a temp folder:
 *
 *   0. idle baseline: the main thread's worst event-loop delay over 5 s of doing
 *      nothing (on a shared VM this alone reaches ~10–20 ms: the thread is descheduled)
 *   1. bulk ingest of the seeded data as an initial sync delivers it: pages of the Sync API's
 *      JSON (1,000 rows each) that main forwards as bytes to the writer thread, which parses and
 *      stores them (bulk-load path: rows, with the search index built by the indexer thread
 *      meanwhile, then the pop index and the hand-over, then the search-index merge the writer
 *      would otherwise do when idle), with a search every 100 ms on the search thread
 *      meanwhile. For comparison: `--writer-index`, the writer fills the search index after the
 *      rows instead; `--parsed-pages`, main receives parsed rows and sends them with upsertCases,
 *      as sources that cannot hand over bytes do
 *   2. screen-pop lookups (lookupCaller): exact E.164 hits in several raw forms,
 *      badly formatted numbers found by their last digits, and misses; in turns with each, a
 *      message to a thread that only answers (the machine's floor for any cross-thread request);
 *      and the part of each lookup spent on the lookup thread (StoreClient.requestTimes)
 *   3. searches: the commonest words of the seeded vocabulary, pairs of them,
 *      rare words, names, digits, prefixes while typing, and FTS syntax typed as text
 *   4. a 10k-case sync batch (upsertCases of changed cases), lookups running meanwhile
 *
 * The main thread's event-loop delay is watched through 1–4 (resolution 1 ms). On a shared VM
 * its worst case is mostly the VM's (see the idle baseline), so the time main was busy during
 * ingest (event-loop utilisation) is printed too: that part is this code's own.
 * Ingest pages are made before the timed phase by a helper thread standing in for the server, which
 * hands them to main as the HTTP client would receive them (main only receives and forwards the
 * bytes); other test data is made before each timed phase too.
 * Last line: one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { procKb } from './lib/bench-startup-procs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance as nodePerformance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { silentLogger } from '../electron/logging/logger';
import { createKeyFileSecretStore } from '../electron/secrets/secret-store';
import { customerId, primaryPhone, SeedGenerator, caseId } from '../electron/store/seed/generator';
import { StoreClient } from '../electron/store/store-client';
import type { PulledCase, PulledCustomer } from '../shared/store/types';
import { englishOf } from '../shared/text/user-text';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '200000' },
    cases: { type: 'string', default: '1000000' },
    lookups: { type: 'string', default: '2000' },
    batch: { type: 'string', default: '1000' },
    'parsed-pages': { type: 'boolean', default: false },
    'writer-index': { type: 'boolean', default: false },
    'keep-data': { type: 'boolean', default: false },
  },
  strict: true,
});
function whole(name: string, raw: string | undefined, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`bench:store: --${name} must be a whole number ≥ ${min}\n`);
    process.exit(2);
  }
  return n;
}
const customers = whole('customers', values.customers, 100);
const cases = whole('cases', values.cases, 10_000);
const lookups = whole('lookups', values.lookups, 1000);
const batch = whole('batch', values.batch, 1);
const parsedPages = values['parsed-pages'];
const SEED = 20_260_301;

const log = (line: string) => console.log(line);
/** Anonymous memory of this process (MB), from /proc; 0 where there is no /proc. */
const anonymousMb = (): number => (procKb(process.pid, 'smaps_rollup', 'Anonymous') ?? 0) / 1024;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
function stats(samples: number[]): Stats {
  const a = Float64Array.from(samples).sort();
  const q = (p: number) => a[Math.min(a.length - 1, Math.floor(p * a.length))]!;
  const r = (x: number) => Number(x.toFixed(3));
  return { n: a.length, p50: r(q(0.5)), p95: r(q(0.95)), p99: r(q(0.99)), max: r(a[a.length - 1]!) };
}
const show = (s: Stats) =>
  `median ${s.p50.toFixed(3)} ms, p95 ${s.p95.toFixed(3)} ms, p99 ${s.p99.toFixed(3)} ms, max ${s.max.toFixed(1)} ms (n=${s.n})`;
const stallMs = (h: ReturnType<typeof monitorEventLoopDelay>) => h.max / 1e6;

const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-bench-store-'));
const generator = new SeedGenerator({ seed: SEED, customers, cases });
log(`bench:store  ${fmt(customers)} customers / ${fmt(cases)} cases, encrypted store in ${dataDir}`);

const store = await StoreClient.open({
  dataDir,
  secrets: createKeyFileSecretStore(dataDir),
  log: silentLogger,
  integrityCheck: false,
  parallelSearchIndex: !values['writer-index'],
});
if (store.state !== 'ready') {
  const problem = (await store.status()).problem;
  throw new Error(`store did not open: ${problem ? englishOf(problem) : 'no reason given'}`);
}

// 0. The machine's own noise, measured the same way as the phases below.
const stall = monitorEventLoopDelay({ resolution: 1 });
stall.enable();
await sleep(5_000);
const idleStallMs = stallMs(stall);
const idleP999Ms = stall.percentile(99.9) / 1e6;
stall.disable();
log(`idle baseline (5 s, nothing running): main thread worst stall ${idleStallMs.toFixed(1)} ms, p99.9 ${idleP999Ms.toFixed(1)} ms`);

// ---------------------------------------------------------------------------
// 1. Bulk ingest
/**
 * Pages come from a helper thread standing in for the Sync API: it makes every page's JSON bytes
 * before the timed phase (the server has them ready; making them is not the agent's machine's
 * work, and on 2 cores it took a third of one from the store), then hands them out a few pages
 * ahead, so main does what it does in a real initial sync: receive a page's bytes, hand them to
 * the store. The pages stay in that thread until asked for (~0.5 GB at 1M cases), never in main's
 * heap, where holding or generating them would put the bench's own work into the stall figure.
 */
const requireHere = createRequire(import.meta.url);
const generatorThread = new Worker(
  `require(${JSON.stringify(requireHere.resolve('tsx/cjs'))});
   const { SeedGenerator } = require(${JSON.stringify(path.resolve(import.meta.dirname, '../electron/store/seed/generator.ts'))});
   const { parentPort, workerData } = require('node:worker_threads');
   const g = new SeedGenerator(workerData);
   const utf8 = new TextEncoder();
   const pages = { customers: [], cases: [] };
   for (const [kind, total] of [['customers', workerData.customers], ['cases', workerData.cases]]) {
     for (let from = 0; from < total; from += workerData.batch) {
       const count = Math.min(workerData.batch, total - from);
       const items = kind === 'customers' ? g.customers(from, count) : g.cases(from, count);
       pages[kind].push(utf8.encode(JSON.stringify({ items, deleted: [], nextCursor: String(from + count), hasMore: from + count < total })));
     }
   }
   parentPort.postMessage('ready');
   parentPort.on('message', ({ kind, index, parsed }) => {
     const body = pages[kind][index];
     pages[kind][index] = null;
     if (parsed) return parentPort.postMessage(JSON.parse(new TextDecoder().decode(body)).items);
     parentPort.postMessage(body, [body.buffer]);
   });`,
  { eval: true, workerData: { seed: SEED, customers, cases, batch } },
);
const generatingStarted = performance.now();
await new Promise<void>((resolve) => generatorThread.once('message', () => resolve()));
log(`sync pages made ahead by the stand-in server thread in ${((performance.now() - generatingStarted) / 1000).toFixed(1)} s`);
type Page = Uint8Array | PulledCase[] | PulledCustomer[];
const waiting: ((page: Page) => void)[] = [];
generatorThread.on('message', (page: Page) => waiting.shift()?.(page));
function generated(kind: 'customers' | 'cases', index: number): Promise<Page> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    generatorThread.postMessage({ kind, index, parsed: parsedPages });
  });
}
/** Searches every `everyMs` on the search thread until stopped; returns their latencies. */
function backgroundSearches(queries: string[], everyMs: number): { stop: () => Promise<number[]> } {
  let running = true;
  const samples: number[] = [];
  const loop = (async () => {
    for (let i = 0; running; i += 1) {
      const t = performance.now();
      await store.search(queries[i % queries.length]!);
      samples.push(performance.now() - t);
      await sleep(everyMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
}
const commonWords = Array.from({ length: 20 }, (_, rank) => generator.wordAt(rank));

stall.reset();
stall.enable();
const background = backgroundSearches(commonWords, 100);
const ingestStarted = performance.now();
const eluStart = nodePerformance.eventLoopUtilization();
const cpuStart = process.cpuUsage();
await store.beginBulkLoad();
/**
 * Pages from the generator thread, three requested ahead, through the store as the pull engine
 * sends them: each page's bytes parsed on the writer (decodePage), then stored (storePage) while
 * the next one is parsed.
 */
async function pump(kind: 'customers' | 'cases', total: number): Promise<void> {
  const ahead: Promise<Page>[] = [];
  let requested = 0;
  const request = () => {
    if (requested >= total) return;
    ahead.push(generated(kind, requested / batch));
    requested += batch;
  };
  for (let i = 0; i < 3; i += 1) request();
  let inFlight: Promise<unknown> = Promise.resolve();
  let lastLine = performance.now();
  let done = 0;
  while (ahead.length > 0) {
    const body = await ahead.shift()!;
    request();
    const check = (report: { rejected: unknown[] }) => {
      if (report.rejected.length > 0) throw new Error(`${report.rejected.length} ${kind} rejected`);
    };
    if (body instanceof Uint8Array) {
      const page = await store.decodePage(kind, body);
      if (!page.ok) throw new Error(`page refused: ${page.detail}`);
      await inFlight;
      inFlight = store.storePage(page.pageId, { cursor: { name: `bench:${kind}`, value: page.nextCursor } }).then(check);
      done += page.items;
    } else {
      await inFlight;
      inFlight = (kind === 'customers' ? store.upsertCustomers(body as PulledCustomer[]) : store.upsertCases(body as PulledCase[])).then(
        check,
      );
      done += body.length;
    }
    if (performance.now() - lastLine > 5_000) {
      lastLine = performance.now();
      log(`  ${kind} ${fmt(done)} / ${fmt(total)}  (${((performance.now() - ingestStarted) / 1000).toFixed(1)} s)`);
    }
  }
  await inFlight;
}
await pump('customers', customers);
const customersDone = performance.now();
await pump('cases', cases);
const rowsDone = performance.now();
// Main's busy time while pages came in: receiving, forwarding, and the background searches' answers.
const rowsElu = nodePerformance.eventLoopUtilization(eluStart);
const rowsCpu = process.cpuUsage(cpuStart);
const pages = Math.ceil(customers / batch) + Math.ceil(cases / batch);
log(
  `  rows stored (process CPU ${((rowsCpu.user + rowsCpu.system) / 1e6).toFixed(1)} s in ${((rowsDone - ingestStarted) / 1000).toFixed(1)} s, all threads); building the pop and search indexes…`,
);
const finishStarted = performance.now();
const bulk = await store.finishBulkLoad();
const finishS = (performance.now() - finishStarted) / 1000;
// The search index's segments are merged when the writer is idle; done here so the figure includes it.
const mergeStarted = performance.now();
const merge = await store.runIdleMaintenance();
const mergeS = (performance.now() - mergeStarted) / 1000;
const ingestDone = performance.now();
const ingestSearchSamples = await background.stop();
const stallIngestMs = stallMs(stall);
const stallIngestP999 = stall.percentile(99.9) / 1e6;
stall.disable();
await generatorThread.terminate();

const caseRowsS = (rowsDone - customersDone) / 1000;
const ingestS = (ingestDone - ingestStarted) / 1000;
const caseRowsPerS = cases / caseRowsS;
// The time from the last row to searchable (index builds, the merge after them; customers' share too) counts against the cases.
const ingestCasesPerS = cases / (caseRowsS + finishS + mergeS);
const counts = await store.counts();
if (counts.customers !== customers || counts.cases !== cases)
  throw new Error(`ingest incomplete: ${counts.customers} customers, ${counts.cases} cases`);
log(
  `bulk ingest: ${fmt(customers)} customers in ${((customersDone - ingestStarted) / 1000).toFixed(1)} s, ${fmt(cases)} cases in ${caseRowsS.toFixed(1)} s (${fmt(caseRowsPerS)} cases/s stored)`,
);
log(
  `  after the last row: ${finishS.toFixed(1)} s to searchable (pop index ${(bulk.indexMs / 1000).toFixed(1)} s, search index ${(bulk.searchIndexMs / 1000).toFixed(1)} s, ` +
    `${values['writer-index'] ? 'filled by the writer after the pop index' : 'built by the indexer thread meanwhile and during the rows'}), search-index merge ${mergeS.toFixed(1)} s (${merge.steps} steps); whole load ${ingestS.toFixed(1)} s`,
);
log(`  ingest rate with the indexes counted: ${fmt(ingestCasesPerS)} cases/s`);
log(`  ${ingestSearchSamples.length} searches meanwhile: ${show(stats(ingestSearchSamples))}`);
log(`  main thread worst stall: ${stallIngestMs.toFixed(1)} ms (p99.9 ${stallIngestP999.toFixed(1)} ms)`);
// The writer and the indexer yield the CPU to main and the readers (Linux; thread-priority.ts).
const lowered = Object.entries(store.threadPriorities()).flatMap(([thread, p]) =>
  p.outcome === 'lowered' ? [`${thread} (nice ${p.nice})`] : [],
);
log(`  threads at a lower CPU priority: ${lowered.length > 0 ? lowered.join(', ') : 'none'}`);
log(
  `  main thread busy ${(rowsElu.active / 1000).toFixed(2)} s of ${((rowsDone - ingestStarted) / 1000).toFixed(1)} s while ${fmt(pages)} pages came in ` +
    `(${parsedPages ? 'parsed rows, upsert' : 'bytes, parsed on the writer'}): ${(rowsElu.active / pages).toFixed(2)} ms a page`,
);

// ---------------------------------------------------------------------------
// 2. Screen pop
function pick(i: number, n: number): number {
  return (Math.imul(i + 1, 2_654_435_761) >>> 0) % n;
}
type Kind = 'exact' | 'formatted' | 'sip-uri' | 'last-digits' | 'miss';
const numbers: { raw: string; kind: Kind }[] = [];
for (let i = 0; i < lookups; i += 1) {
  const e164 = primaryPhone(pick(i, customers));
  const national = e164.slice(2);
  const slot = i % 10;
  if (slot < 4) numbers.push({ raw: e164, kind: 'exact' });
  else if (slot === 4) numbers.push({ raw: `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`, kind: 'formatted' });
  else if (slot === 5) numbers.push({ raw: `"Caller" <sip:${e164}@pbx.example;user=phone>`, kind: 'sip-uri' });
  // Trunk prefix and a lost country code: no valid E.164, found by its last digits.
  else if (slot < 8) numbers.push({ raw: `0${national.slice(1)}`, kind: 'last-digits' });
  // Extensions and numbers nobody in the store has.
  else
    numbers.push({ raw: slot === 8 ? String(4000 + (i % 900)) : `+4930${String(10_000_000 + ((i * 7_919) % 89_999_999))}`, kind: 'miss' });
}
/**
 * The machine's floor for any request to a thread: a message to a thread that only answers, and
 * back. Measured in turns with the lookups, so both see the same moments of the VM; the
 * difference between the two is the store's own share of a screen pop.
 */
const echoThread = new Worker(
  `require('node:worker_threads').parentPort.on('message', (id) => require('node:worker_threads').parentPort.postMessage(id));`,
  { eval: true },
);
const echoWaiting = new Map<number, () => void>();
echoThread.on('message', (id: number) => {
  echoWaiting.get(id)?.();
  echoWaiting.delete(id);
});
let echoIds = 0;
const echo = () =>
  new Promise<void>((resolve) => {
    const id = (echoIds += 1);
    echoWaiting.set(id, resolve);
    echoThread.postMessage(id);
  });
for (let i = 0; i < 200; i += 1) {
  await store.lookupCaller(numbers[i % numbers.length]!.raw); // warm-up
  await echo();
}
store.resetRequestTimes();
stall.reset();
stall.enable();
const popSamples: number[] = [];
const echoSamples: number[] = [];
const byKind = new Map<Kind, number[]>();
const matched = { exact: 0, suffix: 0, none: 0 };
for (const { raw, kind } of numbers) {
  let t = performance.now();
  await echo();
  echoSamples.push(performance.now() - t);
  t = performance.now();
  const result = await store.lookupCaller(raw);
  const ms = performance.now() - t;
  popSamples.push(ms);
  (byKind.get(kind) ?? byKind.set(kind, []).get(kind)!).push(ms);
  matched[result.matchedBy] += 1;
}
const stallPopMs = stallMs(stall);
stall.disable();
await echoThread.terminate();
const pop = stats(popSamples);
const floor = stats(echoSamples);
log(`screen pop (lookupCaller through the lookup thread): ${show(pop)}`);
for (const [kind, samples] of byKind) log(`  ${kind.padEnd(11)} ${show(stats(samples))}`);
log(
  `  matched: exact ${matched.exact}, by last digits ${matched.suffix}, none ${matched.none}; main worst stall ${stallPopMs.toFixed(1)} ms`,
);
log(`  machine floor, a message to a thread that only answers, in turns with the lookups: ${show(floor)}`);
// The store's own share, timed on the lookup thread (StoreClient keeps the last 1,000 of each request kind).
const popOnThread = store.requestTimes().lookupCaller;
if (!popOnThread) throw new Error('no request times for lookupCaller');
log(
  `  of which on the lookup thread (the store's own work; last ${fmt(popOnThread.count)}): median ${popOnThread.onThread.p50.toFixed(3)} ms, ` +
    `p99 ${popOnThread.onThread.p99.toFixed(3)} ms, max ${popOnThread.onThread.max.toFixed(1)} ms`,
);

// ---------------------------------------------------------------------------
// 3. Search
const sampleCustomer = generator.customer(pick(7, customers));
const queries: { q: string; kind: string }[] = [];
for (const w of commonWords) queries.push({ q: w, kind: 'common word' });
for (let i = 0; i < 20; i += 1) queries.push({ q: `${commonWords[i]!} ${commonWords[(i + 1) % 20]!}`, kind: 'two common words' });
for (let i = 0; i < 20; i += 1) queries.push({ q: `${commonWords[i % 5]!} ${generator.wordAt(50 + i * 37)}`, kind: 'common + mid word' });
for (let i = 0; i < 40; i += 1) queries.push({ q: generator.wordAt(1000 + i * 97), kind: 'rare word' });
for (let i = 0; i < 20; i += 1) {
  const c = generator.customer(pick(i + 100, customers));
  queries.push({ q: i % 2 === 0 ? c.name : c.name.split(' ')[1]!, kind: 'name' });
}
for (let i = 0; i < 10; i += 1) queries.push({ q: primaryPhone(pick(i + 300, customers)).slice(-4), kind: 'last 4 digits' });
for (let i = 0; i < 10; i += 1) queries.push({ q: customerId(pick(i + 400, customers)), kind: 'customer id' });
for (let i = 0; i < 10; i += 1) queries.push({ q: caseId(pick(i + 500, cases)), kind: 'case id' });
for (let i = 0; i < 20; i += 1) queries.push({ q: commonWords[i]!.slice(0, 2), kind: 'typing (2-letter prefix)' });
// Part of a common word while typing: the prefix stands for a term in most cases (the costliest expansion).
for (const w of commonWords.filter((x) => x.length >= 6).slice(0, 10))
  queries.push({ q: w.slice(0, 4), kind: 'typing (4 letters of a common word)' });
for (const q of [
  '"router',
  'modem AND NOT',
  'NEAR(a b)',
  'bill*',
  '-refund',
  'subject:invoice',
  '(((',
  'the OR customer',
  "O'Brien",
  `${sampleCustomer.email}`,
]) {
  queries.push({ q, kind: 'FTS syntax as text' });
}
for (const { q } of queries.slice(0, 20)) await store.search(q); // warm-up
stall.reset();
stall.enable();
const searchSamples: number[] = [];
const searchByKind = new Map<string, number[]>();
let truncated = 0;
for (let round = 0; round < 3; round += 1) {
  for (const { q, kind } of queries) {
    const t = performance.now();
    const result = await store.search(q);
    const ms = performance.now() - t;
    searchSamples.push(ms);
    (searchByKind.get(kind) ?? searchByKind.set(kind, []).get(kind)!).push(ms);
    if (result.truncated) truncated += 1;
  }
}
const stallSearchMs = stallMs(stall);
stall.disable();
const search = stats(searchSamples);
log(`search (${queries.length} queries × 3, through the search thread): ${show(search)}`);
for (const [kind, samples] of searchByKind) log(`  ${kind.padEnd(36)} ${show(stats(samples))}`);
log(
  `  ${truncated} of ${searchSamples.length} answers were capped (more matches than ranked); main worst stall ${stallSearchMs.toFixed(1)} ms`,
);
const worstCommon = stats(searchByKind.get('common word')!);

// ---------------------------------------------------------------------------
// 4. A 10k-case sync batch: existing cases with a new version (status/priority/text changed)
const syncRows: PulledCase[] = [];
for (let i = 0; i < 10_000; i += 1) {
  const c = generator.case(pick(i + 9_000, cases));
  const textChanged = i % 4 === 0;
  syncRows.push({
    ...c,
    status: c.status === 'closed' ? 'open' : 'closed',
    priority: c.priority === 'P1' ? 'P2' : 'P1',
    ...(textChanged ? { description: `${c.description} ${generator.wordAt(i % 300)} follow up` } : {}),
    updatedAt: c.updatedAt + 60_000,
    version: (c.version ?? 1) + 1,
  });
}
const uniqueIds = new Set(syncRows.map((r) => r.id)).size;
store.resetRequestTimes();
stall.reset();
stall.enable();
const syncBackground = (() => {
  let running = true;
  const samples: number[] = [];
  const loop = (async () => {
    for (let i = 0; running; i += 1) {
      const t = performance.now();
      await store.lookupCaller(numbers[i % numbers.length]!.raw);
      samples.push(performance.now() - t);
      await sleep(5);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
})();
const syncStarted = performance.now();
const syncReport = await store.upsertCases(syncRows);
const syncS = (performance.now() - syncStarted) / 1000;
const popDuringSync = await syncBackground.stop();
const popSyncOnThread = store.requestTimes().lookupCaller?.onThread;
// What the batch left for the writer's next idle moment: its WAL checkpoint and the search-index merge.
const upkeepStarted = performance.now();
await store.runIdleMaintenance();
const upkeepS = (performance.now() - upkeepStarted) / 1000;
const stallSyncMs = stallMs(stall);
stall.disable();
log(
  `sync batch: ${fmt(syncRows.length)} cases (${fmt(uniqueIds)} distinct, a quarter with new text) in ${syncS.toFixed(3)} s: ` +
    `updated ${syncReport.updated}, unchanged ${syncReport.unchanged}, rejected ${syncReport.rejected.length}`,
);
log(`  left for the writer's next idle moment (checkpoint, search-index merge in ~5 ms steps): ${upkeepS.toFixed(3)} s`);
const popSync = stats(popDuringSync);
log(`  screen pops meanwhile: ${show(popSync)}; main worst stall ${stallSyncMs.toFixed(1)} ms`);
if (popSyncOnThread)
  log(
    `    of which on the lookup thread: median ${popSyncOnThread.p50.toFixed(3)} ms, p99 ${popSyncOnThread.p99.toFixed(3)} ms, max ${popSyncOnThread.max.toFixed(1)} ms`,
  );

// What the store's threads keep once the work is done: anonymous memory of this process (main's
// own heap, the threads' V8 heaps, SQLite's page caches), as the app would hold it idle afterwards.
const afterWorkAnonMb = anonymousMb();
log(
  `memory after the run, store open: ${afterWorkAnonMb.toFixed(1)} MB anonymous (this process: main, the store threads, SQLite's caches)`,
);
const threadHeaps = await store.threadMemory();
for (const [thread, heap] of Object.entries(threadHeaps))
  log(
    `  ${thread} thread's V8 heap: ${heap.heapPhysicalMb} MB held, ${heap.heapUsedMb} MB used, young generation ${heap.youngGenerationMb} MB`,
  );

await store.close();
if (!values['keep-data']) rmSync(dataDir, { recursive: true, force: true });
else log(`data kept in ${dataDir}`);

const mainStallMax = Math.max(stallIngestMs, stallPopMs, stallSearchMs, stallSyncMs);
log(`main thread worst stall over all phases: ${mainStallMax.toFixed(1)} ms (idle baseline ${idleStallMs.toFixed(1)} ms)`);
log('machine: 2 vCPU shared with other work; figures are one run');
console.log(
  JSON.stringify({
    customers,
    cases,
    screen_pop_median_ms: pop.p50,
    screen_pop_p99_ms: pop.p99,
    screen_pop_on_thread_median_ms: popOnThread.onThread.p50,
    screen_pop_on_thread_p99_ms: popOnThread.onThread.p99,
    screen_pop_during_sync_p99_ms: popSync.p99,
    screen_pop_during_sync_on_thread_p99_ms: popSyncOnThread?.p99 ?? null,
    thread_round_trip_median_ms: floor.p50,
    thread_round_trip_p99_ms: floor.p99,
    search_median_ms: search.p50,
    search_p95_ms: search.p95,
    search_p99_ms: search.p99,
    search_common_word_p95_ms: worstCommon.p95,
    search_during_ingest_p95_ms: stats(ingestSearchSamples).p95,
    sync_batch_10k_s: Number(syncS.toFixed(3)),
    sync_batch_idle_upkeep_s: Number(upkeepS.toFixed(3)),
    ingest_cases_per_s: Math.round(ingestCasesPerS),
    ingest_case_rows_per_s: Math.round(caseRowsPerS),
    ingest_total_s: Number(ingestS.toFixed(1)),
    ingest_finish_s: Number(finishS.toFixed(1)),
    ingest_search_index: values['writer-index'] ? 'writer' : 'parallel',
    pop_index_s: Number((bulk.indexMs / 1000).toFixed(1)),
    search_index_s: Number((bulk.searchIndexMs / 1000).toFixed(1)),
    search_index_merge_s: Number(mergeS.toFixed(1)),
    main_stall_max_ms: Number(mainStallMax.toFixed(1)),
    main_stall_ingest_ms: Number(stallIngestMs.toFixed(1)),
    main_stall_ingest_p999_ms: Number(stallIngestP999.toFixed(1)),
    main_busy_ingest_ms_per_page: Number((rowsElu.active / pages).toFixed(3)),
    ingest_pages: parsedPages ? 'parsed' : 'bytes',
    main_stall_lookups_ms: Number(stallPopMs.toFixed(1)),
    main_stall_search_ms: Number(stallSearchMs.toFixed(1)),
    main_stall_sync_ms: Number(stallSyncMs.toFixed(1)),
    idle_stall_max_ms: Number(idleStallMs.toFixed(1)),
    idle_stall_p999_ms: Number(idleP999Ms.toFixed(1)),
    store_threads_lowered: lowered.length,
    anonymous_mb_after_run: Number(afterWorkAnonMb.toFixed(1)),
    thread_heap_mb_after_run: Object.fromEntries(Object.entries(threadHeaps).map(([thread, heap]) => [thread, heap.heapPhysicalMb])),
    thread_young_generation_mb_after_run: Object.fromEntries(
      Object.entries(threadHeaps).map(([thread, heap]) => [thread, heap.youngGenerationMb]),
    ),
  }),
);
