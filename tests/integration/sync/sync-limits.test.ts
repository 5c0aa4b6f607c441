import { afterEach, describe, expect, it } from 'vitest';
import { cursorName } from '../../../electron/sync/pull-engine';
import { problemOf, removeDir, startApp, startServer, type AppHandle, type ServerHandle } from './harness';

/**
 * The limits of shared/sync/limits.ts against the reference server's fault
 * switches, over real HTTP, with the app's real store and sync service: a
 * broken or hostile server can make a pull neither hold a huge page nor go on
 * forever, and what was committed before it stopped is kept. The limits are
 * set small here (64 KiB pages, a few pages per feed) so the tests move little
 * data; the code paths are the production ones.
 */

const WAIT = { timeout: 20_000, interval: 25 };
const CUSTOMERS = cursorName('switchboard-sync', 'customers');
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

/** The customers feed position the server gives after its `seq`-th change. */
const position = (handle: ServerHandle, seq: number) => `v1.customers.${handle.server.database.instanceId}.${seq}`;

describe('a page larger than the client reads', () => {
  it('is refused with its own error and nothing of it is stored; fewer rows are asked for first; the pull resumes once the server is fixed', async () => {
    // Two pages as usual, then every page padded to 256 KiB and streamed without Content-Length.
    server = await startServer({ customers: 50, faults: { oversizePageBytes: 256 * 1024, oversizeAfterPages: 2, scope: 'pull' } });
    app = await startApp({ serverUrl: server.server.url, timing: { pageSize: 10 }, limits: { maxPageBytes: 64 * 1024, minPageRows: 5 } });

    await expect.poll(() => app!.sync.status().connection, WAIT).toBe('server-error');
    expect(problemOf(app.sync.status())).toMatch(
      /^127\.0\.0\.1:\d+ sent a customers page larger than 64 KiB \(\d+ rows? asked for\), more than Switchboard reads; nothing of it was stored\. Retrying automatically\.$/,
    );
    // What came before the big page is committed with its cursor; not one row of the big page is.
    expect((await app.store.counts()).customers).toBe(20);
    expect(await app.store.getCursor(CUSTOMERS)).toBe(position(server, 20));
    expect(app.sync.status().lastSyncAt).toBeNull();
    // The third page was asked for with 10 rows, then 5 (the smallest), before the pull gave up.
    expect(server.server.faults.injected.oversize).toBeGreaterThanOrEqual(2);

    server.server.faults.set({});
    await expect.poll(() => app!.sync.status().lastSyncAt, WAIT).not.toBeNull();
    expect((await app.store.counts()).customers).toBe(50);
    expect(app.sync.status()).toMatchObject({ connection: 'online', problem: null });
  });
});

describe('the pages of one pull', () => {
  it('a feed longer than the cap stops there and says so; each next pull goes on from the committed cursor until the end', async () => {
    server = await startServer({ customers: 45 });
    app = await startApp({ serverUrl: server.server.url, timing: { pageSize: 10 }, limits: { maxPagesPerFeed: 2 } });

    // First pull: two pages of customers, then it stops, finished (not looping), with the reason on screen.
    await expect.poll(() => problemOf(app!.sync.status()), WAIT).not.toBeNull();
    await expect.poll(() => app!.sync.status().activity, WAIT).toBe('idle');
    const first = app.sync.status();
    expect(problemOf(first)).toMatch(
      /^Sync stopped after 2 pages of customers from 127\.0\.0\.1:\d+, the most one sync takes\. What arrived is saved, and the next sync goes on from there\./,
    );
    expect(first.lastSyncAt).toBeNull();
    expect(first.connection).toBe('online');
    expect(app.statuses.some((s) => problemOf(s) === problemOf(first))).toBe(true);
    expect((await app.store.counts()).customers).toBe(20);
    expect(await app.store.getCursor(CUSTOMERS)).toBe(position(server, 20));
    // The initial load was finished all the same, so search works on what arrived.
    expect(app.store.bulkLoadActive).toBe(false);

    app.sync.syncNow();
    await expect.poll(async () => (await app!.store.counts()).customers, WAIT).toBe(40);
    expect(await app.store.getCursor(CUSTOMERS)).toBe(position(server, 40));

    app.sync.syncNow();
    await expect.poll(() => app!.sync.status().lastSyncAt, WAIT).not.toBeNull();
    expect(problemOf(app.sync.status())).toBeNull();
    expect((await app.store.counts()).customers).toBe(45);
    // No page was fetched twice: 2 + 2 + 1 customer pages, and one (empty) case page per pull.
    expect(server.server.requests.byRoute['GET /v1/customers/changes']).toBe(5);
  });

  it('a server whose feeds never end: every pull stops at the cap, and once the server is fixed the next one reaches the end', async () => {
    server = await startServer({ customers: 15, cases: 5, faults: { endlessPages: 'fresh-cursor', scope: 'pull' } });
    app = await startApp({ serverUrl: server.server.url, timing: { pageSize: 10 }, limits: { maxPagesPerFeed: 4 } });

    await expect
      .poll(() => problemOf(app!.sync.status()), WAIT)
      .toMatch(/^Sync stopped after 4 pages of customers and 4 pages of cases from 127\.0\.0\.1:\d+/);
    await expect.poll(() => app!.sync.status().activity, WAIT).toBe('idle');
    expect(problemOf(app.sync.status())).toMatch(
      /If this shows at every sync, the server may be listing changes without end: IT should check it\.$/,
    );
    expect(server.server.requests.byRoute).toMatchObject({ 'GET /v1/customers/changes': 4, 'GET /v1/cases/changes': 4 });
    expect(await app.store.counts()).toMatchObject({ customers: 15, cases: 5 });
    expect(app.sync.status().lastSyncAt).toBeNull();

    // A second pull stops at the cap again: bounded, and nothing is lost or doubled.
    app.sync.syncNow();
    await expect.poll(() => server!.server.requests.byRoute['GET /v1/cases/changes'], WAIT).toBe(8);
    await expect.poll(() => app!.sync.status().activity, WAIT).toBe('idle');
    expect(app.sync.status().lastSyncAt).toBeNull();

    server.server.faults.set({});
    app.sync.syncNow();
    await expect.poll(() => app!.sync.status().lastSyncAt, WAIT).not.toBeNull();
    expect(problemOf(app.sync.status())).toBeNull();
    expect(await app.store.counts()).toMatchObject({ customers: 15, cases: 5 });
  });

  it('a server that answers "more" with the cursor it was sent is stopped at the first repeat', async () => {
    server = await startServer({ customers: 15, faults: { endlessPages: 'same-cursor', scope: 'pull' } });
    app = await startApp({ serverUrl: server.server.url, timing: { pageSize: 10 } });

    await expect
      .poll(() => problemOf(app!.sync.status()), WAIT)
      .toMatch(
        /^127\.0\.0\.1:\d+ answered the customers list with the position it was asked for, so it would never end; sync stopped there\. What arrived is saved, and the next sync tries again\. IT should check the sync server\.$/,
      );
    await expect.poll(() => app!.sync.status().activity, WAIT).toBe('idle');
    // Page 2 repeated page 1's cursor: the pull stopped there instead of asking the same thing again (cases too).
    expect(server.server.requests.byRoute).toMatchObject({ 'GET /v1/customers/changes': 2, 'GET /v1/cases/changes': 2 });
    expect((await app.store.counts()).customers).toBe(15);
    expect(app.sync.status().lastSyncAt).toBeNull();
  });
});
