import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN, logCalls, problemOf, removeDir, startApp, startServer, type AppHandle, type ServerHandle } from './harness';
import { englishOf } from '../../../shared/text/user-text';

/**
 * The Done-when list of issue 6, against real parts: the reference server on
 * loopback (its own SQLite file) with its fault switches, and the app's real
 * encrypted store on its worker thread with the real sync service. After each
 * ordeal the server holds every item exactly once (one applied change per
 * idempotency key, every record at version 1) and the local store lost
 * nothing (every outbox row sent, the pulled rows all there).
 */

const WAIT = { timeout: 20_000, interval: 25 };
let server: ServerHandle | null = null;
let app: AppHandle | null = null;

afterEach(async () => {
  if (app) {
    await app.stop();
    removeDir(app.dataDir);
  }
  await server?.close();
  app = null;
  server = null;
});

async function drained(handle: AppHandle): Promise<void> {
  await expect.poll(async () => (await handle.store.outbox.counts()).pending, WAIT).toBe(0);
}

/** Every call logged here reached the server once, and only once. */
async function expectExactlyOnce(handle: ServerHandle, app: AppHandle, calls: number): Promise<void> {
  const counts = handle.server.database.counts();
  expect(counts.records.interaction ?? 0).toBe(calls);
  expect(counts.changes).toBe(calls);
  const twice = handle.server.database.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM records WHERE version <> 1`).get()!.n;
  expect(twice).toBe(0);
  const local = await app.store.outbox.counts();
  expect(local).toMatchObject({ pending: 0, parked: 0, conflict: 0, sent: calls });
}

describe('sync against the reference server', () => {
  it('initial sync streams every customer and case in pages with progress, then pulls later changes incrementally', async () => {
    server = await startServer({ customers: 120, cases: 700 });
    app = await startApp({ serverUrl: server.server.url });
    await expect.poll(() => app!.sync.status().lastSyncAt, WAIT).not.toBeNull();
    const counts = await app.store.counts();
    expect(counts.customers).toBe(120);
    expect(counts.cases).toBe(700);
    expect(app.sync.status().connection).toBe('online');
    expect(app.store.bulkLoadActive).toBe(false);
    const progress = app.statuses.filter((s) => s.progress !== null).map((s) => s.progress!);
    expect(progress.some((p) => p.initial && p.phase === 'cases' && p.total === 700)).toBe(true);
    expect((await app.store.search('billing')).truncated || (await app.store.search('billing')).cases.length > 0).toBe(true);

    // Someone else changes a case on the server; the next pull brings it.
    const other = await fetch(`${server.server.url}/v1/changes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': 'other-agent-0001' },
      body: JSON.stringify({
        entityKind: 'case',
        entityId: 'case-7',
        operation: 'update',
        orderingKey: 'case-7',
        createdAt: 1,
        expectedVersion: 1,
        payload: { status: 'solved' },
      }),
    });
    expect(other.status).toBe(200);
    const before = app.sync.status().lastSyncAt!;
    app.sync.syncNow();
    await expect.poll(() => app!.sync.status().lastSyncAt! > before, WAIT).toBe(true);
    const changed = await app.store.getCase('case-7');
    expect(changed?.case).toMatchObject({ status: 'solved', version: 2 });
  });

  it('server down for a while: work waits offline, then goes up exactly once when it is back', async () => {
    server = await startServer({ customers: 5, cases: 5 });
    const port = server.server.port;
    await server.server.stop();
    app = await startApp({ serverUrl: server.server.url });
    await expect.poll(() => app!.sync.status().connection, WAIT).toBe('offline');
    await logCalls(app.store, 30);
    await expect.poll(() => app!.sync.status().outbox.waiting, WAIT).toBe(30);
    // While a reconnect attempt is on its way there is no next one yet (test:stress caught the test
    // reading the status at that moment): the refused attempt schedules the next one at once.
    await expect.poll(() => app!.sync.status().nextAttemptAt, WAIT).not.toBeNull();
    const offline = app.sync.status();
    expect(problemOf(offline)).toMatch(/Offline: Cannot reach 127\.0\.0\.1:\d+: the connection was refused/);

    await server.server.start();
    expect(server.server.port).toBe(port);
    await drained(app);
    await expect.poll(() => app!.sync.status().connection, WAIT).toBe('online');
    await expectExactlyOnce(server, app, 30);
    expect((await app.store.counts()).customers).toBe(5);
  });

  it('500s, timeouts, resets mid-response and duplicate deliveries: every item lands once', async () => {
    server = await startServer({
      customers: 10,
      cases: 20,
      faults: { errorRate: 0.2, hangRate: 0.05, dropRate: 0.2, duplicateRate: 0.3, scope: 'push', seed: 5 },
    });
    app = await startApp({ serverUrl: server.server.url, timing: { requestTimeoutMs: 300 } });
    await logCalls(app.store, 60);
    await drained(app);
    await expectExactlyOnce(server, app, 60);
    const injected = server.server.faults.injected;
    expect(injected.error).toBeGreaterThan(0);
    expect(injected.hang).toBeGreaterThan(0);
    expect(injected.drop).toBeGreaterThan(0);
    expect(injected.duplicate).toBeGreaterThan(0);
    // Dropped answers made the client send those keys again; the server answered from its record.
    expect(server.server.database.counts().replays).toBeGreaterThanOrEqual(injected.drop + injected.duplicate);
  });

  it('connection resets and 500s during pull: the pull resumes from its cursor and gets everything', async () => {
    server = await startServer({ customers: 150, cases: 600, faults: { dropRate: 0.3, errorRate: 0.2, scope: 'pull', seed: 3 } });
    app = await startApp({ serverUrl: server.server.url });
    await expect.poll(() => app!.sync.status().lastSyncAt, WAIT).not.toBeNull();
    expect((await app.store.counts()).cases).toBe(600);
    expect((await app.store.counts()).customers).toBe(150);
    expect(server.server.faults.injected.drop).toBeGreaterThan(0);
  });

  it('server restart in the middle of delivery', async () => {
    server = await startServer({ faults: { delayMs: 5, scope: 'push' } });
    app = await startApp({ serverUrl: server.server.url, timing: { concurrency: 1 } });
    await logCalls(app.store, 80);
    await expect.poll(() => server!.server.database.counts().changes, WAIT).toBeGreaterThan(10);
    await server.server.restart(300);
    await drained(app);
    await expectExactlyOnce(server, app, 80);
  });

  it('429 with Retry-After slows down without losing or parking anything', async () => {
    server = await startServer({ faults: { rateLimitNext: 3, retryAfterS: 0, scope: 'push' } });
    app = await startApp({ serverUrl: server.server.url });
    await logCalls(app.store, 10);
    await drained(app);
    await expectExactlyOnce(server, app, 10);
    expect(server.server.faults.injected['rate-limit']).toBe(3);
  });

  it('a refused item is parked with the server reason and holds back only its own case', async () => {
    server = await startServer({ customers: 3, cases: 4 });
    app = await startApp({ serverUrl: server.server.url });
    await expect.poll(() => app!.sync.status().lastSyncAt, WAIT).not.toBeNull();
    // The case disappears on the server before this agent's edit arrives: 404, not retryable.
    server.server.database.db.prepare(`DELETE FROM cases WHERE id = 'case-2'`).run();
    await app.store.updateCase('case-2', { priority: 'P1' });
    await app.store.updateCase('case-2', { status: 'pending' });
    await logCalls(app.store, 5, { caseId: 'case-3', prefix: 'other' });
    // The calls on another case went through; the second edit of case-2 waits behind the parked first one.
    await expect.poll(() => app!.sync.status().outbox, WAIT).toEqual({ waiting: 1, parked: 1, conflicts: 0 });
    expect(server.server.database.counts().records.interaction).toBe(5);
    const status = app.sync.status();
    expect(status.parked[0]).toMatchObject({ entityKind: 'case', entityId: 'case-2', code: 'http-404-not-found' });
    expect(englishOf(status.parked[0]!.message)).toMatch(/refused the change \(HTTP 404\): No such case/);

    // IT restores the case on the server; the agent retries: both edits go, in order.
    server.server.database.db
      .prepare(
        `INSERT INTO cases(seq, id, customer_id, subject, description, status, priority, created_at, updated_at, version) VALUES (100000, 'case-2', 'cust-1', 'Restored', '', 'open', 'P3', 1, 1, 1)`,
      )
      .run();
    expect(await app.sync.retryParked()).toBe(1);
    await expect.poll(() => app!.sync.status().outbox, WAIT).toEqual({ waiting: 0, parked: 0, conflicts: 0 });
    expect(server.server.database.getCase('case-2')).toMatchObject({ priority: 'P1', status: 'pending', version: 3 });
  });

  it('a refused token stops delivery with a plain reason and resumes when the token is fixed', async () => {
    server = await startServer();
    app = await startApp({ serverUrl: server.server.url, token: 'not-the-right-token' });
    await logCalls(app.store, 3);
    await expect.poll(() => app!.sync.status().connection, WAIT).toBe('unauthorized');
    expect(problemOf(app.sync.status())).toMatch(/refused the sync token \(HTTP 401\)/);
    expect((await app.store.outbox.counts()).parked).toBe(0);
    await app.sync.configure(server.server.url, TOKEN);
    await drained(app);
    await expectExactlyOnce(server, app, 3);
  });
});
