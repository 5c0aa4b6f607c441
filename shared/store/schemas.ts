import * as z from 'zod';
import { CALLBACK_OUTCOME_IDS, dialStringSchema, PRIORITIES, wrapUpCodeSchema } from '../config/workflow';
import { freeText } from '../agent/card-number';
import { escalationRecordSchema } from '../escalation/records';
import { interactionSchema, wrapUpRecordSchema } from '../agent/records';
import { scriptRunsSchema } from '../scripts/script-run';
import { rule } from '../policy/rule-text';
import { CALLBACK_STATES, CASE_STATUSES, type CaseStatus, type Priority } from './types';

/**
 * Schemas for what callers hand the store: agent work and local edits. The
 * store's worker checks every change against these before writing, so a bad
 * record is refused with field-level messages and nothing is written. A rule
 * of ours says why as a message (`rule()`); zod's own bounds and types are
 * said as rules where the refusal is made (electron/store/worker/field-problems.ts),
 * so the agent reads each in their language.
 * Interactions, wrap-ups and escalations use their features' own schemas
 * (shared/agent/records.ts, shared/escalation/records.ts): the store persists
 * those records as they are.
 */

export const recordId = z.string().trim().min(1).max(128);
const epochMs = z.number().int().min(0).max(8.64e15);
const longText = z.string().max(20_000);
const nullableId = recordId.nullable().default(null);

export const callbackInput = z.strictObject({
  id: recordId.optional(),
  customerId: nullableId,
  caseId: nullableId,
  interactionId: nullableId,
  number: dialStringSchema,
  dueAt: epochMs,
  remindAt: epochMs.nullable().default(null),
  note: longText.default(''),
  state: z.enum(CALLBACK_STATES).default('scheduled'),
  completedAt: epochMs.nullable().default(null),
  outcome: z.enum(CALLBACK_OUTCOME_IDS).nullable().default(null),
  handBackReason: freeText(2000).trim().nullable().default(null),
});
export type CallbackInput = z.input<typeof callbackInput>;

export const casePatch = z
  .strictObject({
    subject: z.string().trim().min(1).max(500).optional(),
    description: z.string().max(100_000).optional(),
    status: z.enum(CASE_STATUSES).optional(),
    priority: z.enum(PRIORITIES).optional(),
    customerId: recordId.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, rule('store.record.nothingToChange'));
export type CasePatch = z.input<typeof casePatch>;

export const newCaseInput = z.strictObject({
  id: recordId.optional(),
  customerId: recordId,
  subject: z.string().trim().min(1).max(500),
  description: z.string().max(100_000).default(''),
  status: z.enum(CASE_STATUSES).default('open'),
  priority: z.enum(PRIORITIES).default('P3'),
});
export type NewCaseInput = z.input<typeof newCaseInput>;

const phoneInput = z.union([
  z.string().trim().min(1).max(64),
  z.strictObject({ number: z.string().trim().min(1).max(64), label: z.string().max(64).nullable().default(null) }),
]);

export const customerPatch = z
  .strictObject({
    name: z.string().trim().min(1).max(300).optional(),
    email: z.string().max(320).nullable().optional(),
    company: z.string().max(300).nullable().optional(),
    segment: z.string().max(100).nullable().optional(),
    doNotCall: z.boolean().optional(),
    notes: longText.nullable().optional(),
    phones: z.array(phoneInput).max(20).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, rule('store.record.nothingToChange'));
export type CustomerPatch = z.input<typeof customerPatch>;

export const newCustomerInput = z.strictObject({
  id: recordId.optional(),
  name: z.string().trim().min(1).max(300),
  email: z.string().max(320).nullable().default(null),
  company: z.string().max(300).nullable().default(null),
  segment: z.string().max(100).nullable().default(null),
  doNotCall: z.boolean().default(false),
  notes: longText.nullable().default(null),
  phones: z.array(phoneInput).max(20).default([]),
});
export type NewCustomerInput = z.input<typeof newCustomerInput>;

/**
 * One local change: agent work or an edit. `StoreClient.commitLocal` writes a
 * list of them in one transaction together with their outbox rows (design
 * rule 5), so a wrap-up, the case it updates and the callback it schedules
 * either all happen or none does.
 */
export const localChange = z.discriminatedUnion('kind', [
  /** Logged (or updated) as the workflow defines it; queued for the CRM on every change. */
  z.strictObject({ kind: z.literal('interaction'), record: interactionSchema }),
  /**
   * A draft is kept locally only (saved on every change, the newest `revision`
   * wins); a submitted wrap-up is final and queued for the CRM, its callback
   * goes on the callback list and its do-not-call number on the DNC list.
   */
  z.strictObject({ kind: z.literal('wrap-up'), record: wrapUpRecordSchema }),
  z.strictObject({ kind: z.literal('escalation'), record: escalationRecordSchema }),
  /**
   * A contact's guided scripts as they stand: kept locally from the first tick; once the contact's
   * interaction is logged they are part of it, and the interaction is queued again with them.
   */
  z.strictObject({ kind: z.literal('guided-scripts'), interactionId: recordId, runs: scriptRunsSchema }),
  z.strictObject({ kind: z.literal('callback'), record: callbackInput }),
  z.strictObject({ kind: z.literal('case-create'), record: newCaseInput }),
  /** `expectedVersion`: the version the agent saw; a different stored version is refused as a conflict. */
  z.strictObject({
    kind: z.literal('case-update'),
    id: recordId,
    patch: casePatch,
    expectedVersion: z.number().int().nullable().optional(),
  }),
  z.strictObject({ kind: z.literal('customer-create'), record: newCustomerInput }),
  z.strictObject({
    kind: z.literal('customer-update'),
    id: recordId,
    patch: customerPatch,
    expectedVersion: z.number().int().nullable().optional(),
  }),
]);
export type LocalChange = z.input<typeof localChange>;
export type LocalChangeKind = LocalChange['kind'];

/** The wrap-up catalog the store keeps (the configured codes, in order). */
export const wrapUpCatalogInput = z.array(wrapUpCodeSchema).max(500);

/** Statuses and priorities as other systems spell them, mapped onto ours (import). */
export const STATUS_ALIASES: Readonly<Record<string, CaseStatus>> = {
  new: 'new',
  open: 'open',
  opened: 'open',
  'in progress': 'open',
  'in-progress': 'open',
  in_progress: 'open',
  working: 'open',
  pending: 'pending',
  waiting: 'pending',
  'on-hold': 'on-hold',
  'on hold': 'on-hold',
  on_hold: 'on-hold',
  hold: 'on-hold',
  solved: 'solved',
  resolved: 'solved',
  closed: 'closed',
  done: 'closed',
};

export const PRIORITY_ALIASES: Readonly<Record<string, Priority>> = {
  p1: 'P1',
  '1': 'P1',
  urgent: 'P1',
  critical: 'P1',
  p2: 'P2',
  '2': 'P2',
  high: 'P2',
  p3: 'P3',
  '3': 'P3',
  normal: 'P3',
  medium: 'P3',
  p4: 'P4',
  '4': 'P4',
  low: 'P4',
};
