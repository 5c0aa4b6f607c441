import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuidedScripts } from '../../../electron/agent/guided-scripts';
import { defaultWorkflowConfig } from '../../../electron/agent/workflow-defaults';
import { silentLogger } from '../../../electron/logging/logger';
import type { StoreClient } from '../../../electron/store/store-client';
import type { Interaction } from '../../../shared/agent/records';
import type { ScriptsView } from '../../../shared/scripts/contract';
import type { CallEnded } from '../../../shared/telephony/model';
import { interaction, openStore, tempDataDir } from '../store/support';

/**
 * Guided scripts on the real store: every tick committed before it is answered, kept through a
 * crash while the call is still up, joined to the call's row when the call is logged (the row and
 * its outbox row, what sync sends the CRM, carry them), and sent again when a step is ticked during
 * the wrap-up. A payment step asks the phone to pause and resume; a call that ends ends the step's pause.
 * The phone is the one part stood in for here: tests/e2e/guided-scripts.spec.ts runs it for real.
 */

const T0 = 1_800_000_000_000;
const config = defaultWorkflowConfig();

describe('guided scripts', () => {
  const tmp = tempDataDir('scripts');
  let store: StoreClient;
  let scripts: GuidedScripts;
  let now = T0;
  /** The contacts the agent works on: interaction id → the call while it is up. */
  const contacts = new Map<string, string | null>();
  const phone: string[] = [];
  const pushed: ScriptsView[] = [];
  let callOver: (ended: CallEnded) => void = () => undefined;

  async function open(): Promise<void> {
    ({ store } = await openStore(tmp.dir));
    scripts = new GuidedScripts({
      store,
      recording: {
        pause: async (callId) => void phone.push(`pause ${callId}`),
        resume: async (callId) => void phone.push(`resume ${callId}`),
      },
      catalog: () => config.guidedScripts,
      contactCall: (id) => (contacts.has(id) ? { callId: contacts.get(id) ?? null } : undefined),
      onCallOver: (listener) => {
        callOver = listener;
        return () => (callOver = () => undefined);
      },
      now: () => now,
      emit: (channel, view) => {
        if (channel === 'scripts.changed') pushed.push(view as ScriptsView);
      },
      log: silentLogger,
    });
  }

  async function crash(): Promise<void> {
    await scripts.closeService();
    await store.close();
    await open();
  }

  const outboxRows = async (id: string) =>
    (await store.outbox.list({})).filter((r) => r.entityKind === 'interaction' && r.entityId === id).map((r) => r.payload as Interaction);

  beforeAll(open);
  afterAll(async () => {
    await scripts.closeService();
    await store.close();
    tmp.cleanup();
  });

  it('ticks steps and starts a payment step during the call; the phone pauses and resumes recording for it', async () => {
    contacts.set('I-live', 'call-1');
    let view = await scripts.open('I-live', 'card-payment');
    expect(view.runs.map((r) => r.title)).toEqual(['Take a card payment']);
    now = T0 + 20_000;
    await scripts.step('I-live', 'card-payment', 'verify-identity', 'done');
    now = T0 + 30_000;
    view = await scripts.step('I-live', 'card-payment', 'take-payment', 'start');
    expect(phone).toEqual(['pause call-1']);
    expect(view.runs[0]?.steps.find((s) => s.id === 'take-payment')).toMatchObject({ startedAt: T0 + 30_000, doneAt: null });
    now = T0 + 75_000;
    view = await scripts.step('I-live', 'card-payment', 'take-payment', 'done');
    expect(phone).toEqual(['pause call-1', 'resume call-1']);
    expect(view.runs[0]?.steps.map((s) => s.doneAt)).toEqual([T0 + 20_000, null, T0 + 75_000, null]);
    // Nothing goes to the CRM before the call is logged: the runs wait in the store.
    expect(await outboxRows('I-live')).toEqual([]);
  });

  it('a call that ends during a payment step ends the step, and says so to the window', async () => {
    await scripts.step('I-live', 'card-payment', 'take-payment', 'undone');
    await scripts.step('I-live', 'card-payment', 'take-payment', 'start');
    callOver({ callId: 'call-1' } as CallEnded);
    await scripts.settled();
    contacts.set('I-live', null);
    expect(pushed.at(-1)?.runs[0]?.steps.find((s) => s.id === 'take-payment')).toMatchObject({ startedAt: null, doneAt: null });
    // The phone closed the interval with the call: nothing is sent to a dialog that is gone.
    expect(phone.at(-1)).toBe('pause call-1');
  });

  it('keeps the ticks through a crash, and the call row written after it carries them to the CRM', async () => {
    await crash();
    const logged = await store.logInteraction(interaction({ id: 'I-live' }));
    expect(logged.record.guidedScripts?.[0]?.steps.map((s) => s.doneAt !== null)).toEqual([true, false, false, false]);
    const [row] = await outboxRows('I-live');
    expect(row?.guidedScripts?.[0]).toMatchObject({ scriptId: 'card-payment', openedAt: T0 });
    const view = await scripts.get('I-live');
    expect(view.runs[0]?.steps[0]?.doneAt).toBe(T0 + 20_000);
  });

  it('a step ticked during the wrap-up updates the logged call and queues it again', async () => {
    now = T0 + 120_000;
    await scripts.step('I-live', 'card-payment', 'take-payment', 'done');
    const stored = await store.getInteraction('I-live');
    expect(stored?.guidedScripts?.[0]?.steps.find((s) => s.id === 'take-payment')?.doneAt).toBe(T0 + 120_000);
    const rows = await outboxRows('I-live');
    expect(rows.at(-1)?.guidedScripts?.[0]?.steps.find((s) => s.id === 'take-payment')?.doneAt).toBe(T0 + 120_000);
  });

  it('refuses what cannot be done, and changes nothing', async () => {
    const before = await store.getInteraction('I-live');
    await expect(scripts.step('I-live', 'card-payment', 'read-reference', 'start')).rejects.toThrow(/Only a payment step is started/);
    await expect(scripts.open('I-live', 'no-such-script')).rejects.toThrow(/There is no script "no-such-script"/);
    await expect(scripts.open('I-gone', 'de-escalation')).rejects.toThrow(/no longer on screen or owed a wrap-up/);
    await scripts.step('I-live', 'card-payment', 'take-payment', 'undone');
    // The call is over: a payment step cannot pause a recording any more.
    await expect(scripts.step('I-live', 'card-payment', 'take-payment', 'start')).rejects.toThrow(/The call has ended/);
    expect(phone.at(-1)).toBe('pause call-1');
    const after = await store.getInteraction('I-live');
    expect(after?.guidedScripts?.[0]?.steps.find((s) => s.id === 'take-payment')).toMatchObject({ startedAt: null, doneAt: null });
    expect(before?.guidedScripts?.[0]?.steps.find((s) => s.id === 'take-payment')?.doneAt).toBe(T0 + 120_000);
  });

  it('closing a script stops its clock and keeps it with the call', async () => {
    now = T0 + 150_000;
    const view = await scripts.close('I-live', 'card-payment');
    expect(view.runs[0]?.closedAt).toBe(T0 + 150_000);
    await expect(scripts.step('I-live', 'card-payment', 'read-reference', 'done')).rejects.toThrow(/not open on this contact/);
    expect((await store.getInteraction('I-live'))?.guidedScripts?.[0]?.closedAt).toBe(T0 + 150_000);
  });
});
