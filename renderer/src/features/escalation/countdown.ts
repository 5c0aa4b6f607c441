import { formatDuration } from '../../../../shared/time/duration';
import { readEscalationClocks, readChain } from '../../../../shared/escalation/escalation';
import type { EscalationRecord } from '../../../../shared/escalation/records';
import { useClockEvery } from '../../ui/use-clock';

/** The current time, ticking once a second while countdowns are shown (`showing`), and not at all otherwise. */
export function useNow(showing: boolean): number {
  return useClockEvery(showing ? 1000 : null);
}

/** "3 min", "1 h 05 min": how late, in words that do not tick every second. */
export function overdueWords(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(minutes / (24 * 60))} d ${Math.floor((minutes % (24 * 60)) / 60)} h`;
}

export interface ClockText {
  text: string;
  tone: 'ok' | 'warn' | 'late' | 'done';
}

/** "Acknowledge in 14:32", "Acknowledge: overdue by 3 min", "Acknowledged", "Acknowledged 2 min late". */
export function clockText(record: EscalationRecord, which: 'acknowledge' | 'resolve', now: number, atRiskFraction: number): ClockText {
  const reading = readEscalationClocks(record, now, atRiskFraction)[which];
  const verb = which === 'acknowledge' ? 'Acknowledge' : 'Resolve';
  const done = which === 'acknowledge' ? 'Acknowledged' : 'Resolved';
  switch (reading.status) {
    case 'met':
      return { text: done, tone: 'done' };
    case 'breached':
      return reading.done
        ? { text: `${done} ${overdueWords(reading.overdueMs)} late`, tone: 'late' }
        : { text: `${verb}: overdue by ${overdueWords(reading.overdueMs)}`, tone: 'late' };
    case 'at-risk':
      return { text: `${verb} in ${formatDuration(reading.remainingMs)}`, tone: 'warn' };
    case 'on-track':
      return { text: `${verb} in ${formatDuration(reading.remainingMs)}`, tone: 'ok' };
  }
}

/** "Chain: Team Lead in 12:04", "Chain: Team Lead involved; Service Manager in 29:10", "" when no chain runs. */
export function chainText(record: EscalationRecord, now: number): string {
  if (record.chain.length === 0) return '';
  const chain = readChain(record, now);
  const current = chain.steps.filter((s) => s.state === 'notified' || s.state === 'acknowledged' || s.state === 'due').at(-1);
  const parts: string[] = [];
  if (current) parts.push(`${current.label} involved`);
  if (chain.next) {
    const label = chain.steps.find((s) => s.role === chain.next?.role)?.label ?? chain.next.role;
    parts.push(`${label} in ${formatDuration(chain.next.dueAt - now)}`);
  }
  return parts.length === 0 ? '' : `Chain: ${parts.join('; ')}`;
}
