import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * The nice value of store threads doing background work: the writer once the
 * screen-pop and search threads are up (bulk loads, sync batches, merges), the
 * indexer of an initial load, the integrity check. At 10 such a thread gets about
 * a tenth of a core's share when something at normal priority wants the core:
 * main's event loop and garbage collector, the lookup and search threads, and
 * the renderer's audio and UI. With nothing else to run it still gets whole
 * cores, so a load on an idle machine is as fast as before.
 */
export const BACKGROUND_NICE = 10;

export type PriorityOutcome =
  | { outcome: 'lowered'; nice: number }
  /** No per-thread priority that Node can reach here (Windows, macOS): the thread keeps its priority. */
  | { outcome: 'unsupported' }
  | { outcome: 'failed'; reason: string };

/**
 * Lowers the CPU priority of the calling thread, and of no other. Linux keeps a
 * nice value per thread, and setpriority(PRIO_PROCESS, id) given a thread's id
 * changes that thread alone; `os.setPriority` passes any id through.
 * Never raises a priority (that needs privileges, and a thread already lower
 * was made so on purpose).
 */
export function lowerThisThreadPriority(nice: number = BACKGROUND_NICE, platform: NodeJS.Platform = process.platform): PriorityOutcome {
  if (platform !== 'linux') return { outcome: 'unsupported' };
  let tid: number;
  try {
    // "<pid>/task/<tid>"
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch (error) {
    return { outcome: 'failed', reason: `cannot read /proc/thread-self (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (!Number.isInteger(tid) || tid <= 0) return { outcome: 'failed', reason: 'no thread id in /proc/thread-self' };
  // The main thread's id is the process's; lowering it would slow the event loop this exists to protect.
  if (tid === process.pid) return { outcome: 'failed', reason: 'called on the main thread' };
  try {
    const current = getPriority(tid);
    if (current < nice) setPriority(tid, nice);
    return { outcome: 'lowered', nice: getPriority(tid) };
  } catch (error) {
    return { outcome: 'failed', reason: `setpriority refused (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}
