import { describe, expect, it } from 'vitest';
import { escalationMatrixSchema, slaPolicySchema, type WorkflowConfig } from '../../../shared/config/workflow';
import {
  acknowledgeChainStep,
  acknowledgeEscalation,
  dueChainSteps,
  escalationCompliance,
  groupsFor,
  markChainStepNotified,
  nextEscalationWake,
  raiseEscalation,
  readChain,
  readEscalationClocks,
  recordWarmTransfer,
  resolveEscalation,
  validateEscalation,
  type EscalationRequest,
} from '../../../shared/escalation/escalation';
import { escalationRecordSchema, type EscalationRecord } from '../../../shared/escalation/records';
import { describeClock, readClock, slaDeadlines } from '../../../shared/escalation/sla';
import { formatDuration } from '../../../shared/time/duration';
import { config, DAY, HOUR, MIN, SEC, T0 } from '../workflow/fixtures';
import { withoutTexts } from '../agent/without-texts';

const request: EscalationRequest = {
  source: 'call',
  interactionId: 'i1',
  caseId: 'case-7',
  customerId: 'cust-3',
  tier: 'tier-2',
  group: 'network',
  priority: 'P1',
  summary: 'Whole street without service',
  handoff: {
    customerExpectation: 'Service back today; call with an update by 14:00.',
    troubleshootingDone: 'Checked line status (down), rebooted router, outage map shows nothing.',
    recommendedNextSteps: 'Check the street cabinet; open a network incident.',
  },
};

