// Soak: many consecutive agent calls end to end, watching memory, stuck states and the records
// that reach the CRM. The built web shell (its Node process is "main": telephony, agent desk,
// store, sync) with its renderer in Debian's Chromium, a real kamailio (digest auth), werift
// callers whose numbers belong to customers on the reference sync server, and that server itself.
// Every call goes through the agent workflow the way an agent works it in the window (Playwright):
// the customer pops while it rings; Answer, Hold, Resume and Hang up are clicked by role and name
// (the caller hangs up on every other call instead); the wrap-up is coded by keyboard as the e2e
// spec does (type, 1 picks, Tab, a note, Ctrl+Enter); then the agent must be Ready with no call
// left within a bounded wait.
//
// Measured: RSS of main (the web shell's Node process, dist/web-shell/host.cjs) and of the page's
// Chromium renderer, sampled every N calls after a forced full GC (HeapProfiler.collectGarbage in
// main and its worker threads through main's inspector, in the renderer through CDP; RSS is the
// least of three reads 150 ms apart), idle after start-up, growth from call 100 to the last call
// and the trend over all samples from call 100 on; stuck states; lost or duplicated records (each call's
// interaction and wrap-up on the server exactly once, the app's outbox empty, nothing parked);
// screen pop (the INVITE kamailio forwards leaves the caller → the customer's card is in the DOM),
// p95 over the first and the last 100 calls. Builds dist/ first when it is missing or older than
// the sources. Run it inside a loopback-only network namespace (npm run bench:soak does). One line
// per figure, then one JSON object as the last line.
//
//   npm run bench:soak                      # 1,000 calls
//   npm run bench:soak -- --calls 50        # a quick try
//   options: --calls N (or CALLS), --sample-every N, --callers N, --talk-ms N, --customers N,
//            --heap-snapshots DIR: main's and the renderer's heap at the baseline call and at the end,
//            to find what grew (a snapshot costs main tens of MB of RSS: not for the figures)
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { SessionState } from 'sip.js';
import { WebSocket } from 'ws';
import { launchChromium } from '../tests/lab/app';
import { FarEnd, type FarEndCall } from '../tests/lab/far-end';
import { Kamailio } from '../tests/lab/kamailio';
import { openShellStore } from '../tests/support/shell-store';
import { requireChromium, requireKamailio } from '../tests/support/system-deps';
import { ensureBuild } from './lib/ensure-build';
import { startWebShell, type RunningWebShell } from '../tests/support/web-shell';
import { seedDatabase } from '../tools/sync-server/seed';
import { httpRoundTripFloor, showFloor } from './lib/machine-floor';
import { startSyncServer, type SyncServer } from '../tools/sync-server/server';

// ---------------------------------------------------------------- options

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string' },
    'sample-every': { type: 'string' },
    callers: { type: 'string' },
    'talk-ms': { type: 'string' },
    customers: { type: 'string' },
    'heap-snapshots': { type: 'string' },
  },
  strict: true,
});

function whole(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`bench:soak: --${name} must be a whole number ≥ ${min}`);
    process.exit(2);
  }
  return n;
}

const CALLS = whole('calls', args.calls ?? process.env.CALLS, 1000, 1);
const SAMPLE_EVERY = whole('sample-every', args['sample-every'], CALLS >= 500 ? 50 : Math.max(1, Math.round(CALLS / 10)), 1);
const CALLERS = whole('callers', args.callers, 10, 1);
const TALK_MS = whole('talk-ms', args['talk-ms'], 300, 0);
const SEED_CUSTOMERS = whole('customers', args.customers, 5000, 0);
/** A folder for heap snapshots of main and the renderer at the baseline call and at the end (to find what grew). */
const SNAPSHOT_DIR = args['heap-snapshots'] ? path.resolve(args['heap-snapshots']) : null;
/** The call after which growth is measured from: call 100, or a tenth of a shorter run. */
const BASELINE_CALL = CALLS >= 200 ? 100 : Math.max(1, Math.round(CALLS / 10));
/** Screen pop is compared over the first and the last this many calls. */
const POP_WINDOW = Math.min(100, Math.max(1, Math.floor(CALLS / 2)));

const AGENT = '1001';
const SYNC_TOKEN = 'soak-sync-token-0001';
const SYNC_ADMIN_TOKEN = 'soak-admin-token-0001';
const STEP_MS = 10_000;
/** After each call the agent must be Ready with no call left within this long. */
const SETTLE_MS = 5_000;

/** No-note codes, rotated: [what the agent types, the label it picks, the code stored]. */
const WRAP_UP_CODES = [
  ['bill', 'Bill explained', 'BILL-EXPLAINED'],
  ['order status', 'Order status given', 'ORDER-STATUS'],
  ['general enquiry', 'General enquiry answered', 'GENERAL-ANSWERED'],
  ['payment taken', 'Payment taken', 'PAY-TAKEN'],
] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Least-squares slope of y over x (per unit of x), or null with fewer than 3 points. */
function slope(points: [number, number][]): number | null {
  if (points.length < 3) return null;
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  return sxx === 0 ? null : sxy / sxx;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? NaN) * 10) / 10;
}

