import type { StatsPolicy } from '../../shared/config/workflow';
import type { MyStatsView } from '../../shared/stats/contract';
import { countOverdue } from '../../shared/callbacks/callback-rules';
import { computeMyStats, statsRange } from '../../shared/stats/my-stats';
import type { Feature } from '../core/feature';
import { toBridgeError } from '../store/bridge-errors';
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

/**
 * "My stats" in main: reads this week's interactions (with their wrap-ups), the agent's
 * escalations and the callbacks past their time from the store and computes today and this week with shared/stats/my-stats.ts.
 */
export class StatsService {
  constructor(private readonly options: StatsServiceOptions) {}

  async compute(): Promise<MyStatsView> {
    const now = (this.options.now ?? Date.now)();
    const policy = this.options.policy();
    const timeZone = policy.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const range = statsRange(now, timeZone, policy.weekStartsOn);
    const agentId = this.options.agentId();
    const [rows, escalations, pastDue] = await Promise.all([
      this.options.store.listInteractions({ since: range.start, until: range.end, limit: WEEK_LIMIT }),
      this.options.store.listEscalations({ limit: WEEK_LIMIT }),
      this.options.store.listCallbacks({ state: 'scheduled', dueBefore: now, limit: WEEK_LIMIT }),
    ]).catch((e: unknown) => {
      throw toBridgeError(e);
    });
    const interactions = rows.map(({ wrapUp: _wrapUp, ...interaction }) => interaction);
    const wrapUps = rows.flatMap((r) => (r.wrapUp === null ? [] : [r.wrapUp]));
    const stats = computeMyStats({ agentId, now, timeZone, weekStartsOn: policy.weekStartsOn, interactions, wrapUps, escalations });
    return { agentId, ...stats, overdueCallbacks: countOverdue(pastDue, now) };
  }
}

/** My stats: computed from the work log on each ask. */
export function createStatsFeature(options: StatsServiceOptions): Feature & { service: StatsService } {
  const service = new StatsService(options);
  return { name: 'stats', service, handlers: { 'stats.get': () => service.compute() } };
}
