import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OAuth 2.0 authorization server for the unit tests of electron/auth: authorization code
 * with PKCE (S256 only, required), refresh tokens with optional rotation, RFC 7009 revocation.
 * It records every token it issues so a test can search the log for them. The integration test
 * runs the same flow against the Zendesk emulator (tools/crm-emulators/zendesk/).
 */
export interface TestOAuthServer {
  readonly url: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly revocationEndpoint: string;
  /** Every access token, refresh token and code handed out. */
  readonly issued: string[];
  /** Grant types of the token requests received, in order. */
  readonly tokenRequests: string[];
  readonly revoked: string[];
  /** Paths of the discovery requests received. */
  readonly metadataRequests: string[];
  /** Settings a test flips. */
  options: {
    /** The authorization endpoint redirects with this error instead of a code. */
    denyWith: string | null;
    /** Issue a new refresh token on every refresh (and retire the old one). */
    rotate: boolean;
    expiresIn: number | null;
    /** Refresh requests answer 400 with this error. */
    refreshError: string | null;
    /** Refresh requests answer this HTTP status with no OAuth body (a proxy or outage). */
    refreshStatus: number | null;
    revocationStatus: number;
    /** The status of a successful token answer (Zendesk documents 201). */
    successStatus: number;
    /** With expiresIn null: send `"expires_in": null` (as Zendesk does) instead of leaving it out. */
    nullExpiry: boolean;
    /** Replaces members of the discovery document (served at both well-known paths). */
    metadata: Record<string, unknown>;
  };
  /** Holds refresh requests until the returned release() (to line up concurrent callers). */
  holdRefreshes(): { arrived: Promise<void>; release(): void };
  /** Makes `refreshToken` unknown to the server (revoked elsewhere). */
  forget(refreshToken: string): void;
  /** Issues tokens directly (as if a sign-in had happened). */
  issue(): { accessToken: string; refreshToken: string };
  close(): Promise<void>;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export async function startTestOAuthServer(client: { clientId: string; clientSecret?: string }): Promise<TestOAuthServer> {
  const codes = new Map<string, { challenge: string; redirectUri: string; scope: string }>();
  const refreshTokens = new Set<string>();
  const issued: string[] = [];
  const tokenRequests: string[] = [];
  const revoked: string[] = [];
  const metadataRequests: string[] = [];
  let base = '';
  let hold: { arrived: () => void; released: Promise<void> } | null = null;
  const options: TestOAuthServer['options'] = {
    denyWith: null,
    rotate: false,
    expiresIn: 3600,
    refreshError: null,
    refreshStatus: null,
    revocationStatus: 200,
    successStatus: 200,
    nullExpiry: false,
    metadata: {},
  };

  const token = (prefix: string): string => {
    const value = `${prefix}-${randomBytes(12).toString('hex')}`;
    issued.push(value);
    return value;
  };
  const issue = () => {
    const refreshToken = token('rt');
    refreshTokens.add(refreshToken);
    return { accessToken: token('at'), refreshToken };
  };
  const json = (res: ServerResponse, status: number, body: object): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  };
  const clientOk = (form: URLSearchParams): boolean =>
    form.get('client_id') === client.clientId && (client.clientSecret === undefined || form.get('client_secret') === client.clientSecret);

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'GET' && url.pathname.startsWith('/.well-known/')) {
        metadataRequests.push(url.pathname);
        return json(res, 200, {
          issuer: base,
          authorization_endpoint: `${base}/authorize`,
          token_endpoint: `${base}/token`,
          revocation_endpoint: `${base}/revoke`,
          code_challenge_methods_supported: ['S256'],
          ...options.metadata,
        });
      }
      if (req.method === 'GET' && url.pathname === '/authorize') {
        const q = url.searchParams;
        const redirectUri = q.get('redirect_uri') ?? '';
        const back = new URL(redirectUri);
        if (q.get('client_id') !== client.clientId || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
          back.searchParams.set('error', 'invalid_request');
        } else if (options.denyWith) {
          back.searchParams.set('error', options.denyWith);
          back.searchParams.set('error_description', 'The end-user or authorization server denied the request.');
        } else {
          const code = token('code');
          codes.set(code, { challenge: q.get('code_challenge')!, redirectUri, scope: q.get('scope') ?? '' });
          back.searchParams.set('code', code);
        }
        if (q.has('state')) back.searchParams.set('state', q.get('state')!);
        res.writeHead(302, { location: back.href });
        res.end();
        return;
      }
      if (req.method === 'POST' && url.pathname === '/token') {
        const form = await readForm(req);
        const grantType = form.get('grant_type') ?? '';
        tokenRequests.push(grantType);
        if (!clientOk(form)) return json(res, 401, { error: 'invalid_client' });
        if (grantType === 'authorization_code') {
          const code = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier');
          if (!code || code.redirectUri !== form.get('redirect_uri') || !verifier || s256(verifier) !== code.challenge) {
            return json(res, 400, { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid.' });
          }
          const { accessToken, refreshToken } = issue();
          return json(res, options.successStatus, {
            access_token: accessToken,
            token_type: 'Bearer',
            refresh_token: refreshToken,
            scope: code.scope,
            ...(options.expiresIn !== null || options.nullExpiry ? { expires_in: options.expiresIn } : {}),
          });
        }
        if (grantType === 'refresh_token') {
          if (hold) {
            const current = hold;
            current.arrived();
            await current.released;
          }
          if (options.refreshStatus !== null) {
            res.writeHead(options.refreshStatus, { 'content-type': 'text/plain' });
            res.end('unavailable');
            return;
          }
          if (options.refreshError) return json(res, 400, { error: options.refreshError });
          const presented = form.get('refresh_token') ?? '';
          if (!refreshTokens.has(presented)) return json(res, 400, { error: 'invalid_grant' });
          let refreshToken: string | undefined;
          if (options.rotate) {
            refreshTokens.delete(presented);
            refreshToken = token('rt');
            refreshTokens.add(refreshToken);
          }
          return json(res, options.successStatus, {
            access_token: token('at'),
            token_type: 'Bearer',
            ...(refreshToken ? { refresh_token: refreshToken } : {}),
            ...(options.expiresIn !== null || options.nullExpiry ? { expires_in: options.expiresIn } : {}),
          });
        }
        return json(res, 400, { error: 'unsupported_grant_type' });
      }
      if (req.method === 'POST' && url.pathname === '/revoke') {
        const form = await readForm(req);
        revoked.push(form.get('token') ?? '');
        refreshTokens.delete(form.get('token') ?? '');
        res.writeHead(options.revocationStatus);
        res.end();
        return;
      }
      res.writeHead(404);
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = url;
  return {
    url,
    metadataRequests,
    authorizationEndpoint: `${url}/authorize`,
    tokenEndpoint: `${url}/token`,
    revocationEndpoint: `${url}/revoke`,
    issued,
    tokenRequests,
    revoked,
    options,
    holdRefreshes() {
      let arrived!: () => void;
      let release!: () => void;
      const arrivedPromise = new Promise<void>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      hold = { arrived, released };
      return {
        arrived: arrivedPromise,
        release() {
          hold = null;
          release();
        },
      };
    },
    forget(refreshToken) {
      refreshTokens.delete(refreshToken);
    },
    issue,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Plays the system browser: follows the authorization server's redirect to the loopback listener. */
export function browserFor(rewrite: (url: URL) => URL = (u) => u) {
  const pages: Promise<{ status: number; body: string; headers: Headers }>[] = [];
  const openBrowser = async (href: string): Promise<void> => {
    const authorize = await fetch(rewrite(new URL(href)), { redirect: 'manual' });
    const location = authorize.headers.get('location');
    if (!location) throw new Error(`authorization endpoint answered ${authorize.status} without a redirect`);
    // Not awaited: the listener holds the tab until the sign-in knows its outcome.
    pages.push(fetch(location).then(async (page) => ({ status: page.status, body: await page.text(), headers: page.headers })));
  };
  return { openBrowser, pages };
}
