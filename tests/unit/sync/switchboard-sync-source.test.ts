import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SourceError, type PushItem } from '../../../electron/sync/case-source';
import { SwitchboardSyncSource, parseBaseUrl } from '../../../electron/sync/switchboard-sync-source';
import { seedDatabase } from '../../../tools/sync-server/seed';
import { startSyncServer, type SyncServer } from '../../../tools/sync-server/server';
import { englishOf } from '../../../shared/text/user-text';

/**
 * The HTTP connector against the real reference server: what each answer and
 * each network failure becomes (applied, conflict, parked, or a SourceError
 * whose kind tells the engine to retry, stop, or go offline).
 */

const TOKEN = 'connector-test-token';
let dir: string;
let server: SyncServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sb-connector-'));
  server = await startSyncServer({ dbFile: path.join(dir, 'server.db'), token: TOKEN });
  seedDatabase(server.database, { customers: 4, cases: 10, seed: 3 });
});

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  server.faults.set({});
});

const source = (options: { token?: string | null; timeoutMs?: number; url?: string } = {}) =>
  new SwitchboardSyncSource({
    baseUrl: options.url ?? server.url,
    token: async () => (options.token === undefined ? TOKEN : options.token),
    timeoutMs: options.timeoutMs ?? 2_000,
  });

let counter = 0;
const call = (over: Partial<PushItem> = {}): PushItem => {
  counter += 1;
  return {
    id: counter,
    idempotencyKey: `connector-key-${counter}-${Date.now()}`,
    entityKind: 'interaction',
    entityId: `i-${counter}`,
    orderingKey: `i-${counter}`,
    operation: 'upsert',
    payload: { id: `i-${counter}`, channel: 'call', direction: 'inbound', startedAt: 1 },
    createdAt: 1,
    ...over,
  };
};

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a SourceError');
}

