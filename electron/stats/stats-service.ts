import type { EventPayload } from '../../shared/bridge/events';
import type { StatsPolicy } from '../../shared/config/workflow';
import type { MyStatsView } from '../../shared/stats/contract';
import { countOverdue } from '../../shared/callbacks/callback-rules';
import { computeMyStats, statsRange } from '../../shared/stats/my-stats';
import { nextStatsChange } from '../../shared/stats/next-change';
import type { Feature } from '../core/feature';
import type { Scheduler } from '../core/scheduler';
import type { Logger } from '../logging/logger';
import { toBridgeError } from '../store/bridge-errors';
import type { StoreEventSource } from '../store/store-events';
import type { WorkLogReadPort } from '../store/ports';

export type StatsStore = Pick<WorkLogReadPort, 'listInteractions' | 'listEscalations' | 'listCallbacks'>;

export interface StatsServiceOptions {
  store: StatsStore;
  agentId: () => string;
  policy: () => StatsPolicy;
  now?: () => number;
}

/** Most contacts one agent has in a week (120 a day, 7 days) with room to spare. */
const WEEK_LIMIT = 5000;

/** The figures, and the next instant they change by time alone (shared/stats/next-change.ts). */
export interface ComputedStats {
  view: MyStatsView;
  nextChangeAt: number;
}

/**
 * "My stats" in main: reads this week's interactions (with their wrap-ups), the agent's
 * escalations and the callbacks past their time from the store and computes today and this week with shared/stats/my-stats.ts.
 */
export class StatsService {
  constructor(private readonly options: StatsServiceOptions) {}

  async compute(): Promise<MyStatsView> {
    return (await this.computeWithNextChange()).view;
  }

  async computeWithNextChange(): Promise<ComputedStats> {
    const now = (this.options.now ?? Date.now)();
    const policy = this.options.policy();
    const timeZone = policy.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const range = statsRange(now, timeZone, policy.weekStartsOn);
    const agentId = this.options.agentId();
    // Every callback still owed (ordered by time, so those past it come first): the overdue count
    // now, and when the next one becomes overdue.
    const [rows, escalations, owed] = await Promise.all([
      this.options.store.listInteractions({ since: range.start, until: range.end, limit: WEEK_LIMIT }),
      this.options.store.listEscalations({ limit: WEEK_LIMIT }),
      this.options.store.listCallbacks({ state: 'scheduled', limit: WEEK_LIMIT }),
    ]).catch((e: unknown) => {
      throw toBridgeError(e);
    });
    const interactions = rows.map(({ wrapUp: _wrapUp, ...interaction }) => interaction);
    const wrapUps = rows.flatMap((r) => (r.wrapUp === null ? [] : [r.wrapUp]));
    const stats = computeMyStats({ agentId, now, timeZone, weekStartsOn: policy.weekStartsOn, interactions, wrapUps, escalations });
    return {
      view: { agentId, ...stats, overdueCallbacks: countOverdue(owed, now) },
      nextChangeAt: nextStatsChange({ now, timeZone, escalations, callbacks: owed }),
    };
  }
}

export interface StatsPushOptions {
  /** The store's `outboxChanged`: every commit of work (a call logged, a wrap-up, an escalation, a callback) queues outbox rows. */
  events: StoreEventSource<'outboxChanged'>;
  scheduler: Scheduler;
  emit: (channel: 'stats.changed', payload: EventPayload<'stats.changed'>) => void;
  log: Logger;
}

/**
 * Pushes the figures (`stats.changed`) when they can have changed, instead of the window asking on
 * a clock: when work is committed (the store's `outboxChanged`) and at the next instant they
 * change by time alone (midnight, an SLA deadline, a callback falling overdue). Nothing runs while
 * nothing changes. Pushes coalesce: work committed during a computation makes one more.
 */
export class StatsPush {
  private cancelTimer: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly offChanged: () => void;

  constructor(
    private readonly service: StatsService,
    private readonly options: StatsPushOptions,
  ) {
    this.offChanged = options.events.on('outboxChanged', () => this.push());
  }

  /** A window asked (`stats.get`): answer, and wake at the next change by time from then on. */
  async get(): Promise<MyStatsView> {
    const computed = await this.service.computeWithNextChange();
    this.arm(computed.nextChangeAt);
    return computed.view;
  }

  /** Resolves when no push is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  push(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pushLoop().finally(() => {
      this.running = null;
    });
  }

  close(): void {
    this.closed = true;
    this.offChanged();
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private async pushLoop(): Promise<void> {
    do {
      this.again = false;
      try {
        const computed = await this.service.computeWithNextChange();
        if (this.closed) return;
        this.options.emit('stats.changed', computed.view);
        this.arm(computed.nextChangeAt);
      } catch (error) {
        this.options.log.warn('my stats not pushed', { error: error instanceof Error ? error.name : 'unknown' });
      }
    } while (this.again && !this.closed);
  }

  private arm(at: number): void {
    if (this.closed) return;
    this.cancelTimer?.();
    this.cancelTimer = this.options.scheduler.at(at, () => {
      this.cancelTimer = null;
      this.push();
    });
  }
}

/** My stats: computed from the work log on each ask, and pushed when it changes. */
export function createStatsFeature(
  options: StatsServiceOptions & StatsPushOptions,
): Feature & { service: StatsService; push: StatsPush; close(): void } {
  const service = new StatsService(options);
  const push = new StatsPush(service, options);
  return { name: 'stats', service, push, handlers: { 'stats.get': () => push.get() }, close: () => push.close() };
}
