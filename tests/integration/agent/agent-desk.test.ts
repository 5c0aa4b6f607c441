import { afterEach, describe, expect, it } from 'vitest';
import { englishOf } from '../../../shared/text/user-text';
import type { AgentDeskView, ScreenPop } from '../../../shared/agent/contract';
import type { WorkflowConfig } from '../../../shared/config/workflow';
import type { CallEnded, CallOffered } from '../../../shared/telephony/model';
import { AgentDesk } from '../../../electron/agent/agent-desk';
import { POP_WAIT_MS } from '../../../electron/agent/call-loop';
import { defaultWorkflowConfig } from '../../../electron/agent/workflow-defaults';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import type { StoreClient } from '../../../electron/store/store-client';
import type { TelephonyEvents } from '../../../electron/telephony/telephony-events';
import { TypedEmitter } from '../../../shared/events/typed-emitter';
import { openStore, tempDataDir } from '../store/support';
import { manualScheduler, type ManualScheduler } from '../../support/manual-scheduler';

const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Rig {
  desk: AgentDesk;
  store: StoreClient;
  events: TypedEmitter<TelephonyEvents>;
  rejected: { callId: string; code: number }[];
  pops: ScreenPop[];
  views: AgentDeskView[];
  order: string[];
  clock: ManualScheduler;
  /** Outbox rows the store announced (`outboxChanged`, what wakes sync). */
  announced: () => number;
  close: () => Promise<void>;
}

async function rig(
  options: { dataDir?: string; store?: StoreClient; config?: WorkflowConfig; clock?: ManualScheduler } = {},
): Promise<Rig> {
  const dataDir =
    options.dataDir ??
    (() => {
      const tmp = tempDataDir('agent');
      cleanups.push(tmp.cleanup);
      return tmp.dir;
    })();
  let store = options.store;
  if (!store) {
    const opened = await openStore(dataDir);
    store = opened.store;
    const s = store;
    cleanups.push(() => s.close());
  }
  const order: string[] = [];
  const realLog = store.logInteraction.bind(store);
  store.logInteraction = (record) => {
    order.push(`log:${record.outcome}`);
    return realLog(record);
  };
  let announced = 0;
  cleanups.push(
    store.on('outboxChanged', ({ queued }) => {
      announced += queued;
    }),
  );
  const clock = options.clock ?? manualScheduler(T0);
  // A listener that throws fails the test where it was emitted.
  const events = new TypedEmitter<TelephonyEvents>((_event, error) => {
    throw error;
  });
  const rejected: { callId: string; code: number }[] = [];
  const pops: ScreenPop[] = [];
  const views: AgentDeskView[] = [];
  const config = options.config ?? defaultWorkflowConfig();
  const desk = await AgentDesk.open({
    store,
    telephony: {
      events,
      reject: async (callId, code) => {
        rejected.push({ callId, code });
      },
    },
    config: () => config,
    agentId: () => 'agent-7',
    scheduler: clock.scheduler,
    log: createLogger(createMemorySink().sink),
    dataDir,
    emit: (channel, payload) => {
      if (channel === 'agent.view') {
        // The pop travels in the view: each change of the contact on screen is one pop.
        const contact = (payload as AgentDeskView).contact;
        if (contact && JSON.stringify(contact) !== JSON.stringify(pops.at(-1))) pops.push(contact);
        views.push(payload as AgentDeskView);
        order.push(`view:${(payload as AgentDeskView).agent.status}`);
      }
    },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await desk.close();
  };
  cleanups.push(close);
  return { desk, store, events, rejected, pops, views, order, clock, announced: () => announced, close };
}

function offer(r: Rig, callId: string, number: string, displayName: string | null = null): CallOffered {
  const o: CallOffered = { callId, number, displayName, at: r.clock.scheduler.now(), waiting: false };
  r.events.emit('callOffered', o);
  return o;
}

function ended(r: Rig, o: CallOffered, extra: Partial<CallEnded> = {}): CallEnded {
  const e: CallEnded = {
    callId: o.callId,
    direction: 'inbound',
    remoteNumber: o.number,
    remoteDisplayName: o.displayName,
    startedAt: o.at,
    answeredAt: null,
    endedAt: r.clock.scheduler.now(),
    talkSeconds: 0,
    holdSeconds: 0,
    endReason: 'remote-hangup',
    endCode: null,
    transferredTo: null,
    consultFor: null,
    problem: null,
    quality: { samples: 10, mosAvg: 4.3, mosMin: 4.1, jitterMsAvg: 3, jitterMsMax: 6, lossPct: 0.5, rttMsAvg: 12 },
    ...extra,
  };
  // Telephony says the call is over at once, and gives its record with the engine's quality after.
  r.events.emit('callOver', {
    ...e,
    quality: { samples: 0, mosAvg: null, mosMin: null, jitterMsAvg: null, jitterMsMax: null, lossPct: null, rttMsAvg: null },
  });
  r.events.emit('callEnded', e);
  return e;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i += 1) await new Promise((res) => setTimeout(res, 5));
  expect(check()).toBe(true);
}

