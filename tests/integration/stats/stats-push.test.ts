import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/logging/logger';
import { StatsPush, StatsService } from '../../../electron/stats/stats-service';
import type { StoreClient } from '../../../electron/store/store-client';
import type { MyStatsView } from '../../../shared/stats/contract';
import { manualScheduler, type ManualScheduler } from '../../support/manual-scheduler';
import { interaction, openStore, tempDataDir } from '../store/support';

/**
 * My stats without a poll: main pushes the figures when work is committed to the store and when
 * they change by time alone, and at no other time (docs/performance.md, "Start-up, memory and
 * idle CPU").
 */

const MIN = 60_000;
// 10:00 UTC on a Tuesday: the day ends at 00:00 UTC.
const NOW = Date.UTC(2026, 11, 8, 10, 0);
const MIDNIGHT = Date.UTC(2026, 11, 9, 0, 0);

describe('my stats pushed when they change', () => {
  const tmp = tempDataDir('stats-push');
  let store: StoreClient | null = null;
  let push: StatsPush | null = null;
  afterEach(async () => {
    push?.close();
    await store?.close();
    tmp.cleanup();
  });

  async function setup(): Promise<{ push: StatsPush; pushed: MyStatsView[]; clock: ManualScheduler; store: StoreClient }> {
    ({ store } = await openStore(tmp.dir));
    const pushed: MyStatsView[] = [];
    let p: StatsPush | null = null;
    const clock = manualScheduler(NOW, { settle: () => p?.idle() ?? Promise.resolve() });
    const service = new StatsService({
      store,
      agentId: () => 'agent-1',
      policy: () => ({ weekStartsOn: 1, timeZone: 'UTC' }),
      now: () => clock.scheduler.now(),
    });
    p = new StatsPush(service, {
      events: store,
      scheduler: clock.scheduler,
      emit: (_channel, view) => pushed.push(view),
      log: silentLogger,
    });
    push = p;
    return { push: p, pushed, clock, store };
  }

  it('pushes the new figures when a call is logged, without being asked', async () => {
    const { push, pushed, store } = await setup();
    expect((await push.get()).today.contactsHandled).toBe(0);
    expect(pushed).toEqual([]);
    await store.logInteraction(
      interaction({ id: 'I-1', agentId: 'agent-1', startedAt: NOW - 10 * MIN, answeredAt: NOW - 9 * MIN, endedAt: NOW - 5 * MIN }),
    );
    await expect.poll(() => pushed.at(-1)?.today.contactsHandled).toBe(1);
  });

  it('wakes when a callback falls overdue and at midnight, and not between', async () => {
    const { push, pushed, clock, store } = await setup();
    await store.saveCallback({
      id: 'cb-1',
      customerId: null,
      caseId: null,
      number: '+442079460018',
      dueAt: NOW + 30 * MIN,
      remindAt: null,
      note: '',
    });
    await expect.poll(() => pushed.length).toBe(1);
    await push.idle();
    expect(pushed[0]!.overdueCallbacks).toBe(0);
    // Due, but not yet overdue: nothing changes, nothing is pushed.
    await clock.advance(34 * MIN);
    expect(pushed.length).toBe(1);
    await clock.advance(1 * MIN);
    expect(pushed.map((v) => v.overdueCallbacks)).toEqual([0, 1]);
    // Nothing else until the day ends; then today starts empty.
    await clock.advance(MIDNIGHT - clock.scheduler.now() - 1);
    expect(pushed.length).toBe(2);
    await clock.advance(1);
    expect(pushed.length).toBe(3);
    expect(pushed[2]!.today.start).toBe(MIDNIGHT);
  });

  it('stops pushing once closed', async () => {
    const { push, pushed, store } = await setup();
    await push.get();
    push.close();
    await store.logInteraction(
      interaction({ id: 'I-2', agentId: 'agent-1', startedAt: NOW - 10 * MIN, answeredAt: NOW - 9 * MIN, endedAt: NOW - 5 * MIN }),
    );
    // The commit's own answer comes after its outbox event would have been handled.
    await store.status({ counts: false });
    await push.idle();
    expect(pushed).toEqual([]);
  });
});
