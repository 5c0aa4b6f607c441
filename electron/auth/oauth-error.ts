import { AuthorizationResponseError, ClientError, ResponseBodyError } from 'openid-client';
import { englishOf, userText, type UserText } from '../../shared/text/user-text';
import { isSourceError } from '../sync/case-source';

/**
 * What can go wrong in an OAuth sign-in or token refresh, each with the one sentence the agent
 * reads (design rule 6). Messages name the provider ("Zendesk"), never a token, a code or a state.
 */
export type OAuthErrorCode =
  /** The agent said no (or closed the consent page): `error=access_denied`. */
  | 'cancelled'
  /** The provider answered with an OAuth error (invalid_scope, invalid_grant at the exchange, ...). */
  | 'refused'
  /** No redirect came back within the sign-in's time. */
  | 'timeout'
  /** The app stopped the sign-in (AbortSignal). */
  | 'aborted'
  /** The provider could not be reached (network, DNS, certificate, no answer in time). */
  | 'unreachable'
  /** The provider description cannot be used (an http endpoint off this computer, a port in use, ...). */
  | 'configuration'
  /** The injected openBrowser failed. */
  | 'browser'
  /** The stored sign-in can no longer be renewed (refresh refused with invalid_grant). */
  | 'expired'
  /** The provider answered something that is not OAuth. */
  | 'failed';

export interface ProviderLabel {
  /** The provider's id, e.g. `zendesk`. */
  readonly id: string;
  /** How the agent knows it, e.g. `Zendesk`. */
  readonly name: string;
}

export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  /** What the agent reads, without its full stop: a sentence of sync's status can hold it. */
  readonly clause: UserText;
  /** What the agent reads, as a sentence; `message` is its English, for the browser's page and tests. */
  readonly text: UserText;
  readonly providerId: string;
  /** The provider's own error code (`access_denied`, `invalid_grant`), when it sent one. Safe to log. */
  readonly oauthError: string | null;

  constructor(
    code: OAuthErrorCode,
    provider: ProviderLabel,
    clause: UserText,
    options: { oauthError?: string | null; cause?: unknown } = {},
  ) {
    const text = userText('sso.oauth.sentence', { clause });
    super(englishOf(text), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OAuthError';
    this.clause = clause;
    this.text = text;
    this.code = code;
    this.providerId = provider.id;
    this.oauthError = options.oauthError ?? null;
  }
}

export function isOAuthError(error: unknown): error is OAuthError {
  return error instanceof OAuthError;
}

/** Plain words for the OAuth error codes an agent can meet (RFC 6749 §4.1.2.1 and §5.2). */
const PLAIN_WORDS: Readonly<Record<string, UserText>> = {
  invalid_scope: userText('sso.oauthReason.invalidScope'),
  unauthorized_client: userText('sso.oauthReason.unauthorizedClient'),
  invalid_client: userText('sso.oauthReason.invalidClient'),
  invalid_grant: userText('sso.oauthReason.invalidGrant'),
  unsupported_response_type: userText('sso.oauthReason.unsupported'),
  unsupported_grant_type: userText('sso.oauthReason.unsupported'),
  invalid_request: userText('sso.oauthReason.invalidRequest'),
  server_error: userText('sso.oauthReason.serverError'),
  temporarily_unavailable: userText('sso.oauthReason.temporarilyUnavailable'),
};

/** Provider text is shown to the agent: one line, printable, bounded. */
function cleanProviderText(text: string): string {
  const oneLine = text
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const bounded = oneLine.length > 200 ? `${oneLine.slice(0, 199)}…` : oneLine;
  return bounded.replace(/[.\s]+$/, '');
}

/** Our plain words for a code we know; else the provider's own words, shown as it sent them. */
function reason(code: string | undefined, description: string | undefined): string | UserText {
  const plain = code !== undefined && Object.prototype.hasOwnProperty.call(PLAIN_WORDS, code) ? PLAIN_WORDS[code] : undefined;
  if (plain) return plain;
  if (description && cleanProviderText(description)) return cleanProviderText(description);
  if (code && cleanProviderText(code)) return cleanProviderText(code);
  return userText('sso.oauthReason.none');
}

