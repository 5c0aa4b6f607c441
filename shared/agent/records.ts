/**
 * The records of the agent desk that the store persists and the bridge carries: interactions
 * (calls, emails, chats, walk-ins) and their wrap-ups.
 *
 * Times are integer milliseconds since the Unix epoch (UTC); durations are integer seconds.
 * The schemas are strict so a record that a newer or broken writer produced is refused with the
 * field named, never half-read.
 */
import * as z from 'zod';
import { codeSchema, dialStringSchema } from '../config/workflow';
import { epochMsSchema, idSchema, secondsSchema } from '../core/record-fields';
import { doNotCallOverrideSchema } from './do-not-call';
import { recordingPausesSchema } from '../telephony/recording-pause';
import { scriptRunsSchema } from '../scripts/script-run';

// ---------------------------------------------------------------------------------------------
// Interactions

export const CHANNELS = ['call', 'email', 'chat', 'walk-in'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * How the contact went, for a call:
 * - answered: the agent talked to the customer (counts as handled);
 * - missed: offered to the agent, not answered in time (the agent turned Not ready);
 * - declined: refused because the agent could not take it (Not ready, Wrap-up, busy), or the agent rejected it;
 * - abandoned: the caller hung up while it rang;
 * - failed: set-up failed (network, media), or an outbound call was not answered.
 * Email, chat and walk-in contacts logged by the agent are `answered`.
 */
export const OUTCOMES = ['answered', 'missed', 'declined', 'abandoned', 'failed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A summary of the call's audio quality, taken from WebRTC stats when it ended. */
export const qualitySummarySchema = z.strictObject({
  /** Estimated mean opinion score 1.0-5.0 (E-model from RTT, jitter and loss). */
  mosAvg: z.number().min(1).max(5),
  mosMin: z.number().min(1).max(5),
  /** Received packets lost, percent. */
  packetLossPct: z.number().min(0).max(100),
  jitterMsAvg: z.number().min(0),
  rttMsAvg: z.number().min(0).nullable(),
  codec: z.string().max(32).nullable(),
  /** The agent saw a poor-quality warning during the call. */
  degraded: z.boolean(),
});
export type QualitySummary = z.output<typeof qualitySummarySchema>;

export const interactionSchema = z
  .strictObject({
    id: idSchema,
    /** The agent who handled it (the store may hold several profiles on a shared desk). */
    agentId: idSchema,
    channel: z.enum(CHANNELS),
    direction: z.enum(DIRECTIONS),
    outcome: z.enum(OUTCOMES),
    /** The other party's number, E.164 where it could be normalised, else as received; null for email/chat/walk-in without one. */
    number: z.string().max(64).nullable(),
    /** Offer (inbound INVITE received, outbound dial) or the start of a non-call contact. */
    startedAt: epochMsSchema,
    /** When the call was connected; null when it never was. */
    answeredAt: epochMsSchema.nullable(),
    /** When the call or contact ended; null while it is still going on. */
    endedAt: epochMsSchema.nullable(),
    /** Connected time minus hold time. */
    talkSeconds: secondsSchema,
    holdSeconds: secondsSchema,
    /** Time spent in Wrap-up for this contact (final once the wrap-up is submitted or the timer expired). */
    afterCallWorkSeconds: secondsSchema,
    customerId: idSchema.nullable(),
    caseId: idSchema.nullable(),
    /** SIP Call-ID, to correlate with PBX records; null for non-call contacts. */
    sipCallId: z.string().max(256).nullable(),
    quality: qualitySummarySchema.nullable(),
    /**
     * An outbound call placed to a number on the do-not-call list with a supervisor's approval (the
     * supervisor, the reason, when). Absent when nothing was overridden, and in records written before it.
     */
    doNotCallOverride: doNotCallOverrideSchema.optional(),
    /**
     * The intervals the call's recording was paused (PCI secure pause), in seconds from the answer.
     * Absent when no pause command is set up, and in records written before it.
     */
    recordingPauses: recordingPausesSchema.optional(),
    /**
     * The guided scripts the agent ran on the contact, with the steps ticked and when. Absent when
     * none was opened, and in records written before them.
     */
    guidedScripts: scriptRunsSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.answeredAt !== null && r.answeredAt < r.startedAt)
      ctx.addIssue({ code: 'custom', path: ['answeredAt'], message: 'must not be before startedAt' });
    if (r.endedAt !== null && r.endedAt < (r.answeredAt ?? r.startedAt))
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'must not be before answeredAt/startedAt' });
    if (r.outcome === 'answered' && r.channel === 'call' && r.answeredAt === null)
      ctx.addIssue({ code: 'custom', path: ['answeredAt'], message: 'is required for an answered call' });
  });
