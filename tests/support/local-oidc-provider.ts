import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

type GrantInstance = InstanceType<Provider['Grant']>;

/**
 * A real OpenID Provider on 127.0.0.1 for the single sign-on tests and `npm run demo -- --sso`:
 * oidc-provider 8 (the certified implementation), not a hand-made stand-in. It serves discovery,
 * authorization code + PKCE for Switchboard as a public native client (any loopback port, RFC 8252
 * §7.3), ID tokens with the agent's name and email, JWT access tokens for the Sync API audience
 * (RFC 9068 via RFC 8707 resource indicators), rotating refresh tokens and RFC 7009 revocation.
 *
 * Its sign-in page lists the accounts with one "Sign in as <name>" button each, which an e2e test
 * clicks; `browserAs(account)` is a browser for Node tests that does the same over HTTP.
 * Switchboard is first-party here, so there is no consent page (its grant is made at sign-in).
 */

export interface LocalOidcAccount {
  /** The subject (`sub`). */
  id: string;
  name: string;
  email: string;
}

export interface LocalOidcProviderOptions {
  /** 0 (default): the OS picks a free port. */
  port?: number;
  clientId?: string;
  /** The Sync API's audience (the resource its access tokens are for). */
  audience?: string;
  accounts?: LocalOidcAccount[];
  /** Access token lifetime. Default 10 minutes. */
  accessTokenTtlS?: number;
  /** A private signing key to use (the demo keeps one across restarts); default: a new RS256 key. */
  signingKey?: JWK;
}

