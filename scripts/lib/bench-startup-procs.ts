// What bench:startup reads of processes from /proc: CPU time (utime + stime, so a figure is this
// process's own work, not the machine's load), RSS and PSS, and which Chromium process is which.
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Clock ticks per second of utime / stime in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export function readProc(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

/** Fields of /proc/<pid>/stat after the command name (field 3 of the man page is index 0). */
function statFields(pid: number): string[] | null {
  const stat = readProc(pid, 'stat');
  return stat === null ? null : stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

export function parentOf(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : null;
}

/** utime + stime of a process, in clock ticks (0 once it is gone). */
export function cpuTicks(pid: number): number {
  const fields = statFields(pid);
  return fields ? Number(fields[11]) + Number(fields[12]) : 0;
}

/** A `Name:   123 kB` line of /proc/<pid>/status or smaps_rollup, in kB. */
export function procKb(pid: number, file: 'status' | 'smaps_rollup', field: string): number | null {
  const text = readProc(pid, file);
  const match = text === null ? null : new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}

export interface Memory {
  rssKb: number | null;
  pssKb: number | null;
}

/** RSS and PSS, each the least of three reads 150 ms apart (a write in flight lifts one read; what stays is what is kept). */
export async function memoryOf(pid: number): Promise<Memory> {
  const rss: number[] = [];
  const pss: number[] = [];
  for (let k = 0; k < 3; k += 1) {
    if (k > 0) await sleep(150);
    const r = procKb(pid, 'status', 'VmRSS');
    const p = procKb(pid, 'smaps_rollup', 'Pss');
    if (r !== null) rss.push(r);
    if (p !== null) pss.push(p);
  }
  return { rssKb: rss.length ? Math.min(...rss) : null, pssKb: pss.length ? Math.min(...pss) : null };
}

/** Every live process whose ancestors include `root`. */
export function descendantsOf(root: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    for (let p: number | null = parentOf(pid), depth = 0; p !== null && p > 1 && depth < 8; p = parentOf(p), depth += 1) {
      if (p === root) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

export interface ChromiumProcess {
  pid: number;
  /** `--type=` of its command line: renderer, gpu-process, utility, zygote…; `browser` without one. */
  type: string;
}

/** The Chromium processes under `root` (this bench: Playwright starts the browser as its child). */
export function chromiumProcesses(root: number): ChromiumProcess[] {
  return (
    descendantsOf(root)
      .map((pid) => ({ pid, cmd: (readProc(pid, 'cmdline') ?? '').split('\0') }))
      .filter(({ cmd }) => /chrom/i.test((cmd[0] ?? '').split(' ')[0] ?? ''))
      // Chromium rewrites its children's titles, arguments joined by spaces: the type is read from the whole line.
      .map(({ pid, cmd }) => ({ pid, type: /--type=([\w-]+)/.exec(cmd.join(' '))?.[1] ?? 'browser' }))
  );
}

/**
 * The renderer that runs `page`: Chromium keeps others (a spare one), so the page spins for a second
 * and the renderer whose CPU time moved is the one.
 */
export async function pageRendererPid(page: Page, root: number): Promise<number> {
  const renderers = chromiumProcesses(root).filter((p) => p.type === 'renderer');
  const before = new Map(renderers.map((p) => [p.pid, cpuTicks(p.pid)]));
  // A second of spinning: on a loaded machine the page may get a small share of a core.
  await page.evaluate('(() => { const end = Date.now() + 1000; while (Date.now() < end) { /* spin */ } })()');
  const deltas = renderers.map(({ pid }) => ({ pid, delta: cpuTicks(pid) - (before.get(pid) ?? 0) })).sort((a, b) => b.delta - a.delta);
  const [best, next] = deltas;
  if (!best || best.delta < 5 || (next && next.delta * 2 > best.delta)) {
    throw new Error(`could not tell the page's renderer among ${renderers.length} renderer processes`);
  }
  return best.pid;
}

/**
 * CPU used by each group of processes over `ms`, in % of one core: CPU time (utime + stime from
 * /proc/<pid>/stat, clock ticks of 10 ms: over 20 s one tick is 0.05 %) over wall time, so other
 * work on the machine does not count.
 */
export async function idleCpu<K extends string>(groups: Record<K, number[]>, ms: number): Promise<Record<K, number>> {
  const keys = Object.keys(groups) as K[];
  const start = new Map<number, number>();
  for (const key of keys) for (const pid of groups[key]) start.set(pid, cpuTicks(pid));
  const began = performance.now();
  await sleep(ms);
  const end = new Map([...start.keys()].map((pid) => [pid, cpuTicks(pid)]));
  const wallS = (performance.now() - began) / 1000;
  const out = {} as Record<K, number>;
  for (const key of keys) {
    let ticks = 0;
    // A process that left in between reads 0 at the end: it counts nothing rather than less than nothing.
    for (const pid of groups[key]) ticks += Math.max(0, (end.get(pid) ?? 0) - (start.get(pid) ?? 0));
    out[key] = Math.round((ticks / CLOCK_TICKS / wallS) * 100 * 100) / 100;
  }
  return out;
}

/** Voluntary context switches of each live thread of `pid`, by thread id: each is a thread going to sleep, so one wake-up after. */
function threadSleeps(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    const match = /^voluntary_ctxt_switches:\s+(\d+)/m.exec(readProc(pid, `task/${tid}/status`) ?? '');
    if (match) out.set(Number(tid), Number(match[1]));
  }
  return out;
}

/**
 * Counts wake-ups of each group of processes from now until `stop()`: voluntary context switches
 * summed over every thread (/proc/<pid>/task/<tid>/status), per second. A timer, a poll or a message
 * that wakes a thread counts once however little it then does, which CPU time at 10 ms ticks cannot
 * show; the machine's load hardly moves it (a busy machine adds involuntary switches, not these).
 */
export function countWakeups<K extends string>(groups: Record<K, number[]>): { stop(): Record<K, number>; byThread(key: K): string } {
  const keys = Object.keys(groups) as K[];
  const start = new Map<number, Map<number, number>>();
  for (const key of keys) for (const pid of groups[key]) start.set(pid, threadSleeps(pid));
  const began = performance.now();
  let wallS = 0;
  /** Wake-ups by thread name (`comm`: "node", "Compositor", "sqlite-writer"…) per process group, at stop. */
  const named = new Map<K, Map<string, number>>();
  return {
    stop() {
      wallS = (performance.now() - began) / 1000;
      const out = {} as Record<K, number>;
      for (const key of keys) {
        let wakes = 0;
        const byName = new Map<string, number>();
        for (const pid of groups[key]) {
          const before = start.get(pid) ?? new Map<number, number>();
          // A thread started in between counts from 0; one that ended counts nothing.
          for (const [tid, n] of threadSleeps(pid)) {
            const d = Math.max(0, n - (before.get(tid) ?? 0));
            wakes += d;
            const name = (readProc(pid, `task/${tid}/comm`) ?? '?').trim();
            byName.set(name, (byName.get(name) ?? 0) + d);
          }
        }
        named.set(key, byName);
        out[key] = Math.round((wakes / wallS) * 10) / 10;
      }
      return out;
    },
    /** The busiest threads of a group, "name n/s", after stop. */
    byThread(key) {
      return [...(named.get(key) ?? new Map<string, number>())]
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([name, n]) => `${name} ${Math.round((n / wallS) * 10) / 10}`)
        .join(', ');
    },
  };
}
