import { z } from 'zod';

/**
 * Fault injection for the reference server: what a flaky CRM, proxy or network
 * does to a client. Set at start (`--error-rate 0.2`, ...) or at run time with
 * `PUT /admin/faults`. Rates draw from a seeded generator, so a test that
 * fixes the seed and the request order gets the same faults every run.
 */
export const faultConfigSchema = z.strictObject({
  /** Share (0–1) of API requests answered `failStatus` before any work is done. */
  errorRate: z.number().min(0).max(1).default(0),
  /** The next N API requests are answered `failStatus` before any work is done. */
  failNext: z.number().int().min(0).default(0),
  /** Status for `errorRate` and `failNext`: 500, 502, 503 or 504. */
  failStatus: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(500),
  /** Added before every API answer (ms). */
  delayMs: z.number().int().min(0).max(600_000).default(0),
  /** Share of API requests never answered: the client has to time out. */
  hangRate: z.number().min(0).max(1).default(0),
  /** Share of API requests whose work is done (a change is committed) and whose answer is then cut off mid-body. */
  dropRate: z.number().min(0).max(1).default(0),
  /** Share of changes handed to the handler twice, as a retrying proxy or load balancer would. */
  duplicateRate: z.number().min(0).max(1).default(0),
  /** The next N API requests are answered 429 with `Retry-After: retryAfterS`. */
  rateLimitNext: z.number().int().min(0).default(0),
  retryAfterS: z.number().int().min(0).max(3600).default(1),
  /**
   * Change pages padded with this many bytes of whitespace (still valid JSON) and sent without
   * Content-Length, as a streaming server would: a page larger than a client reads (0: off).
   */
  oversizePageBytes: z
    .number()
    .int()
    .min(0)
    .max(256 * 1024 * 1024)
    .default(0),
  /** Change pages served as usual before `oversizePageBytes` applies (counts down like `failNext`). */
  oversizeAfterPages: z.number().int().min(0).default(0),
  /**
   * A change feed without end: at the end of the data the server still says `hasMore`, with a new
   * cursor each time (`fresh-cursor`, which still reads as the real position once the fault is off)
   * or with the cursor it was sent (`same-cursor`).
   */
  endlessPages: z.enum(['off', 'fresh-cursor', 'same-cursor']).default('off'),
  /** Which requests the faults hit. */
  scope: z.enum(['all', 'pull', 'push']).default('all'),
  seed: z.number().int().default(1),
});
export type FaultConfig = z.output<typeof faultConfigSchema>;
export type FaultInput = z.input<typeof faultConfigSchema>;

export const NO_FAULTS: FaultConfig = faultConfigSchema.parse({});

export type FaultKind = 'error' | 'rate-limit' | 'hang' | 'drop' | 'duplicate' | 'delay' | 'oversize' | 'endless';

export type RequestClass = 'pull' | 'push' | 'other';

/** What to do to one request; decided once when it arrives. */
export interface FaultPlan {
  /** Answer this status before doing any work. */
  failStatus: number | null;
  retryAfterS: number | null;
  delayMs: number;
  hang: boolean;
  drop: boolean;
  duplicate: boolean;
}

/** What to do to one change page, decided when it is served. */
export interface PagePlan {
  /** Whitespace added to the body, which then goes without Content-Length; 0: as usual. */
  padBytes: number;
  endless: FaultConfig['endlessPages'];
}

/** mulberry32: small, fast and good enough to spread faults evenly. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private config: FaultConfig = NO_FAULTS;
  private random = generator(NO_FAULTS.seed);
  readonly injected: Record<FaultKind, number> = {
    error: 0,
    'rate-limit': 0,
    hang: 0,
    drop: 0,
    duplicate: 0,
    delay: 0,
    oversize: 0,
    endless: 0,
  };

  constructor(initial?: FaultInput) {
    if (initial) this.set(initial);
  }

  get current(): FaultConfig {
    return this.config;
  }

  /** Replaces the whole configuration (fields left out go back to "no fault"). */
  set(input: FaultInput): FaultConfig {
    this.config = faultConfigSchema.parse(input);
    this.random = generator(this.config.seed);
    return this.config;
  }

  plan(kind: RequestClass): FaultPlan {
    const c = this.config;
    const none: FaultPlan = { failStatus: null, retryAfterS: null, delayMs: 0, hang: false, drop: false, duplicate: false };
    if (kind === 'other') return none;
    if (c.scope !== 'all' && c.scope !== kind) return none;
    const plan = { ...none, delayMs: c.delayMs };
    if (c.delayMs > 0) this.injected.delay += 1;
    if (c.rateLimitNext > 0) {
      this.config = { ...c, rateLimitNext: c.rateLimitNext - 1 };
      this.injected['rate-limit'] += 1;
      return { ...plan, failStatus: 429, retryAfterS: c.retryAfterS };
    }
    if (c.failNext > 0) {
      this.config = { ...c, failNext: c.failNext - 1 };
      this.injected.error += 1;
      return { ...plan, failStatus: c.failStatus };
    }
    if (c.errorRate > 0 && this.random() < c.errorRate) {
      this.injected.error += 1;
      return { ...plan, failStatus: c.failStatus };
    }
    if (c.hangRate > 0 && this.random() < c.hangRate) {
      this.injected.hang += 1;
      return { ...plan, hang: true };
    }
    if (c.dropRate > 0 && this.random() < c.dropRate) {
      this.injected.drop += 1;
      plan.drop = true;
    }
    if (kind === 'push' && c.duplicateRate > 0 && this.random() < c.duplicateRate) {
      this.injected.duplicate += 1;
      plan.duplicate = true;
    }
    return plan;
  }

  /** For a change-feed page about to be served (a pull request that got past `plan`). */
  page(): PagePlan {
    const c = this.config;
    if (c.scope === 'push') return { padBytes: 0, endless: 'off' };
    let padBytes = 0;
    if (c.oversizePageBytes > 0) {
      if (c.oversizeAfterPages > 0) {
        this.config = { ...c, oversizeAfterPages: c.oversizeAfterPages - 1 };
      } else {
        padBytes = c.oversizePageBytes;
        this.injected.oversize += 1;
      }
    }
    return { padBytes, endless: c.endlessPages };
  }
}
