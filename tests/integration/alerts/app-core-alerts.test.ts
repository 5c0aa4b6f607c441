import { afterEach, describe, expect, it } from 'vitest';
import type { ReplyBody } from '../../../shared/bridge/envelopes';
import { raiseEscalation } from '../../../shared/escalation/escalation';
import type { PolicyView } from '../../../shared/policy/contract';
import type { SyncStatus } from '../../../shared/sync/contract';
import { defaultWorkflowConfig } from '../../../electron/agent/workflow-defaults';
import type { RendererLink } from '../../../electron/bridge/bridge-server';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { createRecordingPlatform } from '../../../electron/core/platform-services';
import { silentLogger } from '../../../electron/logging/logger';
import { buildPolicyState, policyCoreOptions } from '../../../electron/policy/policy-service';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { startSlackReceiver, startTeamsReceiver } from '../../support/chat-webhook-receivers';
import { openSettings, policyReading } from '../../support/settings';
import { englishOf } from '../../../shared/text/user-text';
import { i18n, translateUserText } from '../../../renderer/src/i18n';
import { openStore, tempDataDir } from '../store/support';

/**
 * The alerts as the app core wires them: IT's policy names the webhooks, an escalation that
 * breached while the app was closed is alerted at start, a refused alert is in the status strip's
 * parked list (what the parked dialog shows), and the renderer never sees a webhook address.
 */

const MIN = 60_000;
const link: RendererLink = { id: 'alerts-window', sendEvent: () => undefined, sendMedia: () => undefined };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until<T>(what: string, read: () => Promise<T> | T, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function result<T>(core: AppCore, channel: string, payload: unknown = {}): Promise<T> {
  const reply: ReplyBody = await core.bridge.handleCommand(link, channel, payload);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.result as T;
}

describe('SLA alerts in the app core', () => {
  it('alerts at start for a breach while closed; a refused webhook is parked in the sync status; the address stays in main', async () => {
    const tmp = tempDataDir('alerts-core');
    cleanups.push(tmp.cleanup);
    const slack = await startSlackReceiver();
    const teams = await startTeamsReceiver();
    cleanups.push(
      () => slack.close(),
      () => teams.close(),
    );
    slack.answerNext({ status: 404, body: 'channel_not_found' });

    // An escalation raised 20 minutes ago and never acknowledged, stored before this start.
    const { store } = await openStore(tmp.dir, { secrets: createKeyFileSecretStore(tmp.dir) });
    const raised = raiseEscalation(
      {
        source: 'case',
        interactionId: null,
        caseId: 'CS-1',
        customerId: 'CU-1',
        tier: 'tier-2',
        group: 'network',
        priority: 'P1',
        summary: 'Outage',
        handoff: { customerExpectation: 'a', troubleshootingDone: 'b', recommendedNextSteps: 'c' },
      },
      { id: 'ESC-core-1', agentId: 'agent-7', now: Date.now() - 20 * MIN, config: defaultWorkflowConfig() },
    );
    if (!raised.ok) throw new Error(raised.message);
    await store.saveEscalation(raised.value);
    await store.close();

    const webhooks = {
      webhooks: { 'ops-slack': { kind: 'slack', url: slack.url }, 'ops-teams': { kind: 'teams', url: teams.url } },
      routes: { P1: { 'acknowledge-overdue': ['ops-slack', 'ops-teams'] } },
    };
    const policy = buildPolicyState(
      openSettings(tmp.dir, [policyReading({}, { slaAlertWebhooks: webhooks, slaAlertContent: 'ids-only' })]),
    );
    const core = await createAppCore({
      version: 'test',
      dataDir: tmp.dir,
      platform: createRecordingPlatform(),
      secrets: createKeyFileSecretStore(tmp.dir),
      log: silentLogger,
      ...policyCoreOptions(policy),
    });
    cleanups.push(() => core.close());
    core.bridge.connect(link);

    await until(
      'the Teams message',
      () => teams.received.length,
      (n) => n === 1,
    );
    expect(JSON.stringify(teams.received[0]!.body)).toContain('ESC-core-1');
    const status = await until(
      'the parked Slack alert in the sync status',
      () => result<SyncStatus>(core, 'sync.getStatus'),
      (s) => s.parked.length === 1,
    );
    expect(status.parked[0]).toMatchObject({
      entityKind: 'alert',
      entityId: 'ESC-core-1',
      operation: 'slack:acknowledge-overdue',
      code: 'http-404-channel_not_found',
    });
    expect(englishOf(status.parked[0]!.message)).toContain("the webhook's channel no longer exists");
    // The parked dialog says the reason in the agent's language.
    await i18n.changeLanguage('de');
    try {
      expect(translateUserText(status.parked[0]!.message)).toBe(
        'Slack hat die Warnung abgelehnt (HTTP 404 channel_not_found): Der Kanal des Webhooks existiert nicht mehr',
      );
    } finally {
      await i18n.changeLanguage('en');
    }

    // The renderer sees that webhooks are set, never where.
    const view = await result<PolicyView>(core, 'policy.get');
    expect(view.entries.find((e) => e.key === 'slaAlertWebhooks')?.value).toBe('(set)');
    expect(JSON.stringify(view)).not.toContain('/services/');
    expect(JSON.stringify(status)).not.toContain('/services/');

    // "Send again" in the parked dialog: the channel is back, and the alert goes out at once (not at
    // the delivery's once-a-minute look at the outbox, which this test's timeout is shorter than).
    expect(await result<{ requeued: number }>(core, 'sync.retryParked', { ids: [status.parked[0]!.id] })).toEqual({ requeued: 1 });
    await until(
      'the Slack message',
      () => slack.received.length,
      (n) => n === 1,
    );
  });
});
