import type { IncomingMessage, ServerResponse } from 'node:http';
import { StandInListener } from '../../stand-in-listener';
import { applyArrivalFaults, sendWithFaults } from '../common/transport-faults';
import { SalesforceFaults } from './faults';
import {
  API_VERSION,
  DATA_ROOT,
  errors,
  readRequestBody,
  SalesforceHttpError,
  unknownException,
  type ApiContext,
  type Reply,
} from './http';
import { DailyApiUsage, DEFAULT_DAILY_API_LIMIT } from './limits';
import { OAuthStore, type OAuthClientConfig } from './oauth';
import { QueryEngine } from './query';
import { DEFAULT_TASK_EXTERNAL_ID_FIELD, type OrgSettings } from './schema';
import type { SeedOptions, SeedReport } from './seed';
import { SalesforceState, type UserSeed } from './state';
import { dataRoutes, identity, resourcesOf, versionsReply, type Route } from './routes';

/**
 * A local HTTP emulator of the parts of the Salesforce REST API (and the OAuth endpoints of the
 * org's login server) that Switchboard's Salesforce connector uses, written from the REST API
 * Developer Guide and Salesforce Help (see README.md for which sections). Plain node:http and
 * memory, like the Zendesk emulator: a test sees exactly what goes over the wire.
 *
 * The emulator is never looser than Salesforce: what Salesforce refuses, it refuses, with
 * Salesforce's status and error body; where the reference leaves a behaviour open it takes the
 * strict reading; what it does not implement it refuses, saying so.
 */

export interface SalesforceEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string /* default 127.0.0.1 */;
  /** Connected apps. A built-in public client `salesforce-emulator` is always there for issueSession. */
  oauthClients?: OAuthClientConfig[];
  /** Users; the first is the admin who signs in (default: an admin and three agents). */
  users?: UserSeed[];
  /** Case queues (default: "Tier 2 Support", "Escalations"). */
  queues?: string[];
  /** The org's daily API request limit (default 120,000: Enterprise Edition with 20 licences). */
  dailyApiLimit?: number;
  /** Session timeout (inactivity) in seconds; default 7,200 (two hours). */
  sessionTimeoutSec?: number;
  /** Clock for every timestamp, session, locator and the rolling 24-hour limit. */
  now?: () => number;
  personAccounts?: boolean;
  /** The Task external-id field the admin created (default Switchboard_Call_Id__c; null: none). */
  taskExternalIdField?: string | null;
  /** Who signs in on the authorization page, and what they decide (default: the admin approves). */
  oauthApproval?: { decision?: 'approve' | 'deny'; userEmail?: string };
  seed?: SeedOptions;
}

export interface IssuedSession {
  accessToken: string;
  refreshToken: string | null;
  instanceUrl: string;
  /** The identity URL (`…/id/{orgId}/{userId}`). */
  id: string;
}

export interface SalesforceEmulator {
  /** http://127.0.0.1:PORT: both the login URL and the instance URL. */
  url: string;
  readonly port: number;
  state: SalesforceState;
  faults: SalesforceFaults;
  readonly oauth: OAuthStore;
  /** The rolling daily API usage; `usage.max` and `usage.setUsage(n)` change it at run time. */
  readonly usage: DailyApiUsage;
  readonly settings: OrgSettings;
  readonly queries: QueryEngine;
  readonly seedReport: SeedReport | null;
  /** A session as a completed sign-in gives (default: the admin, with a refresh token, built-in client). */
  issueSession(options?: { userEmail?: string; clientId?: string; refresh?: boolean }): IssuedSession;
  close(): Promise<void>;
}

const BUILT_IN_CLIENT: OAuthClientConfig = { id: 'salesforce-emulator', redirectUris: ['http://127.0.0.1/callback'] };
const DEFAULT_USERS: UserSeed[] = [
  { name: 'Emulator Admin', email: 'admin@example.com' },
  { name: 'Agent One', email: 'agent1@example.com' },
  { name: 'Agent Two', email: 'agent2@example.com' },
  { name: 'Agent Three', email: 'agent3@example.com' },
];

