import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { commandEnvelope, MAX_MESSAGE_BYTES, type ServerEnvelope } from '../../shared/bridge/envelopes';
import { check } from '../../shared/bridge/validate';
import type { BridgeServer, RendererLink } from '../bridge/bridge-server';
import type { Logger } from '../logging/logger';
import { rendererCsp, RENDERER_SECURITY_HEADERS } from '../security/csp';
import { contentTypeFor, openStaticFile } from '../security/static-files';

/** The subprotocol the renderer asks for; the token travels as a second one (`token.<value>`), never in a URL. */
export const BRIDGE_PROTOCOL = 'switchboard.v1';
export const TOKEN_PROTOCOL_PREFIX = 'token.';
export const BRIDGE_PATH = '/bridge';

export interface WebShellHostOptions {
  bridge: BridgeServer;
  /** The renderer build (dist/renderer). */
  rendererDir: string;
  log: Logger;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Fixed token, for tests; otherwise a new random one per launch. */
  token?: string;
  /** How often dead sockets are looked for. */
  heartbeatMs?: number;
}

export interface WebShellHost {
  readonly port: number;
  /** `http://127.0.0.1:<port>`: the only Origin the bridge accepts. */
  readonly origin: string;
  readonly token: string;
  /** What to open in the browser: the origin with the token in the fragment (fragments are not sent to servers or logged). */
  readonly appUrl: string;
  close(): Promise<void>;
}

/** Why an upgrade was refused; the status line the client sees. */
interface Refusal {
  status: number;
  reason: string;
}

/**
 * The web shell's host: serves the renderer build on 127.0.0.1 and carries the
 * bridge over a WebSocket that only our page can open (Origin, Host and a
 * per-launch token are all checked before the upgrade).
 */
export async function startWebShellHost(options: WebShellHostOptions): Promise<WebShellHost> {
  const { bridge, log } = options;
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const sockets = new Set<WebSocket>();
  let port = 0;
  let origin = '';
  let linkCount = 0;

  const hostAllowed = (req: IncomingMessage): boolean => req.headers.host === `127.0.0.1:${port}`;

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(BRIDGE_PROTOCOL) ? BRIDGE_PROTOCOL : false),
  });

  const server: Server = createServer((req, res) => {
    void serveHttp(req, res);
  });

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A page on another site can make the browser send requests here; a DNS
    // rebinding attack would do so with a foreign Host header.
    if (!hostAllowed(req)) return plain(res, 421, 'Misdirected request');
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const file = await openStaticFile(options.rendererDir, pathname);
    if (!file) return plain(res, 404, 'Not found');
    const isDocument = file.file.endsWith('.html');
    res.writeHead(200, {
      'Content-Type': contentTypeFor(file.file),
      'Content-Length': String(file.size),
      'Cache-Control': isDocument ? 'no-store' : 'no-cache',
      ...RENDERER_SECURITY_HEADERS,
      ...(isDocument ? { 'Content-Security-Policy': rendererCsp({ bridgeSocket: `ws://127.0.0.1:${port}` }) } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    file.stream().pipe(res);
  }

  function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
    log.warn('refused bridge connection', { status: refusal.status, reason: refusal.reason });
    const body = JSON.stringify({ error: refusal.reason });
    socket.end(
      `HTTP/1.1 ${refusal.status} ${refusal.status === 401 ? 'Unauthorized' : refusal.status === 403 ? 'Forbidden' : 'Bad Request'}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }

  function upgradeRefusal(req: IncomingMessage): Refusal | null {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== BRIDGE_PATH) return { status: 404, reason: 'No such endpoint' };
    if (!hostAllowed(req)) return { status: 403, reason: 'Wrong Host header' };
    if (req.headers.origin !== origin) return { status: 403, reason: 'Foreign origin' };
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (!offered.includes(BRIDGE_PROTOCOL)) return { status: 400, reason: `Subprotocol ${BRIDGE_PROTOCOL} required` };
    const presented = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
    if (!presented) return { status: 401, reason: 'Missing token' };
    const presentedBytes = Buffer.from(presented.slice(TOKEN_PROTOCOL_PREFIX.length));
    if (presentedBytes.length !== tokenBytes.length || !timingSafeEqual(presentedBytes, tokenBytes)) {
      return { status: 401, reason: 'Wrong token' };
    }
    return null;
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(req);
    if (refusal) return refuseUpgrade(socket, refusal);
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    sockets.add(ws);
    const send = (envelope: ServerEnvelope): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(envelope));
    };
    const link: RendererLink = {
      id: `web-${++linkCount}`,
      sendEvent: send,
      sendMedia: (envelope) => {
        if (ws.readyState !== ws.OPEN) throw new Error('socket closed');
        ws.send(JSON.stringify(envelope));
      },
    };
    const disconnect = bridge.connect(link);
    let alive = true;
    ws.on('pong', () => {
      alive = true;
    });
    const heartbeat = setInterval(() => {
      if (!alive) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, options.heartbeatMs ?? 15_000);
    heartbeat.unref();
    ws.on('message', (data: RawData, isBinary: boolean) => {
      void receive(link, send, data, isBinary);
    });
    ws.on('close', () => {
      clearInterval(heartbeat);
      sockets.delete(ws);
      disconnect();
    });
    ws.on('error', () => ws.terminate());
  }

  async function receive(link: RendererLink, send: (e: ServerEnvelope) => void, data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) {
      send({ t: 'error', error: { code: 'bad-message', message: 'Binary messages are not part of the bridge protocol' } });
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(rawToString(data));
    } catch {
      send({ t: 'error', error: { code: 'bad-message', message: 'Message is not valid JSON' } });
      return;
    }
    const kind = typeof message === 'object' && message !== null ? (message as { t?: unknown }).t : undefined;
    if (kind === 'media-reply') {
      bridge.handleMediaReply(link, message);
      return;
    }
    if (kind !== 'command') {
      send({ t: 'error', error: { code: 'bad-message', message: 'Expected a command or a media reply' } });
      return;
    }
    const envelope = check(commandEnvelope, message, '(message)');
    if (!envelope.ok) {
      const id = (message as { id?: unknown }).id;
      const error = { code: 'bad-message' as const, message: 'Malformed command envelope', issues: envelope.issues };
      if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) send({ t: 'reply', id, ok: false, error });
      else send({ t: 'error', error });
      return;
    }
    const { id, channel, payload } = envelope.value;
    const body = await bridge.handleCommand(link, channel, payload);
    send({ t: 'reply', id, ...body });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The web shell did not get a TCP port');
  port = address.port;
  origin = `http://127.0.0.1:${port}`;
  log.info('web shell listening', { port });

  return {
    port,
    origin,
    token,
    appUrl: `${origin}/#token=${token}`,
    async close() {
      for (const ws of sockets) ws.close(1001, 'Switchboard is shutting down');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(text);
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
