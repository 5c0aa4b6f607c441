import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import { BridgeServer, type RendererLink } from '../../../electron/bridge/bridge-server';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { commandEnvelope, type ServerEnvelope } from '../../../shared/bridge/envelopes';
import { BridgeError } from '../../../shared/bridge/errors';
import { check } from '../../../shared/bridge/validate';
import { BRIDGE_PATH } from '../../../shared/bridge/web-socket';
import { BridgeClient } from '../../../renderer/src/bridge/client';
import { connectWebSocketWire } from '../../../renderer/src/bridge/web-socket-wire';
import { userText } from '../../../shared/text/user-text';

/**
 * The bridge's timeouts (shared/bridge/timeouts.ts) over a real WebSocket: the renderer's own
 * client and wire (renderer/src/bridge) talking to a real BridgeServer. Main's end of the socket
 * is a few lines here in place of the web shell host, with one switch the host does not have:
 * `wedged`, a main that takes messages and never answers (its event loop stuck). The times are
 * a few hundred ms so the tests are quick; the assertions are about what each side gets, not when.
 */

const COMMAND_MS = 300;
const logs = createMemorySink();
const bridge = new BridgeServer({
  log: createLogger(logs.sink, { level: 'debug' }),
  commandTimeoutMs: () => COMMAND_MS,
  mediaTimeoutMs: 300,
  mediaTimeoutMaxMs: 400,
});
let http: Server;
let wss: WebSocketServer;
let client: BridgeClient;
let wedged = false;
const received: string[] = [];

/** ws's WebSocket as the page's: a browser reports a failed connection as a close, ws also emits 'error', which must be listened to. */
class PageSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols);
    this.on('error', () => undefined);
  }
}

function serve(ws: WebSocket): void {
  const send = (envelope: ServerEnvelope): void => ws.send(JSON.stringify(envelope));
  const link: RendererLink = { id: `page-${received.length}`, sendEvent: send, sendMedia: send };
  const disconnect = bridge.connect(link);
  ws.on('close', disconnect);
  ws.on('message', (data: RawData) => {
    if (wedged) return;
    // The page sends text frames only, which ws hands over as one Buffer.
    const message = JSON.parse((data as Buffer).toString('utf8')) as { t?: unknown };
    if (message.t === 'media-reply') {
      bridge.handleMediaReply(link, message);
      return;
    }
    const envelope = check(commandEnvelope, message);
    if (!envelope.ok) throw new Error('the page sent a malformed command');
    const { id, channel, payload } = envelope.value;
    received.push(channel);
    void bridge.handleCommand(link, channel, payload).then((body) => send({ t: 'reply', id, ...body }));
  });
}

beforeAll(async () => {
  bridge.handle('app.getInfo', () => ({ name: 'Switchboard', version: '1.0.0', host: 'web', platform: 'linux', startedAt: 1 }));
  bridge.handle('media.ready', (_request, { link }) => {
    bridge.attachMediaEngine(link);
    return {};
  });
  http = createServer();
  wss = new WebSocketServer({ server: http, path: BRIDGE_PATH });
  wss.on('connection', serve);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  // The wire reads the page's address and the browser's WebSocket; these stay for the whole file.
  vi.stubGlobal('WebSocket', PageSocket);
  vi.stubGlobal('window', { location: { host: `127.0.0.1:${(http.address() as AddressInfo).port}` } });
  client = new BridgeClient({ commandTimeoutMs: () => COMMAND_MS, graceMs: 1_000, aliveTimeoutMs: 300 });
  client.attachWire(connectWebSocketWire(client));
  await new Promise<void>((resolve) => {
    const off = client.onConnectionState((state) => {
      if (state !== 'open') return;
      queueMicrotask(() => off());
      resolve();
    });
  });
});

afterAll(async () => {
  for (const socket of wss.clients) socket.terminate();
  wss.close();
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

async function failure(promise: Promise<unknown>): Promise<BridgeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BridgeError) return error;
    throw error;
  }
  throw new Error('expected a BridgeError');
}

