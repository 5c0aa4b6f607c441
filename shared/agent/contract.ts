import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import { PRIORITIES, WRAP_UP_TRIGGERS, ACW_EXPIRY_ACTIONS } from '../config/workflow';
import { caseSummarySchema, customerSchema, interactionSummarySchema } from '../store/contract';
import { AGENT_STATUSES, PRESENCES } from './agent-state';
import type { AgentView } from './agent-state-view';
import { CHANNELS, DIRECTIONS, incidentIdSchema, interactionSchema, wrapUpRecordSchema } from './records';
import { isRecordPageUrl } from '../sync/record-pages';
import type { AGENT_COMMANDS, AGENT_EVENTS, AGENT_MEDIA } from './channels';
import { freeText, withoutCardNumbers } from './card-number';
import { userTextSchema } from '../text/user-text';

/**
 * The agent area's bridge contract: the call loop the agent works in. Main owns the truth (the
 * agent state machine, the screen pop, the interaction rows and wrap-up drafts in the store); the
 * renderer mirrors `agent.view` and sends the agent's choices. Everything here survives a reload
 * of the renderer because main keeps it; drafts and owed wrap-ups also survive a restart.
 *
 * Caller names, numbers and customer fields are plain text from the network or the CRM: the
 * renderer shows them as text, never as markup.
 */

const ms = z.number().int();
const id = z.string().min(1).max(128);
const empty = z.strictObject({});
const recordPageUrl = z
  .string()
  .refine(isRecordPageUrl, 'must be an https:// address (or http:// to this machine) with no user name or password');

export const agentViewSchema = z.strictObject({
  status: z.enum(AGENT_STATUSES),
  statusLabel: userTextSchema,
  statusSince: ms,
  presence: z.enum(PRESENCES),
  reason: z.strictObject({ code: z.string(), label: z.string(), productive: z.boolean(), reminderAt: ms.nullable() }).nullable(),
  after: z.enum(PRESENCES).nullable(),
  acw: z
    .strictObject({
      remainingMs: ms,
      deadline: ms,
      expired: z.boolean(),
      mandatory: z.boolean(),
      extensionLeftSeconds: z.number().int(),
      interactionIds: z.array(z.string()),
    })
    .nullable(),
  owedWrapUps: z.array(z.string()),
  takesCalls: z.boolean(),
}) satisfies z.ZodType<AgentView>;

/** One customer the caller's number matched, with what is open for them. */
export const popMatchSchema = z.strictObject({
  customer: customerSchema,
  matchedNumber: z.string(),
  openCases: z.array(caseSummarySchema),
  recentInteractions: z.array(interactionSummarySchema),
});
export type PopMatch = z.output<typeof popMatchSchema>;

export const POP_STATES = ['ringing', 'connected', 'ended', 'declined'] as const;

/**
 * The contact on screen: the caller (from the INVITE), the lookup, and what the agent picked.
 * `lookup` is null while the store is still being asked (a few ms).
 */
export const screenPopSchema = z.strictObject({
  callId: z.string(),
  interactionId: id,
  direction: z.enum(DIRECTIONS),
  state: z.enum(POP_STATES),
  /** Caller ID as received (digits or user part) and the display name: plain text. */
  number: z.string().max(64),
  displayName: z.string().max(80).nullable(),
  /** When main received the INVITE (epoch ms): screen-pop latency is measured from here. */
  receivedAt: ms,
  lookup: z
    .strictObject({
      normalized: z.string().nullable(),
      matchedBy: z.enum(['exact', 'suffix', 'none']),
      matches: z.array(popMatchSchema),
      truncated: z.boolean(),
    })
    .nullable(),
  /** The customer and case the contact is filed under (one match is picked for the agent). */
  customerId: z.string().nullable(),
  caseId: z.string().nullable(),
  /** The interaction row exists in the store (the call has ended and was logged). */
  logged: z.boolean(),
});
export type ScreenPop = z.output<typeof screenPopSchema>;

