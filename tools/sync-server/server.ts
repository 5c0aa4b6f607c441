import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { StandInListener } from '../stand-in-listener';
import {
  CHANGE_BODY_MAX_BYTES,
  IDEMPOTENCY_HEADER,
  PULL_LIMIT_DEFAULT,
  PULL_LIMIT_MAX,
  REPLAYED_HEADER,
  SYNC_API_VERSION,
  changeRequest,
  type ProblemCode,
} from '../../shared/sync/api';
import { ServerDatabase, type FeedKind } from './database';
import { FaultInjector, faultConfigSchema, type FaultInput, type FaultPlan, type RequestClass } from './faults';
import { seedDatabase } from './seed';
import { issueWhy } from '../../shared/policy/rule-text';
import type { ProvisionedSipAccount } from '../../shared/sync/sip-account';
import { BearerCheck, type Caller, type OidcBearerOptions } from './bearer-check';

/**
 * The reference Sync API server: a real HTTP server over its own SQLite file,
 * for tests, demos and integrators (docs/sync-api.md). No framework: the API
 * is six routes, and a test must see exactly what goes over the wire.
 *
 * Admin routes (`/admin/...`) are for tests and demos: fault switches,
 * statistics, seeding, a simulated restart. They take their own token.
 */

export interface SyncServerOptions {
  dbFile: string;
  /** The site's static client token. Optional when `oidc` is set (agents then send their access tokens). */
  token?: string;
  /**
   * SIP accounts by the agent's subject (`sub` of the access token): what `GET /v1/me/sip-account`
   * hands a signed-in agent. Not set: that route answers 404 for everyone.
   */
  sipAccounts?: Readonly<Record<string, ProvisionedSipAccount>>;
  /** Accept access tokens from this OpenID Provider (checked against its JWKS: tools/sync-server/bearer-check.ts). */
  oidc?: OidcBearerOptions;
  /**
   * Token for /admin routes; must differ from `token` (else any client could reset the data or
   * inject faults). Not set: /admin refuses every request.
   */
  adminToken?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  faults?: FaultInput;
  /** One line per notable event (start, stop, restart); never record contents. */
  log?: (line: string) => void;
  /** Clock for `appliedAt`/`updatedAt`; tests may fix it. */
  now?: () => number;
}

export interface RequestStats {
  total: number;
  byStatus: Record<string, number>;
  /** Requests per route (`GET /v1/cases/changes`), counted when they arrive. */
  byRoute: Record<string, number>;
}

export interface SyncServer {
  readonly url: string;
  readonly port: number;
  readonly faults: FaultInjector;
  readonly database: ServerDatabase;
  readonly requests: RequestStats;
  /** Stops listening, cuts every open connection and closes the database. */
  stop(): Promise<void>;
  /** Opens the database and listens again on the same port. */
  start(): Promise<void>;
  /** stop(), wait `downMs`, start(): what a deploy or a crash-and-restart looks like from outside. */
  restart(downMs: number): Promise<void>;
  readonly running: boolean;
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL, plan: FaultPlan) => Promise<void> | void;

const bearerOf = (req: IncomingMessage): string | null => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(title);
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > max) throw new HttpProblem(413, 'payload-too-large', 'The request body is too large', `At most ${max} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new HttpProblem(413, 'payload-too-large', 'The request body is too large', `At most ${max} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpProblem(415, 'invalid-request', 'The body must be JSON', 'Send Content-Type: application/json.');
  }
  const body = await readBody(req, max);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpProblem(400, 'invalid-request', 'The body is not valid JSON');
  }
}

/** Resolves when `res` can take more, or is gone. */
function writable(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.') || '(body)', message: issueWhy(i) }));
}

const pullQuery = z.strictObject({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(PULL_LIMIT_DEFAULT),
  total: z.enum(['true', 'false']).optional(),
});

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,255}$/;

/** Every route the server answers, as `METHOD /path` with OpenAPI-style parameters (the OpenAPI test checks both ways). */
export const SERVER_ROUTES = [
  'GET /v1/health',
  'GET /v1/customers/changes',
  'GET /v1/cases/changes',
  'GET /v1/customers/{id}',
  'GET /v1/cases/{id}',
  'POST /v1/changes',
  'GET /v1/me/sip-account',
  'GET /admin/stats',
  'GET /admin/changes',
  'PUT /admin/faults',
  'POST /admin/seed',
  'POST /admin/restart',
] as const;

