import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import type { CALLBACKS_COMMANDS, CALLBACKS_EVENTS, CALLBACKS_MEDIA } from './channels';

/**
 * "My callbacks": the callbacks the agent promised and has not made yet. Main owns them (the
 * store) and their reminders (electron/agent/callback-reminders.ts); the renderer shows the list
 * main pushes (`callbacks.changed`) and works out "due" and "overdue" itself from `dueAt` with
 * shared/callbacks/callback-rules.ts, so the badges move on time without a push.
 *
 * The actions take free text and times on the wire as they are typed; main refuses a bad one with
 * a sentence for the agent and an issue per field (`at: …`, `outcome: …`, `reason: …`), and
 * changes nothing. Dialling one is the phone's own `telephony.dial`, with its checks.
 */

const millis = z.number().int().min(0).max(8.64e15);
/** A callback's id: its own, or `wrap-up:<interaction id>` for one promised in a wrap-up. */
const idSchema = z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters');

export const callbackItemSchema = z.strictObject({
  id: idSchema,
  customerId: z.string().nullable(),
  /** The customer's name from the store; null when the callback names no customer the store has. */
  customerName: z.string().nullable(),
  caseId: z.string().nullable(),
  /** What is dialled. */
  number: z.string(),
  /** The number as the agent reads it (international format when it is a phone number). */
  numberDisplay: z.string(),
  dueAt: millis,
  remindAt: millis.nullable(),
  /** The customer's IANA time zone, when the number tells it (customerTimeZone); null when unknown. */
  customerTimeZone: z.string().nullable(),
  /** The start of the wrap-up's notes: why the customer wants the call. */
  noteExcerpt: z.string(),
});
export type CallbackItem = z.output<typeof callbackItemSchema>;

export const callbacksViewSchema = z.strictObject({
  /** Scheduled callbacks, soonest first. */
  callbacks: z.array(callbackItemSchema).max(1000),
  /** What "Mark done" offers: CALLBACK_OUTCOMES (shared/config/workflow.ts). */
  outcomes: z.array(z.strictObject({ id: z.string(), label: z.string() })),
});
export type CallbacksView = z.output<typeof callbacksViewSchema>;

const anyText = z.string().max(100_000);

export const callbacksCommands = {
  'callbacks.list': { request: z.strictObject({}), response: callbacksViewSchema },
  /** `at`: the new due time (ms); null when the agent left the field empty. */
  'callbacks.reschedule': { request: z.strictObject({ id: idSchema, at: millis.nullable() }), response: callbacksViewSchema },
  'callbacks.complete': { request: z.strictObject({ id: idSchema, outcome: z.string().max(64) }), response: callbacksViewSchema },
  'callbacks.handBack': { request: z.strictObject({ id: idSchema, reason: anyText }), response: callbacksViewSchema },
} as const satisfies Record<(typeof CALLBACKS_COMMANDS)[number], CommandSpec>;

export const callbacksEvents = {
  'callbacks.changed': callbacksViewSchema,
} as const satisfies Record<(typeof CALLBACKS_EVENTS)[number], z.ZodType>;

export const callbacksMedia = {} as const satisfies Record<(typeof CALLBACKS_MEDIA)[number], MediaSpec>;
