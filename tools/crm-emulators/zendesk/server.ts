import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StandInListener } from '../../stand-in-listener';
import { applyArrivalFaults, sendWithFaults } from '../common/transport-faults';
import { countTickets, countUsers } from './counts';
import { incrementalTickets, incrementalUsers, showManyOrganizations, showManyUsers, showMe } from './exports';
import { ZendeskFaults } from './faults';
import { ZendeskHttpError, errors, readRequestBody, type ApiContext, type EmulatorSettings, type Reply } from './http';
import { DEFAULT_LIMITS, RateLimiter, type Bucket, type RateLimits } from './limits';
import { OAuthStore, authenticate, tokenParams, type OAuthClientConfig } from './oauth';
import { exportSearchResults, listSearchResults } from './search';
import type { SeedOptions, SeedReport } from './seed';
import { ZendeskState } from './state';
import { createTicket, createVoiceTicket, deleteTicket, listComments, listTickets, showTicket, updateTicket } from './tickets';
import { createUser, deleteUser } from './users';

/**
 * A local HTTP emulator of the parts of the Zendesk Support API that
 * Switchboard's Zendesk connector uses, written from Zendesk's public API
 * reference (see README.md for which sections). Plain node:http and memory,
 * like tools/sync-server/: a test must see exactly what goes over the wire.
 *
 * The emulator is never looser than Zendesk: what Zendesk refuses, it refuses;
 * where the reference leaves a behaviour open it picks the strict reading, and
 * what it does not implement it refuses with a 400 saying so.
 */

export interface ZendeskEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string /* default 127.0.0.1 */;
  /** API tokens; each email becomes an admin user if no user has it yet. */
  apiTokens?: { email: string; token: string }[];
  oauthClients?: { id: string; secret?: string; redirectUris: string[] }[];
  /** Requests per minute; null turns a limit off. Defaults: Suite Professional (400), incremental 10, user cursor export 20, search export 100. */
  limits?: Partial<RateLimits>;
  /** Talk Partner Edition on the account (default false: its endpoint answers 403). */
  talkPartnerEdition?: boolean;
  /** Clock for every timestamp, expiry and rate-limit window. */
  now?: () => number;
  /** Who signs in on the OAuth authorization page, and what they decide (default: the first API-token user approves). */
  oauthApproval?: { decision?: 'approve' | 'deny'; userEmail?: string };
  /** Seconds before a new record is found by search (default 60: Zendesk says indexing takes "up to a few minutes"). */
  searchIndexLagSec?: number;
  /** Seed data before listening. */
  seed?: SeedOptions;
}

export interface ZendeskEmulator {
  /** http://127.0.0.1:PORT, the connector's base URL instead of https://{subdomain}.zendesk.com. */
  url: string;
  state: ZendeskState;
  faults: ZendeskFaults;
  /** An OAuth access token for the approving admin (default scopes "read write"; no expiry unless given). */
  issueAccessToken(options?: { expiresInSec?: number; scopes?: string[] }): { accessToken: string; refreshToken: string };
  close(): Promise<void>;
  readonly port: number;
  readonly oauth: OAuthStore;
  readonly limiter: RateLimiter;
  readonly settings: EmulatorSettings;
  readonly seedReport: SeedReport | null;
}

type Handler = (ctx: ApiContext, instance: string) => Reply | Promise<Reply>;

interface RouteDef {
  method: string;
  pattern: RegExp;
  handler: Handler;
  buckets: Bucket[];
  /** Answers callers without credentials (users/me). */
  anonymous?: boolean;
}

/** Paths are matched without a trailing `.json`: Zendesk answers both forms. */
const ROUTES: RouteDef[] = [
  { method: 'GET', pattern: /^\/api\/v2\/users\/me$/, handler: showMe, buckets: ['account'], anonymous: true },
  { method: 'GET', pattern: /^\/api\/v2\/users\/show_many$/, handler: showManyUsers, buckets: ['account'] },
  { method: 'POST', pattern: /^\/api\/v2\/users$/, handler: createUser, buckets: ['account'] },
  { method: 'DELETE', pattern: /^\/api\/v2\/users\/([^/]+)$/, handler: deleteUser, buckets: ['account'] },
  { method: 'GET', pattern: /^\/api\/v2\/organizations\/show_many$/, handler: showManyOrganizations, buckets: ['account'] },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/incremental\/users\/cursor$/,
    handler: incrementalUsers,
    buckets: ['account', 'incrementalUsersCursor'],
  },
  { method: 'GET', pattern: /^\/api\/v2\/incremental\/tickets\/cursor$/, handler: incrementalTickets, buckets: ['account', 'incremental'] },
  { method: 'GET', pattern: /^\/api\/v2\/search$/, handler: listSearchResults, buckets: ['account'] },
  { method: 'GET', pattern: /^\/api\/v2\/search\/export$/, handler: exportSearchResults, buckets: ['account', 'searchExport'] },
  { method: 'GET', pattern: /^\/api\/v2\/tickets$/, handler: listTickets, buckets: ['account'] },
  { method: 'POST', pattern: /^\/api\/v2\/tickets$/, handler: createTicket, buckets: ['account'] },
  // Before tickets/{id}: "count" is not a ticket id.
  { method: 'GET', pattern: /^\/api\/v2\/tickets\/count$/, handler: countTickets, buckets: ['account'] },
  { method: 'GET', pattern: /^\/api\/v2\/users\/count$/, handler: countUsers, buckets: ['account'] },
  { method: 'GET', pattern: /^\/api\/v2\/tickets\/([^/]+)$/, handler: showTicket, buckets: ['account'] },
  { method: 'PUT', pattern: /^\/api\/v2\/tickets\/([^/]+)$/, handler: updateTicket, buckets: ['account'] },
  { method: 'DELETE', pattern: /^\/api\/v2\/tickets\/([^/]+)$/, handler: deleteTicket, buckets: ['account'] },
  { method: 'GET', pattern: /^\/api\/v2\/tickets\/([^/]+)\/comments$/, handler: listComments, buckets: ['account'] },
  { method: 'POST', pattern: /^\/api\/v2\/channels\/voice\/tickets$/, handler: createVoiceTicket, buckets: ['account'] },
];

