/**
 * The steps of the agent state machine that several events share (and the restore after a restart
 * replays): presence changes, ending a call with its one `interaction-ended` effect, the
 * after-call-work (ACW) period's start, expiry and end, and whether an offer would be declined.
 * Each works on a draft copy of the state that `transition` or `restoreAgentState` owns.
 */
import {
  blockingWrapUps,
  isMandatoryWrapUp,
  type AcwEndCause,
  type AgentEffect,
  type AgentPolicy,
  type AgentState,
  type CallRef,
  type DeclineCause,
  type Presence,
} from './agent-state';
import type { Outcome } from './records';

/** A copy of the state that one event (or the restore) changes in place. */
export type Draft = AgentState;

export const MAX_CALLS = 4;

export function setPresence(s: Draft, presence: Presence, reason: string | null, at: number): void {
  if (s.presence !== presence || s.reason !== reason) {
    s.presence = presence;
    s.reason = reason;
    s.presenceSince = at;
  }
}

function roundSeconds(msValue: number): number {
  return Math.max(0, Math.round(msValue / 1000));
}

export function endCall(s: Draft, call: CallRef, at: number, outcome: Outcome): AgentEffect {
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
export function endAcw(s: Draft, at: number, cause: AcwEndCause): AgentEffect | null {
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
export function maybeStartAcw(s: Draft, at: number, policy: AgentPolicy, effects: AgentEffect[]): void {
  if (s.calls.length > 0 || s.acw !== null) return;
  const fresh = s.owed.filter((o) => !o.acwDone).map((o) => o.interactionId);
  if (fresh.length === 0) return;
  const seconds = policy.afterCallWork.seconds;
  s.acw = { startedAt: at, deadline: at + seconds * 1000, extendedSeconds: 0, expired: false, excludedMs: 0, interactionIds: fresh };
  if (seconds === 0) expireAcw(s, at, policy, effects);
}

export function expireAcw(s: Draft, at: number, policy: AgentPolicy, effects: AgentEffect[]): void {
  if (s.acw === null) return;
  if (isMandatoryWrapUp(policy) && blockingWrapUps(s).length > 0) {
    s.acw = { ...s.acw, expired: true };
  } else {
    const e = endAcw(s, at, policy.afterCallWork.seconds === 0 ? 'no-acw' : 'expired');
    if (e !== null) effects.push(e);
  }
}

export function declineCause(s: AgentState, policy: AgentPolicy): DeclineCause | null {
  if (s.calls.length > 0) return policy.inboundDecline.declineWhileBusy || s.calls.length >= MAX_CALLS ? 'busy' : null;
  if (s.acw !== null) {
    const blocked = policy.inboundDecline.declineInWrapUp || (isMandatoryWrapUp(policy) && blockingWrapUps(s).length > 0);
    return blocked ? 'wrap-up' : null;
  }
  if (s.presence === 'offline') return 'offline';
  if (s.presence === 'not-ready') return 'not-ready';
  return null;
}
