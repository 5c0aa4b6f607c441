import { DEFAULT_LIMITS } from '../../tools/crm-emulators/zendesk/limits';

/**
 * How long a sequence of Zendesk API requests takes under Zendesk's documented per-minute rate
 * limits: pure arithmetic for `npm run bench:crm -- --zendesk`, which replays the requests a run
 * against the emulator made (the emulator answers with no limits, so its run gives the requests
 * and the time between them; this adds the waiting a real account imposes).
 *
 * The model: requests go one after another, each followed by the time the run spent before the
 * next one (its answer, storing, the next page's preparation). A request is held until every
 * bucket it counts against has room in the current minute; windows are whole minutes from the
 * start, as Zendesk's are whole clock minutes (`ratelimit-reset` is the seconds to the next one).
 * A client that waits exactly for the window to reset does this well; one that stops and retries
 * after a 429 does worse, so the figure is a lower bound for a given sequence.
 *
 * Limits (Zendesk API reference › Introduction › Rate limits, and the endpoints' own "Limits"
 * sections; the emulator's tools/crm-emulators/zendesk/limits.ts holds the same figures):
 * - account: requests a minute by plan (Zendesk Suite plan limits), below;
 * - incremental exports 10 a minute, the cursor-based user export 20, Export Search Results 100
 *   (which also count against the account), from limits.ts;
 * - Update Ticket: 100 requests a minute per account (Tickets › Update Ticket, and Rate limits ›
 *   Endpoint rate limits; 300 with the High Volume API add-on). The emulator does not enforce it.
 */

export interface ZendeskPlan {
  name: string;
  /** Account-wide requests a minute (Rate limits › Zendesk Suite plan limits). */
  perMinute: number;
}

export const ZENDESK_PLANS = {
  'suite-team': { name: 'Zendesk Suite Team', perMinute: 200 },
  'suite-growth': { name: 'Zendesk Suite Growth', perMinute: 400 },
  'suite-professional': { name: 'Zendesk Suite Professional', perMinute: 400 },
  'suite-enterprise': { name: 'Zendesk Suite Enterprise', perMinute: 700 },
  'suite-enterprise-plus': { name: 'Zendesk Suite Enterprise Plus', perMinute: 2500 },
} as const satisfies Record<string, ZendeskPlan>;

export type ZendeskPlanId = keyof typeof ZENDESK_PLANS;

/** Update Ticket's own limit per account (Tickets › Update Ticket; Rate limits › Endpoint rate limits). */
export const TICKET_UPDATES_PER_MINUTE = 100;

/** Requests a minute per bucket; a bucket not listed, or null, is not limited. */
export type BucketLimits = Readonly<Record<string, number | null>>;

/** The limits of a plan, with the endpoint limits every plan shares (the standard ones, without the High Volume API add-on). */
export function planLimits(plan: ZendeskPlan): BucketLimits {
  return {
    account: plan.perMinute,
    incremental: DEFAULT_LIMITS.incrementalPerMinute,
    incrementalUsersCursor: DEFAULT_LIMITS.incrementalUsersCursorPerMinute,
    searchExport: DEFAULT_LIMITS.searchExportPerMinute,
    ticketUpdate: TICKET_UPDATES_PER_MINUTE,
  };
}

/** `count` requests in a row that count against the same buckets ([] for work no limit holds: local work). */
export interface RequestRun {
  /** The part of the run the requests belong to ("open tickets", "history", …). */
  phase: string;
  buckets: readonly string[];
  count: number;
  /** Seconds from each request to the next when nothing holds it. */
  secondsEach: number;
}

export interface PhaseTime {
  phase: string;
  requests: number;
  /** When its first request went, and when the time after its last one ended (seconds from the start). */
  startSeconds: number;
  endSeconds: number;
  /** Seconds its requests were held by the limits. */
  heldSeconds: number;
}

export interface ModelResult {
  totalSeconds: number;
  heldSeconds: number;
  /** In the order the phases first appear. */
  phases: PhaseTime[];
  requestsPerBucket: Record<string, number>;
}

const WINDOW_SECONDS = 60;

function checkRun(run: RequestRun, index: number): void {
  if (!Number.isInteger(run.count) || run.count < 0)
    throw new Error(`Run ${index} (${run.phase}): count must be a whole number ≥ 0, got ${run.count}`);
  if (!Number.isFinite(run.secondsEach) || run.secondsEach < 0)
    throw new Error(`Run ${index} (${run.phase}): secondsEach must be a finite number ≥ 0, got ${run.secondsEach}`);
}

function checkLimits(limits: BucketLimits): void {
  for (const [bucket, limit] of Object.entries(limits)) {
    if (limit !== null && (!Number.isInteger(limit) || limit < 1))
      throw new Error(`The limit of bucket "${bucket}" must be a whole number ≥ 1 a minute, or null for none; got ${limit}`);
  }
}

/** The time `runs` take, in order, under `limits` (see the module comment for the model). */
export function modelRequestTime(runs: readonly RequestRun[], limits: BucketLimits): ModelResult {
  checkLimits(limits);
  runs.forEach(checkRun);
  const used = new Map<string, { window: number; count: number }>();
  const phases = new Map<string, PhaseTime>();
  const requestsPerBucket: Record<string, number> = {};
  let t = 0;
  let heldTotal = 0;
  for (const run of runs) {
    const limited = run.buckets.filter((b) => typeof limits[b] === 'number');
    let phase = phases.get(run.phase);
    if (!phase) {
      phase = { phase: run.phase, requests: 0, startSeconds: t, endSeconds: t, heldSeconds: 0 };
      phases.set(run.phase, phase);
    }
    for (const bucket of run.buckets) requestsPerBucket[bucket] = (requestsPerBucket[bucket] ?? 0) + run.count;
    phase.requests += run.buckets.length > 0 ? run.count : 0;
    if (limited.length === 0) {
      t += run.count * run.secondsEach;
    } else {
      for (let k = 0; k < run.count; k += 1) {
        for (;;) {
          const window = Math.floor(t / WINDOW_SECONDS);
          const full = limited.some((b) => {
            const entry = used.get(b);
            return entry !== undefined && entry.window === window && entry.count >= limits[b]!;
          });
          if (!full) break;
          const next = (window + 1) * WINDOW_SECONDS;
          phase.heldSeconds += next - t;
          heldTotal += next - t;
          t = next;
        }
        const window = Math.floor(t / WINDOW_SECONDS);
        for (const b of limited) {
          const entry = used.get(b);
          used.set(b, { window, count: entry !== undefined && entry.window === window ? entry.count + 1 : 1 });
        }
        t += run.secondsEach;
      }
    }
    phase.endSeconds = t;
  }
  return { totalSeconds: t, heldSeconds: heldTotal, phases: [...phases.values()], requestsPerBucket };
}