/** Every route, as `METHOD path`, for the README and the tests. */
export const EMULATOR_ROUTES = [
  'GET /api/v2/users/me.json',
  'GET /api/v2/users/show_many.json',
  'POST /api/v2/users.json',
  'DELETE /api/v2/users/{id}.json',
  'GET /api/v2/organizations/show_many.json',
  'GET /api/v2/incremental/users/cursor.json',
  'GET /api/v2/incremental/tickets/cursor.json',
  'GET /api/v2/search.json',
  'GET /api/v2/search/export.json',
  'GET /api/v2/tickets.json',
  'POST /api/v2/tickets.json',
  'GET /api/v2/tickets/count.json',
  'GET /api/v2/users/count.json',
  'GET /api/v2/tickets/{id}.json',
  'PUT /api/v2/tickets/{id}.json',
  'DELETE /api/v2/tickets/{id}.json',
  'GET /api/v2/tickets/{id}/comments.json',
  'POST /api/v2/channels/voice/tickets.json',
  'GET /oauth/authorizations/new',
  'POST /oauth/authorizations/new',
  'POST /oauth/tokens',
] as const;

/**
 * The rate-limit buckets a request counts against, as the emulator takes them (OAuth pages: none).
 * With the request log (`state.requests`) it gives the requests per bucket (scripts/bench-crm.ts).
 */
export function routeBuckets(method: string, pathname: string): Bucket[] {
  const path = pathname.replace(/\.json$/, '');
  if (!path.startsWith('/api/v2/')) return [];
  return [...(ROUTES.find((r) => r.method === method && r.pattern.test(path))?.buckets ?? ['account'])];
}

/** The public client issueAccessToken uses when the test registered none. */
const BUILT_IN_CLIENT: OAuthClientConfig = { id: 'zendesk-emulator', redirectUris: ['http://127.0.0.1/callback'] };
const REFRESH_DEFAULT_SEC = 2_592_000;

