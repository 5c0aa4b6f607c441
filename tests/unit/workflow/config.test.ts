import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLA,
  MISSED_CALL_REASON,
  withSystemReasons,
  workflowConfigSchema,
  type WorkflowConfigInput,
} from '../../../shared/config/workflow';
import {
  defaultWorkflowConfig,
  defaultWorkflowInput,
  describeIssues,
  parseWorkflowConfig,
} from '../../../electron/agent/workflow-defaults';
import { interactionSchema, wrapUpRecordSchema } from '../../../shared/agent/records';
import { escalationRecordSchema } from '../../../shared/escalation/records';
import { ruleEnglish } from '../../../shared/policy/rule-text';

const resources = path.resolve(import.meta.dirname, '../../../resources/workflow');
const minimal = (): WorkflowConfigInput => defaultWorkflowInput() as WorkflowConfigInput;

/** The problems a policy author would read for this workflow section. */
function problems(patch: Record<string, unknown>): string[] {
  const r = parseWorkflowConfig({ ...minimal(), ...patch }, 'policy.json');
  return r.ok ? [] : r.problems;
}

describe('the shipped defaults', () => {
  const cfg = defaultWorkflowConfig();

  it('have a wrap-up code for every contact reason the product promises', () => {
    const categories = new Set(cfg.wrapUpCodes.map((c) => c.category));
    expect([...categories]).toEqual([
      'Billing',
      'Payment',
      'Technical support',
      'Outage',
      'Complaint',
      'Returns and warranty',
      'Account update',
      'Order',
      'Sales',
      'Cancellation and retention',
      'General enquiry',
    ]);
    expect(cfg.wrapUpCodes.every((c) => c.active)).toBe(true);
    const withTrigger = (t: string) => cfg.wrapUpCodes.filter((c) => c.triggers.includes(t as 'callback')).map((c) => c.code);
    expect(withTrigger('callback')).toEqual(['BILL-DISPUTE', 'TECH-FOLLOW-UP', 'SALE-QUOTE', 'GENERAL-CALLBACK']);
    expect(withTrigger('do-not-call')).toEqual(['DO-NOT-CALL']);
    expect(withTrigger('escalate')).toEqual(['TECH-ESCALATED', 'OUTAGE-REPORTED', 'COMPLAINT-ESCALATED']);
    // Codes that hand the issue on are not first-contact resolutions.
    for (const c of cfg.wrapUpCodes.filter((x) => x.triggers.includes('escalate') || x.triggers.includes('callback')))
      expect(c.resolvesByDefault, c.code).toBe(false);
    // Card payments: no note asked for (PCI: card data never goes in notes).
    expect(cfg.wrapUpCodes.find((c) => c.code === 'PAY-TAKEN')?.needsNote).toBe(false);
  });

  it('have not-ready reasons including the system "Missed call"', () => {
    expect(cfg.notReadyReasons.map((r) => r.code)).toEqual([
      'break',
      'lunch',
      'meeting',
      'training',
      'coaching',
      'back-office',
      'outbound',
      'technical-problem',
      'personal',
      'missed-call',
    ]);
    expect(cfg.notReadyReasons.find((r) => r.code === MISSED_CALL_REASON)).toMatchObject({ system: true, label: 'Missed call' });
  });

  it('have the SLA policy from the issue and the P1 chain Team Lead 30 min, Service Manager 60 min, VP Operations 4 h', () => {
    expect(cfg.sla.priorities).toEqual(DEFAULT_SLA);
    expect(Object.fromEntries(Object.entries(cfg.sla.priorities).map(([p, v]) => [p, [v.acknowledgeMinutes, v.resolveMinutes]]))).toEqual({
      P1: [15, 240],
      P2: [60, 1440],
      P3: [1440, 4320],
      P4: [1440, 20160],
    });
    expect(cfg.sla.businessHours).toBeUndefined();
    expect(cfg.escalationMatrix.chain.map((s) => [s.role, s.afterMinutes])).toEqual([
      ['team-lead', 30],
      ['service-manager', 60],
      ['vp-operations', 240],
    ]);
    expect(cfg.escalationMatrix.chainPriorities).toEqual(['P1']);
  });

  it('default the policies: 60 s mandatory wrap-up, 486 while Not ready, Monday weeks', () => {
    expect(cfg.afterCallWork).toEqual({ seconds: 60, onExpiry: 'stay-until-coded', maxExtensionSeconds: 120, extensionStepSeconds: 30 });
    expect(cfg.inboundDecline).toEqual({
      sipCode: 486,
      declineInWrapUp: true,
      declineWhileBusy: true,
      ringTimeoutSeconds: 30,
      missedCallsBeforeNotReady: 2,
    });
    expect(cfg.wrapUp).toEqual({ notesMaxLength: 4000, callback: { minLeadMinutes: 5, maxDaysAhead: 30, reminderMinutesBefore: 5 } });
    expect(cfg.stats).toEqual({ weekStartsOn: 1 });
  });

  it('ship only files that parse, including the examples for IT', () => {
    const files = readdirSync(resources)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toEqual([
      'escalation-matrix.example.json',
      'escalation-matrix.json',
      'guided-scripts.json',
      'not-ready-reasons.json',
      'sla-policy.json',
      'workflow-policy.example.json',
      'wrap-up-codes.json',
    ]);
    const read = (f: string) => JSON.parse(readFileSync(path.join(resources, f), 'utf8')) as Record<string, unknown>;
    const example = parseWorkflowConfig(
      {
        ...minimal(),
        escalationMatrix: read('escalation-matrix.example.json').escalationMatrix,
        ...(read('workflow-policy.example.json').workflow as object),
      },
      'examples',
    );
    expect(example.ok ? [] : example.problems).toEqual([]);
    if (example.ok) {
      expect(example.config.sla.priorities.P4.clock).toBe('business-hours');
      expect(example.config.escalationMatrix.tiers[0]?.groups[1]?.backups).toHaveLength(2);
    }
  });
});

