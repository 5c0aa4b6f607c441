import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OAuthError } from '../../../electron/auth/oauth-error';
import type { OAuthProvider } from '../../../electron/auth/oauth-provider';
import { signIn } from '../../../electron/auth/oauth-sign-in';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { createHttpTransport } from '../../../electron/sync/http-client';
import { browserFor, startTestOAuthServer, type TestOAuthServer } from './oauth-test-server';

let server: TestOAuthServer;
let provider: OAuthProvider;
beforeEach(async () => {
  server = await startTestOAuthServer({ clientId: 'switchboard-desktop' });
  provider = {
    id: 'zendesk',
    authorizationEndpoint: server.authorizationEndpoint,
    tokenEndpoint: server.tokenEndpoint,
    clientId: 'switchboard-desktop',
    scopes: ['read', 'write'],
  };
});
afterEach(async () => {
  await server.close();
});

async function failure(promise: Promise<unknown>): Promise<OAuthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OAuthError);
  return error as OAuthError;
}

describe('signIn (authorization code + PKCE through a loopback redirect)', () => {
  it('sends PKCE S256, state and scopes, and returns the tokens; the tab says so', async () => {
    let sent: URL | null = null;
    const browser = browserFor((url) => (sent = url));
    const before = Date.now();
    const tokens = await signIn({
      provider: { ...provider, extraAuthParams: { prompt: 'login', state: 'overridden?' } },
      openBrowser: browser.openBrowser,
    });

    const url = sent as unknown as URL;
    expect(url.origin + url.pathname).toBe(server.authorizationEndpoint);
    const q = url.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('switchboard-desktop');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('state')).not.toBe('overridden?');
    expect(q.get('scope')).toBe('read write');
    expect(q.get('prompt')).toBe('login');
    expect(q.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);

    expect(server.issued).toContain(tokens.accessToken);
    expect(server.issued).toContain(tokens.refreshToken);
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.scope).toBe('read write');
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 3600_000);
    expect(tokens.expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);

    const page = await browser.pages[0]!;
    expect(page.status).toBe(200);
    expect(page.body).toContain('You are signed in to Zendesk; you can close this tab.');
  });

  it('works through the app HTTP transport (the trust store path)', async () => {
    const transport = createHttpTransport();
    try {
      const tokens = await signIn({ provider, openBrowser: browserFor().openBrowser, http: { transport } });
      expect(server.issued).toContain(tokens.accessToken);
    } finally {
      transport.close();
    }
  });

  it('takes the 201 and the null expires_in of a Zendesk token answer as what they mean, through either HTTP path', async () => {
    server.options.successStatus = 201;
    server.options.expiresIn = null;
    server.options.nullExpiry = true;
    const direct = await signIn({ provider, openBrowser: browserFor().openBrowser });
    expect(server.issued).toContain(direct.accessToken);
    expect(direct.expiresAt).toBeNull();
    const transport = createHttpTransport();
    try {
      const viaTransport = await signIn({ provider, openBrowser: browserFor().openBrowser, http: { transport } });
      expect(server.issued).toContain(viaTransport.accessToken);
      expect(viaTransport.expiresAt).toBeNull();
    } finally {
      transport.close();
    }
  });

  it('turns a denial in the browser into a sentence, and tells the tab', async () => {
    server.options.denyWith = 'access_denied';
    const browser = browserFor();
    const error = await failure(signIn({ provider, openBrowser: browser.openBrowser }));
    expect(error.code).toBe('cancelled');
    expect(error.message).toBe('Sign-in to Zendesk was cancelled in the browser.');
    expect(server.tokenRequests).toEqual([]);
    const page = await browser.pages[0]!;
    expect(page.body).toContain('Sign-in to Zendesk was cancelled in the browser. You can close this tab.');
  });

  it('says what the provider refused, in plain words', async () => {
    server.options.denyWith = 'invalid_scope';
    const error = await failure(signIn({ provider, openBrowser: browserFor().openBrowser }));
    expect(error.code).toBe('refused');
    expect(error.message).toBe('Zendesk refused the sign-in: the permissions Switchboard asks for are not allowed for this app.');
  });

  it('is refused by the server when the code was bound to another challenge (the verifier does not match)', async () => {
    const other = 'A'.repeat(43);
    const browser = browserFor((url) => {
      url.searchParams.set('code_challenge', other);
      return url;
    });
    const error = await failure(signIn({ provider, openBrowser: browser.openBrowser }));
    expect(error.code).toBe('refused');
    expect(error.oauthError).toBe('invalid_grant');
    expect(error.message).toMatch(/^Zendesk refused the sign-in: the sign-in code was not accepted/);
    expect(server.tokenRequests).toEqual(['authorization_code']);
    expect((await browser.pages[0]!).status).toBe(400);
  });

  it('fails with a sentence when the browser cannot be opened, and frees the listener', async () => {
    const error = await failure(
      signIn({
        provider,
        openBrowser: async () => {
          throw new Error('no browser');
        },
      }),
    );
    expect(error.code).toBe('browser');
    expect(error.message).toBe('Switchboard could not open the browser for the sign-in to Zendesk.');
  });

  it('stops when the app aborts it while waiting for the browser', async () => {
    const controller = new AbortController();
    const error = await failure(signIn({ provider, signal: controller.signal, openBrowser: async () => controller.abort() }));
    expect(error.code).toBe('aborted');
  });

  it('gives up when the browser never comes back', async () => {
    const error = await failure(signIn({ provider, timeoutMs: 50, openBrowser: async () => undefined }));
    expect(error.code).toBe('timeout');
  });

  it('refuses a provider with an http endpoint off this computer before opening any browser', async () => {
    let opened = false;
    const error = await failure(
      signIn({
        provider: { ...provider, tokenEndpoint: 'http://zendesk.example.com/oauth/tokens' },
        openBrowser: async () => void (opened = true),
      }),
    );
    expect(error.code).toBe('configuration');
    expect(error.message).toBe(
      'The Zendesk sign-in is not set up correctly: its token endpoint must use https (plain http is allowed only for a test server on this computer).',
    );
    expect(opened).toBe(false);
  });

  it('says so when the provider cannot be reached', async () => {
    const browser = browserFor();
    const openBrowser = async (url: string) => {
      await browser.openBrowser(url);
      await server.close();
    };
    const error = await failure(signIn({ provider, openBrowser }));
    expect(error.code).toBe('unreachable');
    expect(error.message).toBe('Switchboard could not reach Zendesk for the sign-in; check the network and try again.');
  });

  it('logs no code, state or token', async () => {
    const { sink, records } = createMemorySink();
    let sent = '';
    const browser = browserFor((url) => ((sent = url.href), url));
    const tokens = await signIn({ provider, openBrowser: browser.openBrowser, log: createLogger(sink, { level: 'debug' }) });
    expect(records.length).toBeGreaterThan(0);
    const logged = JSON.stringify(records);
    const state = new URL(sent).searchParams.get('state')!;
    for (const secret of [...server.issued, state, tokens.accessToken]) expect(logged).not.toContain(secret);
  });
});
