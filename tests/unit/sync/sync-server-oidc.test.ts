import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../electron/auth/oauth-sign-in';
import { provisionedSipAccountSchema } from '../../../shared/sync/sip-account';
import { startSyncServer, type SyncServer } from '../../../tools/sync-server/server';
import { newSigningKey, startLocalOidcProvider, type LocalOidcProvider } from '../../support/local-oidc-provider';

/**
 * The reference Sync API server takes the agents' access tokens as bearers, checked against the
 * issuer's JWKS (docs/sync-api.md "Authentication"). Tokens come from a real OpenID Provider on
 * this computer (tests/support/local-oidc-provider.ts); the refused ones are the provider's own
 * signing key with a wrong claim, another real provider's tokens, and keys it does not publish.
 */

let op: LocalOidcProvider;
let otherOp: LocalOidcProvider;
let server: SyncServer;
let dir: string;
let accessToken: string;
let idToken: string;

async function signInAs(provider: LocalOidcProvider, account: string): Promise<{ access: string; id: string }> {
  const tokens = await signIn({
    provider: {
      id: 'sso',
      issuer: provider.issuer,
      clientId: provider.clientId,
      scopes: [...provider.scopes],
      keepResponseFields: ['id_token'],
    },
    openBrowser: provider.browserAs(account),
  });
  return { access: tokens.accessToken, id: tokens.extra!.id_token! };
}

async function pull(token: string | null): Promise<{ status: number; detail?: string; wwwAuthenticate: string | null }> {
  const response = await fetch(`${server.url}/v1/cases/changes?limit=1`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = (await response.json()) as { detail?: string };
  return { status: response.status, detail: body.detail, wwwAuthenticate: response.headers.get('www-authenticate') };
}

const ADA_SIP = {
  server: 'wss://sip.example.com:7443',
  domain: 'example.com',
  user: 'ada',
  authUser: null,
  displayName: 'Ada',
  password: 'sip-secret-1',
};

const nowS = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  [op, otherOp] = await Promise.all([startLocalOidcProvider(), startLocalOidcProvider()]);
  dir = mkdtempSync(path.join(tmpdir(), 'sb-sync-oidc-'));
  server = await startSyncServer({
    dbFile: path.join(dir, 'server.db'),
    token: 'static-site-token',
    oidc: { issuer: op.issuer, audience: op.audience },
    sipAccounts: { 'agent-ada': ADA_SIP },
  });
  ({ access: accessToken, id: idToken } = await signInAs(op, 'agent-ada'));
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all([op?.close(), otherOp?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the reference server checks access tokens against the issuer', () => {
  it("accepts an access token from the deployment's provider, and the site's static token", async () => {
    expect((await pull(accessToken)).status).toBe(200);
    expect((await pull('static-site-token')).status).toBe(200);
  });

  it('refuses a token from another identity provider', async () => {
    const foreign = await signInAs(otherOp, 'agent-ada');
    const answer = await pull(foreign.access);
    expect(answer.status).toBe(401);
    expect(answer.wwwAuthenticate).toMatch(/^Bearer/);
  });

  it('refuses a token signed with the right key that names another issuer', async () => {
    const token = await op.sign({ iss: otherOp.issuer, aud: op.audience, sub: 'agent-ada', iat: nowS(), exp: nowS() + 600 });
    const answer = await pull(token);
    expect(answer.status).toBe(401);
    expect(answer.detail).toBe('The access token was issued by another identity provider.');
  });

  it('refuses a token for another audience, and an ID token sent as the bearer', async () => {
    const token = await op.sign({ iss: op.issuer, aud: 'https://other-api.example', sub: 'agent-ada', iat: nowS(), exp: nowS() + 600 });
    expect(await pull(token)).toMatchObject({ status: 401, detail: 'The access token is not for this Sync API (wrong audience).' });
    expect(await pull(idToken)).toMatchObject({ status: 401, detail: 'The access token is not for this Sync API (wrong audience).' });
  });

  it('refuses a token signed with a key the provider no longer publishes', async () => {
    const retired = await newSigningKey();
    const token = await op.sign({ iss: op.issuer, aud: op.audience, sub: 'agent-ada', iat: nowS(), exp: nowS() + 600 }, retired);
    expect(await pull(token)).toMatchObject({
      status: 401,
      detail: "The access token is not signed with any of the identity provider's current keys.",
    });
    // The published key id on a token another key signed: the signature gives it away.
    const impostor = await op.sign(
      { iss: op.issuer, aud: op.audience, sub: 'agent-ada', iat: nowS(), exp: nowS() + 600 },
      { ...retired, kid: op.signingKey.kid },
    );
    expect(await pull(impostor)).toMatchObject({ status: 401, detail: "The access token's signature is not valid." });
  });

  it('refuses an expired token, a missing one and one that is not a token', async () => {
    const expired = await op.sign({ iss: op.issuer, aud: op.audience, sub: 'agent-ada', iat: nowS() - 7200, exp: nowS() - 3600 });
    expect(await pull(expired)).toMatchObject({ status: 401, detail: 'The access token has expired.' });
    expect((await pull(null)).status).toBe(401);
    expect((await pull('not-a-token')).status).toBe(401);
  });
});

describe('GET /v1/me/sip-account', () => {
  const get = async (token: string) => {
    const response = await fetch(`${server.url}/v1/me/sip-account`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("hands the signed-in agent their own SIP account, and no one else's", async () => {
    const mine = await get(accessToken);
    expect(mine.status).toBe(200);
    expect(provisionedSipAccountSchema.parse(mine.body)).toEqual(ADA_SIP);
    const grace = await signInAs(op, 'agent-grace');
    expect(await get(grace.access)).toMatchObject({ status: 404, body: { detail: 'Ask IT to set up your phone account.' } });
    expect(await get('static-site-token')).toMatchObject({ status: 404, body: { code: 'not-found' } });
    expect((await get(idToken)).status).toBe(401);
  });
});
