import { userText } from '../../../../shared/text/user-text';
import { SourceError } from '../../case-source';
import { retryAfterMs } from '../../http-answers';
import { subject, type Subject } from '../../sync-text-error';
import { sfErrorBody, type SfErrorItem } from './salesforce-api';

/**
 * What Salesforce's refusals mean for sync (REST API Developer Guide › Status Codes and Error
 * Responses): the answers about the org or the session become the SourceError that tells the
 * sync engine what to do; the rest are about one record and become that item's outcome.
 *
 * | answer                               | for sync                                                         |
 * |--------------------------------------|------------------------------------------------------------------|
 * | 401 INVALID_SESSION_ID               | renewed and sent once more (salesforce-transport.ts); then `unauthorized` |
 * | 403 REQUEST_LIMIT_EXCEEDED           | `rate-limited`: nothing parked, tried again after LIMIT_RETRY_MS  |
 * | 403 other (API_DISABLED_FOR_ORG, …)  | `unauthorized`: the user or org may not use the API              |
 * | 408, 5xx, 503 SERVER_UNAVAILABLE     | `server`, retried with backoff                                   |
 * | 4xx on a pull                        | `protocol`, with Salesforce's words                             |
 * | 4xx on a push                        | that item's outcome (rejected, or conflict for 412)              |
 */

/** An answer Salesforce gave with a status of 300 or more, with its error list read. */
export class SalesforceAnswerError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Readonly<Record<string, string>>,
    readonly errors: readonly SfErrorItem[],
    readonly body: string,
  ) {
    super(`Salesforce answered HTTP ${status}${errors[0]?.errorCode ? ` ${errors[0].errorCode}` : ''}`);
    this.name = 'SalesforceAnswerError';
  }

  /** The first error code (`INVALID_FIELD`, `REQUEST_LIMIT_EXCEEDED`), or `http-<status>`. */
  get code(): string {
    return this.errors[0]?.errorCode ?? this.errors[0]?.statusCode ?? `http-${this.status}`;
  }

  has(code: string): boolean {
    return this.errors.some((e) => e.errorCode === code || e.statusCode === code);
  }
}

export function isAnswerError(error: unknown): error is SalesforceAnswerError {
  return error instanceof SalesforceAnswerError;
}

/** The error list of a refusal body (an array, or one object); empty when it is not one. */
export function readErrors(body: string): SfErrorItem[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return [];
  }
  const parsed = sfErrorBody.safeParse(json);
  if (!parsed.success) return [];
  return Array.isArray(parsed.data) ? parsed.data : [parsed.data];
}

/** Salesforce's errors in one line for a person: "No such column 'Foo__c' on entity 'Contact' (INVALID_FIELD)". */
export function describeErrors(errors: readonly SfErrorItem[]): string | null {
  const parts = errors
    .map((e) => {
      const code = e.errorCode ?? e.statusCode;
      const message = (e.message ?? '')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/[.\s]+$/, '');
      const fields = e.fields && e.fields.length > 0 && !e.fields.some((f) => message.includes(f)) ? ` [${e.fields.join(', ')}]` : '';
      if (message === '') return code ?? null;
      return `${message}${fields}${code ? ` (${code})` : ''}`;
    })
    .filter((p): p is string => p !== null);
  if (parts.length === 0) return null;
  const text = parts.join('; ');
  return text.length > 400 ? `${text.slice(0, 399)}…` : text;
}

// ------------------------------------------------------------------ API usage

/** The org's API usage as Salesforce last reported it (`Sforce-Limit-Info: api-usage=18/5000`). */
export interface ApiUsage {
  used: number;
  limit: number;
  /** When it was read (epoch ms). */
  at: number;
}

/** REST API Developer Guide › Limit Info Header: `api-usage=N/M`; null when the header has none. */
export function readApiUsage(header: string | undefined, at: number): ApiUsage | null {
  if (!header) return null;
  // Not per-app-api-usage (a Connected App's own allowance, when the admin set one): the org's.
  const match = /(?:^|[\s,;])api-usage=(\d+)\/(\d+)/.exec(header);
  if (!match) return null;
  const used = Number(match[1]);
  const limit = Number(match[2]);
  if (!Number.isSafeInteger(used) || !Number.isSafeInteger(limit) || limit <= 0) return null;
  return { used, limit, at };
}

/**
 * How long to wait after REQUEST_LIMIT_EXCEEDED. The daily allocation is a rolling 24 hours
 * (Salesforce Developer Limits and Allocations Quick Reference › API Request Limits and
 * Allocations): calls made a day ago drop out minute by minute, with no reset time to wait for and
 * no Retry-After. A check every 15 minutes costs 96 calls a day, and brings sync back within
 * 15 minutes of the org having room again. Concurrent long-running requests clear in seconds.
 */
export const LIMIT_RETRY_MS = 15 * 60_000;
export const CONCURRENT_LIMIT_RETRY_MS = 30_000;

// ------------------------------------------------------------------ errors for sync

/**
 * The SourceError for an answer about the org or the session, or null when it is about the
 * request or its record (the caller decides: a pull calls it a protocol error, a push an outcome).
 */
export function accountError(answer: SalesforceAnswerError, host: string, what: Subject, now: number): SourceError | null {
  const detail = describeErrors(answer.errors);
  if (answer.has('REQUEST_LIMIT_EXCEEDED')) {
    const concurrent = /concurrent/i.test(detail ?? '');
    const header = retryAfterMs(answer.headers['retry-after'], now);
    const wait = header ?? (concurrent ? CONCURRENT_LIMIT_RETRY_MS : LIMIT_RETRY_MS);
    const sentence = concurrent
      ? userText('sync.salesforce.concurrentLimit', { host, seconds: Math.round(wait / 1000) })
      : userText('sync.salesforce.dailyLimit', { host, minutes: Math.round(wait / 60_000) });
    return new SourceError('rate-limited', 'salesforce-request-limit', sentence, { status: answer.status, retryAfterMs: wait });
  }
  if (answer.status === 401) {
    return new SourceError('unauthorized', 'salesforce-session', userText('sync.salesforce.sessionRefused', { host }), { status: 401 });
  }
  if (answer.status === 403) {
    return new SourceError(
      'unauthorized',
      `salesforce-${answer.code.toLowerCase()}`,
      detail
        ? userText('sync.salesforce.accessRefusedDetail', { host, what: subject(what), detail })
        : userText('sync.salesforce.accessRefused', { host, what: subject(what) }),
      { status: 403 },
    );
  }
  if (answer.status === 408 || answer.status >= 500) {
    return new SourceError(
      'server',
      `http-${answer.status}`,
      userText('sync.error.handleFailed', { host, what: subject(what), status: answer.status }),
      {
        status: answer.status,
        retryAfterMs: retryAfterMs(answer.headers['retry-after'], now),
      },
    );
  }
  return null;
}

/** A pull's refusal: the account errors above, else `protocol` with Salesforce's words. */
export function pullError(answer: SalesforceAnswerError, host: string, what: Subject, now: number): SourceError {
  const account = accountError(answer, host, what, now);
  if (account) return account;
  const detail = describeErrors(answer.errors);
  return new SourceError(
    'protocol',
    `salesforce-${answer.code.toLowerCase()}`,
    detail
      ? userText('sync.error.sendRefusedDetail', { host, what: subject(what), status: answer.status, detail })
      : userText('sync.error.sendRefused', { host, what: subject(what), status: answer.status }),
    { status: answer.status },
  );
}
