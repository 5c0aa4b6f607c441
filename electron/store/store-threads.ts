import { userText, type UserText } from '../../shared/text/user-text';
import type { Logger } from '../logging/logger';
import type { CallLimits } from './call-timeouts';
import { StoreError } from './errors';
import { OpLatencyLog, type OpLatency } from './op-latency';
import type { RoutedLane } from './op-table';
import type { WorkerEvent, WorkerHello, WorkerInit } from './protocol';
import type { ThreadMemory } from './worker/thread-memory';
import type { PriorityOutcome } from './worker/thread-priority';
import { WorkerLane } from './worker-lane';
import type { WorkerScript } from './worker-script';

/** What the store's threads have been through since the store opened, by thread name (diagnostics). */
export interface ThreadHealth {
  /** Requests that got no answer in their time (StoreError 'timeout'). */
  timeouts: number;
  /** Times the thread stopped answering altogether and was ended and replaced. */
  stuck: number;
  /** Times the thread ended on its own (a crash) and was replaced. */
  crashed: number;
}

export interface ThreadsContext {
  file: string;
  phoneRegion: string;
  nativeBinding?: string;
  callLimits: CallLimits;
  log: Logger;
  onEvent(event: WorkerEvent): void;
  isClosing(): boolean;
  /** A writer started after the last one died is in place; it answers requests from now on. */
  onWriterReplaced(hello: Extract<WorkerHello, { t: 'ready' }>): void;
  /** The writer could not be kept running: the store cannot go on. */
  onWriterLost(problem: UserText, fields: Record<string, string | number>): void;
}

const RESTART_WINDOW_MS = 5 * 60_000;
const MAX_RESTARTS = 3;

/**
 * The store's worker threads: the writer and the two readers requests are routed to, and one-off
 * threads (an initial load's indexer, the integrity check). Starts them, restarts a routed one that
 * crashes or gets stuck (at most MAX_RESTARTS in RESTART_WINDOW_MS), lowers the priority of those
 * whose work can wait, and keeps what happened to each (timeouts, restarts, request times).
 */
export class StoreThreads {
  private readonly lanes: Record<RoutedLane, WorkerLane | null> = { writer: null, lookup: null, search: null };
  private readonly restarts: Record<RoutedLane, number[]> = { writer: [], lookup: [], search: [] };
  private source: { script: WorkerScript; keyHex: string | null } | null = null;
  private readonly times = new OpLatencyLog();
  private readonly priorities = new Map<string, PriorityOutcome>();
  private readonly health = new Map<string, ThreadHealth>();

  constructor(private readonly ctx: ThreadsContext) {}

  /** The worker script and the key every thread opens the file with; known once the key is loaded. */
  use(script: WorkerScript, keyHex: string | null): void {
    this.source = { script, keyHex };
  }

  /** A thread for `lane` (restarted if it dies), or a one-off thread (`lane` null) such as the integrity check's. */
  spawn(
    lane: RoutedLane | null,
    role: WorkerInit['role'],
    flags: { keyIsNew: boolean; damaged: boolean },
    name: string = lane ?? role,
  ): WorkerLane {
    if (!this.source) throw new Error('no worker script');
    const init: WorkerInit = {
      role,
      name,
      file: this.ctx.file,
      keyHex: this.source.keyHex,
      phoneRegion: this.ctx.phoneRegion,
      keyIsNew: flags.keyIsNew,
      damaged: flags.damaged,
      ...(this.ctx.nativeBinding ? { nativeBinding: this.ctx.nativeBinding } : {}),
    };
    const created: WorkerLane = new WorkerLane(
      this.source.script,
      init,
      {
        onEvent: (event) => this.ctx.onEvent(event),
        onExit: (code, error, why) => {
          this.healthOf(name)[why === 'stuck' ? 'stuck' : 'crashed'] += 1;
          if (lane) void this.replace(lane, created, code, error, why);
          else
            this.ctx.log.warn(why === 'stuck' ? 'store helper thread stopped answering; ended' : 'store helper thread stopped', {
              name,
              code,
              error: error?.name ?? 'none',
            });
        },
        onAnswered: (op, endToEndMs, onThreadMs) => {
          // The lane's own requests (closing, priority) are not store work.
          if (!op.startsWith('__')) this.times.record(op, endToEndMs, onThreadMs);
        },
        onTimeout: (op, timeoutMs) => {
          this.healthOf(name).timeouts += 1;
          this.ctx.log.warn('store request not answered in time', { thread: name, op, ms: timeoutMs });
        },
      },
      this.ctx.callLimits,
    );
    return created;
  }

  /** Puts a started writer in its place (at open). */
  installWriter(writer: WorkerLane): void {
    this.lanes.writer = writer;
  }

  get writer(): WorkerLane | null {
    return this.lanes.writer;
  }

  /** The thread for `lane`: its own, or the writer while that one is down (or was never started). */
  pick(lane: RoutedLane): WorkerLane | null {
    return this.lanes[lane] ?? this.lanes.writer;
  }

