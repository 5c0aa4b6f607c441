import { afterEach, describe, expect, it } from 'vitest';
import { alertWebhooksSchema, type AlertContentLevel, type AlertWebhooks } from '../../../shared/alerts/policy';
import type { CreateEscalationRequest } from '../../../shared/escalation/contract';
import { defaultWorkflowConfig } from '../../../electron/agent/workflow-defaults';
import { createAlertsFeature } from '../../../electron/alerts/feature';
import { EscalationService } from '../../../electron/escalation/escalation-service';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import type { StoreClient } from '../../../electron/store/store-client';
import { recordPagesOf } from '../../../electron/sync/record-pages';
import { textOfStored } from '../../../electron/sync/failure-text';
import { englishOf, userText } from '../../../shared/text/user-text';
import { startSlackReceiver, startTeamsReceiver, type ChatWebhookReceiver } from '../../support/chat-webhook-receivers';
import { manualScheduler } from '../../support/manual-scheduler';
import { openStore, tempDataDir } from '../store/support';

/**
 * SLA alerts end to end in main: the escalation service on a hand-moved clock, the real store's
 * outbox, and local receivers that answer as Slack's incoming webhooks and Teams' Workflows
 * webhooks do. Nothing here waits a fixed time: each step polls for what a user would see.
 */

const MIN = 60_000;
/**
 * The hand-moved clock starts on the hour a day ahead of the real one: the store stamps the rows it
 * makes itself (the escalation's, a requeue) with the real time, which must not be later than the
 * services' clock, as it never is in the app.
 */
const T0 = (Math.floor(Date.now() / (60 * MIN)) + 24) * 60 * MIN;
const utc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const CASE_ID = 'zd-ticket-5001';
const CUSTOMER_ID = 'zd-user-77';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Polls until `check` holds; generous, since the suites also run with every core busy. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Lets the store round trips a timer starts run (the clock's timers fire synchronously). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((r) => setTimeout(r, 2));
}

function policyFor(slack: ChatWebhookReceiver, teams: ChatWebhookReceiver): AlertWebhooks {
  const both = ['ops-slack', 'ops-teams'];
  // Through the policy key's own schema: the receivers' http://127.0.0.1 addresses are allowed, as for IT's tests.
  return alertWebhooksSchema.parse({
    webhooks: { 'ops-slack': { kind: 'slack', url: slack.url }, 'ops-teams': { kind: 'teams', url: teams.url } },
    routes: {
      P1: { 'acknowledge-overdue': both, 'resolve-overdue': both, 'team-lead': both, 'service-manager': both, 'vp-operations': both },
    },
  });
}

async function setup(options: { dataDir?: string; content?: AlertContentLevel; start?: number } = {}) {
  const dataDir =
    options.dataDir ??
    (() => {
      const tmp = tempDataDir('alerts');
      cleanups.push(tmp.cleanup);
      return tmp.dir;
    })();
  const { store } = await openStore(dataDir);
  cleanups.push(() => store.close());
  const slack = await startSlackReceiver();
  const teams = await startTeamsReceiver();
  cleanups.push(
    () => slack.close(),
    () => teams.close(),
  );
  const clock = manualScheduler(options.start ?? T0, { settle });
  const config = defaultWorkflowConfig();
  const policy = { slaAlertWebhooks: policyFor(slack, teams), slaAlertContent: options.content ?? 'full' };
  const memory = createMemorySink();
  const log = createLogger(memory.sink);
  const alerts = createAlertsFeature({
    store,
    policy: () => policy,
    matrix: () => config.escalationMatrix,
    recordPages: (records) => recordPagesOf('zendesk', 'https://acme.zendesk.com', records),
    scheduler: clock.scheduler,
    log,
    version: 'test',
    // Pinned jitter: a retry waits exactly half its step's range above half (5 s × 0.75 for the first).
    backoff: { baseMs: 5_000, capMs: 60_000, random: () => 0.5 },
  });
  cleanups.push(() => alerts.close?.());
  const service = new EscalationService({
    store,
    config: () => config,
    agentId: () => 'agent-7',
    scheduler: clock.scheduler,
    log,
    onChanged: () => undefined,
    onAlert: () => undefined,
    raiseAlert: (record, trigger, at) => alerts.service.raise(record, trigger, at),
  });
  cleanups.push(() => service.close());
  await service.start();
  return { store, slack, teams, clock, service, alerts, policy, logs: memory.records, dataDir };
}

