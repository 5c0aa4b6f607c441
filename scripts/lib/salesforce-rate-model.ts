import { dailyApiLimitFor, type Edition } from '../../tools/crm-emulators/salesforce/limits';

/**
 * How long a sequence of Salesforce API requests takes against a real org, and what it costs of
 * the org's daily API allocation: pure arithmetic for `npm run bench:crm -- --salesforce`, which
 * replays the requests a run against the emulator made (the emulator answers on this machine, at
 * once, with no limit in the way; this adds the network and Salesforce's own time, and the
 * waiting the allocation imposes once it is spent).
 *
 * Salesforce has no per-minute rate limit on the REST API: it meters a rolling 24-hour total of
 * calls per org, shared by every user and integration (Salesforce Developer Limits and
 * Allocations Quick Reference › API Request Limits and Allocations › Total API Request
 * Allocations): 100,000 + (licences × calls per licence type) + purchased API Call Add-Ons;
 * Enterprise and Professional (with API access) 1,000 calls per Salesforce licence, Unlimited and
 * Performance 5,000, Developer Edition 15,000 in all. A Service Cloud user has a licence of the
 * "Salesforce" type. The figures are in tools/crm-emulators/salesforce/limits.ts
 * (`dailyApiLimitFor`), which the emulator enforces. Concurrent requests are limited only when
 * they run 20 seconds or longer (Concurrent API Request Limits), which the connector's never do.
 *
 * The model: requests go one after another, each followed by the time the measured run spent
 * before the next one (storing, building the next query), plus `latencySeconds` for the round
 * trip and Salesforce's work; requests the connector sends several at once (`lanes`) share one
 * latency. A request is refused while the org's calls in the last 24 hours (the prior usage still
 * in the window, and this sequence's own) have reached the allocation; it is tried again after
 * the run's `retrySeconds` (the connector holds the pull until its next round and the outbox for
 * 15 minutes: docs/crm.md, "Limits and errors"). A refused call is not counted. Prior usage is
 * spread evenly over the `overSeconds` before the start (0: all of it just before), and leaves
 * the window 24 hours after it was made.
 */

export const DAY_SECONDS = 86_400;

export interface SalesforceEdition {
  name: string;
  /** Which row of the allocation table: its base and calls per licence. */
  allocation: Edition;
  /** Whether licences add to the allocation (Developer Edition: a flat 15,000). */
  licensed: boolean;
}

export const SALESFORCE_EDITIONS = {
  developer: { name: 'Developer Edition', allocation: 'developer', licensed: false },
  professional: { name: 'Professional Edition with API access', allocation: 'enterprise', licensed: true },
  enterprise: { name: 'Enterprise Edition', allocation: 'enterprise', licensed: true },
  unlimited: { name: 'Unlimited Edition', allocation: 'unlimited', licensed: true },
  performance: { name: 'Performance Edition', allocation: 'unlimited', licensed: true },
} as const satisfies Record<string, SalesforceEdition>;

export type SalesforceEditionId = keyof typeof SALESFORCE_EDITIONS;

export interface SalesforceOrg {
  /** "Enterprise Edition, 100 Service Cloud licences". */
  name: string;
  /** API calls in any rolling 24 hours. */
  dailyAllocation: number;
}

/** A named org and its daily allocation (no add-ons bought). */
export function salesforceOrg(edition: SalesforceEditionId, licences: number): SalesforceOrg {
  if (!Number.isInteger(licences) || licences < 0) throw new Error(`licences must be a whole number ≥ 0, got ${licences}`);
  const e = SALESFORCE_EDITIONS[edition];
  return {
    name: e.licensed ? `${e.name}, ${licences.toLocaleString('en-US')} Service Cloud licence${licences === 1 ? '' : 's'}` : e.name,
    dailyAllocation: dailyApiLimitFor(e.allocation, e.licensed ? licences : 0),
  };
}

/** `count` requests in a row of one kind ({count: 0}: local work only, `secondsEach` once). */
export interface AllocationRun {
  /** The part of the run the requests belong to ("open cases", "history", …). */
  phase: string;
  count: number;
  /** Seconds from each request to the next when nothing holds it, as measured (0 requests: the run's length). */
  secondsEach: number;
  /** Requests the connector has in flight at once here: each adds latency ÷ lanes (default 1). */
  lanes?: number;
  /** After a refusal for the limit, seconds until the connector tries again. */
  retrySeconds: number;
}

export interface PriorUsage {
  /** The org's calls before the start that may still be in the 24-hour window. */
  calls: number;
  /** Spread evenly over this many seconds before the start; 0: all just before. */
  overSeconds: number;
}

export interface AllocationModelOptions {
  dailyAllocation: number;
  /** Round trip and Salesforce's own time per request, added to the measured run's time. */
  latencySeconds: number;
  prior?: PriorUsage;
}

export interface AllocationPhase {
  phase: string;
  requests: number;
  startSeconds: number;
  endSeconds: number;
  /** Seconds its requests waited for room in the allocation. */
  heldSeconds: number;
  /** Seconds of latency it added. */
  latencySeconds: number;
}

