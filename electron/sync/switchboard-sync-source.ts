import {
  IDEMPOTENCY_HEADER,
  REPLAYED_HEADER,
  changePageEnvelope,
  changeResult,
  conflictProblem,
  healthResponse,
  problem,
  type ChangeRequest,
} from '../../shared/sync/api';
import type { PulledCase, PulledCustomer } from '../../shared/store/types';
import { MAX_PAGE_BYTES, formatByteLimit } from '../../shared/sync/limits';
import type { z } from 'zod';
import { userText, type UserText } from '../../shared/text/user-text';
import {
  SourceError,
  type CaseSource,
  type PullKind,
  type PullPage,
  type PullRequest,
  type PushItem,
  type PushOutcome,
} from './case-source';
import { toChangeRequest } from './change-mapping';
import { createHttpTransport, type HttpResponse, type HttpTransport } from './http-client';
import { parseAnswer, retryAfterMs } from './http-answers';
import { SyncTextError, subject, type Subject } from './sync-text-error';

/**
 * The first connector: the Switchboard Sync API (docs/sync-api.md) over
 * HTTP(S) with a bearer token from the SecretStore (`sync.token`).
 */

export interface SwitchboardSyncSourceOptions {
  /** e.g. https://crm.example.com/switchboard (the API's paths are appended: /v1/...). */
  baseUrl: string;
  /** Read for every request batch; null when none is configured. */
  token: () => Promise<string | null>;
  /** Per request; a pull page of 1,000 cases is ~400 kB. */
  timeoutMs?: number;
  userAgent?: string;
  transport?: HttpTransport;
  /** CAs to trust for https (electron/security/trust-store.ts); undefined: Node's own. Ignored with `transport`. */
  ca?: readonly string[];
  /** Largest change page read (default MAX_PAGE_BYTES, shared/sync/limits.ts); tests set less. */
  maxPageBytes?: number;
}

export const SYNC_TOKEN_SECRET = 'sync.token';
const MAX_CHANGE_ANSWER_BYTES = 4 * 1024 * 1024;

export function parseBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SyncTextError(userText('sync.address.serverNotUrl', { value: value.slice(0, 200) }));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new SyncTextError(userText('sync.address.serverScheme', { scheme: url.protocol }));
  if (url.username || url.password) throw new SyncTextError(userText('sync.address.serverCredentials'));
  if (url.search || url.hash) throw new SyncTextError(userText('sync.address.serverQuery'));
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

export class SwitchboardSyncSource implements CaseSource {
  readonly id = 'switchboard-sync';
  readonly description: UserText;
  private readonly base: URL;
  private readonly transport: HttpTransport;
  private readonly timeoutMs: number;
  private readonly maxPageBytes: number;

  constructor(private readonly options: SwitchboardSyncSourceOptions) {
    this.base = parseBaseUrl(options.baseUrl);
    this.transport = options.transport ?? createHttpTransport({ ca: options.ca });
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxPageBytes = options.maxPageBytes ?? MAX_PAGE_BYTES;
    this.description = userText('sync.source.switchboard', { host: this.base.host });
  }

  get host(): string {
    return this.base.host;
  }

  async probe(signal?: AbortSignal): Promise<void> {
    const res = await this.request('GET', 'v1/health', { auth: false, signal, maxBytes: 64 * 1024 });
    this.parse(res, healthResponse, 'health');
    // Health needs no token; prove the token too, with the cheapest authenticated call there is.
    await this.pull('customers', { cursor: null, limit: 1, includeTotal: false, signal });
  }

  pullCustomers(request: PullRequest): Promise<PullPage<PulledCustomer>> {
    return this.pull<PulledCustomer>('customers', request);
  }

  pullCases(request: PullRequest): Promise<PullPage<PulledCase>> {
    return this.pull<PulledCase>('cases', request);
  }

  async push(item: PushItem, signal?: AbortSignal): Promise<PushOutcome> {
    let change: ChangeRequest;
    try {
      change = toChangeRequest(item);
    } catch (error) {
      const message =
        error instanceof SyncTextError
          ? error.text
          : userText('sync.error.sendFailed', { name: error instanceof Error ? error.name : typeof error });
      return { kind: 'rejected', code: 'unsupported-change', message };
    }
    const res = await this.request('POST', 'v1/changes', {
      body: JSON.stringify(change),
      headers: { [IDEMPOTENCY_HEADER]: item.idempotencyKey, 'content-type': 'application/json' },
      signal,
      maxBytes: MAX_CHANGE_ANSWER_BYTES,
    });
    if (res.status === 200 || res.status === 201) {
      const result = this.parse(res, changeResult, 'changeResult');
      return { kind: 'applied', version: result.version, replayed: res.headers[REPLAYED_HEADER] === 'true' };
    }
    if (res.status === 409) {
      const body = this.parse(res, conflictProblem, 'conflict');
      // The server's own words (docs/sync-api.md): data, shown as it sent them.
      const message = userText('sync.outbox.legacy', { detail: body.detail ?? body.title });
      return { kind: 'conflict', currentVersion: body.currentVersion, current: body.current, message };
    }
    this.throwForRetryable(res);
    // Any other 4xx: this item will not go through as it is. Park it with the server's own words.
    const details = this.problemOf(res);
    const issues = details?.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
    // The server's title, detail and issues are its own words: one value, shown as it sent them.
    const detail = details ? `${details.title}${details.detail ? `. ${details.detail}` : ''}${issues ? ` [${issues}]` : ''}` : null;
    const message =
      detail === null
        ? userText('sync.refusal.refusedChange', { host: this.base.host, status: res.status })
        : userText('sync.refusal.refusedChangeDetail', { host: this.base.host, status: res.status, detail: detail.slice(0, 400) });
    return { kind: 'rejected', code: details?.code ? `http-${res.status}-${details.code}` : `http-${res.status}`, message };
  }

