import { afterEach, describe, expect, it } from 'vitest';
import { englishOf, userText } from '../../../shared/text/user-text';
import { BridgeError } from '../../../shared/bridge/errors';
import type { WorkflowConfig } from '../../../shared/config/workflow';
import type { CreateEscalationRequest, EscalationAlert } from '../../../shared/escalation/contract';
import type { EscalationRecord } from '../../../shared/escalation/records';
import { defaultWorkflowConfig } from '../../../electron/agent/workflow-defaults';
import { withGroupPhone } from '../../support/escalation-groups';
import { EscalationService, type WarmTransferPort } from '../../../electron/escalation/escalation-service';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import type { StoreClient } from '../../../electron/store/store-client';
import { StatsService } from '../../../electron/stats/stats-service';
import { interaction, openStore, tempDataDir } from '../store/support';
import { manualScheduler } from '../../support/manual-scheduler';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);

/** Lets the store's worker round trips that alerts and chain steps start finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((r) => setTimeout(r, 5));
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options: { transfer?: WarmTransferPort; start?: number; dataDir?: string; config?: WorkflowConfig } = {}) {
  const dataDir =
    options.dataDir ??
    (() => {
      const tmp = tempDataDir('esc');
      cleanups.push(tmp.cleanup);
      return tmp.dir;
    })();
  const { store } = await openStore(dataDir);
  cleanups.push(() => store.close());
  const clock = manualScheduler(options.start ?? T0, { settle });
  const changed: EscalationRecord[] = [];
  const alerts: EscalationAlert[] = [];
  // What wakes sync: the store announces each commit that queued outbox rows (electron/sync/feature.ts).
  let wakes = 0;
  cleanups.push(
    store.on('outboxChanged', () => {
      wakes += 1;
    }),
  );
  const config = options.config ?? defaultWorkflowConfig();
  const service = new EscalationService({
    store,
    config: () => config,
    agentId: () => 'agent-7',
    scheduler: clock.scheduler,
    log: createLogger(createMemorySink().sink),
    onChanged: (r) => changed.push(r),
    onAlert: (a) => alerts.push(a),
    transfer: options.transfer ?? null,
  });
  cleanups.push(() => service.close());
  await service.start();
  return { store, service, clock, changed, alerts, wakes: () => wakes, dataDir };
}

function p1FromCase(overrides: Partial<CreateEscalationRequest> = {}): CreateEscalationRequest {
  return {
    source: 'case',
    interactionId: null,
    caseId: 'CS-00000042',
    customerId: 'CU-0000042',
    tier: 'tier-2',
    group: 'network',
    priority: 'P1',
    summary: 'Whole street without service since 08:10',
    handoff: {
      customerExpectation: 'Service back today; a call when it is fixed',
      troubleshootingDone: 'Router rebooted, line test failed at the cabinet',
      recommendedNextSteps: 'Send a field engineer to the street cabinet',
    },
    warmTransferCallId: null,
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<BridgeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BridgeError);
  return error as BridgeError;
}

async function outboxFor(store: StoreClient, id: string) {
  return (await store.outbox.list({})).filter((r) => r.entityKind === 'escalation' && r.entityId === id);
}

describe('escalation service on a real store', () => {
  it('refuses a P1 with empty handoff fields, naming each, and stores nothing', async () => {
    const { service, store, changed, wakes } = await setup();
    const error = await refusal(
      service.create(p1FromCase({ handoff: { customerExpectation: '  ', troubleshootingDone: 'Rebooted', recommendedNextSteps: '' } })),
    );
    expect(error.code).toBe('invalid-payload');
    expect(error.message).toBe('Missing: customer expectation, recommended next steps');
    expect(error.issues).toEqual([
      'handoff.customerExpectation: Missing: customer expectation, recommended next steps',
      'handoff.recommendedNextSteps: Missing: customer expectation, recommended next steps',
    ]);
    expect(await store.listEscalations({})).toEqual([]);
    expect((await store.outbox.list({})).length).toBe(0);
    expect(changed).toEqual([]);
    expect(wakes()).toBe(0);
  });

  it('stores a complete P1 with deadlines from the policy, an outbox row and the chain, and the store announces the row (which wakes sync)', async () => {
    const { service, store, changed, wakes } = await setup();
    const { escalation, transfer } = await service.create(p1FromCase());
    expect(transfer.state).toBe('not-requested');
    const row = await store.getEscalation(escalation.id);
    expect(row).not.toBeNull();
    expect(row?.createdAt).toBe(T0);
    expect(row?.acknowledgeBy).toBe(T0 + 15 * MIN);
    expect(row?.resolveBy).toBe(T0 + 4 * 60 * MIN);
    expect(row?.agentId).toBe('agent-7');
    expect(row?.chain.map((s) => [s.role, s.dueAt - T0])).toEqual([
      ['team-lead', 30 * MIN],
      ['service-manager', 60 * MIN],
      ['vp-operations', 240 * MIN],
    ]);
    expect(await outboxFor(store, escalation.id)).toHaveLength(1);
    expect(wakes()).toBe(1);
    expect(changed.map((r) => r.id)).toEqual([escalation.id]);
    expect(service.watched).toBe(1);
  });

  it("uses each priority's SLA: P2 1 h / 24 h, P3 24 h / 72 h, P4 24 h / 14 days; no chain below P1", async () => {
    const { service } = await setup();
    const expected = { P2: [60, 24 * 60], P3: [24 * 60, 72 * 60], P4: [24 * 60, 14 * 24 * 60] } as const;
    for (const [priority, [ack, resolve]] of Object.entries(expected)) {
      const { escalation } = await service.create(p1FromCase({ priority: priority as 'P2', group: 'technical' }));
      expect([escalation.acknowledgeBy - T0, escalation.resolveBy - T0, escalation.chain.length]).toEqual([ack * MIN, resolve * MIN, 0]);
    }
  });

  it('refuses a group that does not take the priority, and a transfer to a group without a number', async () => {
    const { service, store } = await setup();
    const wrongGroup = await refusal(service.create(p1FromCase({ priority: 'P4', group: 'network' })));
    expect(wrongGroup.message).toContain('does not take P4');
    const noNumber = await refusal(service.create(p1FromCase({ source: 'call', interactionId: 'I-1', warmTransferCallId: 'call-1' })));
    expect(noNumber.message).toContain('has no phone number');
    expect(await store.listEscalations({})).toEqual([]);
  });

  it('alerts when the acknowledge clock breaches and walks the chain Team Lead → Service Manager → VP Operations', async () => {
    const { service, store, clock, alerts } = await setup();
    const { escalation } = await service.create(p1FromCase());
    await clock.advance(12 * MIN + 1);
    expect(alerts.map((a) => a.kind)).toEqual(['at-risk']);
    await clock.advance(3 * MIN);
    expect(alerts.map((a) => a.kind)).toEqual(['at-risk', 'breached']);
    expect(englishOf(alerts[1]!.message)).toBe('P1 escalation to Network operations (outages): the acknowledgement deadline has passed.');
    await clock.advance(15 * MIN);
    const teamLead = alerts.filter((a) => a.kind === 'chain-step');
    expect(teamLead.map((a) => englishOf(a.message))).toEqual([
      'P1 escalation to Network operations (outages) is unresolved after 30 min: Team Lead is now involved.',
    ]);
    let row = await store.getEscalation(escalation.id);
    expect(row?.chain.map((s) => s.notifiedAt)).toEqual([T0 + 30 * MIN + 1, null, null]);
    await clock.advance(30 * MIN);
    await clock.advance(180 * MIN);
    row = await store.getEscalation(escalation.id);
    expect(row?.chain.every((s) => s.notifiedAt !== null)).toBe(true);
    expect(alerts.filter((a) => a.kind === 'chain-step').map((a) => englishOf(a.message).split(': ')[1])).toEqual([
      'Team Lead is now involved.',
      'Service Manager is now involved.',
      'VP Operations is now involved.',
    ]);
    // Each chain step is a stored change with its own outbox row.
    expect((await outboxFor(store, escalation.id)).length).toBe(4);
  });

  it('acknowledge and resolve stop the clocks; the chain is not needed once resolved', async () => {
    const { service, clock, alerts } = await setup();
    const { escalation } = await service.create(p1FromCase());
    await clock.advance(5 * MIN);
    const acked = await service.acknowledge(escalation.id);
    expect(acked.acknowledgedAt).toBe(T0 + 5 * MIN);
    const again = await refusal(service.acknowledge(escalation.id));
    expect(again.code).toBe('conflict');
    await clock.advance(10 * MIN);
    const resolved = await service.resolve(escalation.id);
    expect(resolved.resolvedAt).toBe(T0 + 15 * MIN);
    await clock.advance(5 * 60 * MIN);
    expect(alerts).toEqual([]);
    expect(service.watched).toBe(0);
    expect((await service.list({ open: true })).escalations).toEqual([]);
  });

  it('after a restart, an escalation that breached while the app was closed alerts at start', async () => {
    const first = await setup();
    const { escalation } = await first.service.create(p1FromCase());
    first.service.close();
    await first.store.close();
    const second = await setup({ dataDir: first.dataDir, start: T0 + 20 * MIN });
    await settle();
    expect(second.alerts.map((a) => [a.escalationId, a.kind])).toEqual([[escalation.id, 'breached']]);
    expect(second.service.watched).toBe(1);
  });

  it('warm transfer: consults the group with the case context, leaves completing to the agent and records the time once the customer is transferred', async () => {
    const calls: string[] = [];
    const contexts: unknown[] = [];
    let connected: ((outcome: 'connected' | 'cancelled' | 'failed') => void) | null = null;
    let ended: ((transferred: boolean) => void) | null = null;
    const transfer: WarmTransferPort = {
      consult: async (callId, target, context) => {
        calls.push(`consult ${callId} ${target}`);
        contexts.push(context);
        return { callId: 'consult-1' };
      },
      whenConnected: (_id, listener) => {
        connected = listener;
      },
      whenEnded: (callId, listener) => {
        calls.push(`follow ${callId}`);
        ended = listener;
      },
    };
    // The shipped matrix has no numbers: the group gets one the way IT's policy would give it.
    expect(defaultWorkflowConfig().escalationMatrix.tiers[0]?.groups.find((g) => g.id === 'network')?.phone).toBeUndefined();
    const { service, store, clock, alerts } = await setup({ transfer, config: withGroupPhone('network', '+15550002000') });
    expect(service.formOptions().tiers[0]?.groups.find((g) => g.id === 'network')?.canTransfer).toBe(true);
    const request = p1FromCase({ source: 'call', interactionId: 'I-9', warmTransferCallId: 'call-9' });
    const { escalation, transfer: state } = await service.create(request);
    expect(state.state).toBe('dialling');
    expect(englishOf(state.message!)).toContain('Complete transfer');
    expect(calls).toEqual(['consult call-9 +15550002000', 'follow call-9']);
    expect(contexts).toEqual([{ caseId: request.caseId, customerId: request.customerId, priority: 'P1', summary: request.summary }]);
    // Tier 2 answering hands nothing over by itself: the agent briefs them first.
    await clock.advance(20_000);
    (connected as unknown as (outcome: 'connected') => void)('connected');
    await settle();
    expect((await store.getEscalation(escalation.id))?.warmTransferAt).toBeNull();
    // The agent pressed Complete transfer: the customer's call ended transferred.
    await clock.advance(10_000);
    (ended as unknown as (transferred: boolean) => void)(true);
    await settle();
    expect((await store.getEscalation(escalation.id))?.warmTransferAt).toBe(T0 + 30_000);
    expect(alerts.filter((a) => a.kind === 'transfer')).toEqual([]);
  });

  it('warm transfer: a consultation that fails alerts the agent and records no transfer; one the agent cancels does not alert', async () => {
    const listeners: { connected: ((outcome: 'connected' | 'cancelled' | 'failed') => void)[]; ended: ((t: boolean) => void)[] } = {
      connected: [],
      ended: [],
    };
    const transfer: WarmTransferPort = {
      consult: async () => ({ callId: `consult-${listeners.connected.length + 1}` }),
      whenConnected: (_id, listener) => void listeners.connected.push(listener),
      whenEnded: (_id, listener) => void listeners.ended.push(listener),
    };
    const { service, store, alerts } = await setup({ transfer, config: withGroupPhone('network', '+15550002000') });
    const first = await service.create(p1FromCase({ source: 'call', interactionId: 'I-10', warmTransferCallId: 'call-10' }));
    listeners.connected[0]?.('failed');
    await settle();
    expect(alerts.filter((a) => a.kind === 'transfer').map((a) => englishOf(a.message))).toEqual([
      expect.stringContaining('did not take the call; the customer is still on hold'),
    ]);
    const second = await service.create(p1FromCase({ source: 'call', interactionId: 'I-11', warmTransferCallId: 'call-11' }));
    listeners.connected[1]?.('cancelled');
    listeners.ended[1]?.(false);
    listeners.ended[0]?.(false);
    await settle();
    expect(alerts.filter((a) => a.kind === 'transfer')).toHaveLength(1);
    expect((await store.getEscalation(first.escalation.id))?.warmTransferAt).toBeNull();
    expect((await store.getEscalation(second.escalation.id))?.warmTransferAt).toBeNull();
  });

  it('warm transfer: the phone refusing the consultation tells the agent why, in their language', async () => {
    const refusal = new BridgeError('unavailable', userText('escalation.transfer.phoneRefused'));
    const transfer: WarmTransferPort = {
      consult: () => Promise.reject(refusal),
      whenConnected: () => undefined,
      whenEnded: () => undefined,
    };
    const { service, alerts } = await setup({ transfer, config: withGroupPhone('network', '+15550002000') });
    const { transfer: state } = await service.create(p1FromCase({ source: 'call', interactionId: 'I-12', warmTransferCallId: 'call-12' }));
    expect(state.state).toBe('unavailable');
    // The refusal travels as the phone's own message, nested: the window translates both.
    expect(state.message).toEqual({
      key: 'escalation.transfer.failed',
      values: { group: 'Network operations (outages)', reason: { key: 'escalation.transfer.phoneRefused' } },
    });
    expect(englishOf(state.message!)).toBe('The call could not be transferred to Network operations (outages): the phone refused');
    expect(alerts.filter((a) => a.kind === 'transfer').map((a) => a.message)).toEqual([state.message]);
  });
});

describe('my stats from the store', () => {
  it('counts handled contacts, AHT, escalation rate and SLA compliance for today', async () => {
    const { service, store, clock } = await setup();
    const base = T0 - 60 * MIN;
    for (let i = 0; i < 4; i += 1) {
      await store.logInteraction(
        interaction({
          id: `IS-${i}`,
          agentId: 'agent-7',
          startedAt: base + i * 10 * MIN,
          answeredAt: base + i * 10 * MIN + 5_000,
          endedAt: base + i * 10 * MIN + 365_000,
          talkSeconds: 300,
          holdSeconds: 60,
          afterCallWorkSeconds: 60,
        }),
      );
    }
    await store.logInteraction(
      interaction({
        id: 'IS-miss',
        agentId: 'agent-7',
        outcome: 'missed',
        startedAt: base + 45 * MIN,
        answeredAt: null,
        endedAt: base + 45 * MIN + 30_000,
        talkSeconds: 0,
      }),
    );
    await store.logInteraction(interaction({ id: 'IS-other', agentId: 'someone-else', startedAt: base }));
    await service.create(p1FromCase());
    await clock.advance(20 * MIN);
    const stats = new StatsService({
      store,
      agentId: () => 'agent-7',
      policy: () => ({ weekStartsOn: 1, timeZone: 'UTC' }),
      now: () => T0 + 20 * MIN,
    });
    const { today, week } = await stats.compute();
    expect(today.contactsHandled).toBe(4);
    expect(today.ahtSeconds).toBe(420);
    expect(today.avgAfterCallWorkSeconds).toBe(60);
    expect(today.missedCalls).toBe(1);
    expect(today.escalations).toBe(1);
    expect(today.escalationRatePercent).toBe(25);
    expect(today.sla.acknowledge).toMatchObject({ overdue: 1, percent: 0 });
    expect(week.contactsHandled).toBe(4);
  });
});
