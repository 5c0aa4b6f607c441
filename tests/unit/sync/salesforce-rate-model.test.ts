import { describe, expect, it } from 'vitest';
import {
  DAY_SECONDS,
  modelAllocationTime,
  pollingCallsPerDay,
  salesforceOrg,
  type AllocationRun,
} from '../../../scripts/lib/salesforce-rate-model';

/**
 * The model behind `npm run bench:crm -- --salesforce`: given the API calls a load makes, a named
 * org's daily allocation and a latency per request, how long the load takes and what share of
 * the day's allocation it uses. Pure arithmetic, checked against sums done by hand.
 */

const run = (phase: string, count: number, secondsEach = 0, over: Partial<AllocationRun> = {}): AllocationRun => ({
  phase,
  count,
  secondsEach,
  retrySeconds: 60,
  ...over,
});

describe('Salesforce orgs and their daily API allocation', () => {
  it('names the org and gives its documented allocation: 100,000 plus 1,000 a licence on Enterprise, 5,000 on Unlimited, 15,000 flat on Developer', () => {
    expect(salesforceOrg('enterprise', 100)).toEqual({ name: 'Enterprise Edition, 100 Service Cloud licences', dailyAllocation: 200_000 });
    expect(salesforceOrg('enterprise', 15).dailyAllocation).toBe(115_000);
    expect(salesforceOrg('professional', 1)).toEqual({
      name: 'Professional Edition with API access, 1 Service Cloud licence',
      dailyAllocation: 101_000,
    });
    expect(salesforceOrg('unlimited', 100).dailyAllocation).toBe(600_000);
    expect(salesforceOrg('performance', 2).dailyAllocation).toBe(110_000);
    expect(salesforceOrg('developer', 100)).toEqual({ name: 'Developer Edition', dailyAllocation: 15_000 });
  });

  it('refuses a licence count that is not a whole number', () => {
    expect(() => salesforceOrg('enterprise', -1)).toThrow('licences must be a whole number ≥ 0, got -1');
    expect(() => salesforceOrg('enterprise', 2.5)).toThrow('licences must be a whole number ≥ 0, got 2.5');
  });
});

