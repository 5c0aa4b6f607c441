import { z } from 'zod';
import { FaultRules, faultPathSchema, faultTimesSchema, type FaultHandle } from '../common/fault-rules';

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
  /** Path pattern, e.g. `/services/data/v62.0/composite/*` (common/fault-rules.ts). */
  path: faultPathSchema,
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']).optional(),
  times: faultTimesSchema,
  /** slow: delay before answering (ms). */
  delayMs: z.number().int().min(0).max(600_000).default(0),
});
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;

export type { FaultHandle };

export class SalesforceFaults extends FaultRules<FaultKind, FaultRuleInput, FaultRule> {
  /** Set by the server: closes or reopens the listener on the same port. */
  constructor(setListener: (down: boolean) => Promise<void>) {
    super(FAULT_KINDS, (input) => faultRuleSchema.parse(input), setListener);
  }
}
