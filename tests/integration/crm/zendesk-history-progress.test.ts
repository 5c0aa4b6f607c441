import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import type { StoreClient } from '../../../electron/store/store-client';
import { storeSyncPort } from '../../../electron/sync/store-ports';
import { SyncService, type SyncLimits } from '../../../electron/sync/sync-service';
import type { FeedStage, SyncStatus } from '../../../shared/sync/contract';
import { startZendeskEmulator, type ZendeskEmulator } from '../../../tools/crm-emulators/zendesk/server';
import { openSettings, policyReading } from '../../support/settings';
import { FAST_TIMING, openStore } from '../sync/harness';
import { NO_LIMITS } from './zendesk-harness';

/**
 * How far Zendesk's history has got, as the status strip reads it: the first round stores the open
 * tickets, the next ones the full history through the incremental exports, which give no total. The
 * status says, for each feed, what the history has brought so far against Zendesk's own count
 * (asked once), and how recent a change it has reached; a restart goes on counting where it stopped.
 * Real parts: the Zendesk emulator (seeded), the encrypted store and the sync service.
 */

const EMAIL = 'switchboard@example.com';
const API_TOKEN = 'zendesk-history-test-token';
const WAIT = { timeout: 60_000, interval: 50 };
/** 200 rows a page (FAST_TIMING): 5 pages of users, 8 of tickets; under the connector's 10 export requests a minute per export. */
const SEED = { users: 1_000, tickets: 1_500, organizations: 20 };

let zd: ZendeskEmulator;
const dirs: string[] = [];
const running: { sync: SyncService; store: StoreClient }[] = [];

beforeAll(async () => {
  zd = await startZendeskEmulator({ apiTokens: [{ email: EMAIL, token: API_TOKEN }], limits: NO_LIMITS, seed: SEED });
});
afterEach(async () => {
  for (const app of running.splice(0)) await stop(app);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await zd.close();
});

async function start(dir: string, limits?: Partial<SyncLimits>) {
  const secrets = createKeyFileSecretStore(dir);
  const store = await openStore(dir, secrets);
  const statuses: SyncStatus[] = [];
  const policy = { crmConnector: 'zendesk', crmSyncUrl: zd.url, zendeskAuth: 'api-token', zendeskEmail: EMAIL, zendeskApiToken: API_TOKEN };
  const sync = new SyncService({
    store: storeSyncPort(store),
    secrets,
    log: silentLogger,
    settings: openSettings(dir, [policyReading({}, policy)]),
    emit: (status) => statuses.push(status),
    timing: FAST_TIMING,
    limits,
  });
  const app = { sync, store, statuses };
  running.push(app);
  await sync.start();
  return app;
}

async function stop(app: { sync: SyncService; store: StoreClient }): Promise<void> {
  const at = running.indexOf(app);
  if (at >= 0) running.splice(at, 1);
  await app.sync.close();
  await app.store.close();
}

function newDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sb-zendesk-history-'));
  dirs.push(dir);
  return dir;
}

type History = Extract<FeedStage, { stage: 'history' }>;
const historyOf = (statuses: SyncStatus[], feed: 'customers' | 'cases'): History[] =>
  statuses.map((s) => s.stages?.[feed]).filter((s): s is History => s?.stage === 'history' && s.done > 0);
const countRequests = (what: 'users' | 'tickets') => zd.state.requests.filter((r) => r.path === `/api/v2/${what}/count.json`).length;

async function firstRoundDone(app: Awaited<ReturnType<typeof start>>): Promise<void> {
  await vi.waitFor(() => expect(app.sync.status()).toMatchObject({ connection: 'online', activity: 'idle' }), WAIT);
  await vi.waitFor(() => expect(app.sync.status().lastSyncAt).not.toBeNull(), WAIT);
}

