import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallbackReminders, type CallbackReminder } from '../../../electron/agent/callback-reminders';
import { DeadlineQueue } from '../../../electron/core/deadline-queue';
import { EscalationMonitor, type EscalationSignal } from '../../../electron/escalation/escalation-monitor';
import { createTimerScheduler } from '../../../electron/core/scheduler';
import { acknowledgeEscalation, markChainStepNotified, raiseEscalation, resolveEscalation } from '../../../shared/escalation/escalation';
import type { EscalationRecord } from '../../../shared/escalation/records';
import { config, DAY, HOUR, MIN, SEC, T0 } from './fixtures';

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function must<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function p1(now = T0, id = 'e1'): EscalationRecord {
  return must(
    raiseEscalation(
      {
        source: 'case',
        interactionId: null,
        caseId: 'k1',
        customerId: null,
        tier: 'tier-2',
        group: 'network',
        priority: 'P1',
        summary: '',
        handoff: { customerExpectation: 'a', troubleshootingDone: 'b', recommendedNextSteps: 'c' },
      },
      { id, agentId: 'me', now, config },
    ),
  );
}

describe('scheduler', () => {
  it('fires at the instant asked for, also weeks ahead (beyond setTimeout’s limit), and can be cancelled', async () => {
    const s = createTimerScheduler();
    const fired: number[] = [];
    s.at(T0 + 30 * DAY, () => fired.push(Date.now()));
    const cancel = s.at(T0 + DAY, () => fired.push(-1));
    s.at(T0 - 5, () => fired.push(Date.now()));
    await vi.advanceTimersByTimeAsync(0);
    expect(fired).toEqual([T0]);
    cancel();
    await vi.advanceTimersByTimeAsync(30 * DAY - 1);
    expect(fired).toEqual([T0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fired).toEqual([T0, T0 + 30 * DAY]);
  });
});

describe('DeadlineQueue', () => {
  it('fires due entries in order on one timer; a re-set replaces, a delete removes', async () => {
    const fired: string[] = [];
    const q = new DeadlineQueue<string>(createTimerScheduler(), (key, value) => fired.push(`${key}:${value}`));
    q.set('a', T0 + 3 * SEC, 'x');
    q.set('b', T0 + 1 * SEC, 'y');
    q.set('c', T0 + 2 * SEC, 'z');
    q.set('a', T0 + 1 * SEC, 'x2');
    q.delete('c');
    expect(q.nextDue()).toBe(T0 + SEC);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(SEC);
    expect(fired.sort()).toEqual(['a:x2', 'b:y']);
    expect(q.size).toBe(0);
    expect(q.nextDue()).toBeNull();
    q.set('late', T0 - HOUR, 'overdue');
    await vi.advanceTimersByTimeAsync(0);
    expect(fired).toContain('late:overdue');
    q.close();
    q.set('after-close', T0 + 2 * SEC, 'no');
    await vi.advanceTimersByTimeAsync(5 * SEC);
    expect(fired).not.toContain('after-close:no');
  });
});

describe('EscalationMonitor', () => {
  it('signals at risk, breached and chain steps as they happen, each once', async () => {
    const signals: EscalationSignal[] = [];
    const monitor = new EscalationMonitor(
      createTimerScheduler(),
      () => 0.2,
      (s) => signals.push(s),
    );
    let e = p1();
    monitor.track(e);
    expect(signals).toEqual([]);
    await vi.advanceTimersByTimeAsync(12 * MIN);
    expect(signals).toEqual([{ kind: 'clock', escalationId: 'e1', clock: 'acknowledge', status: 'at-risk' }]);
    await vi.advanceTimersByTimeAsync(3 * MIN + 1);
    expect(signals.at(-1)).toEqual({ kind: 'clock', escalationId: 'e1', clock: 'acknowledge', status: 'breached' });
    await vi.advanceTimersByTimeAsync(15 * MIN);
    expect(signals.at(-1)).toEqual({ kind: 'chain-step-due', escalationId: 'e1', role: 'team-lead' });
    e = must(markChainStepNotified(e, 'team-lead', Date.now()));
    monitor.update(e);
    e = must(acknowledgeEscalation(e, Date.now()));
    monitor.update(e);
    const count = signals.length;
    await vi.advanceTimersByTimeAsync(30 * MIN);
    expect(signals.slice(count)).toEqual([{ kind: 'chain-step-due', escalationId: 'e1', role: 'service-manager' }]);
    e = must(resolveEscalation(e, Date.now()));
    monitor.update(e);
    expect(signals.at(-1)).toEqual({ kind: 'clock', escalationId: 'e1', clock: 'resolve', status: 'met' });
    expect(monitor.tracked).toBe(0);
    const total = signals.length;
    await vi.advanceTimersByTimeAsync(5 * HOUR);
    expect(signals).toHaveLength(total);
    monitor.close();
  });

  it('alerts at once on an escalation that breached while the app was closed', () => {
    const signals: EscalationSignal[] = [];
    const monitor = new EscalationMonitor(
      createTimerScheduler(),
      () => 0.2,
      (s) => signals.push(s),
    );
    monitor.track(p1(T0 - 2 * HOUR, 'old'));
    // Resolve is on track (half its 4 h left): nothing to say about it on first sight.
    expect(signals).toEqual([
      { kind: 'clock', escalationId: 'old', clock: 'acknowledge', status: 'breached' },
      { kind: 'chain-step-due', escalationId: 'old', role: 'team-lead' },
      { kind: 'chain-step-due', escalationId: 'old', role: 'service-manager' },
    ]);
    monitor.untrack('old');
    expect(monitor.tracked).toBe(0);
    monitor.close();
  });
});

describe('CallbackReminders', () => {
  it('reminds at the reminder time, and at once (marked late) for reminders missed while closed', async () => {
    const got: CallbackReminder[] = [];
    const reminders = new CallbackReminders(createTimerScheduler(), (r) => got.push(r));
    reminders.schedule({ interactionId: 'i1', at: T0 + HOUR, remindAt: T0 + HOUR - 5 * MIN });
    reminders.schedule({ interactionId: 'i2', at: T0 + 2 * HOUR, remindAt: T0 + 2 * HOUR - 5 * MIN });
    reminders.schedule({ interactionId: 'i0', at: T0 - HOUR, remindAt: T0 - HOUR - 5 * MIN });
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toEqual([{ interactionId: 'i0', at: T0 - HOUR, remindAt: T0 - HOUR - 5 * MIN, late: true }]);
    reminders.cancel('i2');
    expect(reminders.pending).toBe(1);
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(got.slice(1)).toEqual([{ interactionId: 'i1', at: T0 + HOUR, remindAt: T0 + HOUR - 5 * MIN, late: false }]);
    reminders.close();
  });
});