describe('policy validation messages', () => {
  const codes = minimal().wrapUpCodes;
  const first = codes[0]!;

  it('accepts the smallest policy and fills in every default', () => {
    const r = workflowConfigSchema.safeParse({
      wrapUpCodes: [{ code: 'DONE', label: 'Done', category: 'General' }],
      notReadyReasons: [{ code: 'break', label: 'Break' }],
      escalationMatrix: { tiers: [{ id: 't2', name: 'Tier 2', groups: [{ id: 'g', name: 'Group' }] }] },
    });
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.sla.priorities.P2).toEqual(DEFAULT_SLA.P2);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a duplicate wrap-up code',
      { wrapUpCodes: [first, { ...first, label: 'Copy' }] },
      'policy.json: wrapUpCodes[1]: duplicate wrap-up code "BILL-EXPLAINED" (also at position 1)',
    ],
    ['no active code', { wrapUpCodes: [{ ...first, active: false }] }, 'policy.json: wrapUpCodes: needs at least one active wrap-up code'],
    ['an empty catalog', { wrapUpCodes: [] }, 'policy.json: wrapUpCodes: needs at least one wrap-up code'],
    [
      'a code with spaces',
      { wrapUpCodes: [{ ...first, code: 'BILL X' }] },
      'policy.json: wrapUpCodes[0].code: use letters, digits, "-", "_" or "." (no spaces), starting with a letter or digit',
    ],
    [
      'markup in a label',
      { wrapUpCodes: [{ ...first, label: '<img src=x onerror=alert(1)>' }] },
      'policy.json: wrapUpCodes[0].label: must be plain text (no "<", ">" or control characters)',
    ],
    [
      'an unknown trigger',
      { wrapUpCodes: [{ ...first, triggers: ['fax'] }] },
      'policy.json: wrapUpCodes[0].triggers[0]: must be one of callback, do-not-call, escalate',
    ],
    [
      'a repeated trigger',
      { wrapUpCodes: [{ ...first, triggers: ['callback', 'callback'] }] },
      'policy.json: wrapUpCodes[0].triggers: lists a trigger twice',
    ],
    ['an unknown field', { wrapUpCodes: [{ ...first, colour: 'red' }] }, 'policy.json: wrapUpCodes[0]: Unrecognized key: "colour"'],
    [
      'only system reasons',
      { notReadyReasons: [{ code: 'missed-call', label: 'Missed call', system: true }] },
      'policy.json: notReadyReasons: needs at least one active reason the agent can choose',
    ],
    ['a bad SIP code', { inboundDecline: { sipCode: 401 } }, 'policy.json: inboundDecline.sipCode: must be one of 480, 486, 600, 603'],
    [
      'a bad expiry action',
      { afterCallWork: { onExpiry: 'nag' } },
      'policy.json: afterCallWork.onExpiry: must be "ready" or "stay-until-coded"',
    ],
    ['negative ACW', { afterCallWork: { seconds: -5 } }, 'policy.json: afterCallWork.seconds: Too small: expected number to be >=0'],
    [
      'a chain out of order',
      {
        escalationMatrix: {
          ...(minimal().escalationMatrix as object),
          chain: [
            { role: 'team-lead', afterMinutes: 60 },
            { role: 'service-manager', afterMinutes: 30 },
          ],
        },
      },
      'policy.json: escalationMatrix.chain[1].afterMinutes: must be later than the previous step (60 min)',
    ],
    [
      'a duplicate group',
      {
        escalationMatrix: {
          tiers: [
            {
              id: 't',
              name: 'T',
              groups: [
                { id: 'g', name: 'A' },
                { id: 'G', name: 'B' },
              ],
            },
          ],
        },
      },
      'policy.json: escalationMatrix.tiers[0].groups[1]: duplicate group id "G" (also at position 1)',
    ],
    [
      'a backup without a number',
      { escalationMatrix: { tiers: [{ id: 't', name: 'T', groups: [{ id: 'g', name: 'A', backups: [{ name: 'Sam' }] }] }] } },
      'policy.json: escalationMatrix.tiers[0].groups[0].backups[0]: needs a phone or a pager number',
    ],
    [
      'a number with letters',
      { escalationMatrix: { tiers: [{ id: 't', name: 'T', groups: [{ id: 'g', name: 'A', phone: 'call Sam' }] }] } },
      'policy.json: escalationMatrix.tiers[0].groups[0].phone: must be a phone number (digits, optionally starting with "+"), an extension, or a sip: URI',
    ],
    [
      'resolve shorter than acknowledge',
      { sla: { priorities: { P1: { acknowledgeMinutes: 60, resolveMinutes: 30 } } } },
      'policy.json: sla.priorities.P1.resolveMinutes: resolveMinutes must not be shorter than acknowledgeMinutes',
    ],
    [
      'business hours without a calendar',
      { sla: { priorities: { P4: { acknowledgeMinutes: 60, resolveMinutes: 600, clock: 'business-hours' } } } },
      'policy.json: sla.priorities.P4.clock: is "business-hours" but no businessHours calendar is set',
    ],
    [
      'an unknown time zone',
      { stats: { timeZone: 'Mars/Olympus' } },
      'policy.json: stats.timeZone: must be an IANA time zone such as "Europe/Berlin" or "America/New_York"',
    ],
    [
      'overlapping opening hours',
      {
        sla: {
          businessHours: {
            timeZone: 'Europe/Berlin',
            week: {
              mon: [
                { start: '08:00', end: '12:00' },
                { start: '11:00', end: '13:00' },
              ],
            },
          },
        },
      },
      'policy.json: sla.businessHours.week.mon: opening spans 08:00-12:00 and 11:00-13:00 overlap',
    ],
    [
      'a span ending before it starts',
      { sla: { businessHours: { timeZone: 'Europe/Berlin', week: { mon: [{ start: '18:00', end: '08:00' }] } } } },
      'policy.json: sla.businessHours.week.mon[0]: end must be after start',
    ],
    [
      'a calendar never open',
      { sla: { businessHours: { timeZone: 'Europe/Berlin', week: { mon: [] } } } },
      'policy.json: sla.businessHours: must be open on at least one weekday',
    ],
    [
      'a bad time',
      { sla: { businessHours: { timeZone: 'Europe/Berlin', week: { mon: [{ start: '8:00', end: '25:00' }] } } } },
      'policy.json: sla.businessHours.week.mon[0].start: must be a time like "08:30" (24-hour clock)',
    ],
    [
      'a bad holiday',
      {
        sla: { businessHours: { timeZone: 'Europe/Berlin', week: { mon: [{ start: '08:00', end: '17:00' }] }, holidays: ['25.12.2025'] } },
      },
      'policy.json: sla.businessHours.holidays[0]: must be a date like "2025-12-25"',
    ],
    ['a week start out of range', { stats: { weekStartsOn: 0 } }, 'policy.json: stats.weekStartsOn: Too small: expected number to be >=1'],
  ])('names the field for %s', (_name, patch, message) => {
    expect(problems(patch)).toContain(message);
  });

  it('formats issues at the root without a path', () => {
    const r = workflowConfigSchema.safeParse('nope');
    expect(r.success ? [] : describeIssues(r.error)).toEqual(['Invalid input: expected object, received string']);
  });

  it('adds the system "Missed call" reason when a policy leaves it out, and lets a policy relabel it', () => {
    const reasons = [{ code: 'break', label: 'Break', productive: false, active: true, system: false }];
    expect(withSystemReasons(reasons).map((r) => r.code)).toEqual(['break', 'missed-call']);
    const relabelled = [...reasons, { code: 'missed-call', label: 'Verpasster Anruf', productive: false, active: true, system: true }];
    expect(withSystemReasons(relabelled)).toEqual(relabelled);
  });
});

