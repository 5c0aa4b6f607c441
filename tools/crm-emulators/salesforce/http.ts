import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { EmulatorHttpError, type Reply } from '../common/reply';
import { readCappedBody } from '../common/request-body';
import type { SalesforceFaults } from './faults';
import type { DailyApiUsage } from './limits';
import type { Session } from './oauth';
import type { OrgSettings } from './schema';
import type { SalesforceState } from './state';

/**
 * What the handlers share: replies as values (so the server can cut, delay or lose them in one
 * place), Salesforce's error bodies, and body parsing.
 *
 * REST API Developer Guide › Status Codes and Error Responses: an error answer is a JSON array of
 * `{ "message", "errorCode", "fields"? }`. Per-record results of sObject Collections carry
 * `{ "statusCode", "message", "fields" }` instead (Create Records Using sObject Collections).
 */

/** The one REST API version the emulator serves (Winter '25). The connector pins the same. */
export const API_VERSION = '62.0';
export const API_LABEL = "Winter '25";
export const DATA_ROOT = `/services/data/v${API_VERSION}`;

/** A Reply whose body is undefined is sent without one (204). */
export type { Reply };

export class SalesforceHttpError extends EmulatorHttpError {
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super('Salesforce', status, body, headers);
  }
}

/** One error of a record write, in either envelope. */
export interface RecordError {
  code: string;
  message: string;
  fields: string[];
}

export class RecordFailure extends Error {
  constructor(readonly errors: RecordError[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
  }
}

export function recordError(code: string, message: string, fields: string[] = []): RecordFailure {
  return new RecordFailure([{ code, message, fields }]);
}

function apiError(status: number, errorCode: string, message: string, fields?: string[]): SalesforceHttpError {
  return new SalesforceHttpError(status, [{ message, errorCode, ...(fields ? { fields } : {}) }]);
}

export const errors = {
  api: apiError,
  /** 401 for a missing, unknown, expired or revoked session (Status Codes and Error Responses › 401). */
  invalidSession: () => apiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'),
  notFound: (message = 'The requested resource does not exist') => apiError(404, 'NOT_FOUND', message),
  /** 403 when the org's daily API request limit is spent (Limits › API Request Limits and Allocations). */
  requestLimit: () => apiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
  methodNotAllowed: (method: string, allowed: string[]) =>
    apiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`),
  jsonParser: (message: string) => apiError(400, 'JSON_PARSER_ERROR', message),
  malformedQuery: (message: string) => apiError(400, 'MALFORMED_QUERY', message),
  /** A write that failed validation: the record's errors in the REST envelope. */
  fromFailure: (failure: RecordFailure, status = 400) =>
    new SalesforceHttpError(
      status,
      failure.errors.map((e) => ({ message: e.message, errorCode: e.code, fields: e.fields })),
    ),
};

/** 500 as Salesforce sends it for an internal error (also the `error500` fault). */
export function unknownException(): Reply {
  const errorId = `${Math.floor(Math.random() * 1e9)}-${Math.floor(Math.random() * 1e5)} (${-Math.floor(Math.random() * 1e9)})`;
  return {
    status: 500,
    body: [
      {
        message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`,
        errorCode: 'UNKNOWN_EXCEPTION',
      },
    ],
  };
}

export interface ApiContext {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** Path parameters of the matched route. */
  params: string[];
  session: Session;
  state: SalesforceState;
  faults: SalesforceFaults;
  settings: OrgSettings;
  usage: DailyApiUsage;
  baseUrl: string;
  readBody(): Promise<Buffer>;
}

export function readRequestBody(req: IncomingMessage): Promise<Buffer> {
  return readCappedBody(req, () =>
    apiError(413, 'REQUEST_ENTITY_TOO_LARGE', 'The request body is larger than the emulator accepts (10 MB)'),
  );
}

/**
 * A JSON request body. Salesforce also takes XML; the emulator answers anything but JSON with 415,
 * so a client that forgets the Content-Type header finds out here.
 */
export async function readJson(ctx: ApiContext): Promise<unknown> {
  const type = ctx.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw apiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Content type '${type || 'none'}' is not supported by the emulator; send application/json`,
    );
  }
  const raw = (await ctx.readBody()).toString('utf8');
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw errors.jsonParser(`Unexpected character in the request body: ${(error as Error).message}`);
  }
}

export async function readJsonObject(ctx: ApiContext): Promise<Record<string, unknown>> {
  const parsed = await readJson(ctx);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw errors.jsonParser('Cannot deserialize instance of SObject from a value that is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Salesforce's dateTime form in JSON: `2013-05-20T20:49:32.000+0000`. */
export function sfDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`;
}

export function sfDate(ms: number): string {
  return sfDateTime(ms).slice(0, 10);
}

/** An ISO 8601 date-time with a zone (`Z`, `+00:00` or `+0000`), as query strings and bodies send it; NaN if not. */
export function parseIsoDateTime(raw: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/.exec(raw);
  if (!m) return Number.NaN;
  const ms = Date.parse(
    `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${m[8] === 'Z' ? 'Z' : m[8]!.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`,
  );
  return ms;
}

export function attributesOf(type: string, id: string): { type: string; url: string } {
  return { type, url: `${DATA_ROOT}/sobjects/${type}/${id}` };
}
