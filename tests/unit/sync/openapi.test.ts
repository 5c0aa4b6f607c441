import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { pauseInterval, recordingPausesSchema } from '../../../shared/telephony/recording-pause';
import { applyStep, closeRun, openRun } from '../../../shared/scripts/guided-scripts';
import { scriptRunsSchema } from '../../../shared/scripts/script-run';
import { englishOf } from '../../../shared/text/user-text';
import { defaultWorkflowConfig } from '../../../electron/agent/workflow-defaults';
import { callbackInput, type CallbackInput } from '../../../shared/store/schemas';
import { seedDatabase } from '../../../tools/sync-server/seed';
import { SERVER_ROUTES, startSyncServer, type SyncServer } from '../../../tools/sync-server/server';

/**
 * docs/sync-api.openapi.yaml is the published contract. These tests prove it
 * is a well-formed OpenAPI 3.1 document whose schemas compile under JSON
 * Schema 2020-12, that the reference server implements exactly the paths and
 * methods it lists, and that what the server answers (status, media type,
 * body) matches what it documents for that status.
 */

type Json = Record<string, unknown>;
const SPEC_FILE = path.resolve(import.meta.dirname, '../../../docs/sync-api.openapi.yaml');
const spec = parseYaml(readFileSync(SPEC_FILE, 'utf8')) as Json;
const TOKEN = 'openapi-test-token';
const ADMIN_TOKEN = 'openapi-admin-token';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** OpenAPI refs point into the document; as JSON Schema they point into `$defs` of one schema resource. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out: Json = {};
    for (const [key, value] of Object.entries(node as Json)) {
      out[key] =
        key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', 'sync-api#/$defs/') : rewriteRefs(value);
    }
    return out;
  }
  return node;
}

const ajv = new Ajv2020({ strict: true, allErrors: true, strictTypes: false });
addFormats(ajv);
const components = spec.components as Json;
ajv.addSchema({ $id: 'sync-api', $defs: rewriteRefs(components.schemas) as Json });

function resolve(node: unknown): Json {
  let current = node as Json;
  while (typeof current.$ref === 'string') {
    const parts = current.$ref.replace(/^#\//, '').split('/');
    current = parts.reduce<Json>((acc, part) => acc[part] as Json, spec);
  }
  return current;
}

const paths = spec.paths as Record<string, Record<string, Json>>;
function operation(pathKey: string, method: string): Json {
  const op = paths[pathKey]?.[method];
  if (!op) throw new Error(`${method.toUpperCase()} ${pathKey} is not documented`);
  return op;
}

const validators = new Map<string, ValidateFunction>();
function responseValidator(pathKey: string, method: string, status: number, mediaType: string): ValidateFunction {
  const id = `${method} ${pathKey} ${status} ${mediaType}`;
  const cached = validators.get(id);
  if (cached) return cached;
  const responses = operation(pathKey, method).responses as Json;
  const documented = responses[String(status)];
  if (!documented) throw new Error(`${id}: status ${status} is not documented`);
  const content = resolve(documented).content as Record<string, Json> | undefined;
  const media = content?.[mediaType];
  if (!media) throw new Error(`${id}: media type ${mediaType} is not documented (documented: ${Object.keys(content ?? {}).join(', ')})`);
  const validate = ajv.compile(rewriteRefs(media.schema) as Json);
  validators.set(id, validate);
  return validate;
}

let dir: string;
let server: SyncServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sb-openapi-'));
  server = await startSyncServer({ dbFile: path.join(dir, 'server.db'), token: TOKEN, adminToken: ADMIN_TOKEN });
  seedDatabase(server.database, { customers: 5, cases: 12, seed: 7 });
});

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Exchange {
  status: number;
  mediaType: string;
  body: unknown;
  headers: Headers;
}

async function call(
  method: string,
  urlPath: string,
  options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Exchange> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? TOKEN : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}${urlPath}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    mediaType: (res.headers.get('content-type') ?? '').split(';')[0]!.trim(),
    body: text ? JSON.parse(text) : null,
    headers: res.headers,
  };
}

