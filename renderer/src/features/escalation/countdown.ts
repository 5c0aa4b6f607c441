import { readEscalationClocks, readChain } from '../../../../shared/escalation/escalation';
import type { EscalationRecord } from '../../../../shared/escalation/records';
import { i18n } from '../../i18n';
import { useClockEvery } from '../../ui/use-clock';

/** The current time, ticking once a second while countdowns are shown (`showing`), and not at all otherwise. */
export function useNow(showing: boolean): number {
  return useClockEvery(showing ? 1000 : null);
}

/** "3 min", "1 h 05 min", "1 d 2 h" (German "3 Min." …): how late, in words that do not tick every second. */
export function overdueWords(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  if (minutes < 60) return i18n.t('escalation:units.minutes', { minutes });
  if (minutes < 24 * 60)
    return i18n.t('escalation:units.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
  return i18n.t('escalation:units.daysHours', { days: Math.floor(minutes / (24 * 60)), hours: Math.floor((minutes % (24 * 60)) / 60) });
}

/**
 * A countdown: under an hour a ticking "14:32" (the same in every language), then "3 h 59 min" /
 * "3 Std. 59 Min.", then "1 d 4 h" / "1 Tg. 4 Std.".
 */
export function countdownWords(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  if (total < 3600) return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
  const minutes = Math.floor(total / 60);
  if (minutes < 24 * 60)
    return i18n.t('escalation:units.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
  return i18n.t('escalation:units.daysHours', { days: Math.floor(minutes / (24 * 60)), hours: Math.floor((minutes % (24 * 60)) / 60) });
}

/**
 * A clock's state: `ok` on track, `warn` due soon (inside the at-risk share of its time), `late`
 * breached (overdue, or done after its deadline), `done` met in time.
 */
export type ClockTone = 'ok' | 'warn' | 'late' | 'done';

export interface ClockText {
  text: string;
  tone: ClockTone;
}

/**
 * "Acknowledge in 14:32", "Acknowledge: overdue by 3 min", "Acknowledged", "Acknowledged 2 min late".
 */
export function clockText(record: EscalationRecord, which: 'acknowledge' | 'resolve', now: number, atRiskFraction: number): ClockText {
  const reading = readEscalationClocks(record, now, atRiskFraction)[which];
  const ack = which === 'acknowledge';
  switch (reading.status) {
    case 'met':
      return { text: ack ? i18n.t('escalation:clock.acknowledged') : i18n.t('escalation:clock.resolved'), tone: 'done' };
    case 'breached': {
      const time = overdueWords(reading.overdueMs);
      if (reading.done)
        return {
          text: ack ? i18n.t('escalation:clock.acknowledgedLate', { time }) : i18n.t('escalation:clock.resolvedLate', { time }),
          tone: 'late',
        };
      return {
        text: ack ? i18n.t('escalation:clock.acknowledgeOverdue', { time }) : i18n.t('escalation:clock.resolveOverdue', { time }),
        tone: 'late',
      };
    }
    case 'at-risk':
    case 'on-track': {
      const time = countdownWords(reading.remainingMs);
      return {
        text: ack ? i18n.t('escalation:clock.acknowledgeIn', { time }) : i18n.t('escalation:clock.resolveIn', { time }),
        tone: reading.status === 'at-risk' ? 'warn' : 'ok',
      };
    }
  }
}

/** "Chain: Team Lead in 12:04", "Chain: Team Lead involved; Service Manager in 29:10", "" when no chain runs. */
export function chainText(record: EscalationRecord, now: number): string {
  if (record.chain.length === 0) return '';
  const chain = readChain(record, now);
  const current = chain.steps.filter((s) => s.state === 'notified' || s.state === 'acknowledged' || s.state === 'due').at(-1);
  const parts: string[] = [];
  if (current) parts.push(i18n.t('escalation:chain.involved', { label: current.label }));
  if (chain.next) {
    const label = chain.steps.find((s) => s.role === chain.next?.role)?.label ?? chain.next.role;
    parts.push(i18n.t('escalation:chain.next', { label, time: countdownWords(chain.next.dueAt - now) }));
  }
  return parts.length === 0 ? '' : i18n.t('escalation:chain.text', { steps: parts.join(i18n.t('escalation:chain.separator')) });
}
