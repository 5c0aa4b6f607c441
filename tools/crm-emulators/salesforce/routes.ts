import type { IncomingMessage } from 'node:http';
import { createCollection, deleteCollection, updateCollection, upsertCollection } from './collections';
import { compositeRequest } from './composite';
import { API_LABEL, API_VERSION, DATA_ROOT, errors, type ApiContext, type Reply } from './http';
import { parseId } from './ids';
import type { OAuthStore } from './oauth';
import type { QueryEngine } from './query';
import { OBJECT_NAMES } from './schema';
import { basicInfo, createRow, deleteRow, describe, getDeleted, getRow, getUpdated, patchRow, upsertRow } from './sobjects';
import type { SalesforceState } from './state';

/**
 * The REST resources the emulator serves under /services/data/v62.0, each with the handler
 * named for the request counts (`state.routeCounts`), and the resources outside it.
 */

export interface Handler {
  name: string;
  run(ctx: ApiContext): Reply | Promise<Reply>;
}

export interface Route {
  /** Matched against the path after /services/data/vXX.X, without a trailing slash. */
  pattern: RegExp;
  methods: Record<string, Handler>;
}

const h = (name: string, run: Handler['run']): Handler => ({ name, run });

export function dataRoutes(queries: QueryEngine): Route[] {
  const routes: Route[] = [
    { pattern: /^\/limits$/, methods: { GET: h('limits', limits) } },
    { pattern: /^\/query$/, methods: { GET: h('query', (ctx) => queries.run(ctx, false)) } },
    { pattern: /^\/query\/([^/]+)$/, methods: { GET: h('queryMore', (ctx) => queries.more(ctx, ctx.params[0]!)) } },
    { pattern: /^\/queryAll$/, methods: { GET: h('queryAll', (ctx) => queries.run(ctx, true)) } },
    { pattern: /^\/queryAll\/([^/]+)$/, methods: { GET: h('queryMore', (ctx) => queries.more(ctx, ctx.params[0]!)) } },
    { pattern: /^\/sobjects$/, methods: { GET: h('describeGlobal', describeGlobal) } },
    { pattern: /^\/sobjects\/([^/]+)$/, methods: { GET: h('sobject.info', basicInfo), POST: h('sobject.create', createRow) } },
    { pattern: /^\/sobjects\/([^/]+)\/describe$/, methods: { GET: h('sobject.describe', describe) } },
    { pattern: /^\/sobjects\/([^/]+)\/deleted$/, methods: { GET: h('sobject.deleted', getDeleted) } },
    { pattern: /^\/sobjects\/([^/]+)\/updated$/, methods: { GET: h('sobject.updated', getUpdated) } },
    {
      pattern: /^\/sobjects\/([^/]+)\/([^/]+)$/,
      methods: { GET: h('sobject.get', getRow), PATCH: h('sobject.update', patchRow), DELETE: h('sobject.delete', deleteRow) },
    },
    { pattern: /^\/sobjects\/([^/]+)\/([^/]+)\/([^/]+)$/, methods: { PATCH: h('sobject.upsert', upsertRow) } },
    {
      pattern: /^\/composite\/sobjects$/,
      methods: {
        POST: h('collections.create', createCollection),
        PATCH: h('collections.update', updateCollection),
        DELETE: h('collections.delete', deleteCollection),
      },
    },
    { pattern: /^\/composite\/sobjects\/([^/]+)\/([^/]+)$/, methods: { PATCH: h('collections.upsert', upsertCollection) } },
    { pattern: /^\/composite$/, methods: { POST: h('composite', (ctx) => compositeRequest(ctx, routes)) } },
  ];
  return routes;
}

