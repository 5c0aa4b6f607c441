import * as client from 'openid-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oauthErrors, OAuthError, toOAuthError } from '../../../electron/auth/oauth-error';
import { endpointKind, guardedFetch } from '../../../electron/auth/oauth-http';
import { checkProvider, oauthConfiguration, providerLabel, type OAuthProvider } from '../../../electron/auth/oauth-provider';
import { signIn } from '../../../electron/auth/oauth-sign-in';
import { englishOf } from '../../../shared/text/user-text';
import { browserFor, startTestOAuthServer, type TestOAuthServer } from './oauth-test-server';

/** The problem `endpointKind` found, in English; null when it found none. */
const problemOf = (result: ReturnType<typeof endpointKind>) => ('problem' in result ? englishOf(result.problem) : null);

const zendesk: OAuthProvider = {
  id: 'zendesk',
  authorizationEndpoint: 'https://acme.zendesk.com/oauth/authorizations/new',
  tokenEndpoint: 'https://acme.zendesk.com/oauth/tokens',
  clientId: 'switchboard-desktop',
  scopes: ['read', 'write'],
};
const label = { id: 'zendesk', name: 'Zendesk' };

async function failure(promise: Promise<unknown>): Promise<OAuthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OAuthError);
  return error as OAuthError;
}

describe('where a provider may be', () => {
  it('accepts https anywhere and plain http only on this computer', () => {
    expect(endpointKind('https://acme.zendesk.com/oauth/tokens', 'tokenEndpoint')).toEqual({ kind: 'https' });
    for (const local of ['http://127.0.0.1:8080/t', 'http://localhost:1/t', 'http://[::1]:9/t', 'http://LOCALHOST/t']) {
      expect(endpointKind(local, 'tokenEndpoint')).toEqual({ kind: 'loopback-http' });
    }
    for (const bad of ['http://acme.zendesk.com/oauth/tokens', 'http://127.0.0.2/t', 'http://localhost.evil.example/t', 'ftp://acme/t']) {
      expect(endpointKind(bad, 'tokenEndpoint')).toHaveProperty('problem');
    }
    expect(problemOf(endpointKind('https://user:pw@acme.zendesk.com/t', 'tokenEndpoint'))).toBe(
      'its token endpoint must not carry a user name or password',
    );
    expect(endpointKind('https://acme.zendesk.com/t#x', 'tokenEndpoint')).toHaveProperty('problem');
    expect(problemOf(endpointKind('not a url', 'tokenEndpoint'))).toBe('its token endpoint is not a valid URL');
  });

  it('refuses a provider that mixes https with endpoints on this computer', async () => {
    const error = await failure(oauthConfiguration({ ...zendesk, tokenEndpoint: 'http://127.0.0.1:9/oauth/tokens' }));
    expect(error.code).toBe('configuration');
    expect(error.message).toBe(
      'The Zendesk sign-in is not set up correctly: its endpoints must all be https, or all on this computer (a test server).',
    );
  });

  it("keeps an https provider's requests on https, and a local provider's on this computer", async () => {
    const init = { method: 'POST', headers: {}, body: 'x=1', redirect: 'manual' as const };
    await expect(guardedFetch('https', label)('http://127.0.0.1:9/token', init)).rejects.toMatchObject({
      code: 'configuration',
      message: 'The Zendesk sign-in is not set up correctly: it sent Switchboard to an address that is not https.',
    });
    await expect(guardedFetch('loopback-http', label)('http://192.0.2.1/token', init)).rejects.toMatchObject({
      message: 'The Zendesk sign-in is not set up correctly: it sent Switchboard to an address off this computer.',
    });
    await expect(guardedFetch('loopback-http', label)('https://acme.zendesk.com/token', init)).rejects.toMatchObject({
      code: 'configuration',
    });

    // openid-client's own https check stays on for a real provider: its endpoints are https, and the
    // Configuration refuses http ones (this one is built by hand to prove it).
    const config = await oauthConfiguration(zendesk);
    expect(config.serverMetadata().token_endpoint).toBe(zendesk.tokenEndpoint);
    // The Configuration carries the guard: nothing it sends can go to plain http.
    await expect(config[client.customFetch]!('http://127.0.0.1:9/token', init)).rejects.toMatchObject({ code: 'configuration' });
    const handMade = new client.Configuration(
      { issuer: 'https://acme.zendesk.com', authorization_endpoint: 'http://127.0.0.1:9/a', token_endpoint: 'http://127.0.0.1:9/t' },
      'switchboard-desktop',
    );
    expect(() => client.buildAuthorizationUrl(handMade, {})).toThrow(/HTTPS/);
  });

  it('checks the description before any network use', () => {
    expect(() => checkProvider({ ...zendesk, id: 'Zendesk Main' })).toThrow('its id must be lower-case words and dashes');
    expect(() => checkProvider({ ...zendesk, clientId: ' ' })).toThrow('it has no client ID');
    expect(() => checkProvider({ ...zendesk, scopes: ['read write'] })).toThrow('its scopes must be single words');
    expect(() => checkProvider({ ...zendesk, redirectPort: 70000 })).toThrow('its redirect port must be a number from 1 to 65535');
    expect(() => checkProvider({ id: 'zendesk', clientId: 'c', scopes: [] })).toThrow(
      'it needs an authorization and a token endpoint, or an issuer to discover them from',
    );
    expect(providerLabel(zendesk)).toEqual(label);
    expect(providerLabel({ id: 'acme-crm', displayName: 'Acme CRM' })).toEqual({ id: 'acme-crm', name: 'Acme CRM' });
  });
});

