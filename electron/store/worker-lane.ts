import { Worker } from 'node:worker_threads';
import { CALL_LIMITS, type CallLimits } from './call-timeouts';
import { callClass, isLaneOp } from './op-table';
import { userText, type UserText } from '../../shared/text/user-text';
import { StoreError } from './errors';
import type { WorkerEvent, WorkerHello, WorkerInit, WorkerMessage, WorkerRequest } from './protocol';
import type { ThreadMemory } from './worker/thread-memory';
import type { PriorityOutcome } from './worker/thread-priority';
import type { WorkerScript } from './worker-script';

interface Pending {
  op: string;
  sentAt: number;
  /** performance.now() by which it must be answered. */
  deadline: number;
  timer: NodeJS.Timeout;
  resolve: (value: unknown) => void;
  reject: (error: StoreError) => void;
}

export interface LaneEvents {
  onEvent(event: WorkerEvent): void;
  /**
   * The thread ended without being closed (`crashed`), or stopped answering and is being ended
   * (`stuck`); pending requests have been failed and the lane takes no more.
   */
  onExit(code: number, error: Error | null, why: 'crashed' | 'stuck'): void;
  /** A request answered: its time from call to answer, and the part it ran on the thread (ms). */
  onAnswered?(op: string, endToEndMs: number, onThreadMs: number): void;
  /** A request was not answered in its time (call-timeouts.ts) and was failed with `timeout`. */
  onTimeout?(op: string, timeoutMs: number): void;
}

/**
 * The most V8's young generation of a store thread may grow to (MiB). Left to itself it grows with
 * the thread's busiest moment (an import or a sync for the writer, a burst of searches for the
 * search thread) to 32 MiB and 16 MiB, and keeps it idle for the rest of the shift. A thread's
 * objects live for one request or one batch, so a smaller nursery costs more scavenges, not
 * promotions. Measured with bench:store (docs/performance.md, "Young generations"): the search
 * thread holds 22 MB instead of 34 MB after its searches, the writer 35-43 MB instead of 48-51 MB
 * after a load, with ingest and search times unchanged within their run-to-run spread.
 */
export const YOUNG_GENERATION_MB: Record<WorkerInit['role'], number> = { writer: 8, indexer: 8, reader: 2 };

/** How long a thread may take to close (the writer checkpoints its WAL first) before it is ended anyway. */
const CLOSE_WAIT_MS = 10_000;

/**
 * One worker thread and the requests in flight to it. Requests are matched
 * to answers by id; a thread that dies fails everything pending with
 * `unavailable` instead of leaving callers waiting forever. Each request has
 * a time (call-timeouts.ts): past it the caller gets `timeout`, and a thread
 * that then does not answer a ping either is taken for stuck and ended.
 */
export class WorkerLane {
  readonly name: string;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly limits: CallLimits;
  private readonly events: LaneEvents;
  private nextId = 1;
  private closed = false;
  private exited = false;
  /** onExit was called (by a stuck verdict before the thread's own exit, or by that exit). */
  private exitReported = false;
  private checkingAlive = false;
  readonly hello: Promise<WorkerHello>;
  /** Settles with the thread's exit code once it has ended, however it ended. */
  readonly ended: Promise<number>;

