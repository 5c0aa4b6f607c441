import { randomBytes } from 'node:crypto';
import { redirectBack } from '../common/oauth-redirect';
import { sameSecret, verifierMatches } from '../common/pkce';
import type { IncomingHttpHeaders } from 'node:http';
import { ZendeskHttpError, errors, type Principal, type Reply } from './http';
import type { ZendeskFaults } from './faults';
import type { ZendeskState } from './state';

/**
 * Authentication as Zendesk does it:
 *  - API token: `Authorization: Basic base64("{email}/token:{api_token}")` (Security and
 *    authentication › API token). The token acts as the user with that email.
 *  - OAuth access token: `Authorization: Bearer {token}` (help article "Using OAuth authentication
 *    with your application" › Step 4).
 *
 * And the OAuth authorization code flow (same article, and Zendesk Support API › OAuth Tokens for
 * Grant Types › Create Token for Grant Type; PKCE per "Using PKCE to make Zendesk OAuth access tokens
 * more secure"): GET/POST /oauth/authorizations/new redirects back with `code` and `state`; POST
 * /oauth/tokens exchanges the code (valid 120 seconds) or a refresh token. Refreshing "creates new
 * access and refresh tokens while invalidating the previous ones".
 *
 * No login page: who approves, and whether, is set by the test (`approval`).
 */

export interface OAuthClientConfig {
  id: string;
  /** Absent: a public client, which must use PKCE. */
  secret?: string;
  redirectUris: string[];
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  userId: number;
  challenge: string | null;
  expiresAt: number;
}

interface TokenRecord {
  accessToken: string;
  refreshToken: string;
  userId: number;
  clientId: string;
  scopes: string[];
  /** null: the access token does not expire (expires_in "Defaults to null"). */
  expiresAt: number | null;
  refreshExpiresAt: number;
  revoked: boolean;
}

export interface OAuthApproval {
  /** What the user decides on the authorization page. */
  decision: 'approve' | 'deny';
  /** The user who is signed in and approves; default: the first API-token user. */
  userId: number | null;
}

/** "The authorization code is only valid for 120 seconds." */
const CODE_TTL_MS = 120_000;
/** expires_in: 300 s to 172,800 s; refresh_token_expires_in: 604,800 s to 7,776,000 s, default 2,592,000 s (30 days). */
const EXPIRES_IN = { min: 300, max: 172_800 };
const REFRESH_EXPIRES_IN = { min: 604_800, max: 7_776_000, default: 2_592_000 };

const token = (): string => randomBytes(32).toString('hex');

/** RFC 6749 §5.2 error responses (400, or 401 for a client that fails to authenticate). */
function oauthError(error: string, description: string, status = 400): ZendeskHttpError {
  return new ZendeskHttpError(status, { error, error_description: description }, { 'cache-control': 'no-store' });
}

export class OAuthStore {
  readonly clients = new Map<string, OAuthClientConfig>();
  private readonly codes = new Map<string, AuthCode>();
  private readonly byAccess = new Map<string, TokenRecord>();
  private readonly byRefresh = new Map<string, TokenRecord>();
  approval: OAuthApproval = { decision: 'approve', userId: null };

  constructor(
    private readonly now: () => number,
    clients: OAuthClientConfig[],
  ) {
    for (const client of clients) this.clients.set(client.id, client);
  }

  issue(userId: number, clientId: string, scopes: string[], expiresInSec: number | null, refreshExpiresInSec: number): TokenRecord {
    const now = this.now();
    const record: TokenRecord = {
      accessToken: token(),
      refreshToken: token(),
      userId,
      clientId,
      scopes,
      expiresAt: expiresInSec === null ? null : now + expiresInSec * 1000,
      refreshExpiresAt: now + refreshExpiresInSec * 1000,
      revoked: false,
    };
    this.byAccess.set(record.accessToken, record);
    this.byRefresh.set(record.refreshToken, record);
    return record;
  }

  /** The access token's record if it is live; null if unknown, expired or revoked. */
  access(accessToken: string): TokenRecord | null {
    const record = this.byAccess.get(accessToken);
    if (!record || record.revoked) return null;
    if (record.expiresAt !== null && record.expiresAt <= this.now()) return null;
    return record;
  }

  /** Ends the token's life now, as if it had run out (fault `tokenExpired`). */
  expire(accessToken: string): void {
    const record = this.byAccess.get(accessToken);
    if (record) record.expiresAt = Math.min(record.expiresAt ?? Number.POSITIVE_INFINITY, this.now());
  }

