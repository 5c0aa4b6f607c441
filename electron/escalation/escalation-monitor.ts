import type { ChainRole } from '../../shared/config/workflow';
import { dueChainSteps, nextEscalationWake, readEscalationClocks } from '../../shared/escalation/escalation';
import type { EscalationRecord } from '../../shared/escalation/records';
import type { ClockStatus } from '../../shared/escalation/sla';
import { DeadlineQueue } from '../core/deadline-queue';
import type { Scheduler } from '../core/scheduler';

export type EscalationSignal =
  /** A clock changed status (to at risk, breached or met): refresh the countdown, alert on at risk / breached. */
  | { kind: 'clock'; escalationId: string; clock: 'acknowledge' | 'resolve'; status: ClockStatus }
  /** A chain role fell due and has not been told: page them, then record it (markChainStepNotified) and `update()` the record. */
  | { kind: 'chain-step-due'; escalationId: string; role: ChainRole };

/**
 * Watches open escalations and says when something changes by itself: a clock turns at risk or
 * breached, or a chain step (Team Lead, Service Manager, VP Operations) falls due. One timer for
 * all of them. On `track` it reports the current non-routine state once (an escalation that
 * breached while the app was closed is alerted on start).
 */
export class EscalationMonitor {
  private readonly records = new Map<string, EscalationRecord>();
  private readonly lastStatus = new Map<string, ClockStatus>();
  private readonly signalledSteps = new Set<string>();
  private readonly queue: DeadlineQueue<null>;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly atRiskFraction: () => number,
    private readonly onSignal: (signal: EscalationSignal) => void,
  ) {
    this.queue = new DeadlineQueue(scheduler, (id) => this.evaluate(id));
  }

  /** Starts (or continues) watching; pass the newest record after every change. */
  track(record: EscalationRecord): void {
    this.records.set(record.id, record);
    this.evaluate(record.id);
  }

  update(record: EscalationRecord): void {
    this.track(record);
  }

  untrack(id: string): void {
    this.records.delete(id);
    this.queue.delete(id);
    for (const key of [...this.lastStatus.keys()]) if (key.startsWith(`${id}\u0000`)) this.lastStatus.delete(key);
    for (const key of [...this.signalledSteps]) if (key.startsWith(`${id}\u0000`)) this.signalledSteps.delete(key);
  }

  get tracked(): number {
    return this.records.size;
  }

  close(): void {
    this.queue.close();
    this.records.clear();
  }

  private evaluate(id: string): void {
    const record = this.records.get(id);
    if (record === undefined) return;
    const now = this.scheduler.now();
    const fraction = this.atRiskFraction();
    const clocks = readEscalationClocks(record, now, fraction);
    for (const clock of ['acknowledge', 'resolve'] as const) {
      const status = clocks[clock].status;
      const key = `${id}\u0000${clock}`;
      const before = this.lastStatus.get(key);
      this.lastStatus.set(key, status);
      // First sight: only what needs attention; afterwards every change.
      if (before === undefined ? status === 'at-risk' || status === 'breached' : before !== status) {
        this.onSignal({ kind: 'clock', escalationId: id, clock, status });
      }
    }
    for (const role of dueChainSteps(record, now)) {
      const key = `${id}\u0000${role}`;
      if (this.signalledSteps.has(key)) continue;
      this.signalledSteps.add(key);
      this.onSignal({ kind: 'chain-step-due', escalationId: id, role });
    }
    const wake = nextEscalationWake(record, now, fraction);
    if (wake === null) {
      this.queue.delete(id);
      // Resolved: nothing more happens by itself.
      if (record.resolvedAt !== null) this.untrack(id);
    } else {
      this.queue.set(id, wake, null);
    }
  }
}
