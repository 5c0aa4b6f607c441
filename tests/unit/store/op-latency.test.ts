import { describe, expect, it } from 'vitest';
import { OP_LATENCY_KEPT, OpLatencyLog } from '../../../electron/store/op-latency';

describe('store request times', () => {
  it('gives each operation its median, 99th percentile and worst, end to end and on the thread', () => {
    const log = new OpLatencyLog();
    for (let i = 1; i <= 100; i += 1) log.record('lookupCaller', i, i / 10);
    log.record('search', 3, 2);
    expect(log.summary()).toEqual({
      lookupCaller: { count: 100, endToEnd: { p50: 51, p99: 100, max: 100 }, onThread: { p50: 5.1, p99: 10, max: 10 } },
      search: { count: 1, endToEnd: { p50: 3, p99: 3, max: 3 }, onThread: { p50: 2, p99: 2, max: 2 } },
    });
  });

  it('keeps the most recent requests only, and starts afresh when reset', () => {
    const log = new OpLatencyLog();
    for (let i = 0; i < OP_LATENCY_KEPT; i += 1) log.record('search', 500, 400);
    // A slow machine earlier, a fast one now: the figures follow the recent requests.
    for (let i = 0; i < OP_LATENCY_KEPT; i += 1) log.record('search', 1, 0.5);
    expect(log.summary().search).toEqual({
      count: OP_LATENCY_KEPT,
      endToEnd: { p50: 1, p99: 1, max: 1 },
      onThread: { p50: 0.5, p99: 0.5, max: 0.5 },
    });
    log.reset();
    expect(log.summary()).toEqual({});
  });
});
