import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/logging/logger';
import { SourceError, type PullRequest } from '../../../electron/sync/case-source';
import { HISTORY_NOT_STARTED, decodeCursor, encodeCursor } from '../../../electron/sync/connectors/zendesk/zendesk-cursor';
import { createZendeskSource, type ZendeskSourceOptions } from '../../../electron/sync/connectors/zendesk/zendesk-source';
import type { HttpTransport } from '../../../electron/sync/http-client';
import { PullEngine, type IngestPort } from '../../../electron/sync/pull-engine';
import type { PulledCase, PulledCustomer } from '../../../shared/store/types';

/**
 * The Zendesk pull over a scripted transport: which request each phase sends, what the cursor
 * records, and the order a first load takes (open tickets and their requesters before any history).
 */

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
}
type Answer = { status?: number; body?: unknown; headers?: Record<string, string> };

function scripted(route: (req: Seen) => Answer) {
  const seen: Seen[] = [];
  const transport: HttpTransport = {
    async send(url, options) {
      const req = { method: options.method, path: url.pathname, query: url.searchParams };
      seen.push(req);
      const answer = route(req);
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
      return { status: answer.status ?? 200, headers: answer.headers ?? {}, body: Buffer.from(text) };
    },
    close() {},
  };
  return { transport, seen, paths: () => seen.map((s) => `${s.method} ${s.path}`) };
}

const LOCAL = '6f1c2b1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b';
const T = '2024-05-01T10:00:00Z';
const user = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  name: `User ${id}`,
  email: `u${id}@example.com`,
  phone: `+44 7700 900${String(id).padStart(3, '0')}`,
  role: 'end-user',
  active: true,
  organization_id: 500,
  external_id: null,
  updated_at: T,
  ...over,
});
const ticket = (id: number, requester: number, over: Record<string, unknown> = {}) => ({
  id,
  subject: `Ticket ${id}`,
  description: 'd',
  status: 'open',
  priority: 'normal',
  requester_id: requester,
  updated_at: T,
  ...over,
});

function account() {
  const users = new Map([1, 2, 3, 4].map((id) => [id, user(id)]));
  users.set(3, user(3, { external_id: `switchboard:customer:${LOCAL}` }));
  const open = [ticket(10, 1), ticket(11, 2), ticket(12, 3)];
  return scripted((req) => {
    const q = req.query;
    if (req.path === '/api/v2/search/export.json') {
      const after = q.get('page[after]');
      if (after === null) return { body: { results: open.slice(0, 2), meta: { has_more: true, after_cursor: 'S1' } } };
      if (after === 'S1') return { body: { results: open.slice(2), meta: { has_more: false, after_cursor: 'S2' } } };
      return { status: 400, body: { error: 'invalid', description: 'Invalid cursor' } };
    }
    if (req.path === '/api/v2/users/show_many.json') {
      const ids = q.get('ids')!.split(',').map(Number);
      return { body: { users: ids.map((id) => users.get(id)).filter(Boolean) } };
    }
    if (req.path === '/api/v2/organizations/show_many.json') return { body: { organizations: [{ id: 500, name: 'Northwind' }] } };
    if (req.path === '/api/v2/incremental/users/cursor.json') {
      if (q.get('cursor') === null)
        return { body: { users: [user(1), user(4, { active: false })], after_cursor: 'U1', end_of_stream: false } };
      if (q.get('cursor') === 'U1') return { body: { users: [user(5, { role: 'agent' })], after_cursor: 'U2', end_of_stream: true } };
      return { status: 422, body: { error: 'InvalidValue', description: 'Invalid cursor' } };
    }
    if (req.path === '/api/v2/incremental/tickets/cursor.json') {
      if (q.get('cursor') === null)
        return { body: { tickets: [ticket(10, 1), ticket(13, 3, { status: 'deleted' })], after_cursor: 'K1', end_of_stream: false } };
      return { body: { tickets: [ticket(14, 4, { status: 'solved' })], after_cursor: null, end_of_stream: true } };
    }
    return { status: 404, body: { error: 'InvalidEndpoint', description: 'Not found' } };
  });
}

const options = (transport: HttpTransport, over: Partial<ZendeskSourceOptions> = {}): ZendeskSourceOptions => ({
  baseUrl: 'https://acme.zendesk.com',
  auth: { kind: 'api-token', email: 'admin@acme.com', token: async () => 'token' },
  defaultRegion: 'GB',
  wrapUp: {},
  transport,
  exportRequestsPerMinute: 0,
  ...over,
});
const request = (cursor: string | null, limit = 1000): PullRequest => ({ cursor, limit, includeTotal: false });