  revoke(accessToken: string): void {
    const record = this.byAccess.get(accessToken);
    if (record) record.revoked = true;
  }

  // GET/POST /oauth/authorizations/new ----------------------------------------

  authorize(params: URLSearchParams): Reply {
    const client = this.clients.get(params.get('client_id') ?? '');
    const redirectUri = params.get('redirect_uri') ?? '';
    // RFC 6749 §4.1.2.1: a wrong client or redirect URI is not redirected to (it may be an attacker's).
    if (!client) return { status: 400, body: 'OAuth error: unknown client_id' };
    if (!client.redirectUris.includes(redirectUri))
      return { status: 400, body: 'OAuth error: redirect_uri is not registered for this client' };
    const back = (query: Record<string, string>): Reply => redirectBack(redirectUri, params.get('state'), query);
    if (params.get('response_type') !== 'code')
      return back({ error: 'unsupported_response_type', error_description: 'response_type must be code' });
    const scope = (params.get('scope') ?? '').trim();
    if (!scope) return back({ error: 'invalid_request', error_description: 'scope is required' });
    const challenge = params.get('code_challenge');
    const method = params.get('code_challenge_method');
    if (challenge !== null && method !== 'S256')
      return back({ error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
    if (challenge === null && client.secret === undefined) {
      return back({ error: 'invalid_request', error_description: 'Public clients must use PKCE (code_challenge)' });
    }
    if (this.approval.decision === 'deny') {
      return back({ error: 'access_denied', error_description: 'The end-user or authorization server denied the request' });
    }
    if (this.approval.userId === null) return { status: 400, body: 'OAuth error: no approving user is configured' };
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, {
      clientId: client.id,
      redirectUri,
      scopes: scope.split(/\s+/),
      userId: this.approval.userId,
      challenge,
      expiresAt: this.now() + CODE_TTL_MS,
    });
    return back({ code });
  }

  // POST /oauth/tokens -------------------------------------------------------------

  private lifetimes(params: Record<string, string>): { expiresIn: number | null; refreshExpiresIn: number } {
    const read = (name: string, range: { min: number; max: number }): number | null => {
      const raw = params[name];
      if (raw === undefined || raw === '') return null;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < range.min || n > range.max) {
        throw oauthError('invalid_request', `${name} must be a whole number of seconds from ${range.min} to ${range.max}`);
      }
      return n;
    };
    const expiresIn = read('expires_in', EXPIRES_IN);
    const refreshExpiresIn = read('refresh_token_expires_in', REFRESH_EXPIRES_IN) ?? REFRESH_EXPIRES_IN.default;
    if (expiresIn !== null && expiresIn > refreshExpiresIn)
      throw oauthError('invalid_request', 'expires_in must not exceed refresh_token_expires_in');
    return { expiresIn, refreshExpiresIn };
  }

  private client(params: Record<string, string>): OAuthClientConfig {
    const client = this.clients.get(params.client_id ?? '');
    if (!client) throw oauthError('invalid_client', 'Client authentication failed due to unknown client.', 401);
    const secret = params.client_secret;
    if (secret !== undefined && (client.secret === undefined || !sameSecret(secret, client.secret))) {
      throw oauthError('invalid_client', 'Client authentication failed due to invalid client credentials.', 401);
    }
    return client;
  }

