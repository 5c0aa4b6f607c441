import { IncomingWebhook, IncomingWebhookHTTPError, IncomingWebhookRequestError, type FetchFunction } from '@slack/webhook';
import type { WebhookKind } from '../../shared/alerts/policy';
import { userText, type TextKey, type UserText } from '../../shared/text/user-text';
import { SourceError } from '../sync/case-source';
import { retryAfterMs } from '../sync/http-answers';
import type { HttpResponse, HttpTransport } from '../sync/http-client';
import type { SlackMessage } from './slack-message';
import type { TeamsMessage } from './teams-message';

/**
 * Posting one alert to one webhook, and what its answer means for the outbox row:
 *
 *   2xx (Slack 200 "ok", Teams Workflows 202 Accepted) → sent
 *   429                                                 → retry at Retry-After (else backoff)
 *   5xx, 408, no answer, network down                   → retry with backoff
 *   other 4xx, a redirect                               → parked with the service's reason
 *
 * The reason is a message (`text`), kept in the outbox row so the parked list says it in the
 * agent's language (electron/sync/failure-text.ts).
 *
 * Slack goes through @slack/webhook's IncomingWebhook. Since 8.x it posts with fetch (not axios),
 * never follows a redirect (`redirect: 'error'`), retries nothing by default, and reports an HTTP
 * error as IncomingWebhookHTTPError with the status and body but without the headers. So its
 * `fetch` is ours: a request over the app's HTTP transport (electron/sync/http-client.ts, the same
 * trust store as sync: bundled, system and IT's extra CAs; like sync, no HTTP proxy), which also
 * keeps the answer's headers for Retry-After. Teams has no client library; its body is posted
 * over the same transport.
 *
 * Nothing here logs or returns the webhook's address: its path is the secret.
 */

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'retry'; code: string; text: UserText; retryAfterMs: number | null }
  | { kind: 'park'; code: string; text: UserText };

export interface WebhookSender {
  /** A Slack target takes a SlackMessage, a Teams target a TeamsMessage. */
  send(target: { kind: WebhookKind; url: string }, message: SlackMessage | TeamsMessage): Promise<SendOutcome>;
}

/** Slack's and Teams' answers are a few bytes; anything long is not theirs. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** Slack's incoming-webhook error codes, each in words for IT (the catalog cites Slack's changelog). */
const SLACK_REASONS: Readonly<Record<string, TextKey>> = {
  invalid_payload: 'escalation.alertDelivery.slack.invalidPayload',
  user_not_found: 'escalation.alertDelivery.slack.userNotFound',
  action_prohibited: 'escalation.alertDelivery.slack.actionProhibited',
  channel_not_found: 'escalation.alertDelivery.slack.channelNotFound',
  channel_is_archived: 'escalation.alertDelivery.slack.channelIsArchived',
  no_service: 'escalation.alertDelivery.slack.removed',
  no_team: 'escalation.alertDelivery.slack.noTeam',
  invalid_token: 'escalation.alertDelivery.slack.removed',
  no_text: 'escalation.alertDelivery.slack.noText',
};

type FetchResponse = Awaited<ReturnType<FetchFunction>>;

class RedirectRefused extends Error {
  constructor(readonly status: number) {
    super(`the webhook answered with a redirect (HTTP ${status})`);
  }
}

/** A short, printable code word from an answer body: Slack's "channel_not_found", never a page of HTML. */
function codeWord(body: string): string | null {
  const word = body.trim();
  return /^[a-z][a-z0-9_]{1,60}$/.test(word) ? word : null;
}

/** Teams (Power Automate) explains a refusal as JSON { error: { code, message } }; its code is enough. */
function teamsReason(body: Buffer): string | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { error?: { code?: unknown } };
    const code = parsed.error?.code;
    return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,80}$/.test(code) ? code : null;
  } catch {
    return null;
  }
}

function fetchResponseOf(res: HttpResponse, url: string): FetchResponse {
  const text = res.body.toString('utf8');
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return {
    ok: res.status >= 200 && res.status < 300,
    status: res.status,
    statusText: '',
    url,
    headers,
    arrayBuffer: () => Promise.resolve(new Uint8Array(res.body).buffer),
    json: () => Promise.resolve(JSON.parse(text) as unknown),
    text: () => Promise.resolve(text),
  };
}

