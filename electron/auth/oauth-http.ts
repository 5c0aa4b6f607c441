import type { CustomFetch, CustomFetchOptions } from 'openid-client';
import type ssoText from '../../shared/text/en/sso';
import { userText, type UserText } from '../../shared/text/user-text';
import type { HttpTransport } from '../sync/http-client';
import { oauthErrors, type ProviderLabel } from './oauth-error';

/**
 * Where an OAuth provider's endpoints may be, and the fetch openid-client uses to reach them.
 *
 * Real providers are https only. The one exception is a provider whose every endpoint is plain
 * http on this computer (127.0.0.1, localhost, [::1]): the CRM emulators the tests run. Only
 * such a provider's Configuration gets openid-client's `allowInsecureRequests`, and the fetch
 * below refuses, request by request, any URL outside its provider's kind, so the relaxation
 * cannot reach another host even through discovered metadata.
 */
export type EndpointKind = 'https' | 'loopback-http';

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
}

/** The kind of one endpoint URL, or the sentence saying why it cannot be used. */
/** A provider's endpoint, as a problem with it names it. */
export type EndpointName = keyof typeof ssoText.endpoint;

export function endpointKind(value: string, what: EndpointName): { kind: EndpointKind } | { problem: UserText } {
  const endpoint = userText(`sso.endpoint.${what}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: userText('sso.oauthSetup.notUrl', { endpoint }) };
  }
  if (url.username !== '' || url.password !== '') return { problem: userText('sso.oauthSetup.credentials', { endpoint }) };
  if (url.hash !== '') return { problem: userText('sso.oauthSetup.fragment', { endpoint }) };
  if (url.protocol === 'https:') return { kind: 'https' };
  if (isLoopbackHttp(url)) return { kind: 'loopback-http' };
  if (url.protocol === 'http:') return { problem: userText('sso.oauthSetup.plainHttp', { endpoint }) };
  return { problem: userText('sso.oauthSetup.notHttps', { endpoint }) };
}

/**
 * The one kind all of a provider's endpoints share. Mixing is refused: a real provider with one
 * endpoint on this computer is a mistake (or worse), and would switch the https check off.
 */
export function providerEndpointKind(endpoints: readonly { url: string; what: EndpointName }[], provider: ProviderLabel): EndpointKind {
  let kind: EndpointKind | null = null;
  for (const endpoint of endpoints) {
    const result = endpointKind(endpoint.url, endpoint.what);
    if ('problem' in result) throw oauthErrors.configuration(provider, result.problem);
    if (kind !== null && kind !== result.kind) {
      throw oauthErrors.configuration(provider, userText('sso.oauthSetup.mixedEndpoints'));
    }
    kind = result.kind;
  }
  if (kind === null) throw oauthErrors.configuration(provider, userText('sso.oauthSetup.endpointsMissing'));
  return kind;
}

export interface OAuthHttpOptions {
  /**
   * The app's HTTP client (electron/sync/http-client.ts), built with the trust store's CAs
   * (electron/security/trust-store.ts) so a provider behind a corporate CA is trusted like sync's
   * server is. Without it, Node's fetch with Node's own CAs.
   */
  transport?: HttpTransport;
  /** Ends every request of this Configuration (a sign-in the app stops). */
  signal?: AbortSignal;
}

/** An OAuth endpoint's answer is a small JSON document. */
const MAX_RESPONSE_BYTES = 1024 * 1024;
/** openid-client's own per-request time; also the transport's deadline. */
export const OAUTH_HTTP_TIMEOUT_S = 30;

/** Statuses a Response may not carry a body with. */
const NULL_BODY_STATUS: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

function bodyText(body: CustomFetchOptions['body']): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return Buffer.from(body as Uint8Array).toString('utf8');
  throw new TypeError('a streamed request body is not supported');
}

/** The fetch openid-client is given: confined to `kind`, through the app's transport when there is one. */
export function guardedFetch(kind: EndpointKind, provider: ProviderLabel, options: OAuthHttpOptions = {}): CustomFetch {
  return async (url, init) => {
    const target = new URL(url);
    const allowed = kind === 'https' ? target.protocol === 'https:' : isLoopbackHttp(target);
    if (!allowed) {
      throw oauthErrors.configuration(
        provider,
        userText(kind === 'https' ? 'sso.oauthSetup.sentToNotHttps' : 'sso.oauthSetup.sentOffComputer'),
      );
    }
    const signals = [init.signal, options.signal].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    if (!options.transport) {
      const response = await fetch(url, {
        method: init.method,
        headers: init.headers,
        body: bodyText(init.body),
        redirect: 'manual',
        signal,
      });
      return asTokenAnswer(init.method, response);
    }
    const method = init.method === 'GET' || init.method === 'POST' || init.method === 'PUT' ? init.method : null;
    if (method === null) throw new TypeError(`HTTP method ${init.method} is not supported`);
    const response = await options.transport.send(target, {
      method,
      headers: init.headers,
      body: bodyText(init.body),
      timeoutMs: OAUTH_HTTP_TIMEOUT_S * 1000,
      maxBytes: MAX_RESPONSE_BYTES,
      signal,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    const status = response.status >= 200 && response.status <= 599 ? response.status : 502;
    return asTokenAnswer(method, new Response(NULL_BODY_STATUS.has(status) ? null : new Uint8Array(response.body), { status, headers }));
  };
}

/**
 * Two ways Zendesk's token endpoint departs from RFC 6749 §5.1, read as what they mean, since
 * openid-client holds to the letter (panva/openid-client#666):
 *  - its API reference ("Create Token for Grant Type") documents `201 Created` where the RFC says
 *    200: the POSTs openid-client makes here (token, revocation) all expect 200;
 *  - `expires_in` "defaults to null", and a null member is sent as `null` where the RFC would
 *    leave it out: openid-client refuses a non-numeric `expires_in`. Null members are dropped.
 * Nothing else about an answer changes; errors (4xx, 5xx) pass through untouched.
 */
async function asTokenAnswer(method: string, response: Response): Promise<Response> {
  if (method !== 'POST' || (response.status !== 200 && response.status !== 201)) return response;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  if (!/^application\/json\b/i.test(headers.get('content-type') ?? '')) {
    return response.status === 200 ? response : new Response(response.body, { status: 200, statusText: 'OK', headers });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // openid-client says what is wrong with it.
    return new Response(text, { status: 200, statusText: 'OK', headers });
  }
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    body = Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([, value]) => value !== null));
  }
  return new Response(JSON.stringify(body), { status: 200, statusText: 'OK', headers });
}
