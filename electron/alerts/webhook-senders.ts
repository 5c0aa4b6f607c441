import { IncomingWebhook, IncomingWebhookHTTPError, IncomingWebhookRequestError, type FetchFunction } from '@slack/webhook';
import type { WebhookKind } from '../../shared/alerts/policy';
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
  | { kind: 'retry'; code: string; message: string; retryAfterMs: number | null }
  | { kind: 'park'; code: string; message: string };

export interface WebhookSender {
  /** A Slack target takes a SlackMessage, a Teams target a TeamsMessage. */
  send(target: { kind: WebhookKind; url: string }, message: SlackMessage | TeamsMessage): Promise<SendOutcome>;
}

/** Slack's and Teams' answers are a few bytes; anything long is not theirs. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Slack's incoming-webhook error strings (Slack API changelog 2016-05-17, "Improving error
 * conditions for Incoming Webhooks"; no_service and invalid_token for a removed webhook), in words for IT.
 */
const SLACK_REASONS: Record<string, string> = {
  invalid_payload: 'Slack could not read the message',
  user_not_found: 'Slack does not know a user the message names',
  action_prohibited: 'the Slack workspace does not allow this webhook to post in its channel',
  channel_not_found: "the webhook's channel no longer exists",
  channel_is_archived: "the webhook's channel is archived",
  no_service: 'the webhook was removed or disabled in Slack; create a new one and update the policy',
  no_team: "the webhook's Slack workspace no longer exists",
  invalid_token: 'the webhook was removed or disabled in Slack; create a new one and update the policy',
  no_text: 'Slack found no text in the message',
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
  return { kind: 'retry', code: error.code.slice(0, 64), message: `${service} could not be reached: ${error.message}`, retryAfterMs: null };
}

/** What an HTTP status that is not a success means, for either service. */
function byStatus(
  service: string,
  status: number,
  headers: HttpResponse['headers'] | undefined,
  reason: string | null,
  now: number,
): SendOutcome {
  const said = reason === null ? '' : ` ${reason}`;
  if (status === 429) {
    return {
      kind: 'retry',
      code: 'http-429',
      message: `${service} asked Switchboard to slow down (HTTP 429)`,
      retryAfterMs: retryAfterMs(headers?.['retry-after'], now),
    };
  }
  if (status >= 500 || status === 408) {
    return {
      kind: 'retry',
      code: `http-${status}`,
      message: `${service} failed to take the alert (HTTP ${status}${said})`,
      retryAfterMs: null,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'park',
      code: `http-${status}-redirect`,
      message: `${service} answered with a redirect (HTTP ${status}); use the webhook address exactly as ${service} gave it`,
    };
  }
  const words = service === 'Slack' && reason !== null ? SLACK_REASONS[reason] : undefined;
  return {
    kind: 'park',
    code: `http-${status}${reason === null ? '' : `-${reason}`}`.slice(0, 64),
    message: `${service} refused the alert (HTTP ${status}${said})${words === undefined ? '' : `: ${words}`}`,
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
        message: `Sending to Slack failed inside Switchboard (${original instanceof Error ? original.name : typeof original})`,
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