/** Asserts the exchange is documented for this operation and its body matches the documented schema. */
function expectDocumented(pathKey: string, method: string, exchange: Exchange): void {
  const validate = responseValidator(pathKey, method, exchange.status, exchange.mediaType);
  const ok = validate(exchange.body);
  expect(ok, `${method.toUpperCase()} ${pathKey} → ${exchange.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

const change = (overrides: Json = {}): Json => ({
  entityKind: 'case',
  entityId: 'case-1',
  operation: 'update',
  orderingKey: 'case-1',
  createdAt: 1_700_000_000_000,
  expectedVersion: 1,
  payload: { status: 'pending' },
  ...overrides,
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with every schema compiling under JSON Schema 2020-12', () => {
    expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
    expect((spec.info as Json).title).toBe('Switchboard Sync API');
    for (const name of Object.keys(components.schemas as Json)) {
      expect(() => ajv.getSchema(`sync-api#/$defs/${name}`), name).not.toThrow();
      expect(ajv.getSchema(`sync-api#/$defs/${name}`), name).toBeTypeOf('function');
    }
    // Every operation has an id, responses, and each documented response a description.
    for (const [pathKey, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS as readonly string[], `${pathKey} ${method}`).toContain(method);
        expect(op.operationId, `${method} ${pathKey}`).toBeTypeOf('string');
        for (const [status, response] of Object.entries(op.responses as Json)) {
          expect(resolve(response).description, `${method} ${pathKey} ${status}`).toBeTypeOf('string');
        }
      }
    }
  });

  it('documents the paused recording intervals exactly as the app writes them into an interaction', () => {
    const validate = ajv.getSchema('sync-api#/$defs/RecordingPause');
    if (!validate) throw new Error('RecordingPause is not documented');
    const answeredAt = 1_700_000_000_000;
    const written = recordingPausesSchema.parse([
      pauseInterval(answeredAt, answeredAt + 42_000, answeredAt + 90_000, 'agent'),
      pauseInterval(answeredAt, answeredAt + 120_000, answeredAt + 150_500, 'script'),
    ]);
    for (const pause of written) expect(validate(pause), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ startSec: 1, endSec: 2, by: 'robot' })).toBe(false);
    expect(validate({ startSec: 1, by: 'agent' })).toBe(false);
  });

  it('documents guided script runs exactly as the app writes them into an interaction', () => {
    const validate = ajv.getSchema('sync-api#/$defs/GuidedScriptRun');
    if (!validate) throw new Error('GuidedScriptRun is not documented');
    const [script] = defaultWorkflowConfig().guidedScripts.filter((s) => s.steps.some((step) => step.payment));
    if (!script) throw new Error('no shipped script has a payment step');
    const opened = openRun(script, 1_700_000_000_000);
    const started = applyStep(opened, script.steps.find((s) => s.payment)!.id, 'start', 1_700_000_030_000);
    if (!started.ok) throw new Error(englishOf(started.text));
    const ticked = applyStep(started.run, script.steps[0]!.id, 'done', 1_700_000_040_000);
    if (!ticked.ok) throw new Error(englishOf(ticked.text));
    const written = scriptRunsSchema.parse([ticked.run, closeRun(opened, 1_700_000_090_000)]);
    for (const run of written) expect(validate(run), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...written[0], steps: [] })).toBe(false);
    expect(validate({ ...written[0], owner: 'someone' })).toBe(false);
  });

  it('documents a callback exactly as the app queues it, in each state My callbacks can leave it in', () => {
    const validate = ajv.getSchema('sync-api#/$defs/Callback');
    if (!validate) throw new Error('Callback is not documented');
    const at = 1_700_000_000_000;
    const queued = (input: CallbackInput) => ({ ...callbackInput.parse(input), id: 'wrap-up:I-1', createdAt: at, updatedAt: at });
    const base: CallbackInput = {
      id: 'wrap-up:I-1',
      customerId: 'C-1',
      caseId: null,
      interactionId: 'I-1',
      number: '+442079460018',
      dueAt: at,
    };
    for (const record of [
      queued({ ...base, remindAt: at - 300_000, note: 'Wants the refund confirmed' }),
      queued({ ...base, state: 'done', outcome: 'no-answer', completedAt: at }),
      queued({ ...base, state: 'handed-back', handBackReason: 'Needs a Welsh speaker', completedAt: at }),
    ])
      expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...queued(base), outcome: 'sold-a-router' })).toBe(false);
    expect(validate({ ...queued(base), state: 'parked' })).toBe(false);
  });

  it('lists exactly the routes the reference server implements', () => {
    const documented = Object.entries(paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual([...SERVER_ROUTES].sort());
  });
});

