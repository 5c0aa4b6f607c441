import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Local receivers that answer as the chat services document, for the SLA alert tests:
 *
 * - Slack incoming webhook (Slack API docs › "Sending messages using incoming webhooks"; changelog
 *   2016-05-17 "Improving error conditions for Incoming Webhooks"): 200 with the text body "ok";
 *   400 invalid_payload for a body that is not a JSON message with text or blocks; 403
 *   action_prohibited, 404 channel_not_found, 410 channel_is_archived, 404 no_service as text
 *   bodies; 429 with Retry-After when rate limited (Slack API docs › Rate limits).
 * - Teams Workflows webhook ("When a Teams webhook request is received"): 202 Accepted with an
 *   empty body for a message with an Adaptive Card attachment, 400 with a JSON error otherwise.
 *
 * A test scripts the next answers (`answerNext`), takes the receiver off the network (`down`:
 * every connection is cut before an answer, as a dropped link looks from the client), and reads
 * what each received.
 */

export interface ScriptedAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface Received {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

export interface ChatWebhookReceiver {
  /** http://127.0.0.1:<port><path>: the webhook address to put in the policy. */
  url: string;
  received: Received[];
  /** Requests seen, answered or not (the ones cut while down too). */
  attempts: number;
  answerNext(...answers: ScriptedAnswer[]): void;
  down(on: boolean): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function startReceiver(
  path: string,
  judge: (body: unknown, contentType: string | undefined) => ScriptedAnswer,
): Promise<ChatWebhookReceiver> {
  const script: ScriptedAnswer[] = [];
  const sockets = new Set<Socket>();
  let isDown = false;
  const receiver: ChatWebhookReceiver = {
    url: '',
    received: [],
    attempts: 0,
    answerNext: (...answers) => script.push(...answers),
    down(on) {
      isDown = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    receiver.attempts += 1;
    if (isDown) {
      req.socket.destroy();
      return;
    }
    void readBody(req).then((text) => {
      if (req.method !== 'POST' || req.url !== path) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no_service');
        return;
      }
      const contentType = req.headers['content-type'];
      const body = parse(text);
      const scripted = script.shift();
      const answer = scripted ?? judge(body, contentType);
      if (answer.status >= 200 && answer.status < 300) receiver.received.push({ path: req.url, contentType, body });
      res.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8', ...answer.headers }).end(answer.body ?? '');
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return receiver;
}

/** A Slack incoming webhook: 200 "ok" for a JSON message with text or blocks, else 400 invalid_payload. */
export function startSlackReceiver(): Promise<ChatWebhookReceiver> {
  return startReceiver('/services/T0000TEST/B0000TEST/abcdefghijklmnopqrstuvwx', (body, contentType) => {
    const message = body as { text?: unknown; blocks?: unknown } | undefined;
    const ok =
      contentType?.startsWith('application/json') === true &&
      typeof message === 'object' &&
      message !== null &&
      (typeof message.text === 'string' || Array.isArray(message.blocks));
    return ok ? { status: 200, body: 'ok' } : { status: 400, body: 'invalid_payload' };
  });
}

/** A Teams Workflows webhook: 202 Accepted for a message with an Adaptive Card attachment. */
export function startTeamsReceiver(): Promise<ChatWebhookReceiver> {
  return startReceiver('/workflows/0123456789abcdef/triggers/manual/paths/invoke', (body, contentType) => {
    const message = body as { type?: unknown; attachments?: { contentType?: unknown; content?: { type?: unknown } }[] } | undefined;
    const card = Array.isArray(message?.attachments) ? message.attachments[0] : undefined;
    const ok =
      contentType?.startsWith('application/json') === true &&
      message?.type === 'message' &&
      card?.contentType === 'application/vnd.microsoft.card.adaptive' &&
      card.content?.type === 'AdaptiveCard';
    return ok
      ? { status: 202, body: '' }
      : {
          status: 400,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ error: { code: 'TriggerInputSchemaMismatch', message: 'The input body does not match the schema' } }),
        };
  });
}
