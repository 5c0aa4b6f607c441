/**
 * The agent state machine: Offline, Ready, Not ready (with a reason), Ringing, On call, Wrap-up.
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
import { z } from 'zod';
import {
  MISSED_CALL_REASON,
  withSystemReasons,
  type AfterCallWorkPolicy,
  type InboundDeclinePolicy,
  type NotReadyReason,
  type WorkflowConfig,
} from '../config/workflow';
import type { Direction, Outcome } from './types';

export const AGENT_STATUSES = ['offline', 'ready', 'not-ready', 'ringing', 'on-call', 'wrap-up'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
export const AGENT_STATUS_LABELS: Record<AgentStatus, string> = {
  offline: 'Offline',
  ready: 'Ready',
  'not-ready': 'Not ready',
  ringing: 'Ringing',
  'on-call': 'On call',
  'wrap-up': 'Wrap-up',
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

export const AGENT_SNAPSHOT_VERSION = 1;
export const agentSnapshotSchema = z.strictObject({
  version: z.literal(AGENT_SNAPSHOT_VERSION),
  savedAt: ms,
  state: agentStateSchema,
});
export type AgentSnapshot = z.output<typeof agentSnapshotSchema>;

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
  /** A sentence for the agent. */
  message: string;
}

export type TransitionResult = { ok: true; state: AgentState; effects: AgentEffect[] } | { ok: false; error: AgentError };

const MAX_CALLS = 4;

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

// ---------------------------------------------------------------------------------------------
// The transition function

type Draft = AgentState;

function fail(code: AgentErrorCode, message: string): TransitionResult {
  return { ok: false, error: { code, message } };
}

function reasonCheck(reasons: readonly NotReadyReason[], code: string): AgentError | null {
  const r = withSystemReasons(reasons).find((x) => x.code === code);
  if (r === undefined) return { code: 'unknown-reason', message: `Not-ready reason "${code}" does not exist. Choose another.` };
  if (!r.active) return { code: 'unknown-reason', message: `"${r.label}" is no longer in use. Choose another reason.` };
  if (r.system) return { code: 'unknown-reason', message: `"${r.label}" is set by the system and cannot be chosen.` };
  return null;
}

function setPresence(s: Draft, presence: Presence, reason: string | null, at: number): void {
  if (s.presence !== presence || s.reason !== reason) {
    s.presence = presence;
    s.reason = reason;
    s.presenceSince = at;
  }
}

function roundSeconds(msValue: number): number {
  return Math.max(0, Math.round(msValue / 1000));
}

function endCall(s: Draft, call: CallRef, at: number, outcome: Outcome): AgentEffect {
  s.calls = s.calls.filter((c) => c.callId !== call.callId);
  let holdMs = call.holdMs;
  if (call.heldSince !== null) holdMs += Math.max(0, at - call.heldSince);
  const connectedSeconds = call.answeredAt === null ? 0 : roundSeconds(at - call.answeredAt);
  const holdSeconds = call.answeredAt === null ? 0 : Math.min(connectedSeconds, roundSeconds(holdMs));
  if (outcome === 'answered' && call.purpose === 'customer') {
    s.owed = [
      ...s.owed.filter((o) => o.interactionId !== call.interactionId),
      { interactionId: call.interactionId, endedAt: at, acwDone: false },
    ];
  }
  return {
    type: 'interaction-ended',
    callId: call.callId,
    interactionId: call.interactionId,
    direction: call.direction,
    purpose: call.purpose,
    outcome,
    startedAt: call.offeredAt,
    answeredAt: call.answeredAt,
    endedAt: at,
    talkSeconds: connectedSeconds - holdSeconds,
    holdSeconds,
  };
}

/** Splits the period's seconds over its contacts (the first ones take the remainder). */
function endAcw(s: Draft, at: number, cause: AcwEndCause): AgentEffect | null {
  const acw = s.acw;
  if (acw === null) return null;
  s.acw = null;
  const total = roundSeconds(at - acw.startedAt - acw.excludedMs);
  const n = acw.interactionIds.length;
  const base = Math.floor(total / n);
  const extra = total - base * n;
  const covered = new Set(acw.interactionIds);
  s.owed = s.owed.map((o) => (covered.has(o.interactionId) ? { ...o, acwDone: true } : o));
  return {
    type: 'acw-ended',
    at,
    cause,
    afterCallWork: acw.interactionIds.map((interactionId, i) => ({ interactionId, seconds: base + (i < extra ? 1 : 0) })),
  };
}

