import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishOf } from '../../../shared/text/user-text';
import { createHttpTransport, type HttpTransport } from '../../../electron/sync/http-client';
import { silentLogger } from '../../../electron/logging/logger';
import { MAX_BACKOFF_MS, StatusFeedPoller } from '../../../electron/status-feed/poller';
import { manualScheduler, type ManualScheduler } from '../../support/manual-scheduler';
import { startStatusFeedServer, statuspageSummary, type StatusFeedServer, type SummaryIncident } from '../../support/status-feed-server';

/**
 * The poller against a real local status page over real HTTP, on a clock the test moves: an
 * incident shows after one poll, changes, goes when resolved; a 304 keeps it; a broken feed makes
 * the view unavailable (keeping the time of the last good read) and backs off; it recovers.
 */

const INTERVAL = 60_000;
const START = Date.parse('2026-12-06T05:00:00Z');

const incident = (over: Partial<SummaryIncident> = {}): SummaryIncident => ({
  id: 'inc-1',
  name: 'Calls to +44 numbers fail',
  status: 'investigating',
  impact: 'major',
  components: ['Voice (PSTN)'],
  updates: [{ status: 'investigating', body: 'We are investigating failed calls.', at: '2026-12-06T04:00:00Z' }],
  ...over,
});

let server: StatusFeedServer;
let transport: HttpTransport;
let clock: ManualScheduler;
let poller: StatusFeedPoller;
let changes = 0;

beforeEach(async () => {
  server = await startStatusFeedServer();
  transport = createHttpTransport({ maxSockets: 1 });
  changes = 0;
  clock = manualScheduler(START, { settle: () => poller.idle() });
  poller = new StatusFeedPoller({
    url: new URL(server.url),
    intervalMs: INTERVAL,
    transport,
    scheduler: clock.scheduler,
    log: silentLogger,
    onChange: () => (changes += 1),
    userAgent: 'Switchboard/test',
    // The back-off's jitter pinned to its top: each wait is the full step.
    random: () => 0.999999,
  });
});

afterEach(async () => {
  poller.close();
  transport.close();
  await server.close();
});

async function started(): Promise<void> {
  poller.start();
  await clock.advance(0);
}