export type Interaction = z.output<typeof interactionSchema>;

// ---------------------------------------------------------------------------------------------
// Wrap-ups

export const WRAP_UP_STATES = ['draft', 'submitted'] as const;
export type WrapUpState = (typeof WRAP_UP_STATES)[number];

/**
 * A callback the agent promised. In a draft it may be half filled in (the agent is still typing);
 * a submitted wrap-up carries a complete, checked one.
 */
export const callbackRequestSchema = z.strictObject({
  /** When the agent promised to call back. */
  at: epochMsSchema.nullable(),
  number: z.string().max(64),
  /** When the reminder fires (at minus the policy's reminderMinutesBefore). */
  remindAt: epochMsSchema.nullable(),
});
export type CallbackRequest = z.output<typeof callbackRequestSchema>;

/** The customer asked not to be called again on this number. */
export const doNotCallSchema = z.strictObject({ number: z.string().max(64) });
export type DoNotCall = z.output<typeof doNotCallSchema>;

/** A status feed's incident id (Statuspage id, RSS guid, Atom id). */
export const incidentIdSchema = z.string().min(1).max(200);

/**
 * One wrap-up per interaction. Saved as a draft on every change (nothing the agent typed is
 * lost), then submitted once; a submitted wrap-up is final.
 */
export const wrapUpRecordSchema = z
  .strictObject({
    interactionId: idSchema,
    agentId: idSchema,
    state: z.enum(WRAP_UP_STATES),
    code: codeSchema.nullable(),
    notes: z.string().max(20_000),
    resolvedOnFirstContact: z.boolean(),
    callback: callbackRequestSchema.nullable(),
    doNotCall: doNotCallSchema.nullable(),
    /**
     * The outage this contact was about: the status feed's incident id (shared/status-feed/contract.ts),
     * suggested when an incident is active and left to the agent. Absent in records written before
     * the status feed, and when not linked.
     */
    incidentId: incidentIdSchema.nullable().optional(),
    /** Bumped on every saved change; the store keeps the newest (drafts may arrive out of order after a reload). */
    revision: z.number().int().min(0),
    updatedAt: epochMsSchema,
    submittedAt: epochMsSchema.nullable(),
  })
  .superRefine((w, ctx) => {
    if (w.state === 'submitted') {
      if (w.code === null) ctx.addIssue({ code: 'custom', path: ['code'], message: 'is required on a submitted wrap-up' });
      if (w.submittedAt === null) ctx.addIssue({ code: 'custom', path: ['submittedAt'], message: 'is required on a submitted wrap-up' });
      if (w.callback !== null) {
        if (w.callback.at === null)
          ctx.addIssue({ code: 'custom', path: ['callback', 'at'], message: 'is required on a submitted wrap-up' });
        if (w.callback.remindAt === null)
          ctx.addIssue({ code: 'custom', path: ['callback', 'remindAt'], message: 'is required on a submitted wrap-up' });
        if (!dialStringSchema.safeParse(w.callback.number).success)
          ctx.addIssue({ code: 'custom', path: ['callback', 'number'], message: 'must be a dialable number on a submitted wrap-up' });
      }
      if (w.doNotCall !== null && !dialStringSchema.safeParse(w.doNotCall.number).success) {
        ctx.addIssue({ code: 'custom', path: ['doNotCall', 'number'], message: 'must be a dialable number on a submitted wrap-up' });
      }
    } else if (w.submittedAt !== null) {
      ctx.addIssue({ code: 'custom', path: ['submittedAt'], message: 'must be null on a draft' });
    }
  });
export type WrapUpRecord = z.output<typeof wrapUpRecordSchema>;
