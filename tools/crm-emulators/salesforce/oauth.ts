import { createHmac, randomBytes } from 'node:crypto';
import { redirectBack } from '../common/oauth-redirect';
import { sameSecret, verifierMatches } from '../common/pkce';
import type { Reply } from './http';
import { SalesforceHttpError } from './http';

/**
 * OAuth 2.0 as a Salesforce org's login server does it (Salesforce Help › OAuth 2.0 Web Server
 * Flow for Web App Integration; OAuth 2.0 Refresh Token Flow for Renewed Sessions; Revoke OAuth
 * Tokens; OAuth 2.0 Authorization Errors), served on the same host as the instance:
 *
 *  - GET /services/oauth2/authorize: response_type=code, client_id, redirect_uri (must be the
 *    connected app's callback URL exactly), optional scope, state and code_challenge (the
 *    base64url SHA-256 of the code_verifier; S256 is the only method). The emulated user decides
 *    at once (`approval`) and the browser is redirected with `code` and `state`, or `error`.
 *  - POST /services/oauth2/token (application/x-www-form-urlencoded): authorization_code with
 *    code_verifier, or refresh_token. Answers access_token, refresh_token (only when the granted
 *    scopes include refresh_token or offline_access), signature, scope, instance_url, id,
 *    token_type "Bearer", issued_at. No expires_in: a session ends after `sessionTimeoutSec` of
 *    inactivity (the org's session timeout, default two hours).
 *  - POST (or GET) /services/oauth2/revoke with `token`: a refresh token takes its sessions with it.
 *
 * A refresh answer has no refresh_token unless the connected app rotates refresh tokens
 * (`rotateRefreshTokens`); then the old one stops working.
 */

export interface OAuthClientConfig {
  id: string;
  /** Absent: the connected app does not require a secret, and PKCE is required instead. */
  secret?: string;
  /** Callback URLs, matched exactly. */
  redirectUris: string[];
  /** The connected app's selected OAuth scopes (default `api refresh_token`). */
  scopes?: string[];
  rotateRefreshTokens?: boolean;
}

export interface Session {
  accessToken: string;
  userId: string;
  clientId: string;
  scopes: string[];
  refreshToken: string | null;
  lastUsedAt: number;
  revoked: boolean;
}

interface RefreshRecord {
  token: string;
  userId: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  userId: string;
  challenge: string | null;
  expiresAt: number;
}

export interface OAuthApproval {
  decision: 'approve' | 'deny';
  /** The signed-in user's Id. */
  userId: string;
}

/** "The authorization code … expires after 15 minutes" (Web Server Flow, step 3). */
const CODE_TTL_MS = 15 * 60_000;
const DEFAULT_SCOPES = ['api', 'refresh_token'];

function oauthError(error: string, description: string, status = 400): SalesforceHttpError {
  return new SalesforceHttpError(status, { error, error_description: description }, { 'cache-control': 'no-store' });
}

export class OAuthStore {
  readonly clients = new Map<string, OAuthClientConfig & { signingKey: string }>();
  private readonly codes = new Map<string, AuthCode>();
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  approval: OAuthApproval;
  /** Inactivity after which a session is invalid (the org's session timeout). */
  sessionTimeoutSec: number;

  constructor(
    private readonly now: () => number,
    clients: OAuthClientConfig[],
    private readonly orgId: string,
    defaultUserId: string,
    sessionTimeoutSec: number,
    /** The instance URL, known once the listener has a port. */
    private readonly instanceUrl: () => string,
  ) {
    for (const client of clients) this.clients.set(client.id, { ...client, signingKey: client.secret ?? randomBytes(16).toString('hex') });
    this.approval = { decision: 'approve', userId: defaultUserId };
    this.sessionTimeoutSec = sessionTimeoutSec;
  }

  identityUrl(userId: string): string {
    return `${this.instanceUrl()}/id/${this.orgId}/${userId}`;
  }

