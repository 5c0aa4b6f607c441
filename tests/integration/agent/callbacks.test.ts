import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishOf } from '../../../shared/text/user-text';
import { CallbackList } from '../../../electron/agent/callback-list';
import { openAgentReminders, type CallbackReminders } from '../../../electron/agent/callback-reminders';
import { defaultWorkflowConfig } from '../../../electron/agent/workflow-defaults';
import { createRecordingPlatform } from '../../../electron/core/platform-services';
import { silentLogger } from '../../../electron/logging/logger';
import { StatsService } from '../../../electron/stats/stats-service';
import type { StoreClient } from '../../../electron/store/store-client';
import type { CallbacksView } from '../../../shared/callbacks/contract';
import type { Notice } from '../../../shared/app/contract';
import type { Callback } from '../../../shared/store/types';
import { manualScheduler, type ManualScheduler } from '../../support/manual-scheduler';
import { interaction, openStore, tempDataDir, wrapUp } from '../store/support';

/**
 * My callbacks on the real store: what the list shows of a callback a wrap-up promised, each action
 * committed with its outbox row (what sync sends the CRM), refusals that change nothing, reminders
 * that move with a reschedule and reach the OS only when the window is not in front, the overdue
 * count in my stats, and all of it still there after the store is closed and opened again.
 */

const MIN = 60_000;
const NOW = 1_800_000_100_000;
const config = defaultWorkflowConfig();

