import { request } from 'node:http';
import WebSocket from 'ws';

/** A raw HTTP client for the web shell host, as any local process could be (no browser). */

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HttpOptions {
  method?: string;
  /** The Host header; default the host's own `127.0.0.1:<port>`. */
  host?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

export function httpGet(port: number, pathname: string, options: HttpOptions = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: options.host ?? `127.0.0.1:${port}`, ...options.headers };
    if (options.cookie) headers.Cookie = options.cookie;
    const req = request({ host: '127.0.0.1', port, path: pathname, method: options.method ?? 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `name=value` of the cookie a Set-Cookie header sets, for sending back. */
export function cookieFrom(result: HttpResult): string | null {
  const set = result.headers['set-cookie']?.[0];
  return set ? (set.split(';')[0] ?? null) : null;
}

/** Follows a launch link as a browser would and returns the session cookie it was given. */
export async function signIn(launchUrl: string): Promise<string> {
  const url = new URL(launchUrl);
  const res = await httpGet(Number(url.port), `${url.pathname}${url.search}`);
  const cookie = cookieFrom(res);
  if (res.status !== 303 || !cookie) throw new Error(`launch link refused: HTTP ${res.status}`);
  return cookie;
}

export interface BridgeOptions {
  cookie?: string;
  /** Default `http://127.0.0.1:<port>`, what our page sends. */
  origin?: string;
  protocols?: string[];
}

/** Opens the bridge socket; rejects with `HTTP <status>` when the upgrade is refused. */
export function openBridge(port: number, options: BridgeOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Origin: options.origin ?? `http://127.0.0.1:${port}` };
    if (options.cookie) headers.Cookie = options.cookie;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, options.protocols ?? ['switchboard.v1'], { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

export function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
}

/** The close code and reason the peer sent (1006 when the connection was cut without one). */
export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })));
}