  /** A new session, as a completed sign-in would give: with a new refresh token, none, or an existing one's. */
  issue(userId: string, clientId: string, scopes: string[], refreshToken: 'new' | 'none' | { reuse: string }): Session {
    let refresh: string | null = null;
    if (refreshToken === 'new') {
      refresh = randomBytes(32).toString('base64url');
      this.refreshTokens.set(refresh, { token: refresh, userId, clientId, scopes, revoked: false });
    } else if (refreshToken !== 'none') refresh = refreshToken.reuse;
    const session: Session = {
      accessToken: `${this.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`,
      userId,
      clientId,
      scopes,
      refreshToken: refresh,
      lastUsedAt: this.now(),
      revoked: false,
    };
    this.sessions.set(session.accessToken, session);
    return session;
  }

  /** The live session for a bearer token (and marks it used), or null. */
  access(accessToken: string): Session | null {
    const session = this.sessions.get(accessToken);
    if (!session || session.revoked) return null;
    if (this.now() - session.lastUsedAt > this.sessionTimeoutSec * 1000) return null;
    session.lastUsedAt = this.now();
    return session;
  }

  /** Ends a session now, as a timeout or an admin would (fault `sessionExpired`). */
  expire(accessToken: string): void {
    const session = this.sessions.get(accessToken);
    if (session) session.revoked = true;
  }

  /** Revokes every session and refresh token (a password reset or an admin's "Revoke"). */
  revokeAll(): void {
    for (const s of this.sessions.values()) s.revoked = true;
    for (const r of this.refreshTokens.values()) r.revoked = true;
  }

  // GET /services/oauth2/authorize ----------------------------------------------------------

  authorize(params: URLSearchParams): Reply {
    const client = this.clients.get(params.get('client_id') ?? '');
    const redirectUri = params.get('redirect_uri') ?? '';
    // These two are shown on a Salesforce error page, never sent to an unverified redirect URI.
    if (!client) return { status: 400, body: 'error=invalid_client_id&error_description=client identifier invalid' };
    if (!client.redirectUris.includes(redirectUri)) {
      return { status: 400, body: 'error=redirect_uri_mismatch&error_description=redirect_uri must match configuration' };
    }
    const back = (query: Record<string, string>): Reply => redirectBack(redirectUri, params.get('state'), query);
    if (params.get('response_type') !== 'code') {
      return back({ error: 'unsupported_response_type', error_description: 'response type not supported' });
    }
    const allowed = client.scopes ?? DEFAULT_SCOPES;
    const requested = (params.get('scope') ?? '').trim();
    const scopes = requested ? requested.split(/\s+/) : allowed;
    if (scopes.some((s) => !allowed.includes(s)))
      return back({ error: 'invalid_scope', error_description: 'the requested scope is not allowed' });
    const challenge = params.get('code_challenge');
    const method = params.get('code_challenge_method');
    if (method !== null && method !== 'S256') return back({ error: 'invalid_request', error_description: 'invalid code_challenge_method' });
    if (challenge !== null && !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      return back({ error: 'invalid_request', error_description: 'invalid code_challenge' });
    }
    if (challenge === null && client.secret === undefined) {
      return back({ error: 'invalid_request', error_description: 'missing required code challenge' });
    }
    if (this.approval.decision === 'deny') return back({ error: 'access_denied', error_description: 'end-user denied authorization' });
    const code = `aPrx${randomBytes(24).toString('base64url')}`;
    this.codes.set(code, {
      clientId: client.id,
      redirectUri,
      scopes,
      userId: this.approval.userId,
      challenge,
      expiresAt: this.now() + CODE_TTL_MS,
    });
    return back({ code });
  }

  // POST /services/oauth2/token ------------------------------------------------------------