describe('status feed poller', () => {
  it('shows an incident within one poll, updates it, and drops it when resolved', async () => {
    server.publish(statuspageSummary([]));
    await started();
    expect(poller.view()).toEqual({ state: 'ok', incidents: [], lastGoodAt: START, problem: null });

    server.publish(statuspageSummary([incident()]));
    await clock.advance(INTERVAL);
    expect(poller.view().incidents).toMatchObject([
      { id: 'inc-1', status: 'investigating', latestUpdate: 'We are investigating failed calls.' },
    ]);

    server.publish(
      statuspageSummary([
        incident({
          status: 'identified',
          updates: [
            { status: 'identified', body: 'A carrier route is down.', at: '2026-12-06T05:00:30Z' },
            { status: 'investigating', body: 'We are investigating failed calls.', at: '2026-12-06T04:00:00Z' },
          ],
        }),
      ]),
    );
    await clock.advance(INTERVAL);
    expect(poller.view().incidents).toMatchObject([{ id: 'inc-1', status: 'identified', latestUpdate: 'A carrier route is down.' }]);

    server.publish(statuspageSummary([incident({ status: 'resolved' })]));
    await clock.advance(INTERVAL);
    expect(poller.view()).toMatchObject({ state: 'ok', incidents: [], lastGoodAt: START + 3 * INTERVAL });
  });

  it('asks conditionally and keeps what it has on 304', async () => {
    server.publish(statuspageSummary([incident()]));
    await started();
    await clock.advance(INTERVAL);
    await clock.advance(INTERVAL);
    expect(server.requests.map((r) => r.status)).toEqual([200, 304, 304]);
    expect(server.requests[0]).toMatchObject({ ifNoneMatch: null, ifModifiedSince: null });
    expect(server.requests[1]?.ifNoneMatch).toBe('"v1"');
    expect(server.requests[1]?.ifModifiedSince).toMatch(/ GMT$/);
    expect(poller.view()).toMatchObject({ state: 'ok', lastGoodAt: START + 2 * INTERVAL });
    expect(poller.view().incidents.map((i) => i.id)).toEqual(['inc-1']);
    // A new version is fetched in full again.
    server.publish(statuspageSummary([]));
    await clock.advance(INTERVAL);
    expect(server.requests.at(-1)?.status).toBe(200);
    expect(poller.view().incidents).toEqual([]);
  });

  it('a broken feed makes the view unavailable with the reason, keeps the last good read, backs off, and recovers', async () => {
    server.publish(statuspageSummary([incident()]));
    await started();
    const lastGood = START;

    server.fault('http-500');
    await clock.advance(INTERVAL);
    const host = `127.0.0.1:${new URL(server.url).port}`;
    expect(poller.view()).toMatchObject({
      state: 'unavailable',
      lastGoodAt: lastGood,
      problem: { key: 'statusFeed.problem.httpStatus', values: { host, status: 500 } },
    });
    expect(englishOf(poller.view().problem!)).toBe(`${host} answered HTTP 500`);
    expect(poller.view().incidents.map((i) => i.id)).toEqual(['inc-1']);

    // Back-off: the next try waits the interval, then twice it.
    const asked = server.requests.length;
    await clock.advance(INTERVAL - 1_000);
    expect(server.requests.length).toBe(asked);
    await clock.advance(1_000);
    expect(server.requests.length).toBe(asked + 1);
    await clock.advance(2 * INTERVAL - 1_000);
    expect(server.requests.length).toBe(asked + 1);
    await clock.advance(1_000);
    expect(server.requests.length).toBe(asked + 2);

    server.fault('garbage');
    await clock.advance(4 * INTERVAL);
    expect(poller.view()).toMatchObject({ state: 'unavailable', problem: { key: 'statusFeed.feed.unknownFormat' } });
    expect(englishOf(poller.view().problem!)).toBe('The feed is neither JSON (Statuspage v2 summary.json) nor XML (RSS 2.0 or Atom)');

    server.fault('reset');
    await clock.advance(MAX_BACKOFF_MS);
    expect(poller.view().problem).toEqual({
      key: 'statusFeed.problem.unreachable',
      values: { host, code: 'ECONNRESET', reason: { key: 'sync.network.reset' } },
    });
    expect(englishOf(poller.view().problem!)).toBe(`Cannot reach ${host}: the connection was reset (ECONNRESET)`);

    server.fault(null);
    server.publish(statuspageSummary([incident({ name: 'Calls to +44 numbers fail again' })]));
    await clock.advance(MAX_BACKOFF_MS);
    expect(poller.view()).toMatchObject({ state: 'ok', problem: null, incidents: [{ name: 'Calls to +44 numbers fail again' }] });
    // Back to the plain interval.
    const after = server.requests.length;
    await clock.advance(INTERVAL);
    expect(server.requests.length).toBe(after + 1);
  });

  it('refuses a body over the cap', async () => {
    const small = new StatusFeedPoller({
      url: new URL(server.url),
      intervalMs: INTERVAL,
      transport,
      scheduler: clock.scheduler,
      log: silentLogger,
      onChange: () => undefined,
      userAgent: 'Switchboard/test',
      maxBytes: 100,
    });
    server.publish(statuspageSummary([incident()]));
    small.start();
    await clock.advance(0);
    await small.idle();
    expect(small.view()).toMatchObject({ state: 'unavailable', problem: { key: 'statusFeed.problem.tooLarge' } });
    expect(englishOf(small.view().problem!)).toMatch(/sent an answer larger than/);
    small.close();
  });

  it('tells the window only when something changed', async () => {
    server.publish(statuspageSummary([incident()]));
    await started();
    const afterFirst = changes;
    expect(afterFirst).toBe(1);
    server.fault('http-500');
    await clock.advance(INTERVAL);
    expect(changes).toBe(afterFirst + 1);
    await clock.advance(INTERVAL);
    expect(changes).toBe(afterFirst + 1);
  });
});
