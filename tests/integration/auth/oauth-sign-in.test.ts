import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OAuthError } from '../../../electron/auth/oauth-error';
import type { OAuthProvider } from '../../../electron/auth/oauth-provider';
import { signIn } from '../../../electron/auth/oauth-sign-in';
import { TokenKeeper, type SignedOutEvent } from '../../../electron/auth/token-keeper';
import { createLogger, createMemorySink, type LogRecord } from '../../../electron/logging/logger';
import { createKeyFileSecretStore, type SecretStore } from '../../../electron/secrets/secret-store';
import { englishOf } from '../../../shared/text/user-text';
import { startZendeskEmulator, type ZendeskEmulator } from '../../../tools/crm-emulators/zendesk/server';

/**
 * The whole sign-in against a real OAuth server: the Zendesk emulator (tools/crm-emulators/zendesk/),
 * which implements Zendesk's authorization endpoint (auto-approving) and token endpoint with PKCE
 * and refresh-token rotation. The test's `openBrowser` plays the system browser.
 */

const CLIENT_ID = 'switchboard-desktop';
const ADMIN = 'admin@example.com';
const SECRET = 'oauth.zendesk';

let zd: ZendeskEmulator;
let dir: string;
let secrets: SecretStore;
const keepers: TokenKeeper[] = [];

beforeEach(async () => {
  zd = await startZendeskEmulator({
    apiTokens: [{ email: ADMIN, token: 'api-token-0001' }],
    oauthClients: [
      { id: CLIENT_ID, redirectUris: [] },
      { id: 'switchboard-confidential', secret: 'the-client-secret', redirectUris: [] },
    ],
  });
  dir = mkdtempSync(path.join(tmpdir(), 'sb-oauth-it-'));
  secrets = createKeyFileSecretStore(dir);
});
afterEach(async () => {
  for (const keeper of keepers.splice(0)) keeper.close();
  await zd.close();
  rmSync(dir, { recursive: true, force: true });
});

function zendesk(overrides: Partial<OAuthProvider> = {}): OAuthProvider {
  return {
    id: 'zendesk',
    authorizationEndpoint: `${zd.url}/oauth/authorizations/new`,
    tokenEndpoint: `${zd.url}/oauth/tokens`,
    clientId: CLIENT_ID,
    scopes: ['read', 'write'],
    // Zendesk's access tokens only expire when asked to.
    extraTokenParams: { expires_in: '3600', refresh_token_expires_in: '604800' },
    ...overrides,
  };
}

interface Page {
  status: number;
  body: string;
}

/**
 * Plays the system browser: GETs the authorization URL without following redirects, checks the
 * emulator sends it back to the loopback listener, and follows that. `intercept` stands in for an
 * attacker (or a test) that sees the redirect before the listener does.
 */
function browser(options: { rewrite?: (url: URL) => void; intercept?: (location: URL) => Promise<void>; registerPort?: boolean } = {}) {
  const pages: Promise<Page>[] = [];
  const sent: URL[] = [];
  const openBrowser = async (href: string): Promise<void> => {
    const url = new URL(href);
    options.rewrite?.(url);
    sent.push(url);
    if (options.registerPort !== false) {
      // The emulator matches redirect URIs exactly, port included, where RFC 8252 §7.3 has the
      // server allow any port on 127.0.0.1: register the one the listener got.
      zd.oauth.clients.get(url.searchParams.get('client_id')!)!.redirectUris.push(url.searchParams.get('redirect_uri')!);
    }
    const answer = await fetch(url, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(url.searchParams.get('redirect_uri'));
    if (options.intercept) await options.intercept(location);
    // Not awaited here: the listener holds the tab until the sign-in knows its outcome.
    pages.push(fetch(location).then(async (page) => ({ status: page.status, body: await page.text() })));
  };
  return { openBrowser, pages, sent };
}

async function failure(promise: Promise<unknown>): Promise<OAuthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OAuthError);
  return error as OAuthError;
}

