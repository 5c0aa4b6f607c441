/**
 * SLA clocks. An escalation has two: acknowledge-by and resolve-by, both fixed when it is raised
 * from the policy then in force. A clock reads on track, at risk (less than the policy's share of
 * its time left, 20 % by default), breached (past its deadline and not done) or met (done by its
 * deadline); done late is breached for good.
 *
 * Countdowns and the at-risk share are wall-clock time even for business-hours clocks: "due in
 * 16 h" over a night is what actually happens, and the deadline itself already skips closed hours.
 */
import type { Priority, SlaPolicy } from '../config/workflow';
import { formatDuration } from '../time/duration';
import { addBusinessTime } from './business-hours';

const MINUTE = 60_000;

export interface SlaDeadlines {
  acknowledgeBy: number;
  resolveBy: number;
}

/** Deadlines for an escalation of `priority` raised at `raisedAt`. */
export function slaDeadlines(priority: Priority, raisedAt: number, policy: SlaPolicy): SlaDeadlines {
  const p = policy.priorities[priority];
  if (p.clock === 'business-hours') {
    const calendar = policy.businessHours;
    // The policy schema refuses business-hours clocks without a calendar; a hand-built policy
    // that skips parsing still must not silently run on the wrong clock.
    if (calendar === undefined) throw new Error(`SLA policy: ${priority} uses business hours but no calendar is set`);
    return {
      acknowledgeBy: addBusinessTime(raisedAt, p.acknowledgeMinutes * MINUTE, calendar),
      resolveBy: addBusinessTime(raisedAt, p.resolveMinutes * MINUTE, calendar),
    };
  }
  return { acknowledgeBy: raisedAt + p.acknowledgeMinutes * MINUTE, resolveBy: raisedAt + p.resolveMinutes * MINUTE };
}

export type ClockStatus = 'on-track' | 'at-risk' | 'breached' | 'met';

export interface ClockReading {
  status: ClockStatus;
  /** The clock stopped (acknowledged / resolved). */
  done: boolean;
  deadline: number;
  /** Time until the deadline; 0 once done or overdue. */
  remainingMs: number;
  /** How late: now minus deadline while running, done-at minus deadline once done late; else 0. */
  overdueMs: number;
  /** Share of the clock's time still left, 0-1 (0 when done or overdue). */
  fractionLeft: number;
}

/** When a running clock turns at risk. */
export function atRiskFrom(startedAt: number, deadline: number, atRiskFraction: number): number {
  return deadline - Math.floor((deadline - startedAt) * atRiskFraction);
}

/**
 * Reads a clock at `now`. Done exactly at the deadline is met; running, the clock is breached
 * from the first millisecond after it.
 */
export function readClock(startedAt: number, deadline: number, doneAt: number | null, now: number, atRiskFraction: number): ClockReading {
  if (doneAt !== null) {
    const late = doneAt > deadline;
    return {
      status: late ? 'breached' : 'met',
      done: true,
      deadline,
      remainingMs: 0,
      overdueMs: late ? doneAt - deadline : 0,
      fractionLeft: 0,
    };
  }
  if (now > deadline) {
    return { status: 'breached', done: false, deadline, remainingMs: 0, overdueMs: now - deadline, fractionLeft: 0 };
  }
  const total = Math.max(1, deadline - startedAt);
  const remainingMs = deadline - now;
  const fractionLeft = Math.min(1, remainingMs / total);
  const status: ClockStatus = now >= atRiskFrom(startedAt, deadline, atRiskFraction) ? 'at-risk' : 'on-track';
  return { status, done: false, deadline, remainingMs, overdueMs: 0, fractionLeft };
}

/** Outcome of one clock for compliance reports: pending is still running within its time. */
export type SlaOutcome = 'met' | 'missed' | 'pending' | 'overdue';

export function outcomeOf(reading: ClockReading): SlaOutcome {
  if (reading.done) return reading.status === 'met' ? 'met' : 'missed';
  return reading.status === 'breached' ? 'overdue' : 'pending';
}

/** Instants after `now` at which a running clock's reading changes status. */
export function clockWakeTimes(startedAt: number, deadline: number, doneAt: number | null, now: number, atRiskFraction: number): number[] {
  if (doneAt !== null) return [];
  return [atRiskFrom(startedAt, deadline, atRiskFraction), deadline + 1].filter((t) => t > now);
}

/** What a clock says in words: "12:04 left", "At risk: 2:10 left", "Overdue by 4:12", "Met", "Breached by 3:00". */
export function describeClock(reading: ClockReading): string {
  switch (reading.status) {
    case 'met':
      return 'Met';
    case 'breached':
      return reading.done ? `Breached by ${formatDuration(reading.overdueMs)}` : `Overdue by ${formatDuration(reading.overdueMs)}`;
    case 'at-risk':
      return `At risk: ${formatDuration(reading.remainingMs)} left`;
    case 'on-track':
      return `${formatDuration(reading.remainingMs)} left`;
  }
}
