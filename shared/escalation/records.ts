/**
 * The escalation record the store persists and the bridge carries: the handoff to Tier 2, its SLA
 * deadlines and the management chain.
 *
 * Times are integer milliseconds since the Unix epoch (UTC). The schema is strict so a record that
 * a newer or broken writer produced is refused with the field named, never half-read.
 */
import * as z from 'zod';
import { CHAIN_ROLES, codeSchema, prioritySchema } from '../config/workflow';
import { epochMsSchema, idSchema } from '../core/record-fields';

// ---------------------------------------------------------------------------------------------
// Escalations

export const ESCALATION_SOURCES = ['call', 'case'] as const;
export type EscalationSource = (typeof ESCALATION_SOURCES)[number];

/** The handoff Tier 2 needs so the customer is not asked everything again. */
export const handoffSchema = z.strictObject({
  customerExpectation: z.string().max(4000),
  troubleshootingDone: z.string().max(8000),
  recommendedNextSteps: z.string().max(4000),
});
export type Handoff = z.output<typeof handoffSchema>;

/** One step of the management chain: when it falls due and when it was actually reached. */
export const chainStepRecordSchema = z.strictObject({
  role: z.enum(CHAIN_ROLES),
  /** Raised-at plus the step's afterMinutes, fixed when the escalation is raised. */
  dueAt: epochMsSchema,
  /** When the app notified this role (the step became current); null until then. */
  notifiedAt: epochMsSchema.nullable(),
  /** When this role confirmed it is involved; null until then. */
  acknowledgedAt: epochMsSchema.nullable(),
});
export type ChainStepRecord = z.output<typeof chainStepRecordSchema>;

export const escalationRecordSchema = z
  .strictObject({
    id: idSchema,
    /** The agent who raised it. */
    agentId: idSchema,
    source: z.enum(ESCALATION_SOURCES),
    /** The call it was raised from (source call), or the latest contact on the case; null when raised from a case with none. */
    interactionId: idSchema.nullable(),
    caseId: idSchema.nullable(),
    customerId: idSchema.nullable(),
    /** Tier and group ids from the escalation matrix (names are looked up, so a renamed group shows its new name). */
    tier: codeSchema,
    group: codeSchema,
    priority: prioritySchema,
    /** One-line subject for Tier 2's queue. */
    summary: z.string().max(200),
    handoff: handoffSchema,
    createdAt: epochMsSchema,
    /** Deadlines from the SLA policy in force when it was raised (a later policy change does not move them). */
    acknowledgeBy: epochMsSchema,
    resolveBy: epochMsSchema,
    acknowledgedAt: epochMsSchema.nullable(),
    resolvedAt: epochMsSchema.nullable(),
    /** The live call was warm-transferred to the group's number at this time. */
    warmTransferAt: epochMsSchema.nullable(),
    /** Empty when the chain does not run for this priority. */
    chain: z.array(chainStepRecordSchema).max(CHAIN_ROLES.length),
    revision: z.number().int().min(0),
    updatedAt: epochMsSchema,
  })
  .superRefine((e, ctx) => {
    if (e.acknowledgeBy < e.createdAt) ctx.addIssue({ code: 'custom', path: ['acknowledgeBy'], message: 'must not be before createdAt' });
    if (e.resolveBy < e.acknowledgeBy) ctx.addIssue({ code: 'custom', path: ['resolveBy'], message: 'must not be before acknowledgeBy' });
    if (e.acknowledgedAt !== null && e.acknowledgedAt < e.createdAt)
      ctx.addIssue({ code: 'custom', path: ['acknowledgedAt'], message: 'must not be before createdAt' });
    if (e.resolvedAt !== null && e.resolvedAt < e.createdAt)
      ctx.addIssue({ code: 'custom', path: ['resolvedAt'], message: 'must not be before createdAt' });
    if (e.source === 'call' && e.interactionId === null)
      ctx.addIssue({ code: 'custom', path: ['interactionId'], message: 'is required when escalating from a call' });
    if (e.source === 'case' && e.caseId === null)
      ctx.addIssue({ code: 'custom', path: ['caseId'], message: 'is required when escalating from a case' });
  });
export type EscalationRecord = z.output<typeof escalationRecordSchema>;
