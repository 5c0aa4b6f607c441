import { z } from 'zod';
import { FaultRules, faultPathSchema, faultTimesSchema, type FaultHandle } from '../common/fault-rules';

/**
 * Fault switches for the Zendesk emulator: what an unreliable network, proxy
 * or Zendesk itself does to a connector. Like tools/sync-server/faults.ts, but
 * aimed: each rule names the requests it hits (method and path pattern) and how
 * many of them (`times`), so a test can say "the next two ticket creates lose
 * their answer" and nothing else changes.
 *
 *  - down:              the connection is cut as soon as the request arrives (no answer at all);
 *                       `setDown(true)` closes the listener instead, so connections are refused
 *  - error500:          answered 500 before any work is done
 *  - rateLimit:         answered 429 with Retry-After before any work is done
 *  - slow:              answered after `delayMs`
 *  - reset:             the work is done, then the answer is cut off halfway through its body
 *  - duplicateDelivery: the work is done (a create is applied), then the connection is cut with
 *                       nothing sent: the client cannot tell whether it happened and retries
 *  - tokenExpired:      the request's OAuth access token expires now (401 invalid_token, and stays
 *                       expired); an API-token request is answered 401 "Couldn't authenticate you"
 *  - conflict:          the next safe update (`safe_update: true`) is refused with 409
 */

export const FAULT_KINDS = ['down', 'error500', 'rateLimit', 'slow', 'reset', 'duplicateDelivery', 'tokenExpired', 'conflict'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultRuleSchema = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  /** Path pattern, e.g. `/api/v2/incremental/*` (common/fault-rules.ts). */
  path: faultPathSchema,
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
  times: faultTimesSchema,
  /** rateLimit: seconds in Retry-After. */
  retryAfterSec: z.number().int().min(0).max(3600).default(1),
  /** slow: delay before answering (ms). */
  delayMs: z.number().int().min(0).max(600_000).default(0),
});
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;

export type { FaultHandle };

export class ZendeskFaults extends FaultRules<FaultKind, FaultRuleInput, FaultRule> {
  /** Set by the server: closes or reopens the listener on the same port. */
  constructor(setListener: (down: boolean) => Promise<void>) {
    super(FAULT_KINDS, (input) => faultRuleSchema.parse(input), setListener);
  }
}