describe('the reference server answers as documented', () => {
  it('health, without a token', async () => {
    expectDocumented('/v1/health', 'get', await call('GET', '/v1/health', { token: null }));
  });

  it('change feeds, paged with a cursor, with total on request; bad cursor 410; bad query 400; no token 401', async () => {
    for (const feed of ['customers', 'cases'] as const) {
      const key = `/v1/${feed}/changes`;
      const first = await call('GET', `${key}?limit=4&total=true`);
      expect(first.status).toBe(200);
      expectDocumented(key, 'get', first);
      const page = first.body as { nextCursor: string; hasMore: boolean; total: number };
      expect(page.hasMore).toBe(true);
      expect(page.total).toBe(feed === 'customers' ? 5 : 12);
      const next = await call('GET', `${key}?limit=100&cursor=${encodeURIComponent(page.nextCursor)}`);
      expectDocumented(key, 'get', next);
      expect((next.body as { hasMore: boolean }).hasMore).toBe(false);
      expectDocumented(key, 'get', await call('GET', `${key}?cursor=v1.${feed}.00000000.5`));
      expectDocumented(key, 'get', await call('GET', `${key}?limit=0`));
      const unauthorized = await call('GET', key, { token: 'wrong-token-x' });
      expect(unauthorized.status).toBe(401);
      expect(unauthorized.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expectDocumented(key, 'get', unauthorized);
    }
  });

  it('single records, and 404 for an unknown id', async () => {
    expectDocumented('/v1/customers/{id}', 'get', await call('GET', '/v1/customers/cust-1'));
    expectDocumented('/v1/cases/{id}', 'get', await call('GET', '/v1/cases/case-1'));
    const missing = await call('GET', '/v1/cases/case-999');
    expect(missing.status).toBe(404);
    expectDocumented('/v1/cases/{id}', 'get', missing);
  });

  it('changes: applied, replayed under the same key, 409 with the server copy, 422, 400 without a key, 404', async () => {
    const applied = await call('POST', '/v1/changes', { body: change(), headers: { 'idempotency-key': 'key-openapi-1' } });
    expect(applied.status).toBe(200);
    expectDocumented('/v1/changes', 'post', applied);
    const replay = await call('POST', '/v1/changes', { body: change(), headers: { 'idempotency-key': 'key-openapi-1' } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(applied.body);
    expectDocumented('/v1/changes', 'post', replay);

    const stale = await call('POST', '/v1/changes', {
      body: change({ payload: { status: 'closed' } }),
      headers: { 'idempotency-key': 'key-openapi-2' },
    });
    expect(stale.status).toBe(409);
    expect((stale.body as { current: { version: number } }).current.version).toBe(2);
    expectDocumented('/v1/changes', 'post', stale);

    const reused = await call('POST', '/v1/changes', {
      body: change({ expectedVersion: 2 }),
      headers: { 'idempotency-key': 'key-openapi-1' },
    });
    expect(reused.status).toBe(422);
    expectDocumented('/v1/changes', 'post', reused);

    const invalid = await call('POST', '/v1/changes', {
      body: change({ expectedVersion: 2, payload: { status: 'exploded' } }),
      headers: { 'idempotency-key': 'key-openapi-3' },
    });
    expect(invalid.status).toBe(422);
    expectDocumented('/v1/changes', 'post', invalid);

    const noKey = await call('POST', '/v1/changes', { body: change() });
    expect(noKey.status).toBe(400);
    expectDocumented('/v1/changes', 'post', noKey);

    const gone = await call('POST', '/v1/changes', {
      body: change({ entityId: 'case-404', expectedVersion: 3 }),
      headers: { 'idempotency-key': 'key-openapi-4' },
    });
    expect(gone.status).toBe(404);
    expectDocumented('/v1/changes', 'post', gone);
  });

  it('injected faults: 429 with Retry-After and 500/503 answers are documented problems', async () => {
    const admin = await call('PUT', '/admin/faults', {
      token: ADMIN_TOKEN,
      body: { rateLimitNext: 1, retryAfterS: 2, failNext: 2, failStatus: 503 },
    });
    expectDocumented('/admin/faults', 'put', admin);
    const limited = await call('GET', '/v1/cases/changes');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expectDocumented('/v1/cases/changes', 'get', limited);
    const failing = await call('POST', '/v1/changes', {
      body: change({ expectedVersion: 2 }),
      headers: { 'idempotency-key': 'key-openapi-5' },
    });
    expect(failing.status).toBe(503);
    expectDocumented('/v1/changes', 'post', failing);
    expectDocumented('/v1/cases/changes', 'get', await call('GET', '/v1/cases/changes'));
    expectDocumented('/admin/faults', 'put', await call('PUT', '/admin/faults', { token: ADMIN_TOKEN, body: { errorRate: 2 } }));
    expectDocumented('/admin/faults', 'put', await call('PUT', '/admin/faults', { token: ADMIN_TOKEN, body: {} }));
  });

  it('admin routes', async () => {
    expectDocumented('/admin/stats', 'get', await call('GET', '/admin/stats', { token: ADMIN_TOKEN }));
    expectDocumented('/admin/changes', 'get', await call('GET', '/admin/changes?limit=10', { token: ADMIN_TOKEN }));
    expectDocumented('/admin/seed', 'post', await call('POST', '/admin/seed', { token: ADMIN_TOKEN, body: { customers: 1, cases: 1 } }));
    expectDocumented('/admin/seed', 'post', await call('POST', '/admin/seed', { token: ADMIN_TOKEN, body: { customers: -1, cases: 1 } }));
    expectDocumented('/admin/stats', 'get', await call('GET', '/admin/stats', { token: null }));
    // The client token opens /v1 only: a client cannot reset the data or inject faults.
    const asClient = await call('GET', '/admin/stats', { token: TOKEN });
    expect(asClient.status).toBe(401);
    expectDocumented('/admin/stats', 'get', asClient);
    const restart = await call('POST', '/admin/restart', { token: ADMIN_TOKEN, body: { downMs: 0 } });
    expectDocumented('/admin/restart', 'post', restart);
    await expect
      .poll(async () => (await call('GET', '/v1/health', { token: null }).catch(() => ({ status: 0 }))).status, { timeout: 5000 })
      .toBe(200);
  });
});