/** Every route, as `METHOD path`, for the README and the tests. */
export const EMULATOR_ROUTES = [
  'GET /services/data/',
  'GET /services/data/v62.0/',
  'GET /services/data/v62.0/limits',
  'GET /services/data/v62.0/query?q=',
  'GET /services/data/v62.0/query/{locator}',
  'GET /services/data/v62.0/queryAll?q=',
  'GET /services/data/v62.0/sobjects',
  'GET /services/data/v62.0/sobjects/{Type}',
  'POST /services/data/v62.0/sobjects/{Type}',
  'GET /services/data/v62.0/sobjects/{Type}/describe',
  'GET /services/data/v62.0/sobjects/{Type}/deleted/?start=&end=',
  'GET /services/data/v62.0/sobjects/{Type}/updated/?start=&end=',
  'GET /services/data/v62.0/sobjects/{Type}/{Id}',
  'PATCH /services/data/v62.0/sobjects/{Type}/{Id}',
  'DELETE /services/data/v62.0/sobjects/{Type}/{Id}',
  'PATCH /services/data/v62.0/sobjects/{Type}/{ExternalIdField}/{value}',
  'POST /services/data/v62.0/composite/sobjects',
  'PATCH /services/data/v62.0/composite/sobjects',
  'DELETE /services/data/v62.0/composite/sobjects?ids=',
  'PATCH /services/data/v62.0/composite/sobjects/{Type}/{ExternalIdField}',
  'POST /services/data/v62.0/composite',
  'GET /services/oauth2/authorize',
  'POST /services/oauth2/token',
  'POST /services/oauth2/revoke',
  'GET /id/{orgId}/{userId}',
] as const;

/** GET /services/data/ (Versions): needs no session and does not count against the limit. */
export function versionsReply(method: string): Reply {
  if (method !== 'GET') return errors.methodNotAllowed(method, ['GET', 'HEAD']).toReply();
  return { status: 200, body: [{ label: API_LABEL, url: DATA_ROOT, version: API_VERSION }] };
}

/** GET /services/data/vXX.X/ (Resources by Version). */
export function resourcesOf(): Record<string, string> {
  const names = ['composite', 'limits', 'query', 'queryAll', 'sobjects'];
  return Object.fromEntries(names.map((n) => [n, `${DATA_ROOT}/${n}`]));
}

/** GET /limits (Limits): the org's daily API requests, after this call. */
function limits(ctx: ApiContext): Reply {
  return { status: 200, body: { DailyApiRequests: { Max: ctx.usage.max, Remaining: ctx.usage.remaining() } } };
}

function describeGlobal(): Reply {
  return {
    status: 200,
    body: {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: OBJECT_NAMES.map((name) => ({ name, label: name, queryable: true, urls: { sobject: `${DATA_ROOT}/sobjects/${name}` } })),
    },
  };
}

/**
 * The identity URL (Salesforce Help › Identity URLs): the signed-in user, with the session as a
 * bearer token or `oauth_token`. A bad token is 403 "Bad_OAuth_Token", another user's URL 403.
 */
export function identity(
  req: IncomingMessage,
  url: URL,
  oauth: OAuthStore,
  state: SalesforceState,
  orgId: string,
  userId: string,
  baseUrl: string,
): Reply {
  const token = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('oauth_token');
  const session = token ? oauth.access(token) : null;
  if (!session) return { status: 403, body: 'Bad_OAuth_Token' };
  const wanted = parseId(userId)?.id;
  if (parseId(orgId)?.id !== state.orgId || wanted !== session.userId) return { status: 403, body: 'Bad_Id' };
  const user = state.find(session.userId)!;
  return {
    status: 200,
    body: {
      id: oauth.identityUrl(session.userId),
      asserted_user: true,
      user_id: session.userId,
      organization_id: state.orgId,
      username: user.values.Username,
      display_name: user.values.Name,
      email: user.values.Email,
      active: true,
      user_type: 'STANDARD',
      urls: {
        rest: `${baseUrl}/services/data/v{version}/`,
        sobjects: `${baseUrl}/services/data/v{version}/sobjects/`,
        query: `${baseUrl}/services/data/v{version}/query/`,
      },
    },
  };
}
