import { Worker } from 'node:worker_threads';
import { StoreError } from './errors';
import type { WorkerEvent, WorkerHello, WorkerInit, WorkerMessage, WorkerRequest } from './protocol';
import type { PriorityOutcome } from './worker/thread-priority';
import type { WorkerScript } from './worker-script';

interface Pending {
  op: string;
  sentAt: number;
  resolve: (value: unknown) => void;
  reject: (error: StoreError) => void;
}

export interface LaneEvents {
  onEvent(event: WorkerEvent): void;
  /** The thread ended without being closed (a crash); pending requests have been failed. */
  onExit(code: number, error: Error | null): void;
  /** A request answered: its time from call to answer, and the part it ran on the thread (ms). */
  onAnswered?(op: string, endToEndMs: number, onThreadMs: number): void;
}

/**
 * One worker thread and the requests in flight to it. Requests are matched
 * to answers by id; a thread that dies fails everything pending with
 * `unavailable` instead of leaving callers waiting forever.
 */
export class WorkerLane {
  readonly name: string;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private exited = false;
  readonly hello: Promise<WorkerHello>;

  constructor(script: WorkerScript, init: WorkerInit, events: LaneEvents) {
    this.name = init.name;
    this.worker = new Worker(script.eval ? script.code : script.file, {
      eval: script.eval,
      workerData: init,
      name: `store-${init.name}`,
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
        case 'open-failed':
          settleHello?.(message);
          settleHello = null;
          return;
        case 'event':
          events.onEvent(message.event);
          return;
        case 'res': {
          const pending = this.pending.get(message.id);
          if (!pending) return;
          this.pending.delete(message.id);
          if (message.ok) {
            events.onAnswered?.(pending.op, performance.now() - pending.sentAt, message.ms);
            pending.resolve(message.result);
          } else pending.reject(StoreError.fromBody(message.error));
          return;
        }
      }
    });
    let lastError: Error | null = null;
    this.worker.on('error', (error: Error) => {
      lastError = error;
      failHello?.(error);
      failHello = null;
    });
    this.worker.on('exit', (code) => {
      this.exited = true;
      const reason = this.closed ? 'The local store is closed' : `The store's ${this.name} thread stopped`;
      for (const pending of this.pending.values()) pending.reject(new StoreError('unavailable', reason));
      this.pending.clear();
      failHello?.(lastError ?? new Error(`store ${this.name} thread exited with code ${code} before it was ready`));
      failHello = null;
      if (!this.closed) events.onExit(code, lastError);
    });
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** `transfer`: buffers moved to the thread instead of copied; the caller must not use them afterwards. */
  call(op: string, args: unknown[], transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.closed || this.exited) return Promise.reject(new StoreError('unavailable', 'The local store is not open'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { op, sentAt: performance.now(), resolve, reject });
      const request: WorkerRequest = { t: 'req', id, op, args };
      try {
        this.worker.postMessage(request, transfer);
      } catch (error) {
        this.pending.delete(id);
        reject(new StoreError('internal', `A store request could not be sent (${error instanceof Error ? error.name : 'error'})`));
      }
    });
  }

  /** Lowers the thread's CPU priority for good (thread-priority.ts): for threads whose work can wait. */
  async toBackground(): Promise<PriorityOutcome> {
    return (await this.call('__background', [])) as PriorityOutcome;
  }

  /** Closes the connection (the writer checkpoints first) and ends the thread. */
  async close(): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    const request = this.call('__close', []).catch(() => undefined);
    this.closed = true;
    await Promise.race([request.then(() => done), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    if (!this.exited) await this.worker.terminate();
  }

  /** Ends the thread at once, e.g. after a failed open. */
  async terminate(): Promise<void> {
    this.closed = true;
    if (!this.exited) await this.worker.terminate();
  }
}
