/**
 * The agent state machine: Offline, Ready, Not ready (with a reason), Ringing, On call, Wrap-up.
 * This module is its model (states, events, effects, errors, the policy it runs on); the machine
 * itself is `transition` and `nextAgentDeadline` (agent-state-transition.ts, with the steps several
 * events share in agent-state-work.ts), what the phone bar shows is `viewAgent`
 * (agent-state-view.ts), and the file that survives a restart is agent-state-snapshot.ts.
 *
 * Two things are kept apart:
 * - presence: what the agent chose (Offline / Ready / Not ready + reason). Changing it during a
 *   call or wrap-up is allowed and takes effect when the work is done ("Not ready after this call").
 * - work: the calls in progress, the after-call-work (ACW) period and the wrap-ups still owed.
 * The status shown is the work if there is any (On call > Ringing > Wrap-up), else the presence.
 *
 * `transition` is pure: time comes in on each event, and timers are expressed as the next
 * deadline (`nextAgentDeadline`) that a scheduler turns into an event. A refused event returns
 * an error and leaves the state as it was. Every call the machine sees ends in exactly one
 * `interaction-ended` effect, so call logging can rely on it.
 *
 * Persisted (snapshot): presence and reason, call ids and their times, owed wrap-up ids, the ACW
 * timer. No names, numbers or notes: the snapshot file needs no encryption and may appear in
 * diagnostics.
 */
import * as z from 'zod';
import type { AfterCallWorkPolicy, InboundDeclinePolicy, NotReadyReason, WorkflowConfig } from '../config/workflow';
import type { TextKey, UserText } from '../text/user-text';
import type { Direction, Outcome } from './records';

