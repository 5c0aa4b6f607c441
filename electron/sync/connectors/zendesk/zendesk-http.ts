import type { z } from 'zod';
import { isLoopbackHost } from '../../../../shared/policy/encryption';
import { userText } from '../../../../shared/text/user-text';
import { SourceError } from '../../case-source';
import { parseAnswer, retryAfterMs } from '../../http-answers';
import { SyncTextError, subject, type Subject } from '../../sync-text-error';
import { createHttpTransport, type HttpResponse, type HttpTransport } from '../../http-client';
import { zdError, type ZdError } from './zendesk-api';

/**
 * Requests to one Zendesk account: its address, its credentials, and what each failure means.
 * Every answer that is about the account rather than one record (401, 429, 5xx, timeouts) is
 * thrown as the SourceError that tells the sync engine what to do; the callers decide about the
 * rest (404, 409, 422 on a push are outcomes of that item).
 *
 * Credentials (Zendesk Support API › Introduction › Security and authentication):
 * - API token: Basic auth with `{email}/token:{api_token}`;
 * - OAuth: `Authorization: Bearer {access_token}`. A 401 means the access token expired or was
 *   revoked: it is renewed once (`refresh`, told the token that was refused, so a renewal another
 *   request already made is not made again) and the request sent once more; a second 401, or a
 *   renewal that fails, stops sync with a sentence saying what IT or the agent must do.
 */

export type ZendeskAuth =
  | { kind: 'api-token'; email: string; token: () => Promise<string | null> }
  | {
      kind: 'oauth';
      accessToken: () => Promise<string | null>;
      /** Renews the access token refused with a 401; false when it cannot (the refresh token was refused too). */
      refresh?: (rejectedAccessToken: string) => Promise<boolean>;
    };

export interface ZendeskHttpOptions {
  baseUrl: string;
  auth: ZendeskAuth;
  timeoutMs?: number;
  userAgent?: string;
  transport?: HttpTransport;
  ca?: readonly string[];
  /**
   * Requests a minute sent to each incremental export. Zendesk Support API › Incremental Exports ›
   * Rate limits: "You can make up to 10 requests per minute to these endpoints"; spacing them here
   * keeps a long first load from being cut short by 429s. 0 turns the spacing off (tests).
   */
  exportRequestsPerMinute?: number;
  now?: () => number;
}

export interface ZdRequest {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  maxBytes?: number;
  signal?: AbortSignal;
  /** Spaced per the export rate limit (the path is the key). */
  paced?: boolean;
}

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

/** https://{subdomain}.zendesk.com (or a host-mapped name); http:// only to this machine (tests, the emulator). */
export function parseZendeskBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new SyncTextError(userText('sync.address.zendeskNotUrl', { value: value.slice(0, 200) }));
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new SyncTextError(userText('sync.address.zendeskScheme', { scheme: url.protocol, host: url.host }));
  }
  if (url.username || url.password) throw new SyncTextError(userText('sync.address.zendeskCredentials'));
  if (url.search || url.hash) throw new SyncTextError(userText('sync.address.zendeskQuery'));
  if (url.pathname !== '/' && url.pathname !== '') throw new SyncTextError(userText('sync.address.zendeskPath'));
  return new URL(url.origin + '/');
}

/** Zendesk's error body in one readable sentence: "Record validation errors: Status: closed prevents ticket update". */
export function describeZendeskError(body: Buffer | string): string | null {
  let parsed: ZdError;
  try {
    const result = zdError.safeParse(JSON.parse(typeof body === 'string' ? body : body.toString('utf8')));
    if (!result.success) return null;
    parsed = result.data;
  } catch {
    return null;
  }
  const parts: string[] = [];
  if (typeof parsed.error === 'object') {
    if (parsed.error.title) parts.push(parsed.error.title);
    if (parsed.error.message) parts.push(parsed.error.message);
  }
  if (parsed.description) parts.push(parsed.description);
  if (parts.length === 0 && typeof parsed.error === 'string') parts.push(parsed.error);
  const details: string[] = [];
  for (const [field, list] of Object.entries(parsed.details ?? {})) {
    if (!Array.isArray(list)) continue;
    for (const item of list as { description?: unknown }[]) {
      if (typeof item?.description === 'string')
        details.push(item.description.toLowerCase().startsWith(field.toLowerCase()) ? item.description : `${field}: ${item.description}`);
    }
  }
  const text = [parts.join(': '), details.join('; ')].filter((s) => s !== '').join(': ');
  return text === '' ? null : text.slice(0, 400);
}

