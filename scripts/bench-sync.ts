/**
 * npm run bench:sync [-- --customers 200000 --cases 1000000 --drain 5000 --page-size 1000 --parsed-pages]
 *
 * 1. Initial sync: a fresh, encrypted local store pulls every customer and case
 *    from the reference server (a separate process on loopback) through the
 *    real sync service: pages fetched on main as bytes, parsed and stored on
 *    the store's writer thread (`--parsed-pages`: parsed on main and sent as
 *    rows, for comparison), search index built at the end.
 * 2. Outbox drain: `--drain` logged calls (spread over 500 cases, so each
 *    case's calls go one after another) queued while sync is stopped, then
 *    delivered; items per second from start to empty.
 * 3. The main thread's worst event-loop stall during both, and, for scale, the same measure over
 *    5 s of doing nothing first: on a shared VM the idle worst case alone can reach ~20 ms
 *    (the thread is descheduled), and that floor is printed beside the figures.
 * 4. The machine's floor for one page: a loopback HTTP request with an empty answer
 *    (scripts/lib/machine-floor.ts), beside the initial sync's wall time per page.
 *
 * The server's database is seeded once and cached in the OS temp folder.
 * Last line: one JSON object.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance as nodePerformance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { silentLogger } from '../electron/logging/logger';
import { createKeyFileSecretStore } from '../electron/secrets/secret-store';
import { StoreClient } from '../electron/store/store-client';
import { storeSyncPort } from '../electron/sync/store-ports';
import { SYNC_TOKEN_SECRET } from '../electron/sync/switchboard-sync-source';
import { SyncService } from '../electron/sync/sync-service';
import type { SyncStatus } from '../shared/sync/contract';
import type { Interaction } from '../shared/agent/records';
import { openSettings, policyReading } from '../tests/support/settings';
import { httpRoundTripFloor, ratio, showFloor } from './lib/machine-floor';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '200000' },
    cases: { type: 'string', default: '1000000' },
    drain: { type: 'string', default: '5000' },
    'page-size': { type: 'string', default: '1000' },
    /** Pages parsed on main and sent to the store as rows (the path for sources without raw pages), for comparison. */
    'parsed-pages': { type: 'boolean', default: false },
    'keep-data': { type: 'boolean', default: false },
  },
});
const customers = Number(values.customers);
const cases = Number(values.cases);
const drainItems = Number(values.drain);
const pageSize = Number(values['page-size']);
for (const [name, n] of [
  ['customers', customers],
  ['cases', cases],
  ['drain', drainItems],
  ['page-size', pageSize],
] as const) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
}

const root = path.resolve(import.meta.dirname, '..');
const TOKEN = 'bench-sync-token';
const ADMIN_TOKEN = 'bench-sync-admin-token';
const cacheDir = path.join(tmpdir(), 'switchboard-bench-sync');
mkdirSync(cacheDir, { recursive: true });
const serverDb = path.join(cacheDir, `server-${customers}-${cases}.db`);
const seeded = existsSync(serverDb);

function log(line: string): void {
  console.log(line);
}

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const args = ['--import', 'tsx', path.join(root, 'tools/sync-server/cli.ts'), '--db', serverDb, '--port', '0'];
  if (!seeded) args.push('--seed-customers', String(customers), '--seed-cases', String(cases));
  // Tokens through the environment: the server refuses them on its command line.
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SYNC_SERVER_TOKEN: TOKEN, SYNC_SERVER_ADMIN_TOKEN: ADMIN_TOKEN },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sync server exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { listening?: string };
        if (parsed.listening) resolve(parsed.listening);
      } catch {
        // not the listening line
      }
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function waitFor(
  statuses: { latest: SyncStatus | null; listeners: Set<() => void> },
  test: (s: SyncStatus) => boolean,
): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const check = () => {
      if (statuses.latest && test(statuses.latest)) {
        statuses.listeners.delete(check);
        resolve(statuses.latest);
      }
    };
    statuses.listeners.add(check);
    check();
  });
}