  close(): void {
    this.transport.close();
  }

  /** The page's JSON as it came, for the store's writer thread to parse. */
  async pullPageBody(kind: PullKind, request: PullRequest): Promise<Uint8Array> {
    return (await this.changes(kind, request)).body;
  }

  private async pull<T>(kind: PullKind, request: PullRequest): Promise<PullPage<T>> {
    const page = this.parse(await this.changes(kind, request), changePageEnvelope, kind === 'customers' ? 'customersPage' : 'casesPage');
    return {
      items: page.items as T[],
      deleted: page.deleted,
      nextCursor: page.nextCursor,
      hasMore: page.hasMore,
      total: page.total ?? null,
    };
  }

  /** A 200 answer to a change-feed request; every other answer is thrown as the SourceError it means. */
  private async changes(kind: PullKind, request: PullRequest): Promise<HttpResponse> {
    const query = new URLSearchParams({ limit: String(request.limit) });
    if (request.cursor) query.set('cursor', request.cursor);
    if (request.includeTotal) query.set('total', 'true');
    let res: HttpResponse;
    try {
      res = await this.request('GET', `v1/${kind}/changes?${query.toString()}`, { signal: request.signal, maxBytes: this.maxPageBytes });
    } catch (error) {
      if (error instanceof SourceError && error.code === 'too-large') {
        // Its own code: the pull engine asks again with fewer rows before giving up (shared/sync/limits.ts).
        throw new SourceError(
          'protocol',
          'page-too-large',
          userText('sync.error.pageTooLarge', {
            host: this.base.host,
            kind: subject(kind),
            limit: formatByteLimit(this.maxPageBytes),
            count: request.limit,
          }),
        );
      }
      throw error;
    }
    if (res.status === 410) {
      throw new SourceError(
        'cursor-invalid',
        'cursor-invalid',
        userText('sync.error.positionRefused', { host: this.base.host, kind: subject(kind) }),
      );
    }
    if (res.status !== 200) {
      this.throwForRetryable(res);
      const details = this.problemOf(res);
      throw new SourceError(
        'protocol',
        `http-${res.status}`,
        details
          ? userText('sync.error.listRefusedDetail', {
              host: this.base.host,
              kind: subject(kind),
              status: res.status,
              detail: details.title,
            })
          : userText('sync.error.listRefused', { host: this.base.host, kind: subject(kind), status: res.status }),
        {
          status: res.status,
        },
      );
    }
    return res;
  }

  /** 401, 408, 429 and 5xx: thrown, because they are about the server or the credentials, not this item. */
  private throwForRetryable(res: HttpResponse): void {
    const host = this.base.host;
    if (res.status === 401) {
      throw new SourceError('unauthorized', 'http-401', userText('sync.error.syncTokenRefused', { host }), {
        status: 401,
      });
    }
    if (res.status === 429) {
      const after = retryAfterMs(res.headers['retry-after']);
      throw new SourceError('rate-limited', 'http-429', userText('sync.error.slowDown', { host }), { status: 429, retryAfterMs: after });
    }
    if (res.status === 408 || res.status >= 500) {
      throw new SourceError('server', `http-${res.status}`, userText('sync.error.serverFailed', { host, status: res.status }), {
        status: res.status,
        retryAfterMs: retryAfterMs(res.headers['retry-after']),
      });
    }
  }

  private problemOf(res: HttpResponse): z.output<typeof problem> | null {
    try {
      const parsed = problem.safeParse(JSON.parse(res.body.toString('utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private parse<S extends z.ZodType>(res: HttpResponse, schema: S, what: Subject): z.output<S> {
    return parseAnswer(res, schema, what, this.base.host);
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    options: { auth?: boolean; body?: string; headers?: Record<string, string>; signal?: AbortSignal; maxBytes: number },
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      'user-agent': this.options.userAgent ?? 'Switchboard',
      ...options.headers,
    };
    if (options.auth !== false) {
      const token = await this.options.token();
      if (!token) throw new SourceError('unauthorized', 'no-token', userText('sync.error.noSyncToken'));
      headers.authorization = `Bearer ${token}`;
    }
    return this.transport.send(new URL(path, this.base), {
      method,
      headers,
      body: options.body,
      timeoutMs: this.timeoutMs,
      maxBytes: options.maxBytes,
      signal: options.signal,
    });
  }
}
