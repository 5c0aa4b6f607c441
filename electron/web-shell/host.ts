import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { commandEnvelope, MAX_MESSAGE_BYTES, type ServerEnvelope } from '../../shared/bridge/envelopes';
import { check } from '../../shared/bridge/validate';
import { BRIDGE_CLOSE, BRIDGE_PATH, BRIDGE_PROTOCOL } from '../../shared/bridge/web-socket';
import type { BridgeServer, RendererLink } from '../bridge/bridge-server';
import type { Logger } from '../logging/logger';
import { rendererCsp, RENDERER_SECURITY_HEADERS } from '../security/csp';
import { cacheControlFor, contentTypeFor, openStaticFile } from '../security/static-files';
import { codeFromQuery, LaunchAuth, LAUNCH_PATH, type Session } from './launch-auth';
import { createPeerUserCheck, type PeerEnds, type PeerVerdict } from './peer-user';
import { sendRefusalPage } from './refusal-page';

export { BRIDGE_PATH, BRIDGE_PROTOCOL };

/** A window's socket, plus one for a reload that overlaps it, plus a spare; more is a bug or abuse. */
export const MAX_SOCKETS_PER_SESSION = 3;
/**
 * How much may wait unsent for one page before the host gives up on it. Four of the largest
 * message the bridge takes: a healthy page on loopback drains far faster than main produces.
 */
export const MAX_BUFFERED_BYTES = 4 * MAX_MESSAGE_BYTES;
/** How long a socket that fell behind gets to read its close frame before it is cut. */
export const BEHIND_CLOSE_GRACE_MS = 1_000;

export interface WebShellHostOptions {
  bridge: BridgeServer;
  /** The renderer build (dist/renderer). */
  rendererDir: string;
  log: Logger;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** How often dead sockets are looked for. */
  heartbeatMs?: number;
  /** How long a launch link works (LAUNCH_CODE_TTL_MS). */
  launchCodeTtlMs?: number;
  /** The clock launch codes expire by; tests move it instead of waiting. */
  now?: () => number;
  maxSocketsPerSession?: number;
  maxBufferedBytes?: number;
  behindCloseGraceMs?: number;
  /** Which local user opened a connection (peer-user.ts); tests may stand in for the OS. */
  peerUser?: (ends: PeerEnds) => Promise<PeerVerdict>;
}

export interface WebShellHost {
  readonly port: number;
  /** `http://127.0.0.1:<port>`: the only Origin the bridge accepts. */
  readonly origin: string;
  /**
   * A URL that opens the app once: it carries a one-time code (not the session secret), which the
   * host swaps for an HttpOnly session cookie and a redirect to the app. Each call makes a new one.
   */
  issueLaunchUrl(): string;
  /** Bytes queued for all pages' sockets and not yet handed to the OS (bounded by the limits above). */
  readonly bufferedBytes: number;
  /** Open bridge sockets. */
  readonly socketCount: number;
  close(): Promise<void>;
}

/** Why an upgrade was refused; the status line the client sees. */
interface Refusal {
  status: number;
  reason: string;
}

const STATUS_TEXT: Readonly<Record<number, string>> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

/**
 * The web shell's host: serves the renderer build on 127.0.0.1 and carries the bridge over a
 * WebSocket that only our signed-in page can open. Every other local user can reach the port, so
 * nothing (not even the static build) is served without the session cookie (launch-auth.ts), and
 * the upgrade also checks Host (DNS rebinding) and Origin (other sites in the same browser).
 */
