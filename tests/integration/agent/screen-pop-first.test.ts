import { afterEach, describe, expect, it } from 'vitest';
import type { AgentDeskView } from '../../../shared/agent/contract';
import type { EventEnvelope, MediaRequestEnvelope } from '../../../shared/bridge/envelopes';
import type { CallOffered } from '../../../shared/telephony/model';
import type { PhoneView } from '../../../shared/telephony/contract';
import { AgentDesk } from '../../../electron/agent/agent-desk';
import { BridgeServer } from '../../../electron/bridge/bridge-server';
import { POP_FRAME_MS } from '../../../electron/agent/pop-first';
import { defaultWorkflowConfig } from '../../../electron/agent/workflow-defaults';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import type { TelephonyEvents } from '../../../electron/telephony/telephony-events';
import { TypedEmitter } from '../../../shared/events/typed-emitter';
import { openStore, tempDataDir } from '../store/support';
import { manualScheduler } from '../../support/manual-scheduler';

// The window works through main's messages one after another: the customer must come before the
// ring's own messages (the phone view with its ringtone, the media engine's preparation), or the
// window draws the customer only after all of that (docs/performance.md, "The screen pop within
// one frame"). Here a real agent desk, store and bridge, and a window that records what it gets.

const T0 = Date.UTC(2026, 11, 6, 9, 0, 0);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** What the window got, in order: an event's channel (the agent view as `agent.view:<customer or ->`), or `media:<method>`. */
type Received = string;

async function desk(options: { callWaiting?: boolean } = {}) {
  const tmp = tempDataDir('screen-pop-first');
  cleanups.push(tmp.cleanup);
  const { store } = await openStore(tmp.dir);
  cleanups.push(() => store.close());
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
  ]);
  const bridge = new BridgeServer({ log: createLogger(createMemorySink().sink) });
  const received: Received[] = [];
  const window = {
    id: 'window-1',
    sendEvent: (e: EventEnvelope) => {
      if (e.channel !== 'agent.view') return received.push(e.channel);
      const contact = (e.payload as AgentDeskView).contact;
      return received.push(`agent.view:${contact?.lookup?.matches[0]?.customer.name ?? '-'}`);
    },
    sendMedia: (m: MediaRequestEnvelope) => received.push(`media:${m.method}`),
  };
  cleanups.push(bridge.connect(window));
  bridge.attachMediaEngine(window);
  const events = new TypedEmitter<TelephonyEvents>((_event, error) => {
    throw error;
  });
  const clock = manualScheduler(T0);
  const defaults = defaultWorkflowConfig();
  const config = options.callWaiting ? { ...defaults, inboundDecline: { ...defaults.inboundDecline, declineWhileBusy: false } } : defaults;
  const agent = await AgentDesk.open({
    store,
    telephony: { events, reject: async () => undefined },
    config: () => config,
    agentId: () => 'agent-7',
    scheduler: clock.scheduler,
    log: createLogger(createMemorySink().sink),
    dataDir: tmp.dir,
    emit: (channel, payload) => bridge.emit(channel, payload),
    // No cap here (a loaded machine's store may take longer than it): bridge-hold.test.ts tests it.
    holdOutput: (except) => bridge.holdOutput(except, 60_000),
  });
  cleanups.push(() => agent.close());
  await agent.settled();
  received.length = 0;
  return { bridge, events, received, clock };
}

const RINGING: PhoneView = {
  calls: [
    {
      id: 'call-1',
      direction: 'inbound',
      status: 'ringing-in',
      remote: { number: '4155550123', displayName: 'Ada L' },
      muted: false,
      holdPending: null,
      remoteHold: false,
      media: 'none',
      waiting: false,
      consultFor: null,
      transfer: null,
      startedAt: T0,
      answeredAt: null,
      endedAt: null,
      holdSeconds: 0,
      heldSince: null,
      endReason: null,
      endCode: null,
      problem: null,
    },
  ],
  ring: 'ring',
  lastEnded: null,
};

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i += 1) await new Promise((res) => setTimeout(res, 5));
  expect(check()).toBe(true);
}

describe('the screen pop reaches the window before the ring', () => {
  it('a known caller: the customer first, then the phone view and the media preparation telephony sent meanwhile, in their order', async () => {
    const { bridge, events, received, clock } = await desk();
    const offered: CallOffered = { callId: 'call-1', number: '4155550123', displayName: 'Ada L', at: T0, waiting: false };
    // As telephony does on an INVITE: the offer to the agent desk, then, at once, the ring's own messages.
    events.emit('callOffered', offered);
    bridge.emit('telephony.view', RINGING);
    const probe = bridge.requestMedia('media.probe', {});
    probe.catch(() => undefined);
    expect(received).toEqual([]);
    await until(() => received.length >= 1);
    expect(received[0]).toBe('agent.view:Ada Lovelace');
    // Until a frame has passed, nothing but the customer: the pop, and the view with their timeline
    // that follows it as soon as the search thread has read it (call-loop.ts), which on a fast
    // thread is here already.
    expect(received.filter((r) => r !== 'agent.view:Ada Lovelace')).toEqual([]);
    // A frame for the window to draw the customer, then the ring.
    await clock.advance(POP_FRAME_MS);
    await until(() => received.includes('media:media.probe'));
    const afterPop = received.slice(received.indexOf('telephony.view'));
    expect(received.slice(0, received.indexOf('telephony.view')).every((r) => r === 'agent.view:Ada Lovelace')).toBe(true);
    expect(afterPop.filter((r) => !r.startsWith('agent.view'))).toEqual(['telephony.view', 'media:media.probe']);
  });

  it('a call waiting behind the contact on screen holds nothing back', async () => {
    const { bridge, events, received, clock } = await desk({ callWaiting: true });
    events.emit('callOffered', { callId: 'call-1', number: '4155550123', displayName: 'Ada L', at: T0, waiting: false });
    await until(() => received.includes('agent.view:Ada Lovelace'));
    // The first call's ring messages follow its pop a frame later.
    await clock.advance(POP_FRAME_MS);
    events.emit('callAnswered', { id: 'call-1' } as never);
    received.length = 0;
    events.emit('callOffered', { callId: 'call-2', number: '4155550199', displayName: null, at: T0 + 1000, waiting: true });
    bridge.emit('telephony.view', { ...RINGING, ring: 'soft' });
    expect(received).toEqual(['telephony.view']);
    // The waiting call is offered, not declined: the agent sees it ring over the customer on screen.
    await until(() => received.includes('agent.view:Ada Lovelace'));
  });
});