  constructor(script: WorkerScript, init: WorkerInit, events: LaneEvents, limits: CallLimits = CALL_LIMITS) {
    this.name = init.name;
    this.events = events;
    this.limits = limits;
    this.worker = new Worker(script.eval ? script.code : script.file, {
      eval: script.eval,
      workerData: init,
      name: `store-${init.name}`,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB[init.role] },
      // Logs from the worker go through main's logger; a stray write must not reach the terminal unfiltered.
      stdout: false,
      stderr: false,
    });
    let settleHello: ((hello: WorkerHello) => void) | null = null;
    let failHello: ((error: Error) => void) | null = null;
    this.hello = new Promise<WorkerHello>((resolve, reject) => {
      settleHello = resolve;
      failHello = reject;
    });
    this.worker.on('message', (message: WorkerMessage) => {
      switch (message.t) {
        case 'ready':
          settleHello?.(message);
          settleHello = null;
          return;
        case 'open-failed':
          // The thread ends by itself after saying so: its exit is not a crash to restart it for.
          // Whoever awaited the hello decides what comes next (the start's recovery spawns the
          // writer that rebuilds the file; a second one, from a restart, would race it to create
          // the schema and fail the start).
          this.closed = true;
          settleHello?.(message);
          settleHello = null;
          return;
        case 'event':
          events.onEvent(message.event);
          return;
        case 'res': {
          const pending = this.pending.get(message.id);
          // None: it timed out (call-timeouts.ts) and its caller has moved on.
          if (!pending) return;
          this.pending.delete(message.id);
          clearTimeout(pending.timer);
          if (message.ok) {
            events.onAnswered?.(pending.op, performance.now() - pending.sentAt, message.ms);
            pending.resolve(message.result);
          } else pending.reject(StoreError.fromBody(message.error));
          return;
        }
      }
    });
    this.ended = new Promise<number>((resolve) => this.worker.once('exit', resolve));
    let lastError: Error | null = null;
    this.worker.on('error', (error: Error) => {
      lastError = error;
      failHello?.(error);
      failHello = null;
    });
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.failPending(this.closed ? userText('store.status.closed') : userText('store.status.threadStopped', { thread: this.name }));
      failHello?.(lastError ?? new Error(`store ${this.name} thread exited with code ${code} before it was ready`));
      failHello = null;
      if (!this.closed && !this.exitReported) {
        this.exitReported = true;
        events.onExit(code, lastError, 'crashed');
      }
    });
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * `transfer`: buffers moved to the thread instead of copied; the caller must not use them afterwards.
   * `timeoutMs`: instead of the time of the operation's class (call-timeouts.ts).
   */
  call(
    op: string,
    args: unknown[],
    transfer: ArrayBuffer[] = [],
    timeoutMs: number = this.limits.timeoutMs[callClass(op)],
  ): Promise<unknown> {
    if (this.closed || this.exited) return Promise.reject(new StoreError('unavailable', userText('store.status.notOpen')));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const sentAt = performance.now();
      const timer = setTimeout(() => this.timeOut(id, timeoutMs), timeoutMs);
      // The worker keeps the process alive while it runs; a timer alone must not.
      timer.unref();
      this.pending.set(id, { op, sentAt, deadline: sentAt + timeoutMs, timer, resolve, reject });
      const request: WorkerRequest = { t: 'req', id, op, args };
      try {
        this.worker.postMessage(request, transfer);
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new StoreError('internal', `A store request could not be sent (${error instanceof Error ? error.name : 'error'})`));
      }
    });
  }

  private timeOut(id: number, timeoutMs: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    const facts = { op: pending.op.slice(0, 64), thread: this.name };
    pending.reject(
      new StoreError(
        'timeout',
        timeoutMs >= 1000
          ? userText('store.error.timedOutSeconds', { ...facts, seconds: Math.round(timeoutMs / 1000) })
          : userText('store.error.timedOutMs', { ...facts, ms: timeoutMs }),
      ),
    );
    // The lane's own requests are not store work: a heap reading that waits behind an import is
    // no timeout to count. The ping's own timeout is the verdict checkAlive waits for.
    if (!isLaneOp(pending.op)) this.events.onTimeout?.(pending.op, timeoutMs);
    if (pending.op !== '__ping') this.checkAlive();
  }

  /**
   * After a request timed out: is the thread itself still answering? It is given stuckAfterMs,
   * counted from the end of the time of the latest request still pending on it (an import that
   * holds the thread for minutes is busy, not stuck; and each of those requests times out as
   * itself first). No answer: the thread is replaced.
   */
  private checkAlive(): void {
    if (this.checkingAlive || this.closed || this.exited) return;
    this.checkingAlive = true;
    const now = performance.now();
    let latest = now;
    for (const pending of this.pending.values()) latest = Math.max(latest, pending.deadline);
    const waitMs = Math.ceil(latest - now) + this.limits.stuckAfterMs;
    this.call('__ping', [], [], waitMs).then(
      () => {
        this.checkingAlive = false;
      },
      (error: unknown) => {
        this.checkingAlive = false;
        if (error instanceof StoreError && error.code === 'timeout') this.abandonStuck(waitMs);
      },
    );
  }

  /** The thread did not answer a ping: end it, fail what waits on it, and tell the owner (who starts another). */
  private abandonStuck(waitedMs: number): void {
    if (this.closed || this.exited) return;
    this.exited = true;
    this.failPending(userText('store.status.threadStuck', { thread: this.name }));
    void this.worker.terminate().catch(() => undefined);
    if (!this.exitReported) {
      this.exitReported = true;
      this.events.onExit(-1, new Error(`no answer to a ping within ${waitedMs} ms`), 'stuck');
    }
  }

  private failPending(reason: UserText): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new StoreError('unavailable', reason));
    }
    this.pending.clear();
  }

  /** Lowers the thread's CPU priority for good (thread-priority.ts): for threads whose work can wait. */
  async toBackground(): Promise<PriorityOutcome> {
    return (await this.call('__background', [])) as PriorityOutcome;
  }

  /** The thread's V8 heap now (worker/thread-memory.ts). */
  async memory(): Promise<ThreadMemory> {
    return (await this.call('__memory', [])) as ThreadMemory;
  }

  /** Closes the connection (the writer checkpoints first) and ends the thread. */
  async close(): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    const request = this.call('__close', [], [], CLOSE_WAIT_MS).catch(() => undefined);
    this.closed = true;
    await Promise.race([request.then(() => done), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    if (!this.exited) await this.worker.terminate();
  }

  /** Ends the thread at once, e.g. after a failed open. */
  async terminate(): Promise<void> {
    this.closed = true;
    if (!this.exited) await this.worker.terminate();
  }
}