  /** The screen-pop and search threads, and the writer into the background once they answer the reads. */
  async startReaders(): Promise<void> {
    await Promise.all((['lookup', 'search'] as const).map((lane) => this.startReader(lane)));
    await this.writerToBackground();
  }

  private async startReader(lane: 'lookup' | 'search'): Promise<void> {
    const reader = this.spawn(lane, 'reader', { keyIsNew: false, damaged: false });
    let hello: WorkerHello;
    try {
      hello = await reader.hello;
    } catch (error) {
      this.ctx.log.warn('reader thread did not start; its requests go to the writer', {
        lane,
        error: error instanceof Error ? error.name : 'error',
      });
      return;
    }
    if (hello.t !== 'ready') {
      await reader.terminate();
      this.ctx.log.warn('reader could not open the database; its requests go to the writer', { lane, reason: hello.reason });
      return;
    }
    this.lanes[lane] = reader;
  }

  /**
   * The writer's work can wait (loads, sync batches, merges; an agent's save is a few ms of CPU)
   * once the screen-pop and search threads answer the reads: it then yields the CPU to them, to
   * main, and to the app's other processes. A writer that also answers reads keeps its priority.
   * (Should a reader thread later stop for good, its reads go to this writer: slower only while
   * the machine is busy.)
   */
  private async writerToBackground(): Promise<void> {
    const writer = this.lanes.writer;
    if (!writer || !this.lanes.lookup || !this.lanes.search) return;
    await this.toBackground(writer);
  }

  async toBackground(lane: WorkerLane): Promise<void> {
    const result = await lane
      .toBackground()
      .catch((error: unknown): PriorityOutcome => ({ outcome: 'failed', reason: error instanceof StoreError ? error.code : 'error' }));
    this.priorities.set(lane.name, result);
    if (result.outcome === 'failed')
      this.ctx.log.warn('a store thread keeps its normal CPU priority', { thread: lane.name, reason: result.reason });
  }

  private async replace(lane: RoutedLane, exited: WorkerLane, code: number, error: Error | null, why: 'crashed' | 'stuck'): Promise<void> {
    // A thread ended after its replacement started (a stuck one ends late) must not unseat it.
    if (this.lanes[lane] !== exited && this.lanes[lane] !== null) return;
    this.lanes[lane] = null;
    if (this.ctx.isClosing()) return;
    if (why === 'stuck')
      this.ctx.log.error('store thread stopped answering; it was ended and is restarted', { lane, detail: error?.message ?? '' });
    else this.ctx.log.error('store thread stopped unexpectedly', { lane, code, error: error?.name ?? 'none' });
    const now = Date.now();
    const recent = this.restarts[lane].filter((t) => now - t < RESTART_WINDOW_MS);
    this.restarts[lane] = recent;
    if (recent.length >= MAX_RESTARTS) {
      if (lane === 'writer')
        this.ctx.onWriterLost(userText('store.status.keepsFailing'), {
          lane,
          restarts: recent.length,
        });
      return;
    }
    recent.push(now);
    if (lane !== 'writer') {
      await this.startReader(lane);
      return;
    }
    const writer = this.spawn('writer', 'writer', { keyIsNew: false, damaged: false });
    const hello = await writer.hello.catch(() => null);
    if (hello?.t === 'ready' && !this.ctx.isClosing()) {
      this.lanes.writer = writer;
      this.ctx.onWriterReplaced(hello);
      await this.writerToBackground();
    } else {
      await writer.terminate();
      this.ctx.onWriterLost(userText('store.status.stoppedNotReopened'), { lane });
    }
  }

  private healthOf(name: string): ThreadHealth {
    let health = this.health.get(name);
    if (!health) {
      health = { timeouts: 0, stuck: 0, crashed: 0 };
      this.health.set(name, health);
    }
    return health;
  }

  threadHealth(): Record<string, ThreadHealth> {
    return Object.fromEntries([...this.health].map(([name, health]) => [name, { ...health }]));
  }

  threadPriorities(): Record<string, PriorityOutcome> {
    return Object.fromEntries(this.priorities);
  }

  requestTimes(): Record<string, OpLatency> {
    return this.times.summary();
  }

  /** Each running routed thread's heap now; a thread that does not answer is left out. */
  async threadMemory(): Promise<Record<string, ThreadMemory>> {
    const running = Object.values(this.lanes).filter((lane): lane is WorkerLane => lane !== null);
    const read = await Promise.all(running.map(async (lane) => [lane.name, await lane.memory().catch(() => null)] as const));
    return Object.fromEntries(read.filter((entry): entry is readonly [string, ThreadMemory] => entry[1] !== null));
  }

  resetRequestTimes(): void {
    this.times.reset();
  }

  /** Ends every thread, `others` too: the readers first, the writer last (its close checkpoints the WAL). */
  async closeAll(others: (WorkerLane | null)[]): Promise<void> {
    const all = [...Object.values(this.lanes), ...others].filter((l): l is WorkerLane => l !== null);
    await Promise.all(all.filter((l) => l.name !== 'writer').map((l) => l.close()));
    await this.lanes.writer?.close();
    this.lanes.writer = this.lanes.lookup = this.lanes.search = null;
  }
}
