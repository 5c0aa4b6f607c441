import { afterEach, describe, expect, it } from 'vitest';
import { decideDial } from '../../../shared/agent/do-not-call';
import { initialAgentState } from '../../../shared/agent/agent-state';
import { viewAgent } from '../../../shared/agent/agent-state-view';
import { newWrapUpDraft, submitWrapUp } from '../../../shared/agent/wrap-up';
import type { CommandChannel } from '../../../shared/bridge/channels';
import { errorBodySchema, type ReplyBody } from '../../../shared/bridge/envelopes';
import { BridgeError, refusalError } from '../../../shared/bridge/errors';
import { check, fieldProblem } from '../../../shared/bridge/validate';
import { refuse } from '../../../shared/core/result';
import { validateEscalation, type EscalationRequest } from '../../../shared/escalation/escalation';
import { rule } from '../../../shared/policy/rule-text';
import { englishOf } from '../../../shared/text/user-text';
import { BridgeClient, type Wire } from '../../../renderer/src/bridge/client';
import { fieldIssuesOf } from '../../../renderer/src/bridge/field-issues';
import { i18n, translateUserText } from '../../../renderer/src/i18n';
import * as z from 'zod';
import { agentPolicy, config, refused, run, T0 } from '../workflow/fixtures';

/** Main's refusal as the window receives it: through the bridge client, whose errors are in the agent's language. */
async function asWindowSees(error: BridgeError): Promise<BridgeError> {
  const wire: Wire = {
    host: 'web',
    sendCommand: (_channel: CommandChannel): Promise<ReplyBody> =>
      Promise.resolve({ ok: false, error: errorBodySchema.parse(error.toBody()) }),
    sendMediaReply: () => undefined,
  };
  const client = new BridgeClient();
  client.attachWire(wire);
  const caught = await client.invoke('agent.submitWrapUp', { interactionId: 'i1' }).catch((e: unknown) => e);
  if (!(caught instanceof BridgeError)) throw new Error('expected a bridge error');
  return caught;
}

const escalation: EscalationRequest = {
  source: 'call',
  interactionId: 'i1',
  caseId: 'case-7',
  customerId: 'cust-3',
  tier: 'tier-2',
  group: 'network',
  priority: 'P1',
  summary: 'Whole street without service',
  handoff: { customerExpectation: '', troubleshootingDone: 'Rebooted the router.', recommendedNextSteps: '' },
};

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('field problems main refuses, in the agent’s language', () => {
  it('a wrap-up without a code: German sentence and field, English issues for the log', async () => {
    const result = submitWrapUp(newWrapUpDraft('i1', 'agent-1', T0), { catalog: config.wrapUpCodes, policy: config.wrapUp, now: T0 });
    if (result.ok) throw new Error('expected a refusal');
    const error = refusalError('invalid-payload', result);
    expect(error.toBody().issues).toEqual(['code: Choose a wrap-up code.']);
    expect(error.toBody().message).toBe('Choose a wrap-up code.');

    await i18n.changeLanguage('de');
    const seen = await asWindowSees(error);
    expect(seen.message).toBe('Wählen Sie einen Nachbearbeitungscode.');
    expect(fieldIssuesOf(seen)).toEqual([{ path: 'code', message: 'Wählen Sie einen Nachbearbeitungscode.' }]);
    expect(seen.issues).toEqual(['code: Choose a wrap-up code.']);
  });

  it('an escalation missing two handoff fields: one German sentence naming both, each field marked', async () => {
    const result = validateEscalation(escalation, config.escalationMatrix);
    if (result.ok) throw new Error('expected a refusal');
    const error = refusalError('invalid-payload', result);
    expect(error.toBody().message).toBe('Missing: customer expectation, recommended next steps');

    await i18n.changeLanguage('de');
    const seen = await asWindowSees(error);
    const sentence = 'Es fehlen: Erwartung des Kunden, empfohlene nächste Schritte';
    expect(seen.message).toBe(sentence);
    expect(new Map(fieldIssuesOf(seen).map((i) => [i.path, i.message]))).toEqual(
      new Map([
        ['handoff.customerExpectation', sentence],
        ['handoff.recommendedNextSteps', sentence],
      ]),
    );
  });

  it('several problems read one after another, each once, as the English does', async () => {
    const result = validateEscalation(
      { ...escalation, tier: '', handoff: { ...escalation.handoff, customerExpectation: 'x' } },
      config.escalationMatrix,
    );
    if (result.ok) throw new Error('expected a refusal');
    expect(result.message).toBe('Missing: recommended next steps. Choose a tier.');
    await i18n.changeLanguage('de');
    expect((await asWindowSees(refusalError('invalid-payload', result))).message).toBe(
      'Es fehlt: empfohlene nächste Schritte. Wählen Sie eine Stufe.',
    );
  });

  it('a do-not-call approval without a supervisor, and a listed number, in German', async () => {
    const decision = decideDial({
      number: '+442079460123',
      listed: 'listed',
      mode: 'with-supervisor-approval',
      override: { supervisor: ' ', reason: 'Customer asked us to call back about the refund.' },
      now: T0,
    });
    if (decision.kind !== 'refuse') throw new Error('expected a refusal');
    await i18n.changeLanguage('de');
    const seen = await asWindowSees(refusalError('forbidden', decision, decision.text ?? decision.message));
    expect(seen.message).toBe('Geben Sie den Namen der bzw. des Vorgesetzten ein, die oder der diesen Anruf genehmigt hat.');
    expect(fieldIssuesOf(seen).map((i) => i.path)).toEqual(['supervisor']);

    const listed = decideDial({ number: '+442079460123', listed: 'listed', mode: 'never', override: null, now: T0 });
    if (listed.kind !== 'refuse' || !listed.text) throw new Error('expected a refusal with its message');
    expect(listed.message).toBe('+44 20 7946 0123 is on the do-not-call list. The call was not placed.');
    expect(translateUserText(listed.text)).toBe('+44 20 7946 0123 steht auf der Sperrliste. Der Anruf wurde nicht getätigt.');
  });

  it('a schema rule’s message (a card number in the notes) reaches the window as its key', async () => {
    const schema = z.strictObject({ notes: z.string().refine((s) => !s.includes('4111'), { message: rule('agent.cardNumber') }) });
    const checked = check(schema, { notes: 'paid with 4111' });
    if (checked.ok) throw new Error('expected a refusal');
    expect(checked.issues).toEqual(['notes: This looks like a card number. Card numbers must not be written in notes; remove it to save.']);
    await i18n.changeLanguage('de');
    const seen = await asWindowSees(new BridgeError('invalid-payload', 'Invalid request', checked.issues, checked.issueTexts));
    expect(fieldIssuesOf(seen)).toEqual([
      {
        path: 'notes',
        message: 'Das sieht wie eine Kartennummer aus. Kartennummern dürfen nicht in Notizen stehen; entfernen Sie sie, um zu speichern.',
      },
    ]);
  });
});

