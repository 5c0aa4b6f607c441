import { PassThrough } from 'node:stream';
// The narrowest jsforce entry: the REST Connection without the Bulk, Streaming (faye) and other API modules.
import { Connection } from 'jsforce/lib/connection';
import type { HttpRequest, HttpResponse as JsforceResponse } from 'jsforce/lib/types';
import { StreamPromise } from 'jsforce/lib/util/promise';
import { isLoopbackHost } from '../../../../shared/policy/encryption';
import { userText } from '../../../../shared/text/user-text';
import { SourceError } from '../../case-source';
import type { HttpTransport } from '../../http-client';
import { QUERY_BATCH_MAX, QUERY_BATCH_MIN, SALESFORCE_API_VERSION } from './salesforce-api';
import { SalesforceAnswerError, readApiUsage, readErrors, type ApiUsage } from './salesforce-errors';

/**
 * Requests to one Salesforce org through jsforce (query, queryMore, sObject rows and
 * collections), over the app's own HTTP transport: its deadline, its trust store (a corporate
 * CA), its body-size cap and its cancellation, none of which jsforce's node-fetch transport has.
 *
 * jsforce builds the URLs and bodies and reads the answers; this file sends them, and keeps what
 * is about the session, not the request:
 * - the access token, from the agent's sign-in (`SalesforceSession`), on every request;
 * - INVALID_SESSION_ID (401): the sign-in is renewed once and the request sent once more; a
 *   renewal that fails, or a second 401, ends in SourceError `unauthorized` with a sentence.
 *   (jsforce's own refresh delegate sends again after every renewal, without a bound.)
 * - every answer's `Sforce-Limit-Info` (api-usage=N/M), kept as the latest reading;
 * - every answer of 300 or more is thrown as SalesforceAnswerError with Salesforce's error list,
 *   before jsforce reads it, so callers see the status and every error code.
 */

export interface SalesforceSession {
  /** The org's instance URL (from the token response) and a valid access token; null when signed out. */
  current(): Promise<{ instanceUrl: string; accessToken: string } | null>;
  /** Renews the sign-in after `rejectedToken` was refused; false when it cannot (the agent must sign in again). */
  refresh(rejectedToken: string): Promise<boolean>;
}

export interface SalesforceClientOptions {
  session: SalesforceSession;
  transport: HttpTransport;
  timeoutMs: number;
  /** Largest answer read (a 2,000-record query page is the largest). */
  maxBytes: number;
  userAgent?: string;
  now?: () => number;
}

/** The instance URL a token response names: https, or plain http only on this computer (the emulator). */
export function checkInstanceUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SourceError('protocol', 'salesforce-instance-url', userText('sync.salesforce.instanceNotUrl'));
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new SourceError('protocol', 'salesforce-instance-url', userText('sync.salesforce.instanceNotHttps', { host: url.host }));
  }
  return new URL(url.origin);
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export class SalesforceClient {
  private latestUsage: ApiUsage | null = null;
  private readonly now: () => number;

  constructor(private readonly options: SalesforceClientOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The org's API usage as the last answer reported it (diagnostics); null before the first answer. */
  get apiUsage(): ApiUsage | null {
    return this.latestUsage;
  }

  /**
   * A jsforce Connection for one piece of work, its requests cancelled by `signal`. Made afresh
   * each time: it is a few objects, and it picks up an instance URL a renewal changed.
   */
  async connect(signal?: AbortSignal): Promise<Connection> {
    const session = await this.signedIn();
    const base = checkInstanceUrl(session.instanceUrl);
    const conn = new Connection({ instanceUrl: base.origin, accessToken: 'set-per-request', version: SALESFORCE_API_VERSION });
    conn._transport = this.jsforceTransport(signal) as unknown as Connection['_transport'];
    return conn;
  }

  /** `Sforce-Query-Options` for a page of `rows` (REST API Developer Guide › Query Options Header). */
  queryHeaders(rows: number): Record<string, string> {
    const batch = Math.min(QUERY_BATCH_MAX, Math.max(QUERY_BATCH_MIN, Math.floor(rows)));
    return { 'Sforce-Query-Options': `batchSize=${batch}` };
  }

  private async signedIn(): Promise<{ instanceUrl: string; accessToken: string }> {
    const session = await this.options.session.current();
    if (!session) {
      throw new SourceError('unauthorized', 'no-token', userText('sync.salesforce.notSignedIn'));
    }
    return session;
  }

  /** jsforce's Transport interface (`httpRequest` → a StreamPromise of the answer), over `send`. */
  private jsforceTransport(signal?: AbortSignal): { httpRequest(req: HttpRequest): StreamPromise<JsforceResponse> } {
    return {
      httpRequest: (req) => StreamPromise.create(() => ({ stream: new PassThrough(), promise: this.send(req, signal) })),
    };
  }

  private async send(req: HttpRequest, signal?: AbortSignal): Promise<JsforceResponse> {
    const method = req.method.toUpperCase();
    if (!METHODS.has(method)) throw new SourceError('protocol', 'client-error', userText('sync.salesforce.methodUnsupported', { method }));
    if (req.body !== undefined && typeof req.body !== 'string') {
      throw new SourceError('protocol', 'client-error', userText('sync.salesforce.jsonOnly'));
    }
    const first = await this.signedIn();
    let answer = await this.exchange(method as Method, req, first.accessToken, signal);
    if (answer.statusCode === 401) {
      if (!(await this.options.session.refresh(first.accessToken).catch(() => false))) {
        throw new SourceError('unauthorized', 'salesforce-refresh-failed', userText('sync.salesforce.signInNotRenewed'), { status: 401 });
      }
      const renewed = await this.signedIn();
      answer = await this.exchange(method as Method, req, renewed.accessToken, signal);
    }
    if (answer.statusCode >= 300) throw new SalesforceAnswerError(answer.statusCode, answer.headers, readErrors(answer.body), answer.body);
    return answer;
  }

  private async exchange(method: Method, req: HttpRequest, accessToken: string, signal?: AbortSignal): Promise<JsforceResponse> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers ?? {})) {
      // jsforce sets these from its own state: the token is the session's, the length the transport's.
      if (!/^(authorization|content-length)$/i.test(name)) headers[name.toLowerCase()] = value;
    }
    headers.authorization = `Bearer ${accessToken}`;
    headers.accept = 'application/json';
    headers['user-agent'] = this.options.userAgent ?? 'Switchboard';
    const res = await this.options.transport.send(new URL(req.url), {
      method,
      headers,
      body: req.body as string | undefined,
      timeoutMs: this.options.timeoutMs,
      maxBytes: this.options.maxBytes,
      signal,
    });
    const flat = flatten(res.headers);
    const usage = readApiUsage(flat['sforce-limit-info'], this.now());
    if (usage) this.latestUsage = usage;
    return { statusCode: res.status, headers: flat, body: res.body.toString('utf8') };
  }
}
