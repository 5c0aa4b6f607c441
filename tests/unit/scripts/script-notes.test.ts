import { describe, expect, it } from 'vitest';
import { wrapUpTask } from '../../../electron/sync/connectors/salesforce/salesforce-tasks';
import { interactionNote, wrapUpNote } from '../../../electron/sync/connectors/zendesk/zendesk-notes';
import type { Interaction, WrapUpRecord } from '../../../shared/agent/records';
import { applyStep, openRun } from '../../../shared/scripts/guided-scripts';
import type { ScriptRun } from '../../../shared/scripts/script-run';
import { englishOf } from '../../../shared/text/user-text';

const T0 = Date.UTC(2026, 11, 6, 9, 0, 0);

function diagnosis(): ScriptRun {
  const run = openRun(
    {
      id: 'tech-diagnosis-3min',
      title: '3-minute technical diagnosis',
      targetSeconds: 180,
      steps: [
        { id: 'service-status', label: 'Check the service status', payment: false },
        { id: 'device-logs', label: 'Collect the device logs', payment: false },
      ],
      suggestWhen: { caseCategories: [], wrapUpCodes: [] },
    },
    T0 + 5_000,
  );
  const ticked = applyStep(run, 'service-status', 'done', T0 + 65_000);
  if (!ticked.ok) throw new Error(englishOf(ticked.text));
  return ticked.run;
}

const interaction = (over: Partial<Interaction> = {}): Interaction => ({
  id: 'I-1',
  agentId: 'agent-1',
  channel: 'call',
  direction: 'inbound',
  outcome: 'answered',
  number: '+14155550142',
  startedAt: T0,
  answeredAt: T0 + 2_000,
  endedAt: T0 + 200_000,
  talkSeconds: 198,
  holdSeconds: 0,
  afterCallWorkSeconds: 0,
  customerId: 'C-1',
  caseId: null,
  sipCallId: null,
  quality: null,
  ...over,
});

const wrapUp: WrapUpRecord = {
  interactionId: 'I-1',
  agentId: 'agent-1',
  state: 'submitted',
  code: 'TECH-RESOLVED',
  notes: 'Router replaced',
  resolvedOnFirstContact: true,
  callback: null,
  doNotCall: null,
  revision: 2,
  updatedAt: T0 + 230_000,
  submittedAt: T0 + 230_000,
};

const LINES = [
  'Guided script "3-minute technical diagnosis": 1 of 2 steps done, 1:00 (target 3:00)',
  '  [x] Check the service status',
  '  [ ] Collect the device logs',
];

describe('guided scripts in the CRM notes', () => {
  it("Zendesk: the wrap-up's note lists the steps as the call's record has them when the note is sent", () => {
    const note = wrapUpNote(wrapUp, interaction({ guidedScripts: [diagnosis()] }));
    expect(note).toContain(LINES.join('\n'));
    // Before the marker line, which stays last (it makes the write happen once).
    expect(note.split('\n').at(-1)).toBe('Switchboard wrap-up ID: I-1');
    expect(wrapUpNote(wrapUp, interaction())).not.toContain('Guided script');
    // The call's own note is fixed when the call ends; the scripts go with the wrap-up only.
    expect(interactionNote(interaction({ guidedScripts: [diagnosis()] }))).not.toContain('Guided script');
  });

  it("Salesforce: the call Task's Description has the steps after the wrap-up", () => {
    const task = wrapUpTask(wrapUp, interaction({ guidedScripts: [diagnosis()] }));
    expect(task.Description).toContain(`Router replaced\n\n${LINES.join('\n')}`);
    expect(wrapUpTask(wrapUp, interaction()).Description).not.toContain('Guided script');
  });
});
