// Cold start, memory and idle CPU of the app with a 1M-case store: the built web shell ("main":
// dist/web-shell/host.cjs, the app core as Electron's main runs it) and its page in Debian's
// Chromium ("renderer": the page's Chromium renderer process), the lab kamailio and a werift
// caller (tests/lab/far-end.ts) whose number belongs to a seeded customer.
//
// Start: the host is spawned and Chromium launched at the same instant (Electron starts its
// renderer while main boots); "usable" is the window showing the phone Registered. main registers
// only after the store is open and every feature is up (electron/core/app-core.ts), so Registered
// in the window means the phone, the store and the desk are all there. The first start is the first
// open of a freshly copied store, with the OS page cache dropped when the bench may
// (/proc/sys/vm/drop_caches, root): what an agent's first start after install or after a reboot
// reads from disk, with an empty Chromium profile. Later starts run on the same data folder with the
// page cache warm, and keep the profile and the host's port, as the Electron window keeps its
// session and app:// origin: the bundle comes from the browser's cache and its code from V8's.
//
// Memory: RSS and PSS (/proc/<pid>/smaps_rollup) of main and the renderer, idle after start-up
// (Ready, registered) and after N answered and wrapped-up calls. Idle CPU: CPU time (utime + stime
// of /proc/<pid>/stat, so other work on the machine does not count) over 20 s, from 75 s after the
// start (past the store's first integrity check, a minute after start), of main, the page's
// renderer and all of Chromium's processes, with a registered account (agent Ready) and with no
// SIP account, and wake-ups per second over the same window (voluntary context switches of all
// their threads: a timer or poll counts however little it does). Beside each figure the machine floor: `node -e 0`, an idle Node process, an empty
// Chromium page. One line per figure, then one JSON object as the last line.
//
//   npm run bench:startup
//   options: --later N (later starts, default 5), --calls N (default 100), --idle-s N (default 20),
//            --idle-after-s N (idle measured from N s after the start, default 75),
//            --customers N --cases N (default 200,000 / 1,000,000), --no-drop-caches,
//            --no-build (bench dist/ as it is, not rebuilt when older than its sources)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createKeyFileSecretStore } from '../electron/secrets/secret-store';
import { SeedGenerator } from '../electron/store/seed/generator';
import { SIP_PASSWORD_SECRET } from '../shared/telephony/settings';
import { CHROMIUM_ARGS } from '../tests/lab/app';
import { FarEnd } from '../tests/lab/far-end';
import { Kamailio } from '../tests/lab/kamailio';
import { openSettings } from '../tests/support/settings';
import { requireChromium, requireKamailio } from '../tests/support/system-deps';
import { startWebShell, type RunningWebShell } from '../tests/support/web-shell';
import {
  CLOCK_TICKS,
  chromiumProcesses,
  countWakeups,
  cpuTicks,
  idleCpu,
  memoryOf,
  pageRendererPid,
  type Memory,
} from './lib/bench-startup-procs';
import { SEEDED_CALLER, cachedStore, copyStore } from './lib/bench-startup-store';
import { ensureBuild } from './lib/ensure-build';

const { values: args } = parseArgs({
  options: {
    later: { type: 'string', default: '5' },
    calls: { type: 'string', default: '100' },
    'idle-s': { type: 'string', default: '20' },
    'idle-after-s': { type: 'string', default: '75' },
    customers: { type: 'string', default: '200000' },
    cases: { type: 'string', default: '1000000' },
    'no-drop-caches': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
  strict: true,
});

function whole(name: string, raw: string | undefined, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`bench:startup: --${name} must be a whole number ≥ ${min}`);
    process.exit(2);
  }
  return n;
}

const LATER = whole('later', args.later, 1);
const CALLS = whole('calls', args.calls, 0);
const IDLE_MS = whole('idle-s', args['idle-s'], 1) * 1000;
// The store's first integrity check runs a minute after start (electron/store/store-host.ts,
// DEFAULT_INTEGRITY): idle is measured after it, not the start-up's own work.
const IDLE_AFTER_MS = whole('idle-after-s', args['idle-after-s'], 0) * 1000;