const mb = (kb: number | null): string => (kb === null ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`);
const pct = (from: number | null, to: number | null): number | null =>
  from === null || to === null || from === 0 ? null : Math.round(((to - from) / from) * 1000) / 10;

// ---------------------------------------------------------------- the build

// ---------------------------------------------------------------- processes and memory

function readProc(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

/** A `Name:   123 kB` line of /proc/<pid>/status or smaps_rollup, in kB. */
function procKb(pid: number, file: 'status' | 'smaps_rollup', field: string): number | null {
  const text = readProc(pid, file);
  const match = text === null ? null : new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}

function parentOf(pid: number): number | null {
  const stat = readProc(pid, 'stat');
  if (stat === null) return null;
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** utime + stime of a process, in clock ticks. */
function cpuTicks(pid: number): number {
  const stat = readProc(pid, 'stat');
  if (stat === null) return 0;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Chromium renderer processes started by this process (Playwright's browser is our child). */
function rendererPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (!(readProc(pid, 'cmdline') ?? '').includes('--type=renderer')) continue;
    for (let p: number | null = parentOf(pid), depth = 0; p !== null && p > 1 && depth < 6; p = parentOf(p), depth += 1) {
      if (p === process.pid) {
        pids.push(pid);
        break;
      }
    }
  }
  return pids;
}

/**
 * The renderer that runs the app's page: Chromium keeps others (a spare, about:blank), so the page
 * spins for 400 ms and the renderer whose CPU time moved is the one.
 */
async function pageRendererPid(page: Page): Promise<number> {
  const pids = rendererPids();
  const before = new Map(pids.map((pid) => [pid, cpuTicks(pid)]));
  await page.evaluate('(() => { const end = Date.now() + 400; while (Date.now() < end) { /* spin */ } })()');
  let best: { pid: number; delta: number } | null = null;
  for (const pid of pids) {
    const delta = cpuTicks(pid) - (before.get(pid) ?? 0);
    if (!best || delta > best.delta) best = { pid, delta };
  }
  if (!best || best.delta < 10) throw new Error(`could not tell the page's renderer among ${pids.length} renderer processes`);
  return best.pid;
}

/**
 * A Chrome DevTools Protocol client for main's inspector (node --inspect), with main's worker
 * threads (the store's writer, readers and indexer) reached through the NodeWorker domain.
 */
class InspectorClient {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** Worker sessions by id, with their titles. */
  readonly workers = new Map<string, string>();
  /** Notifications (messages without an id) other than the NodeWorker ones go here. */
  onEvent: (method: string, params: Record<string, unknown>) => void = () => undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        id?: number;
        method?: string;
        params?: Record<string, unknown>;
        result?: unknown;
        error?: { message: string };
      };
      if (message.id === undefined) {
        if (message.method) this.event(message.method, message.params ?? {});
        return;
      }
      this.settle(message);
    });
  }

  private settle(message: { id?: number; result?: unknown; error?: { message: string } }): void {
    const waiter = message.id === undefined ? undefined : this.waiting.get(message.id);
    if (!waiter || message.id === undefined) return;
    this.waiting.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  }

  private event(method: string, params: Record<string, unknown>): void {
    if (method === 'NodeWorker.attachedToWorker') {
      const info = params.workerInfo as { title?: string } | undefined;
      this.workers.set(String(params.sessionId), info?.title ?? 'worker');
    } else if (method === 'NodeWorker.detachedFromWorker') {
      this.workers.delete(String(params.sessionId));
    } else if (method === 'NodeWorker.receivedMessageFromWorker') {
      this.settle(JSON.parse(String(params.message)) as { id?: number });
    } else {
      this.onEvent(method, params);
    }
  }

  static async connect(url: string): Promise<InspectorClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const client = new InspectorClient(ws);
    await client.send('NodeWorker.enable', { waitForDebuggerOnStart: false });
    return client;
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: (v) => resolve(v as T), reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** `method` in every worker thread of main; answers in worker order. */
  async sendToWorkers<T>(method: string): Promise<T[]> {
    const results: T[] = [];
    for (const sessionId of this.workers.keys()) {
      const id = this.nextId++;
      const answered = new Promise<T>((resolve, reject) => this.waiting.set(id, { resolve: (v) => resolve(v as T), reject }));
      await this.send('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id, method }) });
      results.push(await within(answered, `${method} in a worker of main`));
    }
    return results;
  }

  close(): void {
    this.ws.close();
  }
}

interface Sample {
  call: number;
  at: number;
  mainRssKb: number | null;
  mainHeapUsedKb: number;
  /** JS heaps of main's worker threads together, and how many there are. */
  workerHeapUsedKb: number;
  workers: number;
  rendererRssKb: number | null;
  rendererPssKb: number | null;
  rendererHeapUsedKb: number;
  domNodes: number;
  /** Nodes in the document itself (the rest of domNodes is detached, kept alive by something). */
  attachedNodes: number;
  jsEventListeners: number;
}

// ---------------------------------------------------------------- the page

/** Runs in the page as source text (tsx's helpers must not leak into it): remembers when the newest customer card appeared. */
const WATCH_POPS = `(() => {
  if (window.__soakPopWatch) return;
  window.__soakPopWatch = true;
  window.__soakLastPop = null;
  const check = () => {
    const card = document.querySelector('[aria-label="Customer"] [data-pop-received-at]');
    const at = card && card.getAttribute('data-pop-received-at');
    if (!at || (window.__soakLastPop && window.__soakLastPop.receivedAt === at)) return;
    const name = card.querySelector('h3');
    window.__soakLastPop = { receivedAt: at, seenAt: Date.now(), name: name ? name.textContent : '' };
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-pop-received-at'] });
  check();
})()`;

interface SeenPop {
  receivedAt: string;
  seenAt: number;
  name: string;
}

async function waitForPop(page: Page, previous: string | null, name: string): Promise<SeenPop> {
  const deadline = Date.now() + STEP_MS;
  while (Date.now() < deadline) {
    const pop = await page.evaluate<SeenPop | null>('window.__soakLastPop');
    if (pop && pop.receivedAt !== previous && pop.name === name) return pop;
    await sleep(10);
  }
  throw new Error(`no screen pop for ${name} within ${STEP_MS} ms`);
}