export const wrapUpCodeOptionSchema = z.strictObject({
  code: z.string(),
  label: z.string(),
  category: z.string(),
  needsNote: z.boolean(),
  triggers: z.array(z.enum(WRAP_UP_TRIGGERS)),
});
export type WrapUpCodeOption = z.output<typeof wrapUpCodeOptionSchema>;

/** A wrap-up still owed, with its draft as last saved. */
export const openWrapUpSchema = z.strictObject({
  interactionId: id,
  draft: wrapUpRecordSchema,
  number: z.string().nullable(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  caseId: z.string().nullable(),
  endedAt: ms.nullable(),
});
export type OpenWrapUp = z.output<typeof openWrapUpSchema>;

export const timelineEntrySchema = z.strictObject({
  interaction: interactionSchema,
  wrapUpCode: z.string().nullable(),
  wrapUpLabel: z.string().nullable(),
  notes: z.string().nullable(),
});
export type TimelineEntry = z.output<typeof timelineEntrySchema>;

/** Most contacts a view's timeline carries (newest first). */
export const TIMELINE_SHOWN = 20;

/**
 * Everything the agent panels show, the contact on screen (its pop) included: pushed once per
 * change (changes within one tick go out as one push) and answered by the commands that change it.
 */
export const agentDeskViewSchema = z.strictObject({
  now: ms,
  agent: agentViewSchema,
  /** Not-ready reasons the agent may choose (system ones like "Missed call" are left out). */
  reasons: z.array(z.strictObject({ code: z.string(), label: z.string() })),
  wrapUpCodes: z.array(wrapUpCodeOptionSchema),
  policy: z.strictObject({
    acwSeconds: z.number().int(),
    onExpiry: z.enum(ACW_EXPIRY_ACTIONS),
    notesMaxLength: z.number().int(),
    callbackMinLeadMinutes: z.number().int(),
  }),
  /** Oldest first. */
  wrapUps: z.array(openWrapUpSchema),
  contact: screenPopSchema.nullable(),
  /**
   * The earlier contacts of the customer the contact on screen is filed under, newest first, read
   * again by main whenever they change (the contact is filed elsewhere, its call is logged, a
   * wrap-up is submitted); null while there is no such customer or main is still reading them.
   */
  timeline: z.strictObject({ customerId: id, entries: z.array(timelineEntrySchema).max(200) }).nullable(),
  /** Counts the contacts and wrap-ups main has logged since it started: the stats panel asks again when it moves. */
  workLogged: z.number().int().min(0),
  /**
   * "Open in <CRM>": the CRM's web page of each record the pop shows (its customers and their open
   * cases), by record id, as the connector in use gives them (electron/sync/record-pages.ts); null
   * when that connector has no pages. Only addresses that pass `isRecordPageUrl`.
   */
  crmPages: z.strictObject({ crm: z.string().min(1).max(60), byId: z.record(id, recordPageUrl) }).nullable(),
});
export type AgentDeskView = z.output<typeof agentDeskViewSchema>;
/** The CRM's pages of the records on screen, and the CRM's name for "Open in <CRM>". */
export type CrmPages = NonNullable<AgentDeskView['crmPages']>;

export const setStateSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('ready') }),
  z.strictObject({ state: z.literal('not-ready'), reason: z.string().min(1).max(40) }),
  z.strictObject({ state: z.literal('offline') }),
]);
export type SetStateRequest = z.input<typeof setStateSchema>;

export const wrapUpChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('code'), code: z.string().min(1).max(40) }),
  z.strictObject({ kind: z.literal('notes'), notes: freeText(20_000) }),
  z.strictObject({ kind: z.literal('resolved'), value: z.boolean() }),
  z.strictObject({ kind: z.literal('callback'), at: ms.nullable(), number: z.string().max(64) }),
  z.strictObject({ kind: z.literal('clear-callback') }),
  z.strictObject({ kind: z.literal('do-not-call'), number: z.string().max(64) }),
  z.strictObject({ kind: z.literal('clear-do-not-call') }),
  z.strictObject({ kind: z.literal('incident'), incidentId: incidentIdSchema.nullable() }),
]);
export type WrapUpChangeRequest = z.input<typeof wrapUpChangeSchema>;