describe('renderer → main commands', () => {
  it('a handler that never finishes: main answers "timeout" for it at its time, and logs what hung', async () => {
    bridge.handle('stats.get', () => new Promise<never>(() => undefined));
    const error = await failure(client.invoke('stats.get', {}));
    expect(error).toMatchObject({
      code: 'timeout',
      message: 'Switchboard did not finish stats.get within 300 ms; it may still complete. The details are in the log',
    });
    expect(logs.records.filter((r) => r.message === 'command handler did not answer in time')).toEqual([
      expect.objectContaining({ fields: { channel: 'stats.get', ms: COMMAND_MS } }),
    ]);
  });

  it('a handler that finishes after its time: the agent was told, and the late outcome is logged', async () => {
    let finish: (value: { escalations: never[]; now: number }) => void = () => undefined;
    bridge.handle('escalation.list', () => new Promise((resolve) => (finish = resolve)));
    expect(await failure(client.invoke('escalation.list', {}))).toMatchObject({ code: 'timeout' });
    finish({ escalations: [], now: 1 });
    await expect
      .poll(() => logs.records.filter((r) => r.message === 'command handler answered after its time').map((r) => r.fields))
      .toEqual([{ channel: 'escalation.list', outcome: 'ok' }]);
  });

  it('main that stops answering altogether: the command fails in the renderer with a sentence, after one unanswered "are you there?"', async () => {
    wedged = true;
    try {
      const error = await failure(client.invoke('policy.get', {}));
      expect(error.code).toBe('timeout');
      expect(error.message).toMatch(
        /^Switchboard is not responding: policy\.get got no answer in \d+ s\. If this lasts, restart Switchboard\.$/,
      );
    } finally {
      wedged = false;
    }
    // Main never saw either message; once it answers again, so do commands.
    expect(received).not.toContain('policy.get');
    expect(await client.invoke('app.getInfo', {})).toMatchObject({ name: 'Switchboard' });
  });

  it('a command held while the core starts is not failed however long the start takes: main still answers "are you there?"', async () => {
    const asked = () => received.filter((c) => c === 'app.getInfo').length;
    const before = asked();
    bridge.holdUntilReady();
    const held = client.invoke('app.listNotices', {});
    let outcome: unknown = null;
    void held.then(
      (answer) => (outcome = answer),
      (error: unknown) => (outcome = error),
    );
    // Past the command's time twice over: the renderer asked twice, main answered, and it kept waiting.
    await expect.poll(asked, { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 2);
    expect(outcome).toBeNull();
    bridge.handle('app.listNotices', () => ({ notices: [] }));
    bridge.markReady();
    expect(await held).toEqual({ notices: [] });
  });
});

describe('main → renderer media requests', () => {
  it('an engine that never answers: the request fails with "timeout" at the default time, and a caller cannot ask to wait forever', async () => {
    client.serveMedia({ 'media.probe': () => new Promise<never>(() => undefined) });
    await client.invoke('media.ready', { engine: 'test-engine' });
    expect(bridge.hasMediaEngine).toBe(true);
    expect(await bridge.requestMedia('media.probe', {}).catch((error: unknown) => error)).toEqual(
      new BridgeError('timeout', userText('bridge.media.timedOut', { method: 'media.probe', ms: 300 })),
    );
    // An unbounded wait asked for is held to the maximum.
    expect(await bridge.requestMedia('media.probe', {}, { timeoutMs: Number.POSITIVE_INFINITY }).catch((error: unknown) => error)).toEqual(
      new BridgeError('timeout', userText('bridge.media.timedOut', { method: 'media.probe', ms: 400 })),
    );
    expect(await bridge.requestMedia('media.probe', {}, { timeoutMs: 10 * 60_000 }).catch((error: unknown) => error)).toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('within 400 ms') as string,
    });
  });
});
