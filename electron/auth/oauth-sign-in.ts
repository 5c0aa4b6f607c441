import * as client from 'openid-client';
import { silentLogger, type Logger } from '../logging/logger';
import { errorFields, oauthErrors, toOAuthError } from './oauth-error';
import type { OAuthHttpOptions } from './oauth-http';
import { oauthConfiguration, providerLabel, type OAuthProvider } from './oauth-provider';
import { tokensFromResponse, type OAuthTokens } from './oauth-tokens';
import { listenForRedirect } from './loopback-redirect';

/**
 * The interactive sign-in: authorization code with PKCE (S256) and state, in the system browser,
 * back through a loopback redirect on 127.0.0.1 (RFC 8252). openid-client does the protocol; this
 * file only wires it to the listener and the browser.
 */
export interface SignInOptions {
  provider: OAuthProvider;
  /**
   * Opens the URL in the agent's browser. Electron: `shell.openExternal` after the app's URL
   * allow-list (electron/security/permissions.ts); the web shell: the page opens it. Resolving
   * means "asked the browser to open it", not "the agent finished".
   */
  openBrowser: (url: string) => Promise<void>;
  /** Stops the sign-in (the agent cancelled it in Switchboard, the app is closing). */
  signal?: AbortSignal;
  /** How long to wait for the browser to come back. Default 5 minutes. */
  timeoutMs?: number;
  http?: Omit<OAuthHttpOptions, 'signal'>;
  log?: Logger;
  now?: () => number;
  /**
   * The agent's `language` setting (system | en | de), read when the browser comes back, so the tab
   * says the outcome in the language the window speaks (electron/auth/loopback-redirect.ts).
   */
  language?: () => string | null;
}

/** Resolves with the tokens, or rejects with an OAuthError whose message is the sentence for the agent. */
export async function signIn(options: SignInOptions): Promise<OAuthTokens> {
  const { provider, signal } = options;
  const label = providerLabel(provider);
  const log = (options.log ?? silentLogger).child('oauth');
  const now = options.now ?? Date.now;
  try {
    if (signal?.aborted) throw oauthErrors.aborted(label);
    const config = await oauthConfiguration(provider, { ...options.http, signal });
    const codeVerifier = client.randomPKCECodeVerifier();
    const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
    const state = client.randomState();
    const listener = await listenForRedirect({
      provider: label,
      expectedState: state,
      port: provider.redirectPort,
      timeoutMs: options.timeoutMs,
      signal,
      language: options.language,
    });
    try {
      const parameters: Record<string, string> = {
        ...provider.extraAuthParams,
        redirect_uri: listener.redirectUri,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
        state,
      };
      if (provider.scopes.length > 0) parameters.scope = provider.scopes.join(' ');
      const authorizationUrl = client.buildAuthorizationUrl(config, parameters);
      log.info('sign-in started', { provider: label.id, redirectPort: listener.port });

      // The browser may come back before openBrowser resolves (a test's browser, a fast machine):
      // wait for whichever ends first, the redirect or a failure to open the browser.
      const browserFailed = options.openBrowser(authorizationUrl.href).then(
        // A fresh never-settling promise per sign-in: nothing outlives it.
        () => new Promise<never>(() => undefined),
        (error: unknown) => Promise.reject(oauthErrors.browser(label, error)),
      );
      const callback = await Promise.race([listener.callback, browserFailed]);
      try {
        const response = await client.authorizationCodeGrant(
          config,
          callback.url,
          { pkceCodeVerifier: codeVerifier, expectedState: state },
          provider.extraTokenParams,
        );
        const tokens = tokensFromResponse(response, now(), null, provider.keepResponseFields);
        await callback.finish({ ok: true });
        log.info('signed in', { provider: label.id, expires: tokens.expiresAt !== null, refreshable: tokens.refreshToken !== null });
        return tokens;
      } catch (error) {
        const failure = toOAuthError(error, label);
        await callback.finish({ ok: false, message: failure.text });
        throw failure;
      }
    } finally {
      await listener.close();
    }
  } catch (error) {
    const failure = toOAuthError(error, label);
    log.warn('sign-in did not complete', { provider: label.id, outcome: failure.code, ...errorFields(error) });
    throw failure;
  }
}
