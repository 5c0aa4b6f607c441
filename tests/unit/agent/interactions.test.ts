import { describe, expect, it } from 'vitest';
import { agentPolicyOf, initialAgentState, type AgentEffect } from '../../../shared/agent/agent-state';
import {
  afterCallWorkOf,
  interactionFromCall,
  logManualContact,
  moveToCase,
  type ManualContactInput,
} from '../../../shared/agent/interactions';
import { interactionSchema } from '../../../shared/agent/records';
import { config, HOUR, MIN, run, SEC, T0 } from '../workflow/fixtures';
import { withoutTexts } from './without-texts';

const facts = {
  agentId: 'agent-1',
  number: '+4930123456',
  customerId: 'cust-1',
  caseId: 'case-1',
  sipCallId: 'abc@pbx',
  quality: { mosAvg: 4.2, mosMin: 3.8, packetLossPct: 0.2, jitterMsAvg: 5, rttMsAvg: 40, codec: 'opus', degraded: false },
};

describe('call logging from the state machine', () => {
  it('builds a complete interaction row when the call ends and adds the after-call work when the wrap-up period ends', () => {
    const policy = agentPolicyOf(config);
    const ready = run(initialAgentState(T0), [{ type: 'log-in', at: T0 }], policy).state;
    const { effects } = run(
      ready,
      [
        { type: 'call-offered', at: T0 + SEC, callId: 'c1', interactionId: 'i1' },
        { type: 'call-answered', at: T0 + 4 * SEC, callId: 'c1' },
        { type: 'call-held', at: T0 + 64 * SEC, callId: 'c1' },
        { type: 'call-resumed', at: T0 + 94 * SEC, callId: 'c1' },
        { type: 'call-ended', at: T0 + 184 * SEC, callId: 'c1' },
        { type: 'wrap-up-submitted', at: T0 + 229 * SEC, interactionId: 'i1' },
      ],
      policy,
    );
    const ended = effects.find((e): e is Extract<AgentEffect, { type: 'interaction-ended' }> => e.type === 'interaction-ended');
    const acw = effects.find((e): e is Extract<AgentEffect, { type: 'acw-ended' }> => e.type === 'acw-ended');
    if (ended === undefined || acw === undefined) throw new Error('effects missing');
    const row = interactionFromCall(ended, facts);
    expect(interactionSchema.parse(row)).toEqual(row);
    expect(row).toMatchObject({
      id: 'i1',
      channel: 'call',
      direction: 'inbound',
      outcome: 'answered',
      startedAt: T0 + SEC,
      answeredAt: T0 + 4 * SEC,
      endedAt: T0 + 184 * SEC,
      talkSeconds: 150,
      holdSeconds: 30,
      afterCallWorkSeconds: 0,
      customerId: 'cust-1',
      quality: { codec: 'opus' },
    });
    const withAcw = { ...row, afterCallWorkSeconds: afterCallWorkOf(acw).get('i1') ?? -1 };
    expect(withAcw.afterCallWorkSeconds).toBe(45);
    expect(moveToCase(withAcw, 'case-2')).toMatchObject({ caseId: 'case-2', customerId: 'cust-1' });
    expect(moveToCase(withAcw, null, 'cust-9')).toMatchObject({ caseId: null, customerId: 'cust-9' });
  });
});

describe('logging an email, chat or walk-in', () => {
  const input: ManualContactInput = {
    id: 'm1',
    agentId: 'agent-1',
    channel: 'email',
    direction: 'inbound',
    number: null,
    startedAt: T0 - HOUR,
    endedAt: T0 - 50 * MIN,
    handlingSeconds: 420,
    afterCallWorkSeconds: 60,
    customerId: 'cust-1',
    caseId: null,
  };

  it('builds a handled interaction whose handling time counts as talk time', () => {
    const r = logManualContact(input, T0);
    if (!r.ok) throw new Error(r.message);
    expect(interactionSchema.parse(r.value)).toEqual(r.value);
    expect(r.value).toMatchObject({
      channel: 'email',
      outcome: 'answered',
      talkSeconds: 420,
      holdSeconds: 0,
      afterCallWorkSeconds: 60,
      answeredAt: T0 - HOUR,
    });
  });

  it.each<[string, Partial<ManualContactInput>, string, string]>([
    ['a call', { channel: 'call' }, 'channel', 'Calls are logged by the phone; choose email, chat or walk-in.'],
    ['an unknown channel', { channel: 'fax' as 'email' }, 'channel', 'Choose email, chat or walk-in.'],
    ['an unknown direction', { direction: 'sideways' as 'inbound' }, 'direction', 'Choose inbound or outbound.'],
    ['no start', { startedAt: 0 }, 'startedAt', 'Enter when the contact started.'],
    ['a future start', { startedAt: T0 + MIN, endedAt: T0 + 2 * MIN }, 'startedAt', 'The start time is in the future.'],
    ['no end', { endedAt: Number.NaN }, 'endedAt', 'Enter when the contact ended.'],
    ['an end before the start', { endedAt: T0 - 2 * HOUR }, 'endedAt', 'The end time is before the start time.'],
    ['a future end', { endedAt: T0 + MIN }, 'endedAt', 'The end time is in the future.'],
    ['negative handling time', { handlingSeconds: -1 }, 'handlingSeconds', 'The handling time must be whole seconds, not negative.'],
    [
      'fractional work time',
      { afterCallWorkSeconds: 1.5 },
      'afterCallWorkSeconds',
      'The after-contact work must be whole seconds, not negative.',
    ],
    ['a day-long handling time', { handlingSeconds: 24 * 3600 + 1 }, 'handlingSeconds', 'The handling time cannot be more than 24 hours.'],
    ['an absurd number', { number: '9'.repeat(65) }, 'number', 'The number is too long.'],
  ])('refuses %s', (_n, patch, field, message) => {
    expect(withoutTexts(logManualContact({ ...input, ...patch }, T0))).toEqual({ ok: false, message, errors: [{ field, message }] });
  });
});
