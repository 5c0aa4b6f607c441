import { OVERDUE_AFTER_MINUTES } from '../callbacks/callback-rules';
import type { EscalationRecord } from '../escalation/records';
import type { Callback } from '../store/types';
import { dayInterval } from '../time/time-zone';

const MINUTE = 60_000;

export interface StatsClockInput {
  now: number;
  timeZone: string;
  escalations: readonly Pick<EscalationRecord, 'acknowledgeBy' | 'acknowledgedAt' | 'resolveBy' | 'resolvedAt'>[];
  /** The callbacks still owed. */
  callbacks: readonly Pick<Callback, 'dueAt'>[];
}

/**
 * The next instant after `now` at which "My stats" changes by time alone, with no new work: the
 * local midnight (today becomes a new day; a week also starts at a midnight), an open escalation's
 * acknowledge or resolve deadline passing (pending → overdue in the SLA figures; a clock is
 * breached from a millisecond after its deadline, shared/escalation/sla.ts), and a callback
 * becoming overdue. Main pushes the figures again then instead of polling
 * (docs/performance.md, "Start-up, memory and idle CPU").
 */
export function nextStatsChange(input: StatsClockInput): number {
  const { now } = input;
  let next = dayInterval(now, input.timeZone).end;
  const consider = (at: number): void => {
    if (at > now && at < next) next = at;
  };
  for (const e of input.escalations) {
    if (e.acknowledgedAt === null) consider(e.acknowledgeBy + 1);
    if (e.resolvedAt === null) consider(e.resolveBy + 1);
  }
  for (const cb of input.callbacks) consider(cb.dueAt + OVERDUE_AFTER_MINUTES * MINUTE);
  return next;
}
