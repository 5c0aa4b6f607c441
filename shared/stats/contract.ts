import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import type { STATS_COMMANDS, STATS_EVENTS, STATS_MEDIA } from './channels';

/**
 * "My stats": main computes the agent's figures for today and this week from the store
 * (interactions, wrap-ups, escalations) with shared/stats/my-stats.ts and answers `stats.get`.
 * The renderer asks when it (re)connects and when the agent's own work moves; main pushes the figures again (`stats.changed`) when work
 * is committed and when they change by time alone (midnight, an SLA deadline, a callback falling
 * overdue: shared/stats/next-change.ts), so nothing polls.
 * Targets come from docs/domain.md so the panel can say whether a figure is on target.
 */

const seconds = z.number().int().min(0).nullable();
const pct = z.number().min(0).nullable();
const count = z.number().int().min(0);

const complianceSchema = z.strictObject({ met: count, missed: count, overdue: count, pending: count, percent: pct });

const seriesPointSchema = z.strictObject({
  start: z.number().int(),
  end: z.number().int(),
  key: z.string(),
  label: z.string(),
  handled: count,
  missed: count,
  ahtSeconds: seconds,
});

export const periodStatsSchema = z.strictObject({
  start: z.number().int(),
  end: z.number().int(),
  contactsHandled: count,
  ahtSeconds: seconds,
  avgAfterCallWorkSeconds: seconds,
  resolvedOnFirstContact: count,
  fcrPercent: pct,
  awaitingWrapUp: count,
  escalations: count,
  escalationRatePercent: pct,
  missedCalls: count,
  /** Handled calls linked to a status feed incident in their wrap-up. */
  outageCalls: count,
  sla: z.strictObject({ acknowledge: complianceSchema, resolve: complianceSchema }),
  series: z.array(seriesPointSchema).max(24 * 7),
});
export type PeriodStatsView = z.output<typeof periodStatsSchema>;

/** Targets from docs/domain.md, "Metrics and targets". */
export const STATS_TARGETS = {
  ahtSecondsMin: 6 * 60,
  ahtSecondsMax: 10 * 60,
  fcrPercentMin: 72,
  escalationRatePercentMax: 10,
  slaCompliancePercentMin: 95,
} as const;

export const myStatsSchema = z.strictObject({
  agentId: z.string(),
  timeZone: z.string(),
  computedAt: z.number().int(),
  /** Callbacks still owed whose time passed (shared/callbacks/callback-rules.ts `isOverdue`), now, whatever the period. */
  overdueCallbacks: count,
  today: periodStatsSchema,
  week: periodStatsSchema,
});
export type MyStatsView = z.output<typeof myStatsSchema>;

export const statsCommands = {
  'stats.get': { request: z.strictObject({}), response: myStatsSchema },
} as const satisfies Record<(typeof STATS_COMMANDS)[number], CommandSpec>;

export const statsEvents = { 'stats.changed': myStatsSchema } as const satisfies Record<(typeof STATS_EVENTS)[number], z.ZodType>;
export const statsMedia = {} as const satisfies Record<(typeof STATS_MEDIA)[number], MediaSpec>;
