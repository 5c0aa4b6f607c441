import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookSender, type SendOutcome } from '../../../electron/alerts/webhook-senders';
import { createHttpTransport } from '../../../electron/sync/http-client';
import { englishOf } from '../../../shared/text/user-text';
import { i18n, translateUserText } from '../../../renderer/src/i18n';
import { startSlackReceiver, startTeamsReceiver, type ChatWebhookReceiver } from '../../support/chat-webhook-receivers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await i18n.changeLanguage('en');
});

/** The English of an outcome's reason (what the log and the outbox row's English say). */
function reasonOf(outcome: SendOutcome): string | null {
  return outcome.kind === 'sent' ? null : englishOf(outcome.text);
}

async function setup(): Promise<{
  slack: ChatWebhookReceiver;
  teams: ChatWebhookReceiver;
  send: ReturnType<typeof createWebhookSender>['send'];
}> {
  const slack = await startSlackReceiver();
  const teams = await startTeamsReceiver();
  const transport = createHttpTransport();
  cleanups.push(
    () => slack.close(),
    () => teams.close(),
    () => transport.close(),
  );
  const sender = createWebhookSender({ transport, timeoutMs: 10_000, userAgent: 'Switchboard/test', now: () => 0 });
  return { slack, teams, send: sender.send.bind(sender) };
}

const slackMessage = {
  text: 'P1 escalation ESC-1: Acknowledgement overdue by 1 min',
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }],
};
const teamsMessage = {
  type: 'message' as const,
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive' as const,
      contentUrl: null,
      content: { type: 'AdaptiveCard', version: '1.4', body: [] },
    },
  ],
};

describe('webhook senders', () => {
  it('Slack 200 "ok" and Teams 202 Accepted are sent', async () => {
    const { slack, teams, send } = await setup();
    await expect(send({ kind: 'slack', url: slack.url }, slackMessage)).resolves.toEqual({ kind: 'sent' });
    await expect(send({ kind: 'teams', url: teams.url }, teamsMessage)).resolves.toEqual({ kind: 'sent' });
    expect(slack.received[0]!.body).toMatchObject({ text: slackMessage.text, blocks: slackMessage.blocks, unfurl_links: false });
    expect(teams.received[0]!.body).toEqual(teamsMessage);
  });

  it('5xx is retried with backoff; 429 with its Retry-After (seconds or a date)', async () => {
    const { slack, teams, send } = await setup();
    slack.answerNext({ status: 500, body: 'rollup_error' }, { status: 429, body: 'rate_limited', headers: { 'retry-after': '12' } });
    teams.answerNext({ status: 429, headers: { 'retry-after': new Date(45_000).toUTCString() } }, { status: 502 });
    expect(await send({ kind: 'slack', url: slack.url }, slackMessage)).toMatchObject<Partial<SendOutcome>>({
      kind: 'retry',
      code: 'http-500',
    });
    const slowDown = await send({ kind: 'slack', url: slack.url }, slackMessage);
    expect(slowDown).toMatchObject({ kind: 'retry', code: 'http-429', retryAfterMs: 12_000 });
    expect(reasonOf(slowDown)).toBe('Slack asked Switchboard to slow down (HTTP 429)');
    expect(await send({ kind: 'teams', url: teams.url }, teamsMessage)).toMatchObject({
      kind: 'retry',
      code: 'http-429',
      retryAfterMs: 45_000,
    });
    expect(await send({ kind: 'teams', url: teams.url }, teamsMessage)).toMatchObject({
      kind: 'retry',
      code: 'http-502',
      retryAfterMs: null,
    });
    expect(slack.received).toHaveLength(0);
  });

  it('a receiver that is not there is a network retry naming the host, never the address', async () => {
    const { slack, send } = await setup();
    const url = slack.url;
    await slack.close();
    const outcome = await send({ kind: 'slack', url }, slackMessage);
    expect(outcome).toMatchObject({ kind: 'retry', code: 'ECONNREFUSED' });
    expect(JSON.stringify(outcome)).toContain('127.0.0.1');
    expect(JSON.stringify(outcome)).not.toContain('/services/');
  });

  it('a message Slack cannot read is parked as invalid_payload', async () => {
    const { slack, send } = await setup();
    const outcome = await send({ kind: 'slack', url: slack.url }, { text: undefined as unknown as string, blocks: undefined as never });
    expect(outcome).toMatchObject({ kind: 'park', code: 'http-400-invalid_payload' });
    expect(reasonOf(outcome)).toBe('Slack refused the alert (HTTP 400 invalid_payload): Slack could not read the message');
  });

  it('gives its reason as a message the parked list says in German, Slack’s code word as it came', async () => {
    const { slack, teams, send } = await setup();
    slack.answerNext({ status: 404, body: 'channel_not_found' });
    teams.answerNext({ status: 301, headers: { location: 'http://127.0.0.1:9/elsewhere' } });
    const refused = await send({ kind: 'slack', url: slack.url }, slackMessage);
    const redirected = await send({ kind: 'teams', url: teams.url }, teamsMessage);
    if (refused.kind === 'sent' || redirected.kind === 'sent') throw new Error('expected a refusal and a redirect');
    expect(englishOf(refused.text)).toBe("Slack refused the alert (HTTP 404 channel_not_found): the webhook's channel no longer exists");
    await i18n.changeLanguage('de');
    expect(translateUserText(refused.text)).toBe(
      'Slack hat die Warnung abgelehnt (HTTP 404 channel_not_found): Der Kanal des Webhooks existiert nicht mehr',
    );
    expect(translateUserText(redirected.text)).toBe(
      'Teams hat mit einer Weiterleitung geantwortet (HTTP 301); verwenden Sie die Webhook-Adresse genau so, wie Teams sie angegeben hat',
    );
  });
});