  exchange(params: Record<string, string>): Reply {
    const grant = params.grant_type;
    if (!grant) throw oauthError('invalid_request', 'grant_type is required');
    if (grant !== 'authorization_code' && grant !== 'refresh_token') {
      throw oauthError('unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.');
    }
    const client = this.client(params);
    const { expiresIn, refreshExpiresIn } = this.lifetimes(params);
    let userId: number;
    let scopes: string[];
    if (grant === 'authorization_code') {
      const invalidGrant = oauthError(
        'invalid_grant',
        'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
      );
      const code = this.codes.get(params.code ?? '');
      // Single use: a code is spent by its first exchange attempt, right or wrong.
      if (code) this.codes.delete(params.code!);
      if (!code || code.clientId !== client.id || code.expiresAt <= this.now()) throw invalidGrant;
      if (params.redirect_uri !== undefined && params.redirect_uri !== code.redirectUri) throw invalidGrant;
      if (code.challenge !== null) {
        const verifier = params.code_verifier ?? '';
        if (!verifierMatches(verifier, code.challenge)) throw invalidGrant;
      } else if (params.client_secret === undefined) {
        throw oauthError('invalid_client', 'Client authentication failed: send client_secret or use PKCE.', 401);
      }
      userId = code.userId;
      scopes = code.scopes;
    } else {
      const previous = this.byRefresh.get(params.refresh_token ?? '');
      if (!previous || previous.revoked || previous.refreshExpiresAt <= this.now() || previous.clientId !== client.id) {
        throw oauthError(
          'invalid_grant',
          'The provided authorization grant is invalid, expired, revoked, or was issued to another client.',
        );
      }
      // Rotation: the old pair stops working.
      previous.revoked = true;
      this.byRefresh.delete(previous.refreshToken);
      userId = previous.userId;
      scopes = previous.scopes;
    }
    const requested = (params.scope ?? '').trim();
    if (requested) {
      const wanted = requested.split(/\s+/);
      if (wanted.some((s) => !scopes.includes(s)))
        throw oauthError('invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
      scopes = wanted;
    }
    const record = this.issue(userId, client.id, scopes, expiresIn, refreshExpiresIn);
    return {
      status: 201,
      body: {
        access_token: record.accessToken,
        refresh_token: record.refreshToken,
        token_type: 'bearer',
        scope: scopes.join(' '),
        expires_in: expiresIn,
        refresh_token_expires_in: refreshExpiresIn,
      },
      headers: { 'cache-control': 'no-store' },
    };
  }
}

/** Token endpoint bodies: the reference shows JSON, its own Python example sends a form; both are taken. */
export function tokenParams(contentType: string, raw: Buffer): Record<string, string> {
  const text = raw.toString('utf8');
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType)) return Object.fromEntries(new URLSearchParams(text));
  if (/^application\/json\b/i.test(contentType)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw oauthError('invalid_request', 'The request body is not valid JSON');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw oauthError('invalid_request', 'The request body must be a JSON object');
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
  }
  throw oauthError('invalid_request', 'Send the parameters as JSON or as application/x-www-form-urlencoded');
}

export interface AuthOutcome {
  principal: Principal | null;
  /** Credentials were sent but are wrong. */
  failure: ZendeskHttpError | null;
  /**
   * The failure was a password, not an API token. users/me answers those as an anonymous user
   * (200), where a wrong API token gets 401: observed against a live account, and what a probe
   * that only checks for 200 gets wrong.
   */
  wrongPassword: boolean;
}

/**
 * Who is calling. No credentials: principal null (only users/me accepts that). Faults: a
 * `tokenExpired` rule expires the presented OAuth token for good, or fails an API-token request once.
 */
export function authenticate(
  headers: IncomingHttpHeaders,
  apiTokens: Map<string, string>,
  oauth: OAuthStore,
  state: ZendeskState,
  faults: ZendeskFaults,
  method: string,
  path: string,
): AuthOutcome {
  const header = headers.authorization ?? '';
  if (!header) return { principal: null, failure: null, wrongPassword: false };
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) {
    const presented = bearer[1]!;
    if (faults.take('tokenExpired', method, path)) oauth.expire(presented);
    const record = oauth.access(presented);
    const user = record ? state.getUser(record.userId) : undefined;
    if (!record || !user || !user.active) return { principal: null, failure: errors.invalidToken(), wrongPassword: false };
    return { principal: { user, via: 'oauth', scopes: record.scopes }, failure: null, wrongPassword: false };
  }
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const login = colon < 0 ? decoded : decoded.slice(0, colon);
    const secret = colon < 0 ? '' : decoded.slice(colon + 1);
    const email = login.endsWith('/token') ? login.slice(0, -'/token'.length).toLowerCase() : null;
    const expected = email === null ? undefined : apiTokens.get(email);
    if (faults.take('tokenExpired', method, path)) return { principal: null, failure: errors.couldNotAuthenticate(), wrongPassword: false };
    if (email !== null && expected !== undefined && sameSecret(secret, expected)) {
      const user = state.findUserByEmail(email);
      if (user && user.active) return { principal: { user, via: 'api-token', scopes: null }, failure: null, wrongPassword: false };
    }
    // A password (no "/token") is not something the emulator has: always a wrong password.
    return { principal: null, failure: errors.couldNotAuthenticate(), wrongPassword: email === null };
  }
  return { principal: null, failure: errors.couldNotAuthenticate(), wrongPassword: false };
}