export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  if (options.adminToken !== undefined && options.adminToken === options.token) {
    throw new Error(
      'The admin token must differ from the client token: anyone holding the client token could otherwise use /admin (reset data, inject faults).',
    );
  }
  const adminToken = options.adminToken ?? null;
  const bearers = new BearerCheck(options.token ?? null, options.oidc ?? null, now);
  const faults = new FaultInjector(options.faults);
  const requests: RequestStats = { total: 0, byStatus: {}, byRoute: {} };
  let database = new ServerDatabase(options.dbFile);
  // `handle` is declared below; the listener calls it only once it serves.
  const listener = new StandInListener((req, res) => void handle(req, res), host, options.port ?? 0, 30_000);

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, drop = false): void => {
    requests.total += 1;
    requests.byStatus[status] = (requests.byStatus[status] ?? 0) + 1;
    const text = JSON.stringify(body);
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
    if (drop) {
      // Half the body, then the connection is cut: the client sees a reset mid-response.
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setImmediate(() => res.socket?.destroy());
      return;
    }
    res.end(text);
  };

  const sendProblem = (res: ServerResponse, problem: HttpProblem, drop = false): void => {
    send(
      res,
      problem.status,
      {
        type: `https://switchboard.invalid/problems/${problem.code}`,
        title: problem.title,
        status: problem.status,
        code: problem.code,
        ...(problem.detail ? { detail: problem.detail } : {}),
        ...problem.extra,
      },
      problem.status === 401 ? { 'www-authenticate': 'Bearer realm="switchboard-sync"', ...problem.headers } : problem.headers,
      drop,
    );
  };

  const requireToken = (req: IncomingMessage, expected: string | null): void => {
    const given = bearerOf(req);
    if (expected === null || given === null || !sameSecret(given, expected)) {
      throw new HttpProblem(401, 'unauthorized', 'A valid bearer token is required', 'Send Authorization: Bearer <token>.');
    }
  };

  /** A /v1 caller: the static token, or an access token from the configured issuer. */
  const requireClient = async (req: IncomingMessage): Promise<Caller> => {
    const result = await bearers.check(bearerOf(req));
    if (result.ok) return result.caller;
    if (result.unavailable) throw new HttpProblem(503, 'unavailable', 'The server cannot check sign-ins right now', result.detail);
    throw new HttpProblem(401, 'unauthorized', 'A valid bearer token is required', result.detail);
  };

  const cursorSeq = (cursor: string | undefined, kind: FeedKind): number => {
    if (cursor === undefined || cursor === '') return 0;
    // `.e<n>`: the tail a feed without end (fault `endlessPages`) adds; the position is the number before it.
    const match = /^v1\.([a-z]+)\.([0-9a-f]{8})\.(\d{1,15})(?:\.e\d{1,15})?$/.exec(cursor);
    if (!match || match[1] !== kind || match[2] !== database.instanceId) {
      throw new HttpProblem(
        410,
        'cursor-invalid',
        'This cursor is not valid on this server',
        'The server was reset or the cursor belongs to another feed: start again without a cursor.',
      );
    }
    return Number(match[3]);
  };

  /** A page with `padBytes` of whitespace before its closing brace, streamed without Content-Length. */
  const sendPadded = async (res: ServerResponse, body: Record<string, unknown>, padBytes: number): Promise<void> => {
    requests.total += 1;
    requests.byStatus[200] = (requests.byStatus[200] ?? 0) + 1;
    const text = JSON.stringify(body);
    // A client that stops reading cuts the connection; the write then fails, which is expected here.
    res.on('error', () => undefined);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.write(text.slice(0, -1));
    const chunk = ' '.repeat(64 * 1024);
    for (let sent = 0; sent < padBytes && !res.destroyed; sent += chunk.length) {
      const piece = padBytes - sent >= chunk.length ? chunk : chunk.slice(0, padBytes - sent);
      if (!res.write(piece)) await writable(res);
    }
    if (!res.destroyed) res.end('}');
  };

  const feedRoute =
    (kind: FeedKind): Route =>
    async (req, res, url, plan) => {
      await requireClient(req);
      const query = pullQuery.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success)
        throw new HttpProblem(400, 'invalid-request', 'Invalid query parameters', undefined, { issues: zodIssues(query.error) });
      const after = cursorSeq(query.data.cursor, kind);
      const page = database.feed(kind, after, query.data.limit, query.data.total === 'true');
      const pagePlan = faults.page();
      let nextCursor = `v1.${kind}.${database.instanceId}.${page.lastSeq}`;
      let hasMore = page.hasMore;
      if (!hasMore && pagePlan.endless !== 'off') {
        faults.injected.endless += 1;
        hasMore = true;
        if (pagePlan.endless === 'same-cursor') nextCursor = query.data.cursor ?? nextCursor;
        else nextCursor += `.e${faults.injected.endless}`;
      }
      const body: Record<string, unknown> = { items: page.items, deleted: page.deleted, nextCursor, hasMore };
      if (page.total !== undefined) body.total = page.total;
      if (pagePlan.padBytes > 0) {
        await sendPadded(res, body, pagePlan.padBytes);
        return;
      }
      send(res, 200, body, {}, plan.drop);
    };

  const recordRoute =
    (kind: 'customer' | 'case'): Route =>
    async (req, res, url, plan) => {
      await requireClient(req);
      const id = decodeURIComponent(url.pathname.split('/').pop() ?? '');
      const record = kind === 'customer' ? database.getCustomer(id) : database.getCase(id);
      if (!record) throw new HttpProblem(404, 'not-found', `No such ${kind}`);
      send(res, 200, record, {}, plan.drop);
    };

  const changeRoute: Route = async (req, res, _url, plan) => {
    await requireClient(req);
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (typeof key !== 'string' || key === '') {
      throw new HttpProblem(
        400,
        'idempotency-key-missing',
        'Every change needs an Idempotency-Key header',
        'Make one key (e.g. a UUID) per change and send it on every retry.',
      );
    }
    if (!IDEMPOTENCY_KEY.test(key))
      throw new HttpProblem(400, 'invalid-request', 'The Idempotency-Key must be 8–255 visible ASCII characters');
    const body = await readJson(req, CHANGE_BODY_MAX_BYTES);
    const parsed = changeRequest.safeParse(body);
    if (!parsed.success)
      throw new HttpProblem(422, 'invalid-request', 'The change is not valid', undefined, { issues: zodIssues(parsed.error) });
    let outcome = database.applyChange(key, parsed.data, now());
    // A duplicate delivery: the same request handled again, as a retrying proxy would.
    if (plan.duplicate) outcome = database.applyChange(key, parsed.data, now());
    if (outcome.status === 200) {
      send(res, 200, outcome.result, outcome.replayed ? { [REPLAYED_HEADER]: 'true' } : {}, plan.drop);
      return;
    }
    if (outcome.status === 409) {
      throw new HttpProblem(409, 'version-conflict', outcome.title, outcome.detail, {
        currentVersion: outcome.currentVersion,
        current: outcome.current,
      });
    }
    throw new HttpProblem(outcome.status, outcome.code, outcome.title, outcome.detail, outcome.issues ? { issues: outcome.issues } : {});
  };

  const sipAccountRoute: Route = async (req, res) => {
    const caller = await requireClient(req);
    const account = caller.subject === null ? undefined : options.sipAccounts?.[caller.subject];
    if (!account) {
      throw new HttpProblem(
        404,
        'not-found',
        'No SIP account is provisioned for you',
        caller.subject === null
          ? 'The site token names no agent: sign in to get your SIP account.'
          : 'Ask IT to set up your phone account.',
      );
    }
    send(res, 200, account);
  };

  const healthRoute: Route = (_req, res) => {
    send(res, 200, { status: 'ok', apiVersion: SYNC_API_VERSION, serverTime: now() });
  };

  const adminRoute =
    (handler: (body: unknown, url: URL) => unknown, method: 'GET' | 'PUT' | 'POST'): Route =>
    async (req, res, url) => {
      requireToken(req, adminToken);
      const body = method === 'GET' ? undefined : await readJson(req, 1024 * 1024);
      send(res, 200, await handler(body, url));
    };

  const stats = () => ({
    instanceId: database.instanceId,
    counts: database.counts(),
    requests,
    faultsInjected: faults.injected,
    faults: faults.current,
  });

  const seedBody = z.strictObject({
    customers: z.number().int().min(0).max(5_000_000),
    cases: z.number().int().min(0).max(20_000_000),
    seed: z.number().int().optional(),
  });
  const restartBody = z.strictObject({ downMs: z.number().int().min(0).max(600_000).default(0) });

  const routes: Record<string, { route: Route; kind: RequestClass }> = {
    'GET /v1/health': { route: healthRoute, kind: 'other' },
    'GET /v1/customers/changes': { route: feedRoute('customers'), kind: 'pull' },
    'GET /v1/cases/changes': { route: feedRoute('cases'), kind: 'pull' },
    'GET /v1/customers/{id}': { route: recordRoute('customer'), kind: 'pull' },
    'GET /v1/cases/{id}': { route: recordRoute('case'), kind: 'pull' },
    'POST /v1/changes': { route: changeRoute, kind: 'push' },
    'GET /v1/me/sip-account': { route: sipAccountRoute, kind: 'other' },
    'GET /admin/stats': { route: adminRoute(() => stats(), 'GET'), kind: 'other' },
    'GET /admin/changes': {
      route: adminRoute((_b, url) => {
        const limit = Math.min(100_000, Number(url.searchParams.get('limit') ?? '1000') || 1000);
        return { changes: database.listChanges(limit, url.searchParams.get('orderingKey') ?? undefined) };
      }, 'GET'),
      kind: 'other',
    },
    'PUT /admin/faults': {
      route: adminRoute((body) => {
        const parsed = faultConfigSchema.safeParse(body);
        if (!parsed.success)
          throw new HttpProblem(422, 'invalid-request', 'Invalid fault configuration', undefined, { issues: zodIssues(parsed.error) });
        return faults.set(parsed.data);
      }, 'PUT'),
      kind: 'other',
    },
    'POST /admin/seed': {
      route: adminRoute((body) => {
        const parsed = seedBody.safeParse(body);
        if (!parsed.success)
          throw new HttpProblem(422, 'invalid-request', 'Invalid seed request', undefined, { issues: zodIssues(parsed.error) });
        return seedDatabase(database, parsed.data);
      }, 'POST'),
      kind: 'other',
    },
    'POST /admin/restart': {
      route: async (req, res) => {
        requireToken(req, adminToken);
        const parsed = restartBody.safeParse(await readJson(req, 1024));
        if (!parsed.success)
          throw new HttpProblem(422, 'invalid-request', 'Invalid restart request', undefined, { issues: zodIssues(parsed.error) });
        send(res, 202, { restarting: true, downMs: parsed.data.downMs });
        setImmediate(() => void server.restart(parsed.data.downMs));
      },
      kind: 'other',
    },
  };

  const declared = Object.keys(routes).sort().join('|');
  if (declared !== [...SERVER_ROUTES].sort().join('|')) throw new Error('SERVER_ROUTES is out of date with the routes the server answers');

  const match = (method: string, pathname: string): { key: string; route: Route; kind: RequestClass } | null => {
    const exact = routes[`${method} ${pathname}`];
    if (exact) return { key: `${method} ${pathname}`, ...exact };
    const record = /^\/v1\/(customers|cases)\/([^/]+)$/.exec(pathname);
    const key = `${method} /v1/${record?.[1]}/{id}`;
    if (record && record[2] !== 'changes' && routes[key]) return { key, ...routes[key] };
    return null;
  };

  const knownPath = (pathname: string): boolean =>
    Object.keys(routes).some((r) => r.split(' ')[1] === pathname) || /^\/v1\/(customers|cases)\/[^/]+$/.test(pathname);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://server.invalid');
    const found = match(req.method ?? 'GET', url.pathname);
    if (!found) {
      const problem = knownPath(url.pathname)
        ? new HttpProblem(405, 'invalid-request', `${req.method} is not allowed here`)
        : new HttpProblem(404, 'not-found', 'No such endpoint', `Nothing at ${url.pathname.slice(0, 100)}.`);
      sendProblem(res, problem);
      req.resume();
      return;
    }
    requests.byRoute[found.key] = (requests.byRoute[found.key] ?? 0) + 1;
    const plan = faults.plan(found.kind);
    if (plan.delayMs > 0) await new Promise((r) => setTimeout(r, plan.delayMs));
    if (plan.hang) return; // Never answered; the connection stays open until the client gives up or the server stops.
    if (plan.failStatus !== null) {
      req.resume();
      sendProblem(
        res,
        plan.failStatus === 429
          ? new HttpProblem(
              429,
              'rate-limited',
              'Too many requests',
              'Slow down and retry after the given time.',
              {},
              { 'retry-after': String(plan.retryAfterS ?? 1) },
            )
          : new HttpProblem(plan.failStatus, plan.failStatus === 503 ? 'unavailable' : 'internal', 'The server failed (injected fault)'),
      );
      return;
    }
    try {
      await found.route(req, res, url, plan);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpProblem) {
        req.resume();
        sendProblem(res, error, plan.drop);
        return;
      }
      log(`request failed: ${error instanceof Error ? error.name : typeof error}`);
      sendProblem(res, new HttpProblem(500, 'internal', 'The server failed'));
    }
  };

  const listen = async (): Promise<void> => {
    if (!database.db.open) database = new ServerDatabase(options.dbFile);
    await listener.start();
    log(`sync server listening on http://${host}:${listener.port}`);
  };

  const server: SyncServer = {
    get url() {
      return `http://${host}:${listener.port}`;
    },
    get port() {
      return listener.port;
    },
    faults,
    get database() {
      return database;
    },
    requests,
    get running() {
      return listener.running;
    },
    async stop() {
      await listener.stop();
      database.close();
      log('sync server stopped');
    },
    async start() {
      if (listener.running) return;
      await listen();
    },
    async restart(downMs) {
      await server.stop();
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      await server.start();
    },
  };

  await listen();
  return server;
}