/** When the last call is gone and contacts need their wrap-up, the ACW period starts. */
function maybeStartAcw(s: Draft, at: number, policy: AgentPolicy, effects: AgentEffect[]): void {
  if (s.calls.length > 0 || s.acw !== null) return;
  const fresh = s.owed.filter((o) => !o.acwDone).map((o) => o.interactionId);
  if (fresh.length === 0) return;
  const seconds = policy.afterCallWork.seconds;
  s.acw = { startedAt: at, deadline: at + seconds * 1000, extendedSeconds: 0, expired: false, excludedMs: 0, interactionIds: fresh };
  if (seconds === 0) expireAcw(s, at, policy, effects);
}

function expireAcw(s: Draft, at: number, policy: AgentPolicy, effects: AgentEffect[]): void {
  if (s.acw === null) return;
  if (isMandatoryWrapUp(policy) && blockingWrapUps(s).length > 0) {
    s.acw = { ...s.acw, expired: true };
  } else {
    const e = endAcw(s, at, policy.afterCallWork.seconds === 0 ? 'no-acw' : 'expired');
    if (e !== null) effects.push(e);
  }
}

function findCall(s: AgentState, callId: string): CallRef | undefined {
  return s.calls.find((c) => c.callId === callId);
}

function declineCause(s: AgentState, policy: AgentPolicy): DeclineCause | null {
  if (s.calls.length > 0) return policy.inboundDecline.declineWhileBusy || s.calls.length >= MAX_CALLS ? 'busy' : null;
  if (s.acw !== null) {
    const blocked = policy.inboundDecline.declineInWrapUp || (isMandatoryWrapUp(policy) && blockingWrapUps(s).length > 0);
    return blocked ? 'wrap-up' : null;
  }
  if (s.presence === 'offline') return 'offline';
  if (s.presence === 'not-ready') return 'not-ready';
  return null;
}

/**
 * Applies one event. On success: the new state and what must happen outside (decline an INVITE,
 * write interaction facts). On refusal: an error for the agent, and the state is unchanged.
 */
