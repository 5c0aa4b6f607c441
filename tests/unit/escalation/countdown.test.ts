import { afterEach, describe, expect, it } from 'vitest';
import { defaultWorkflowConfig } from '../../../electron/agent/workflow-defaults';
import { acknowledgeEscalation, markChainStepNotified, raiseEscalation, resolveEscalation } from '../../../shared/escalation/escalation';
import type { EscalationRecord } from '../../../shared/escalation/records';
import { chainText, clockText, overdueWords } from '../../../renderer/src/features/escalation/countdown';
import { i18n } from '../../../renderer/src/i18n';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);

function p1(): EscalationRecord {
  const result = raiseEscalation(
    {
      source: 'case',
      interactionId: null,
      caseId: 'CS-1',
      customerId: null,
      tier: 'tier-2',
      group: 'network',
      priority: 'P1',
      summary: '',
      handoff: { customerExpectation: 'a', troubleshootingDone: 'b', recommendedNextSteps: 'c' },
    },
    { id: 'E-1', agentId: 'agent', now: T0, config: defaultWorkflowConfig() },
  );
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('escalation countdown text', () => {
  it('counts down to acknowledge-by and resolve-by, then says how late in minutes', () => {
    const r = p1();
    expect(clockText(r, 'acknowledge', T0 + 28_000, 0.2)).toEqual({ text: 'Acknowledge in 14:32', tone: 'ok' });
    expect(clockText(r, 'acknowledge', T0 + 13 * MIN, 0.2)).toEqual({ text: 'Acknowledge in 2:00', tone: 'warn' });
    expect(clockText(r, 'acknowledge', T0 + 18 * MIN + 30_000, 0.2)).toEqual({ text: 'Acknowledge: overdue by 3 min', tone: 'late' });
    expect(clockText(r, 'resolve', T0 + MIN, 0.2).text).toBe('Resolve in 3 h 59 min');
    expect(clockText(r, 'resolve', T0 + 5 * 60 * MIN + 5 * MIN, 0.2).text).toBe('Resolve: overdue by 1 h 05 min');
  });

  it('shows done clocks as met or late', () => {
    const acked = acknowledgeEscalation(p1(), T0 + 10 * MIN);
    if (!acked.ok) throw new Error(acked.message);
    expect(clockText(acked.value, 'acknowledge', T0 + 20 * MIN, 0.2)).toEqual({ text: 'Acknowledged', tone: 'done' });
    const late = resolveEscalation(p1(), T0 + 4 * 60 * MIN + 2 * MIN);
    if (!late.ok) throw new Error(late.message);
    expect(clockText(late.value, 'acknowledge', T0 + 5 * 60 * MIN, 0.2).text).toBe('Acknowledged 3 h 47 min late');
    expect(clockText(late.value, 'resolve', T0 + 5 * 60 * MIN, 0.2).text).toBe('Resolved 2 min late');
  });

  it('names the chain step involved and the next one with its countdown', () => {
    const r = p1();
    expect(chainText(r, T0)).toBe('Chain: Team Lead in 30:00');
    const notified = markChainStepNotified(r, 'team-lead', T0 + 30 * MIN);
    if (!notified.ok) throw new Error(notified.message);
    expect(chainText(notified.value, T0 + 31 * MIN)).toBe('Chain: Team Lead involved; Service Manager in 29:00');
    const noChain = { ...r, chain: [] };
    expect(chainText(noChain, T0)).toBe('');
  });

  it('rounds overdue time to whole minutes, at least 1', () => {
    expect(overdueWords(1)).toBe('1 min');
    expect(overdueWords(59 * MIN + 59_000)).toBe('59 min');
    expect(overdueWords(26 * 60 * MIN)).toBe('1 d 2 h');
  });
});

describe('escalation countdown text in German', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('says the same states in the window language', async () => {
    await i18n.changeLanguage('de');
    const r = p1();
    expect(clockText(r, 'acknowledge', T0 + 28_000, 0.2)).toEqual({ text: 'Annahme in 14:32', tone: 'ok' });
    expect(clockText(r, 'acknowledge', T0 + 18 * MIN + 30_000, 0.2)).toEqual({ text: 'Annahme: seit 3 Min. überfällig', tone: 'late' });
    expect(clockText(r, 'resolve', T0 + 5 * 60 * MIN + 5 * MIN, 0.2).text).toBe('Lösung: seit 1 Std. 05 Min. überfällig');
    expect(clockText(r, 'resolve', T0 + MIN, 0.2).text).toBe('Lösung in 3 Std. 59 Min.');
    expect(overdueWords(26 * 60 * MIN)).toBe('1 Tg. 2 Std.');
    expect(chainText(r, T0)).toBe('Eskalationskette: Team Lead in 30:00');
  });
});