export async function startSalesforceEmulator(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const settings: OrgSettings = {
    personAccounts: options.personAccounts ?? false,
    taskExternalIdField: options.taskExternalIdField === undefined ? DEFAULT_TASK_EXTERNAL_ID_FIELD : options.taskExternalIdField,
  };
  if (settings.taskExternalIdField !== null && !/^[A-Za-z][A-Za-z0-9_]*__c$/.test(settings.taskExternalIdField)) {
    throw new Error(`taskExternalIdField must be a custom field API name ending in __c, got ${settings.taskExternalIdField}`);
  }
  const state = new SalesforceState(now, settings, options.users ?? DEFAULT_USERS, options.queues ?? ['Tier 2 Support', 'Escalations']);
  const userByEmail = (email: string): string => {
    const user = state.list('User', (u) => u.values.Email === email.toLowerCase())[0];
    if (!user) throw new Error(`No user with email ${email}`);
    return user.id;
  };
  const usage = new DailyApiUsage(options.dailyApiLimit ?? DEFAULT_DAILY_API_LIMIT, now);
  const queries = new QueryEngine(state);
  const seedReport = options.seed ? state.seed(options.seed) : null;

  // `handle` is declared below; the listener calls it only once it serves.
  const listener = new StandInListener((req, res) => void handle(req, res), host, options.port ?? 0, 5_000);
  const baseUrl = (): string => `http://${host}:${listener.port}`;
  const oauth = new OAuthStore(
    now,
    [...(options.oauthClients ?? []), BUILT_IN_CLIENT],
    state.orgId,
    state.adminId,
    options.sessionTimeoutSec ?? 7_200,
    baseUrl,
  );
  oauth.approval = {
    decision: options.oauthApproval?.decision ?? 'approve',
    userId: options.oauthApproval?.userEmail ? userByEmail(options.oauthApproval.userEmail) : state.adminId,
  };
  const faults = new SalesforceFaults(async (down) => (down ? listener.stop() : listener.start()));
  const routes: Route[] = dataRoutes(queries);

  /** Answers under /services/data/vXX.X: session, version, daily limit, then the route. */
  const dataApi = async (
    req: IncomingMessage,
    method: string,
    url: URL,
    readBody: () => Promise<Buffer>,
  ): Promise<[Reply, string | null]> => {
    const token = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token && faults.take('sessionExpired', method, url.pathname)) oauth.expire(token);
    const session = token ? oauth.access(token) : null;
    if (!session) return [errors.invalidSession().toReply(), null];
    const withLimit = (reply: Reply): Reply => ({ ...reply, headers: { ...reply.headers, 'sforce-limit-info': usage.header() } });
    if (faults.take('requestLimit', method, url.pathname)) return [withLimit(errors.requestLimit().toReply()), null];
    if (!usage.take()) return [withLimit(errors.requestLimit().toReply()), null];
    const version = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(url.pathname);
    if (!version || version[1] !== API_VERSION) return [withLimit(errors.notFound().toReply()), null];
    const rest = (version[2] ?? '/').replace(/\/$/, '') || '/';
    if (rest === '/') {
      if (method !== 'GET') return [withLimit(errors.methodNotAllowed(method, ['GET', 'HEAD']).toReply()), null];
      return [withLimit({ status: 200, body: resourcesOf() }), 'resources'];
    }
    const route = routes.find((r) => r.pattern.test(rest));
    if (!route) return [withLimit(errors.notFound().toReply()), null];
    const handler = route.methods[method];
    if (!handler) return [withLimit(errors.methodNotAllowed(method, Object.keys(route.methods)).toReply()), null];
    const ctx: ApiContext = {
      method,
      url,
      headers: req.headers,
      params: route.pattern.exec(rest)!.slice(1),
      session,
      state,
      faults,
      settings,
      usage,
      baseUrl: baseUrl(),
      readBody,
    };
    try {
      return [withLimit(await handler.run(ctx)), handler.name];
    } catch (error) {
      if (error instanceof SalesforceHttpError) return [withLimit(error.toReply()), handler.name];
      throw error;
    }
  };

  const dispatch = async (
    req: IncomingMessage,
    method: string,
    url: URL,
    readBody: () => Promise<Buffer>,
  ): Promise<[Reply, string | null]> => {
    const path = url.pathname;
    try {
      if (path === '/services/data' || path === '/services/data/') return [versionsReply(method), 'versions'];
      if (path.startsWith('/services/data/')) return await dataApi(req, method, url, readBody);
      if (path === '/services/oauth2/authorize' && (method === 'GET' || method === 'POST')) {
        const params = new URLSearchParams(url.searchParams);
        if (method === 'POST') for (const [k, v] of new URLSearchParams((await readBody()).toString('utf8'))) params.set(k, v);
        return [oauth.authorize(params), 'oauth.authorize'];
      }
      if (path === '/services/oauth2/token' && method === 'POST') {
        return [oauth.exchange(req.headers['content-type'] ?? '', await readBody()), 'oauth.token'];
      }
      if (path === '/services/oauth2/revoke' && (method === 'POST' || method === 'GET')) {
        const params = method === 'GET' ? url.searchParams : new URLSearchParams((await readBody()).toString('utf8'));
        return [oauth.revoke(params.get('token') ?? ''), 'oauth.revoke'];
      }
      const idMatch = /^\/id\/([0-9A-Za-z]{15,18})\/([0-9A-Za-z]{15,18})\/?$/.exec(path);
      if (idMatch && method === 'GET') return [identity(req, url, oauth, state, idMatch[1]!, idMatch[2]!, baseUrl()), 'identity'];
      return [errors.notFound().toReply(), null];
    } catch (error) {
      if (error instanceof SalesforceHttpError) return [error.toReply(), null];
      throw error;
    }
  };

  const deliver = (req: IncomingMessage, res: ServerResponse, method: string, url: URL, reply: Reply, route: string | null): void => {
    const log = (status: number, fault?: string): void =>
      state.logRequest({ at: now(), method, path: url.pathname, query: url.search, status, route, ...(fault ? { fault } : {}) });
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const headers: Record<string, string | number> = { ...reply.headers };
    if (reply.body !== undefined) {
      headers['content-type'] = typeof reply.body === 'string' ? 'text/plain;charset=UTF-8' : 'application/json;charset=UTF-8';
      headers['content-length'] = Buffer.byteLength(text);
    }
    sendWithFaults(faults, req, res, method, url.pathname, { status: reply.status, headers, text }, log, true);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    let body: Promise<Buffer> | null = null;
    const readBody = (): Promise<Buffer> => (body ??= readRequestBody(req));
    res.on('error', () => undefined);
    try {
      const cut = await applyArrivalFaults(faults, req, method, url.pathname, (status, fault) =>
        state.logRequest({ at: now(), method, path: url.pathname, query: url.search, status, route: null, ...(fault ? { fault } : {}) }),
      );
      if (cut) return;
      let reply: Reply;
      let route: string | null = null;
      if (faults.take('error500', method, url.pathname)) reply = unknownException();
      else [reply, route] = await dispatch(req, method, url, readBody);
      if (!body) req.resume();
      deliver(req, res, method, url, reply, route);
    } catch (error) {
      const reply = error instanceof SalesforceHttpError ? error.toReply() : unknownException();
      if (!(error instanceof SalesforceHttpError)) console.error('Salesforce emulator: unexpected error', error);
      if (!body) req.resume();
      if (!res.headersSent) deliver(req, res, method, url, reply, null);
      else req.socket.destroy();
    }
  };

  await listener.start();

  return {
    get url() {
      return baseUrl();
    },
    get port() {
      return listener.port;
    },
    state,
    faults,
    oauth,
    usage,
    settings,
    queries,
    seedReport,
    issueSession(sessionOptions = {}) {
      const userId = sessionOptions.userEmail ? userByEmail(sessionOptions.userEmail) : state.adminId;
      const clientId = sessionOptions.clientId ?? BUILT_IN_CLIENT.id;
      if (!oauth.clients.has(clientId)) throw new Error(`No OAuth client ${clientId}`);
      const scopes = oauth.clients.get(clientId)!.scopes ?? ['api', 'refresh_token'];
      const session = oauth.issue(userId, clientId, scopes, sessionOptions.refresh === false ? 'none' : 'new');
      return {
        accessToken: session.accessToken,
        refreshToken: session.refreshToken,
        instanceUrl: baseUrl(),
        id: oauth.identityUrl(userId),
      };
    },
    async close() {
      await listener.stop();
    },
  };
}

export { DATA_ROOT, API_VERSION };
