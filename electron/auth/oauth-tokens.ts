import type { TokenEndpointResponse } from 'openid-client';

/** What a sign-in yields and the token keeper stores. Never logged (electron/logging/redact.ts masks the names too). */
export interface OAuthTokens {
  accessToken: string;
  /** Null when the provider issues none: then the sign-in lasts as long as the access token. */
  refreshToken: string | null;
  /** Epoch ms; null when the provider does not say (the token is used until it is refused). */
  expiresAt: number | null;
  /** The scopes granted, space-separated as the provider sent them; null when it did not say. */
  scope: string | null;
  /** Lower-case: `bearer` (or `dpop`). */
  tokenType: string;
  /**
   * Other fields of the token response the provider asked to keep (`OAuthProvider.keepResponseFields`),
   * e.g. Salesforce's `instance_url`, the org's API address. Text values only.
   */
  extra?: Readonly<Record<string, string>>;
}

/**
 * The tokens in a token endpoint response. On a refresh, what the provider leaves out is kept
 * from before: a provider that does not rotate refresh tokens sends none back (RFC 6749 §6).
 */
export function tokensFromResponse(
  response: TokenEndpointResponse,
  now: number,
  previous: OAuthTokens | null = null,
  keep: readonly string[] = [],
): OAuthTokens {
  const tokens: OAuthTokens = {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previous?.refreshToken ?? null,
    expiresAt: typeof response.expires_in === 'number' && Number.isFinite(response.expires_in) ? now + response.expires_in * 1000 : null,
    scope: response.scope ?? previous?.scope ?? null,
    tokenType: response.token_type,
  };
  const extra: Record<string, string> = { ...previous?.extra };
  for (const name of keep) {
    const value = response[name];
    if (typeof value === 'string') extra[name] = value;
  }
  if (Object.keys(extra).length > 0) tokens.extra = extra;
  return tokens;
}

/** The stored form, versioned so a later shape can read an older one. */
interface StoredTokens extends OAuthTokens {
  v: 1;
}

export function serializeTokens(tokens: OAuthTokens): string {
  const stored: StoredTokens = { v: 1, ...tokens };
  return JSON.stringify(stored);
}

const isNullableString = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** The tokens in a stored value, or null when it is not one this version wrote (design rule 6: read safely). */
export function parseStoredTokens(text: string): OAuthTokens | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.v !== 1) return null;
  if (typeof v.accessToken !== 'string' || v.accessToken === '' || typeof v.tokenType !== 'string') return null;
  if (!isNullableString(v.refreshToken) || !isNullableString(v.scope)) return null;
  if (!(v.expiresAt === null || (typeof v.expiresAt === 'number' && Number.isFinite(v.expiresAt)))) return null;
  const tokens: OAuthTokens = {
    accessToken: v.accessToken,
    refreshToken: v.refreshToken,
    expiresAt: v.expiresAt,
    scope: v.scope,
    tokenType: v.tokenType,
  };
  if (v.extra !== undefined) {
    if (typeof v.extra !== 'object' || v.extra === null || Object.values(v.extra).some((x) => typeof x !== 'string')) return null;
    tokens.extra = { ...(v.extra as Record<string, string>) };
  }
  return tokens;
}