export interface LocalOidcProvider {
  /** `http://127.0.0.1:<port>` (no trailing slash), as discovery names it. */
  readonly issuer: string;
  readonly port: number;
  readonly clientId: string;
  readonly audience: string;
  readonly accounts: readonly LocalOidcAccount[];
  /** The scopes Switchboard asks for here. */
  readonly scopes: readonly string[];
  /** The provider's current private signing key (tests mint tokens the reference server must refuse). */
  readonly signingKey: JWK;
  /** Grant types of the token requests received, in order (`authorization_code`, `refresh_token`). */
  readonly tokenRequests: string[];
  /** Signs claims with the provider's key, as its access tokens are (for tokens a test shapes itself). */
  sign(claims: JWTPayload, key?: JWK): Promise<string>;
  /** A browser for Node tests: opens the URL, signs in as `accountId` on the sign-in page, follows the redirect home. */
  browserAs(accountId: string): (url: string) => Promise<void>;
  /** Revokes every grant of the account (IT disabled it): its refresh tokens stop working. Returns how many. */
  revokeGrants(accountId: string): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_OIDC_ACCOUNTS: readonly LocalOidcAccount[] = [
  { id: 'agent-ada', name: 'Ada Lovelace', email: 'ada@example.com' },
  { id: 'agent-grace', name: 'Grace Hopper', email: 'grace@example.com' },
];

export const DEFAULT_OIDC_CLIENT_ID = 'switchboard-desktop';
export const DEFAULT_SYNC_AUDIENCE = 'https://sync.switchboard.invalid';
/** The resource scope the Sync API's access tokens carry. */
const SYNC_SCOPE = 'sync';

/** A fresh RS256 private key as a JWK with a key id, as the provider's `jwks` takes it. */
export async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function signInPage(uid: string, accounts: readonly LocalOidcAccount[]): string {
  const forms = accounts
    .map(
      (a) =>
        `<form method="post" action="/interaction/${escapeHtml(uid)}/login"><input type="hidden" name="account" value="${escapeHtml(a.id)}">` +
        `<button type="submit">Sign in as ${escapeHtml(a.name)}</button> <span>${escapeHtml(a.email)}</span></form>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Local sign-in</title></head>
<body><main><h1>Local sign-in</h1><p>A test identity provider on this computer. Choose who you are:</p>
${forms}</main></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startLocalOidcProvider(options: LocalOidcProviderOptions = {}): Promise<LocalOidcProvider> {
  const clientId = options.clientId ?? DEFAULT_OIDC_CLIENT_ID;
  const audience = options.audience ?? DEFAULT_SYNC_AUDIENCE;
  const accounts = options.accounts ?? [...DEFAULT_OIDC_ACCOUNTS];
  const signingKey = options.signingKey ?? (await newSigningKey());
  const grantsByAccount = new Map<string, Set<string>>();
  const tokenRequests: string[] = [];
  const sockets = new Set<Socket>();

  let provider: Provider | null = null;
  const server: Server = createServer((req, res) => void route(req, res));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const findAccount = (id: string) => accounts.find((a) => a.id === id);
  const newGrant = (op: Provider, accountId: string): GrantInstance => {
    const grant = new op.Grant({ accountId, clientId });
    grant.addOIDCScope('openid offline_access profile email');
    grant.addResourceScope(audience, SYNC_SCOPE);
    return grant;
  };
  const remember = (accountId: string, grantId: string): void => {
    if (!grantsByAccount.has(accountId)) grantsByAccount.set(accountId, new Set());
    grantsByAccount.get(accountId)!.add(grantId);
  };

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        // RFC 8252 §7.3: any port on the loopback address matches.
        redirect_uris: ['http://127.0.0.1/oauth/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    // The ID token carries the agent's name and email (the app reads them from it), not only userinfo.
    conformIdTokenClaims: false,
    ttl: {
      AccessToken: options.accessTokenTtlS ?? 600,
      IdToken: 3600,
      RefreshToken: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      Session: 14 * 24 * 3600,
      Interaction: 600,
      AuthorizationCode: 60,
    },
    // A desktop agent stays signed in across restarts: refresh tokens do not end with the browser session.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    expiresWithSession: async () => false,
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== audience) throw new Error(`unknown resource ${resource}`);
          return {
            scope: SYNC_SCOPE,
            audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: options.accessTokenTtlS ?? 600,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, id: string) => {
      const account = findAccount(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, name: account.name, email: account.email, email_verified: true }),
      };
    },
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      const clientIdNow = oidc.client?.clientId;
      const accountId = oidc.session?.accountId;
      if (!clientIdNow || !accountId) return undefined;
      const existing = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientIdNow);
      if (existing) {
        const found = await oidc.provider.Grant.find(existing);
        if (found) return found;
      }
      const grant = newGrant(oidc.provider, accountId);
      remember(accountId, await grant.save());
      return grant;
    },
  });
  provider.on('grant.success', (...args: unknown[]) => {
    const ctx = args[0] as { oidc?: { params?: { grant_type?: string } } };
    tokenRequests.push(ctx.oidc?.params?.grant_type ?? 'unknown');
  });
  const oidcCallback = provider.callback();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    const page = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(url.pathname);
    if (!page || !provider) {
      void oidcCallback(req, res);
      return;
    }
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== page[1]) throw new Error('interaction mismatch');
      // Native clients are always asked to consent (oidc-provider's `native_client_prompt`); Switchboard
      // is first-party here, so the grant made at sign-in answers it without a page.
      if (details.prompt.name === 'consent') {
        const accountId = details.session?.accountId;
        if (!accountId) throw new Error('consent without a signed-in account');
        const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? newGrant(provider, accountId);
        const grantId = await grant.save();
        remember(accountId, grantId);
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
      }
      if (!page[2] && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(signInPage(details.uid, accounts));
        return;
      }
      if (page[2] && req.method === 'POST') {
        const account = findAccount((await readForm(req)).get('account') ?? '');
        if (!account) {
          res.writeHead(400, { 'content-type': 'text/plain' }).end('No such account');
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: account.id } }, { mergeWithLastSubmission: false });
        return;
      }
      res.writeHead(405, { 'content-type': 'text/plain' }).end('Method not allowed');
    } catch {
      if (!res.headersSent)
        res.writeHead(400, { 'content-type': 'text/plain' }).end('This sign-in has expired; start it again from Switchboard.');
    }
  }

  const sign = async (claims: JWTPayload, key: JWK = signingKey): Promise<string> => {
    const privateKey = await importJWK(key, 'RS256');
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'at+jwt' }).sign(privateKey);
  };

  const browserAs =
    (accountId: string) =>
    async (start: string): Promise<void> => {
      if (!findAccount(accountId)) throw new Error(`The local OpenID Provider has no account ${accountId}`);
      const jar = new Map<string, string>();
      let url = start;
      let method: 'GET' | 'POST' = 'GET';
      let body: string | undefined;
      for (let hop = 0; hop < 20; hop += 1) {
        const target = new URL(url);
        const ours = target.origin === issuer;
        const response = await fetch(target, {
          method,
          redirect: 'manual',
          body,
          headers: {
            ...(ours && jar.size > 0 ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
        });
        if (ours) {
          for (const line of response.headers.getSetCookie()) {
            const [pair] = line.split(';');
            const eq = pair!.indexOf('=');
            jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
          }
        }
        const location = response.headers.get('location');
        if (location && response.status >= 300 && response.status < 400) {
          await response.arrayBuffer();
          url = new URL(location, target).href;
          method = 'GET';
          body = undefined;
          continue;
        }
        const text = await response.text();
        if (!ours) {
          if (!response.ok) throw new Error(`The app's redirect page answered ${response.status}`);
          return;
        }
        const form = /\/interaction\/[A-Za-z0-9_-]+\/login/.exec(text);
        if (response.status !== 200 || !form)
          throw new Error(`The local OpenID Provider answered ${response.status} at ${target.pathname}`);
        url = new URL(form[0], issuer).href;
        method = 'POST';
        body = new URLSearchParams({ account: accountId }).toString();
      }
      throw new Error('The sign-in went through too many redirects');
    };

  return {
    issuer,
    port,
    clientId,
    audience,
    accounts,
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    signingKey,
    tokenRequests,
    sign,
    browserAs,
    async revokeGrants(accountId) {
      const ids = grantsByAccount.get(accountId) ?? new Set<string>();
      let count = 0;
      for (const id of ids) {
        const grant = await provider.Grant.find(id);
        if (grant) {
          await grant.destroy();
          count += 1;
        }
      }
      ids.clear();
      return count;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