export const logContactSchema = z.strictObject({
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS),
  number: z.string().max(64).nullable(),
  startedAt: ms,
  endedAt: ms,
  handlingSeconds: z.number().int(),
  customerId: id.nullable(),
  caseId: id.nullable(),
  /** Optional wrap-up code and note, submitted with the contact. */
  code: z.string().min(1).max(40).nullable(),
  notes: freeText(20_000),
});
export type LogContactRequest = z.input<typeof logContactSchema>;

export const agentCommands = {
  'agent.getView': { request: empty, response: agentDeskViewSchema },
  /** Ready, Not ready with a reason, or log out. During a call or wrap-up it applies when the work is done. */
  'agent.setState': { request: setStateSchema, response: agentDeskViewSchema },
  /** More time for the current wrap-up (policy's step, up to its maximum). */
  'agent.extendWrapUp': { request: empty, response: agentDeskViewSchema },
  /**
   * Edits of a wrap-up form, saved in order (local only): the renderer sends them together after a
   * short pause, and at once when the page goes away. Answers the new view (the saved draft is in
   * its `wrapUps`).
   */
  'agent.saveWrapUpDraft': {
    request: z.strictObject({ interactionId: id, changes: z.array(wrapUpChangeSchema).min(1).max(50) }),
    response: agentDeskViewSchema,
  },
  /**
   * Submits a wrap-up, after applying the edits not saved yet (`changes`); refused with a sentence
   * and one issue per field when something is missing. Answers the new view.
   */
  'agent.submitWrapUp': {
    request: z.strictObject({ interactionId: id, changes: z.array(wrapUpChangeSchema).max(50).optional() }),
    response: agentDeskViewSchema,
  },
  /**
   * Files the contact on screen under this customer (and case, if any): one of the pop's matches or one
   * the agent found by search. `saveNumber`: also add the caller's number to the customer's numbers, so
   * the next call from it pops them.
   */
  'agent.pickCustomer': {
    request: z.strictObject({ customerId: id, caseId: id.nullable(), saveNumber: z.boolean().optional() }),
    response: agentDeskViewSchema,
  },
  /** Creates a customer with the caller's number and files the contact on screen under it. */
  'agent.createCustomer': { request: z.strictObject({ name: z.string().trim().min(1).max(300) }), response: agentDeskViewSchema },
  /** One click: the interaction belongs to another case, or to a new case made now. */
  'agent.moveInteraction': {
    request: z.strictObject({
      interactionId: id,
      to: z.union([
        z.strictObject({ caseId: id }),
        z.strictObject({
          newCase: z.strictObject({
            subject: withoutCardNumbers(z.string().trim().min(1).max(500)),
            priority: z.enum(PRIORITIES).optional(),
          }),
        }),
      ]),
    }),
    response: interactionSchema,
  },
  /** Logs an email, chat or walk-in contact, with its wrap-up code when one is given. */
  'agent.logContact': { request: logContactSchema, response: interactionSchema },
} as const satisfies Record<(typeof AGENT_COMMANDS)[number], CommandSpec>;

export const agentEvents = {
  /** The caller on an inbound INVITE is in it from the ring, and again as soon as the store answered. */
  'agent.view': agentDeskViewSchema,
} as const satisfies Record<(typeof AGENT_EVENTS)[number], z.ZodType>;

export const agentMedia = {} as const satisfies Record<(typeof AGENT_MEDIA)[number], MediaSpec>;

/**
 * What tells two agent views apart for the agent: everything but the clock they were made at
 * (`now`, and the after-call work's `remainingMs`, which follows from it). Two views with the
 * same key show the same, so a window that has one is not sent the other.
 */
export function agentViewKey(view: AgentDeskView): string {
  const acw = view.agent.acw ? { ...view.agent.acw, remainingMs: 0 } : null;
  return JSON.stringify({ ...view, now: 0, agent: { ...view.agent, acw } });
}
