import { z } from 'zod';

/**
 * Fault switches for the Salesforce emulator: what an unreliable network, proxy or Salesforce
 * itself does to a connector. Each rule is aimed: it names the requests it hits (method and path
 * pattern) and how many (`times`), so a test can say "the next collections call loses its
 * answer" and nothing else changes.
 *
 *  - down:              the connection is cut as soon as the request arrives (no answer at all);
 *                       `setDown(true)` closes the listener instead, so connections are refused
 *  - error500:          answered 500 UNKNOWN_EXCEPTION before any work is done
 *  - requestLimit:      answered 403 REQUEST_LIMIT_EXCEEDED before any work is done
 *  - slow:              answered after `delayMs`
 *  - reset:             the work is done, then the answer is cut off halfway through its body
 *  - duplicateDelivery: the work is done (a create or upsert is applied), then the connection is
 *                       cut with nothing sent: the client cannot tell whether it happened
 *  - sessionExpired:    the presented access token stops working now (401 INVALID_SESSION_ID, and
 *                       stays so); a refresh gets a new one
 *  - conflict:          the next conditional PATCH (If-Unmodified-Since or If-Match) is refused
 *                       with 412, even though the record did not change
 */

export const FAULT_KINDS = [
  'down',
  'error500',
  'requestLimit',
  'slow',
  'reset',
  'duplicateDelivery',
  'sessionExpired',
  'conflict',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultRuleSchema = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  /** Path pattern: a RegExp, or a string where `*` matches any run of characters (`/services/data/v62.0/composite/*`). Default: every path. */
  path: z.union([z.string().min(1), z.instanceof(RegExp)]).optional(),
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']).optional(),
  /** How many matching requests the rule hits; Infinity for all of them. Default 1. */
  times: z.number().int().min(1).or(z.literal(Number.POSITIVE_INFINITY)).default(1),
  /** slow: delay before answering (ms). */
  delayMs: z.number().int().min(0).max(600_000).default(0),
});
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;

export interface FaultHandle {
  readonly id: number;
  /** Matching requests the rule will still hit. */
  remaining(): number;
  remove(): void;
}

interface ActiveRule {
  id: number;
  rule: FaultRule;
  matcher: RegExp | null;
  left: number;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export class SalesforceFaults {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private listenerDown = false;
  /** How many requests each kind hit so far. */
  readonly injected = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;

  /** Set by the server: closes or reopens the listener on the same port. */
  constructor(private readonly setListener: (down: boolean) => Promise<void>) {}

  add(input: FaultRuleInput): FaultHandle {
    const rule = faultRuleSchema.parse(input);
    const active: ActiveRule = {
      id: this.nextId++,
      rule,
      matcher: rule.path === undefined ? null : typeof rule.path === 'string' ? globToRegExp(rule.path) : rule.path,
      left: rule.times,
    };
    this.rules.push(active);
    return {
      id: active.id,
      remaining: () => active.left,
      remove: () => {
        this.rules = this.rules.filter((r) => r !== active);
      },
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** Rules still armed, for diagnostics. */
  list(): (FaultRule & { id: number; remaining: number })[] {
    return this.rules.map((r) => ({ ...r.rule, id: r.id, remaining: r.left }));
  }

  private find(kind: FaultKind, method: string, path: string): ActiveRule | undefined {
    return this.rules.find(
      (r) => r.rule.kind === kind && r.left > 0 && (!r.rule.method || r.rule.method === method) && (!r.matcher || r.matcher.test(path)),
    );
  }

  /** Uses up one hit of the first matching rule of `kind`; null if none matches. */
  take(kind: FaultKind, method: string, path: string): FaultRule | null {
    const active = this.find(kind, method, path);
    if (!active) return null;
    active.left -= 1;
    if (active.left <= 0) this.rules = this.rules.filter((r) => r !== active);
    this.injected[kind] += 1;
    return active.rule;
  }

  get down(): boolean {
    return this.listenerDown;
  }

  /** true: stop listening (clients get "connection refused"); false: listen again on the same port. */
  async setDown(down: boolean): Promise<void> {
    if (down === this.listenerDown) return;
    await this.setListener(down);
    this.listenerDown = down;
  }
}
