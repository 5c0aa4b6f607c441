// The renderer's weight and how soon it paints: the JS and CSS of the built renderer
// (dist/renderer), raw and gzip (level 9, as a server or an update download would send it), per
// chunk and in total, the chunks index.html loads at start (its script, stylesheets and module
// preloads) marked "initial" and the JS at start and on demand summed apart; then, in the web shell
// in Debian's Chromium, over N page loads: first paint, first contentful paint and the desk usable
// (the phone strip reads "Registered" and the agent state "Ready": an agent could take a call).
//
// Each load is a fresh browser context (no HTTP cache, as a first open of the window) going to a
// one-time launch link, so the times include its redirect; all three are read in the page,
// relative to the navigation's start (performance.now(); "usable" is the first animation frame in
// which both are shown). The host, kamailio and the agent's SIP account stay up between loads.
// Then the CPU time the page's main thread spent until usable (Chromium's own count, in the thread's
// CPU time, which the machine's load moves far less than the wall times), and of it script.
// Beside them the machine floor: an empty page served from this machine over HTTP, loaded the same
// way in the same Chromium (first paint / first contentful paint, main-thread CPU). Then N later
// loads in one profile kept on disk, after three not counted: the bundle from the browser's cache
// and its compiled code from V8's code cache, as the Electron window's later starts (its app://
// scheme is registered with codeCache) and an agent's own browser. One line per figure, then one
// JSON object as the last line.
//
//   npm run bench:renderer
//   options: --runs N (page loads, default 12, at least 10)
//            --no-build (bench dist/ as it is, not rebuilt when older than its sources: to compare
//            two renderer builds put in dist/renderer one after the other)
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/lab/app';
import { Desk, VIEWPORT } from '../tests/support/desk-states';
import { REPO_ROOT, requireChromium, requireKamailio } from '../tests/support/system-deps';
import { ensureBuild } from './lib/ensure-build';
import { floorStats, ratio, type FloorStats } from './lib/machine-floor';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '12' }, 'no-build': { type: 'boolean', default: false } },
  strict: true,
});
const RUNS = Number(args.runs);
if (!Number.isInteger(RUNS) || RUNS < 10) {
  console.error('bench:renderer: --runs must be a whole number ≥ 10');
  process.exit(2);
}
const RENDERER = path.join(REPO_ROOT, 'dist', 'renderer');
const LOAD_MS = 60_000;
// Loads in the kept profile before counting: the second load stores the compiled code, the third uses it.
const WARM_UP_LOADS = 3;

// ---------------------------------------------------------------- sizes