/** Keeps at most `perMinute` requests a minute for each key, waiting (abortably) for a free place. */
class Pacer {
  private readonly sent = new Map<string, number[]>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  async acquire(key: string, signal?: AbortSignal): Promise<void> {
    if (this.perMinute <= 0) return;
    for (;;) {
      const now = this.now();
      const recent = (this.sent.get(key) ?? []).filter((t) => now - t < 60_000);
      if (recent.length < this.perMinute) {
        recent.push(now);
        this.sent.set(key, recent);
        return;
      }
      await sleep(recent[0]! + 60_000 - now, signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new SourceError('aborted', 'aborted', userText('sync.error.stopped')));
      return;
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(1, ms),
    );
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new SourceError('aborted', 'aborted', userText('sync.error.stopped')));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class ZendeskHttp {
  readonly base: URL;
  private readonly transport: HttpTransport;
  private readonly timeoutMs: number;
  private readonly pacer: Pacer;
  private readonly now: () => number;
  private refreshing: Promise<boolean> | null = null;

  constructor(private readonly options: ZendeskHttpOptions) {
    this.base = parseZendeskBaseUrl(options.baseUrl);
    this.transport = options.transport ?? createHttpTransport({ ca: options.ca });
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.now = options.now ?? Date.now;
    // The spacing sleeps in real time, so it reads the real clock (not a test's).
    this.pacer = new Pacer(options.exportRequestsPerMinute ?? 10, Date.now);
  }

  get host(): string {
    return this.base.host;
  }

  close(): void {
    this.transport.close();
  }

  /**
   * One request, with credentials. Answers every status except 401 (and the ones `failUnlessOk`
   * turns into errors later); a 401 is renewed-and-retried once for OAuth, then thrown.
   */
  async send(method: 'GET' | 'POST' | 'PUT', path: string, request: ZdRequest = {}): Promise<HttpResponse> {
    const url = new URL(path.replace(/^\//, ''), this.base);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    if (request.paced) await this.pacer.acquire(url.pathname, request.signal);
    const sent = await this.credentials();
    const first = await this.exchange(method, url, request, sent.authorization);
    if (first.status !== 401) return first;
    const auth = this.options.auth;
    if (auth.kind === 'oauth' && auth.refresh) {
      if (!(await this.renew(auth.refresh, sent.token))) {
        throw new SourceError('unauthorized', 'oauth-refresh-failed', userText('sync.zendesk.signInNotRenewed', { host: this.host }), {
          status: 401,
        });
      }
      const second = await this.exchange(method, url, request, (await this.credentials()).authorization);
      if (second.status !== 401) return second;
    }
    throw this.unauthorized();
  }

  /** Throws the SourceError for answers about the account or the server: 401, 403, 408, 429, 5xx. */
  failUnlessUsable(res: HttpResponse, what: Subject): void {
    const host = this.host;
    if (res.status === 401) throw this.unauthorized();
    if (res.status === 429) {
      const after = retryAfterMs(res.headers['retry-after'], this.now());
      throw new SourceError('rate-limited', 'http-429', userText('sync.error.slowDownSwitchboard', { host }), {
        status: 429,
        retryAfterMs: after,
      });
    }
    if (res.status === 408 || res.status >= 500) {
      throw new SourceError(
        'server',
        `http-${res.status}`,
        userText('sync.error.readFailed', { host, what: subject(what), status: res.status }),
        {
          status: res.status,
          retryAfterMs: retryAfterMs(res.headers['retry-after'], this.now()),
        },
      );
    }
  }

  /** A pull's answer must be 200; 403 means the account lacks the role for it, anything else is not what the API promises. */
  failUnlessOk(res: HttpResponse, what: Subject): void {
    if (res.status === 200) return;
    this.failUnlessUsable(res, what);
    const detail = describeZendeskError(res.body);
    if (res.status === 403) {
      throw new SourceError(
        'unauthorized',
        'http-403',
        detail
          ? userText('sync.zendesk.accessRefusedDetail', { host: this.host, what: subject(what), detail })
          : userText('sync.zendesk.accessRefused', { host: this.host, what: subject(what) }),
        { status: 403 },
      );
    }
    throw new SourceError(
      'protocol',
      `http-${res.status}`,
      detail
        ? userText('sync.error.sendRefusedDetail', { host: this.host, what: subject(what), status: res.status, detail })
        : userText('sync.error.sendRefused', { host: this.host, what: subject(what), status: res.status }),
      {
        status: res.status,
      },
    );
  }

  parse<S extends z.ZodType>(res: HttpResponse, schema: S, what: Subject): z.output<S> {
    return parseAnswer(res, schema, what, this.host);
  }

  private unauthorized(): SourceError {
    const auth = this.options.auth;
    const text =
      auth.kind === 'api-token'
        ? userText('sync.zendesk.apiTokenRefused', { host: this.host, email: auth.email })
        : userText('sync.zendesk.signInRefused', { host: this.host });
    return new SourceError('unauthorized', 'http-401', text, { status: 401 });
  }

  /** One renewal at a time: requests that failed together wait for the same one. */
  private renew(refresh: (rejectedAccessToken: string) => Promise<boolean>, rejectedAccessToken: string): Promise<boolean> {
    this.refreshing ??= refresh(rejectedAccessToken)
      .catch(() => false)
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** The Authorization header to send, and the token in it (what a 401 refused). */
  private async credentials(): Promise<{ authorization: string; token: string }> {
    const auth = this.options.auth;
    if (auth.kind === 'api-token') {
      const token = await auth.token();
      if (!token) throw new SourceError('unauthorized', 'no-token', userText('sync.zendesk.noApiToken'));
      return { authorization: `Basic ${Buffer.from(`${auth.email}/token:${token}`, 'utf8').toString('base64')}`, token };
    }
    const token = await auth.accessToken();
    if (!token) throw new SourceError('unauthorized', 'no-token', userText('sync.zendesk.notSignedIn'));
    return { authorization: `Bearer ${token}`, token };
  }

  private async exchange(method: 'GET' | 'POST' | 'PUT', url: URL, request: ZdRequest, authorization: string): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'Switchboard',
      authorization,
      ...request.headers,
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    return this.transport.send(url, {
      method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      timeoutMs: this.timeoutMs,
      maxBytes: request.maxBytes ?? DEFAULT_MAX_BYTES,
      signal: request.signal,
    });
  }
}