describe('pushing a change', () => {
  it('is applied once; the same key again is answered from the server record', async () => {
    const s = source();
    const item = call();
    expect(await s.push(item)).toEqual({ kind: 'applied', version: 1, replayed: false });
    expect(await s.push(item)).toEqual({ kind: 'applied', version: 1, replayed: true });
    expect(server.database.getRecord('interaction', item.entityId)?.version).toBe(1);
    s.close();
  });

  it('409 becomes a conflict carrying the server copy', async () => {
    const s = source();
    const outcome = await s.push(
      call({
        entityKind: 'case',
        entityId: 'case-2',
        orderingKey: 'case-2',
        operation: 'update',
        payload: { id: 'case-2', patch: { priority: 'P1' }, baseVersion: 7 },
      }),
    );
    expect(outcome).toMatchObject({ kind: 'conflict', currentVersion: 1, current: { id: 'case-2', version: 1 } });
    s.close();
  });

  it('a change the server will not take is rejected with its reasons (to be parked)', async () => {
    const s = source();
    const outcome = await s.push(
      call({
        entityKind: 'case',
        entityId: 'case-3',
        orderingKey: 'case-3',
        operation: 'update',
        payload: { id: 'case-3', patch: { status: 'exploded' }, baseVersion: 1 },
      }),
    );
    expect(outcome).toMatchObject({ kind: 'rejected', code: 'http-422-invalid-request' });
    expect(outcome.kind === 'rejected' && englishOf(outcome.message)).toMatch(
      /refused the change \(HTTP 422\): The change has fields this server does not accept.*\[status: /,
    );
    s.close();
  });

  it('401, 429 (with Retry-After), 5xx, hangs and resets are thrown with the kind that says what to do', async () => {
    expect(await failure(source({ token: 'wrong-token-123' }).push(call()))).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(await failure(source({ token: null }).push(call()))).toMatchObject({ kind: 'unauthorized', code: 'no-token' });
    server.faults.set({ rateLimitNext: 1, retryAfterS: 7 });
    expect(await failure(source().push(call()))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    server.faults.set({ failNext: 1, failStatus: 502 });
    expect(await failure(source().push(call()))).toMatchObject({ kind: 'server', code: 'http-502' });
    server.faults.set({ hangRate: 1 });
    const timeout = await failure(source({ timeoutMs: 200 }).push(call()));
    expect(timeout).toMatchObject({ kind: 'timeout' });
    expect(timeout.message).toMatch(/did not answer within/);
    server.faults.set({ dropRate: 1 });
    const dropped = call();
    expect(await failure(source().push(dropped))).toMatchObject({ kind: 'network', code: 'ECONNRESET' });
    // The change was committed before the answer was cut: the retry is answered from the record.
    server.faults.set({});
    expect(await source().push(dropped)).toEqual({ kind: 'applied', version: 1, replayed: true });
  });

  it('a server that is not there is a network failure in plain words', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const error = await failure(source({ url: `http://127.0.0.1:${port}` }).push(call()));
    expect(error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    expect(error.message).toBe(`Cannot reach 127.0.0.1:${port}: the connection was refused (ECONNREFUSED)`);
  });
});

describe('pulling', () => {
  it('pages through a feed with its cursor; a cursor from another server restarts the feed', async () => {
    const s = source();
    const first = await s.pullCases({ cursor: null, limit: 4, includeTotal: true });
    expect(first).toMatchObject({ hasMore: true, total: 10 });
    expect(first.items).toHaveLength(4);
    const rest = await s.pullCases({ cursor: first.nextCursor, limit: 100, includeTotal: false });
    expect(rest.items).toHaveLength(6);
    expect(rest.hasMore).toBe(false);
    expect(await failure(s.pullCases({ cursor: 'v1.cases.ffffffff.3', limit: 10, includeTotal: false }))).toMatchObject({
      kind: 'cursor-invalid',
    });
    await expect(s.probe()).resolves.toBeUndefined();
    s.close();
  });

  it('hands over a page as its raw bytes, for the store to parse, with the same errors as a parsed pull', async () => {
    const s = source();
    const body = await s.pullPageBody('cases', { cursor: null, limit: 4, includeTotal: true });
    expect(body).toBeInstanceOf(Uint8Array);
    const page = JSON.parse(new TextDecoder().decode(body)) as { items: unknown[]; hasMore: boolean; total: number; nextCursor: string };
    expect(page).toMatchObject({ hasMore: true, total: 10 });
    expect(page.items).toEqual((await s.pullCases({ cursor: null, limit: 4, includeTotal: true })).items);
    expect(await failure(s.pullPageBody('cases', { cursor: 'v1.cases.ffffffff.3', limit: 10, includeTotal: false }))).toMatchObject({
      kind: 'cursor-invalid',
    });
    expect(
      await failure(source({ token: 'wrong' }).pullPageBody('customers', { cursor: null, limit: 1, includeTotal: false })),
    ).toMatchObject({ kind: 'unauthorized' });
    s.close();
  });

  it('a page over the size limit is refused by its declared length before reading, or cut off while it streams, with its own error', async () => {
    // Declares 1 MiB and sends one byte: only a check of the header answers before the request times out.
    const declared: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(1024 * 1024) });
      res.write('{');
    });
    await new Promise<void>((r) => declared.listen(0, '127.0.0.1', r));
    const host = `127.0.0.1:${(declared.address() as AddressInfo).port}`;
    try {
      const small = new SwitchboardSyncSource({
        baseUrl: `http://${host}`,
        token: async () => TOKEN,
        timeoutMs: 5_000,
        maxPageBytes: 64 * 1024,
      });
      const error = await failure(small.pullCustomers({ cursor: null, limit: 100, includeTotal: false }));
      expect(error).toMatchObject({ kind: 'protocol', code: 'page-too-large' });
      expect(error.message).toBe(
        `${host} sent a customers page larger than 64 KiB (100 rows asked for), more than Switchboard reads; nothing of it was stored`,
      );
      small.close();
    } finally {
      declared.closeAllConnections();
      await new Promise<void>((r) => declared.close(() => r()));
    }
    // The reference server's fault streams a padded page without Content-Length: cut once past the limit.
    server.faults.set({ oversizePageBytes: 512 * 1024, scope: 'pull' });
    const s = new SwitchboardSyncSource({ baseUrl: server.url, token: async () => TOKEN, timeoutMs: 5_000, maxPageBytes: 64 * 1024 });
    expect(await failure(s.pullPageBody('cases', { cursor: null, limit: 1, includeTotal: false }))).toMatchObject({
      kind: 'protocol',
      code: 'page-too-large',
      message: expect.stringMatching(/sent a cases page larger than 64 KiB \(1 row asked for\)/) as string,
    });
    server.faults.set({});
    // Within the limit, the same source reads pages as usual.
    expect((await s.pullCases({ cursor: null, limit: 2, includeTotal: false })).items).toHaveLength(2);
    s.close();
  });

  it('a page cut off mid-body is a reset, not a short page', async () => {
    server.faults.set({ dropRate: 1, scope: 'pull' });
    expect(await failure(source().pullCustomers({ cursor: null, limit: 100, includeTotal: false }))).toMatchObject({ kind: 'network' });
  });

  it('an answer that is not the API (a captive portal login page) is a protocol error', async () => {
    const portal: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Please log in to the hotel Wi-Fi</body></html>');
    });
    await new Promise<void>((r) => portal.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
    try {
      const error = await failure(source({ url }).pullCases({ cursor: null, limit: 1, includeTotal: false }));
      expect(error).toMatchObject({ kind: 'protocol', code: 'bad-json' });
    } finally {
      await new Promise<void>((r) => portal.close(() => r()));
    }
  });
});

describe('the server address', () => {
  it.each([
    ['crm.example.com', /is not a URL/],
    ['ftp://crm.example.com', /must start with https:\/\//],
    ['https://user:pw@crm.example.com', /must not contain a user name or password/],
    ['https://crm.example.com/?x=1', /must not contain \? or #/],
  ])('refuses %s', (value, message) => {
    expect(() => parseBaseUrl(value)).toThrow(message);
  });

  it('keeps a path prefix', () => {
    expect(parseBaseUrl('https://crm.example.com/switchboard').href).toBe('https://crm.example.com/switchboard/');
  });
});
