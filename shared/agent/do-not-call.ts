/**
 * Do-not-call at dial time: whether an outbound call to a number may be placed, given what the
 * store says of the number, the policy (`doNotCallOverride`, shared/policy/keys.ts) and the
 * supervisor's approval the agent may give. Pure: main's guard (electron/agent/do-not-call-guard.ts)
 * asks the store and the clock, the dial box checks the approval form with the same rules.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import * as z from 'zod';
import { ok, refuse, type FieldError, type Result } from '../core/result';
import { epochMsSchema } from '../core/record-fields';
import { cardNumberProblem } from './card-number';
import { fieldProblem } from '../bridge/validate';
import { englishOf, userText, type UserText } from '../text/user-text';

export type DoNotCallOverrideMode = 'never' | 'with-supervisor-approval';

/** A reason shorter than this says nothing an auditor can check ("ok", "approved"). */
export const MIN_OVERRIDE_REASON = 15;
export const MAX_OVERRIDE_REASON = 500;
export const MAX_SUPERVISOR_NAME = 100;

/**
 * The approval as the agent typed it (the dial command's `doNotCallOverride`). Bounded only: the
 * rules below say what is wrong in the agent's words, which a schema's generic message would not.
 */
export const overrideInputSchema = z.strictObject({
  supervisor: z.string().max(MAX_SUPERVISOR_NAME * 2),
  reason: z.string().max(MAX_OVERRIDE_REASON * 2),
});
export type OverrideInput = z.output<typeof overrideInputSchema>;

/** A call placed to a do-not-call number with a supervisor's approval: kept with the call's interaction and synced. */
export const doNotCallOverrideSchema = z.strictObject({
  /** The approving supervisor's name as the agent gave it. */
  supervisor: z.string().min(1).max(MAX_SUPERVISOR_NAME),
  reason: z.string().min(MIN_OVERRIDE_REASON).max(MAX_OVERRIDE_REASON),
  /** When the agent placed the call with the approval. */
  approvedAt: epochMsSchema,
});
export type DoNotCallOverride = z.output<typeof doNotCallOverrideSchema>;

/** What the store answered: listed, not listed, or no answer (closed, failed). */
export type ListAnswer = 'listed' | 'not-listed' | 'unknown';

export type DialDecision =
  | { kind: 'place'; override: DoNotCallOverride | null }
  /** `overridable`: the agent may ask again with a supervisor's approval. */
  /** `message` is English (logs, `issues`); `text` the same for the window, absent when `errors` say it field by field. */
  | { kind: 'refuse'; message: string; text?: UserText; overridable: boolean; errors: FieldError[] };

/** "+44 20 7946 0123": the number as people read it; anything that is not a phone number as given. */
export function readableNumber(number: string): string {
  const parsed = number.startsWith('+') ? parsePhoneNumberFromString(number) : undefined;
  return parsed?.isPossible() ? parsed.formatInternational() : number;
}

/** Checks the approval form: a supervisor named, a reason long enough to audit and free of card numbers. */
export function checkOverrideInput(input: OverrideInput, now: number): Result<DoNotCallOverride> {
  const supervisor = input.supervisor.trim().replace(/\s+/g, ' ');
  const reason = input.reason.trim();
  const errors: FieldError[] = [];
  if (supervisor === '') errors.push(fieldProblem('supervisor', 'agent.doNotCall.supervisorMissing'));
  else if (supervisor.length > MAX_SUPERVISOR_NAME)
    errors.push(fieldProblem('supervisor', 'agent.doNotCall.supervisorTooLong', { max: MAX_SUPERVISOR_NAME }));
  if (reason === '') errors.push(fieldProblem('reason', 'agent.doNotCall.reasonMissing'));
  else if (reason.length < MIN_OVERRIDE_REASON)
    errors.push(fieldProblem('reason', 'agent.doNotCall.reasonTooShort', { min: MIN_OVERRIDE_REASON }));
  else if (reason.length > MAX_OVERRIDE_REASON)
    errors.push(fieldProblem('reason', 'agent.doNotCall.reasonTooLong', { max: MAX_OVERRIDE_REASON }));
  else if (cardNumberProblem(reason) !== null) errors.push(fieldProblem('reason', 'agent.cardNumber'));
  if (errors.length > 0) return refuse(errors);
  return ok({ supervisor, reason, approvedAt: now });
}

/**
 * Whether to place an outbound call to `number`. A number not on the list is placed whatever
 * else came with it: an approval for it overrides nothing and is not recorded.
 */
export function decideDial(input: {
  number: string;
  listed: ListAnswer;
  mode: DoNotCallOverrideMode;
  override: OverrideInput | null;
  now: number;
}): DialDecision {
  const { listed, mode, override } = input;
  if (listed === 'not-listed') return { kind: 'place', override: null };
  if (listed === 'unknown') {
    // Refused, and not overridable either: a call the list forbids must not slip through because the
    // store is down, and an approval could not be stored with the call's record anyway.
    return refusal(userText('agent.doNotCall.unchecked'), false);
  }
  const number = readableNumber(input.number);
  if (mode === 'never') {
    return refusal(userText(override === null ? 'agent.doNotCall.listed' : 'agent.doNotCall.listedNotAllowed', { number }), false);
  }
  if (override === null) return refusal(userText('agent.doNotCall.listedApprovable', { number }), true);
  const checked = checkOverrideInput(override, input.now);
  if (!checked.ok) return { kind: 'refuse', message: checked.message, overridable: true, errors: checked.errors };
  return { kind: 'place', override: checked.value };
}

/** The line a call's CRM note or Task carries when it was placed with an approval (the connectors' words). */
export function doNotCallOverrideNote(override: DoNotCallOverride): string {
  const at = `${new Date(override.approvedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `Called despite the do-not-call list, approved by supervisor ${override.supervisor} at ${at}. Reason: ${override.reason}`;
}

function refusal(text: UserText, overridable: boolean): DialDecision {
  return { kind: 'refuse', message: englishOf(text), text, overridable, errors: [] };
}

/**
 * How a refusal travels in a `forbidden` bridge error's issues (shared/bridge/errors.ts), so the
 * dial area can tell it from other failures and offer the approval form when policy allows one.
 */
export const DO_NOT_CALL_ISSUE = 'target: on the do-not-call list';
export const OVERRIDE_POSSIBLE_ISSUE = 'doNotCallOverride: a supervisor may approve the call';

/** The refusal a dial error carries, or null when the error is about something else. */
export function doNotCallRefusalOf(error: unknown): { message: string; overridable: boolean } | null {
  const issues = (error as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues) || !issues.includes(DO_NOT_CALL_ISSUE)) return null;
  return { message: error instanceof Error ? error.message : String(error), overridable: issues.includes(OVERRIDE_POSSIBLE_ISSUE) };
}