  private client(params: Record<string, string>): OAuthClientConfig & { signingKey: string } {
    const client = this.clients.get(params.client_id ?? '');
    if (!client) throw oauthError('invalid_client_id', 'client identifier invalid');
    const secret = params.client_secret;
    if (client.secret !== undefined && (secret === undefined || !sameSecret(secret, client.secret))) {
      throw oauthError('invalid_client', 'invalid client credentials');
    }
    if (client.secret === undefined && secret !== undefined) throw oauthError('invalid_client', 'invalid client credentials');
    return client;
  }

  exchange(contentType: string, raw: Buffer): Reply {
    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
      throw oauthError('invalid_request', 'send the parameters as application/x-www-form-urlencoded');
    }
    const params = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    const grant = params.grant_type;
    if (grant !== 'authorization_code' && grant !== 'refresh_token') throw oauthError('unsupported_grant_type', 'grant type not supported');
    const client = this.client(params);
    let session: Session;
    let returnRefresh: string | null;
    if (grant === 'authorization_code') {
      const code = this.codes.get(params.code ?? '');
      // Single use: the first exchange attempt spends the code, right or wrong.
      if (code) this.codes.delete(params.code!);
      if (!code || code.clientId !== client.id) throw oauthError('invalid_grant', 'invalid authorization code');
      if (code.expiresAt <= this.now()) throw oauthError('invalid_grant', 'expired authorization code');
      if (params.redirect_uri !== code.redirectUri) throw oauthError('invalid_grant', 'redirect_uri must match configuration');
      if (code.challenge !== null) {
        const verifier = params.code_verifier;
        if (verifier === undefined) throw oauthError('invalid_grant', 'invalid code verifier');
        if (!verifierMatches(verifier, code.challenge)) {
          throw oauthError('invalid_request', 'invalid code verifier');
        }
      } else if (params.code_verifier !== undefined) {
        throw oauthError('invalid_request', 'code verifier without a code challenge');
      }
      const offline = code.scopes.includes('refresh_token') || code.scopes.includes('offline_access');
      session = this.issue(code.userId, client.id, code.scopes, offline ? 'new' : 'none');
      returnRefresh = session.refreshToken;
    } else {
      const record = this.refreshTokens.get(params.refresh_token ?? '');
      if (!record || record.revoked || record.clientId !== client.id) throw oauthError('invalid_grant', 'expired access/refresh token');
      if (client.rotateRefreshTokens) {
        record.revoked = true;
        session = this.issue(record.userId, client.id, record.scopes, 'new');
        returnRefresh = session.refreshToken;
      } else {
        session = this.issue(record.userId, client.id, record.scopes, { reuse: record.token });
        returnRefresh = null;
      }
    }
    const issuedAt = String(this.now());
    const id = this.identityUrl(session.userId);
    return {
      status: 200,
      body: {
        access_token: session.accessToken,
        ...(returnRefresh ? { refresh_token: returnRefresh } : {}),
        signature: createHmac('sha256', client.signingKey)
          .update(id + issuedAt)
          .digest('base64'),
        scope: session.scopes.join(' '),
        instance_url: this.instanceUrl(),
        id,
        token_type: 'Bearer',
        issued_at: issuedAt,
      },
      headers: { 'cache-control': 'no-store' },
    };
  }

  // POST|GET /services/oauth2/revoke -------------------------------------------------------

  revoke(token: string): Reply {
    const refresh = this.refreshTokens.get(token);
    const session = this.sessions.get(token);
    if (refresh && !refresh.revoked) {
      refresh.revoked = true;
      for (const s of this.sessions.values()) if (s.refreshToken === token) s.revoked = true;
      return { status: 200, body: '' };
    }
    if (session && !session.revoked) {
      session.revoked = true;
      return { status: 200, body: '' };
    }
    throw oauthError('unsupported_token_type', 'this token type is not supported');
  }
}

/** `Authorization: Bearer {token}` (or the older `OAuth {token}`); null when absent or another scheme. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header ?? '');
  return m ? m[1]! : null;
}
