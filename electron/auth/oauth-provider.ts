import * as client from 'openid-client';
import { userText } from '../../shared/text/user-text';
import { oauthErrors, toOAuthError, type ProviderLabel } from './oauth-error';
import {
  guardedFetch,
  OAUTH_HTTP_TIMEOUT_S,
  providerEndpointKind,
  type EndpointKind,
  type EndpointName,
  type OAuthHttpOptions,
} from './oauth-http';

/**
 * An OAuth 2.0 authorization server a CRM connector signs in to, as data: Zendesk now (whose
 * endpoints are known and which publishes no discovery document), Salesforce next (which does).
 * The app is a public native client (RFC 8252): PKCE always, and a client secret only when the
 * provider's client registration has one (Zendesk "confidential" clients).
 */
export interface OAuthProvider {
  /** Lower-case words and dashes, e.g. `zendesk`; names the stored tokens (`oauth.<id>`). */
  id: string;
  /** How the agent knows it, in sentences ("Sign-in to Zendesk ..."). Default: from the id. */
  displayName?: string;
  /** E.g. `https://{subdomain}.zendesk.com/oauth/authorizations/new`. With `tokenEndpoint`, no discovery is done. */
  authorizationEndpoint?: string;
  /** E.g. `https://{subdomain}.zendesk.com/oauth/tokens`. */
  tokenEndpoint?: string;
  /** An RFC 7009 revocation endpoint, if the provider has one: sign-out revokes there (best effort). */
  revocationEndpoint?: string;
  /**
   * The issuer. Without the two endpoints above, its metadata is discovered (RFC 8414 or OpenID
   * Connect Discovery, `discovery`). With them, only checked against an `iss` the redirect carries.
   */
  issuer?: string;
  /** Which discovery document the issuer publishes. Default `oidc` (`/.well-known/openid-configuration`). */
  discovery?: 'oidc' | 'oauth2';
  clientId: string;
  /** Sent as `client_secret` in the body (client_secret_post); none for a public client. */
  clientSecret?: string | null;
  scopes: string[];
  /** Added to the authorization URL (never replacing the PKCE, state, scope or redirect parameters). */
  extraAuthParams?: Record<string, string>;
  /** Added to the code exchange and refresh requests (e.g. a provider that wants `scope` there too). */
  extraTokenParams?: Record<string, string>;
  /**
   * Token response fields kept with the tokens (OAuthTokens.extra), refreshed with them: Salesforce's
   * `instance_url`, the org's API address, which only the token response names.
   */
  keepResponseFields?: string[];
  /**
   * A fixed port for the loopback redirect, for a provider that matches redirect URIs exactly
   * instead of allowing any port on 127.0.0.1 (RFC 8252 §7.3). Default: one the OS picks.
   */
  redirectPort?: number;
}

const PROVIDER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KNOWN_NAMES: Readonly<Record<string, string>> = { zendesk: 'Zendesk', salesforce: 'Salesforce' };

export function providerLabel(provider: Pick<OAuthProvider, 'id' | 'displayName'>): ProviderLabel {
  const fallback = KNOWN_NAMES[provider.id] ?? provider.id.charAt(0).toUpperCase() + provider.id.slice(1);
  return { id: provider.id, name: provider.displayName?.trim() || fallback };
}

/** Checks the parts that do not need the network; throws OAuthError('configuration'). */
export function checkProvider(provider: OAuthProvider): void {
  const label = providerLabel(provider);
  if (!PROVIDER_ID.test(provider.id) || provider.id.length > 40) throw oauthErrors.configuration(label, userText('sso.oauthSetup.badId'));
  if (typeof provider.clientId !== 'string' || provider.clientId.trim() === '')
    throw oauthErrors.configuration(label, userText('sso.oauthSetup.noClientId'));
  if (!Array.isArray(provider.scopes) || provider.scopes.some((s) => typeof s !== 'string' || s === '' || /\s/.test(s))) {
    throw oauthErrors.configuration(label, userText('sso.oauthSetup.badScopes'));
  }
  const port = provider.redirectPort;
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw oauthErrors.configuration(label, userText('sso.oauthSetup.badPort'));
  }
  if (!hasStaticEndpoints(provider) && !provider.issuer) {
    throw oauthErrors.configuration(label, userText('sso.oauthSetup.noEndpoints'));
  }
}

