import * as client from 'openid-client';
import { TypedEmitter } from '../../shared/events/typed-emitter';
import { userText, type UserText } from '../../shared/text/user-text';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { errorFields, oauthErrors, toOAuthError, type ProviderLabel } from './oauth-error';
import type { OAuthHttpOptions } from './oauth-http';
import { checkProvider, oauthConfiguration, providerLabel, type OAuthProvider } from './oauth-provider';
import { parseStoredTokens, serializeTokens, tokensFromResponse, type OAuthTokens } from './oauth-tokens';

/**
 * One provider's sign-in between sign-ins: the tokens in the app's secret store (`oauth.<id>`),
 * a valid access token for whoever asks, renewed with the refresh token shortly before it expires
 * or when a caller reports a 401, one renewal at a time however many callers ask. When the
 * provider refuses the renewal (invalid_grant: the refresh token expired or was revoked) the
 * tokens are dropped and `signedOut` says so in a sentence; the connectors' queued work stays in
 * the outbox (design rule 5) and goes out after the next sign-in. Tokens are never logged.
 */

export const DEFAULT_REFRESH_MARGIN_MS = 2 * 60_000;

export function tokenSecretName(providerId: string): string {
  return `oauth.${providerId}`;
}

export type SignedOutReason =
  /** The provider refused to renew the sign-in, or it ended with nothing to renew it with. */
  | 'expired'
  /** signOut() was called. */
  | 'signed-out'
  /** The stored tokens could not be read back (a damaged or foreign value). */
  | 'unreadable';

export interface SignedOutEvent {
  providerId: string;
  reason: SignedOutReason;
  /** One sentence for the agent. */
  text: UserText;
}

export interface TokenKeeperEvents {
  signedIn: { providerId: string };
  signedOut: SignedOutEvent;
}

export interface TokenKeeperOptions {
  provider: OAuthProvider;
  secrets: SecretStore;
  log: Logger;
  /** Renew this long before the access token expires. Default 2 minutes. */
  refreshMarginMs?: number;
  http?: Omit<OAuthHttpOptions, 'signal'>;
  now?: () => number;
  /**
   * Revokes the tokens at sign-out for a provider without an RFC 7009 endpoint (Zendesk:
   * `DELETE /api/v2/oauth/tokens/current.json` with the access token). Best effort, like RFC 7009's.
   */
  revoke?: (tokens: OAuthTokens) => Promise<void>;
}

export class TokenKeeper {
  private readonly provider: OAuthProvider;
  private readonly label: ProviderLabel;
  private readonly secrets: SecretStore;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly marginMs: number;
  private readonly http: Omit<OAuthHttpOptions, 'signal'>;
  private readonly events: TypedEmitter<TokenKeeperEvents>;
  private readonly secretName: string;
  private readonly revokeWith: ((tokens: OAuthTokens) => Promise<void>) | null;
  /** undefined: not read from the store yet. */
  private tokens: OAuthTokens | null | undefined = undefined;
  private loading: Promise<OAuthTokens | null> | null = null;
  private refreshing: Promise<boolean> | null = null;
  private config: Promise<client.Configuration> | null = null;
  /** Bumped by every save and sign-out, so a renewal that started before one cannot undo it. */
  private epoch = 0;

  constructor(options: TokenKeeperOptions) {
    checkProvider(options.provider);
    this.provider = options.provider;
    this.label = providerLabel(options.provider);
    this.secrets = options.secrets;
    this.log = options.log.child('oauth');
    this.now = options.now ?? Date.now;
    this.marginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.http = options.http ?? {};
    this.secretName = tokenSecretName(options.provider.id);
    this.revokeWith = options.revoke ?? null;
    this.events = new TypedEmitter<TokenKeeperEvents>((event, error) =>
      this.log.error('a sign-in listener failed', { event, provider: this.label.id, ...errorFields(error) }),
    );
  }

