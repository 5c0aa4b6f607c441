import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { StoreClient } from '../../../electron/store/store-client';
import { BACKGROUND_NICE } from '../../../electron/store/worker/thread-priority';
import { openStore, tempDataDir } from './support';

/**
 * Store threads whose work can wait (the writer once the readers are up, an initial load's
 * indexer, the integrity check) run at a lower CPU priority, so a load or sync batch leaves the cores to main, the
 * screen-pop and search threads, and the app's other processes. Linux keeps a nice value per
 * thread; these tests read each thread's from /proc.
 */
interface ThreadInfo {
  nice: number;
  cpuTicks: number;
}
function threads(): Map<number, ThreadInfo> {
  const out = new Map<number, ThreadInfo>();
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    // Fields after the command name in parentheses, from field 3 (state): utime is 14, stime 15, nice 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(Number(tid), { nice: Number(fields[16]), cpuTicks: Number(fields[11]) + Number(fields[12]) });
  }
  return out;
}
const nices = () => [...threads().values()].map((t) => t.nice);
/** The thread other than main that used the most CPU while `work` ran. */
async function busiestThread(work: () => Promise<unknown>): Promise<ThreadInfo> {
  const before = threads();
  await work();
  let busiest: ThreadInfo | null = null;
  let most = -1;
  for (const [tid, after] of threads()) {
    if (tid === process.pid) continue;
    const used = after.cpuTicks - (before.get(tid)?.cpuTicks ?? 0);
    if (used > most) {
      most = used;
      busiest = after;
    }
  }
  return busiest!;
}

const customers = (from: number, count: number) =>
  Array.from({ length: count }, (_, k) => ({
    id: `C-${from + k}`,
    name: `Customer ${from + k} Harrowgate`,
    phones: [`+1415${String(2_000_000 + from + k).padStart(7, '0')}`],
    updatedAt: 1,
    version: 1,
  }));

describe.runIf(process.platform === 'linux')('store thread priorities (Linux)', () => {
  const tmp = tempDataDir('thread-priority');
  let store: StoreClient | null = null;
  afterEach(async () => {
    await store?.close();
    store = null;
  });
  afterAll(() => tmp.cleanup());

  it('the writer yields the CPU once the screen-pop and search threads are up; they and main keep theirs', async () => {
    ({ store } = await openStore(`${tmp.dir}/separate`));
    const s = store;
    expect(s.threadPriorities()).toEqual({ writer: { outcome: 'lowered', nice: BACKGROUND_NICE } });
    expect(Object.keys(s.requestTimes())).toEqual([]); // the lane's own request is not store work
    expect(nices().filter((n) => n === BACKGROUND_NICE)).toHaveLength(1);
    expect(threads().get(process.pid)?.nice).toBe(0);

    // The thread that did a sync's writes is the lowered one; the one that answered screen pops is not.
    const writing = await busiestThread(async () => {
      for (let i = 0; i < 4; i += 1) await s.upsertCustomers(customers(i * 2_000, 2_000));
    });
    expect(writing.nice).toBe(BACKGROUND_NICE);
    await s.runIdleMaintenance(); // nothing left for the writer to do while the pops are timed
    const popping = await busiestThread(async () => {
      for (let i = 0; i < 2_000; i += 1) await s.lookupCaller(`+1415${String(2_000_000 + (i % 8_000)).padStart(7, '0')}`);
    });
    expect(popping.nice).toBe(0);

    // The integrity check reads the whole file on a thread of its own: background work too.
    expect((await s.runIntegrityCheck()).ok).toBe(true);
    expect(s.threadPriorities().maintenance).toEqual({ outcome: 'lowered', nice: BACKGROUND_NICE });
    // The writer runs at a low priority by design: on a machine busy with other work it gets what is left.
  }, 120_000);

  it("an initial load's indexer runs in the background too, and its end leaves only the writer there", async () => {
    ({ store } = await openStore(`${tmp.dir}/bulk`));
    const s = store;
    await s.beginBulkLoad();
    await s.upsertCustomers(customers(0, 2_000));
    await vi.waitFor(() => expect(s.threadPriorities().indexer).toEqual({ outcome: 'lowered', nice: BACKGROUND_NICE }), {
      timeout: 10_000,
    });
    expect(nices().filter((n) => n === BACKGROUND_NICE)).toHaveLength(2);
    await s.finishBulkLoad();
    await vi.waitFor(() => expect(nices().filter((n) => n === BACKGROUND_NICE)).toHaveLength(1), { timeout: 10_000 });
  });

  it('a writer that also answers reads keeps its priority', async () => {
    ({ store } = await openStore(`${tmp.dir}/writer-reads`, { readers: 'writer' }));
    expect(store.threadPriorities()).toEqual({});
    expect(nices().filter((n) => n === BACKGROUND_NICE)).toHaveLength(0);
  });
});