interface Chunk {
  file: string;
  kind: 'js' | 'css';
  initial: boolean;
  raw: number;
  gzip: number;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

function chunks(): Chunk[] {
  const html = readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
  // What the page asks for at start: its <script src> and <link href> (stylesheets, module preloads).
  const initial = new Set([...html.matchAll(/(?:src|href)="\.?\/?([^"]+)"/g)].map((m) => m[1]!));
  return files(RENDERER)
    .filter((f) => /\.(m?js|css)$/.test(f))
    .map((f) => {
      const body = readFileSync(f);
      const file = path.relative(RENDERER, f);
      return {
        file,
        kind: f.endsWith('.css') ? ('css' as const) : ('js' as const),
        initial: initial.has(file),
        raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
      };
    })
    .sort((a, b) => a.kind.localeCompare(b.kind) || b.gzip - a.gzip);
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const sum = (list: Chunk[]) => ({ raw: list.reduce((s, c) => s + c.raw, 0), gzip: list.reduce((s, c) => s + c.gzip, 0) });

// ---------------------------------------------------------------- page loads

interface Load {
  firstPaint: number;
  firstContentfulPaint: number;
  usable: number | null;
  /** CPU time of the page's main thread up to the figure read last (usable, or first contentful paint): all its tasks, and of them script. */
  mainThreadCpu: { tasks: number; script: number };
}

// Polled in the page on every animation frame by a promise handed to page.evaluate (the page's CSP
// forbids the eval that page.waitForFunction would need).
const poll = (check: string) => `new Promise((resolve, reject) => {
  const check = ${check};
  const limit = setTimeout(() => reject(new Error('not seen within ${LOAD_MS / 1000} s')), ${LOAD_MS});
  const tick = () => {
    const value = check();
    if (value === null) return requestAnimationFrame(tick);
    clearTimeout(limit);
    resolve(value);
  };
  tick();
})`;

const PAINTS = poll(`() => {
  const entries = performance.getEntriesByType('paint');
  const at = (name) => entries.find((e) => e.name === name)?.startTime;
  const fp = at('first-paint');
  const fcp = at('first-contentful-paint');
  return fcp === undefined ? null : { firstPaint: fp ?? fcp, firstContentfulPaint: fcp };
}`);

// The first frame in which the agent sees both words.
const USABLE = poll(`() => {
  const shown = (text) => [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent.trim() === text && e.getClientRects().length > 0);
  return shown('Registered') && shown('Ready') ? performance.now() : null;
}`);

/** One page load in a fresh browser context: no HTTP cache and no code cache, as a first open of the window. */
async function load(browser: Browser, url: () => Promise<string>, desk: boolean): Promise<Load> {
  const context = await browser.newContext({ viewport: VIEWPORT, permissions: ['microphone'], locale: 'en-GB' });
  try {
    return await loadIn(context, url, desk);
  } finally {
    await context.close();
  }
}

/** One page load in `context`, on a new page closed after it. */
async function loadIn(context: BrowserContext, url: () => Promise<string>, desk: boolean): Promise<Load> {
  const page = await context.newPage();
  try {
    page.on('dialog', (dialog) => void dialog.dismiss());
    // Durations in the main thread's own CPU time (threadTicks), not wall time: a figure the
    // machine's load moves far less than the paints' times.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(await url());
    const usable = desk ? await page.evaluate<number>(USABLE) : null;
    const paints = await page.evaluate<{ firstPaint: number; firstContentfulPaint: number }>(PAINTS);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const seconds = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    const mainThreadCpu = {
      tasks: seconds('TaskDuration') * 1000,
      // Compiling is not counted apart: the bundle is compiled off the main thread as it streams in,
      // and what is compiled lazily on the main thread is in the script time.
      script: seconds('ScriptDuration') * 1000,
    };
    return { ...paints, usable, mainThreadCpu };
  } finally {
    await page.close();
  }
}

async function emptyPageServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>empty</title><p>empty</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const ms = (x: number) => Math.round(x * 10) / 10;
const show = (s: FloorStats) => `p50 ${ms(s.p50)} ms, p95 ${ms(s.p95)} ms`;

async function main(): Promise<void> {
  const browserDep = requireChromium();
  const kamailioDep = requireKamailio();
  for (const dep of [browserDep, kamailioDep]) {
    if (!dep.available) {
      console.error(`bench:renderer: ${dep.reason}`);
      process.exit(1);
    }
  }
  if (!args['no-build']) ensureBuild('bench:renderer');

  const all = chunks();
  console.log('renderer chunks (dist/renderer; gzip level 9):');
  for (const c of all)
    console.log(
      `  ${c.kind.padEnd(3)} ${c.initial ? 'initial' : 'lazy   '} ${c.file.padEnd(40)} ${kb(c.raw)} KB raw, ${kb(c.gzip)} KB gzip`,
    );
  const js = sum(all.filter((c) => c.kind === 'js'));
  const css = sum(all.filter((c) => c.kind === 'css'));
  const initial = sum(all.filter((c) => c.initial));
  const jsAtStart = all.filter((c) => c.kind === 'js' && c.initial);
  const jsOnDemand = all.filter((c) => c.kind === 'js' && !c.initial);
  const cssOnDemand = all.filter((c) => c.kind === 'css' && !c.initial);
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  console.log(`renderer JS total: ${kb(js.raw)} KB raw, ${kb(js.gzip)} KB gzip`);
  console.log(`  JS loaded at start: ${kb(sum(jsAtStart).raw)} KB raw, ${kb(sum(jsAtStart).gzip)} KB gzip (${files(jsAtStart.length)})`);
  console.log(
    `  JS loaded on demand: ${kb(sum(jsOnDemand).raw)} KB raw, ${kb(sum(jsOnDemand).gzip)} KB gzip (${files(jsOnDemand.length)})`,
  );
  console.log(`renderer CSS total: ${kb(css.raw)} KB raw, ${kb(css.gzip)} KB gzip (on demand: ${kb(sum(cssOnDemand).raw)} KB raw)`);
  console.log(`loaded at start (JS + CSS): ${kb(initial.raw)} KB raw, ${kb(initial.gzip)} KB gzip`);

  const browser = await chromium.launch({ executablePath: browserDep.path, headless: true, args: CHROMIUM_ARGS });
  const empty = await emptyPageServer();
  const desk = await Desk.start({ kamailio: kamailioDep });
  const app: Load[] = [];
  const floor: Load[] = [];
  const warm: Load[] = [];
  // A profile kept on disk, as the Electron window's session (app:// is registered with codeCache)
  // and an agent's own browser keep theirs: the bundle from the HTTP cache and V8's code cache.
  const profile = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-profile-'));
  try {
    // One load of each first, not counted: the host's files and Chromium's own start-up in the page cache.
    await load(browser, () => desk.shell.launchUrl(), true);
    await load(browser, () => Promise.resolve(empty.url), false);
    // Alternated, so a change in the machine's load weighs on both alike.
    for (let i = 0; i < RUNS; i += 1) {
      app.push(await load(browser, () => desk.shell.launchUrl(), true));
      floor.push(await load(browser, () => Promise.resolve(empty.url), false));
    }
    const kept = await chromium.launchPersistentContext(profile, {
      executablePath: browserDep.path,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: VIEWPORT,
      permissions: ['microphone'],
      locale: 'en-GB',
    });
    try {
      // Chromium keeps a script's compiled code from its second load and uses it from the third.
      for (let i = 0; i < WARM_UP_LOADS; i += 1) await loadIn(kept, () => desk.shell.launchUrl(), true);
      for (let i = 0; i < RUNS; i += 1) warm.push(await loadIn(kept, () => desk.shell.launchUrl(), true));
    } finally {
      await kept.close();
    }
  } finally {
    await desk.stop();
    await empty.close();
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }

  const fp = floorStats(app.map((l) => l.firstPaint));
  const fcp = floorStats(app.map((l) => l.firstContentfulPaint));
  const usable = floorStats(app.map((l) => l.usable ?? NaN));
  const floorFp = floorStats(floor.map((l) => l.firstPaint));
  const floorFcp = floorStats(floor.map((l) => l.firstContentfulPaint));
  const cpu = (list: Load[], key: keyof Load['mainThreadCpu']) => floorStats(list.map((l) => l.mainThreadCpu[key]));
  const cpuTasks = cpu(app, 'tasks');
  const cpuScript = cpu(app, 'script');
  const floorCpuTasks = cpu(floor, 'tasks');
  const load1 = Math.round(loadavg()[0]! * 10) / 10;
  console.log(`web shell in Chromium, ${RUNS} loads, each a fresh context (load average ${load1}):`);
  console.log(`  first paint: ${show(fp)} (floor, an empty page: ${show(floorFp)}; ${ratio(fp.p50, floorFp.p50)}× at p50)`);
  console.log(`  first contentful paint: ${show(fcp)} (floor: ${show(floorFcp)}; ${ratio(fcp.p50, floorFcp.p50)}× at p50)`);
  console.log(`  desk usable (Registered and Ready shown): ${show(usable)}`);
  console.log(
    `  page's main-thread CPU time to usable: ${show(cpuTasks)}; of it script ${show(cpuScript)} (floor, an empty page to its first paint: ${show(floorCpuTasks)})`,
  );
  const warmFp = floorStats(warm.map((l) => l.firstPaint));
  const warmUsable = floorStats(warm.map((l) => l.usable ?? NaN));
  const warmCpuTasks = cpu(warm, 'tasks');
  const warmCpuScript = cpu(warm, 'script');
  console.log(`web shell in Chromium, ${RUNS} later loads in one kept profile (HTTP cache and code cache warm, as a later start):`);
  console.log(`  first paint: ${show(warmFp)}; desk usable: ${show(warmUsable)}`);
  console.log(`  page's main-thread CPU time to usable: ${show(warmCpuTasks)}; of it script ${show(warmCpuScript)}`);
  const stat = (s: FloorStats) => ({ p50: ms(s.p50), p95: ms(s.p95) });
  console.log(
    JSON.stringify({
      bench: 'renderer',
      chunks: all.map((c) => ({ file: c.file, kind: c.kind, initial: c.initial, rawBytes: c.raw, gzipBytes: c.gzip })),
      jsBytes: js,
      cssBytes: css,
      initialBytes: initial,
      jsAtStartBytes: sum(jsAtStart),
      jsOnDemandBytes: sum(jsOnDemand),
      cssOnDemandBytes: sum(cssOnDemand),
      runs: RUNS,
      firstPaintMs: stat(fp),
      firstContentfulPaintMs: stat(fcp),
      usableMs: stat(usable),
      mainThreadCpuMs: { tasks: stat(cpuTasks), script: stat(cpuScript) },
      later: {
        firstPaintMs: stat(warmFp),
        usableMs: stat(warmUsable),
        mainThreadCpuMs: { tasks: stat(warmCpuTasks), script: stat(warmCpuScript) },
      },
      floor: { firstPaintMs: stat(floorFp), firstContentfulPaintMs: stat(floorFcp), mainThreadCpuMs: { tasks: stat(floorCpuTasks) } },
      loadAverage: load1,
    }),
  );
}

main().catch((error: unknown) => {
  console.error('bench:renderer:', error);
  process.exit(1);
});
