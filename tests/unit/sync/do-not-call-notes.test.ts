import { describe, expect, it } from 'vitest';
import type { Interaction, WrapUpRecord } from '../../../shared/store/types';
import { interactionNote } from '../../../electron/sync/connectors/zendesk/zendesk-notes';
import { callTask, wrapUpTask } from '../../../electron/sync/connectors/salesforce/salesforce-tasks';

const AT = Date.UTC(2026, 11, 6, 9, 30);
const override = { supervisor: 'Sam Okafor', reason: 'The customer emailed asking to be called about the refund.', approvedAt: AT };
const LINE =
  'Called despite the do-not-call list, approved by supervisor Sam Okafor at 2026-12-06 09:30 UTC. Reason: The customer emailed asking to be called about the refund.';

const call = (extra: Partial<Interaction> = {}): Interaction => ({
  id: 'I-1',
  agentId: 'agent-7',
  channel: 'call',
  direction: 'outbound',
  outcome: 'answered',
  number: '+442079460123',
  startedAt: AT,
  answeredAt: AT + 5_000,
  endedAt: AT + 65_000,
  talkSeconds: 60,
  holdSeconds: 0,
  afterCallWorkSeconds: 0,
  customerId: null,
  caseId: null,
  sipCallId: null,
  quality: null,
  doNotCallOverride: override,
  ...extra,
});

const wrapUp: WrapUpRecord = {
  interactionId: 'I-1',
  agentId: 'agent-7',
  state: 'submitted',
  code: 'resolved',
  notes: 'Refund explained.',
  resolvedOnFirstContact: true,
  callback: null,
  doNotCall: null,
  revision: 2,
  updatedAt: AT + 90_000,
  submittedAt: AT + 90_000,
};

describe('a do-not-call approval in the CRM', () => {
  it('Zendesk: the call note names the approving supervisor and the reason; a call without one has no such line', () => {
    expect(interactionNote(call()).split('\n')).toContain(LINE);
    const { doNotCallOverride: _none, ...plain } = call();
    expect(interactionNote(plain)).not.toMatch(/do-not-call/);
  });

  it('Salesforce: the Task Description carries it, from the wrap-up, or from the call itself when it was never answered', () => {
    expect(String(wrapUpTask(wrapUp, call()).Description).split('\n')).toContain(LINE);
    // An answered call's own row leaves the Description to its wrap-up, which a later row must not overwrite.
    expect(callTask(call()).Description).toBeUndefined();
    expect(callTask(call({ outcome: 'failed', answeredAt: null, talkSeconds: 0 })).Description).toBe(LINE);
  });
});
