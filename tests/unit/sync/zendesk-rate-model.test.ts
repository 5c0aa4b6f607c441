import { describe, expect, it } from 'vitest';
import { ZENDESK_PLANS, modelRequestTime, planLimits, type RequestRun } from '../../../scripts/lib/zendesk-rate-model';

/**
 * The rate model behind `npm run bench:crm -- --zendesk`: given the requests a load makes and a
 * plan's documented limits, how many minutes it takes. Pure arithmetic, checked against sums done
 * by hand.
 */

const professional = planLimits(ZENDESK_PLANS['suite-professional']);
const run = (phase: string, buckets: string[], count: number, secondsEach = 0): RequestRun => ({ phase, buckets, count, secondsEach });

describe('modelled time of Zendesk requests under the documented limits', () => {
  it('names the plan limits: Suite Professional is 400 a minute, with the endpoint limits every plan shares', () => {
    expect(ZENDESK_PLANS['suite-professional'].name).toBe('Zendesk Suite Professional');
    expect(professional).toEqual({ account: 400, incremental: 10, incrementalUsersCursor: 20, searchExport: 100, ticketUpdate: 100 });
    expect(planLimits(ZENDESK_PLANS['suite-team']).account).toBe(200);
    expect(planLimits(ZENDESK_PLANS['suite-enterprise']).account).toBe(700);
  });

  it('takes just the measured time when no limit is reached', () => {
    const result = modelRequestTime([run('open', ['account'], 300, 0.1), run('open', [], 1, 12)], professional);
    expect(result.totalSeconds).toBeCloseTo(42, 6);
    expect(result.heldSeconds).toBe(0);
    expect(result.requestsPerBucket).toEqual({ account: 300 });
  });

  it('holds a million tickets at 1,000 a page to 10 incremental-export requests a minute: 99 minutes and the last page', () => {
    // 1,000 pages, 10 in each whole minute: the last ten go at the start of minute 99.
    const instant = modelRequestTime([run('history', ['account', 'incremental'], 1000)], professional);
    expect(instant.totalSeconds / 60).toBe(99);
    // Each page taking 2 s: ten pages fill 20 s of each minute, the last minute included.
    const paced = modelRequestTime([run('history', ['account', 'incremental'], 1000, 2)], professional);
    expect(paced.totalSeconds).toBe(99 * 60 + 20);
    expect(paced.heldSeconds).toBe(99 * 40);
  });

  it('counts every request against the account, so Show Many Users and the Search export share its 400 a minute', () => {
    // 340 search pages, each followed by 10 Show Many Users requests: 3,740 account requests.
    const runs: RequestRun[] = [];
    for (let page = 0; page < 340; page += 1) runs.push(run('open', ['account', 'searchExport'], 1), run('open', ['account'], 10));
    const result = modelRequestTime(runs, professional);
    // 3,740 / 400 a minute: nine full minutes, the rest go at the start of the tenth.
    expect(result.totalSeconds / 60).toBe(9);
    expect(result.requestsPerBucket).toEqual({ account: 3740, searchExport: 340 });
    // The same requests on Enterprise (700 a minute): five full minutes.
    expect(modelRequestTime(runs, planLimits(ZENDESK_PLANS['suite-enterprise'])).totalSeconds / 60).toBe(5);
  });

  it('holds a request until the fullest of its buckets has room', () => {
    // 250 Search export pages alone: 100 a minute is the binding limit, not the account's 400.
    const result = modelRequestTime([run('open', ['account', 'searchExport'], 250)], professional);
    expect(result.totalSeconds / 60).toBe(2);
    // A bucket with no limit (or not listed) never holds anything.
    expect(modelRequestTime([run('x', ['account', 'unlisted'], 250)], { account: null }).totalSeconds).toBe(0);
  });

  it('times each phase in order, with the waits between them, so the first screen pop and the full history can be told apart', () => {
    const result = modelRequestTime(
      [
        run('open tickets', ['account', 'searchExport'], 150, 0.5),
        run('open tickets', [], 1, 10),
        run('pause', [], 1, 60),
        run('history', ['account', 'incremental'], 25, 1),
      ],
      professional,
    );
    const [open, pause, history] = result.phases;
    // 100 pages in minute 0 (50 s), held to 60 s, 50 more (25 s), then 10 s of local work.
    expect(open).toMatchObject({ phase: 'open tickets', requests: 150, startSeconds: 0, endSeconds: 95, heldSeconds: 10 });
    expect(pause).toMatchObject({ phase: 'pause', requests: 0, startSeconds: 95, endSeconds: 155 });
    // Ten pages in the rest of minute 2 (155–165 s), ten from 180 s, the last five from 240 s.
    expect(history).toMatchObject({ phase: 'history', requests: 25, startSeconds: 155, endSeconds: 245, heldSeconds: 15 + 50 });
    expect(result.totalSeconds).toBe(245);
  });

  it('refuses input it cannot model, saying what is wrong', () => {
    expect(() => modelRequestTime([run('open', ['account'], 1)], { account: 0 })).toThrow(
      'The limit of bucket "account" must be a whole number ≥ 1 a minute, or null for none; got 0',
    );
    expect(() => modelRequestTime([run('open', ['account'], -1)], professional)).toThrow(
      'Run 0 (open): count must be a whole number ≥ 0, got -1',
    );
    expect(() => modelRequestTime([run('open', ['account'], 1, Number.NaN)], professional)).toThrow(
      'Run 0 (open): secondsEach must be a finite number ≥ 0, got NaN',
    );
  });
});
