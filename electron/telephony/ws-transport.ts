import { EmitterImpl, TransportState, type Transport } from 'sip.js';
import { WebSocket, type RawData } from 'ws';
import type { Logger } from '../logging/logger';
import type { CertificateProblem } from '../../shared/telephony/model';
import { certificateProblem, isCertificateError } from '../security/trust-store';
import type { SipTrace } from './sip-trace';

/**
 * Largest SIP message taken from the server. SIP messages are a few KB; the biggest legitimate ones
 * are INVITEs whose SDP lists many candidates and NOTIFYs with dialog or presence bodies, tens of KB
 * (an offer over 64 KiB is refused anyway: shared/telephony/sdp-offer.ts). The ws default, 100 MiB,
 * would let a broken or hostile server make us buffer that much per message; 256 KiB is four times
 * the SDP ceiling with room for headers.
 */
export const SIP_MAX_MESSAGE_BYTES = 256 * 1024;

export interface WsTransportOptions {
  /** The server to use, asked at every connect() (failover between primary and backup changes it). */
  server: () => string;
  connectionTimeoutMs: number;
  /** How often a WebSocket ping checks that the connection is alive. */
  keepAliveIntervalMs: number;
  /** No pong within this: the connection is dead (sleep, Wi-Fi or VPN change) and is closed. */
  keepAliveTimeoutMs: number;
  log: Logger;
  trace?: SipTrace;
  /** CAs to trust for wss:// (electron/security/trust-store.ts); undefined: Node's own. */
  ca?: readonly string[];
}

/**
 * SIP over WebSocket (RFC 7118) for sip.js, on the `ws` package.
 *
 * sip.js's own transport needs a browser WebSocket (Node 20 has none) and
 * cannot tell a dead connection from a quiet one: its CRLF keep-alive never
 * times out. This one follows the same state machine (see sip.js
 * api/transport.d.ts) and pings at the WebSocket level: a connection that
 * stops answering is closed, which the UserAgent sees as a disconnect with an
 * error, and the registration logic reconnects.
 */
export class WsTransport implements Transport {
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;

