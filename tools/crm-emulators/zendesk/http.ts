import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { EmulatorHttpError, type Reply } from '../common/reply';
import { readCappedBody } from '../common/request-body';
import type { ZendeskUser } from './model';
import type { ZendeskFaults } from './faults';
import type { ZendeskState } from './state';

/**
 * What the handlers share: replies as values (so the server can replay, cut
 * or delay them in one place), Zendesk's error bodies, and body parsing.
 *
 * Error envelopes (Zendesk uses several, and a client must cope with each):
 *  - 401 API token or no credentials: `{"error":"Couldn't authenticate you"}`
 *  - 401 OAuth: `{"error":"invalid_token","error_description":"The access token provided is expired,
 *    revoked, malformed or invalid for other reasons."}` (help article "Using OAuth authentication
 *    with your application" › Detecting that an access token has expired)
 *  - 404: `{"error":"RecordNotFound","description":"Not found"}`, or `InvalidEndpoint` for a path
 *    the API does not have
 *  - 422: `{"error":"RecordInvalid","description":"Record validation errors","details":{field:[…]}}`
 *  - 400 for a body that is not JSON: text/plain (Introduction › Requests: "The content type of
 *    the response may be text/plain for API-level error messages")
 */

export type { Reply };

export class ZendeskHttpError extends EmulatorHttpError {
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super('Zendesk', status, body, headers);
  }
}

export const errors = {
  couldNotAuthenticate: () => new ZendeskHttpError(401, { error: "Couldn't authenticate you" }),
  invalidToken: () =>
    new ZendeskHttpError(401, {
      error: 'invalid_token',
      error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
    }),
  /** Plan or role does not allow the endpoint (the object envelope Zendesk uses for 403). */
  forbidden: (message = 'You do not have access to this page. Please contact the account owner of this help desk for further help.') =>
    new ZendeskHttpError(403, { error: { title: 'Forbidden', message } }),
  recordNotFound: () => new ZendeskHttpError(404, { error: 'RecordNotFound', description: 'Not found' }),
  invalidEndpoint: () => new ZendeskHttpError(404, { error: 'InvalidEndpoint', description: 'Not found' }),
  recordInvalid: (details: Record<string, { description: string; error?: string }[]>) =>
    new ZendeskHttpError(422, { error: 'RecordInvalid', description: 'Record validation errors', details }),
  /** A query parameter out of range; 422 InvalidValue is what the exports answer for a too-recent start_time. */
  invalidValue: (description: string, status = 422) => new ZendeskHttpError(status, { error: 'InvalidValue', description }),
  badRequestText: (text: string) => new ZendeskHttpError(400, text),
  /** Search API › Errors JSON Format: `{"error":"invalid","description":…}`. */
  searchInvalid: (description: string, status = 400) => new ZendeskHttpError(status, { error: 'invalid', description }),
};

export interface Principal {
  user: ZendeskUser;
  via: 'api-token' | 'oauth';
  /** OAuth scopes; null for API tokens (which act with the user's full permissions). */
  scopes: string[] | null;
}

export interface EmulatorSettings {
  talkPartnerEdition: boolean;
  /** Records created less than this long ago are not found by search yet ("up to a few minutes"). */
  searchIndexLagSec: number;
}

export interface ApiContext {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  params: string[];
  principal: Principal | null;
  state: ZendeskState;
  faults: ZendeskFaults;
  settings: EmulatorSettings;
  baseUrl: string;
  readBody(): Promise<Buffer>;
}

export function readRequestBody(req: IncomingMessage): Promise<Buffer> {
  return readCappedBody(req, () => new ZendeskHttpError(413, 'Request Entity Too Large'));
}

/** "You must supply a Content-Type: application/json header in PUT, POST, and DELETE requests." */
export async function readJsonObject(ctx: ApiContext): Promise<Record<string, unknown>> {
  const type = ctx.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw errors.badRequestText('Content-Type must be application/json');
  const raw = await ctx.readBody();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw errors.badRequestText('Bad Request: the body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw errors.badRequestText('Bad Request: the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** JSON with sorted keys: two bodies with the same content have the same fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A positive integer query parameter, or `fallback` if absent; anything else is refused. */
export function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d{1,10}$/.test(raw)) throw errors.invalidValue(`${name} must be an integer`, 400);
  const n = Number(raw);
  if (n < min || n > max) throw errors.invalidValue(`${name} must be between ${min} and ${max}`, 400);
  return n;
}

/** Ids list of show_many endpoints: "a comma-separated list of up to 100 … ids". */
export function idList(url: URL, name = 'ids'): number[] {
  const raw = url.searchParams.get(name);
  if (raw === null || raw.trim() === '') throw errors.invalidValue(`${name} is required`, 400);
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d{1,15}$/.test(p))) throw errors.invalidValue(`${name} must be a comma-separated list of ids`, 400);
  if (parts.length > 100) throw errors.invalidValue(`${name} accepts up to 100 ids`, 400);
  return [...new Set(parts.map(Number))];
}

/** OAuth scope check: `read`/`write` cover every resource; `tickets:read` covers one. */
export function requireScope(ctx: ApiContext, resource: string, access: 'read' | 'write'): void {
  const scopes = ctx.principal?.scopes;
  if (!scopes) return;
  if (scopes.includes(access) || scopes.includes(`${resource}:${access}`)) return;
  throw errors.forbidden();
}

export function requireAdmin(ctx: ApiContext): void {
  if (ctx.principal?.user.role !== 'admin') throw errors.forbidden();
}