function hasStaticEndpoints(provider: OAuthProvider): provider is OAuthProvider & { authorizationEndpoint: string; tokenEndpoint: string } {
  return Boolean(provider.authorizationEndpoint && provider.tokenEndpoint);
}

function clientAuth(provider: OAuthProvider): client.ClientAuth {
  return provider.clientSecret ? client.ClientSecretPost(provider.clientSecret) : client.None();
}

/** Applies the fetch confinement, and for a test server on this computer only, openid-client's http switch. */
function confine(config: client.Configuration, kind: EndpointKind, label: ProviderLabel, http: OAuthHttpOptions): client.Configuration {
  config[client.customFetch] = guardedFetch(kind, label, http);
  config.timeout = OAUTH_HTTP_TIMEOUT_S;
  // Deprecated by openid-client only to make it stand out: here it is reached solely for a provider
  // whose every endpoint is http on 127.0.0.1 / localhost (the CRM emulators), and guardedFetch
  // refuses any request that leaves this computer.
  if (kind === 'loopback-http') client.allowInsecureRequests(config);
  return config;
}

/**
 * The openid-client Configuration for a provider: built from its known endpoints, or discovered
 * from its issuer. Throws OAuthError: `configuration` for an unusable description, `unreachable`
 * or `refused`/`failed` when discovery does not work.
 */
export async function oauthConfiguration(provider: OAuthProvider, http: OAuthHttpOptions = {}): Promise<client.Configuration> {
  checkProvider(provider);
  const label = providerLabel(provider);
  const metadata: Partial<client.ClientMetadata> = provider.clientSecret ? { client_secret: provider.clientSecret } : {};

  if (hasStaticEndpoints(provider)) {
    const endpoints: { url: string; what: EndpointName }[] = [
      { url: provider.authorizationEndpoint, what: 'authorizationEndpoint' },
      { url: provider.tokenEndpoint, what: 'tokenEndpoint' },
      ...(provider.revocationEndpoint ? [{ url: provider.revocationEndpoint, what: 'revocationEndpoint' as const }] : []),
      ...(provider.issuer ? [{ url: provider.issuer, what: 'issuer' as const }] : []),
    ];
    const kind = providerEndpointKind(endpoints, label);
    const server: client.ServerMetadata = {
      issuer: provider.issuer ?? new URL(provider.authorizationEndpoint).origin,
      authorization_endpoint: provider.authorizationEndpoint,
      token_endpoint: provider.tokenEndpoint,
      ...(provider.revocationEndpoint ? { revocation_endpoint: provider.revocationEndpoint } : {}),
      code_challenge_methods_supported: ['S256'],
    };
    return confine(new client.Configuration(server, provider.clientId, metadata, clientAuth(provider)), kind, label, http);
  }

  const issuer = provider.issuer!;
  const kind = providerEndpointKind([{ url: issuer, what: 'issuer' }], label);
  let config: client.Configuration;
  try {
    config = await client.discovery(new URL(issuer), provider.clientId, metadata, clientAuth(provider), {
      algorithm: provider.discovery ?? 'oidc',
      timeout: OAUTH_HTTP_TIMEOUT_S,
      [client.customFetch]: guardedFetch(kind, label, http),
      execute: kind === 'loopback-http' ? [client.allowInsecureRequests] : [],
    });
  } catch (error) {
    throw toOAuthError(error, label);
  }
  // The discovered endpoints must be of the issuer's kind too (guardedFetch would refuse them later;
  // saying so now names the problem before a browser is opened).
  const server = config.serverMetadata();
  if (!server.authorization_endpoint || !server.token_endpoint) {
    throw oauthErrors.configuration(label, userText('sso.oauthSetup.discoveryIncomplete'));
  }
  const discovered: { url: string; what: EndpointName }[] = [
    { url: server.authorization_endpoint, what: 'discoveredAuthorizationEndpoint' },
    { url: server.token_endpoint, what: 'discoveredTokenEndpoint' },
    ...(server.revocation_endpoint ? [{ url: server.revocation_endpoint, what: 'discoveredRevocationEndpoint' as const }] : []),
  ];
  if (providerEndpointKind(discovered, label) !== kind) {
    throw oauthErrors.configuration(label, userText('sso.oauthSetup.mixedEndpoints'));
  }
  return confine(config, kind, label, http);
}