describe('discovery (for providers that publish metadata)', () => {
  let server: TestOAuthServer;
  beforeEach(async () => {
    server = await startTestOAuthServer({ clientId: 'switchboard-desktop' });
  });
  afterEach(async () => {
    await server.close();
  });

  it('finds the endpoints from the issuer and signs in with them', async () => {
    const provider: OAuthProvider = {
      id: 'salesforce',
      issuer: server.url,
      discovery: 'oauth2',
      clientId: 'switchboard-desktop',
      scopes: ['api'],
    };
    const config = await oauthConfiguration(provider);
    expect(server.metadataRequests).toEqual(['/.well-known/oauth-authorization-server']);
    expect(config.serverMetadata().token_endpoint).toBe(server.tokenEndpoint);
    const tokens = await signIn({ provider, openBrowser: browserFor().openBrowser });
    expect(server.issued).toContain(tokens.accessToken);
  });

  it('refuses discovered endpoints that leave this computer, before using them', async () => {
    server.options.metadata = { token_endpoint: 'http://192.0.2.1/token' };
    const error = await failure(oauthConfiguration({ id: 'salesforce', issuer: server.url, clientId: 'c', scopes: [] }));
    expect(error.code).toBe('configuration');
    expect(error.message).toBe(
      'The Salesforce sign-in is not set up correctly: its discovered token endpoint must use https (plain http is allowed only for a test server on this computer).',
    );
  });

  it('says the provider is unreachable when discovery cannot connect', async () => {
    const url = server.url;
    await server.close();
    const error = await failure(oauthConfiguration({ id: 'salesforce', issuer: url, clientId: 'c', scopes: [] }));
    expect(error.code).toBe('unreachable');
  });
});

describe('sentences', () => {
  it('says the wait in minutes and cleans what the provider wrote', () => {
    expect(oauthErrors.timeout(label, 5 * 60_000).message).toBe('Sign-in to Zendesk was not finished within 5 minutes; start it again.');
    const error = toOAuthError(
      new client.AuthorizationResponseError('x', {
        cause: new URLSearchParams({ error: 'custom_no', error_description: `Nope.\u0007\n${'x'.repeat(300)}` }),
      }),
      label,
    );
    expect(error.code).toBe('refused');
    expect(error.message.startsWith('Zendesk refused the sign-in: Nope. xxx')).toBe(true);
    expect(error.message).not.toMatch(/\p{Cc}/u);
    expect(error.message.length).toBeLessThan(260);
  });
});