describe('how far the Zendesk history has got', () => {
  it('after the open tickets, counts the history of users and then tickets against Zendesk’s count, up to the present', async () => {
    const app = await start(newDir());
    await firstRoundDone(app);
    // The open tickets are in; the history has not begun (it follows in the next round).
    expect(app.sync.status().stages).toEqual({
      customers: { stage: 'history', done: 0, total: null, reachedAt: null },
      cases: { stage: 'history', done: 0, total: null, reachedAt: null },
    });
    const usersBefore = countRequests('users');
    const ticketsBefore = countRequests('tickets');

    app.statuses.length = 0;
    app.sync.syncNow();
    await vi.waitFor(
      () => expect(app.sync.status().stages).toEqual({ customers: { stage: 'complete' }, cases: { stage: 'complete' } }),
      WAIT,
    );

    const users = historyOf(app.statuses, 'customers');
    const tickets = historyOf(app.statuses, 'cases');
    expect(users.length, 'the strip heard of the users history while it ran').toBeGreaterThan(0);
    expect(tickets.length, 'the strip heard of the tickets history while it ran').toBeGreaterThan(0);
    // Zendesk's own (approximate) count is the total; the emulator's is exact: active users, tickets not deleted.
    expect(new Set(users.map((s) => s.total))).toEqual(new Set([zd.state.scanUsers((u) => u.active)]));
    expect(new Set(tickets.map((s) => s.total))).toEqual(new Set([zd.state.scanTickets((t) => t.status !== 'deleted')]));
    for (const seen of [users, tickets]) {
      const done = seen.map((s) => s.done);
      const reached = seen.map((s) => s.reachedAt!);
      expect(done, 'what the history brought only grows').toEqual([...done].sort((a, b) => a - b));
      expect(reached, 'the date it reached only moves forward').toEqual([...reached].sort((a, b) => a - b));
      expect(reached.every((t) => t > Date.UTC(2021, 0, 1) && t <= Date.now())).toBe(true);
    }
    // Asked once each, when the history began; the exports themselves carry no total.
    expect(countRequests('users') - usersBefore).toBe(1);
    expect(countRequests('tickets') - ticketsBefore).toBe(1);
  });

  it('goes on counting after a restart instead of starting again from nothing', async () => {
    const dir = newDir();
    const opened = await start(dir);
    await firstRoundDone(opened);
    await stop(opened);
    // Two pages per feed per pull: the history is cut short with its place (and its count) saved.
    const cut = await start(dir, { maxPagesPerFeed: 2 });
    await vi.waitFor(() => expect(historyOf([cut.sync.status()], 'cases')).toHaveLength(1), WAIT);
    await vi.waitFor(() => expect(cut.sync.status().activity).toBe('idle'), WAIT);
    const before = cut.sync.status().stages!;
    expect(before.customers).toMatchObject({ stage: 'history', done: 400 });
    expect(before.cases).toMatchObject({ stage: 'history', done: 400 });
    await stop(cut);

    const again = await start(dir);
    await vi.waitFor(
      () => expect(again.sync.status().stages).toEqual({ customers: { stage: 'complete' }, cases: { stage: 'complete' } }),
      WAIT,
    );
    const users = historyOf(again.statuses, 'customers');
    expect(users.length).toBeGreaterThan(0);
    expect(Math.min(...users.map((s) => s.done)), 'the first page after the restart adds to the 400 already counted').toBe(600);
    expect(new Set(users.map((s) => s.total))).toEqual(new Set([(before.customers as History).total]));
  });
});

describe('the emulator’s Count Tickets and Count Users', () => {
  const get = async (url: string, email = EMAIL, token = API_TOKEN) => {
    const res = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}` } });
    return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
  };

  it('answers { count: { value, refreshed_at } } for agents, with or without .json', async () => {
    for (const what of ['tickets', 'users'] as const) {
      const expected = what === 'tickets' ? zd.state.scanTickets((t) => t.status !== 'deleted') : zd.state.scanUsers((u) => u.active);
      for (const suffix of ['.json', '']) {
        const answer = await get(`${zd.url}/api/v2/${what}/count${suffix}`);
        expect(answer).toEqual({
          status: 200,
          body: { count: { value: expected, refreshed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) } },
        });
      }
    }
  });

  it('refuses end users ("Allowed For: Agents") and the filters it does not implement', async () => {
    const other = await startZendeskEmulator({
      apiTokens: [{ email: 'requester@example.com', token: 'requester-token' }],
      limits: NO_LIMITS,
    });
    try {
      const requester = other.state.findUserByEmail('requester@example.com')!;
      other.state.updateUser(requester.id, { role: 'end-user' });
      expect((await get(`${other.url}/api/v2/tickets/count.json`, 'requester@example.com', 'requester-token')).status).toBe(403);
    } finally {
      await other.close();
    }
    expect((await get(`${zd.url}/api/v2/users/count.json?role=end-user`)).status).toBe(400);
  });
});
