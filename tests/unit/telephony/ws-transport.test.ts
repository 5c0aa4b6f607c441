import { TransportState } from 'sip.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { SipTrace } from '../../../electron/telephony/sip-trace';
import { SIP_MAX_MESSAGE_BYTES, WsTransport } from '../../../electron/telephony/ws-transport';

const REGISTER = [
  'REGISTER sip:example.com SIP/2.0',
  'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
  'From: <sip:1001@example.com>;tag=1',
  'To: <sip:1001@example.com>',
  'Authorization: Digest username="1001", realm="example.com", response="0123456789abcdef"',
  'Proxy-Authorization: Digest username="1001", response="fedcba"',
  'Call-ID: x',
  'CSeq: 2 REGISTER',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

describe('SIP over WebSocket transport (ws, with ping keep-alive)', () => {
  let server: WebSocketServer | null = null;
  let transport: WsTransport | null = null;

  afterEach(async () => {
    await transport?.dispose();
    for (const client of server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
    transport = null;
  });

  async function listen(onConnection: (ws: WebSocket) => void = () => undefined): Promise<string> {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => (p.has('sip') ? 'sip' : false) });
    server.on('connection', onConnection);
    await new Promise<void>((resolve) => server?.once('listening', () => resolve()));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    return `ws://127.0.0.1:${address.port}`;
  }

  function make(url: string, options: { keepAliveIntervalMs?: number; keepAliveTimeoutMs?: number } = {}) {
    const memory = createMemorySink();
    const trace = new SipTrace();
    const t = new WsTransport(undefined, {
      server: () => url,
      connectionTimeoutMs: 2_000,
      keepAliveIntervalMs: options.keepAliveIntervalMs ?? 60_000,
      keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 1_000,
      log: createLogger(memory.sink, { level: 'debug' }),
      trace,
    });
    transport = t;
    return { t, trace, logs: memory.records };
  }

  it('connects with the sip subprotocol, carries messages both ways, and traces them without credentials', async () => {
    const received: string[] = [];
    const url = await listen((ws) => {
      ws.on('message', (data: Buffer) => {
        received.push(data.toString('utf8'));
        ws.send('SIP/2.0 200 OK\r\nCSeq: 2 REGISTER\r\nAuthorization: Digest leaked\r\nContent-Length: 0\r\n\r\n');
      });
    });
    const { t, trace } = make(url);
    const states: TransportState[] = [];
    t.stateChange.addListener((s) => states.push(s));
    const inbound: string[] = [];
    t.onMessage = (m) => inbound.push(m);
    await t.connect();
    expect(t.isConnected()).toBe(true);
    expect(t.protocol).toBe('WS');
    await t.send(REGISTER);
    await expect.poll(() => inbound.length).toBe(1);
    expect(received).toEqual([REGISTER]);
    const entries = trace.list();
    expect(entries.map((e) => [e.direction, e.firstLine])).toEqual([
      ['out', 'REGISTER sip:example.com SIP/2.0'],
      ['in', 'SIP/2.0 200 OK'],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Digest|0123456789abcdef|fedcba/);
    await t.disconnect();
    expect(states).toEqual([
      TransportState.Connecting,
      TransportState.Connected,
      TransportState.Disconnecting,
      TransportState.Disconnected,
    ]);
  });

  it('refuses to send while disconnected and rejects a connect to nothing', async () => {
    const { t } = make('ws://127.0.0.1:1');
    await expect(t.send('OPTIONS sip:x SIP/2.0\r\n\r\n')).rejects.toThrow('Not connected');
    await expect(t.connect()).rejects.toThrow();
    expect(t.state).toBe(TransportState.Disconnected);
  });

  it('reports a server that drops the connection as a disconnect with an error', async () => {
    let peer: WebSocket | null = null;
    const url = await listen((ws) => (peer = ws));
    const { t } = make(url);
    const disconnects: (Error | undefined)[] = [];
    t.onDisconnect = (error) => disconnects.push(error);
    await t.connect();
    await expect.poll(() => peer !== null).toBe(true);
    (peer as unknown as WebSocket).terminate();
    await expect.poll(() => disconnects.length).toBe(1);
    expect(disconnects[0]).toBeInstanceOf(Error);
  });

  it('closes a connection whose peer stops answering pings (a dead link after sleep or a network change)', async () => {
    let peerSocket: { pause(): void } | null = null;
    const url = await listen((ws) => {
      // A frozen peer: its socket stops reading, so pings go unanswered.
      peerSocket = (ws as unknown as { _socket: { pause(): void } })._socket;
    });
    const { t, logs } = make(url, { keepAliveIntervalMs: 60_000, keepAliveTimeoutMs: 300 });
    const disconnects: (Error | undefined)[] = [];
    t.onDisconnect = (error) => disconnects.push(error);
    await t.connect();
    await expect.poll(() => peerSocket !== null).toBe(true);
    peerSocket!.pause();
    t.checkAlive(300);
    await expect.poll(() => disconnects.length, { timeout: 3_000 }).toBe(1);
    expect(disconnects[0]).toBeInstanceOf(Error);
    expect(logs.some((r) => r.message === 'SIP connection did not answer a ping; closing it')).toBe(true);
  });

  it('takes a large legitimate message (a NOTIFY of 200 KiB) and closes the connection on one over the limit, without reading it', async () => {
    let peer: WebSocket | null = null;
    let peerClose: number | null = null;
    const url = await listen((ws) => {
      peer = ws;
      ws.on('close', (code: number) => (peerClose = code));
    });
    const { t, logs } = make(url);
    const inbound: string[] = [];
    t.onMessage = (m) => inbound.push(m);
    const disconnects: (Error | undefined)[] = [];
    t.onDisconnect = (error) => disconnects.push(error);
    await t.connect();
    await expect.poll(() => peer !== null).toBe(true);
    const server = peer as unknown as WebSocket;

    const notify = `NOTIFY sip:1001@example.com SIP/2.0\r\nContent-Length: 204800\r\n\r\n${'x'.repeat(200 * 1024)}`;
    server.send(notify);
    await expect.poll(() => inbound.length).toBe(1);
    expect(inbound[0]).toBe(notify);

    // A text frame whose header announces 64 MiB, followed by a few bytes of it. Under ws's default
    // limit the transport would wait for (and buffer) all 64 MiB; it must give up on the header.
    const header = Buffer.alloc(10);
    header[0] = 0x81;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(64 * 1024 * 1024), 2);
    (server as unknown as { _socket: { write(b: Buffer): void } })._socket.write(
      Buffer.concat([header, Buffer.from('SIP/2.0 200 OK\r\n')]),
    );

    await expect.poll(() => disconnects.length).toBe(1);
    expect(disconnects[0]?.message).toBe(
      `The SIP server sent a message larger than ${SIP_MAX_MESSAGE_BYTES / 1024} KiB; the connection was closed (code 1009)`,
    );
    expect(t.state).toBe(TransportState.Disconnected);
    expect(inbound).toHaveLength(1);
    expect(logs.find((r) => r.message === 'SIP server sent a message over the size limit; closing the connection')).toMatchObject({
      level: 'warn',
      fields: { limitBytes: 256 * 1024 },
    });
    // The server is told why: 1009, message too big.
    await expect.poll(() => peerClose).toBe(1009);
  });

  it('keeps a connection that answers its pings', async () => {
    const url = await listen();
    const { t } = make(url, { keepAliveIntervalMs: 50, keepAliveTimeoutMs: 200 });
    await t.connect();
    await new Promise((r) => setTimeout(r, 400));
    expect(t.isConnected()).toBe(true);
  });
});

describe('SIP trace ring buffer', () => {
  it('keeps only the newest messages and ignores keep-alives', () => {
    const trace = new SipTrace(3, () => 42);
    trace.record('in', '\r\n\r\n');
    for (let i = 0; i < 5; i++) trace.record('out', `OPTIONS sip:${i}@x SIP/2.0\r\nCSeq: ${i} OPTIONS\r\n\r\nbody that is not kept`);
    expect(trace.list().map((e) => e.firstLine)).toEqual(['OPTIONS sip:2@x SIP/2.0', 'OPTIONS sip:3@x SIP/2.0', 'OPTIONS sip:4@x SIP/2.0']);
    expect(JSON.stringify(trace.list())).not.toContain('body');
  });
});
