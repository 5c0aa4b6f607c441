import { DATA_ROOT, errors, readJsonObject, SalesforceHttpError, type ApiContext, type Reply } from './http';
import type { Route } from './routes';

/**
 * Composite (REST API Developer Guide › Reference › Composite; Composite Subrequest Result):
 * up to 25 subrequests in one call (one API call toward the limit), run in order; at most 5 of
 * them may be queries or sObject Collections. Each names a `referenceId` (a letter, then letters,
 * digits or underscores, unique in the request) whose answer later subrequests can use as
 * `@{refId.field}` or `@{refId.records[0].Id}`. Subrequest `httpHeaders` carry the conditional
 * headers (If-Unmodified-Since, If-Match…).
 *
 * `allOrNone: true`: the first failing subrequest stops the request and rolls every write back;
 * the others answer 400 PROCESSING_HALTED. Without it, a subrequest whose reference cannot be
 * resolved (its source failed) answers 400 PROCESSING_HALTED and the rest go on.
 * The answer is 200 `{ compositeResponse: [{ body, httpHeaders, httpStatusCode, referenceId }] }`.
 */

const MAX_SUBREQUESTS = 25;
const MAX_QUERY_OR_COLLECTIONS = 5;
const HALTED_ROLLED_BACK = 'The transaction was rolled back since another operation in the same transaction failed.';

interface Subrequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

interface SubResult {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

function readSubrequests(body: Record<string, unknown>): Subrequest[] {
  const list = body.compositeRequest;
  if (!Array.isArray(list) || list.length === 0) throw errors.jsonParser('The request body must have a non-empty "compositeRequest" array');
  if (list.length > MAX_SUBREQUESTS)
    throw errors.api(400, 'LIMIT_EXCEEDED', `A composite request can have at most ${MAX_SUBREQUESTS} subrequests`);
  const seen = new Set<string>();
  return list.map((item: unknown) => {
    const sub = item as Partial<Subrequest> | null;
    if (!sub || typeof sub !== 'object' || typeof sub.method !== 'string' || typeof sub.url !== 'string') {
      throw errors.jsonParser('Each subrequest needs method, url and referenceId');
    }
    if (typeof sub.referenceId !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(sub.referenceId)) {
      throw errors.api(
        400,
        'INVALID_INPUT',
        `referenceId must start with a letter and hold only letters, digits and underscores: ${String(sub.referenceId)}`,
      );
    }
    if (seen.has(sub.referenceId)) throw errors.api(400, 'INVALID_INPUT', `Duplicate referenceId: ${sub.referenceId}`);
    seen.add(sub.referenceId);
    if (sub.httpHeaders !== undefined && (typeof sub.httpHeaders !== 'object' || sub.httpHeaders === null))
      throw errors.jsonParser('httpHeaders must be an object');
    return sub as Subrequest;
  });
}

class Unresolved extends Error {}

/** The value at `path` (`id`, `records[0].Id`) in an earlier subrequest's answer. */
function lookup(results: Map<string, SubResult>, expression: string): unknown {
  const [refId, ...rest] = expression.split('.');
  const result = results.get(refId!);
  if (!result || result.httpStatusCode >= 400) throw new Unresolved(expression);
  let value: unknown = result.body;
  for (const part of rest.join('.').split('.')) {
    for (const m of part.matchAll(/([^[\]]+)|\[(\d+)\]/g)) {
      const key = m[1] ?? Number(m[2]);
      value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
    }
  }
  if (value === undefined) throw new Unresolved(expression);
  return value;
}

function substitute(value: unknown, results: Map<string, SubResult>): unknown {
  if (typeof value === 'string') {
    const whole = /^@\{([^}]+)\}$/.exec(value);
    if (whole) return lookup(results, whole[1]!);
    return value.replace(/@\{([^}]+)\}/g, (_, expr: string) => String(lookup(results, expr)));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, results));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results)]));
  }
  return value;
}

const halted = (referenceId: string, message: string): SubResult => ({
  body: [{ errorCode: 'PROCESSING_HALTED', message }],
  httpHeaders: {},
  httpStatusCode: 400,
  referenceId,
});

