import { describe, expect, it } from 'vitest';
import type { Interaction, WrapUpRecord } from '../../../shared/store/types';
import { interactionNote } from '../../../electron/sync/connectors/zendesk/zendesk-notes';
import { wrapUpTask } from '../../../electron/sync/connectors/salesforce/salesforce-tasks';

const AT = Date.UTC(2026, 11, 6, 9, 30);

const call = (extra: Partial<Interaction> = {}): Interaction => ({
  id: 'I-2',
  agentId: 'agent-7',
  channel: 'call',
  direction: 'inbound',
  outcome: 'answered',
  number: '+442079460123',
  startedAt: AT,
  answeredAt: AT + 5_000,
  endedAt: AT + 185_000,
  talkSeconds: 180,
  holdSeconds: 0,
  afterCallWorkSeconds: 0,
  customerId: null,
  caseId: null,
  sipCallId: null,
  quality: null,
  recordingPauses: [
    { startSec: 42, endSec: 90, by: 'agent' },
    { startSec: 120, endSec: 150, by: 'script' },
  ],
  ...extra,
});

const wrapUp: WrapUpRecord = {
  interactionId: 'I-2',
  agentId: 'agent-7',
  state: 'submitted',
  code: 'resolved',
  notes: 'Payment taken.',
  resolvedOnFirstContact: true,
  callback: null,
  doNotCall: null,
  revision: 2,
  updatedAt: AT + 200_000,
  submittedAt: AT + 200_000,
};

const LINES = ['Recording paused 0:42–1:30 (PCI)', 'Recording paused 2:00–2:30 (PCI, payment step)'];

describe('paused recording in the CRM call note', () => {
  it('Zendesk: one line per paused interval; a call never paused has none', () => {
    expect(interactionNote(call()).split('\n')).toEqual(expect.arrayContaining(LINES));
    expect(interactionNote(call({ recordingPauses: [] }))).not.toMatch(/Recording paused/);
  });

  it('Salesforce: the Task Description carries the same lines', () => {
    expect(String(wrapUpTask(wrapUp, call()).Description).split('\n')).toEqual(expect.arrayContaining(LINES));
  });
});