describe('the open-tickets phase', () => {
  it('pulls the requesters of unsolved tickets from the Search export, then ends the round with the history as the next position', async () => {
    const { transport, seen, paths } = account();
    const source = createZendeskSource(options(transport));
    const first = await source.pullCustomers(request(null));
    expect(seen[0]!.path).toBe('/api/v2/search/export.json');
    expect(Object.fromEntries(seen[0]!.query)).toEqual({ query: 'status<solved', 'filter[type]': 'ticket', 'page[size]': '1000' });
    expect(seen[1]!.query.get('ids')).toBe('1,2');
    expect(first.items.map((c) => [c.id, c.company, c.phones])).toEqual([
      ['zd-user-1', 'Northwind', ['+447700900001']],
      ['zd-user-2', 'Northwind', ['+447700900002']],
    ]);
    expect(first.hasMore).toBe(true);
    expect(decodeCursor(first.nextCursor, 'customers')).toMatchObject({ phase: 'open', search: 'S1' });

    const second = await source.pullCustomers(request(first.nextCursor));
    expect(seen.at(-2)!.query.get('page[after]')).toBe('S1');
    expect(second.items.map((c) => c.id)).toEqual([LOCAL]);
    expect(second.hasMore).toBe(false);
    expect(decodeCursor(second.nextCursor, 'customers')).toEqual({
      phase: 'history',
      after: null,
      start: 0,
      progress: HISTORY_NOT_STARTED,
    });
    // The status strip's words for it: the open records are in, the history has not begun.
    expect([first.stage, second.stage]).toEqual([{ stage: 'open' }, { stage: 'history', done: 0, total: null, reachedAt: null }]);
    // The organization was asked for once, then remembered.
    expect(paths().filter((p) => p.includes('organizations')).length).toBe(1);
  });

  it('maps open tickets to cases with requesters resolved, a desktop-made customer by its UUID', async () => {
    const { transport, paths } = account();
    const source = createZendeskSource(options(transport));
    const page = await source.pullCases(request(null));
    expect(page.items.map((c) => [c.id, c.customerId, c.priority])).toEqual([
      ['zd-ticket-10', 'zd-user-1', 'P3'],
      ['zd-ticket-11', 'zd-user-2', 'P3'],
    ]);
    const rest = await source.pullCases(request(page.nextCursor));
    expect(rest.items.map((c) => c.customerId)).toEqual([LOCAL]);
    expect(rest.hasMore).toBe(false);
    expect(paths()).not.toContain('GET /api/v2/incremental/tickets/cursor.json');
  });

  it('starts the phase again instead of sending a search cursor Zendesk no longer keeps', async () => {
    const { transport, seen } = account();
    let now = 1_000_000;
    const source = createZendeskSource(options(transport, { now: () => now }));
    const first = await source.pullCases(request(null));
    now += 56 * 60_000;
    await source.pullCases(request(first.nextCursor));
    expect(seen.at(-2)!.query.has('page[after]')).toBe(false);
    // And one Zendesk refuses is dropped the same way.
    const refused = encodeCursor({ phase: 'open', search: 'gone', searchAt: now });
    const again = await source.pullCases(request(refused));
    expect(again.items.map((c) => c.id)).toEqual(['zd-ticket-10', 'zd-ticket-11']);
  });
});

