import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OAuthError } from '../../../electron/auth/oauth-error';
import type { OAuthProvider } from '../../../electron/auth/oauth-provider';
import type { OAuthTokens } from '../../../electron/auth/oauth-tokens';
import { TokenKeeper, tokenSecretName, type SignedOutEvent } from '../../../electron/auth/token-keeper';
import { createLogger, createMemorySink, type LogRecord } from '../../../electron/logging/logger';
import { createKeyFileSecretStore, type SecretStore } from '../../../electron/secrets/secret-store';
import { englishOf } from '../../../shared/text/user-text';
import { startTestOAuthServer, type TestOAuthServer } from './oauth-test-server';

/** An event as the agent reads it, in English. */
const said = (e: SignedOutEvent) => ({ providerId: e.providerId, reason: e.reason, message: englishOf(e.text) });

const T0 = Date.UTC(2027, 0, 4, 9, 0, 0);
const SECRET = 'oauth.zendesk';

let server: TestOAuthServer;
let dir: string;
let secrets: SecretStore;
let provider: OAuthProvider;
let records: LogRecord[];
let now: number;
const keepers: TokenKeeper[] = [];

beforeEach(async () => {
  server = await startTestOAuthServer({ clientId: 'switchboard-desktop', clientSecret: 'client-secret-value' });
  dir = mkdtempSync(path.join(tmpdir(), 'sb-token-keeper-'));
  secrets = createKeyFileSecretStore(dir);
  provider = {
    id: 'zendesk',
    authorizationEndpoint: server.authorizationEndpoint,
    tokenEndpoint: server.tokenEndpoint,
    revocationEndpoint: server.revocationEndpoint,
    clientId: 'switchboard-desktop',
    clientSecret: 'client-secret-value',
    scopes: ['read'],
  };
  records = [];
  now = T0;
});
afterEach(async () => {
  for (const keeper of keepers.splice(0)) keeper.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function keeper(options: Partial<ConstructorParameters<typeof TokenKeeper>[0]> = {}): TokenKeeper {
  const sink = createMemorySink();
  records = sink.records;
  const k = new TokenKeeper({ provider, secrets, log: createLogger(sink.sink, { level: 'debug' }), now: () => now, ...options });
  keepers.push(k);
  return k;
}

/** Tokens the server knows, as a completed sign-in would have stored them. */
function signedIn(expiresInMs: number | null): OAuthTokens {
  const { accessToken, refreshToken } = server.issue();
  return { accessToken, refreshToken, expiresAt: expiresInMs === null ? null : now + expiresInMs, scope: 'read', tokenType: 'bearer' };
}

async function stored(): Promise<OAuthTokens | null> {
  const text = await secrets.get(SECRET);
  return text === null ? null : (JSON.parse(text) as OAuthTokens);
}

describe('TokenKeeper', () => {
  it('stores a sign-in under oauth.<provider id> and hands out its access token', async () => {
    expect(tokenSecretName('zendesk')).toBe(SECRET);
    const k = keeper();
    const signedInEvents: string[] = [];
    k.on('signedIn', (e) => signedInEvents.push(e.providerId));
    expect(await k.accessToken()).toBeNull();
    const tokens = signedIn(3600_000);
    await k.save(tokens);
    expect(signedInEvents).toEqual(['zendesk']);
    expect(await stored()).toMatchObject(tokens);
    // A new keeper (the next start of the app) reads it back.
    expect(await keeper().accessToken()).toBe(tokens.accessToken);
    expect(server.tokenRequests).toEqual([]);
  });

  it('renews shortly before expiry, not earlier', async () => {
    const k = keeper({ refreshMarginMs: 120_000 });
    const tokens = signedIn(10 * 60_000);
    await k.save(tokens);
    expect(await k.accessToken()).toBe(tokens.accessToken);
    now += 7 * 60_000; // 3 minutes left
    expect(await k.accessToken()).toBe(tokens.accessToken);
    expect(server.tokenRequests).toEqual([]);

    now += 90_000; // 90 s left: inside the margin
    const renewed = await k.accessToken();
    expect(renewed).not.toBe(tokens.accessToken);
    expect(server.issued).toContain(renewed);
    expect(server.tokenRequests).toEqual(['refresh_token']);
    const after = await stored();
    expect(after?.accessToken).toBe(renewed);
    expect(after?.expiresAt).toBe(now + 3600_000);
    // Not rotated by this provider: the refresh token stays.
    expect(after?.refreshToken).toBe(tokens.refreshToken);
  });

  it('sends one refresh for 20 concurrent callers, and none for 401 reports of the replaced token', async () => {
    const k = keeper();
    const tokens = signedIn(-1000); // already expired
    await k.save(tokens);
    const gate = server.holdRefreshes();
    const callers = Array.from({ length: 20 }, () => k.accessToken());
    await gate.arrived;
    // All 20 are waiting on the one request that has reached the server.
    const reports = Array.from({ length: 20 }, () => k.refresh(tokens.accessToken));
    gate.release();
    const handedOut = await Promise.all(callers);
    expect(new Set(handedOut).size).toBe(1);
    expect(handedOut[0]).not.toBe(tokens.accessToken);
    expect(await Promise.all(reports)).toEqual(Array(20).fill(true));
    // Late 401 reports carrying the old token are answered from what is in hand.
    expect(await Promise.all(Array.from({ length: 20 }, () => k.refresh(tokens.accessToken)))).toEqual(Array(20).fill(true));
    expect(server.tokenRequests).toEqual(['refresh_token']);
  });

  it('renews on a 401 report even before expiry', async () => {
    const k = keeper();
    const tokens = signedIn(3600_000);
    await k.save(tokens);
    expect(await k.refresh(tokens.accessToken)).toBe(true);
    const renewed = await k.accessToken();
    expect(renewed).not.toBe(tokens.accessToken);
    expect(server.tokenRequests).toEqual(['refresh_token']);
  });

  it('saves a rotated refresh token, so the next start can renew with it', async () => {
    server.options.rotate = true;
    const k = keeper();
    const tokens = signedIn(-1000);
    await k.save(tokens);
    await k.accessToken();
    const after = await stored();
    expect(after?.refreshToken).not.toBe(tokens.refreshToken);
    expect(server.issued).toContain(after?.refreshToken);

    // The next start: only the stored (rotated) refresh token is valid at the server now.
    now += 2 * 3600_000;
    const next = keeper();
    const renewed = await next.accessToken();
    expect(renewed).not.toBeNull();
    expect(renewed).not.toBe(after?.accessToken);
    expect(server.tokenRequests).toEqual(['refresh_token', 'refresh_token']);
  });

  it('on invalid_grant: clears the tokens and says signed out, with the sentence', async () => {
    const k = keeper();
    const events: SignedOutEvent[] = [];
    k.on('signedOut', (e) => events.push(e));
    const tokens = signedIn(-1000);
    await k.save(tokens);
    server.forget(tokens.refreshToken!);

    expect(await k.accessToken()).toBeNull();
    expect(events.map(said)).toEqual([
      {
        providerId: 'zendesk',
        reason: 'expired',
        message: 'Your Zendesk sign-in expired; sign in again. Your work is kept and will be sent after you sign in.',
      },
    ]);
    expect(await secrets.get(SECRET)).toBeNull();
    expect(await k.isSignedIn()).toBe(false);
    expect(await k.refresh()).toBe(false);
    expect(events).toHaveLength(1);
    expect(server.tokenRequests).toEqual(['refresh_token']);
  });

  it('keeps the tokens when the provider cannot be reached, and says so once they have expired', async () => {
    const k = keeper();
    const events: SignedOutEvent[] = [];
    k.on('signedOut', (e) => events.push(e));
    const tokens = signedIn(60_000); // inside the margin, not expired
    await k.save(tokens);
    server.options.refreshStatus = 503;

    expect(await k.accessToken()).toBe(tokens.accessToken);
    expect(await k.refresh(tokens.accessToken)).toBe(false);
    now += 61_000;
    const error = await k.accessToken().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).code).toBe('unreachable');
    expect(events).toEqual([]);
    expect((await stored())?.refreshToken).toBe(tokens.refreshToken);

    server.options.refreshStatus = null;
    expect(await k.accessToken()).not.toBe(tokens.accessToken);
  });

  it('ends a sign-in without a refresh token when it expires or is refused', async () => {
    const k = keeper();
    const events: SignedOutEvent[] = [];
    k.on('signedOut', (e) => events.push(e));
    const tokens = { ...signedIn(60_000), refreshToken: null };
    await k.save(tokens);
    expect(await k.accessToken()).toBe(tokens.accessToken);
    expect(await k.refresh(tokens.accessToken)).toBe(false);
    expect(events.map((e) => e.reason)).toEqual(['expired']);
    expect(await secrets.get(SECRET)).toBeNull();
    expect(server.tokenRequests).toEqual([]);
  });

  it('signOut clears the tokens and revokes the refresh token (best effort)', async () => {
    const k = keeper();
    const events: SignedOutEvent[] = [];
    k.on('signedOut', (e) => events.push(e));
    const tokens = signedIn(3600_000);
    await k.save(tokens);
    server.options.revocationStatus = 503;
    await k.signOut();
    expect(server.revoked).toEqual([tokens.refreshToken]);
    expect(await secrets.get(SECRET)).toBeNull();
    expect(await k.accessToken()).toBeNull();
    expect(events.map(said)).toEqual([{ providerId: 'zendesk', reason: 'signed-out', message: 'You are signed out of Zendesk.' }]);
  });

  it('signOut uses the revoke hook of a provider without RFC 7009, and survives its failure', async () => {
    const revoked: string[] = [];
    const k = keeper({
      revoke: async (tokens) => {
        revoked.push(tokens.accessToken);
        throw new Error(`refused ${tokens.accessToken}`);
      },
    });
    const tokens = signedIn(3600_000);
    await k.save(tokens);
    await k.signOut();
    expect(revoked).toEqual([tokens.accessToken]);
    expect(server.revoked).toEqual([]);
    expect(await secrets.get(SECRET)).toBeNull();
    expect(JSON.stringify(records)).not.toContain(tokens.accessToken);
  });

  it('a sign-out during a renewal wins', async () => {
    const k = keeper();
    const tokens = signedIn(-1000);
    await k.save(tokens);
    const gate = server.holdRefreshes();
    const renewal = k.refresh();
    await gate.arrived;
    await k.signOut();
    gate.release();
    expect(await renewal).toBe(false);
    expect(await secrets.get(SECRET)).toBeNull();
    expect(await k.accessToken()).toBeNull();
  });

  it('treats a damaged stored value as signed out and leaves it in place', async () => {
    await secrets.set(SECRET, '{"v":1,"accessToken":42}');
    const k = keeper();
    const events: SignedOutEvent[] = [];
    k.on('signedOut', (e) => events.push(e));
    expect(await k.accessToken()).toBeNull();
    expect(events.map((e) => e.reason)).toEqual(['unreadable']);
    expect(await secrets.get(SECRET)).toBe('{"v":1,"accessToken":42}');
  });

  it('logs no token, ever', async () => {
    server.options.rotate = true;
    const k = keeper();
    await k.save(signedIn(-1000));
    await k.accessToken();
    await k.refresh();
    server.options.refreshStatus = 500;
    await k.refresh();
    server.options.refreshStatus = null;
    server.options.refreshError = 'invalid_grant';
    await k.refresh();
    await k.save(signedIn(3600_000));
    server.options.revocationStatus = 400;
    await k.signOut();

    const levels = new Set(records.map((r) => r.level));
    expect(levels).toEqual(new Set(['info', 'warn']));
    const logged = JSON.stringify(records);
    expect(logged).toContain('zendesk');
    expect(server.issued.length).toBeGreaterThanOrEqual(6);
    for (const token of server.issued) expect(logged).not.toContain(token);
    expect(logged).not.toContain('client-secret-value');
  });
});