export function transition(state: AgentState, event: AgentEvent, policy: AgentPolicy): TransitionResult {
  const at = Math.max(event.at, state.updatedAt);
  const s: Draft = { ...state, calls: [...state.calls], owed: [...state.owed], acw: state.acw === null ? null : { ...state.acw } };
  const effects: AgentEffect[] = [];
  const mandatoryBlock = (): boolean => isMandatoryWrapUp(policy) && blockingWrapUps(s).length > 0;

  switch (event.type) {
    case 'log-in': {
      if (s.presence !== 'offline') return fail('already-logged-in', 'You are already logged in.');
      if (event.reason === undefined) {
        setPresence(s, 'ready', null, at);
      } else {
        const bad = reasonCheck(policy.notReadyReasons, event.reason);
        if (bad !== null) return { ok: false, error: bad };
        setPresence(s, 'not-ready', event.reason, at);
      }
      break;
    }
    case 'log-out': {
      if (s.presence === 'offline') return fail('logged-out', 'You are already logged out.');
      if (s.calls.length > 0) return fail('call-in-progress', 'End your call before you log out.');
      if (mandatoryBlock()) return fail('wrap-up-required', 'Choose a wrap-up code before you log out.');
      const e = endAcw(s, at, 'logged-out');
      if (e !== null) effects.push(e);
      setPresence(s, 'offline', null, at);
      break;
    }
    case 'set-ready': {
      if (s.presence === 'offline') return fail('logged-out', 'Log in first.');
      setPresence(s, 'ready', null, at);
      break;
    }
    case 'set-not-ready': {
      if (s.presence === 'offline') return fail('logged-out', 'Log in first.');
      const bad = reasonCheck(policy.notReadyReasons, event.reason);
      if (bad !== null) return { ok: false, error: bad };
      setPresence(s, 'not-ready', event.reason, at);
      break;
    }
    case 'call-offered': {
      if (findCall(s, event.callId) !== undefined) return fail('duplicate-call', 'This call is already known.');
      const cause = declineCause(s, policy);
      const call: CallRef = {
        callId: event.callId,
        interactionId: event.interactionId,
        direction: 'inbound',
        purpose: 'customer',
        offeredAt: at,
        answeredAt: null,
        heldSince: null,
        holdMs: 0,
      };
      if (cause !== null) {
        effects.push({
          type: 'decline-call',
          callId: call.callId,
          interactionId: call.interactionId,
          sipCode: policy.inboundDecline.sipCode,
          cause,
        });
        s.calls.push(call);
        effects.push(endCall(s, call, at, 'declined'));
        break;
      }
      // Only reached in Wrap-up when policy lets calls through: the period ends here, the
      // wrap-up stays owed as a draft.
      const e = endAcw(s, at, 'interrupted');
      if (e !== null) effects.push(e);
      s.calls.push(call);
      break;
    }
    case 'dial': {
      if (s.presence === 'offline') return fail('logged-out', 'Log in to make calls.');
      if (findCall(s, event.callId) !== undefined) return fail('duplicate-call', 'This call is already known.');
      if (s.calls.length >= MAX_CALLS) return fail('too-many-calls', `You already have ${MAX_CALLS} calls. End one first.`);
      const connected = s.calls.some((c) => c.answeredAt !== null || c.direction === 'outbound');
      if (s.calls.length > 0 && !connected) return fail('call-ringing', 'Answer or decline the ringing call first.');
      if (mandatoryBlock()) return fail('wrap-up-required', 'Choose a wrap-up code before you make another call.');
      const e = endAcw(s, at, 'interrupted');
      if (e !== null) effects.push(e);
      s.calls.push({
        callId: event.callId,
        interactionId: event.interactionId,
        direction: 'outbound',
        purpose: event.purpose ?? (connected ? 'consult' : 'customer'),
        offeredAt: at,
        answeredAt: null,
        heldSince: null,
        holdMs: 0,
      });
      break;
    }
    case 'call-answered': {
      const call = findCall(s, event.callId);
      if (call === undefined) return fail('unknown-call', 'That call has already ended.');
      if (call.answeredAt !== null) return fail('bad-call-state', 'This call is already answered.');
      s.calls = s.calls.map((c) => (c.callId === call.callId ? { ...c, answeredAt: at } : c));
      if (call.direction === 'inbound') s.missedInARow = 0;
      break;
    }
    case 'call-held':
    case 'call-resumed': {
      const call = findCall(s, event.callId);
      if (call === undefined) return fail('unknown-call', 'That call has already ended.');
      if (call.answeredAt === null) return fail('bad-call-state', 'Only a connected call can be put on hold.');
      if (event.type === 'call-held') {
        if (call.heldSince !== null) return fail('bad-call-state', 'This call is already on hold.');
        s.calls = s.calls.map((c) => (c.callId === call.callId ? { ...c, heldSince: at } : c));
      } else {
        if (call.heldSince === null) return fail('bad-call-state', 'This call is not on hold.');
        const heldSince = call.heldSince;
        s.calls = s.calls.map((c) => (c.callId === call.callId ? { ...c, heldSince: null, holdMs: c.holdMs + (at - heldSince) } : c));
      }
      break;
    }
    case 'call-rejected':
    case 'call-missed': {
      const call = findCall(s, event.callId);
      if (call === undefined) return fail('unknown-call', 'That call has already ended.');
      if (call.direction !== 'inbound' || call.answeredAt !== null) return fail('bad-call-state', 'Only a ringing call can be declined.');
      const missed = event.type === 'call-missed';
      // 480: the queue should try elsewhere; the agent's own "decline" uses the configured code.
      effects.push({
        type: 'decline-call',
        callId: call.callId,
        interactionId: call.interactionId,
        sipCode: missed ? 480 : policy.inboundDecline.sipCode,
        cause: missed ? 'missed' : 'rejected',
      });
      effects.push(endCall(s, call, at, missed ? 'missed' : 'declined'));
      if (missed) s.missedInARow += 1;
      if (missed && s.presence === 'ready' && s.missedInARow >= policy.inboundDecline.missedCallsBeforeNotReady) {
        setPresence(s, 'not-ready', MISSED_CALL_REASON, at);
        s.missedInARow = 0;
      }
      maybeStartAcw(s, at, policy, effects);
      break;
    }
    case 'call-ended': {
      const call = findCall(s, event.callId);
      if (call === undefined) return fail('unknown-call', 'That call has already ended.');
      // A caller who hung up while it rang abandoned it; a call the phone system or the media could
      // not set up failed (never the customer's doing).
      const outcome: Outcome =
        call.answeredAt !== null ? 'answered' : call.direction === 'inbound' && event.failed !== true ? 'abandoned' : 'failed';
      effects.push(endCall(s, call, at, outcome));
      maybeStartAcw(s, at, policy, effects);
      break;
    }
    case 'acw-expired': {
      if (s.acw === null) return fail('not-in-wrap-up', 'You are not in wrap-up.');
      if (s.acw.expired) return fail('not-due', 'The wrap-up time has already run out.');
      if (at < s.acw.deadline) return fail('not-due', 'The wrap-up time has not run out yet.');
      expireAcw(s, at, policy, effects);
      break;
    }
    case 'extend-acw': {
      if (s.acw === null) return fail('not-in-wrap-up', 'You are not in wrap-up.');
      const { maxExtensionSeconds, extensionStepSeconds } = policy.afterCallWork;
      if (s.acw.expired) return fail('no-more-time', 'The wrap-up time has run out: choose a wrap-up code to continue.');
      const budget = maxExtensionSeconds - s.acw.extendedSeconds;
      if (budget <= 0) {
        return fail(
          'no-more-time',
          maxExtensionSeconds === 0
            ? 'Wrap-up time cannot be extended.'
            : `No more wrap-up time can be added (at most ${formatSeconds(maxExtensionSeconds)} extra).`,
        );
      }
      const step = Math.min(extensionStepSeconds, budget);
      s.acw = { ...s.acw, deadline: Math.max(s.acw.deadline, at) + step * 1000, extendedSeconds: s.acw.extendedSeconds + step };
      break;
    }
    case 'finish-wrap-up': {
      if (s.acw === null) return fail('not-in-wrap-up', 'You are not in wrap-up.');
      if (mandatoryBlock()) return fail('wrap-up-required', 'Choose a wrap-up code before you finish.');
      const e = endAcw(s, at, 'finished');
      if (e !== null) effects.push(e);
      break;
    }
    case 'wrap-up-submitted': {
      if (!s.owed.some((o) => o.interactionId === event.interactionId))
        return fail('unknown-wrap-up', 'There is no open wrap-up for this contact.');
      s.owed = s.owed.filter((o) => o.interactionId !== event.interactionId);
      if (s.acw !== null && blockingWrapUps(s).length === 0) {
        const e = endAcw(s, at, 'submitted');
        if (e !== null) effects.push(e);
      }
      break;
    }
    case 'policy-changed': {
      if (s.acw?.expired === true && !mandatoryBlock()) {
        const e = endAcw(s, at, 'expired');
        if (e !== null) effects.push(e);
      }
      break;
    }
  }

  s.updatedAt = at;
  const status = deriveStatus(s);
  if (status !== s.status) {
    s.status = status;
    s.statusSince = at;
  }
  return { ok: true, state: s, effects };
}