  private _state: TransportState = TransportState.Disconnected;
  private readonly emitter = new EmitterImpl<TransportState>();
  private readonly options: WsTransportOptions;
  private ws: WebSocket | undefined;
  private url = '';
  private connecting: { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } | undefined;
  private disconnecting: { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private transitioning = false;
  private lastCertificateProblem: CertificateProblem | null = null;

  /** sip.js constructs transports as `new T(logger, transportOptions)`; its logger is not used. */
  constructor(_sipLogger: unknown, options: WsTransportOptions) {
    this.options = options;
    this.url = options.server();
  }

  get protocol(): string {
    return this.url.startsWith('wss:') ? 'WSS' : 'WS';
  }

  get state(): TransportState {
    return this._state;
  }

  get stateChange(): EmitterImpl<TransportState> {
    return this.emitter;
  }

  /** The address of the current (or last) connection. */
  get server(): string {
    return this.url;
  }

  /** The last connection attempt failed on the server's certificate: how (null after any other outcome). */
  get certificateProblem(): CertificateProblem | null {
    return this.lastCertificateProblem;
  }

  isConnected(): boolean {
    return this._state === TransportState.Connected;
  }

  connect(): Promise<void> {
    if (this.transitioning) return Promise.reject(new Error('Transport state transition loop'));
    if (this._state === TransportState.Connected) return Promise.resolve();
    if (this._state === TransportState.Connecting && this.connecting) return this.connecting.promise;

    this.url = this.options.server();
    this.lastCertificateProblem = null;
    const pending = deferred();
    this.connecting = pending;
    this.transition(TransportState.Connecting);

    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url, 'sip', {
        handshakeTimeout: this.options.connectionTimeoutMs,
        perMessageDeflate: false,
        maxPayload: SIP_MAX_MESSAGE_BYTES,
        ...(this.options.ca ? { ca: [...this.options.ca] } : {}),
      });
    } catch (error) {
      this.transition(TransportState.Disconnected, asError(error, 'WebSocket could not be created'));
      return pending.promise;
    }
    this.ws = ws;
    ws.on('open', () => {
      if (ws !== this.ws || this._state !== TransportState.Connecting) return;
      if (ws.protocol !== 'sip') {
        this.options.log.warn('server did not accept the sip WebSocket subprotocol', { protocol: ws.protocol || '(none)' });
      }
      this.transition(TransportState.Connected);
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (ws !== this.ws) return;
      const text = rawToString(data);
      if (/^(\r\n)+$/.test(text)) return; // CRLF keep-alive answer
      if (isBinary) this.options.log.debug('binary SIP frame received');
      if (this._state !== TransportState.Connected) return;
      this.options.trace?.record('in', text);
      this.onMessage?.(text);
    });
    ws.on('pong', () => {
      if (ws !== this.ws) return;
      this.clearPongTimer();
    });
    ws.on('error', (error: Error) => {
      if (ws !== this.ws) return;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        // ws read only the frame's header, stopped reading and sent close 1009 (message too big).
        // The connection is unusable from here (the message is lost), so the UserAgent hears of it
        // now rather than when the server answers the close; ws finishes the closing handshake.
        this.options.log.warn('SIP server sent a message over the size limit; closing the connection', {
          limitBytes: SIP_MAX_MESSAGE_BYTES,
        });
        this.ws = undefined;
        this.transition(
          TransportState.Disconnected,
          new Error(`The SIP server sent a message larger than ${SIP_MAX_MESSAGE_BYTES / 1024} KiB; the connection was closed (code 1009)`),
        );
        return;
      }
      if (code !== undefined && isCertificateError(code)) {
        // Not retried into success: without this line the agent sees "Server unreachable" and IT has
        // nothing to go on. The usual cause is a server signed by a CA this machine does not trust.
        this.options.log.warn('SIP server certificate not accepted (a CA missing? see the extraCaFile policy)', {
          server: hostOf(this.url),
          error: code,
        });
        // Read by the registration when the connect fails (ws reports 'close' right after this).
        this.lastCertificateProblem = certificateProblem(code);
        return;
      }
      this.options.log.debug('SIP WebSocket error', { error: code ?? error.name });
    });
    ws.on('close', (code: number) => {
      if (ws !== this.ws) return;
      this.ws = undefined;
      const expected = this._state === TransportState.Disconnecting;
      this.transition(TransportState.Disconnected, expected ? undefined : new Error(`WebSocket closed (code ${code})`));
    });
    return pending.promise;
  }

  disconnect(): Promise<void> {
    if (this.transitioning) return Promise.reject(new Error('Transport state transition loop'));
    if (this._state === TransportState.Disconnected) return Promise.resolve();
    if (this._state === TransportState.Disconnecting && this.disconnecting) return this.disconnecting.promise;
    const pending = deferred();
    this.disconnecting = pending;
    const ws = this.ws;
    this.transition(TransportState.Disconnecting);
    if (!ws) {
      this.transition(TransportState.Disconnected);
      return pending.promise;
    }
    ws.close(1000);
    // A peer that never completes the closing handshake must not hold us up.
    const force = setTimeout(() => ws.terminate(), 500);
    force.unref();
    ws.once('close', () => clearTimeout(force));
    return pending.promise;
  }

  async dispose(): Promise<void> {
    await this.disconnect();
  }

  send(message: string): Promise<void> {
    const ws = this.ws;
    if (this._state !== TransportState.Connected || !ws) return Promise.reject(new Error('Not connected.'));
    this.options.trace?.record('out', message);
    return new Promise((resolve, reject) => {
      ws.send(message, (error) => (error ? reject(asError(error, 'WebSocket send failed')) : resolve()));
    });
  }

  /**
   * Pings now and closes the connection unless a pong arrives within `timeoutMs`:
   * after the machine wakes or the network changes, a connection can look open
   * while it is dead.
   */
  checkAlive(timeoutMs: number): void {
    const ws = this.ws;
    if (!ws || this._state !== TransportState.Connected) return;
    this.sendPing(ws, timeoutMs);
  }

  private sendPing(ws: WebSocket, timeoutMs: number): void {
    if (this.pongTimer) return; // one outstanding ping is enough
    try {
      ws.ping();
    } catch {
      ws.terminate();
      return;
    }
    this.pongTimer = setTimeout(() => {
      this.pongTimer = undefined;
      if (ws !== this.ws) return;
      this.options.log.warn('SIP connection did not answer a ping; closing it', { timeoutMs });
      ws.terminate();
    }, timeoutMs);
    this.pongTimer.unref();
  }

  private clearPongTimer(): void {
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
  }

  private startKeepAlive(): void {
    this.stopKeepAlive();
    this.pingTimer = setInterval(() => {
      if (this.ws) this.sendPing(this.ws, this.options.keepAliveTimeoutMs);
    }, this.options.keepAliveIntervalMs);
    this.pingTimer.unref();
  }

  private stopKeepAlive(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    this.clearPongTimer();
  }

  private transition(next: TransportState, error?: Error): void {
    const previous = this._state;
    if (previous === next) return;
    this.transitioning = true;
    this._state = next;
    try {
      this.emitter.emit(next);
      if (next === TransportState.Connected) {
        this.startKeepAlive();
        this.onConnect?.();
      }
      if (previous === TransportState.Connected) {
        this.stopKeepAlive();
        this.onDisconnect?.(error);
      }
    } finally {
      this.transitioning = false;
    }
    if (previous === TransportState.Connecting && this.connecting) {
      const pending = this.connecting;
      this.connecting = undefined;
      if (next === TransportState.Connected) pending.resolve();
      else pending.reject(error ?? new Error('Connect aborted'));
    }
    if (previous === TransportState.Disconnecting && this.disconnecting) {
      const pending = this.disconnecting;
      this.disconnecting = undefined;
      if (next === TransportState.Disconnected) pending.resolve();
      else pending.reject(new Error('Disconnect aborted'));
    }
    if (next === TransportState.Disconnected && this.ws) {
      const stale = this.ws;
      this.ws = undefined;
      stale.terminate();
    }
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid address)';
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // The UserAgent may not await every connect(); an unhandled rejection here would be noise.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

function asError(value: unknown, fallback: string): Error {
  return value instanceof Error ? value : new Error(fallback);
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