describe('modelled time of Salesforce API calls against an org', () => {
  const enterprise = salesforceOrg('enterprise', 100).dailyAllocation;

  it('within the allocation, a load takes its measured time plus the latency of each call', () => {
    // 1,000 query pages, 0.2 s of local work after each, 0.3 s of latency each: 500 s.
    const result = modelAllocationTime([run('history', 1000, 0.2)], { dailyAllocation: enterprise, latencySeconds: 0.3 });
    expect(result.totalSeconds).toBeCloseTo(500, 6);
    expect(result.heldSeconds).toBe(0);
    expect(result.requests).toBe(1000);
    expect(result.shareOfAllocation).toBeCloseTo(0.005, 9);
    expect(result.phases[0]).toMatchObject({ phase: 'history', requests: 1000, startSeconds: 0, heldSeconds: 0 });
    expect(result.phases[0]!.latencySeconds).toBeCloseTo(300, 6);
  });

  it('calls sent several at once share one latency', () => {
    // 400 contact look-ups four at a time: 100 round trips of 0.3 s.
    const result = modelAllocationTime([run('open', 400, 0, { lanes: 4 })], { dailyAllocation: enterprise, latencySeconds: 0.3 });
    expect(result.totalSeconds).toBeCloseTo(30, 6);
  });

  it('local work without calls and pauses count once, in order, so the first screen pop and the full history can be told apart', () => {
    const result = modelAllocationTime([run('open', 10, 1), run('open', 0, 5), run('pull interval', 0, 60), run('history', 20, 0.5)], {
      dailyAllocation: enterprise,
      latencySeconds: 0.5,
    });
    const [open, pause, history] = result.phases;
    expect(open).toMatchObject({ requests: 10, startSeconds: 0, endSeconds: 20 });
    expect(pause).toMatchObject({ requests: 0, startSeconds: 20, endSeconds: 80 });
    expect(history).toMatchObject({ requests: 20, startSeconds: 80, endSeconds: 100 });
  });

  it('once the org has spent its allocation, a call waits for the connector to try again until calls made 24 hours ago leave the window', () => {
    // A Developer Edition org whose 15,000 calls were all made just before: nothing goes for 24 hours.
    const spent = modelAllocationTime([run('open', 3, 1)], {
      dailyAllocation: 15_000,
      latencySeconds: 0,
      prior: { calls: 15_000, overSeconds: 0 },
    });
    // The connector tries each minute; the window frees at exactly 24 hours (a whole number of minutes).
    expect(spent.heldSeconds).toBe(DAY_SECONDS);
    expect(spent.totalSeconds).toBe(DAY_SECONDS + 3);
    expect(spent.peakWindowCalls).toBe(3);
  });

  it('prior usage spread over the day leaves the window at the same rate: one call frees a slot every 5.76 s of 15,000 a day', () => {
    // 15,000 calls over the last 24 hours, evenly: the window frees 15,000 / 86,400 calls a second.
    const result = modelAllocationTime([run('open', 10, 0, { retrySeconds: 1 })], {
      dailyAllocation: 15_000,
      latencySeconds: 0,
      prior: { calls: 15_000, overSeconds: DAY_SECONDS },
    });
    // The k-th call waits until k calls have left: k × 5.76 s, tried each second, so the 10th goes at ⌈57.6⌉ = 58 s.
    expect(result.totalSeconds).toBe(58);
    expect(result.heldSeconds).toBe(58);
    expect(result.peakWindowCalls).toBe(15_000);
  });

  it("counts the load's own calls in the window: a load larger than the allocation waits a day for its first calls to leave", () => {
    const result = modelAllocationTime([run('history', 12, 60, { retrySeconds: 3600 })], { dailyAllocation: 10, latencySeconds: 0 });
    // Ten calls a minute apart (0–540 s); the eleventh, refused at 600 s and tried hourly, goes at 87,000 s, when the first ten have left.
    expect(result.phases[0]!.heldSeconds).toBe(DAY_SECONDS);
    expect(result.totalSeconds).toBe(87_000 + 60 + 60);
    expect(result.peakWindowCalls).toBe(10);
  });

  it('refuses input it cannot model, saying what is wrong', () => {
    const ok = { dailyAllocation: enterprise, latencySeconds: 0 };
    expect(() => modelAllocationTime([run('open', 1)], { ...ok, dailyAllocation: 0 })).toThrow(
      'The daily allocation must be a whole number ≥ 1 of calls, got 0',
    );
    expect(() => modelAllocationTime([run('open', 1)], { ...ok, latencySeconds: -0.1 })).toThrow(
      'The latency must be a finite number ≥ 0 of seconds, got -0.1',
    );
    expect(() => modelAllocationTime([run('open', -1)], ok)).toThrow('Run 0 (open): count must be a whole number ≥ 0, got -1');
    expect(() => modelAllocationTime([run('open', 1, Number.NaN)], ok)).toThrow(
      'Run 0 (open): secondsEach must be a finite number ≥ 0, got NaN',
    );
    expect(() => modelAllocationTime([run('open', 1, 0, { lanes: 0 })], ok)).toThrow(
      'Run 0 (open): lanes must be a whole number ≥ 1, got 0',
    );
    expect(() => modelAllocationTime([run('open', 1, 0, { retrySeconds: 0 })], ok)).toThrow(
      'Run 0 (open): retrySeconds must be a finite number ≥ 1, got 0',
    );
    expect(() => modelAllocationTime([run('open', 1)], { ...ok, prior: { calls: 1.5, overSeconds: 0 } })).toThrow(
      'Prior usage must be a whole number ≥ 0 of calls, got 1.5',
    );
  });
});

describe('the cost of polling', () => {
  it('a desktop pulling every minute for an 8-hour shift, 2 calls a round, spends 960 calls: most of a licence’s 1,000', () => {
    expect(pollingCallsPerDay(2, 60, 8)).toBe(960);
    expect(pollingCallsPerDay(0, 60, 8)).toBe(0);
    expect(() => pollingCallsPerDay(2, 0, 8)).toThrow('Polling needs requests ≥ 0 a round, an interval > 0 s and hours ≥ 0');
  });
});