/** Nodes in the page's document (as source text, see WATCH_POPS). */
const COUNT_NODES = `(() => { let n = 1; const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL); while (walker.nextNode()) n += 1; return n; })()`;

// ---------------------------------------------------------------- callers

interface Caller {
  far: FarEnd;
  customerId: string;
  caseId: string;
  name: string;
  /** Date.now() when this caller's UA last sent an INVITE (the challenged one, then the one kamailio forwards). */
  lastInviteAt: number;
}

async function startCaller(kamailio: Kamailio, k: number): Promise<Caller> {
  const user = `41555501${String(k).padStart(2, '0')}`;
  const far = new FarEnd({ user, server: kamailio.url, displayName: `Soak caller ${k}` });
  const caller: Caller = { far, customerId: `soak-cust-${k}`, caseId: `soak-case-${k}`, name: `Soak Customer ${k}`, lastInviteAt: 0 };
  await far.start();
  const transport = far.ua.transport as unknown as { send(message: string): Promise<void> };
  const send = transport.send.bind(transport);
  transport.send = (message: string) => {
    if (message.startsWith('INVITE ')) caller.lastInviteAt = Date.now();
    return send(message);
  };
  return caller;
}

async function postChange(server: SyncServer, key: string, change: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${server.url}/v1/changes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SYNC_TOKEN}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ createdAt: Date.now(), expectedVersion: null, ...change }),
  });
  if (res.status !== 200) throw new Error(`seeding ${key}: HTTP ${res.status} ${await res.text()}`);
}

// ---------------------------------------------------------------- the run

interface CallRecord {
  index: number;
  startedAt: number;
  endedAt: number;
  code: string;
  notes: string;
  popMs: number | null;
  mainPopMs: number | null;
  failed: string | null;
  /** ms per phase of the call, as the bench drove it. */
  phases: Partial<Record<Phase, number>>;
}

const PHASES = ['ring', 'answer', 'talk', 'hold', 'hangup', 'wrapup', 'settle'] as const;
type Phase = (typeof PHASES)[number];