async function seedCase(store: StoreClient): Promise<void> {
  await store.upsertCustomers([{ id: CUSTOMER_ID, name: 'Ada <Lovelace>', updatedAt: T0, version: 1 }]);
  await store.upsertCases([
    { id: CASE_ID, customerId: CUSTOMER_ID, subject: 'Street cabinet *down*', status: 'open', priority: 'P1', updatedAt: T0, version: 1 },
  ]);
}

function p1(): CreateEscalationRequest {
  return {
    source: 'case',
    interactionId: null,
    caseId: CASE_ID,
    customerId: CUSTOMER_ID,
    tier: 'tier-2',
    group: 'network',
    priority: 'P1',
    summary: 'Whole street without service since 08:10',
    handoff: {
      customerExpectation: 'Service back today; a call at 07700 900123 when it is fixed',
      troubleshootingDone: 'Router rebooted, line test failed at the cabinet',
      recommendedNextSteps: 'Send a field engineer to the street cabinet',
    },
    warmTransferCallId: null,
  };
}

async function alertRows(store: StoreClient) {
  return (await store.outbox.list({ states: ['pending', 'parked', 'sent'], limit: 100 })).filter((r) => r.entityKind === 'alert');
}

const slackText = (r: ChatWebhookReceiver, i = 0): string => JSON.stringify(r.received[i]?.body);

