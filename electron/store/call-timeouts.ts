/**
 * How long main waits for a store thread's answer (WorkerLane.call), and when a thread that does
 * not answer is taken for stuck and replaced: the numbers in one place, with their reasons.
 *
 * A request past its time rejects with StoreError('timeout'): its caller goes on (a screen pop
 * shows no match, a command tells the agent, a sync pull is retried) instead of waiting forever.
 * The thread may still be working on it, so a write that timed out can still be committed;
 * nothing is cancelled. Whether the thread is still alive is then asked with a ping, which the
 * thread answers between any two pieces of work (long jobs yield between chunks; see
 * electron/store/README.md). A thread that has not answered it `stuckAfterMs` after the time of
 * the latest request still pending on it is up (so an import that holds the thread for minutes
 * is busy, not stuck) is ended and replaced by StoreHost's restart (store-threads.ts), and
 * whatever still waits on it is failed as `unavailable`. Which class each operation is in: its
 * line in op-table.ts.
 */

export type CallClass = 'lookup' | 'read' | 'write' | 'bulk';

export interface CallLimits {
  /** Per class of operation, in ms. */
  timeoutMs: Record<CallClass, number>;
  /** How long a thread may leave a ping unanswered, past the time of its latest pending request, before it is replaced. */
  stuckAfterMs: number;
}

export const CALL_LIMITS: CallLimits = {
  timeoutMs: {
    /**
     * Point reads on the screen-pop thread. A pop is answered in ~10 ms (p99 8-12 ms at 1M cases
     * during a sync batch, electron/store/README.md); one that has taken 5 s is no use to an agent
     * whose phone is ringing, who then sees "no match" and can search instead.
     */
    lookup: 5_000,
    /** Searches, lists and counts: milliseconds normally; a search reading a large share of 1M cases takes a second or two. */
    read: 15_000,
    /**
     * An agent's save, an outbox update, a sync page: a few ms to a second of work, plus the wait
     * for the writer to finish the chunk of a longer job it is in (tens of ms; ~0.7 s for the
     * hand-over of an initial load's search index).
     */
    write: 30_000,
    /**
     * Imports, bulk-load index builds, the integrity check, big upserts: seconds to minutes on a
     * large store (the whole 1M-case load is ~21 s on 2 vCPU; the integrity check reads the whole
     * file, 17 s for 530 MiB). Only a job that has stopped making progress reaches 30 minutes.
     */
    bulk: 30 * 60_000,
  },
  /**
   * Every thread answers a ping between two pieces of work, and no piece of work other than a
   * bulk request (whose own time then counts) runs anywhere near this long.
   */
  stuckAfterMs: 10_000,
};
