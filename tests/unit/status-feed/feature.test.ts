import { afterEach, describe, expect, it } from 'vitest';
import type { StatusFeedView } from '../../../shared/status-feed/contract';
import { createTimerScheduler } from '../../../electron/core/scheduler';
import { silentLogger } from '../../../electron/logging/logger';
import { createStatusFeedFeature } from '../../../electron/status-feed/feature';
import { startStatusFeedServer, statuspageSummary, type StatusFeedServer } from '../../support/status-feed-server';

/** The feature as the core mounts it: off without a feed; with one, the view is pushed and answered, and a new wrap-up's suggestion is the most severe incident. */

let server: StatusFeedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

describe('status feed feature', () => {
  it('is off, reads nothing and suggests nothing without a feed address', async () => {
    const pushed: unknown[] = [];
    const feature = createStatusFeedFeature({
      bridge: { emit: (_channel, payload) => pushed.push(payload) },
      url: null,
      pollSeconds: 60,
      version: 'test',
      scheduler: createTimerScheduler(),
      log: silentLogger,
    });
    expect(await feature.handlers['statusFeed.getView']!({}, {} as never)).toEqual({
      state: 'off',
      incidents: [],
      lastGoodAt: null,
      problem: null,
    });
    expect(feature.service.incidentToSuggest()).toBeNull();
    await feature.close?.();
    expect(pushed).toEqual([]);
  });

  it('pushes the view after the first read and suggests the most severe incident', async () => {
    server = await startStatusFeedServer();
    const update = [{ status: 'investigating', body: 'Looking into it.', at: '2026-12-06T04:00:00Z' }];
    server.publish(
      statuspageSummary([
        { id: 'minor-1', name: 'Slow portal', status: 'investigating', impact: 'minor', components: ['Billing portal'], updates: update },
        { id: 'crit-1', name: 'No calls connect', status: 'identified', impact: 'critical', components: ['Voice (PSTN)'], updates: update },
      ]),
    );
    const pushed: { channel: string; view: StatusFeedView }[] = [];
    const feature = createStatusFeedFeature({
      bridge: { emit: (channel, payload) => pushed.push({ channel, view: payload as StatusFeedView }) },
      url: server.url,
      pollSeconds: 60,
      version: 'test',
      scheduler: createTimerScheduler(),
      log: silentLogger,
    });
    try {
      await until(() => pushed.length > 0);
      expect(pushed[0]?.channel).toBe('statusFeed.view');
      expect(pushed[0]?.view.incidents.map((i) => i.id)).toEqual(['crit-1', 'minor-1']);
      expect(feature.service.incidentToSuggest()?.id).toBe('crit-1');
      expect(server.requests[0]).toMatchObject({ status: 200 });
    } finally {
      await feature.close?.();
    }
  });
});