describe('SLA alerts to Slack and Teams', () => {
  it('a P1 not acknowledged in 15 minutes gives exactly one Slack and one Teams message with the case, customer, overdue time, agent and link', async () => {
    const { store, slack, teams, clock, service, alerts } = await setup();
    await seedCase(store);
    const { escalation } = await service.create(p1());
    await clock.advance(15 * MIN + 30_000);
    await until('both messages', () => slack.received.length === 1 && teams.received.length === 1);
    await alerts.service.delivery.idle();

    const slackBody = slack.received[0]!.body as { text: string; blocks: { type: string }[] };
    expect(slack.received[0]!.contentType).toMatch(/^application\/json/);
    expect(slackBody.text).toBe(`P1 escalation ${escalation.id} (case ${CASE_ID}): Acknowledgement overdue by 0 min`);
    expect(slackBody.blocks.map((b) => b.type)).toEqual(['header', 'section', 'actions', 'context']);
    const slackJson = slackText(slack);
    for (const field of [CASE_ID, 'Street cabinet *down*', 'Ada &lt;Lovelace&gt;', 'agent-7', 'P1', 'Overdue by', utc(T0 + 15 * MIN)])
      expect(slackJson).toContain(field);
    expect(slackJson).toContain('https://acme.zendesk.com/agent/tickets/5001');

    const card = (teams.received[0]!.body as { attachments: { content: { body: unknown[]; actions: { url: string }[] } }[] })
      .attachments[0]!.content;
    const teamsJson = JSON.stringify(card);
    for (const field of [CASE_ID, 'Street cabinet \\\\*down\\\\*', 'Ada <Lovelace>', 'agent-7', 'Acknowledgement overdue'])
      expect(teamsJson).toContain(field);
    expect(card.actions[0]!.url).toBe('https://acme.zendesk.com/agent/tickets/5001');

    // Nothing of the handoff or the agent's summary leaves the machine.
    for (const body of [slackJson, teamsJson]) {
      expect(body).not.toContain('07700 900123');
      expect(body).not.toContain('Whole street');
      expect(body).not.toContain('field engineer');
    }

    // Still one each later, and after a restart of the service, which re-reports the breach.
    await clock.advance(10 * MIN);
    service.close();
    const again = new EscalationService({
      store,
      config: () => defaultWorkflowConfig(),
      agentId: () => 'agent-7',
      scheduler: clock.scheduler,
      log: createLogger(createMemorySink().sink),
      onChanged: () => undefined,
      onAlert: () => undefined,
      raiseAlert: (record, trigger, at) => alerts.service.raise(record, trigger, at),
    });
    cleanups.push(() => again.close());
    await again.start();
    await settle();
    await alerts.service.delivery.idle();
    expect(slack.received).toHaveLength(1);
    expect(teams.received).toHaveLength(1);
    const rows = await alertRows(store);
    // Queued at the monitor's time, not the store thread's.
    expect(rows.map((r) => r.createdAt)).toEqual([T0 + 15 * MIN + 30_000, T0 + 15 * MIN + 30_000]);
    expect(rows.map((r) => [r.operation, r.state]).sort()).toEqual([
      ['slack:acknowledge-overdue', 'sent'],
      ['teams:acknowledge-overdue', 'sent'],
    ]);
  });

  it('walks the chain: Team Lead at 30 min, Service Manager at 60 min, each once per webhook', async () => {
    const { store, slack, teams, clock, service } = await setup();
    await seedCase(store);
    await service.create(p1());
    await clock.advance(16 * MIN);
    await until('the acknowledgement alerts', () => slack.received.length === 1 && teams.received.length === 1);
    await clock.advance(15 * MIN);
    await until('the Team Lead alerts', () => slack.received.length === 2 && teams.received.length === 2);
    expect(slackText(slack, 1)).toContain('Team Lead involved, unresolved');
    expect(slackText(slack, 1)).toContain('Unresolved for');
    await clock.advance(30 * MIN);
    await until('the Service Manager alerts', () => slack.received.length === 3 && teams.received.length === 3);
    expect(JSON.stringify(teams.received[2]!.body)).toContain('Service Manager involved, unresolved');
  });

  it('ids only: no case title and no customer name', async () => {
    const { store, slack, teams, clock, service } = await setup({ content: 'ids-only' });
    await seedCase(store);
    await service.create(p1());
    await clock.advance(16 * MIN);
    await until('both messages', () => slack.received.length === 1 && teams.received.length === 1);
    for (const body of [slackText(slack), JSON.stringify(teams.received[0]!.body)]) {
      expect(body).toContain(CASE_ID);
      expect(body).toContain(CUSTOMER_ID);
      expect(body).not.toContain('Street cabinet');
      expect(body).not.toContain('Lovelace');
    }
  });

  it('an alert raised offline is sent once after the network is back', async () => {
    const { store, slack, teams, clock, service, alerts } = await setup();
    await seedCase(store);
    slack.down(true);
    teams.down(true);
    await service.create(p1());
    await clock.advance(16 * MIN);
    await until('both first attempts', () => slack.attempts >= 1 && teams.attempts >= 1);
    await alerts.service.delivery.idle();
    const waiting = await alertRows(store);
    expect(waiting.map((r) => r.state)).toEqual(['pending', 'pending']);
    expect(waiting.every((r) => r.lastErrorCode === 'ECONNRESET')).toBe(true);
    expect(slack.received).toHaveLength(0);

    slack.down(false);
    teams.down(false);
    await clock.advance(5_000);
    await until('both messages', () => slack.received.length === 1 && teams.received.length === 1);
    await alerts.service.delivery.idle();
    await clock.advance(10 * MIN);
    await alerts.service.delivery.idle();
    expect(slack.received).toHaveLength(1);
    expect(teams.received).toHaveLength(1);
    expect((await alertRows(store)).map((r) => r.state)).toEqual(['sent', 'sent']);
  });

  it('after a restart, alerts the last run left waiting go at their retry time; with nothing pending nothing wakes', async () => {
    const { store, slack, teams, clock, service, alerts } = await setup();
    await seedCase(store);
    slack.down(true);
    teams.down(true);
    await service.create(p1());
    await clock.advance(16 * MIN);
    await until('both first attempts', () => slack.attempts >= 1 && teams.attempts >= 1);
    await alerts.service.delivery.idle();
    await alerts.close?.();
    const retryAt = Math.min(...(await alertRows(store)).map((r) => r.nextAttemptAt));
    expect(retryAt).toBeGreaterThan(clock.scheduler.now());

    // The next start: a delivery on the same outbox, its wake-ups counted.
    slack.down(false);
    teams.down(false);
    const armed: { when: number; live: boolean }[] = [];
    const counted = {
      now: () => clock.scheduler.now(),
      at(when: number, fn: () => void) {
        const t = { when, live: true };
        armed.push(t);
        const cancel = clock.scheduler.at(when, () => {
          t.live = false;
          fn();
        });
        return () => {
          t.live = false;
          cancel();
        };
      },
    };
    const config = defaultWorkflowConfig();
    const again = createAlertsFeature({
      store,
      policy: () => ({ slaAlertWebhooks: policyFor(slack, teams), slaAlertContent: 'full' }),
      matrix: () => config.escalationMatrix,
      recordPages: (records) => recordPagesOf('zendesk', 'https://acme.zendesk.com', records),
      scheduler: counted,
      log: createLogger(createMemorySink().sink),
      version: 'test',
    });
    cleanups.push(() => again.close?.());
    await again.service.delivery.idle();
    // It sleeps until the waiting rows' time, not on a poll.
    expect(armed.filter((t) => t.live).map((t) => t.when)).toEqual([retryAt]);
    expect(slack.received).toHaveLength(0);
    await clock.advance(retryAt - clock.scheduler.now());
    await until('both messages', () => slack.received.length === 1 && teams.received.length === 1);
    await again.service.delivery.idle();
    // All sent: no timer is left to wake it.
    expect(armed.filter((t) => t.live)).toEqual([]);
  });

  it('a 429 is retried after its Retry-After, not before', async () => {
    const { store, slack, teams, clock, service, alerts } = await setup();
    await seedCase(store);
    slack.answerNext({ status: 429, body: 'rate_limited', headers: { 'retry-after': '30' } });
    await service.create(p1());
    await clock.advance(16 * MIN);
    await until('the Teams message and the refused Slack one', () => teams.received.length === 1 && slack.attempts === 1);
    await alerts.service.delivery.idle();
    const row = (await alertRows(store)).find((r) => r.operation.startsWith('slack:'))!;
    expect(row.state).toBe('pending');
    expect(row.lastErrorCode).toBe('http-429');
    expect(row.nextAttemptAt - clock.scheduler.now()).toBe(30_000);

    await clock.advance(29_000);
    await alerts.service.delivery.idle();
    expect(slack.attempts).toBe(1);
    await clock.advance(1_000);
    await until('the Slack message', () => slack.received.length === 1);
    expect(slack.attempts).toBe(2);
  });

  it.each([
    [400, 'invalid_payload', 'http-400-invalid_payload', 'Slack could not read the message'],
    [403, 'action_prohibited', 'http-403-action_prohibited', 'does not allow this webhook'],
    [404, 'channel_not_found', 'http-404-channel_not_found', 'channel no longer exists'],
    [410, 'channel_is_archived', 'http-410-channel_is_archived', 'archived'],
    [404, 'no_service', 'http-404-no_service', 'removed or disabled'],
  ])('Slack %i %s is parked with its reason, shown as parked, and sent when retried', async (status, body, code, words) => {
    const { store, slack, teams, clock, service, alerts } = await setup();
    await seedCase(store);
    slack.answerNext({ status, body });
    await service.create(p1());
    await clock.advance(16 * MIN);
    await until('the Teams message and the refused Slack one', () => teams.received.length === 1 && slack.attempts === 1);
    await alerts.service.delivery.idle();
    const snapshot = await store.outbox.snapshot({});
    expect(snapshot.counts.parked).toBe(1);
    const parked = snapshot.parked[0]!;
    expect(parked.entityKind).toBe('alert');
    expect(parked.lastErrorCode).toBe(code);
    // Kept as a message (the parked list says it in the agent's language), read back as the sentence it was.
    const reason = textOfStored(parked.lastErrorMessage, userText('sync.outbox.parkedUnknown'));
    expect(reason.key).toBe('escalation.alertDelivery.refusedBecause');
    expect(englishOf(reason)).toContain(`HTTP ${status}`);
    expect(englishOf(reason)).toContain(words);
    // The address (its path is the secret) is in no reason.
    expect(parked.lastErrorMessage).not.toContain('/services/');

    // "Send again" in the parked dialog puts it back and wakes the delivery (sync's `requeued` in the
    // app: app-core-alerts.test.ts); it is sent at once, with no poll.
    await store.outbox.requeue([parked.id]);
    alerts.service.delivery.wake();
    await until('the Slack message', () => slack.received.length === 1);
  });

  it('a Teams 4xx is parked with its reason; a redirect is parked, not followed', async () => {
    const { store, slack, teams, clock, service, alerts } = await setup();
    await seedCase(store);
    teams.answerNext({
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: { code: 'TriggerInputSchemaMismatch', message: 'no' } }),
    });
    slack.answerNext({ status: 301, headers: { location: 'http://127.0.0.1:9/elsewhere' } });
    await service.create(p1());
    await clock.advance(16 * MIN);
    await until('both answers', () => teams.attempts === 1 && slack.attempts === 1);
    await alerts.service.delivery.idle();
    const parked = (await store.outbox.snapshot({})).parked;
    expect(parked.map((r) => r.lastErrorCode).sort()).toEqual(['http-301-redirect', 'http-400-TriggerInputSchemaMismatch']);
    expect(slack.attempts).toBe(1);
  });

  it('alert rows never reach CRM sync', async () => {
    const { store, slack, clock, service } = await setup();
    await seedCase(store);
    slack.down(true);
    await service.create(p1());
    await clock.advance(16 * MIN);
    await until('an attempt', () => slack.attempts >= 1);
    const crmDue = await store.outbox.due({ now: clock.scheduler.now() + 24 * 60 * MIN, limit: 100 });
    expect(crmDue.some((r) => r.entityKind === 'alert')).toBe(false);
    expect(crmDue.some((r) => r.entityKind === 'escalation')).toBe(true);
  });
});