/** Who the API says the token belongs to, or the HTTP status when it refuses it. */
async function me(accessToken: string): Promise<string | number> {
  const res = await fetch(`${zd.url}/api/v2/users/me.json`, { headers: { authorization: `Bearer ${accessToken}` } });
  if (res.status !== 200) return res.status;
  return ((await res.json()) as { user: { email: string } }).user.email;
}

async function tokenRequest(params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${zd.url}/oauth/tokens`, { method: 'POST', body: new URLSearchParams(params) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function keeper(
  now: () => number = Date.now,
  provider = zendesk(),
): { keeper: TokenKeeper; records: LogRecord[]; signedOut: SignedOutEvent[] } {
  const { sink, records } = createMemorySink();
  const k = new TokenKeeper({ provider, secrets, log: createLogger(sink, { level: 'debug' }), now });
  const signedOut: SignedOutEvent[] = [];
  k.on('signedOut', (e) => signedOut.push(e));
  keepers.push(k);
  return { keeper: k, records, signedOut };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('OAuth sign-in against the Zendesk emulator', () => {
  it('signs in with PKCE, stores the tokens, and the access token works on the API', async () => {
    const b = browser();
    const before = Date.now();
    const tokens = await signIn({ provider: zendesk(), openBrowser: b.openBrowser });

    expect(b.sent[0]!.searchParams.get('code_challenge_method')).toBe('S256');
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.scope).toBe('read write');
    expect(tokens.refreshToken).toMatch(/^[0-9a-f]{64}$/);
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 3600_000);
    expect(await me(tokens.accessToken)).toBe(ADMIN);

    const { keeper: k } = keeper();
    await k.save(tokens);
    expect(JSON.parse((await secrets.get(SECRET))!)).toMatchObject({
      v: 1,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
    });
    expect(await k.accessToken()).toBe(tokens.accessToken);

    const page = await b.pages[0]!;
    expect(page.status).toBe(200);
    expect(page.body).toContain('You are signed in to Zendesk; you can close this tab.');
  });

  it('signs in on a fixed, registered redirect port for a provider that matches redirect URIs exactly', async () => {
    const port = await freePort();
    zd.oauth.clients.get(CLIENT_ID)!.redirectUris.push(`http://127.0.0.1:${port}/oauth/callback`);
    const tokens = await signIn({ provider: zendesk({ redirectPort: port }), openBrowser: browser({ registerPort: false }).openBrowser });
    expect(await me(tokens.accessToken)).toBe(ADMIN);
  });

  it('signs in a confidential client with its secret, and says so when the secret is wrong', async () => {
    const confidential = zendesk({ clientId: 'switchboard-confidential', clientSecret: 'the-client-secret' });
    const tokens = await signIn({ provider: confidential, openBrowser: browser().openBrowser });
    expect(await me(tokens.accessToken)).toBe(ADMIN);

    const error = await failure(
      signIn({ provider: { ...confidential, clientSecret: 'not-the-secret' }, openBrowser: browser().openBrowser }),
    );
    expect(error.code).toBe('refused');
    expect(error.message).toBe("Zendesk refused the sign-in: the app's client ID or secret is not accepted.");
  });

  it('the server refuses a code bound to another PKCE challenge (wrong verifier)', async () => {
    const b = browser({ rewrite: (url) => url.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM') });
    const error = await failure(signIn({ provider: zendesk(), openBrowser: b.openBrowser }));
    expect(error.code).toBe('refused');
    expect(error.oauthError).toBe('invalid_grant');
    expect(error.message).toMatch(/^Zendesk refused the sign-in: the sign-in code was not accepted/);
    const page = await b.pages[0]!;
    expect(page.status).toBe(400);
    expect(page.body).toContain('Zendesk refused the sign-in');
  });

  it('the server refuses an intercepted code without the verifier, and the code is then spent', async () => {
    let attempt: { status: number; body: Record<string, unknown> } | null = null;
    const b = browser({
      intercept: async (location) => {
        attempt = await tokenRequest({
          grant_type: 'authorization_code',
          code: location.searchParams.get('code')!,
          client_id: CLIENT_ID,
          redirect_uri: location.origin + location.pathname,
        });
      },
    });
    const error = await failure(signIn({ provider: zendesk(), openBrowser: b.openBrowser }));
    expect(attempt).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(error.code).toBe('refused');
    expect(error.oauthError).toBe('invalid_grant');
  });

  it('turns the user denying access into a sentence, shown in the tab too', async () => {
    zd.oauth.approval = { ...zd.oauth.approval, decision: 'deny' };
    const b = browser();
    const error = await failure(signIn({ provider: zendesk(), openBrowser: b.openBrowser }));
    expect(error.code).toBe('cancelled');
    expect(error.message).toBe('Sign-in to Zendesk was cancelled in the browser.');
    const page = await b.pages[0]!;
    expect(page.status).toBe(400);
    expect(page.body).toContain('Sign-in to Zendesk was cancelled in the browser. You can close this tab.');
  });

  it('renews before expiry with the rotated refresh token, and the next start renews with the stored one', async () => {
    let now = Date.now();
    const tokens = await signIn({ provider: zendesk(), openBrowser: browser().openBrowser });
    const { keeper: k, records } = keeper(() => now);
    await k.save(tokens);

    now += 3600_000 - 60_000; // a minute before expiry
    const renewed = (await k.accessToken())!;
    expect(renewed).not.toBe(tokens.accessToken);
    const stored = JSON.parse((await secrets.get(SECRET))!) as { accessToken: string; refreshToken: string };
    expect(stored.accessToken).toBe(renewed);
    expect(stored.refreshToken).not.toBe(tokens.refreshToken);
    // Zendesk retires the old pair on refresh.
    expect(await me(renewed)).toBe(ADMIN);
    expect(await me(tokens.accessToken)).toBe(401);
    expect(await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken!, client_id: CLIENT_ID })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });

    // The next start of the app renews with what was stored.
    const { keeper: next } = keeper(() => now);
    expect(await next.refresh()).toBe(true);
    const third = (await next.accessToken())!;
    expect(await me(third)).toBe(ADMIN);
    expect(await me(renewed)).toBe(401);

    const logged = JSON.stringify(records);
    for (const secret of [tokens.accessToken, tokens.refreshToken!, renewed, stored.refreshToken]) expect(logged).not.toContain(secret);
  });

  it('renews when the API answers 401 for a token that expired early, once for many callers', async () => {
    const tokens = await signIn({ provider: zendesk(), openBrowser: browser().openBrowser });
    const { keeper: k } = keeper();
    await k.save(tokens);
    zd.faults.add({ kind: 'tokenExpired', path: '/api/v2/users/me*' });
    expect(await me(tokens.accessToken)).toBe(401);

    const reports = await Promise.all(Array.from({ length: 10 }, () => k.refresh(tokens.accessToken)));
    expect(reports).toEqual(Array(10).fill(true));
    const renewed = (await k.accessToken())!;
    expect(await me(renewed)).toBe(ADMIN);
    // The code exchange and one refresh (a second would also have retired `renewed`).
    expect(zd.state.requests.filter((r) => r.method === 'POST' && r.path === '/oauth/tokens')).toHaveLength(2);
  });

  it('when Zendesk refuses the refresh: clears the tokens and says signed out, with the sentence', async () => {
    const tokens = await signIn({ provider: zendesk(), openBrowser: browser().openBrowser });
    const { keeper: k, signedOut } = keeper();
    await k.save(tokens);
    zd.oauth.revoke(tokens.accessToken);

    expect(await k.refresh(tokens.accessToken)).toBe(false);
    expect(signedOut.map((e) => ({ providerId: e.providerId, reason: e.reason, message: englishOf(e.text) }))).toEqual([
      {
        providerId: 'zendesk',
        reason: 'expired',
        message: 'Your Zendesk sign-in expired; sign in again. Your work is kept and will be sent after you sign in.',
      },
    ]);
    expect(await secrets.get(SECRET)).toBeNull();
    expect(await k.accessToken()).toBeNull();
  });
});