async function runOne(ctx: ApiContext, routes: Route[], sub: Subrequest, results: Map<string, SubResult>): Promise<SubResult> {
  let url: string;
  let body: unknown;
  try {
    url = substitute(sub.url, results) as string;
    body = sub.body === undefined ? undefined : substitute(sub.body, results);
  } catch (error) {
    if (!(error instanceof Unresolved)) throw error;
    const [refId] = error.message.split('.');
    return halted(
      sub.referenceId,
      `Invalid reference specified. No value for ${error.message} found in ${refId}. Provided referenceId ${sub.referenceId}`,
    );
  }
  const parsed = new URL(url, 'http://emulator.invalid');
  const method = sub.method.toUpperCase();
  const reply = await (async (): Promise<Reply> => {
    if (!parsed.pathname.startsWith(`${DATA_ROOT}/`))
      return errors.notFound(`The subrequest URL must start with ${DATA_ROOT}/: ${url}`).toReply();
    const rest = parsed.pathname.slice(DATA_ROOT.length).replace(/\/$/, '');
    const route = routes.find((r) => r.pattern.test(rest));
    const handler = route?.methods[method];
    if (!route || !handler || handler.name === 'composite') return errors.notFound().toReply();
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const [k, v] of Object.entries(sub.httpHeaders ?? {})) headers[k.toLowerCase()] = String(v);
    const subCtx: ApiContext = {
      ...ctx,
      method,
      url: parsed,
      headers,
      params: route.pattern.exec(rest)!.slice(1),
      readBody: async () => Buffer.from(body === undefined ? '' : JSON.stringify(body)),
    };
    try {
      return await handler.run(subCtx);
    } catch (error) {
      if (error instanceof SalesforceHttpError) return error.toReply();
      throw error;
    }
  })();
  return { body: reply.body ?? null, httpHeaders: reply.headers ?? {}, httpStatusCode: reply.status, referenceId: sub.referenceId };
}

export async function compositeRequest(ctx: ApiContext, routes: Route[]): Promise<Reply> {
  const body = await readJsonObject(ctx);
  const allOrNone = body.allOrNone ?? false;
  if (typeof allOrNone !== 'boolean') throw errors.jsonParser('allOrNone must be a boolean');
  const subs = readSubrequests(body);
  const heavy = subs.filter((s) => /\/(query|queryAll)(\/|\?|$)|\/composite\/sobjects/.test(s.url)).length;
  if (heavy > MAX_QUERY_OR_COLLECTIONS) {
    throw errors.api(
      400,
      'LIMIT_EXCEEDED',
      `A composite request can have at most ${MAX_QUERY_OR_COLLECTIONS} query or sObject Collections subrequests`,
    );
  }
  const results = new Map<string, SubResult>();
  const ordered: SubResult[] = [];
  const failedAt = await runInTransaction(ctx, allOrNone, async () => {
    for (const [i, sub] of subs.entries()) {
      const result = await runOne(ctx, routes, sub, results);
      results.set(sub.referenceId, result);
      ordered.push(result);
      if (allOrNone && result.httpStatusCode >= 400) return i;
    }
    return -1;
  });
  if (failedAt >= 0) {
    const answered = subs.map((sub, i) => (i === failedAt ? ordered[i]! : halted(sub.referenceId, HALTED_ROLLED_BACK)));
    return { status: 200, body: { compositeResponse: answered } };
  }
  return { status: 200, body: { compositeResponse: ordered } };
}

/**
 * Runs the subrequests in one state transaction. Their bodies are already in memory, so no
 * await in between waits on I/O: no other request's writes can land inside the transaction.
 */
async function runInTransaction(ctx: ApiContext, allOrNone: boolean, run: () => Promise<number>): Promise<number> {
  const state = ctx.state;
  const mark = state.beginTransaction();
  try {
    const failedAt = await run();
    if (allOrNone && failedAt >= 0) state.rollbackTo(mark);
    return failedAt;
  } catch (error) {
    state.rollbackTo(mark);
    throw error;
  } finally {
    state.endTransaction(mark);
  }
}