function raise(
  req: EscalationRequest = request,
  now = T0,
  cfg: Pick<WorkflowConfig, 'escalationMatrix' | 'sla'> = config,
): EscalationRecord {
  const r = raiseEscalation(req, { id: 'e1', agentId: 'agent-1', now, config: cfg });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function must<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('validating an escalation', () => {
  const withHandoff = (h: Partial<EscalationRequest['handoff']>): EscalationRequest => ({
    ...request,
    handoff: { ...request.handoff, ...h },
  });

  it('accepts a complete handoff', () => {
    expect(validateEscalation(request, config.escalationMatrix)).toEqual({ ok: true, value: request });
  });

  it('names each missing handoff field in one sentence, in form order', () => {
    const r = validateEscalation(withHandoff({ customerExpectation: '', recommendedNextSteps: '   ' }), config.escalationMatrix);
    expect(withoutTexts(r)).toEqual({
      ok: false,
      message: 'Missing: customer expectation, recommended next steps',
      errors: [
        { field: 'handoff.customerExpectation', message: 'Missing: customer expectation, recommended next steps' },
        { field: 'handoff.recommendedNextSteps', message: 'Missing: customer expectation, recommended next steps' },
      ],
    });
    expect(validateEscalation(withHandoff({ troubleshootingDone: '' }), config.escalationMatrix)).toMatchObject({
      message: 'Missing: troubleshooting performed',
    });
    expect(
      validateEscalation(
        withHandoff({ customerExpectation: '', troubleshootingDone: '', recommendedNextSteps: '' }),
        config.escalationMatrix,
      ),
    ).toMatchObject({ message: 'Missing: customer expectation, troubleshooting performed, recommended next steps' });
  });

  it('refuses over-long fields with their limits', () => {
    expect(validateEscalation(withHandoff({ troubleshootingDone: 'x'.repeat(8001) }), config.escalationMatrix)).toMatchObject({
      ok: false,
      message: 'Troubleshooting performed is too long (8001 characters; at most 8000).',
    });
    expect(validateEscalation({ ...request, summary: 's'.repeat(201) }, config.escalationMatrix)).toMatchObject({
      ok: false,
      message: 'The summary is too long (201 characters; at most 200).',
    });
  });

  it('checks tier and group against the matrix, and the priorities a group takes', () => {
    expect(validateEscalation({ ...request, tier: '' }, config.escalationMatrix)).toMatchObject({
      message: 'Choose a tier.',
      errors: [{ field: 'tier' }],
    });
    expect(validateEscalation({ ...request, tier: 'tier-9' }, config.escalationMatrix)).toMatchObject({
      message: 'Tier "tier-9" is not in the escalation matrix.',
    });
    expect(validateEscalation({ ...request, group: '' }, config.escalationMatrix)).toMatchObject({ message: 'Choose a group.' });
    expect(validateEscalation({ ...request, group: 'engineering' }, config.escalationMatrix)).toMatchObject({
      message: 'Group "engineering" is not in Tier 2.',
    });
    expect(validateEscalation({ ...request, priority: 'P4' }, config.escalationMatrix)).toMatchObject({
      message: 'Network operations (outages) does not take P4 escalations (it takes P1, P2).',
    });
    expect(validateEscalation({ ...request, priority: 'P7' as 'P1' }, config.escalationMatrix)).toMatchObject({
      errors: [{ field: 'priority', message: 'Choose a priority from P1 to P4.' }],
    });
    expect(groupsFor(config.escalationMatrix, 'tier-2', 'P4').map((g) => g.id)).toEqual([
      'billing',
      'technical',
      'customer-relations',
      'orders',
    ]);
    expect(groupsFor(config.escalationMatrix, 'nope', 'P1')).toEqual([]);
  });

  it('needs the call or the case it comes from', () => {
    expect(validateEscalation({ ...request, interactionId: null }, config.escalationMatrix)).toMatchObject({
      message: 'An escalation from a call needs the call it came from.',
    });
    expect(validateEscalation({ ...request, source: 'case', caseId: null }, config.escalationMatrix)).toMatchObject({
      message: 'Choose the case to escalate.',
    });
  });

  it('puts several problems in one message, each a sentence', () => {
    const r = validateEscalation({ ...withHandoff({ customerExpectation: '' }), group: '' }, config.escalationMatrix);
    expect(r).toMatchObject({ ok: false, message: 'Missing: customer expectation. Choose a group.' });
  });
});

describe('raising an escalation', () => {
  it.each([
    ['P1', 15 * MIN, 4 * HOUR, 3],
    ['P2', HOUR, 24 * HOUR, 0],
    ['P3', 24 * HOUR, 72 * HOUR, 0],
    ['P4', 24 * HOUR, 14 * DAY, 0],
  ] as const)('%s gets acknowledge-by and resolve-by from the default policy', (priority, ack, resolve, chainSteps) => {
    const e = raise({ ...request, priority, group: 'technical' });
    expect(e).toMatchObject({
      priority,
      createdAt: T0,
      acknowledgeBy: T0 + ack,
      resolveBy: T0 + resolve,
      acknowledgedAt: null,
      resolvedAt: null,
      revision: 0,
    });
    expect(e.chain).toHaveLength(chainSteps);
    expect(escalationRecordSchema.parse(e)).toEqual(e);
  });

  it('sets the chain due times for a P1: Team Lead 30 min, Service Manager 60 min, VP Operations 4 h', () => {
    expect(raise().chain).toEqual([
      { role: 'team-lead', dueAt: T0 + 30 * MIN, notifiedAt: null, acknowledgedAt: null },
      { role: 'service-manager', dueAt: T0 + 60 * MIN, notifiedAt: null, acknowledgedAt: null },
      { role: 'vp-operations', dueAt: T0 + 4 * HOUR, notifiedAt: null, acknowledgedAt: null },
    ]);
  });

  it('follows a configured policy and chain', () => {
    const cfg = {
      escalationMatrix: escalationMatrixSchema.parse({
        ...config.escalationMatrix,
        chain: [{ role: 'team-lead', afterMinutes: 10 }],
        chainPriorities: ['P1', 'P2'],
      }),
      sla: slaPolicySchema.parse({ priorities: { P2: { acknowledgeMinutes: 30, resolveMinutes: 600 } } }),
    };
    const e = raise({ ...request, priority: 'P2' }, T0, cfg);
    expect(e).toMatchObject({
      acknowledgeBy: T0 + 30 * MIN,
      resolveBy: T0 + 10 * HOUR,
      chain: [{ role: 'team-lead', dueAt: T0 + 10 * MIN }],
    });
  });

  it('trims the handoff and refuses what validation refuses', () => {
    const e = raise({ ...request, summary: '  Street down  ', handoff: { ...request.handoff, customerExpectation: '  Fix today \n' } });
    expect(e.summary).toBe('Street down');
    expect(e.handoff.customerExpectation).toBe('Fix today');
    expect(
      raiseEscalation(
        { ...request, handoff: { ...request.handoff, recommendedNextSteps: '' } },
        { id: 'e', agentId: 'a', now: T0, config },
      ),
    ).toMatchObject({ ok: false, message: 'Missing: recommended next steps' });
  });
});

describe('SLA clocks', () => {
  it('reads on track, at risk in the last 20 %, breached after the deadline', () => {
    const e = raise();
    const ack = (now: number) => readEscalationClocks(e, now, 0.2).acknowledge;
    expect(ack(T0 + 5 * MIN)).toEqual({
      status: 'on-track',
      done: false,
      deadline: T0 + 15 * MIN,
      remainingMs: 10 * MIN,
      overdueMs: 0,
      fractionLeft: 10 / 15,
    });
    expect(ack(T0 + 12 * MIN - 1).status).toBe('on-track');
    expect(ack(T0 + 12 * MIN).status).toBe('at-risk');
    expect(ack(T0 + 15 * MIN)).toMatchObject({ status: 'at-risk', remainingMs: 0 });
    expect(ack(T0 + 15 * MIN + 1)).toMatchObject({ status: 'breached', remainingMs: 0, overdueMs: 1 });
    expect(readEscalationClocks(e, T0 + 3 * HOUR + 12 * MIN, 0.2).resolve.status).toBe('at-risk');
    expect(readEscalationClocks(e, T0 + 5 * MIN, 0.5).acknowledge.status).toBe('on-track');
    expect(readEscalationClocks(e, T0 + 8 * MIN, 0.5).acknowledge.status).toBe('at-risk');
  });

  it('stops the acknowledge clock on acknowledgement: met in time, breached when late', () => {
    const onTime = must(acknowledgeEscalation(raise(), T0 + 15 * MIN));
    expect(readEscalationClocks(onTime, T0 + HOUR, 0.2).acknowledge).toMatchObject({ status: 'met', done: true, overdueMs: 0 });
    expect(onTime).toMatchObject({ acknowledgedAt: T0 + 15 * MIN, revision: 1, updatedAt: T0 + 15 * MIN });
    const late = must(acknowledgeEscalation(raise(), T0 + 20 * MIN));
    expect(readEscalationClocks(late, T0 + HOUR, 0.2).acknowledge).toMatchObject({ status: 'breached', done: true, overdueMs: 5 * MIN });
    expect(escalationCompliance(late, T0 + HOUR)).toEqual({ acknowledge: 'missed', resolve: 'pending' });
  });

  it('counts a resolution without acknowledgement as acknowledged then', () => {
    const r = must(resolveEscalation(raise(), T0 + 10 * MIN));
    expect(r).toMatchObject({ acknowledgedAt: T0 + 10 * MIN, resolvedAt: T0 + 10 * MIN });
    expect(escalationCompliance(r, T0 + DAY)).toEqual({ acknowledge: 'met', resolve: 'met' });
  });

  it('reports overdue open clocks for compliance', () => {
    expect(escalationCompliance(raise(), T0 + 5 * HOUR)).toEqual({ acknowledge: 'overdue', resolve: 'overdue' });
  });

  it('refuses acknowledging or resolving twice, or before it was raised', () => {
    const acked = must(acknowledgeEscalation(raise(), T0 + MIN));
    expect(acknowledgeEscalation(acked, T0 + 2 * MIN)).toMatchObject({ ok: false, message: 'This escalation is already acknowledged.' });
    expect(acknowledgeEscalation(raise(), T0 - 1)).toMatchObject({
      ok: false,
      message: 'The acknowledgement time is before the escalation was raised.',
    });
    expect(resolveEscalation(raise(), T0 - 1)).toMatchObject({
      ok: false,
      message: 'The resolution time is before the escalation was raised.',
    });
    expect(resolveEscalation(acked, T0 + 30 * SEC)).toMatchObject({
      ok: false,
      message: 'The resolution time is before the acknowledgement.',
    });
    const resolved = must(resolveEscalation(acked, T0 + HOUR));
    expect(resolveEscalation(resolved, T0 + 2 * HOUR)).toMatchObject({ ok: false, message: 'This escalation is already resolved.' });
    expect(acknowledgeEscalation(resolved, T0 + 2 * HOUR)).toMatchObject({ ok: false, message: 'This escalation is already resolved.' });
  });

  it('records a warm transfer once, only for escalations from a call', () => {
    const t = must(recordWarmTransfer(raise(), T0 + MIN));
    expect(t.warmTransferAt).toBe(T0 + MIN);
    expect(recordWarmTransfer(t, T0 + 2 * MIN)).toMatchObject({ ok: false, message: 'This call was already transferred.' });
    expect(recordWarmTransfer(raise({ ...request, source: 'case' }), T0 + MIN)).toMatchObject({
      ok: false,
      message: 'Only an escalation raised from a call can be transferred.',
    });
    expect(recordWarmTransfer(raise(), T0 - MIN)).toMatchObject({
      ok: false,
      message: 'The transfer time is before the escalation was raised.',
    });
  });

  it('describes clocks in words', () => {
    const e = raise();
    const say = (now: number) => describeClock(readEscalationClocks(e, now, 0.2).acknowledge);
    expect(say(T0 + MIN)).toBe('14:00 left');
    expect(say(T0 + 13 * MIN)).toBe('At risk: 2:00 left');
    expect(say(T0 + 19 * MIN + 30 * SEC)).toBe('Overdue by 4:30');
    expect(describeClock(readClock(T0, T0 + HOUR, T0 + 30 * MIN, T0 + 2 * HOUR, 0.2))).toBe('Met');
    expect(describeClock(readClock(T0, T0 + HOUR, T0 + 4 * HOUR, T0 + 5 * HOUR, 0.2))).toBe('Breached by 3 h 00 min');
    expect([0, 59 * SEC, 61 * MIN, 26 * HOUR, -5].map(formatDuration)).toEqual(['0:00', '0:59', '1 h 01 min', '1 d 2 h', '0:00']);
  });
});

describe('the management chain', () => {
  it('shows which role is current and which is next', () => {
    const e = raise();
    expect(readChain(e, T0 + 10 * MIN)).toMatchObject({ current: null, next: { role: 'team-lead', dueAt: T0 + 30 * MIN } });
    const at45 = readChain(e, T0 + 45 * MIN);
    expect(at45).toMatchObject({ current: 'team-lead', next: { role: 'service-manager', dueAt: T0 + HOUR } });
    expect(at45.steps.map((s) => [s.label, s.state, s.remainingMs])).toEqual([
      ['Team Lead', 'due', 0],
      ['Service Manager', 'upcoming', 15 * MIN],
      ['VP Operations', 'upcoming', 3 * HOUR + 15 * MIN],
    ]);
    expect(readChain(e, T0 + 5 * HOUR)).toMatchObject({ current: 'vp-operations', next: null });
  });

  it('lists due steps until they are notified, then tracks acknowledgement', () => {
    let e = raise();
    expect(dueChainSteps(e, T0 + 29 * MIN)).toEqual([]);
    expect(dueChainSteps(e, T0 + 61 * MIN)).toEqual(['team-lead', 'service-manager']);
    e = must(markChainStepNotified(e, 'team-lead', T0 + 30 * MIN));
    expect(dueChainSteps(e, T0 + 61 * MIN)).toEqual(['service-manager']);
    expect(markChainStepNotified(e, 'team-lead', T0 + 31 * MIN)).toMatchObject({ ok: false, message: 'Team Lead was already notified.' });
    e = must(acknowledgeChainStep(e, 'team-lead', T0 + 35 * MIN));
    expect(readChain(e, T0 + 40 * MIN).steps[0]).toMatchObject({
      state: 'acknowledged',
      notifiedAt: T0 + 30 * MIN,
      acknowledgedAt: T0 + 35 * MIN,
    });
    expect(acknowledgeChainStep(e, 'team-lead', T0 + 36 * MIN)).toMatchObject({
      ok: false,
      message: 'Team Lead was already acknowledged.',
    });
    // Acknowledging a step nobody paged counts as notified at the same time.
    e = must(acknowledgeChainStep(e, 'service-manager', T0 + 50 * MIN));
    expect(e.chain[1]).toMatchObject({ notifiedAt: T0 + 50 * MIN, acknowledgedAt: T0 + 50 * MIN });
    expect(escalationRecordSchema.parse(e)).toEqual(e);
  });

  it('refuses steps outside the chain or before the escalation', () => {
    const p3 = raise({ ...request, priority: 'P3', group: 'technical' });
    expect(markChainStepNotified(p3, 'team-lead', T0 + HOUR)).toMatchObject({
      ok: false,
      message: "Team Lead is not in this escalation's chain.",
    });
    expect(markChainStepNotified(raise(), 'team-lead', T0 - 1)).toMatchObject({
      ok: false,
      message: 'The notification time is before the escalation was raised.',
    });
  });

  it('stops at resolution: later steps are not needed', () => {
    const e = must(resolveEscalation(must(markChainStepNotified(raise(), 'team-lead', T0 + 30 * MIN)), T0 + 45 * MIN));
    const chain = readChain(e, T0 + 5 * HOUR);
    expect(chain).toMatchObject({ current: null, next: null });
    expect(chain.steps.map((s) => s.state)).toEqual(['notified', 'not-needed', 'not-needed']);
    expect(dueChainSteps(e, T0 + 5 * HOUR)).toEqual([]);
    expect(markChainStepNotified(e, 'service-manager', T0 + 5 * HOUR)).toMatchObject({
      ok: false,
      message: 'This escalation is already resolved.',
    });
  });

  it('shows the configured contacts and backups', () => {
    const matrix = escalationMatrixSchema.parse({
      ...config.escalationMatrix,
      chain: [
        {
          role: 'team-lead',
          afterMinutes: 30,
          contact: { name: 'Jordan Price', phone: '+12025550150' },
          backup: { name: 'Alex Romero', pager: '+12025550152' },
        },
      ],
    });
    const e = raise(request, T0, { escalationMatrix: matrix, sla: config.sla });
    expect(readChain(e, T0, matrix).steps[0]).toMatchObject({ contact: { name: 'Jordan Price' }, backup: { name: 'Alex Romero' } });
  });

  it('knows when it next changes by itself', () => {
    let e = raise();
    expect(nextEscalationWake(e, T0, 0.2)).toBe(T0 + 12 * MIN);
    expect(nextEscalationWake(e, T0 + 12 * MIN, 0.2)).toBe(T0 + 15 * MIN + 1);
    expect(nextEscalationWake(e, T0 + 15 * MIN + 1, 0.2)).toBe(T0 + 30 * MIN);
    e = must(markChainStepNotified(e, 'team-lead', T0 + 30 * MIN));
    expect(nextEscalationWake(e, T0 + 30 * MIN, 0.2)).toBe(T0 + 60 * MIN);
    expect(nextEscalationWake(e, T0 + 4 * HOUR + 1, 0.2)).toBeNull();
    expect(nextEscalationWake(must(resolveEscalation(e, T0 + 31 * MIN)), T0 + 31 * MIN, 0.2)).toBeNull();
  });
});

describe('business-hours SLA deadlines', () => {
  const policy = slaPolicySchema.parse({
    priorities: { P4: { acknowledgeMinutes: 8 * 60, resolveMinutes: 5 * 8 * 60, clock: 'business-hours' } },
    businessHours: {
      timeZone: 'Europe/Berlin',
      week: {
        mon: [{ start: '09:00', end: '17:00' }],
        tue: [{ start: '09:00', end: '17:00' }],
        wed: [{ start: '09:00', end: '17:00' }],
        thu: [{ start: '09:00', end: '17:00' }],
        fri: [{ start: '09:00', end: '17:00' }],
      },
      holidays: ['2025-03-14'],
    },
  });

  it('counts only opening hours and skips holidays', () => {
    // Thursday 13 March 2025, 15:00 Berlin (14:00 UTC): 2 h today, Friday is a holiday, 6 h on Monday.
    const d = slaDeadlines('P4', Date.UTC(2025, 2, 13, 14, 0), policy);
    expect(new Date(d.acknowledgeBy).toISOString()).toBe('2025-03-17T14:00:00.000Z');
    expect(new Date(d.resolveBy).toISOString()).toBe('2025-03-21T14:00:00.000Z');
  });

  it('leaves calendar priorities alone', () => {
    expect(slaDeadlines('P1', T0, policy)).toEqual({ acknowledgeBy: T0 + 15 * MIN, resolveBy: T0 + 4 * HOUR });
  });
});