  on<K extends keyof TokenKeeperEvents>(event: K, listener: (payload: TokenKeeperEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  async isSignedIn(): Promise<boolean> {
    return (await this.load()) !== null;
  }

  /** Stores the tokens of a completed sign-in (oauth-sign-in.ts), replacing any before. */
  async save(tokens: OAuthTokens): Promise<void> {
    this.epoch += 1;
    await this.secrets.set(this.secretName, serializeTokens(tokens));
    this.tokens = tokens;
    this.log.info('sign-in stored', { provider: this.label.id });
    this.events.emit('signedIn', { providerId: this.label.id });
  }

  /**
   * A usable access token, renewed first when it is about to expire; null when signed out.
   * Rejects with OAuthError `unreachable` when it has expired and could not be renewed for a
   * reason other than the provider refusing (offline): the caller retries later as for any
   * network failure. A token that is merely close to expiry is still handed out then.
   */
  async accessToken(): Promise<string | null> {
    const tokens = await this.load();
    if (tokens === null) return null;
    if (tokens.expiresAt === null || this.now() < tokens.expiresAt - this.marginMs) return tokens.accessToken;
    if (tokens.refreshToken === null) {
      if (this.now() < tokens.expiresAt) return tokens.accessToken;
      await this.end(tokens, 'expired', null);
      return null;
    }
    const renewed = await this.refresh();
    const current = this.tokens ?? null;
    if (renewed && current) return current.accessToken;
    if (current === null) return null;
    if (current.expiresAt !== null && this.now() >= current.expiresAt) throw oauthErrors.unreachable(this.label);
    return current.accessToken;
  }

  /** The token response fields the provider keeps (`keepResponseFields`) as last received; empty when signed out. */
  async responseFields(): Promise<Readonly<Record<string, string>>> {
    return (await this.load())?.extra ?? {};
  }

  /**
   * Renews the access token. Pass the token a request was refused with (HTTP 401): if it has been
   * replaced meanwhile (another caller renewed it), nothing is sent and the answer is true.
   * Concurrent calls share one request to the provider. Resolves true when a usable new token is
   * in hand; false when signed out (then `signedOut` was emitted) or the provider could not be
   * reached (the tokens are kept; try again later).
   */
  refresh(rejectedAccessToken?: string): Promise<boolean> {
    if (this.refreshing) return this.refreshing;
    const run = this.renew(rejectedAccessToken).finally(() => {
      if (this.refreshing === run) this.refreshing = null;
    });
    this.refreshing = run;
    return run;
  }

  /** Forgets the tokens here, then asks the provider to revoke them if it has an endpoint for it (best effort). */
  async signOut(): Promise<void> {
    const tokens = await this.load();
    this.epoch += 1;
    await this.secrets.delete(this.secretName);
    this.tokens = null;
    if (!tokens) return;
    this.log.info('signed out', { provider: this.label.id });
    this.events.emit('signedOut', {
      providerId: this.label.id,
      reason: 'signed-out',
      text: userText('sso.oauth.sentence', { clause: userText('sso.oauth.signedOut', { provider: this.label.name }) }),
    });
    try {
      if (this.revokeWith) {
        await this.revokeWith(tokens);
        return;
      }
      const config = await this.configuration().catch(() => null);
      if (!config?.serverMetadata().revocation_endpoint) return;
      // Revoking the refresh token ends the grant, and with it its access tokens (RFC 7009 §2.1).
      if (tokens.refreshToken) await client.tokenRevocation(config, tokens.refreshToken, { token_type_hint: 'refresh_token' });
      else await client.tokenRevocation(config, tokens.accessToken, { token_type_hint: 'access_token' });
    } catch (error) {
      this.log.warn('the provider did not confirm the sign-out; the tokens are forgotten here anyway', {
        provider: this.label.id,
        ...errorFields(error),
      });
    }
  }

  /** Drops listeners; the stored tokens stay for the next start. */
  close(): void {
    this.events.clear();
  }

  private configuration(): Promise<client.Configuration> {
    if (!this.config) {
      const pending = oauthConfiguration(this.provider, this.http);
      this.config = pending;
      // A discovery that failed (offline) is tried again next time.
      pending.catch(() => {
        if (this.config === pending) this.config = null;
      });
    }
    return this.config;
  }

  private load(): Promise<OAuthTokens | null> {
    if (this.tokens !== undefined) return Promise.resolve(this.tokens);
    if (!this.loading) {
      const epoch = this.epoch;
      this.loading = this.secrets
        .get(this.secretName)
        .then((stored) => {
          if (this.epoch !== epoch) return this.tokens ?? null;
          const tokens = stored === null ? null : parseStoredTokens(stored);
          if (stored !== null && tokens === null) {
            // Left in place (design rule 6: changes nothing); the next sign-in replaces it.
            this.log.warn('the stored sign-in could not be read; treated as signed out', {
              provider: this.label.id,
              secretName: this.secretName,
            });
            this.events.emit('signedOut', {
              providerId: this.label.id,
              reason: 'unreadable',
              text: userText('sso.oauth.sentence', { clause: userText('sso.oauth.unreadable', { provider: this.label.name }) }),
            });
          }
          this.tokens = tokens;
          return tokens;
        })
        .finally(() => {
          this.loading = null;
        });
    }
    return this.loading;
  }

  private async renew(rejectedAccessToken: string | undefined): Promise<boolean> {
    const tokens = await this.load();
    if (tokens === null) return false;
    if (rejectedAccessToken !== undefined && rejectedAccessToken !== tokens.accessToken) return true;
    if (tokens.refreshToken === null) {
      // Refused (or expired) with nothing to renew it with: the sign-in is over.
      await this.end(tokens, 'expired', null);
      return false;
    }
    const epoch = this.epoch;
    let renewed: OAuthTokens;
    try {
      const config = await this.configuration();
      const response = await client.refreshTokenGrant(config, tokens.refreshToken, this.provider.extraTokenParams);
      renewed = tokensFromResponse(response, this.now(), tokens, this.provider.keepResponseFields);
    } catch (error) {
      if (this.epoch !== epoch) return this.tokens !== null && this.tokens !== undefined;
      const failure = toOAuthError(error, this.label);
      if (failure.code === 'refused' && failure.oauthError === 'invalid_grant') {
        await this.end(tokens, 'expired', 'invalid_grant');
        return false;
      }
      this.log.warn('could not renew the sign-in; will try again', {
        provider: this.label.id,
        outcome: failure.code,
        ...errorFields(error),
      });
      return false;
    }
    // Signed out, or signed in afresh, while the request was out: that is the newer truth.
    if (this.epoch !== epoch) return this.tokens !== null && this.tokens !== undefined;
    this.tokens = renewed;
    const rotated = renewed.refreshToken !== tokens.refreshToken;
    try {
      await this.secrets.set(this.secretName, serializeTokens(renewed));
    } catch (error) {
      // The new tokens still work for this run; after a restart the agent signs in again.
      this.log.error('could not store the renewed sign-in', {
        provider: this.label.id,
        secretName: this.secretName,
        ...errorFields(error),
      });
    }
    this.log.info('sign-in renewed', { provider: this.label.id, rotated });
    return true;
  }

  /** The sign-in is over: forget the tokens and say so. */
  private async end(tokens: OAuthTokens, reason: 'expired', oauthError: string | null): Promise<void> {
    if (this.tokens !== tokens) return;
    this.epoch += 1;
    this.tokens = null;
    try {
      await this.secrets.delete(this.secretName);
    } catch (error) {
      this.log.error('could not delete the expired sign-in', {
        provider: this.label.id,
        secretName: this.secretName,
        ...errorFields(error),
      });
    }
    this.log.warn('the sign-in expired', { provider: this.label.id, oauthError });
    this.events.emit('signedOut', { providerId: this.label.id, reason, text: oauthErrors.expired(this.label, oauthError).text });
  }
}