describe('my callbacks', () => {
  const tmp = tempDataDir('callbacks');
  let store: StoreClient;
  let clock: ManualScheduler;
  let reminders: CallbackReminders;
  let list: CallbackList;
  const pushed: CallbacksView[] = [];
  const notices: Notice[] = [];
  const platform = createRecordingPlatform();

  async function open(): Promise<void> {
    ({ store } = await openStore(tmp.dir));
    clock = manualScheduler(NOW);
    reminders = await openAgentReminders({
      store,
      scheduler: clock.scheduler,
      log: silentLogger,
      notify: (n) => notices.push(n),
      platform,
    });
    list = new CallbackList({
      store,
      reminders,
      config: () => config,
      emit: (_channel, view) => pushed.push(view),
      log: silentLogger,
      now: () => clock.scheduler.now(),
    });
  }

  async function close(): Promise<void> {
    list.close();
    reminders.close();
    await store.close();
  }

  const outboxOf = async (id: string) => (await store.outbox.list({})).filter((r) => r.entityKind === 'callback' && r.entityId === id);

  beforeAll(async () => {
    ({ store } = await openStore(tmp.dir));
    await store.upsertCustomers([{ id: 'C-1', name: 'Ana Lima', phones: ['+442079460018'], updatedAt: 1, version: 4 }]);
    await store.upsertCases([
      { id: 'K-1', customerId: 'C-1', subject: 'No dial tone', status: 'open', priority: 'P2', updatedAt: 1, version: 9 },
    ]);
    await store.logInteraction(interaction({ id: 'I-cb', customerId: 'C-1', caseId: 'K-1' }));
    await store.saveWrapUp(
      wrapUp('I-cb', {
        state: 'submitted',
        code: 'billing',
        notes: 'Wants the refund\nconfirmed by the billing team',
        revision: 2,
        submittedAt: NOW,
        callback: { at: NOW + 60 * MIN, number: '+442079460018', remindAt: NOW + 55 * MIN },
      }),
    );
    // One promised from a case, not a wrap-up: a number whose country has several zones.
    await store.saveCallback({
      id: 'cb-us',
      customerId: 'C-1',
      caseId: 'K-1',
      number: '+14155550123',
      dueAt: NOW + 120 * MIN,
      remindAt: NOW + 115 * MIN,
      note: 'Router swap',
    });
    await store.close();
    // As at a start of the app: the reminders are armed from what the store has scheduled.
    await open();
  });
  afterAll(async () => {
    await close();
    tmp.cleanup();
  });

  it('lists each callback owed with the customer, the number for reading, the zone the number tells and the notes', async () => {
    const view = await list.view();
    expect(view.callbacks).toEqual([
      {
        id: 'wrap-up:I-cb',
        customerId: 'C-1',
        customerName: 'Ana Lima',
        caseId: 'K-1',
        number: '+442079460018',
        numberDisplay: '+44 20 7946 0018',
        dueAt: NOW + 60 * MIN,
        remindAt: NOW + 55 * MIN,
        customerTimeZone: 'Europe/London',
        noteExcerpt: 'Wants the refund confirmed by the billing team',
      },
      expect.objectContaining({ id: 'cb-us', numberDisplay: '+1 415 555 0123', customerTimeZone: null, noteExcerpt: 'Router swap' }),
    ]);
    expect(view.outcomes.map((o) => o.id)).toEqual(['reached', 'no-answer', 'left-message', 'wrong-number']);
  });

  it('reminds in the window always, and through the OS only while the window is not in front', async () => {
    platform.focused = true;
    await clock.advance(55 * MIN);
    expect(notices.at(-1)).toMatchObject({ level: 'info' });
    expect(englishOf(notices.at(-1)!.message)).toMatch(/^Callback due at .*: see My callbacks\.$/);
    expect(platform.notifications).toEqual([]);
    platform.focused = false;
    await clock.advance(60 * MIN);
    expect(notices).toHaveLength(2);
    expect(platform.notifications).toEqual([
      expect.objectContaining({
        title: 'Callback due',
        body: expect.stringMatching(/^Callback due at .*: see My callbacks\.$/),
        tag: 'callback-cb-us',
      }),
    ]);
    // No customer name or number goes to the OS.
    expect(JSON.stringify(platform.notifications)).not.toMatch(/Ana|4155550123|415 555/);
  });

  it('refuses a time in the past or an unknown outcome with a sentence, and changes nothing', async () => {
    const before = (await store.outbox.list({})).length;
    await expect(list.reschedule('cb-us', clock.scheduler.now() - MIN)).rejects.toMatchObject({
      code: 'invalid-payload',
      message: 'The new callback time is in the past: choose a later time.',
      issues: ['at: The new callback time is in the past: choose a later time.'],
    });
    await expect(list.reschedule('cb-us', null)).rejects.toMatchObject({ message: 'Set the new date and time for the callback.' });
    await expect(list.complete('cb-us', 'sold-something')).rejects.toMatchObject({ message: 'Choose how the callback went.' });
    await expect(list.handBack('cb-us', '  ')).rejects.toMatchObject({
      message: 'Say why you are handing this callback back to the team.',
    });
    await expect(list.complete('nope', 'reached')).rejects.toMatchObject({ code: 'not-found' });
    expect((await store.outbox.list({})).length).toBe(before);
    expect((await list.view()).callbacks.map((c) => c.dueAt)).toEqual([NOW + 60 * MIN, NOW + 120 * MIN]);
  });

  it('counts callbacks past their time as overdue in my stats', async () => {
    const stats = new StatsService({
      store,
      agentId: () => 'agent-1',
      policy: () => ({ weekStartsOn: 1, timeZone: 'UTC' }),
      now: () => clock.scheduler.now(),
    });
    // The first is 55 minutes past its time; the second, 5 minutes before it, is due but not overdue.
    expect((await stats.compute()).overdueCallbacks).toBe(1);
    // Two minutes past its time it is still only due (a few minutes' grace)...
    await clock.advance(7 * MIN);
    expect((await stats.compute()).overdueCallbacks).toBe(1);
    // ...and overdue from five minutes past.
    await clock.advance(3 * MIN);
    expect((await stats.compute()).overdueCallbacks).toBe(2);
  });

  it('reschedules: the new time is committed with an outbox row, and the reminder moves with it', async () => {
    const at = clock.scheduler.now() + 24 * 60 * MIN;
    const view = await list.reschedule('wrap-up:I-cb', at);
    expect(view.callbacks.find((c) => c.id === 'wrap-up:I-cb')).toMatchObject({ dueAt: at, remindAt: at - 5 * MIN });
    expect(pushed.at(-1)).toEqual(view);
    const rows = await outboxOf('wrap-up:I-cb');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ operation: 'upsert', orderingKey: 'K-1' });
    expect(rows[0]!.payload).toMatchObject({ state: 'scheduled', dueAt: at, interactionId: 'I-cb', outcome: null });
    const before = notices.length;
    await clock.advance(24 * 60 * MIN - 6 * MIN);
    expect(notices).toHaveLength(before);
    await clock.advance(2 * MIN);
    expect(notices).toHaveLength(before + 1);
  });

  it('marks one done with its outcome and hands one back with the reason: both leave the list and go to the outbox', async () => {
    await list.complete('wrap-up:I-cb', 'left-message');
    const view = await list.handBack('cb-us', 'Customer asked for a Spanish-speaking agent');
    expect(view.callbacks).toEqual([]);
    const done = (await outboxOf('wrap-up:I-cb')).at(-1)!;
    expect(done.payload).toMatchObject({ state: 'done', outcome: 'left-message', completedAt: clock.scheduler.now() });
    const back = (await outboxOf('cb-us')).at(-1)!;
    expect(back.payload).toMatchObject({
      state: 'handed-back',
      handBackReason: 'Customer asked for a Spanish-speaking agent',
      outcome: null,
    });
    // A closed callback cannot be acted on again.
    await expect(list.reschedule('cb-us', clock.scheduler.now() + 60 * MIN)).rejects.toMatchObject({
      message: 'This callback was already handed back to the team.',
    });
  });

  it('keeps every state change after the store is closed and opened again, and arms no reminder for a closed one', async () => {
    await close();
    await open();
    const all = await store.listCallbacks({});
    const byId = new Map<string, Callback>(all.map((c) => [c.id, c]));
    expect(byId.get('wrap-up:I-cb')).toMatchObject({ state: 'done', outcome: 'left-message', handBackReason: null });
    expect(byId.get('cb-us')).toMatchObject({ state: 'handed-back', handBackReason: 'Customer asked for a Spanish-speaking agent' });
    expect(reminders.pending).toBe(0);
    expect((await list.view()).callbacks).toEqual([]);
  });
});