/** `promise`, or a failure naming `what` after STEP_MS. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${STEP_MS} ms waiting for ${what}`)), STEP_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const kamailioDep = requireKamailio();
  const chromiumDep = requireChromium();
  if (!kamailioDep.available || !chromiumDep.available) {
    console.error('bench:soak needs kamailio and Chromium (see README).');
    process.exit(1);
  }
  if (process.env.SWITCHBOARD_IN_NETNS !== '1') console.warn('note: not in a network namespace; figures include the host network stack.');
  ensureBuild('bench:soak');

  const serverDir = mkdtempSync(path.join(tmpdir(), 'sb-bench-soak-server-'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-bench-soak-app-'));
  const kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  let server: SyncServer | null = null;
  let shell: RunningWebShell | null = null;
  let browser: Browser | null = null;
  let inspector: InspectorClient | null = null;
  const callers: Caller[] = [];
  try {
    // ---- The CRM: seeded customers and cases, and one customer (with an open case) per caller number.
    server = await startSyncServer({ dbFile: path.join(serverDir, 'server.db'), token: SYNC_TOKEN, adminToken: SYNC_ADMIN_TOKEN });
    if (SEED_CUSTOMERS > 0) seedDatabase(server.database, { customers: SEED_CUSTOMERS, cases: SEED_CUSTOMERS * 5, seed: 5 });
    for (let k = 0; k < CALLERS; k += 1) {
      const id = `soak-cust-${k}`;
      await postChange(server, `soak-seed-customer-${k}`, {
        entityKind: 'customer',
        entityId: id,
        operation: 'create',
        orderingKey: id,
        payload: { name: `Soak Customer ${k}`, phones: [{ number: `+141555501${String(k).padStart(2, '0')}`, label: 'mobile' }] },
      });
      await postChange(server, `soak-seed-case-${k}`, {
        entityKind: 'case',
        entityId: `soak-case-${k}`,
        operation: 'create',
        orderingKey: id,
        payload: { customerId: id, subject: `Soak case ${k}`, priority: 'P2' },
      });
    }

    await kamailio.start();
    // main's inspector, on a free loopback port: the bench forces a full GC there before each sample.
    shell = await startWebShell({ dataDir, env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:0`.trim() } });
    const mainPid = shell.process.pid;
    if (mainPid === undefined) throw new Error('the web shell has no pid');
    const inspectorUrl = /Debugger listening on (ws:\/\/\S+)/.exec(shell.log())?.[1];
    if (!inspectorUrl) throw new Error('main did not print its inspector address');
    inspector = await InspectorClient.connect(inspectorUrl);

    browser = await launchChromium(chromiumDep.path);
    const context = await browser.newContext({ permissions: ['microphone'] });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /^Uncaught\b/.test(message.text())) pageErrors.push(message.text());
    });
    page.on('dialog', (dialog) => void dialog.dismiss());
    const startedUp = Date.now();
    await page.goto(await shell.launchUrl());
    await page.getByRole('status', { name: 'Connection' }).filter({ hasText: 'Connected' }).waitFor({ timeout: 30_000 });

    // ---- First start, as an agent sets it up: the phone account, then the sync server.
    const phone = page.getByRole('region', { name: 'Phone' });
    await phone.getByRole('button', { name: 'Phone settings' }).click();
    const phoneSettings = page.getByRole('dialog', { name: 'Phone settings' });
    await phoneSettings.getByRole('textbox', { name: 'SIP server (WSS URL)' }).fill(kamailio.url);
    await phoneSettings.getByRole('textbox', { name: 'SIP domain' }).fill('127.0.0.1');
    await phoneSettings.getByRole('textbox', { name: 'Username' }).fill(AGENT);
    await phoneSettings.getByLabel('Password', { exact: true }).fill(`secret-${AGENT}`);
    await phoneSettings.getByRole('button', { name: 'Save', exact: true }).click();
    await phone.getByRole('status').first().filter({ hasText: 'Registered' }).waitFor({ timeout: STEP_MS });

    const strip = page.getByRole('region', { name: 'Sync' });
    await strip.getByRole('button', { name: 'Sync settings' }).click();
    const syncSettings = page.getByRole('dialog', { name: 'Sync settings' });
    await syncSettings.getByRole('textbox', { name: 'Sync server URL' }).fill(server.url);
    await syncSettings.getByLabel('Access token').fill(SYNC_TOKEN);
    await syncSettings.getByRole('button', { name: 'Connect' }).click();
    await syncSettings.waitFor({ state: 'hidden', timeout: STEP_MS });
    await strip
      .getByRole('status')
      .filter({ hasText: /^Online$/ })
      .waitFor({ timeout: 60_000 });
    await strip.locator('progress').waitFor({ state: 'detached', timeout: 300_000 });
    await strip.getByText(/^Last sync /).waitFor({ timeout: 60_000 });

    const agentStatus = page.getByRole('region', { name: 'Agent state' }).getByRole('status', { name: 'Agent status' });
    await agentStatus.filter({ hasText: /^Ready$/ }).waitFor({ timeout: STEP_MS });
    for (let k = 0; k < CALLERS; k += 1) callers.push(await startCaller(kamailio, k));
    await page.evaluate(WATCH_POPS);
    const setupMs = Date.now() - startedUp;

    const rendererPid = await pageRendererPid(page);
    const cdp: CDPSession = await context.newCDPSession(page);
    const samples: Sample[] = [];
    /** Heap snapshots of main and the renderer (after the sample's GC), for --heap-snapshots. */
    const writeSnapshots = async (call: number): Promise<void> => {
      if (!SNAPSHOT_DIR) return;
      mkdirSync(SNAPSHOT_DIR, { recursive: true });
      const mainChunks: string[] = [];
      inspector!.onEvent = (method, params) => {
        if (method === 'HeapProfiler.addHeapSnapshotChunk') mainChunks.push(String(params.chunk));
      };
      await inspector!.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      inspector!.onEvent = () => undefined;
      writeFileSync(path.join(SNAPSHOT_DIR, `main-call-${call}.heapsnapshot`), mainChunks.join(''));
      const rendererChunks: string[] = [];
      const onChunk = (event: { chunk: string }) => rendererChunks.push(event.chunk);
      cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
      await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
      writeFileSync(path.join(SNAPSHOT_DIR, `renderer-call-${call}.heapsnapshot`), rendererChunks.join(''));
      console.log(`heap snapshots after call ${call} written to ${SNAPSHOT_DIR}`);
    };
    const takeSample = async (call: number): Promise<Sample> => {
      await inspector!.send('HeapProfiler.collectGarbage');
      const workerHeaps = await inspector!
        .sendToWorkers<unknown>('HeapProfiler.collectGarbage')
        .then(() => inspector!.sendToWorkers<{ usedSize: number }>('Runtime.getHeapUsage'));
      await cdp.send('HeapProfiler.collectGarbage');
      // RSS: the least of three reads 150 ms apart once the GCs are done (a store write or a sync
      // push in flight lifts one read; what stays is what is kept).
      await sleep(300);
      const rss = async (pid: number, file: 'status' | 'smaps_rollup', field: string): Promise<number | null> => {
        const reads: number[] = [];
        for (let k = 0; k < 3; k += 1) {
          if (k > 0) await sleep(150);
          const kb = procKb(pid, file, field);
          if (kb !== null) reads.push(kb);
        }
        return reads.length === 0 ? null : Math.min(...reads);
      };
      const [mainRssKb, rendererRssKb, rendererPssKb] = [
        await rss(mainPid, 'status', 'VmRSS'),
        await rss(rendererPid, 'status', 'VmRSS'),
        await rss(rendererPid, 'smaps_rollup', 'Pss'),
      ];
      const mainHeap = await inspector!.send<{ usedSize: number }>('Runtime.getHeapUsage');
      const rendererHeap = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      const attachedNodes = await page.evaluate<number>(COUNT_NODES);
      const sample: Sample = {
        call,
        at: Date.now(),
        mainRssKb,
        mainHeapUsedKb: Math.round(mainHeap.usedSize / 1024),
        workerHeapUsedKb: Math.round(workerHeaps.reduce((sum, h) => sum + h.usedSize, 0) / 1024),
        workers: workerHeaps.length,
        rendererRssKb,
        rendererPssKb,
        rendererHeapUsedKb: Math.round(rendererHeap.usedSize / 1024),
        domNodes: dom.nodes,
        attachedNodes,
        jsEventListeners: dom.jsEventListeners,
      };
      samples.push(sample);
      if (call === BASELINE_CALL || call === CALLS) await writeSnapshots(call);
      return sample;
    };

    // Idle after start-up: registered, synced, Ready, nothing happening for a few seconds.
    await sleep(3_000);
    const idle = await takeSample(0);
    console.log(
      `soak: ${CALLS} calls through the web shell (driven in the window: call controls by role and name, wrap-up by keyboard), ${CALLERS} callers, talk ${TALK_MS} ms; main pid ${mainPid}, renderer pid ${rendererPid} (of ${rendererPids().length} renderers)`,
    );
    console.log(
      `set-up (page load, phone and sync settings, first download of ${SEED_CUSTOMERS + CALLERS} customers) ${(setupMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `idle after start-up (after forced GC): main RSS ${mb(idle.mainRssKb)} (JS heap ${mb(idle.mainHeapUsedKb)}), renderer RSS ${mb(idle.rendererRssKb)} (PSS ${mb(idle.rendererPssKb)}, JS heap ${mb(idle.rendererHeapUsedKb)}, ${idle.domNodes} DOM nodes)`,
    );

    const wrapUp = page.getByRole('region', { name: 'Wrap-up' });
    const liveCalls = phone.getByRole('group', { name: /^(Incoming call|Call waiting|Call with )/ });
    const records: CallRecord[] = [];
    const stuck: { call: number; state: string }[] = [];
    const failures: { call: number; error: string }[] = [];
    let previousPop: string | null = null;

    const describeState = async (): Promise<string> => {
      const status = (await agentStatus.textContent().catch(() => null)) ?? '?';
      const calls = await liveCalls.count();
      const wraps = await wrapUp.count();
      return `agent "${status}", ${calls} call(s) on the phone, ${wraps} wrap-up(s) open`;
    };
    const isSettled = async (): Promise<boolean> =>
      (await agentStatus.textContent().catch(() => null)) === 'Ready' && (await liveCalls.count()) === 0 && (await wrapUp.count()) === 0;

    /** The wrap-up by keyboard, as an agent codes it: the picker has the focus; type, 1 picks, Tab to Notes, Ctrl+Enter submits. */
    const codeWrapUp = async (code: (typeof WRAP_UP_CODES)[number], notes: string): Promise<void> => {
      const picker = wrapUp.getByRole('combobox', { name: 'Wrap-up code' });
      await picker.focus({ timeout: STEP_MS });
      await page.keyboard.insertText(code[0]);
      await page.keyboard.press('1');
      await wrapUp.getByText(`Chosen: ${code[1]}`, { exact: true }).waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Tab');
      await page.keyboard.insertText(notes);
      await page.keyboard.press('Control+Enter');
      await wrapUp.waitFor({ state: 'detached', timeout: STEP_MS });
    };

    /** After a failed call: end whatever is left on both sides, code any open wrap-up, back to Ready. */
    const recover = async (index: number): Promise<void> => {
      for (const caller of callers)
        for (const call of caller.far.calls) if (call.state !== SessionState.Terminated) await call.hangup().catch(() => undefined);
      for (let attempt = 0; attempt < 5 && !(await isSettled()); attempt += 1) {
        for (const name of ['Hang up', 'Decline']) {
          const button = phone.getByRole('button', { name, exact: true });
          if ((await button.count()) > 0)
            await button
              .first()
              .click({ timeout: 2_000 })
              .catch(() => undefined);
        }
        if ((await wrapUp.count()) > 0) await codeWrapUp(WRAP_UP_CODES[0], `soak recovery after call ${index + 1}`).catch(() => undefined);
        if ((await agentStatus.textContent().catch(() => null)) !== 'Ready') {
          await page
            .getByRole('group', { name: 'Set agent state' })
            .getByRole('button', { name: 'Ready', exact: true })
            .click({ timeout: 2_000 })
            .catch(() => undefined);
        }
        await sleep(500);
      }
    };

    const runStarted = Date.now();
    const loadAtStart = loadavg()[0]!;
    for (let i = 0; i < CALLS; i += 1) {
      const caller = callers[i % callers.length]!;
      const code = WRAP_UP_CODES[i % WRAP_UP_CODES.length]!;
      const notes = `soak call ${i + 1}`;
      const record: CallRecord = {
        index: i,
        startedAt: Date.now(),
        endedAt: 0,
        code: code[2],
        notes,
        popMs: null,
        mainPopMs: null,
        failed: null,
        phases: {},
      };
      records.push(record);
      let far: FarEndCall | null = null;
      try {
        let mark = Date.now();
        const phase = (name: Phase): void => {
          const now = Date.now();
          record.phases[name] = now - mark;
          mark = now;
        };
        far = await caller.far.call(AGENT);
        const pop = await waitForPop(page, previousPop, caller.name);
        previousPop = pop.receivedAt;
        record.popMs = pop.seenAt - caller.lastInviteAt;
        record.mainPopMs = pop.seenAt - Number(pop.receivedAt);
        phase('ring');
        await phone
          .getByRole('group', { name: 'Incoming call' })
          .getByRole('button', { name: 'Answer', exact: true })
          .click({ timeout: STEP_MS });
        await within(far.established, 'the caller to hear the answer');
        await agentStatus.filter({ hasText: /^On call$/ }).waitFor({ timeout: STEP_MS });
        phase('answer');
        await sleep(TALK_MS);
        phase('talk');
        const hold = phone.getByRole('button', { name: 'Hold', exact: true });
        const resume = phone.getByRole('button', { name: 'Resume', exact: true });
        await hold.click({ timeout: STEP_MS });
        await resume.click({ timeout: STEP_MS });
        await hold.and(page.locator(':enabled')).waitFor({ timeout: STEP_MS });
        phase('hold');
        if (i % 2 === 0) await phone.getByRole('button', { name: 'Hang up', exact: true }).click({ timeout: STEP_MS });
        else await far.hangup();
        await within(far.terminated, 'the call to end at the caller');
        phase('hangup');
        await codeWrapUp(code, notes);
        phase('wrapup');
      } catch (error) {
        record.failed = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        failures.push({ call: i + 1, error: record.failed });
        console.warn(`call ${i + 1}: ${record.failed} (${await describeState()})`);
      }
      // Stuck: the agent must be Ready with no call and no wrap-up left, within a bounded wait.
      const settleStarted = Date.now();
      const deadline = Date.now() + SETTLE_MS;
      let settled = await isSettled();
      while (!settled && Date.now() < deadline) {
        await sleep(50);
        settled = await isSettled();
      }
      if (!settled) {
        const state = await describeState();
        stuck.push({ call: i + 1, state });
        console.warn(`call ${i + 1}: stuck after ${SETTLE_MS} ms: ${state}`);
        await recover(i);
      } else if (record.failed) {
        await recover(i);
      }
      if (!record.failed) record.phases.settle = Date.now() - settleStarted;
      record.endedAt = Date.now();
      caller.far.calls.splice(0, caller.far.calls.length);

      const done = i + 1;
      if (done % SAMPLE_EVERY === 0 || done === BASELINE_CALL || done === CALLS) {
        const s = await takeSample(done);
        const pops = records
          .slice(-SAMPLE_EVERY)
          .map((r) => r.popMs)
          .filter((v): v is number => v !== null);
        const rate = (Date.now() - runStarted) / done;
        console.log(
          `call ${String(done).padStart(5)}  main RSS ${mb(s.mainRssKb).padStart(9)} heap ${mb(s.mainHeapUsedKb).padStart(8)} +${s.workers} workers ${mb(s.workerHeapUsedKb)}   renderer RSS ${mb(s.rendererRssKb).padStart(9)} PSS ${mb(s.rendererPssKb).padStart(9)} heap ${mb(s.rendererHeapUsedKb).padStart(8)} DOM ${s.domNodes} (in document ${s.attachedNodes})   pop p95 ${percentile(pops, 95)} ms   ${(rate / 1000).toFixed(2)} s/call   stuck ${stuck.length} failed ${failures.length}`,
        );
      }
    }
    const runMs = Date.now() - runStarted;
    const loadAtEnd = loadavg()[0]!;

    // ---- Records: the outbox drains, then every call's interaction and wrap-up is on the server exactly once.
    const drainStarted = Date.now();
    const drained = await strip
      .getByLabel('0 items waiting to be sent', { exact: true })
      .waitFor({ timeout: 120_000 })
      .then(
        () => true,
        () => false,
      );
    const drainMs = Date.now() - drainStarted;
    const parkedShown = await strip.getByRole('button', { name: /refused by the server/ }).count();
    const uncaught = [...pageErrors];

    await cdp.detach().catch(() => undefined);
    inspector.close();
    inspector = null;
    await browser.close();
    browser = null;
    await shell.stop();
    shell = null;

    const store = await openShellStore(dataDir);
    let outbox;
    let localIds: Set<string>;
    try {
      outbox = await store.outbox.counts();
      localIds = new Set((await store.listInteractions({ limit: 10_000 })).map((r) => r.id));
    } finally {
      await store.close();
    }

    const db = server.database.db;
    type RecordRow = { kind: string; id: string; version: number; body: string };
    const rows = db.prepare<[], RecordRow>(`SELECT kind, id, version, body FROM records WHERE kind IN ('interaction', 'wrap-up')`).all();
    const applied = db
      .prepare<[], { entity_kind: string; entity_id: string; operation: string; n: number }>(
        `SELECT entity_kind, entity_id, operation, count(*) AS n FROM changes WHERE entity_kind IN ('interaction', 'wrap-up') GROUP BY entity_kind, entity_id, operation`,
      )
      .all();
    const adminStats = (await (
      await fetch(`${server.url}/admin/stats`, { headers: { authorization: `Bearer ${SYNC_ADMIN_TOKEN}` } })
    ).json()) as { counts: { replays: number } };

    // Each interaction belongs to the call whose window [its INVITE, the next call's INVITE) holds its start.
    const interactions = rows
      .filter((r) => r.kind === 'interaction')
      .map((r) => ({ id: r.id, body: JSON.parse(r.body) as { startedAt: number; outcome: string; customerId: string | null } }));
    const wrapUps = new Map(
      rows
        .filter((r) => r.kind === 'wrap-up')
        .map((r) => [r.id, JSON.parse(r.body) as { state: string; code: string | null; notes: string }]),
    );
    const perCall = records.map(() => [] as string[]);
    let unmatched = 0;
    for (const row of interactions) {
      let index = -1;
      for (let i = records.length - 1; i >= 0; i -= 1) {
        if (row.body.startedAt >= records[i]!.startedAt) {
          index = i;
          break;
        }
      }
      if (index < 0 || row.body.startedAt > (records[index]!.endedAt || Infinity)) unmatched += 1;
      else perCall[index]!.push(row.id);
    }
    const lost: number[] = [];
    const duplicated: number[] = [];
    const wrongWrapUp: number[] = [];
    perCall.forEach((ids, i) => {
      const call = records[i]!;
      if (ids.length === 0) {
        lost.push(i + 1);
        return;
      }
      if (ids.length > 1) duplicated.push(i + 1);
      const wrap = wrapUps.get(ids[0]!);
      if (!wrap) lost.push(i + 1);
      else if (!call.failed && (wrap.state !== 'submitted' || wrap.code !== call.code || wrap.notes !== call.notes))
        wrongWrapUp.push(i + 1);
    });
    const submitTwice = applied.filter((a) => a.entity_kind === 'wrap-up' && a.operation === 'submit' && a.n > 1).length;
    const serverIds = new Set(interactions.map((r) => r.id));
    const localNotOnServer = [...localIds].filter((id) => !serverIds.has(id)).length;
    const wrapUpsWithoutCall = [...wrapUps.keys()].filter((id) => !serverIds.has(id)).length;
    const duplicatedTotal = duplicated.length + submitTwice + unmatched;

    // ---- Figures.
    const atBaseline = samples.find((s) => s.call === BASELINE_CALL) ?? null;
    const atEnd = samples.find((s) => s.call === CALLS) ?? null;
    const popFirst = records
      .slice(0, POP_WINDOW)
      .map((r) => r.popMs)
      .filter((v): v is number => v !== null);
    const popLast = records
      .slice(-POP_WINDOW)
      .map((r) => r.popMs)
      .filter((v): v is number => v !== null);
    const mainPopFirst = records
      .slice(0, POP_WINDOW)
      .map((r) => r.mainPopMs)
      .filter((v): v is number => v !== null);
    const mainPopLast = records
      .slice(-POP_WINDOW)
      .map((r) => r.mainPopMs)
      .filter((v): v is number => v !== null);
    const mainGrowth = pct(atBaseline?.mainRssKb ?? null, atEnd?.mainRssKb ?? null);
    const rendererGrowth = pct(atBaseline?.rendererRssKb ?? null, atEnd?.rendererRssKb ?? null);
    const rendererPssGrowth = pct(atBaseline?.rendererPssKb ?? null, atEnd?.rendererPssKb ?? null);
    const mainHeapGrowth = pct(atBaseline?.mainHeapUsedKb ?? null, atEnd?.mainHeapUsedKb ?? null);
    const rendererHeapGrowth = pct(atBaseline?.rendererHeapUsedKb ?? null, atEnd?.rendererHeapUsedKb ?? null);
    const lostTotal = lost.length + localNotOnServer;
    // The trend over every sample from the baseline on, in MB per 1,000 calls: one sample can be noise, a slope over many is not.
    const trend = (pick: (s: Sample) => number | null): number | null => {
      const points = samples
        .filter((s) => s.call >= BASELINE_CALL)
        .map((s) => [s.call, pick(s)] as [number, number | null])
        .filter((p): p is [number, number] => p[1] !== null);
      const kbPerCall = slope(points);
      return kbPerCall === null ? null : Math.round((kbPerCall * 1000) / 102.4) / 10;
    };
    const mainTrend = trend((s) => s.mainRssKb);
    const rendererTrend = trend((s) => s.rendererRssKb);
    const mainHeapTrend = trend((s) => s.mainHeapUsedKb + s.workerHeapUsedKb);
    const rendererHeapTrend = trend((s) => s.rendererHeapUsedKb);

    console.log('');
    console.log(
      `duration: ${CALLS} calls in ${(runMs / 1000 / 60).toFixed(1)} min (${(runMs / CALLS / 1000).toFixed(2)} s per call: ring, pop, answer, ${TALK_MS} ms talk, hold, resume, hang-up, wrap-up, Ready)`,
    );
    const phaseMeans = Object.fromEntries(
      PHASES.map((name) => {
        const values = records.map((r) => r.phases[name]).filter((v): v is number => v !== undefined);
        return [name, values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length)];
      }),
    ) as Record<Phase, number | null>;
    console.log(
      `machine load (1-min load average, ${availableParallelism()} cores, shared): ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end`,
    );
    console.log(
      `  mean ms per phase: ${PHASES.map((name) => `${name} ${phaseMeans[name]}`).join(', ')} (ring: INVITE → card in the DOM; answer: click → caller established and "On call"; hold: Hold, Resume and back; settle: Ready with no call left)`,
    );
    console.log(
      'main = the web shell host process (dist/web-shell/host.cjs: the app core, as Electron main runs it); renderer = the Chromium renderer process of the page',
    );
    console.log(
      `memory samples (after a forced full GC: main and its worker threads via main's inspector, the renderer via CDP, HeapProfiler.collectGarbage; RSS the least of 3 reads 150 ms apart), every ${SAMPLE_EVERY} calls:`,
    );
    console.log(
      `  idle after start-up     main RSS ${mb(idle.mainRssKb)}   renderer RSS ${mb(idle.rendererRssKb)} (PSS ${mb(idle.rendererPssKb)})`,
    );
    console.log(
      `  after call ${BASELINE_CALL}          main RSS ${mb(atBaseline?.mainRssKb ?? null)}   renderer RSS ${mb(atBaseline?.rendererRssKb ?? null)} (PSS ${mb(atBaseline?.rendererPssKb ?? null)})`,
    );
    console.log(
      `  after call ${CALLS}         main RSS ${mb(atEnd?.mainRssKb ?? null)}   renderer RSS ${mb(atEnd?.rendererRssKb ?? null)} (PSS ${mb(atEnd?.rendererPssKb ?? null)})`,
    );
    console.log(
      `growth call ${BASELINE_CALL} → ${CALLS}: main RSS ${mainGrowth} % (JS heap ${mainHeapGrowth} %), renderer RSS ${rendererGrowth} % (PSS ${rendererPssGrowth} %, JS heap ${rendererHeapGrowth} %, DOM nodes ${atBaseline?.domNodes} → ${atEnd?.domNodes})`,
    );
    console.log(
      `trend from call ${BASELINE_CALL} on (least squares over the samples, MB per 1,000 calls): main RSS ${mainTrend}, renderer RSS ${rendererTrend}; JS heaps: main with its workers ${mainHeapTrend}, renderer ${rendererHeapTrend}`,
    );
    console.log(
      `stuck states: ${stuck.length}${stuck.length > 0 ? ` (calls ${stuck.map((s) => s.call).join(', ')})` : ''}; failed calls: ${failures.length}${
        failures.length > 0
          ? ` (${failures
              .slice(0, 10)
              .map((f) => `${f.call}: ${f.error}`)
              .join('; ')})`
          : ''
      }`,
    );
    console.log(
      `records: server has ${interactions.length} interactions and ${wrapUps.size} wrap-ups for ${CALLS} calls; lost ${lostTotal} (calls ${lost.slice(0, 20).join(', ') || 'none'}; logged locally but not on the server ${localNotOnServer}); duplicated ${duplicatedTotal} (calls with 2+ interactions ${duplicated.length}, wrap-ups submitted twice ${submitTwice}, interactions matching no call ${unmatched}); wrap-ups not as coded ${wrongWrapUp.length}, wrap-ups with no interaction ${wrapUpsWithoutCall}; idempotent replays on the server ${adminStats.counts.replays}`,
    );
    console.log(
      `outbox after the run: ${outbox.pending} pending, ${outbox.parked} parked, ${outbox.conflict} conflicts (drained ${drained ? `in ${(drainMs / 1000).toFixed(1)} s` : 'NOT within 120 s'}; the strip showed ${parkedShown > 0 ? 'items refused' : 'nothing refused'})`,
    );
    console.log(
      `screen pop (INVITE leaves the caller → customer card in the DOM): first ${POP_WINDOW} calls p50 ${percentile(popFirst, 50)} ms p95 ${percentile(popFirst, 95)} ms; last ${POP_WINDOW} calls p50 ${percentile(popLast, 50)} ms p95 ${percentile(popLast, 95)} ms`,
    );
    console.log(`  (INVITE received in main → card: p95 ${percentile(mainPopFirst, 95)} ms first, ${percentile(mainPopLast, 95)} ms last)`);
    // The pop crosses loopback twice (SIP to main, the bridge to the page): one empty HTTP exchange is its floor.
    const httpFloor = await httpRoundTripFloor();
    console.log(`  machine floor, a loopback HTTP request with an empty answer: ${showFloor(httpFloor)}`);
    console.log(`uncaught errors in the page: ${uncaught.length}${uncaught.length > 0 ? ` (${uncaught.slice(0, 3).join(' | ')})` : ''}`);
    const met = {
      growth: mainGrowth !== null && rendererGrowth !== null && mainGrowth <= 10 && rendererGrowth <= 10,
      stuck: stuck.length === 0,
      lost: lostTotal === 0 && outbox.pending === 0 && outbox.parked === 0,
      duplicated: duplicatedTotal === 0,
    };
    console.log(
      `targets: growth ≤ 10 % ${met.growth ? 'met' : 'MISSED'}; no stuck state ${met.stuck ? 'met' : 'MISSED'}; 0 lost ${met.lost ? 'met' : 'MISSED'}; 0 duplicated ${met.duplicated ? 'met' : 'MISSED'}`,
    );
    console.log(
      JSON.stringify({
        calls: CALLS,
        driven_by: 'ui',
        callers: CALLERS,
        talk_ms: TALK_MS,
        duration_s: Math.round(runMs / 1000),
        s_per_call: Math.round(runMs / CALLS) / 1000,
        phase_ms_mean: phaseMeans,
        load_avg_start: Math.round(loadAtStart * 10) / 10,
        load_avg_end: Math.round(loadAtEnd * 10) / 10,
        sample_every: SAMPLE_EVERY,
        gc_before_sample: 'HeapProfiler.collectGarbage (main and its workers: inspector; renderer: CDP)',
        main_process: 'web shell host (dist/web-shell/host.cjs)',
        idle_main_rss_mb: idle.mainRssKb === null ? null : Math.round(idle.mainRssKb / 102.4) / 10,
        idle_renderer_rss_mb: idle.rendererRssKb === null ? null : Math.round(idle.rendererRssKb / 102.4) / 10,
        baseline_call: BASELINE_CALL,
        main_rss_growth_pct: mainGrowth,
        renderer_rss_growth_pct: rendererGrowth,
        renderer_pss_growth_pct: rendererPssGrowth,
        main_heap_growth_pct: mainHeapGrowth,
        main_rss_trend_mb_per_1000_calls: mainTrend,
        renderer_rss_trend_mb_per_1000_calls: rendererTrend,
        main_heaps_trend_mb_per_1000_calls: mainHeapTrend,
        renderer_heap_trend_mb_per_1000_calls: rendererHeapTrend,
        renderer_heap_growth_pct: rendererHeapGrowth,
        stuck: stuck.length,
        stuck_calls: stuck.map((s) => s.call),
        failed_calls: failures.length,
        lost: lostTotal,
        duplicated: duplicatedTotal,
        wrap_ups_not_as_coded: wrongWrapUp.length,
        server_interactions: interactions.length,
        server_wrap_ups: wrapUps.size,
        outbox_pending: outbox.pending,
        outbox_parked: outbox.parked,
        outbox_conflicts: outbox.conflict,
        screen_pop_ms_p95_first: percentile(popFirst, 95),
        floor_http_round_trip_p50_ms: httpFloor.p50,
        screen_pop_ms_p95_last: percentile(popLast, 95),
        screen_pop_ms_p50_first: percentile(popFirst, 50),
        screen_pop_ms_p50_last: percentile(popLast, 50),
        pop_window: POP_WINDOW,
        page_errors: uncaught.length,
        samples: samples.map((s) => ({
          call: s.call,
          main_rss_kb: s.mainRssKb,
          main_heap_kb: s.mainHeapUsedKb,
          main_worker_heaps_kb: s.workerHeapUsedKb,
          renderer_rss_kb: s.rendererRssKb,
          renderer_pss_kb: s.rendererPssKb,
          renderer_heap_kb: s.rendererHeapUsedKb,
          dom_nodes: s.domNodes,
        })),
        targets_met: met,
        netns: process.env.SWITCHBOARD_IN_NETNS === '1',
      }),
    );
  } finally {
    inspector?.close();
    for (const caller of callers) await caller.far.stop().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await shell?.stop().catch(() => undefined);
    await kamailio.stop().catch(() => undefined);
    kamailio.dispose();
    if (server?.running) await server.stop().catch(() => undefined);
    else server?.database.close();
    rmSync(serverDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