/** Waits until `app` has run `IDLE_AFTER_MS`. */
function pastStartUp(app: Started): Promise<void> {
  return sleep(Math.max(0, app.startedAt + IDLE_AFTER_MS - performance.now()));
}
const SIZE = { customers: whole('customers', args.customers, 1), cases: whole('cases', args.cases, 0) };
const AGENT = '1001';
const STEP_MS = 15_000;
/** Everything of a start, cold caches included, within this. */
const START_MS = 120_000;
/** After start-up, before idle figures: the page's first renders, the first status pushes. */
const SETTLE_MS = 5_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms1 = (x: number) => Math.round(x * 10) / 10;
const mb = (kb: number | null) => (kb === null ? null : Math.round(kb / 102.4) / 10);
const mbText = (m: Memory) => `RSS ${mb(m.rssKb)} MB, PSS ${mb(m.pssKb)} MB`;

/** Empties the OS page cache (root only): the next start reads the binaries, modules and store from disk. */
function dropCaches(): boolean {
  if (args['no-drop-caches']) return false;
  spawnSync('sync');
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- floors

/** Spawn → exit of `node -e 0`, ms. */
function nodeStartMs(): number {
  const t = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - t;
}

async function launch(chromiumPath: string): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

/** Launch → an empty page's first paint, ms; the browser stays open. */
async function emptyPageStart(chromiumPath: string): Promise<{ ms: number; browser: Browser; page: Page }> {
  const t = performance.now();
  const browser = await launch(chromiumPath);
  const page = await (await browser.newContext()).newPage();
  await page.goto('data:text/html,<title>empty</title><p>empty</p>');
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  return { ms: performance.now() - t, browser, page };
}

// ---------------------------------------------------------------- the app

interface Started {
  shell: RunningWebShell;
  browser: BrowserContext;
  page: Page;
  /** performance.now() at the spawn. */
  startedAt: number;
  /** ms from the spawn: main's core up (its link printed), Chromium launched, page connected, usable. */
  coreMs: number;
  browserMs: number;
  connectedMs: number;
  usableMs: number;
  /** CPU time (all threads) spent by then: main's, and all of Chromium's processes'; load on the machine does not count. */
  mainCpuMs: number;
  chromiumCpuMs: number;
}

/**
 * Where the app's Chromium keeps its profile, and the host's port: the same for every start of a
 * run, as the Electron window's session and its app:// origin are, so a later start finds the
 * bundle in the browser's cache and its compiled code in V8's code cache. The first start
 * finds the profile empty: a first start after install.
 */
interface Seat {
  profileDir: string;
  port: number;
}

async function startApp(chromiumPath: string, dataDir: string, registered: boolean, seat: Seat): Promise<Started> {
  const t0 = performance.now();
  const since = () => performance.now() - t0;
  let browserMs = 0;
  const browserStarting = chromium
    .launchPersistentContext(seat.profileDir, {
      executablePath: chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
      permissions: ['microphone'],
    })
    .then((b) => {
      browserMs = since();
      return b;
    });
  let shell: RunningWebShell | null = null;
  try {
    shell = await startWebShell({ dataDir, startTimeoutMs: START_MS, args: ['--port', String(seat.port)] });
    const coreMs = since();
    const browser = await browserStarting;
    const page = await browser.newPage();
    page.on('dialog', (dialog) => void dialog.dismiss());
    await page.goto(await shell.launchUrl());
    await page.getByRole('status', { name: 'Connection' }).filter({ hasText: 'Connected' }).waitFor({ timeout: START_MS });
    const connectedMs = since();
    const phone = page.getByRole('region', { name: 'Phone' });
    if (registered) await phone.getByRole('status').first().filter({ hasText: 'Registered' }).waitFor({ timeout: START_MS });
    else
      await page.getByRole('region', { name: 'Agent state' }).getByRole('status', { name: 'Agent status' }).waitFor({ timeout: START_MS });
    const usableMs = since();
    const cpuMs = (pids: number[]) => Math.round((pids.reduce((sum, pid) => sum + cpuTicks(pid), 0) * 1000) / CLOCK_TICKS);
    const mainCpuMs = cpuMs([shell.process.pid!]);
    const chromiumCpuMs = cpuMs(chromiumProcesses(process.pid).map((p) => p.pid));
    return { shell, browser, page, startedAt: t0, coreMs, browserMs, connectedMs, usableMs, mainCpuMs, chromiumCpuMs };
  } catch (error) {
    await (await browserStarting.catch(() => null))?.close();
    await shell?.stop();
    throw error;
  }
}

async function stopApp(app: Started): Promise<void> {
  await app.browser.close().catch(() => undefined);
  await app.shell.stop();
}

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function saveAccount(dataDir: string, server: string | null): Promise<void> {
  const settings = openSettings(dataDir);
  settings.updateAccount(
    server === null ? null : { server, backupServer: null, domain: '127.0.0.1', username: AGENT, authUsername: null, displayName: null },
  );
  return createKeyFileSecretStore(dataDir).set(SIP_PASSWORD_SECRET, `secret-${AGENT}`);
}

async function beReady(page: Page): Promise<void> {
  const status = page.getByRole('region', { name: 'Agent state' }).getByRole('status', { name: 'Agent status' });
  if ((await status.textContent()) === 'Ready') return;
  await page
    .getByRole('group', { name: 'Set agent state' })
    .getByRole('button', { name: 'Ready', exact: true })
    .click({ timeout: STEP_MS });
  await status.filter({ hasText: /^Ready$/ }).waitFor({ timeout: STEP_MS });
}

/** `calls` answered calls from the seeded customer's number, each hung up by the caller and wrapped up by keyboard. */
async function takeCalls(page: Page, kamailioUrl: string, calls: number, customerName: string): Promise<number> {
  const caller = new FarEnd({ user: SEEDED_CALLER.number, server: kamailioUrl, displayName: 'Bench caller' });
  await caller.start();
  const phone = page.getByRole('region', { name: 'Phone' });
  const wrapUp = page.getByRole('region', { name: 'Wrap-up' });
  const status = page.getByRole('region', { name: 'Agent state' }).getByRole('status', { name: 'Agent status' });
  let failed = 0;
  try {
    for (let i = 0; i < calls; i += 1) {
      // Named in the warning when a call fails, so a change in the window shows where it broke.
      let step = 'ring and pop';
      try {
        const call = await caller.call(AGENT);
        await page.getByRole('region', { name: 'Customer' }).getByText(customerName).first().waitFor({ timeout: STEP_MS });
        step = 'answer';
        await phone
          .getByRole('group', { name: 'Incoming call' })
          .getByRole('button', { name: 'Answer', exact: true })
          .click({ timeout: STEP_MS });
        await call.established;
        await status.filter({ hasText: /^On call$/ }).waitFor({ timeout: STEP_MS });
        await sleep(100);
        step = 'hang up';
        await call.hangup();
        await call.terminated;
        // As an agent types it (tests/e2e/agent.spec.ts): the list filtered before 1 picks from it.
        step = 'wrap-up code';
        const picker = wrapUp.getByRole('combobox', { name: 'Wrap-up code' });
        await picker.focus({ timeout: STEP_MS });
        await page.keyboard.type('bill');
        await page.getByRole('option').first().filter({ hasText: 'Bill explained' }).waitFor({ timeout: STEP_MS });
        await page.keyboard.press('1');
        await wrapUp.getByText('Chosen: Bill explained').waitFor({ timeout: STEP_MS });
        step = 'notes and submit';
        await page.keyboard.press('Tab');
        await wrapUp.getByRole('textbox', { name: 'Notes' }).fill(`bench call ${i + 1}`, { timeout: STEP_MS });
        await page.keyboard.press('Control+Enter');
        await wrapUp.waitFor({ state: 'detached', timeout: STEP_MS });
        await status.filter({ hasText: /^Ready$/ }).waitFor({ timeout: STEP_MS });
      } catch (error) {
        failed += 1;
        console.warn(`call ${i + 1} (${step}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        await beReady(page).catch(() => undefined);
      }
      caller.calls.splice(0, caller.calls.length);
    }
  } finally {
    await caller.stop().catch(() => undefined);
  }
  return failed;
}

// ---------------------------------------------------------------- the run

async function main(): Promise<void> {
  if (!args['no-build']) ensureBuild('bench:startup');
  const kamailioDep = requireKamailio();
  const chromiumDep = requireChromium();
  if (!kamailioDep.available || !chromiumDep.available) {
    console.error('bench:startup needs kamailio and Chromium (see README).');
    process.exit(1);
  }
  if (process.env.SWITCHBOARD_IN_NETNS !== '1') console.warn('note: not in a network namespace; figures include the host network stack.');
  const chromiumPath = chromiumDep.path;
  const say = (line: string) => console.log(line);
  say(
    `machine: ${availableParallelism()} cores, 1-min load average ${loadavg()[0]!.toFixed(1)} (shared: CPU figures are CPU time of the named processes, not load)`,
  );

  const cached = await cachedStore(SIZE, say);
  say(
    `store: ${SIZE.customers.toLocaleString('en-US')} customers / ${SIZE.cases.toLocaleString('en-US')} cases, ${
      cached.fresh ? 'seeded now' : `cached (seeded ${cached.seededAt})`
    } in ${cached.seededS} s; ${cached.dir}`,
  );
  const customerName = new SeedGenerator({ seed: 20260301, customers: SIZE.customers, cases: SIZE.cases }).customer(0).name;

  // ---- Floors.
  const dropped = dropCaches();
  const nodeColdMs = nodeStartMs();
  const nodeWarmMs = median(Array.from({ length: 5 }, nodeStartMs));
  dropCaches();
  const emptyCold = await emptyPageStart(chromiumPath);
  await emptyCold.browser.close();
  const emptyWarm: number[] = [];
  let empty: Awaited<ReturnType<typeof emptyPageStart>> | null = null;
  for (let k = 0; k < 5; k += 1) {
    await empty?.browser.close();
    empty = await emptyPageStart(chromiumPath);
    emptyWarm.push(empty.ms);
  }
  const idleNode = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  await sleep(SETTLE_MS);
  const emptyRenderer = await pageRendererPid(empty!.page, process.pid);
  const emptyChromium = chromiumProcesses(process.pid).map((p) => p.pid);
  await sleep(SETTLE_MS);
  const floorGroups = { node: [idleNode.pid!], renderer: [emptyRenderer], chromium: emptyChromium };
  const floorWakes = countWakeups(floorGroups);
  const floorIdle = await idleCpu(floorGroups, IDLE_MS);
  const floorWakeups = floorWakes.stop();
  const floorMem = { node: await memoryOf(idleNode.pid!), renderer: await memoryOf(emptyRenderer) };
  idleNode.kill();
  // The desk shows the agent's time in state to the second (renderer/src/ui/use-clock.ts): one text
  // change a second makes Chromium lay out, paint and composite a frame. The same page with such a
  // clock is that cost alone, the floor of the renderer's idle figures while a state clock shows.
  await empty!.page.evaluate(
    `(() => { const c = document.body.appendChild(document.createElement('p')); let n = 0; setInterval(() => { n += 1; c.textContent = 'Ready ' + Math.floor(n / 60) + ':' + String(n % 60).padStart(2, '0'); }, 1000); })()`,
  );
  await sleep(SETTLE_MS);
  const clockWakes = countWakeups({ renderer: [emptyRenderer] });
  const clockIdle = await idleCpu({ renderer: [emptyRenderer] }, IDLE_MS);
  const clockWakeups = clockWakes.stop();
  await empty!.browser.close();
  say(`page cache dropped before the cold figures: ${dropped ? 'yes' : 'no (not root, or --no-drop-caches): the "cold" figures are warm'}`);
  say(`floor: node -e 0 ${ms1(nodeColdMs)} ms cold, ${ms1(nodeWarmMs)} ms warm (median of 5)`);
  say(`floor: Chromium launch → empty page painted ${ms1(emptyCold.ms)} ms cold, ${ms1(median(emptyWarm))} ms warm (median of 5)`);
  say(`floor: idle Node process ${mbText(floorMem.node)}; empty page's renderer ${mbText(floorMem.renderer)}`);
  say(
    `floor: idle CPU over ${IDLE_MS / 1000} s: idle Node process ${floorIdle.node} %, empty page's renderer ${floorIdle.renderer} %, all ${emptyChromium.length} Chromium processes ${floorIdle.chromium} % of a core`,
  );
  say(
    `floor: idle wake-ups per second (voluntary context switches, all threads): idle Node process ${floorWakeups.node}, empty page's renderer ${floorWakeups.renderer}, all Chromium ${floorWakeups.chromium}`,
  );
  say(
    `floor: the empty page with a clock that changes its text each second: renderer ${clockIdle.renderer} % of a core, ${clockWakeups.renderer} wake-ups per second (${clockWakes.byThread('renderer')})`,
  );

  // ---- The app.
  const kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-bench-startup-'));
  const seat: Seat = { profileDir: mkdtempSync(path.join(tmpdir(), 'sb-bench-profile-')), port: await freePort() };
  let app: Started | null = null;
  try {
    await kamailio.start();
    const copyStarted = performance.now();
    copyStore(cached, dataDir);
    const copyS = (performance.now() - copyStarted) / 1000;
    await saveAccount(dataDir, kamailio.url);

    dropCaches();
    app = await startApp(chromiumPath, dataDir, true, seat);
    const first = app;
    await stopApp(app);
    app = null;
    say(
      `first start (fresh copy of the store, copied in ${copyS.toFixed(1)} s; page cache ${dropped ? 'dropped' : 'warm'}): usable ${ms1(first.usableMs)} ms (main's core up ${ms1(first.coreMs)}, Chromium launched ${ms1(first.browserMs)}, page connected ${ms1(first.connectedMs)}); CPU time by then: main ${first.mainCpuMs} ms, Chromium ${first.chromiumCpuMs} ms`,
    );

    const later: Started[] = [];
    for (let k = 0; k < LATER; k += 1) {
      if (app) await stopApp(app);
      app = await startApp(chromiumPath, dataDir, true, seat);
      later.push(app);
    }
    const pick = (f: (s: Started) => number) => ({ median: ms1(median(later.map(f))), max: ms1(Math.max(...later.map(f))) });
    const laterUsable = pick((s) => s.usableMs);
    const laterCore = pick((s) => s.coreMs);
    const laterBrowser = pick((s) => s.browserMs);
    const laterConnected = pick((s) => s.connectedMs);
    const laterMainCpu = pick((s) => s.mainCpuMs);
    const laterChromiumCpu = pick((s) => s.chromiumCpuMs);
    say(
      `later starts (n=${LATER}, page cache warm; the same Chromium profile and port: the bundle from the browser's cache and code cache): usable median ${laterUsable.median} ms, max ${laterUsable.max} ms (main's core up ${laterCore.median}, Chromium launched ${laterBrowser.median}, page connected ${laterConnected.median}; medians); CPU time by then: main ${laterMainCpu.median} ms, Chromium ${laterChromiumCpu.median} ms (medians)`,
    );
    say(
      `  targets: ≤ 2,000 ms to usable: first start ${first.usableMs <= 2000 ? 'met' : 'MISSED'}, later ${laterUsable.max <= 2000 ? 'met' : 'MISSED'}`,
    );

    // ---- Idle, registered and Ready.
    const page = app!.page;
    const mainPid = app!.shell.process.pid!;
    await beReady(page);
    await sleep(SETTLE_MS);
    const rendererPid = await pageRendererPid(page, process.pid);
    await sleep(SETTLE_MS);
    const idleMem = { main: await memoryOf(mainPid), renderer: await memoryOf(rendererPid) };
    const chromiumNow = () => chromiumProcesses(process.pid).map((p) => p.pid);
    await pastStartUp(app!);
    const registeredGroups = { main: [mainPid], renderer: [rendererPid], chromium: chromiumNow() };
    const registeredWakes = countWakeups(registeredGroups);
    const cpuRegistered = await idleCpu(registeredGroups, IDLE_MS);
    const wakesRegistered = registeredWakes.stop();
    const sumPss = (m: { main: Memory; renderer: Memory }) => mb((m.main.pssKb ?? 0) + (m.renderer.pssKb ?? 0));
    say(
      `idle after start-up (registered, Ready, store open): main ${mbText(idleMem.main)}; renderer ${mbText(idleMem.renderer)}; main + renderer PSS ${sumPss(idleMem)} MB (target ≤ 150)`,
    );
    say(
      `idle CPU over ${IDLE_MS / 1000} s from ${IDLE_AFTER_MS / 1000} s after the start, registered and Ready: main ${cpuRegistered.main} %, renderer ${cpuRegistered.renderer} %, all Chromium ${cpuRegistered.chromium} % of a core (targets main ≤ 0.2, Chromium ≤ 0.5)`,
    );
    say(
      `idle wake-ups per second, registered and Ready: main ${wakesRegistered.main} (${registeredWakes.byThread('main')}), renderer ${wakesRegistered.renderer} (${registeredWakes.byThread('renderer')}), all Chromium ${wakesRegistered.chromium}`,
    );

    // ---- After calls.
    let afterCalls: { main: Memory; renderer: Memory } | null = null;
    let failedCalls = 0;
    if (CALLS > 0) {
      const callsStarted = performance.now();
      failedCalls = await takeCalls(page, kamailio.url, CALLS, customerName);
      await sleep(SETTLE_MS);
      afterCalls = { main: await memoryOf(mainPid), renderer: await memoryOf(rendererPid) };
      say(
        `after ${CALLS} calls (${((performance.now() - callsStarted) / 1000).toFixed(0)} s, ${failedCalls} failed): main ${mbText(afterCalls.main)}; renderer ${mbText(afterCalls.renderer)}; main + renderer PSS ${sumPss(afterCalls)} MB`,
      );
    }
    await stopApp(app!);
    app = null;

    // ---- Idle with no SIP account.
    await saveAccount(dataDir, null);
    app = await startApp(chromiumPath, dataDir, false, seat);
    await sleep(SETTLE_MS);
    const bareRenderer = await pageRendererPid(app.page, process.pid);
    await sleep(SETTLE_MS);
    const bareMem = { main: await memoryOf(app.shell.process.pid!), renderer: await memoryOf(bareRenderer) };
    await pastStartUp(app);
    const bareGroups = { main: [app.shell.process.pid!], renderer: [bareRenderer], chromium: chromiumNow() };
    const bareWakes = countWakeups(bareGroups);
    const cpuBare = await idleCpu(bareGroups, IDLE_MS);
    const wakesBare = bareWakes.stop();
    const agentStatus = await app.page
      .getByRole('region', { name: 'Agent state' })
      .getByRole('status', { name: 'Agent status' })
      .textContent();
    say(
      `idle CPU over ${IDLE_MS / 1000} s from ${IDLE_AFTER_MS / 1000} s after the start, no SIP account (agent ${agentStatus}): main ${cpuBare.main} %, renderer ${cpuBare.renderer} %, all Chromium ${cpuBare.chromium} % of a core`,
    );
    say(
      `idle wake-ups per second, no SIP account: main ${wakesBare.main} (${bareWakes.byThread('main')}), renderer ${wakesBare.renderer} (${bareWakes.byThread('renderer')}), all Chromium ${wakesBare.chromium}`,
    );
    say(`idle with no SIP account: main ${mbText(bareMem.main)}; renderer ${mbText(bareMem.renderer)}`);
    const met = {
      first_start: first.usableMs <= 2000,
      later_starts: laterUsable.max <= 2000,
      memory: (sumPss(idleMem) ?? Infinity) <= 150,
      idle_cpu_main: Math.max(cpuBare.main, cpuRegistered.main) <= 0.2,
      idle_cpu_chromium: Math.max(cpuBare.renderer, cpuRegistered.renderer) <= 0.5,
    };
    say(
      `targets: ${Object.entries(met)
        .map(([k, v]) => `${k} ${v ? 'met' : 'MISSED'}`)
        .join(', ')}`,
    );
    const memJson = (m: Memory) => ({ rss_mb: mb(m.rssKb), pss_mb: mb(m.pssKb) });
    console.log(
      JSON.stringify({
        store: { ...SIZE, seeded_s: cached.seededS, seeded_now: cached.fresh },
        page_cache_dropped: dropped,
        first_start_ms: {
          usable: ms1(first.usableMs),
          core: ms1(first.coreMs),
          chromium: ms1(first.browserMs),
          connected: ms1(first.connectedMs),
          main_cpu: first.mainCpuMs,
          chromium_cpu: first.chromiumCpuMs,
        },
        later_starts: {
          n: LATER,
          usable_ms: laterUsable,
          core_ms: laterCore,
          chromium_ms: laterBrowser,
          connected_ms: laterConnected,
          main_cpu_ms: laterMainCpu,
          chromium_cpu_ms: laterChromiumCpu,
        },
        idle_memory: { main: memJson(idleMem.main), renderer: memJson(idleMem.renderer), pss_sum_mb: sumPss(idleMem) },
        after_calls: afterCalls
          ? {
              calls: CALLS,
              failed: failedCalls,
              main: memJson(afterCalls.main),
              renderer: memJson(afterCalls.renderer),
              pss_sum_mb: sumPss(afterCalls),
            }
          : null,
        idle_cpu_pct: {
          seconds: IDLE_MS / 1000,
          after_start_s: IDLE_AFTER_MS / 1000,
          registered_ready: cpuRegistered,
          no_account: cpuBare,
        },
        idle_wakeups_per_s: { registered_ready: wakesRegistered, no_account: wakesBare },
        no_account_memory: { main: memJson(bareMem.main), renderer: memJson(bareMem.renderer) },
        floor: {
          node_start_ms: { cold: ms1(nodeColdMs), warm: ms1(nodeWarmMs) },
          empty_page_start_ms: { cold: ms1(emptyCold.ms), warm: ms1(median(emptyWarm)) },
          idle_node: memJson(floorMem.node),
          empty_renderer: memJson(floorMem.renderer),
          idle_cpu_pct: floorIdle,
          idle_wakeups_per_s: floorWakeups,
          one_second_clock_renderer: { idle_cpu_pct: clockIdle.renderer, wakeups_per_s: clockWakeups.renderer },
        },
        load_avg: Math.round(loadavg()[0]! * 10) / 10,
        targets_met: met,
        netns: process.env.SWITCHBOARD_IN_NETNS === '1',
      }),
    );
  } finally {
    if (app) await stopApp(app).catch(() => undefined);
    await kamailio.stop().catch(() => undefined);
    kamailio.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(seat.profileDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