async function seed(store: StoreClient): Promise<void> {
  await store.upsertCustomers([{ id: 'C-1', name: 'Ada Lovelace', phones: ['+14155550123'], updatedAt: T0 - 1000, version: 1 }]);
  await store.upsertCases([
    {
      id: 'CS-1',
      customerId: 'C-1',
      subject: 'Router drops every evening',
      status: 'open',
      priority: 'P2',
      updatedAt: T0 - 500,
      version: 1,
    },
    { id: 'CS-2', customerId: 'C-1', subject: 'Old invoice', status: 'closed', priority: 'P4', updatedAt: T0 - 900, version: 1 },
  ]);
}

describe('AgentDesk: the call loop over a real store', () => {
  it('a seeded customer calls: screen pop while ringing, the call is logged before any UI hears of it, then a mandatory wrap-up', async () => {
    const r = await rig();
    await seed(r.store);
    expect(r.desk.view().agent.status).toBe('ready'); // first start logs the agent in

    const o = offer(r, 'call-1', '4155550123', 'Ada <b>L</b>');
    // The ring's view waits for the lookup (the store answers well within POP_WAIT_MS): one push, with the customer.
    await until(() => r.pops.length > 0);
    expect(r.pops).toHaveLength(1);
    expect(r.pops[0]).toMatchObject({ callId: 'call-1', state: 'ringing', displayName: 'Ada <b>L</b>', receivedAt: o.at });
    const pop = r.pops[0]!;
    expect(pop.lookup?.matches.map((m) => m.customer.name)).toEqual(['Ada Lovelace']);
    expect(pop.lookup?.matches[0]?.openCases.map((c) => c.id)).toEqual(['CS-1']);
    expect(pop).toMatchObject({ customerId: 'C-1', caseId: 'CS-1' });
    expect(r.rejected).toEqual([]);

    await r.clock.advance(4_000);
    r.events.emit('callAnswered', { id: 'call-1' } as never);
    await r.clock.advance(30_000);
    r.events.emit('callHeld', { id: 'call-1' } as never);
    await r.clock.advance(10_000);
    r.events.emit('callResumed', { id: 'call-1' } as never);
    await r.clock.advance(20_000);
    ended(r, o, { answeredAt: o.at + 4_000, talkSeconds: 60, holdSeconds: 10 });
    await r.desk.settled();

    // Design rule 5: the row is written before the first view that shows Wrap-up.
    const logAt = r.order.indexOf('log:answered');
    const wrapAt = r.order.indexOf('view:wrap-up');
    expect(logAt).toBeGreaterThanOrEqual(0);
    expect(wrapAt).toBeGreaterThan(logAt);

    const rows = await r.store.listInteractions({ customerId: 'C-1' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      agentId: 'agent-7',
      channel: 'call',
      direction: 'inbound',
      outcome: 'answered',
      number: '+14155550123',
      startedAt: o.at,
      answeredAt: o.at + 4_000,
      endedAt: o.at + 64_000,
      talkSeconds: 50,
      holdSeconds: 10,
      afterCallWorkSeconds: 0,
      customerId: 'C-1',
      caseId: 'CS-1',
    });
    expect(rows[0]!.quality).toMatchObject({ mosAvg: 4.3, mosMin: 4.1, packetLossPct: 0.5, degraded: false });
    const outbox = await r.store.outbox.list({});
    expect(outbox.filter((row) => row.entityKind === 'interaction')).toHaveLength(1);
    // Every row queued was announced, so sync wakes for it.
    expect(r.announced()).toBe(outbox.length);

    const view = r.desk.view();
    expect(view.agent.status).toBe('wrap-up');
    expect(view.wrapUps.map((w) => [w.interactionId, w.customerName])).toEqual([[rows[0]!.id, 'Ada Lovelace']]);

    // Mandatory by default: the timer running out keeps the agent in Wrap-up, and a new call is declined with 486.
    await r.clock.advance(61_000);
    expect(r.desk.view().agent.acw).toMatchObject({ expired: true, mandatory: true });
    offer(r, 'call-2', '+14155550999');
    expect(r.rejected).toEqual([{ callId: 'call-2', code: 486 }]);

    // A code that needs a note is refused without one, with the reason.
    const id = rows[0]!.id;
    await r.desk.loop.saveWrapUpDraft(id, [{ kind: 'code', code: 'TECH-RESOLVED' }]);
    await expect(r.desk.loop.submitWrapUp(id)).rejects.toThrow('"Technical issue resolved" needs a note.');
    await r.desk.loop.saveWrapUpDraft(id, [{ kind: 'notes', notes: 'Firmware updated' }]);
    const submitted = await r.desk.loop.submitWrapUp(id);
    expect((await r.store.getInteraction(id))?.wrapUp).toMatchObject({
      state: 'submitted',
      code: 'TECH-RESOLVED',
      notes: 'Firmware updated',
      resolvedOnFirstContact: true,
    });
    // The submit answers the new view: the wrap-up is done and the agent is ready.
    expect(submitted.wrapUps).toEqual([]);
    expect(submitted.agent.status).toBe('ready');
    expect(r.desk.view().agent.status).toBe('ready');
    await r.desk.settled();
    // The submitted wrap-up and the after-call work are queued for the CRM like the call row.
    const queued = await r.store.outbox.list({});
    expect(queued.filter((row) => row.entityKind === 'wrap-up' && row.entityId === id)).toHaveLength(1);
    expect(r.announced()).toBe(queued.length);
    const after = await r.store.getInteraction(id);
    expect(after?.afterCallWorkSeconds).toBe(61);
    expect(after?.wrapUp?.state).toBe('submitted');
  });

  it("a warm transfer pops the customer and case its User-to-User header names; ids this store lacks fall back to the caller's number", async () => {
    const r = await rig();
    await seed(r.store);
    // The transferring agent's number matches nobody; the header names Ada and her case CS-2 (not her only open one).
    const handoff = { caseId: 'CS-2', customerId: 'C-1', priority: 'P1' as const, summary: 'Billing dispute', from: 'Agent A' };
    r.events.emit('callOffered', { callId: 'call-w', number: '1001', displayName: 'Agent A', at: T0, waiting: false, handoff });
    await until(() => r.pops.some((p) => p.callId === 'call-w' && p.lookup !== null));
    const pop = r.pops.findLast((p) => p.callId === 'call-w')!;
    expect(pop).toMatchObject({ customerId: 'C-1', caseId: 'CS-2' });
    expect(pop.lookup?.matches.map((m) => m.customer.name)).toEqual(['Ada Lovelace']);

    // Unknown customer, and a case of someone else named with it: neither is trusted; the number is looked up.
    const other = await rig();
    await seed(other.store);
    const unknown = { caseId: 'CS-1', customerId: 'C-404', priority: null, summary: '', from: null };
    other.events.emit('callOffered', {
      callId: 'call-u',
      number: '4155550123',
      displayName: null,
      at: T0,
      waiting: false,
      handoff: unknown,
    });
    await until(() => other.pops.some((p) => p.callId === 'call-u' && p.lookup !== null));
    expect(other.pops.findLast((p) => p.callId === 'call-u')).toMatchObject({ customerId: 'C-1', caseId: 'CS-1' });
  });

  it('the wrap-up draft and the mandatory wrap-up survive a restart of main', async () => {
    const tmp = tempDataDir('agent-restart');
    cleanups.push(tmp.cleanup);
    const { store } = await openStore(tmp.dir);
    cleanups.push(() => store.close());
    const clock = manualScheduler(T0);
    const first = await rig({ dataDir: tmp.dir, store, clock });
    const o = offer(first, 'call-1', '+14155550100');
    await clock.advance(2_000);
    first.events.emit('callAnswered', { id: 'call-1' } as never);
    await clock.advance(30_000);
    ended(first, o, { answeredAt: o.at + 2_000 });
    await first.desk.settled();
    const id = first.desk.view().wrapUps[0]!.interactionId;
    await first.desk.loop.saveWrapUpDraft(id, [{ kind: 'code', code: 'BILL-EXPLAINED' }]);
    await first.desk.loop.saveWrapUpDraft(id, [{ kind: 'notes', notes: 'Explained the pro-rata charge' }]);
    await first.close();

    await clock.advance(20_000);
    const second = await rig({ dataDir: tmp.dir, store, clock });
    const view = second.desk.view();
    expect(view.agent.status).toBe('wrap-up');
    expect(view.agent.owedWrapUps).toEqual([id]);
    expect(view.wrapUps).toHaveLength(1);
    expect(view.wrapUps[0]!.draft).toMatchObject({ code: 'BILL-EXPLAINED', notes: 'Explained the pro-rata charge', state: 'draft' });
    expect(view.wrapUps[0]!.number).toBe('+14155550100');
    await expect(second.desk.loop.setState({ state: 'offline' })).rejects.toThrow('Choose a wrap-up code before you log out.');
    await second.desk.loop.submitWrapUp(id);
    expect(second.desk.view().agent.status).toBe('ready');
  });

  it('Not ready: an inbound call is declined with 486 and logged as declined, no screen pop', async () => {
    const r = await rig();
    await r.desk.loop.setState({ state: 'not-ready', reason: 'break' });
    expect(englishOf(r.desk.view().agent.statusLabel)).toBe('Not ready: Break');
    offer(r, 'call-9', '+14155550111');
    expect(r.rejected).toEqual([{ callId: 'call-9', code: 486 }]);
    expect(r.pops).toEqual([]);
    await r.desk.settled();
    const rows = await r.store.listInteractions({});
    expect(rows.map((x) => [x.outcome, x.number])).toEqual([['declined', '+14155550111']]);
    await expect(r.desk.loop.setState({ state: 'not-ready', reason: 'missed-call' })).rejects.toThrow('set by the system');
  });

  it('missed offers: the ring timeout stops the ringing with 480; the second miss in a row turns the agent Not ready "Missed call"', async () => {
    const r = await rig();
    const first = offer(r, 'call-4', '+14155550115');
    await r.clock.advance(30_000);
    expect(r.rejected).toEqual([{ callId: 'call-4', code: 480 }]);
    // One unanswered INVITE (a stray caller, a scanner) does not take the agent out of Ready.
    expect(r.desk.view().agent.status).toBe('ready');
    ended(r, first, { endReason: 'rejected', endCode: 480 });
    const o = offer(r, 'call-5', '+14155550112');
    await r.clock.advance(30_000);
    expect(r.rejected).toEqual([
      { callId: 'call-4', code: 480 },
      { callId: 'call-5', code: 480 },
    ]);
    expect(englishOf(r.desk.view().agent.statusLabel)).toBe('Not ready: Missed call');
    ended(r, o, { endReason: 'rejected', endCode: 480 });
    await r.desk.settled();
    expect((await r.store.listInteractions({})).map((x) => x.outcome)).toEqual(['missed', 'missed']);

    // A caller who gives up after ringing 15 s or more was missed too; a quick hang-up is not.
    await r.desk.loop.setState({ state: 'ready' });
    const quick = offer(r, 'call-6', '+14155550113');
    await r.clock.advance(3_000);
    ended(r, quick, { endReason: 'missed' });
    expect(r.desk.view().agent.status).toBe('ready');
    const slow = offer(r, 'call-7', '+14155550114');
    await r.clock.advance(20_000);
    ended(r, slow, { endReason: 'missed' });
    expect(r.desk.view().agent.status).toBe('ready');
    const slow2 = offer(r, 'call-8', '+14155550116');
    await r.clock.advance(20_000);
    ended(r, slow2, { endReason: 'missed' });
    expect(englishOf(r.desk.view().agent.statusLabel)).toBe('Not ready: Missed call');
    await r.desk.settled();
    expect((await r.store.listInteractions({})).map((x) => x.outcome).sort()).toEqual([
      'abandoned',
      'missed',
      'missed',
      'missed',
      'missed',
    ]);
  });

  it('an offer whose media could not be used is logged as failed, not abandoned, and leaves the agent Ready', async () => {
    const r = await rig();
    const o = offer(r, 'call-3', '+14155550117');
    await r.clock.advance(1_000);
    ended(r, o, { endReason: 'incompatible-media', endCode: 488 });
    expect(r.desk.view().agent.status).toBe('ready');
    await r.desk.settled();
    expect((await r.store.listInteractions({})).map((x) => x.outcome)).toEqual(['failed']);
  });

  it('a slow caller lookup: the ring shows the caller after POP_WAIT_MS, and the customer when the store answers', async () => {
    const tmp = tempDataDir('agent-slow-lookup');
    cleanups.push(tmp.cleanup);
    const { store } = await openStore(tmp.dir);
    cleanups.push(() => store.close());
    await seed(store);
    const realLookup = store.lookupCaller.bind(store);
    let answer: () => void = () => undefined;
    store.lookupCaller = (number) =>
      new Promise((resolve, reject) => {
        answer = () => void realLookup(number).then(resolve, reject);
      });
    const r = await rig({ dataDir: tmp.dir, store });
    offer(r, 'call-1', '4155550123', 'Ada Lovelace');
    await new Promise((res) => setTimeout(res, 20));
    expect(r.pops).toEqual([]);
    await r.clock.advance(POP_WAIT_MS);
    await until(() => r.pops.length === 1);
    expect(r.pops[0]).toMatchObject({ callId: 'call-1', state: 'ringing', lookup: null });
    expect(r.views.at(-1)?.agent.status).toBe('ringing');
    answer();
    await until(() => r.pops.length === 2);
    expect(r.pops[1]).toMatchObject({ customerId: 'C-1', caseId: 'CS-1' });
  });

  it('unknown number: the agent finds the customer by search, files the call under them and saves the number; the next call from it pops them', async () => {
    const r = await rig();
    await seed(r.store);
    const o = offer(r, 'call-8', '+442079460000');
    await until(() => r.pops.some((p) => p.lookup !== null));
    expect(r.pops.at(-1)!.lookup?.matchedBy).toBe('none');
    const found = await r.store.search('lovelace');
    expect(found.customers.map((c) => c.id)).toEqual(['C-1']);

    const view = await r.desk.contacts.pickCustomer('C-1', 'CS-1', { saveNumber: true });
    expect(view.contact).toMatchObject({ customerId: 'C-1', caseId: 'CS-1' });
    const shown = view.contact!.lookup!.matches[0]!;
    expect(shown.customer.phones.map((p) => p.number)).toEqual(['+14155550123', '+442079460000']);
    expect(shown.openCases.map((c) => c.id)).toEqual(['CS-1']);
    await r.desk.settled();
    expect(r.pops.at(-1)).toMatchObject({ customerId: 'C-1', caseId: 'CS-1' });
    // The new number goes to the CRM like any other edit of the customer.
    const outbox = await r.store.outbox.list({});
    expect(outbox.filter((row) => row.entityKind === 'customer' && row.entityId === 'C-1')).toHaveLength(1);
    expect(r.announced()).toBe(outbox.length);

    r.events.emit('callAnswered', { id: 'call-8' } as never);
    await r.clock.advance(30_000);
    ended(r, o, { answeredAt: o.at });
    await r.desk.settled();
    const logged = await r.store.listInteractions({ customerId: 'C-1' });
    expect(logged.map((x) => [x.number, x.caseId])).toEqual([['+442079460000', 'CS-1']]);
    await r.desk.loop.saveWrapUpDraft(logged[0]!.id, [{ kind: 'code', code: 'BILL-EXPLAINED' }]);
    await r.desk.loop.submitWrapUp(logged[0]!.id);
    expect(r.desk.view().agent.status).toBe('ready');

    const again = offer(r, 'call-9', '+442079460000');
    await until(() => r.pops.some((p) => p.callId === again.callId && p.lookup !== null));
    const pop = r.pops.filter((p) => p.callId === again.callId).at(-1)!;
    expect(pop.lookup).toMatchObject({ matchedBy: 'exact' });
    expect(pop.lookup!.matches.map((m) => m.customer.id)).toEqual(['C-1']);
  });

  it('refuses to save a caller number that is not a full phone number, and changes nothing', async () => {
    const r = await rig();
    await seed(r.store);
    offer(r, 'call-10', '4001');
    await until(() => r.pops.some((p) => p.lookup !== null));
    await expect(r.desk.contacts.pickCustomer('C-1', null, { saveNumber: true })).rejects.toThrow(
      "The caller's number is not a full phone number, so it cannot be saved to the customer.",
    );
    expect(r.desk.view().contact).toMatchObject({ customerId: null });
    expect((await r.store.getCustomer('C-1'))!.customer.phones.map((p) => p.number)).toEqual(['+14155550123']);
    // Filing it without saving the number works.
    expect((await r.desk.contacts.pickCustomer('C-1', null)).contact).toMatchObject({ customerId: 'C-1', caseId: null });
  });

  it('unknown number: create the customer in one step; move the logged call to a new case; log a walk-in with a code', async () => {
    const r = await rig();
    const o = offer(r, 'call-3', '+442079460000');
    await until(() => r.pops.some((p) => p.lookup !== null));
    expect(r.pops.at(-1)!.lookup?.matchedBy).toBe('none');
    const view = await r.desk.contacts.createCustomer('Grace Hopper');
    const customerId = view.contact!.customerId!;
    expect(view.contact!.lookup!.matches[0]!.customer).toMatchObject({ name: 'Grace Hopper', phones: [{ number: '+442079460000' }] });
    r.events.emit('callAnswered', { id: 'call-3' } as never);
    await r.clock.advance(10_000);
    ended(r, o, { answeredAt: o.at });
    await r.desk.settled();
    const [row] = await r.store.listInteractions({ customerId });
    expect(row).toMatchObject({ customerId, caseId: null, outcome: 'answered' });

    const moved = await r.desk.contacts.moveInteraction(row!.id, { newCase: { subject: 'Wants a new contract', priority: 'P3' } });
    expect(moved.caseId).not.toBeNull();
    expect((await r.store.getCase(moved.caseId!))?.case).toMatchObject({ subject: 'Wants a new contract', customerId });
    expect((await r.store.getInteraction(row!.id))?.caseId).toBe(moved.caseId);

    await r.clock.advance(600_000);
    const now = r.clock.scheduler.now();
    await expect(
      r.desk.contacts.logContact({
        channel: 'walk-in',
        direction: 'inbound',
        number: null,
        startedAt: now + 60_000,
        endedAt: now + 70_000,
        handlingSeconds: 10,
        customerId,
        caseId: null,
        code: null,
        notes: '',
      }),
    ).rejects.toThrow('The start time is in the future.');
    // Notes without a code would have nowhere to go: refused, nothing logged.
    await expect(
      r.desk.contacts.logContact({
        channel: 'email',
        direction: 'inbound',
        number: null,
        startedAt: now - 60_000,
        endedAt: now,
        handlingSeconds: 60,
        customerId,
        caseId: null,
        code: null,
        notes: 'Wants the contract copy',
      }),
    ).rejects.toThrow('Choose a contact code: the notes are saved with it.');
    expect((await r.store.listInteractions({ customerId })).map((x) => x.channel)).toEqual(['call']);
    const walkIn = await r.desk.contacts.logContact({
      channel: 'walk-in',
      direction: 'inbound',
      number: null,
      startedAt: now - 300_000,
      endedAt: now - 60_000,
      handlingSeconds: 240,
      customerId,
      caseId: moved.caseId,
      code: 'ORDER-STATUS',
      notes: '',
    });
    // The customer's timeline comes with the view, read again after the walk-in was logged.
    const timeline = r.desk.view().timeline!;
    expect(timeline.customerId).toBe(customerId);
    expect(timeline.entries.map((e) => [e.interaction.channel, e.wrapUpLabel])).toEqual([
      ['walk-in', 'Order status given'],
      ['call', null],
    ]);
    expect(timeline.entries[0]!.interaction.id).toBe(walkIn.id);
    // The new customer, the call, the new case, the move and the walk-in with its code all reached the outbox, each announced to sync.
    expect(r.announced()).toBe((await r.store.outbox.list({})).length);
  });
});