describe('the history phase', () => {
  it('exports from the beginning, then follows after_cursor; deleted and non-end users are deletions', async () => {
    const { transport, seen } = account();
    const source = createZendeskSource(options(transport));
    const start = encodeCursor({ phase: 'history', after: null, start: 0, progress: HISTORY_NOT_STARTED });
    const page = await source.pullCustomers(request(start, 500));
    expect(seen[0]!.path).toBe('/api/v2/incremental/users/cursor.json');
    expect(Object.fromEntries(seen[0]!.query)).toEqual({ start_time: '0', per_page: '500', include: 'organizations' });
    expect(page.items.map((c) => c.id)).toEqual(['zd-user-1']);
    expect(page.deleted).toEqual(['zd-user-4']);
    expect(page.hasMore).toBe(true);
    // A restart: another instance with the stored cursor asks for exactly the next page.
    const after = createZendeskSource(options(transport));
    const next = await after.pullCustomers(request(page.nextCursor, 500));
    expect(seen.at(-1)!.query.get('cursor')).toBe('U1');
    expect(next.deleted).toEqual(['zd-user-5']);
    expect(next.hasMore).toBe(false);
    // Zendesk's last cursor is kept at the end of the stream: the next pull asks what changed after it.
    expect(decodeCursor(next.nextCursor, 'customers')).toMatchObject({ phase: 'history', after: 'U2', start: 0 });
  });

  it('lists deleted tickets as deletions and keeps the position when Zendesk gives no new cursor', async () => {
    const { transport } = account();
    const source = createZendeskSource(options(transport));
    const page = await source.pullCases(request(encodeCursor({ phase: 'history', after: null, start: 0, progress: HISTORY_NOT_STARTED })));
    expect(page.items.map((c) => c.id)).toEqual(['zd-ticket-10']);
    expect(page.deleted).toEqual(['zd-ticket-13']);
    const last = await source.pullCases(request(page.nextCursor));
    expect(last.items.map((c) => [c.id, c.status, c.customerId])).toEqual([['zd-ticket-14', 'solved', 'zd-user-4']]);
    expect(decodeCursor(last.nextCursor, 'cases')).toMatchObject({ phase: 'history', after: 'K1', start: 0 });
  });

  it('reports an export cursor Zendesk refuses as cursor-invalid', async () => {
    const { transport } = account();
    const source = createZendeskSource(options(transport));
    const error = await source
      .pullCustomers(request(encodeCursor({ phase: 'history', after: 'stale', start: 0, progress: HISTORY_NOT_STARTED })))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).kind).toBe('cursor-invalid');
  });

  it('spaces export requests to the rate limit, waiting (abortably) rather than asking too often', async () => {
    const { transport, seen } = account();
    const source = createZendeskSource(options(transport, { exportRequestsPerMinute: 1 }));
    const start = encodeCursor({ phase: 'history', after: null, start: 0, progress: HISTORY_NOT_STARTED });
    await source.pullCustomers(request(start));
    const abort = new AbortController();
    const waiting = source.pullCustomers({ ...request(start), signal: abort.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.filter((s) => s.path.includes('incremental')).length).toBe(1);
    abort.abort();
    expect(((await waiting) as SourceError).kind).toBe('aborted');
    expect(seen.filter((s) => s.path.includes('incremental')).length).toBe(1);
  });
});

describe('how far the history has got (the status strip)', () => {
  const at = (month: number) => `2023-0${month}-01T00:00:00Z`;
  const start = encodeCursor({ phase: 'history', after: null, start: 0, progress: HISTORY_NOT_STARTED });

  /** A ticket export of three pages (two, one deleted, one), and Zendesk's count answered with `count`. */
  function exportAccount(count: Answer) {
    return scripted((req) => {
      if (req.path === '/api/v2/tickets/count.json') return count;
      if (req.path === '/api/v2/users/show_many.json') return { body: { users: [user(1)] } };
      if (req.path === '/api/v2/incremental/tickets/cursor.json') {
        const cursor = req.query.get('cursor');
        if (cursor === null) {
          const tickets = [ticket(1, 1, { updated_at: at(1) }), ticket(2, 1, { updated_at: at(2) })];
          return { body: { tickets, after_cursor: 'A', end_of_stream: false } };
        }
        if (cursor === 'A')
          return { body: { tickets: [ticket(3, 1, { updated_at: at(3), status: 'deleted' })], after_cursor: 'B', end_of_stream: false } };
        return { body: { tickets: [ticket(4, 1, { updated_at: at(4) })], after_cursor: 'C', end_of_stream: true } };
      }
      return { status: 404, body: { error: 'InvalidEndpoint', description: 'Not found' } };
    });
  }

  it("counts what the export brought, page by page and across a restart, against Zendesk's count asked once", async () => {
    const { transport, paths } = exportAccount({ body: { count: { value: 4, refreshed_at: '2023-05-01T00:00:00Z' } } });
    const first = await createZendeskSource(options(transport)).pullCases(request(start));
    expect(first.stage).toEqual({ stage: 'history', done: 2, total: 4, reachedAt: Date.parse(at(2)) });
    // A restart: another instance with the stored cursor goes on counting, and does not ask for the count again.
    const second = await createZendeskSource(options(transport)).pullCases(request(first.nextCursor));
    expect(second.stage).toEqual({ stage: 'history', done: 3, total: 4, reachedAt: Date.parse(at(3)) });
    const last = await createZendeskSource(options(transport)).pullCases(request(second.nextCursor));
    expect(last.stage).toEqual({ stage: 'complete' });
    // From the end of the stream on, pages are changes: the history stays complete.
    const later = await createZendeskSource(options(transport)).pullCases(request(last.nextCursor));
    expect(later.stage).toEqual({ stage: 'complete' });
    expect(paths().filter((p) => p.endsWith('/count.json'))).toEqual(['GET /api/v2/tickets/count.json']);
  });

  it('has no total while Zendesk is recounting, or when the count fails; the pull goes on', async () => {
    const answers: Answer[] = [
      { body: { count: { value: 100_000, refreshed_at: null } } },
      { status: 500, body: {} },
      { status: 403, body: { error: { title: 'Forbidden', message: 'no' } } },
      { body: { count: 'many' } },
    ];
    for (const count of answers) {
      const { transport } = exportAccount(count);
      const page = await createZendeskSource(options(transport)).pullCases(request(start));
      expect(page.items.map((c) => c.id)).toEqual(['zd-ticket-1', 'zd-ticket-2']);
      expect(page.stage).toEqual({ stage: 'history', done: 2, total: null, reachedAt: Date.parse(at(2)) });
    }
  });

  it('does not ask for a count when the first page it counts is already the end of the stream', async () => {
    const { transport, paths } = account();
    const source = createZendeskSource(options(transport));
    const page = await source.pullCustomers(
      request(encodeCursor({ phase: 'history', after: 'U1', start: 0, progress: HISTORY_NOT_STARTED })),
    );
    expect(page.stage).toEqual({ stage: 'complete' });
    expect(paths().filter((p) => p.endsWith('/count.json'))).toEqual([]);
  });
});