export interface AllocationResult {
  totalSeconds: number;
  heldSeconds: number;
  requests: number;
  /** This sequence's requests as a share of the daily allocation. */
  shareOfAllocation: number;
  /** The most calls in the 24-hour window when one of these requests went (prior and own). */
  peakWindowCalls: number;
  /** In the order the phases first appear. */
  phases: AllocationPhase[];
}

function check(runs: readonly AllocationRun[], options: AllocationModelOptions): void {
  const { dailyAllocation, latencySeconds, prior } = options;
  if (!Number.isInteger(dailyAllocation) || dailyAllocation < 1)
    throw new Error(`The daily allocation must be a whole number ≥ 1 of calls, got ${dailyAllocation}`);
  if (!Number.isFinite(latencySeconds) || latencySeconds < 0)
    throw new Error(`The latency must be a finite number ≥ 0 of seconds, got ${latencySeconds}`);
  if (prior && (!Number.isInteger(prior.calls) || prior.calls < 0))
    throw new Error(`Prior usage must be a whole number ≥ 0 of calls, got ${prior.calls}`);
  if (prior && (!Number.isFinite(prior.overSeconds) || prior.overSeconds < 0))
    throw new Error(`Prior usage must be spread over a finite number ≥ 0 of seconds, got ${prior.overSeconds}`);
  runs.forEach((run, i) => {
    const where = `Run ${i} (${run.phase})`;
    if (!Number.isInteger(run.count) || run.count < 0) throw new Error(`${where}: count must be a whole number ≥ 0, got ${run.count}`);
    if (!Number.isFinite(run.secondsEach) || run.secondsEach < 0)
      throw new Error(`${where}: secondsEach must be a finite number ≥ 0, got ${run.secondsEach}`);
    if (run.lanes !== undefined && (!Number.isInteger(run.lanes) || run.lanes < 1))
      throw new Error(`${where}: lanes must be a whole number ≥ 1, got ${run.lanes}`);
    if (!Number.isFinite(run.retrySeconds) || run.retrySeconds < 1)
      throw new Error(`${where}: retrySeconds must be a finite number ≥ 1, got ${run.retrySeconds}`);
  });
}

/** The prior calls still in the window at `t` (seconds from the start). */
function priorInWindow(prior: PriorUsage | undefined, t: number): number {
  if (!prior || prior.calls === 0) return 0;
  if (prior.overSeconds === 0) return t < DAY_SECONDS ? prior.calls : 0;
  const share = Math.min(1, Math.max(0, (DAY_SECONDS - t) / prior.overSeconds));
  return Math.ceil(prior.calls * share - 1e-9);
}

/** The time `runs` take, in order, against an org with this allocation (see the module comment for the model). */
export function modelAllocationTime(runs: readonly AllocationRun[], options: AllocationModelOptions): AllocationResult {
  check(runs, options);
  const { dailyAllocation, latencySeconds, prior } = options;
  const own: number[] = [];
  let oldest = 0;
  let t = 0;
  let held = 0;
  let peak = 0;
  const phases = new Map<string, AllocationPhase>();
  const inWindow = (): number => {
    while (oldest < own.length && own[oldest]! <= t - DAY_SECONDS) oldest += 1;
    return own.length - oldest + priorInWindow(prior, t);
  };
  for (const run of runs) {
    let phase = phases.get(run.phase);
    if (!phase) {
      phase = { phase: run.phase, requests: 0, startSeconds: t, endSeconds: t, heldSeconds: 0, latencySeconds: 0 };
      phases.set(run.phase, phase);
    }
    if (run.count === 0) t += run.secondsEach;
    const each = latencySeconds / (run.lanes ?? 1);
    for (let k = 0; k < run.count; k += 1) {
      let used = inWindow();
      while (used >= dailyAllocation) {
        t += run.retrySeconds;
        phase.heldSeconds += run.retrySeconds;
        held += run.retrySeconds;
        used = inWindow();
      }
      own.push(t);
      peak = Math.max(peak, used + 1);
      phase.requests += 1;
      phase.latencySeconds += each;
      t += each + run.secondsEach;
    }
    phase.endSeconds = t;
  }
  return {
    totalSeconds: t,
    heldSeconds: held,
    requests: own.length,
    shareOfAllocation: own.length / dailyAllocation,
    peakWindowCalls: peak,
    phases: [...phases.values()],
  };
}

/** Calls one desktop's pull makes in a working day when nothing changes: a round every `intervalSeconds` while signed in. */
export function pollingCallsPerDay(requestsPerRound: number, intervalSeconds: number, hoursSignedIn: number): number {
  if (!(requestsPerRound >= 0) || !(intervalSeconds > 0) || !(hoursSignedIn >= 0))
    throw new Error('Polling needs requests ≥ 0 a round, an interval > 0 s and hours ≥ 0');
  return Math.ceil((hoursSignedIn * 3600) / intervalSeconds) * requestsPerRound;
}