export const AGENT_STATUSES = ['offline', 'ready', 'not-ready', 'ringing', 'on-call', 'wrap-up'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
/** Each status's name, a message the window translates (`shared/text/en/agent.ts`). */
export const AGENT_STATUS_TEXT: Record<AgentStatus, TextKey> = {
  offline: 'agent.status.offline',
  ready: 'agent.status.ready',
  'not-ready': 'agent.status.notReady',
  ringing: 'agent.status.ringing',
  'on-call': 'agent.status.onCall',
  'wrap-up': 'agent.status.wrapUp',
};

export const PRESENCES = ['offline', 'ready', 'not-ready'] as const;
export type Presence = (typeof PRESENCES)[number];

/** A customer call, or a consultation call (to Tier 2, a supervisor) that gets no wrap-up. */
export const CALL_PURPOSES = ['customer', 'consult'] as const;
export type CallPurpose = (typeof CALL_PURPOSES)[number];

const ms = z.number().int().min(0);
const id = z.string().min(1).max(256);

const callRefSchema = z.strictObject({
  callId: id,
  interactionId: id,
  direction: z.enum(['inbound', 'outbound']),
  purpose: z.enum(CALL_PURPOSES),
  offeredAt: ms,
  answeredAt: ms.nullable(),
  heldSince: ms.nullable(),
  holdMs: ms,
});
export type CallRef = z.output<typeof callRefSchema>;

const owedWrapUpSchema = z.strictObject({
  interactionId: id,
  endedAt: ms,
  /** Its after-call-work time has been attributed (the ACW period covering it ended). */
  acwDone: z.boolean(),
});
export type OwedWrapUp = z.output<typeof owedWrapUpSchema>;

const acwSchema = z.strictObject({
  startedAt: ms,
  /** When the countdown runs out (moved on by extensions, and by time the app was not running). */
  deadline: ms,
  extendedSeconds: z.number().int().min(0),
  /** The countdown ran out and policy keeps the agent in Wrap-up until the codes are in. */
  expired: z.boolean(),
  /** Time the app was not running; not counted as after-call work. */
  excludedMs: ms,
  /** The contacts this period is for. */
  interactionIds: z.array(id).min(1),
});
export type AcwTimer = z.output<typeof acwSchema>;

export const agentStateSchema = z
  .strictObject({
    status: z.enum(AGENT_STATUSES),
    statusSince: ms,
    presence: z.enum(PRESENCES),
    /** Not-ready reason code; null unless presence is not-ready. */
    reason: z.string().min(1).max(40).nullable(),
    presenceSince: ms,
    calls: z.array(callRefSchema).max(8),
    /** Contacts whose wrap-up has not been submitted yet. */
    owed: z.array(owedWrapUpSchema).max(500),
    acw: acwSchema.nullable(),
    /** Offers missed in a row since the last answered call (policy turns the agent Not ready at a threshold). */
    missedInARow: z.number().int().min(0).max(1_000_000).default(0),
    /** Time of the last event applied; events from a clock that went back are treated as happening now. */
    updatedAt: ms,
  })
  .superRefine((s, ctx) => {
    if ((s.presence === 'not-ready') !== (s.reason !== null))
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is set exactly when presence is not-ready' });
    if (s.status !== deriveStatus(s))
      ctx.addIssue({ code: 'custom', path: ['status'], message: `does not match the calls and presence (expected ${deriveStatus(s)})` });
    if (new Set(s.calls.map((c) => c.callId)).size !== s.calls.length)
      ctx.addIssue({ code: 'custom', path: ['calls'], message: 'holds a call twice' });
  });
export type AgentState = z.output<typeof agentStateSchema>;

export interface AgentPolicy {
  afterCallWork: AfterCallWorkPolicy;
  inboundDecline: InboundDeclinePolicy;
  notReadyReasons: readonly NotReadyReason[];
}

/** The part of the workflow configuration the state machine runs on. */
export function agentPolicyOf(config: Pick<WorkflowConfig, 'afterCallWork' | 'inboundDecline' | 'notReadyReasons'>): AgentPolicy {
  return { afterCallWork: config.afterCallWork, inboundDecline: config.inboundDecline, notReadyReasons: config.notReadyReasons };
}

// ---------------------------------------------------------------------------------------------
// Events, effects, errors

export type AgentEvent =
  | { type: 'log-in'; at: number; reason?: string }
  | { type: 'log-out'; at: number }
  | { type: 'set-ready'; at: number }
  | { type: 'set-not-ready'; at: number; reason: string }
  /** An inbound call arrives (INVITE). */
  | { type: 'call-offered'; at: number; callId: string; interactionId: string }
  /** The agent places a call; purpose defaults to consult while another call is up, else customer. */
  | { type: 'dial'; at: number; callId: string; interactionId: string; purpose?: CallPurpose }
  /** Inbound: the agent answered. Outbound: the far end answered. */
  | { type: 'call-answered'; at: number; callId: string }
  | { type: 'call-held'; at: number; callId: string }
  | { type: 'call-resumed'; at: number; callId: string }
  /**
   * A new dialog took this call's place (INVITE with Replaces: the agent was the target of an
   * attended transfer). The contact goes on under the new call's id: same interaction, still on call.
   */
  | { type: 'call-replaced'; at: number; callId: string; byCallId: string }
  /** The agent declined a ringing call. */
  | { type: 'call-rejected'; at: number; callId: string }
  /** A ringing call was not answered in time (our ring timer, or the queue took it back). */
  | { type: 'call-missed'; at: number; callId: string }
  /** Hung up by either side, or set-up failed (`failed`: by the phone system or the media, not by the caller). */
  | { type: 'call-ended'; at: number; callId: string; failed?: boolean }
  | { type: 'acw-expired'; at: number }
  | { type: 'extend-acw'; at: number }
  /** Leave Wrap-up now ("Done"), leaving any uncoded wrap-up as a draft. Not allowed when wrap-up is mandatory. */
  | { type: 'finish-wrap-up'; at: number }
  | { type: 'wrap-up-submitted'; at: number; interactionId: string }
  /** IT changed the workflow policy: a wrap-up held only because it was mandatory is released. */
  | { type: 'policy-changed'; at: number };

export type AgentEventType = AgentEvent['type'];

export type DeclineCause = 'offline' | 'not-ready' | 'wrap-up' | 'busy' | 'rejected' | 'missed';
export type AcwEndCause = 'submitted' | 'expired' | 'finished' | 'interrupted' | 'logged-out' | 'no-acw';

export type AgentEffect =
  /** Answer the INVITE with this final response (telephony ignores it if the caller already gave up). */
  | { type: 'decline-call'; callId: string; interactionId: string; sipCode: number; cause: DeclineCause }
  /** Write the interaction's call facts (the row is final apart from its after-call work). */
  | {
      type: 'interaction-ended';
      callId: string;
      interactionId: string;
      direction: Direction;
      purpose: CallPurpose;
      outcome: Outcome;
      startedAt: number;
      answeredAt: number | null;
      endedAt: number;
      talkSeconds: number;
      holdSeconds: number;
    }
  /** The after-call-work period ended: its seconds per contact. */
  | { type: 'acw-ended'; at: number; cause: AcwEndCause; afterCallWork: { interactionId: string; seconds: number }[] };

export type AgentErrorCode =
  | 'logged-out'
  | 'already-logged-in'
  | 'unknown-reason'
  | 'call-in-progress'
  | 'call-ringing'
  | 'wrap-up-required'
  | 'unknown-call'
  | 'duplicate-call'
  | 'bad-call-state'
  | 'not-in-wrap-up'
  | 'not-due'
  | 'no-more-time'
  | 'unknown-wrap-up'
  | 'too-many-calls';

export interface AgentError {
  code: AgentErrorCode;
  /** The sentence for the agent, in English (logs, tests). */
  message: string;
  /** The same sentence, for the window to say in the agent's language. */
  text: UserText;
}

export type TransitionResult = { ok: true; state: AgentState; effects: AgentEffect[] } | { ok: false; error: AgentError };

// ---------------------------------------------------------------------------------------------
// Derived values

export function deriveStatus(s: Pick<AgentState, 'calls' | 'acw' | 'presence'>): AgentStatus {
  if (s.calls.some((c) => c.answeredAt !== null || c.direction === 'outbound')) return 'on-call';
  if (s.calls.length > 0) return 'ringing';
  if (s.acw !== null) return 'wrap-up';
  return s.presence;
}

export function isMandatoryWrapUp(policy: Pick<AgentPolicy, 'afterCallWork'>): boolean {
  return policy.afterCallWork.onExpiry === 'stay-until-coded';
}

/** Wrap-ups of the current ACW period that are still owed. */
export function blockingWrapUps(s: AgentState): string[] {
  if (s.acw === null) return [];
  const covered = new Set(s.acw.interactionIds);
  return s.owed.filter((o) => covered.has(o.interactionId)).map((o) => o.interactionId);
}

export function initialAgentState(now: number): AgentState {
  return {
    status: 'offline',
    statusSince: now,
    presence: 'offline',
    reason: null,
    presenceSince: now,
    calls: [],
    owed: [],
    acw: null,
    missedInARow: 0,
    updatedAt: now,
  };
}
