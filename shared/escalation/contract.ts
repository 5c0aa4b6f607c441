import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import { CHAIN_ROLES, PRIORITIES, prioritySchema } from '../config/workflow';
import { ESCALATION_SOURCES, escalationRecordSchema } from './records';
import { idSchema } from '../core/record-fields';
import type { ESCALATION_COMMANDS, ESCALATION_EVENTS, ESCALATION_MEDIA } from './channels';
import { freeText } from '../agent/card-number';
import { userTextSchema } from '../text/user-text';

/**
 * The escalation area's bridge contract. Main owns the records (the store) and the clocks (the
 * monitor); the renderer reads the options for its form, lists open escalations and follows
 * `escalation.changed`. Countdowns are computed in the renderer from the record's deadlines.
 *
 * `escalation.create` accepts empty handoff fields on the wire on purpose: main refuses them with
 * one sentence naming every missing field ("Missing: customer expectation, recommended next
 * steps") and an `issues` entry per field (`handoff.customerExpectation: ...`), so the form can
 * mark each one. Nothing is stored on a refusal.
 */

const empty = z.strictObject({});

export const escalationOptionsSchema = z.strictObject({
  tiers: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      groups: z.array(
        z.strictObject({
          id: z.string(),
          name: z.string(),
          /** Priorities the group takes (all four when the matrix does not restrict it). */
          priorities: z.array(prioritySchema),
          /** The group has a phone number, so a live call can be warm-transferred to it. */
          canTransfer: z.boolean(),
        }),
      ),
    }),
  ),
  priorities: z
    .array(
      z.strictObject({
        id: prioritySchema,
        meaning: z.string(),
        acknowledgeMinutes: z.number().int(),
        resolveMinutes: z.number().int(),
        clock: z.enum(['calendar', 'business-hours']),
      }),
    )
    .length(PRIORITIES.length),
  chain: z.array(z.strictObject({ role: z.enum(CHAIN_ROLES), label: z.string(), afterMinutes: z.number().int() })),
  chainPriorities: z.array(prioritySchema),
  atRiskFraction: z.number(),
});
export type EscalationOptions = z.output<typeof escalationOptionsSchema>;

/** Free text the agent types: bounded, and never a card number (shared/agent/card-number.ts). */
const text = (max: number) => freeText(max);

export const createEscalationSchema = z.strictObject({
  source: z.enum(ESCALATION_SOURCES),
  interactionId: idSchema.nullable(),
  caseId: idSchema.nullable(),
  customerId: idSchema.nullable(),
  tier: z.string().max(40),
  group: z.string().max(40),
  priority: prioritySchema,
  summary: text(200),
  handoff: z.strictObject({
    customerExpectation: text(4000),
    troubleshootingDone: text(8000),
    recommendedNextSteps: text(4000),
  }),
  /** Warm-transfer this live call (telephony call id) to the group's number once it is raised. */
  warmTransferCallId: z.string().min(1).max(64).nullable(),
});
export type CreateEscalationRequest = z.input<typeof createEscalationSchema>;

export const TRANSFER_STATES = ['not-requested', 'dialling', 'unavailable'] as const;

export const createEscalationResult = z.strictObject({
  escalation: escalationRecordSchema,
  /** dialling: the consultation call to the group is being set up; the transfer completes when they answer. */
  /** What the agent is told about the transfer: a message the window translates. */
  transfer: z.strictObject({ state: z.enum(TRANSFER_STATES), message: userTextSchema.nullable() }),
});
export type CreateEscalationResult = z.output<typeof createEscalationResult>;

export const escalationAlertSchema = z.strictObject({
  escalationId: idSchema,
  kind: z.enum(['at-risk', 'breached', 'chain-step', 'transfer']),
  /** One message for the agent, translated by the window; no customer data. */
  message: userTextSchema,
  at: z.number().int(),
});
export type EscalationAlert = z.output<typeof escalationAlertSchema>;

const byId = z.strictObject({ id: idSchema });

export const escalationCommands = {
  /** The matrix, priorities with their SLA and the chain: what the "Escalate" form offers. */
  'escalation.options': { request: empty, response: escalationOptionsSchema },
  'escalation.create': { request: createEscalationSchema, response: createEscalationResult },
  /** Newest first. `open`: only those not yet resolved. */
  'escalation.list': {
    request: z.strictObject({
      open: z.boolean().optional(),
      caseId: idSchema.optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    response: z.strictObject({ escalations: z.array(escalationRecordSchema), now: z.number().int() }),
  },
  /** Tier 2 has taken it (stops the acknowledge clock). */
  'escalation.acknowledge': { request: byId, response: escalationRecordSchema },
  /** Resolved or mitigated (stops both clocks and the chain). */
  'escalation.resolve': { request: byId, response: escalationRecordSchema },
} as const satisfies Record<(typeof ESCALATION_COMMANDS)[number], CommandSpec>;

export const escalationEvents = {
  /** A record was raised or changed (acknowledged, resolved, chain step notified, transferred). */
  'escalation.changed': escalationRecordSchema,
  /** A clock turned at risk or breached, a chain step fell due, or a transfer failed. */
  'escalation.alert': escalationAlertSchema,
} as const satisfies Record<(typeof ESCALATION_EVENTS)[number], z.ZodType>;

export const escalationMedia = {} as const satisfies Record<(typeof ESCALATION_MEDIA)[number], MediaSpec>;