function transportFailure(error: SourceError, service: string): SendOutcome {
  return {
    kind: 'retry',
    code: error.code.slice(0, 64),
    text: userText('escalation.alertDelivery.unreachable', { service, reason: error.text }),
    retryAfterMs: null,
  };
}

/** What an HTTP status that is not a success means, for either service. */
function byStatus(
  service: string,
  status: number,
  headers: HttpResponse['headers'] | undefined,
  reason: string | null,
  now: number,
): SendOutcome {
  if (status === 429) {
    return {
      kind: 'retry',
      code: 'http-429',
      text: userText('escalation.alertDelivery.slowDown', { service }),
      retryAfterMs: retryAfterMs(headers?.['retry-after'], now),
    };
  }
  if (status >= 500 || status === 408) {
    return {
      kind: 'retry',
      code: `http-${status}`,
      text:
        reason === null
          ? userText('escalation.alertDelivery.failed', { service, status })
          : userText('escalation.alertDelivery.failedSaying', { service, status, answer: reason }),
      retryAfterMs: null,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'park',
      code: `http-${status}-redirect`,
      text: userText('escalation.alertDelivery.redirect', { service, status }),
    };
  }
  const why = service === 'Slack' && reason !== null ? SLACK_REASONS[reason] : undefined;
  return {
    kind: 'park',
    code: `http-${status}${reason === null ? '' : `-${reason}`}`.slice(0, 64),
    text:
      reason === null
        ? userText('escalation.alertDelivery.refused', { service, status })
        : why === undefined
          ? userText('escalation.alertDelivery.refusedSaying', { service, status, answer: reason })
          : userText('escalation.alertDelivery.refusedBecause', { service, status, answer: reason, why: userText(why) }),
  };
}

export function createWebhookSender(options: {
  transport: HttpTransport;
  /** The whole exchange, per request. */
  timeoutMs: number;
  userAgent: string;
  now?: () => number;
}): WebhookSender {
  const now = options.now ?? Date.now;

  async function post(url: string, body: string, headers: Record<string, string>): Promise<HttpResponse> {
    return options.transport.send(new URL(url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': options.userAgent, ...headers },
      body,
      timeoutMs: options.timeoutMs,
      maxBytes: MAX_ANSWER_BYTES,
    });
  }

  async function sendSlack(url: string, message: SlackMessage): Promise<SendOutcome> {
    let last: HttpResponse | undefined;
    const fetch: FetchFunction = async (target, init) => {
      const res = await post(String(target), typeof init?.body === 'string' ? init.body : '', {});
      last = res;
      if (init?.redirect !== 'follow' && res.status >= 300 && res.status < 400) throw new RedirectRefused(res.status);
      return fetchResponseOf(res, String(target));
    };
    // One client per send: its fetch keeps this exchange's answer (headers included).
    const hook = new IncomingWebhook(url, { fetch, timeout: 0, retryConfig: { retries: 0 } });
    try {
      await hook.send({ text: message.text, blocks: message.blocks as never, unfurl_links: false, unfurl_media: false });
      return { kind: 'sent' };
    } catch (error) {
      if (error instanceof IncomingWebhookHTTPError) return byStatus('Slack', error.statusCode, last?.headers, codeWord(error.body), now());
      const original = error instanceof IncomingWebhookRequestError ? error.original : error;
      if (original instanceof RedirectRefused) return byStatus('Slack', original.status, last?.headers, null, now());
      if (original instanceof SourceError) return transportFailure(original, 'Slack');
      return {
        kind: 'retry',
        code: 'client-error',
        text: userText('escalation.alertDelivery.clientError', {
          service: 'Slack',
          error: original instanceof Error ? original.name : typeof original,
        }),
        retryAfterMs: null,
      };
    }
  }

  async function sendTeams(url: string, message: TeamsMessage): Promise<SendOutcome> {
    let res: HttpResponse;
    try {
      res = await post(url, JSON.stringify(message), {});
    } catch (error) {
      if (error instanceof SourceError) return transportFailure(error, 'Teams');
      throw error;
    }
    if (res.status >= 200 && res.status < 300) return { kind: 'sent' };
    return byStatus('Teams', res.status, res.headers, teamsReason(res.body), now());
  }

  return {
    send(target: { kind: WebhookKind; url: string }, message: SlackMessage | TeamsMessage): Promise<SendOutcome> {
      return target.kind === 'slack' ? sendSlack(target.url, message as SlackMessage) : sendTeams(target.url, message as TeamsMessage);
    },
  };
}