describe('a first load through the pull engine', () => {
  function memoryIngest() {
    const cursors = new Map<string, string>();
    const customers = new Map<string, PulledCustomer>();
    const cases = new Map<string, PulledCase>();
    const log: string[] = [];
    const report = (n: number) => ({ inserted: n, updated: 0, unchanged: 0, skippedDirty: [], rejected: [] });
    const ingest: IngestPort = {
      getCursor: async (name) => cursors.get(name) ?? null,
      setCursor: async (name, value) => void cursors.set(name, value),
      upsertCustomers: async (rows, o) => {
        for (const r of rows) customers.set(r.id, r);
        if (o.cursor) cursors.set(o.cursor.name, o.cursor.value);
        log.push(`customers:${rows.map((r) => r.id).join(',')}`);
        return report(rows.length);
      },
      upsertCases: async (rows, o) => {
        for (const r of rows) cases.set(r.id, r);
        if (o.cursor) cursors.set(o.cursor.name, o.cursor.value);
        log.push(`cases:${rows.map((r) => r.id).join(',')}`);
        return report(rows.length);
      },
      deleteCustomers: async (ids) => ids.forEach((id) => customers.delete(id)),
      deleteCases: async (ids) => ids.forEach((id) => cases.delete(id)),
      bulkLoadActive: async () => false,
      beginBulkLoad: async () => undefined,
      finishBulkLoad: async () => undefined,
    };
    return { ingest, customers, cases, log };
  }

  it('stores the open tickets and their requesters in the first round, and the history only in the next', async () => {
    const { transport, paths } = account();
    const source = createZendeskSource(options(transport));
    const store = memoryIngest();
    const engine = new PullEngine({ source, ingest: store.ingest, log: silentLogger });
    await engine.run();
    expect(paths().some((p) => p.includes('incremental'))).toBe(false);
    expect(store.log).toEqual([
      'customers:zd-user-1,zd-user-2',
      `customers:${LOCAL}`,
      'cases:zd-ticket-10,zd-ticket-11',
      `cases:zd-ticket-12`,
    ]);
    expect([...store.cases.keys()]).toEqual(['zd-ticket-10', 'zd-ticket-11', 'zd-ticket-12']);

    const before = paths().length;
    await engine.run();
    const second = paths().slice(before);
    const firstTicketExport = second.indexOf('GET /api/v2/incremental/tickets/cursor.json');
    expect(second.indexOf('GET /api/v2/incremental/users/cursor.json')).toBeLessThan(firstTicketExport);
    expect(second.some((p) => p.includes('search'))).toBe(false);
    expect(store.cases.has('zd-ticket-13')).toBe(false);
    expect(store.cases.get('zd-ticket-14')?.status).toBe('solved');
    expect(store.customers.has('zd-user-4')).toBe(false);
  });
});