export const oauthErrors = {
  cancelled: (p: ProviderLabel) =>
    new OAuthError('cancelled', p, userText('sso.oauth.cancelled', { provider: p.name }), { oauthError: 'access_denied' }),
  refused: (p: ProviderLabel, code: string | undefined, description: string | undefined, cause?: unknown) =>
    new OAuthError('refused', p, userText('sso.oauth.refused', { provider: p.name, reason: reason(code, description) }), {
      oauthError: code ?? null,
      cause,
    }),
  timeout: (p: ProviderLabel, ms: number) =>
    new OAuthError('timeout', p, userText('sso.oauth.timeout', { provider: p.name, duration: duration(ms) })),
  aborted: (p: ProviderLabel) => new OAuthError('aborted', p, userText('sso.oauth.aborted', { provider: p.name })),
  unreachable: (p: ProviderLabel, cause?: unknown) =>
    new OAuthError('unreachable', p, userText('sso.oauth.unreachable', { provider: p.name }), { cause }),
  /** `what`: why the description cannot be used, one of `sso.oauthSetup`. */
  configuration: (p: ProviderLabel, what: UserText) =>
    new OAuthError('configuration', p, userText('sso.oauth.configuration', { provider: p.name, what })),
  browser: (p: ProviderLabel, cause?: unknown) =>
    new OAuthError('browser', p, userText('sso.oauth.browser', { provider: p.name }), { cause }),
  expired: (p: ProviderLabel, oauthError: string | null) =>
    new OAuthError('expired', p, userText('sso.oauth.expired', { provider: p.name }), { oauthError }),
  failed: (p: ProviderLabel, cause?: unknown) => new OAuthError('failed', p, userText('sso.oauth.failed', { provider: p.name }), { cause }),
};

/** "5 minutes", "1 second": whole minutes when it is whole minutes. */
function duration(ms: number): UserText {
  if (ms >= 60_000 && ms % 60_000 === 0) return userText('sso.oauth.minutes', { count: ms / 60_000 });
  return userText('sso.oauth.seconds', { count: Math.max(1, Math.round(ms / 1000)) });
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  while (current !== undefined && current !== null && chain.length < 8) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

/**
 * Turns whatever openid-client, fetch or the app's HTTP transport threw into an OAuthError.
 * openid-client wraps unknown errors in ClientError('something went wrong', { cause }), so the
 * cause chain is searched: an OAuthError raised by our own fetch guard keeps its sentence.
 */
export function toOAuthError(error: unknown, provider: ProviderLabel): OAuthError {
  const chain = causes(error);
  for (const link of chain) {
    if (link instanceof OAuthError) return link;
    if (link instanceof AuthorizationResponseError) {
      return link.error === 'access_denied'
        ? oauthErrors.cancelled(provider)
        : oauthErrors.refused(provider, link.error, link.error_description, link);
    }
    if (link instanceof ResponseBodyError) return oauthErrors.refused(provider, link.error, link.error_description, link);
    if (isSourceError(link)) {
      if (link.kind === 'aborted') return oauthErrors.aborted(provider);
      if (link.isConnectivity) return oauthErrors.unreachable(provider, link);
    }
    if (link instanceof DOMException && (link.name === 'AbortError' || link.name === 'TimeoutError')) {
      return link.name === 'AbortError' ? oauthErrors.aborted(provider) : oauthErrors.unreachable(provider, link);
    }
  }
  const first = chain[0];
  if (first instanceof ClientError && (first.code === 'OAUTH_TIMEOUT' || first.code === 'OAUTH_ABORT')) {
    return first.code === 'OAUTH_ABORT' ? oauthErrors.aborted(provider) : oauthErrors.unreachable(provider, first);
  }
  // fetch() rejects with TypeError('fetch failed', { cause: <errno error> }) when the server is not there.
  if (chain.some((link) => link instanceof TypeError && link.message === 'fetch failed')) return oauthErrors.unreachable(provider, first);
  return oauthErrors.failed(provider, first);
}

/** What may be logged about an error: its class and codes, never its message (which can quote a response). */
export function errorFields(error: unknown): Record<string, string | number | null> {
  const chain = causes(error);
  const first = chain[0];
  const fields: Record<string, string | number | null> = { errorName: first instanceof Error ? first.name : typeof first };
  for (const link of chain) {
    if (link instanceof OAuthError) fields.errorCode ??= link.code;
    if (link instanceof ResponseBodyError) {
      fields.oauthError ??= typeof link.error === 'string' ? link.error.slice(0, 64) : null;
      fields.status ??= link.status;
    }
    if (link instanceof AuthorizationResponseError) fields.oauthError ??= link.error.slice(0, 64);
    if (isSourceError(link)) fields.errorCode ??= link.code;
    const errno = (link as NodeJS.ErrnoException | null)?.code;
    if (typeof errno === 'string' && !(link instanceof OAuthError)) fields.errno ??= errno.slice(0, 64);
  }
  return fields;
}
