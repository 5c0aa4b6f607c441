import { AuthorizationResponseError, ClientError, ResponseBodyError } from 'openid-client';
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
  readonly providerId: string;
  /** The provider's own error code (`access_denied`, `invalid_grant`), when it sent one. Safe to log. */
  readonly oauthError: string | null;

  constructor(
    code: OAuthErrorCode,
    provider: ProviderLabel,
    message: string,
    options: { oauthError?: string | null; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OAuthError';
    this.code = code;
    this.providerId = provider.id;
    this.oauthError = options.oauthError ?? null;
  }
}

export function isOAuthError(error: unknown): error is OAuthError {
  return error instanceof OAuthError;
}

/** Plain words for the OAuth error codes an agent can meet (RFC 6749 §4.1.2.1 and §5.2). */
const PLAIN_WORDS: Readonly<Record<string, string>> = {
  invalid_scope: 'the permissions Switchboard asks for are not allowed for this app',
  unauthorized_client: 'this app is not allowed to sign in this way',
  invalid_client: "the app's client ID or secret is not accepted",
  invalid_grant: 'the sign-in code was not accepted (it may have expired or been used already)',
  unsupported_response_type: 'it does not support this kind of sign-in',
  unsupported_grant_type: 'it does not support this kind of sign-in',
  invalid_request: 'it did not accept the sign-in request',
  server_error: 'it had an internal problem; try again later',
  temporarily_unavailable: 'it is busy or down for maintenance; try again later',
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

function reason(code: string | undefined, description: string | undefined): string {
  if (code && PLAIN_WORDS[code]) return PLAIN_WORDS[code];
  if (description && cleanProviderText(description)) return cleanProviderText(description);
  if (code && cleanProviderText(code)) return cleanProviderText(code);
  return 'it gave no reason';
}

export const oauthErrors = {
  cancelled: (p: ProviderLabel) =>
    new OAuthError('cancelled', p, `Sign-in to ${p.name} was cancelled in the browser.`, { oauthError: 'access_denied' }),
  refused: (p: ProviderLabel, code: string | undefined, description: string | undefined, cause?: unknown) =>
    new OAuthError('refused', p, `${p.name} refused the sign-in: ${reason(code, description)}.`, { oauthError: code ?? null, cause }),
  timeout: (p: ProviderLabel, ms: number) =>
    new OAuthError('timeout', p, `Sign-in to ${p.name} was not finished within ${formatDuration(ms)}; start it again.`),
  aborted: (p: ProviderLabel) => new OAuthError('aborted', p, `Sign-in to ${p.name} was stopped.`),
  unreachable: (p: ProviderLabel, cause?: unknown) =>
    new OAuthError('unreachable', p, `Switchboard could not reach ${p.name} for the sign-in; check the network and try again.`, { cause }),
  configuration: (p: ProviderLabel, what: string) =>
    new OAuthError('configuration', p, `The ${p.name} sign-in is not set up correctly: ${what}.`),
  browser: (p: ProviderLabel, cause?: unknown) =>
    new OAuthError('browser', p, `Switchboard could not open the browser for the sign-in to ${p.name}.`, { cause }),
  expired: (p: ProviderLabel, oauthError: string | null) =>
    new OAuthError('expired', p, `Your ${p.name} sign-in expired; sign in again. Your work is kept and will be sent after you sign in.`, {
      oauthError,
    }),
  failed: (p: ProviderLabel, cause?: unknown) =>
    new OAuthError(
      'failed',
      p,
      `${p.name} answered the sign-in with something Switchboard cannot use; try again, and tell IT if it keeps happening.`,
      {
        cause,
      },
    ),
};

function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return ms === 60_000 ? '1 minute' : `${ms / 60_000} minutes`;
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
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