describe('record schemas the store persists', () => {
  const interaction = {
    id: 'i1',
    agentId: 'a',
    channel: 'call',
    direction: 'inbound',
    outcome: 'answered',
    number: '+4930123456',
    startedAt: 1000,
    answeredAt: 2000,
    endedAt: 62_000,
    talkSeconds: 60,
    holdSeconds: 0,
    afterCallWorkSeconds: 30,
    customerId: 'c1',
    caseId: null,
    sipCallId: 'abc@host',
    quality: { mosAvg: 4.3, mosMin: 3.9, packetLossPct: 0.1, jitterMsAvg: 4, rttMsAvg: 30, codec: 'opus', degraded: false },
  };
  const issues = (
    schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } },
    v: unknown,
  ) => {
    const r = schema.safeParse(v);
    return r.success ? [] : (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${ruleEnglish(i.message)}`);
  };

  it('accepts a complete interaction and refuses inconsistent times', () => {
    expect(issues(interactionSchema, interaction)).toEqual([]);
    expect(issues(interactionSchema, { ...interaction, answeredAt: 500 })).toEqual(['answeredAt: must not be before startedAt']);
    expect(issues(interactionSchema, { ...interaction, endedAt: 1500 })).toEqual(['endedAt: must not be before answeredAt/startedAt']);
    expect(issues(interactionSchema, { ...interaction, answeredAt: null })).toEqual(['answeredAt: is required for an answered call']);
    expect(issues(interactionSchema, { ...interaction, talkSeconds: 1.5 })).toEqual(['talkSeconds: must be whole seconds']);
    expect(issues(interactionSchema, { ...interaction, channel: 'fax' })[0]).toMatch(/^channel: /);
  });

  it('refuses a submitted wrap-up without a code, or with a half-filled callback', () => {
    const base = {
      interactionId: 'i1',
      agentId: 'a',
      state: 'submitted',
      code: 'X',
      notes: '',
      resolvedOnFirstContact: true,
      callback: null,
      doNotCall: null,
      revision: 2,
      updatedAt: 5,
      submittedAt: 5,
    };
    expect(issues(wrapUpRecordSchema, base)).toEqual([]);
    expect(issues(wrapUpRecordSchema, { ...base, code: null })).toEqual(['code: is required on a submitted wrap-up']);
    expect(issues(wrapUpRecordSchema, { ...base, callback: { at: null, number: 'x', remindAt: null } })).toEqual([
      'callback.at: is required on a submitted wrap-up',
      'callback.remindAt: is required on a submitted wrap-up',
      'callback.number: must be a dialable number on a submitted wrap-up',
    ]);
    expect(issues(wrapUpRecordSchema, { ...base, doNotCall: { number: '' } })).toEqual([
      'doNotCall.number: must be a dialable number on a submitted wrap-up',
    ]);
    expect(issues(wrapUpRecordSchema, { ...base, state: 'draft' })).toEqual(['submittedAt: must be null on a draft']);
  });

  it('refuses escalations with deadlines before they were raised or without their source', () => {
    const e = {
      id: 'e1',
      agentId: 'a',
      source: 'case',
      interactionId: null,
      caseId: 'k',
      customerId: null,
      tier: 't',
      group: 'g',
      priority: 'P1',
      summary: '',
      handoff: { customerExpectation: 'a', troubleshootingDone: 'b', recommendedNextSteps: 'c' },
      createdAt: 100,
      acknowledgeBy: 200,
      resolveBy: 300,
      acknowledgedAt: null,
      resolvedAt: null,
      warmTransferAt: null,
      chain: [],
      revision: 0,
      updatedAt: 100,
    };
    expect(issues(escalationRecordSchema, e)).toEqual([]);
    expect(issues(escalationRecordSchema, { ...e, acknowledgeBy: 50 })).toEqual(['acknowledgeBy: must not be before createdAt']);
    expect(issues(escalationRecordSchema, { ...e, resolveBy: 150 })).toEqual(['resolveBy: must not be before acknowledgeBy']);
    expect(issues(escalationRecordSchema, { ...e, caseId: null })).toEqual(['caseId: is required when escalating from a case']);
    expect(issues(escalationRecordSchema, { ...e, source: 'call' })).toEqual(['interactionId: is required when escalating from a call']);
    expect(issues(escalationRecordSchema, { ...e, priority: 'P5' })).toEqual(['priority: must be one of P1, P2, P3, P4']);
    expect(issues(escalationRecordSchema, { ...e, acknowledgedAt: 10, resolvedAt: 20 })).toEqual([
      'acknowledgedAt: must not be before createdAt',
      'resolvedAt: must not be before createdAt',
    ]);
  });
});