describe('a refusal only partly given as messages', () => {
  it('keeps its sentence as sent, and says in German only the fields that have a message', async () => {
    const errors = [fieldProblem('notes', 'agent.wrapUp.chooseCode'), { field: 'when', message: 'Pick a later time.' }];
    const refusal = refuse(errors);
    if (refusal.ok) throw new Error('expected a refusal');
    const error = refusalError('invalid-payload', refusal);
    await i18n.changeLanguage('de');
    const seen = await asWindowSees(error);
    expect(seen.message).toBe('Choose a wrap-up code. Pick a later time.');
    expect(fieldIssuesOf(seen)).toEqual([
      { path: 'notes', message: 'Wählen Sie einen Nachbearbeitungscode.' },
      { path: 'when', message: 'Pick a later time.' },
    ]);
  });
});

describe('the agent state machine’s refusals and the system’s own reason, in German', () => {
  it('refuses "Missed call" as a choice, naming it in the agent’s language; the status names it too', async () => {
    const offline = initialAgentState(T0);
    const error = refused(offline, { type: 'log-in', at: T0, reason: 'missed-call' });
    expect(error.message).toBe('"Missed call" is set by the system and cannot be chosen.');
    await i18n.changeLanguage('de');
    expect(translateUserText(error.text)).toBe('„Anruf verpasst“ wird vom System gesetzt und kann nicht gewählt werden.');

    // Two offers missed in a row turn a Ready agent Not ready, "Missed call".
    const policy = agentPolicy({ decline: { missedCallsBeforeNotReady: 2 } });
    const missedTwice = run(
      offline,
      [
        { type: 'log-in', at: T0 },
        { type: 'call-offered', at: T0 + 1, callId: 'c1', interactionId: 'i1' },
        { type: 'call-missed', at: T0 + 2, callId: 'c1' },
        { type: 'call-offered', at: T0 + 3, callId: 'c2', interactionId: 'i2' },
        { type: 'call-missed', at: T0 + 4, callId: 'c2' },
      ],
      policy,
    ).state;
    expect(missedTwice.reason).toBe('missed-call');
    const label = viewAgent(missedTwice, T0 + 5, policy).statusLabel;
    expect(englishOf(label)).toBe('Not ready: Missed call');
    expect(translateUserText(label)).toBe('Nicht bereit: Anruf verpasst');
  });
});