function formatSeconds(seconds: number): string {
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

// ---------------------------------------------------------------------------------------------
// Timers

/** The next timer event the machine expects, or null: a ringing call's timeout, or the ACW countdown. */
export function nextAgentDeadline(s: AgentState, policy: AgentPolicy): { at: number; event: AgentEvent } | null {
  let best: { at: number; event: AgentEvent } | null = null;
  for (const c of s.calls) {
    if (c.direction !== 'inbound' || c.answeredAt !== null) continue;
    const at = c.offeredAt + policy.inboundDecline.ringTimeoutSeconds * 1000;
    if (best === null || at < best.at) best = { at, event: { type: 'call-missed', at, callId: c.callId } };
  }
  if (s.acw !== null && !s.acw.expired && (best === null || s.acw.deadline < best.at)) {
    best = { at: s.acw.deadline, event: { type: 'acw-expired', at: s.acw.deadline } };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// What the phone bar shows

export interface AgentView {
  status: AgentStatus;
  statusLabel: string;
  statusSince: number;
  presence: Presence;
  /** The not-ready reason; `reminderAt`: when to remind the agent (e.g. a 15-minute break is over), if the reason has a reminder. */
  reason: { code: string; label: string; productive: boolean; reminderAt: number | null } | null;
  /** Where the agent goes when the current work is done, if not the status itself. */
  after: Presence | null;
  acw: null | {
    remainingMs: number;
    deadline: number;
    expired: boolean;
    /** The agent cannot leave Wrap-up before the codes are in. */
    mandatory: boolean;
    /** Seconds of extra time still available. */
    extensionLeftSeconds: number;
    interactionIds: string[];
  };
  /** Contacts still owing a wrap-up (including older drafts left when a timer returned the agent to Ready). */
  owedWrapUps: string[];
  /** Whether an inbound call would ring now. */
  takesCalls: boolean;
}

export function viewAgent(s: AgentState, now: number, policy: AgentPolicy): AgentView {
  const configured = s.reason === null ? undefined : withSystemReasons(policy.notReadyReasons).find((r) => r.code === s.reason);
  const reason =
    s.reason === null
      ? null
      : {
          code: s.reason,
          label: configured?.label ?? s.reason,
          productive: configured?.productive ?? false,
          reminderAt: configured?.reminderAfterMinutes === undefined ? null : s.presenceSince + configured.reminderAfterMinutes * 60_000,
        };
  const working = s.status === 'ringing' || s.status === 'on-call' || s.status === 'wrap-up';
  return {
    status: s.status,
    statusLabel: s.status === 'not-ready' && reason !== null ? `Not ready: ${reason.label}` : AGENT_STATUS_LABELS[s.status],
    statusSince: s.statusSince,
    presence: s.presence,
    reason,
    after: working ? s.presence : null,
    acw:
      s.acw === null
        ? null
        : {
            remainingMs: s.acw.expired ? 0 : Math.max(0, s.acw.deadline - now),
            deadline: s.acw.deadline,
            expired: s.acw.expired,
            mandatory: isMandatoryWrapUp(policy) && blockingWrapUps(s).length > 0,
            extensionLeftSeconds: s.acw.expired ? 0 : Math.max(0, policy.afterCallWork.maxExtensionSeconds - s.acw.extendedSeconds),
            interactionIds: [...s.acw.interactionIds],
          },
    owedWrapUps: s.owed.map((o) => o.interactionId),
    takesCalls: declineCause(s, policy) === null,
  };
}

// ---------------------------------------------------------------------------------------------
// Snapshot and restore

export function snapshotAgentState(s: AgentState, now: number): AgentSnapshot {
  return { version: AGENT_SNAPSHOT_VERSION, savedAt: Math.max(now, s.updatedAt), state: s };
}

export interface RestoreOptions {
  /**
   * If the app was down longer than this, the agent comes back Offline rather than Ready or Not
   * ready: calls must not be routed to someone who may have left the desk. An owed wrap-up is
   * restored regardless.
   */
  resumePresenceWithinMs: number;
}

export const DEFAULT_RESTORE_OPTIONS: RestoreOptions = { resumePresenceWithinMs: 5 * 60_000 };

export type RestoreResult = { ok: true; state: AgentState; effects: AgentEffect[] } | { ok: false; message: string };

/**
 * Rebuilds the state after main restarted (crash, update, reboot). Calls cannot survive a restart
 * of main: an answered call is ended at the snapshot's time (the last moment the app is known to
 * have run) and goes to its wrap-up; a ringing or dialling one is logged as failed. An ACW
 * countdown resumes with the time it had left; the downtime does not count as after-call work.
 * A mandatory wrap-up stays mandatory.
 */
export function restoreAgentState(
  raw: unknown,
  now: number,
  policy: AgentPolicy,
  options: RestoreOptions = DEFAULT_RESTORE_OPTIONS,
): RestoreResult {
  const parsed = agentSnapshotSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `The saved agent state is unreadable (${issue === undefined ? 'invalid' : `${issue.path.join('.') || 'snapshot'}: ${issue.message}`}).`,
    };
  }
  const { savedAt, state } = parsed.data;
  // The app ran at least until its last save; a clock that since went back does not move that.
  const lastAlive = Math.max(savedAt, state.updatedAt);
  const resumeAt = Math.max(now, lastAlive);
  const gap = resumeAt - lastAlive;
  const s: Draft = { ...state, calls: [...state.calls], owed: [...state.owed], acw: state.acw === null ? null : { ...state.acw } };
  const effects: AgentEffect[] = [];

  for (const call of [...s.calls]) {
    effects.push(endCall(s, call, Math.max(lastAlive, call.offeredAt), call.answeredAt !== null ? 'answered' : 'failed'));
  }
  maybeStartAcw(s, lastAlive, policy, effects);
  if (s.acw?.expired === true && !(isMandatoryWrapUp(policy) && blockingWrapUps(s).length > 0)) {
    const e = endAcw(s, lastAlive, 'expired');
    if (e !== null) effects.push(e);
  }
  if (s.acw !== null && gap > 0) s.acw = { ...s.acw, deadline: s.acw.deadline + gap, excludedMs: s.acw.excludedMs + gap };
  if (gap > options.resumePresenceWithinMs && s.presence !== 'offline') setPresence(s, 'offline', null, resumeAt);

  s.updatedAt = resumeAt;
  const status = deriveStatus(s);
  if (status !== s.status) {
    s.status = status;
    s.statusSince = resumeAt;
  }
  return { ok: true, state: s, effects };
}