export async function startWebShellHost(options: WebShellHostOptions): Promise<WebShellHost> {
  const { bridge, log } = options;
  const maxPerSession = options.maxSocketsPerSession ?? MAX_SOCKETS_PER_SESSION;
  const maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const peerUser = options.peerUser ?? createPeerUserCheck();
  const socketsBySession = new Map<Session, Set<WebSocket>>();
  const sockets = new Set<WebSocket>();
  let auth: LaunchAuth | null = null;
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
    if (!hostAllowed(req) || !auth) return plain(res, 421, 'Misdirected request');
    const url = req.url ?? '/';
    const pathname = url.split('?')[0] ?? '/';
    if (pathname === LAUNCH_PATH) return await launch(auth, req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    if (!auth.sessionOf(req.headers.cookie)) return sendRefusalPage(res, 'no-session', req.method === 'HEAD');
    const file = await openStaticFile(options.rendererDir, pathname);
    if (!file) return plain(res, 404, 'Not found');
    const isDocument = file.file.endsWith('.html');
    res.writeHead(200, {
      'Content-Type': contentTypeFor(file.file),
      'Content-Length': String(file.size),
      'Cache-Control': cacheControlFor(options.rendererDir, file.file),
      ...RENDERER_SECURITY_HEADERS,
      ...(isDocument ? { 'Content-Security-Policy': rendererCsp({ bridgeSocket: `ws://127.0.0.1:${port}` }) } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    file.stream().pipe(res);
  }

  /** `GET /launch?code=…`: spends the code, sets the session cookie, and sends the browser to a URL without it. */
  async function launch(launchAuth: LaunchAuth, req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    // Only GET spends a code: a HEAD from a link preview must not use up the user's link.
    if (req.method !== 'GET') return plain(res, 405, 'Method not allowed', { Allow: 'GET' });
    // Another user who read the link off our browser's command line, and got here first, is
    // turned away without spending it: our browser still gets in.
    if ((await peerUser(req.socket)) === 'other-user') {
      log.warn('refused launch link', { why: 'another local user' });
      return sendRefusalPage(res, 'other-user', false);
    }
    const code = codeFromQuery(url);
    const outcome = code ? launchAuth.redeem(code) : ({ ok: false, why: 'unknown' } as const);
    if (outcome.ok) {
      log.info('web shell page signed in', { session: outcome.session.label });
      return redirectHome(res, { 'Set-Cookie': outcome.setCookie });
    }
    // The same browser following its link again (a second tab, a restored window) is already in.
    if (launchAuth.sessionOf(req.headers.cookie)) return redirectHome(res);
    log.warn('refused launch link', { why: outcome.why });
    sendRefusalPage(res, outcome.why, false);
  }

  function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
    log.warn('refused bridge connection', { status: refusal.status, reason: refusal.reason });
    const body = JSON.stringify({ error: refusal.reason });
    socket.end(
      `HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status] ?? 'Bad Request'}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }

  function upgradeCheck(req: IncomingMessage): Refusal | Session {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== BRIDGE_PATH) return { status: 404, reason: 'No such endpoint' };
    if (!hostAllowed(req)) return { status: 403, reason: 'Wrong Host header' };
    if (req.headers.origin !== origin) return { status: 403, reason: 'Foreign origin' };
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (!offered.includes(BRIDGE_PROTOCOL)) return { status: 400, reason: `Subprotocol ${BRIDGE_PROTOCOL} required` };
    return auth?.sessionOf(req.headers.cookie) ?? { status: 401, reason: 'Not signed in' };
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    void upgrade(req, socket, head);
  });

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const checked = upgradeCheck(req);
    if ('status' in checked) return refuseUpgrade(socket, checked);
    if ((await peerUser(req.socket)) === 'other-user') return refuseUpgrade(socket, { status: 403, reason: 'Another local user' });
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      const own = socketsBySession.get(checked) ?? new Set<WebSocket>();
      if (own.size >= maxPerSession) {
        // Refused after the upgrade so the page sees a code and a reason (a failed handshake is
        // only "error" to a browser); it retries with backoff and gets in once a socket closes.
        log.warn('refused bridge connection', { reason: 'too many sockets for one session', session: checked.label });
        ws.close(BRIDGE_CLOSE.tooManyConnections, 'Too many Switchboard windows are connected');
        return;
      }
      own.add(ws);
      socketsBySession.set(checked, own);
      ws.once('close', () => {
        own.delete(ws);
        if (own.size === 0) socketsBySession.delete(checked);
      });
      attach(ws, socket);
    });
  }

  function attach(ws: WebSocket, socket: Duplex): void {
    sockets.add(ws);
    const linkId = `web-${++linkCount}`;
    let behind = false;
    let disconnect: () => void = () => undefined;

    /**
     * Everything main sends this page goes through here. A page that stops reading (frozen tab,
     * stuck machine) would otherwise make the host queue without limit. Dropping only some events
     * would leave the view silently wrong (a call that ended still showing), so past the limit the
     * socket is closed instead: the page reconnects and every view refetches its state on "open".
     */
    const sendText = (text: string): boolean => {
      if (behind || ws.readyState !== ws.OPEN) return false;
      if (ws.bufferedAmount > maxBuffered) {
        fallBehind();
        return false;
      }
      ws.send(text);
      return true;
    };
    const fallBehind = (): void => {
      behind = true;
      log.warn('bridge socket fell too far behind; closing it', { link: linkId, bufferedBytes: ws.bufferedAmount });
      // Off the bridge at once: events stop going to it and media requests fail fast.
      disconnect();
      ws.close(BRIDGE_CLOSE.tooFarBehind, 'Switchboard stopped waiting for this window; reconnect to catch up');
      // The close frame queues behind what the page did not read; a page that never reads is cut.
      const cut = setTimeout(() => ws.terminate(), options.behindCloseGraceMs ?? BEHIND_CLOSE_GRACE_MS);
      cut.unref();
      ws.once('close', () => clearTimeout(cut));
    };
    const send = (envelope: ServerEnvelope): void => {
      sendText(JSON.stringify(envelope));
    };
    const link: RendererLink = {
      id: linkId,
      sendEvent: send,
      sendMedia: (envelope) => {
        if (!sendText(JSON.stringify(envelope))) throw new Error(behind ? 'window too far behind' : 'socket closed');
      },
    };
    disconnect = bridge.connect(link);
    let alive = true;
    const markAlive = (): void => {
      alive = true;
    };
    ws.on('pong', markAlive);
    // Bytes arriving prove the page lives as well as a pong does, and its pong waits behind them
    // on the one connection: a large import chunk can take longer to arrive than an interval.
    socket.on('data', markAlive);
    const heartbeatMs = options.heartbeatMs ?? 15_000;
    let lastBeat = performance.now();
    const heartbeat = setInterval(() => {
      const now = performance.now();
      // A beat this late means our own event loop was busy (a big message parsed, a stall): the
      // page's pong may be waiting unread in the socket, so this beat cannot judge the page.
      const weStalled = now - lastBeat > heartbeatMs * 1.5;
      lastBeat = now;
      if (!alive && !weStalled) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, heartbeatMs);
    heartbeat.unref();
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (behind) return;
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
  // Browsers share cookies across all ports of a host: the name keeps two Switchboards on one machine apart.
  const launchAuth = new LaunchAuth({ cookieName: `switchboard-${port}`, codeTtlMs: options.launchCodeTtlMs, now: options.now });
  auth = launchAuth;
  log.info('web shell listening', { port });

  return {
    port,
    origin,
    issueLaunchUrl: () => `${origin}${LAUNCH_PATH}?code=${launchAuth.issueCode()}`,
    get bufferedBytes() {
      let total = 0;
      for (const ws of sockets) total += ws.bufferedAmount;
      return total;
    },
    get socketCount() {
      return sockets.size;
    },
    async close() {
      for (const ws of sockets) ws.close(1001, 'Switchboard is shutting down');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** 303 to the app's root: the code leaves the address bar and history, and the browser GETs a clean URL. */
function redirectHome(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(303, { Location: '/', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'Content-Length': '0', ...headers });
  res.end();
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