function call(i: number): Interaction {
  const start = 1_790_000_000_000 + i * 1000;
  return {
    id: `bench-call-${i}`,
    agentId: 'bench-agent',
    channel: 'call',
    direction: 'inbound',
    outcome: 'answered',
    number: '+14155550100',
    startedAt: start,
    answeredAt: start + 4_000,
    endedAt: start + 94_000,
    talkSeconds: 90,
    holdSeconds: 0,
    afterCallWorkSeconds: 30,
    customerId: null,
    caseId: `case-${(i % 500) + 1}`,
    sipCallId: `bench-${i}@switchboard`,
    quality: null,
  };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-bench-sync-app-'));
log(`bench:sync  ${customers.toLocaleString()} customers / ${cases.toLocaleString()} cases, drain ${drainItems.toLocaleString()} items`);
log(`server database: ${serverDb}${seeded ? ' (cached)' : ' (seeding now; cached for next time)'}`);
const seedStarted = performance.now();
const server = await startServer();
if (!seeded) log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

const secrets = createKeyFileSecretStore(dataDir);
await secrets.set(SYNC_TOKEN_SECRET, TOKEN);
const store = await StoreClient.open({ dataDir, secrets, log: silentLogger, integrityCheck: false });
const statuses = { latest: null as SyncStatus | null, listeners: new Set<() => void>() };
let indexingStartedAt: number | null = null;
const settings = openSettings(dataDir, [policyReading({}, { crmSyncUrl: server.url })]);
const newService = () =>
  new SyncService({
    store: values['parsed-pages'] ? { ...storeSyncPort(store), decodePage: undefined, storePage: undefined } : storeSyncPort(store),
    secrets,
    log: silentLogger,
    settings,
    timing: { pullIntervalMs: 3_600_000, pageSize },
    emit: (status) => {
      statuses.latest = status;
      if (status.progress?.phase === 'indexing' && indexingStartedAt === null) indexingStartedAt = performance.now();
      for (const listener of [...statuses.listeners]) listener();
    },
  });

// 0. The machine's own noise: the event loop's worst delay while this process does nothing.
const stall = monitorEventLoopDelay({ resolution: 1 });
stall.enable();
await new Promise((resolve) => setTimeout(resolve, 5_000));
const idleStallMs = stall.max / 1e6;
const idleP999Ms = stall.percentile(99.9) / 1e6;
log(`idle baseline (5 s, nothing running in this process): worst stall ${idleStallMs.toFixed(1)} ms, p99.9 ${idleP999Ms.toFixed(1)} ms`);
stall.reset();

// 1. Initial sync.
const syncStarted = performance.now();
const eluStart = nodePerformance.eventLoopUtilization();
let sync = newService();
await sync.start();
let lastPrinted = 0;
const progressLine = setInterval(() => {
  const p = statuses.latest?.progress;
  if (p && performance.now() - lastPrinted > 5000) {
    lastPrinted = performance.now();
    log(
      `  ${p.phase} ${p.done.toLocaleString()}${p.total !== null ? ` / ${p.total.toLocaleString()}` : ''}  (${((performance.now() - syncStarted) / 1000).toFixed(1)} s)`,
    );
  }
}, 1000);
await waitFor(statuses, (s) => s.lastSyncAt !== null && s.activity === 'idle');
const initialSyncS = (performance.now() - syncStarted) / 1000;
// The part of main's time that is this code's own, whatever the VM does: the pages' HTTP, hand-off to the store, status.
const syncElu = nodePerformance.eventLoopUtilization(eluStart);
const pages = Math.ceil(customers / pageSize) + Math.ceil(cases / pageSize);
clearInterval(progressLine);
const indexS = indexingStartedAt !== null ? (performance.now() - indexingStartedAt) / 1000 : null;
const counts = await store.counts();
if (counts.customers !== customers || counts.cases !== cases)
  throw new Error(`initial sync incomplete: ${counts.customers} customers, ${counts.cases} cases`);
const stallInitialMs = stall.max / 1e6;
log(
  `initial sync: ${initialSyncS.toFixed(1)} s (${Math.round(cases / initialSyncS).toLocaleString()} cases/s overall; search index ${indexS?.toFixed(1) ?? '?'} s of it)`,
);
const p999InitialMs = stall.percentile(99.9) / 1e6;
log(
  `  main thread worst stall: ${stallInitialMs.toFixed(1)} ms, p99 ${(stall.percentile(99) / 1e6).toFixed(1)} ms, p99.9 ${p999InitialMs.toFixed(1)} ms`,
);
log(
  `  main thread busy ${(syncElu.active / 1000).toFixed(2)} s of ${initialSyncS.toFixed(1)} s: ${(syncElu.active / pages).toFixed(2)} ms per page (${pages.toLocaleString()} pages)`,
);
await sync.close();

// 2. Outbox drain: work queued while offline, then sent.
for (let start = 0; start < drainItems; start += 100) {
  const batch = Array.from({ length: Math.min(100, drainItems - start) }, (_, k) => ({
    kind: 'interaction' as const,
    record: call(start + k),
  }));
  await store.commitLocal(batch);
}
const queued = (await store.outbox.counts()).pending;
stall.reset();
const drainStarted = performance.now();
sync = newService();
statuses.latest = null;
await sync.start();
await waitFor(statuses, (s) => s.outbox.waiting === 0 && s.activity === 'idle');
const drainS = (performance.now() - drainStarted) / 1000;
const drainPerS = queued / drainS;
const stallDrainMs = stall.max / 1e6;
stall.disable();
const outbox = await store.outbox.counts();
log(
  `outbox drain: ${queued.toLocaleString()} items in ${drainS.toFixed(2)} s = ${Math.round(drainPerS).toLocaleString()} items/s (sent ${outbox.sent}, parked ${outbox.parked}, conflicts ${outbox.conflict})`,
);
log(`  main thread worst stall: ${stallDrainMs.toFixed(1)} ms`);

await sync.close();
await store.close();
await server.stop();
if (!values['keep-data']) rmSync(dataDir, { recursive: true, force: true });

const httpFloor = await httpRoundTripFloor();
const pageWallMs = (initialSyncS * 1000) / pages;
log(
  `machine floor, a loopback HTTP request with an empty answer: ${showFloor(httpFloor)}; initial sync wall time per page ${pageWallMs.toFixed(1)} ms = ${ratio(pageWallMs, httpFloor.p50) ?? '?'} × its p50`,
);
log('machine: 2 vCPU shared with other work; figures are one run');
console.log(
  JSON.stringify({
    customers,
    cases,
    initial_sync_s: Number(initialSyncS.toFixed(2)),
    initial_sync_cases_per_s: Math.round(cases / initialSyncS),
    search_index_s: indexS === null ? null : Number(indexS.toFixed(2)),
    outbox_drain_items: queued,
    outbox_drain_per_s: Math.round(drainPerS),
    main_stall_max_ms: Number(Math.max(stallInitialMs, stallDrainMs).toFixed(1)),
    main_stall_initial_sync_ms: Number(stallInitialMs.toFixed(1)),
    main_stall_drain_ms: Number(stallDrainMs.toFixed(1)),
    main_stall_p999_initial_sync_ms: Number(p999InitialMs.toFixed(1)),
    main_busy_initial_sync_ms_per_page: Number((syncElu.active / pages).toFixed(3)),
    idle_stall_max_ms: Number(idleStallMs.toFixed(1)),
    idle_stall_p999_ms: Number(idleP999Ms.toFixed(1)),
    initial_sync_wall_ms_per_page: Number(pageWallMs.toFixed(2)),
    floor_http_round_trip_p50_ms: httpFloor.p50,
    floor_http_round_trip_p99_ms: httpFloor.p99,
    initial_sync_page_x_floor: ratio(pageWallMs, httpFloor.p50),
  }),
);