export async function startZendeskEmulator(options: ZendeskEmulatorOptions = {}): Promise<ZendeskEmulator> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const instance = randomBytes(4).toString('hex');
  const state = new ZendeskState(now);
  const settings: EmulatorSettings = {
    talkPartnerEdition: options.talkPartnerEdition ?? false,
    searchIndexLagSec: options.searchIndexLagSec ?? 60,
  };
  const limiter = new RateLimiter({ ...DEFAULT_LIMITS, ...options.limits }, now);
  const apiTokens = new Map<string, string>();
  for (const { email, token } of options.apiTokens ?? []) {
    apiTokens.set(email.toLowerCase(), token);
    if (!state.findUserByEmail(email)) state.addUser({ name: email.split('@')[0]!, email: email.toLowerCase(), role: 'admin' });
  }
  const firstEmail = options.apiTokens?.[0]?.email ?? 'admin@example.com';
  const admin =
    state.findUserByEmail(firstEmail) ?? state.addUser({ name: 'Emulator Admin', email: firstEmail.toLowerCase(), role: 'admin' });
  const oauth = new OAuthStore(now, [...(options.oauthClients ?? []), BUILT_IN_CLIENT]);
  const approver = options.oauthApproval?.userEmail ? state.findUserByEmail(options.oauthApproval.userEmail) : admin;
  if (!approver) throw new Error(`oauthApproval.userEmail ${options.oauthApproval?.userEmail} is not a user (give it an API token)`);
  oauth.approval = { decision: options.oauthApproval?.decision ?? 'approve', userId: approver.id };
  const seedReport = options.seed ? state.seed(options.seed) : null;

  // `handle` is declared below; the listener calls it only once it serves.
  const listener = new StandInListener((req, res) => void handle(req, res), host, options.port ?? 0, 5_000);
  const listen = (): Promise<void> => listener.start();
  const stop = (): Promise<void> => listener.stop();

  const faults = new ZendeskFaults(async (down) => (down ? stop() : listen()));
  const baseUrl = (): string => `http://${host}:${listener.port}`;

  const dispatch = async (req: IncomingMessage, method: string, url: URL, readBody: () => Promise<Buffer>): Promise<Reply> => {
    const path = url.pathname.replace(/\.json$/, '');
    if (path === '/oauth/authorizations/new' && (method === 'GET' || method === 'POST')) {
      // "You can use either a POST or a GET request."
      const params = new URLSearchParams(url.searchParams);
      if (method === 'POST')
        for (const [k, v] of Object.entries(tokenParams(req.headers['content-type'] ?? '', await readBody()))) params.set(k, v);
      return oauth.authorize(params);
    }
    if (path === '/oauth/tokens' && method === 'POST')
      return oauth.exchange(tokenParams(req.headers['content-type'] ?? '', await readBody()));
    if (!path.startsWith('/api/v2/')) return { status: 404, body: 'Not Found' };
    const route = ROUTES.find((r) => r.method === method && r.pattern.test(path));
    const decision = limiter.take(routeBuckets(method, url.pathname));
    const withLimits = (reply: Reply): Reply => ({ ...reply, headers: { ...decision.headers, ...reply.headers } });
    if (!decision.allowed) {
      return withLimits({
        status: 429,
        body: 'Too Many Requests: the number of allowed API requests per minute is exceeded',
        headers: { 'retry-after': String(decision.retryAfterSec) },
      });
    }
    try {
      if (!route) throw errors.invalidEndpoint();
      const auth = authenticate(req.headers, apiTokens, oauth, state, faults, method, url.pathname);
      if (auth.failure && !(route.anonymous && auth.wrongPassword)) throw auth.failure;
      if (!auth.principal && !route.anonymous) throw errors.couldNotAuthenticate();
      const ctx: ApiContext = {
        method,
        url,
        headers: req.headers,
        params: route.pattern.exec(path)!.slice(1),
        principal: auth.principal,
        state,
        faults,
        settings,
        baseUrl: baseUrl(),
        readBody,
      };
      return withLimits(await route.handler(ctx, instance));
    } catch (error) {
      if (error instanceof ZendeskHttpError) return withLimits(error.toReply());
      throw error;
    }
  };

  const deliver = (req: IncomingMessage, res: ServerResponse, method: string, url: URL, reply: Reply): void => {
    const log = (status: number, fault?: string): void =>
      state.logRequest({ at: now(), method, path: url.pathname, query: url.search, status, ...(fault ? { fault } : {}) });
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const headers: Record<string, string | number> = {
      'content-type': typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...reply.headers,
    };
    sendWithFaults(faults, req, res, method, url.pathname, { status: reply.status, headers, text }, log, false);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    let body: Promise<Buffer> | null = null;
    const readBody = (): Promise<Buffer> => (body ??= readRequestBody(req));
    res.on('error', () => undefined);
    try {
      const cut = await applyArrivalFaults(faults, req, method, url.pathname, (status, fault) =>
        state.logRequest({ at: now(), method, path: url.pathname, query: url.search, status, ...(fault ? { fault } : {}) }),
      );
      if (cut) return;
      let reply: Reply;
      let rateLimited: ReturnType<ZendeskFaults['take']> = null;
      if (faults.take('error500', method, url.pathname)) {
        reply = { status: 500, body: { error: 'InternalServerError', description: 'Injected fault (Zendesk emulator)' } };
      } else if ((rateLimited = faults.take('rateLimit', method, url.pathname))) {
        reply = { status: 429, body: 'Too Many Requests (injected fault)', headers: { 'retry-after': String(rateLimited.retryAfterSec) } };
      } else {
        reply = await dispatch(req, method, url, readBody);
      }
      if (!body) req.resume();
      deliver(req, res, method, url, reply);
    } catch (error) {
      const reply =
        error instanceof ZendeskHttpError
          ? error.toReply()
          : { status: 500, body: { error: 'InternalServerError', description: String(error) } };
      if (!body) req.resume();
      if (!res.headersSent) deliver(req, res, method, url, reply);
      else req.socket.destroy();
    }
  };

  await listen();

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
    limiter,
    settings,
    seedReport,
    issueAccessToken(tokenOptions = {}) {
      const client = options.oauthClients?.[0]?.id ?? BUILT_IN_CLIENT.id;
      const record = oauth.issue(
        admin.id,
        client,
        tokenOptions.scopes ?? ['read', 'write'],
        tokenOptions.expiresInSec ?? null,
        REFRESH_DEFAULT_SEC,
      );
      return { accessToken: record.accessToken, refreshToken: record.refreshToken };
    },
    async close() {
      await stop();
    },
  };
}
