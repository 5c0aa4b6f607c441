/**
 * The agent state machine's transition function: one event at a time, pure (time comes in on the
 * event), and the next timer event it expects (`nextAgentDeadline`). The model is in
 * agent-state.ts, the steps several events share in agent-state-work.ts.
 */
import { MISSED_CALL_REASON, withSystemReasons, type NotReadyReason } from '../config/workflow';
import {
  blockingWrapUps,
  deriveStatus,
  isMandatoryWrapUp,
  type AgentEffect,
  type AgentError,
  type AgentErrorCode,
  type AgentEvent,
  type AgentPolicy,
  type AgentState,
  type CallRef,
  type TransitionResult,
} from './agent-state';
import { declineCause, endAcw, endCall, expireAcw, MAX_CALLS, maybeStartAcw, setPresence, type Draft } from './agent-state-work';
import type { Outcome } from './records';
import { englishOf, userText, type TextKey, type TextValue, type UserText } from '../text/user-text';

/** A refusal: its English for logs and tests, its message for the window. */
export function agentError(code: AgentErrorCode, key: TextKey, values?: Readonly<Record<string, TextValue>>): AgentError {
  const text = userText(key, values);
  return { code, message: englishOf(text), text };
}

function fail(code: AgentErrorCode, key: TextKey, values?: Readonly<Record<string, TextValue>>): TransitionResult {
  return { ok: false, error: agentError(code, key, values) };
}

function reasonCheck(reasons: readonly NotReadyReason[], code: string): AgentError | null {
  const r = withSystemReasons(reasons).find((x) => x.code === code);
  if (r === undefined) return agentError('unknown-reason', 'agent.state.noSuchReason', { code });
  // The system's reasons are named in the agent's language; IT's as IT wrote them.
  const label = r.system && r.code === MISSED_CALL_REASON ? userText('agent.systemReasons.missed-call') : r.label;
  if (!r.active) return agentError('unknown-reason', 'agent.state.reasonRetired', { label });
  if (r.system) return agentError('unknown-reason', 'agent.state.reasonBySystem', { label });
  return null;
}

function findCall(s: AgentState, callId: string): CallRef | undefined {
  return s.calls.find((c) => c.callId === callId);
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
      if (s.presence !== 'offline') return fail('already-logged-in', 'agent.state.alreadyLoggedIn');
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
      if (s.presence === 'offline') return fail('logged-out', 'agent.state.alreadyLoggedOut');
      if (s.calls.length > 0) return fail('call-in-progress', 'agent.state.endCallBeforeLogOut');
      if (mandatoryBlock()) return fail('wrap-up-required', 'agent.state.wrapUpBeforeLogOut');
      const e = endAcw(s, at, 'logged-out');
      if (e !== null) effects.push(e);
      setPresence(s, 'offline', null, at);
      break;
    }
    case 'set-ready': {
      if (s.presence === 'offline') return fail('logged-out', 'agent.state.logInFirst');
      setPresence(s, 'ready', null, at);
      break;
    }
    case 'set-not-ready': {
      if (s.presence === 'offline') return fail('logged-out', 'agent.state.logInFirst');
      const bad = reasonCheck(policy.notReadyReasons, event.reason);
      if (bad !== null) return { ok: false, error: bad };
      setPresence(s, 'not-ready', event.reason, at);
      break;
    }
    case 'call-offered': {
      if (findCall(s, event.callId) !== undefined) return fail('duplicate-call', 'agent.state.duplicateCall');
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
      if (s.presence === 'offline') return fail('logged-out', 'agent.state.logInToCall');
      if (findCall(s, event.callId) !== undefined) return fail('duplicate-call', 'agent.state.duplicateCall');
      if (s.calls.length >= MAX_CALLS) return fail('too-many-calls', 'agent.state.tooManyCalls', { max: MAX_CALLS });
      const connected = s.calls.some((c) => c.answeredAt !== null || c.direction === 'outbound');
      if (s.calls.length > 0 && !connected) return fail('call-ringing', 'agent.state.answerRingingFirst');
      if (mandatoryBlock()) return fail('wrap-up-required', 'agent.state.wrapUpBeforeCall');
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
      if (call === undefined) return fail('unknown-call', 'agent.state.callEnded');
      if (call.answeredAt !== null) return fail('bad-call-state', 'agent.state.alreadyAnswered');
      s.calls = s.calls.map((c) => (c.callId === call.callId ? { ...c, answeredAt: at } : c));
      if (call.direction === 'inbound') s.missedInARow = 0;
      break;
    }
    case 'call-held':
    case 'call-resumed': {
      const call = findCall(s, event.callId);
      if (call === undefined) return fail('unknown-call', 'agent.state.callEnded');
      if (call.answeredAt === null) return fail('bad-call-state', 'agent.state.holdNeedsConnected');
      if (event.type === 'call-held') {
        if (call.heldSince !== null) return fail('bad-call-state', 'agent.state.alreadyOnHold');
        s.calls = s.calls.map((c) => (c.callId === call.callId ? { ...c, heldSince: at } : c));
      } else {
        if (call.heldSince === null) return fail('bad-call-state', 'agent.state.notOnHold');
        const heldSince = call.heldSince;
        s.calls = s.calls.map((c) => (c.callId === call.callId ? { ...c, heldSince: null, holdMs: c.holdMs + (at - heldSince) } : c));
      }
      break;
    }
    case 'call-replaced': {
      const call = findCall(s, event.callId);
      if (call === undefined) return fail('unknown-call', 'agent.state.callEnded');
      if (findCall(s, event.byCallId) !== undefined) return fail('bad-call-state', 'agent.state.replacingKnown');
      s.calls = s.calls.map((c) => (c.callId === call.callId ? { ...c, callId: event.byCallId } : c));
      break;
    }
    case 'call-rejected':
    case 'call-missed': {
      const call = findCall(s, event.callId);
      if (call === undefined) return fail('unknown-call', 'agent.state.callEnded');
      if (call.direction !== 'inbound' || call.answeredAt !== null) return fail('bad-call-state', 'agent.state.onlyRingingDeclined');
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
      if (call === undefined) return fail('unknown-call', 'agent.state.callEnded');
      // A caller who hung up while it rang abandoned it; a call the phone system or the media could
      // not set up failed (never the customer's doing).
      const outcome: Outcome =
        call.answeredAt !== null ? 'answered' : call.direction === 'inbound' && event.failed !== true ? 'abandoned' : 'failed';
      effects.push(endCall(s, call, at, outcome));
      maybeStartAcw(s, at, policy, effects);
      break;
    }
    case 'acw-expired': {
      if (s.acw === null) return fail('not-in-wrap-up', 'agent.state.notInWrapUp');
      if (s.acw.expired) return fail('not-due', 'agent.state.wrapUpTimeOver');
      if (at < s.acw.deadline) return fail('not-due', 'agent.state.wrapUpTimeNotOver');
      expireAcw(s, at, policy, effects);
      break;
    }
    case 'extend-acw': {
      if (s.acw === null) return fail('not-in-wrap-up', 'agent.state.notInWrapUp');
      const { maxExtensionSeconds, extensionStepSeconds } = policy.afterCallWork;
      if (s.acw.expired) return fail('no-more-time', 'agent.state.wrapUpTimeOverChooseCode');
      const budget = maxExtensionSeconds - s.acw.extendedSeconds;
      if (budget <= 0) {
        return fail(
          'no-more-time',
          maxExtensionSeconds === 0 ? 'agent.state.cannotExtend' : 'agent.state.noMoreTime',
          maxExtensionSeconds === 0 ? undefined : { extra: durationText(maxExtensionSeconds) },
        );
      }
      const step = Math.min(extensionStepSeconds, budget);
      s.acw = { ...s.acw, deadline: Math.max(s.acw.deadline, at) + step * 1000, extendedSeconds: s.acw.extendedSeconds + step };
      break;
    }
    case 'finish-wrap-up': {
      if (s.acw === null) return fail('not-in-wrap-up', 'agent.state.notInWrapUp');
      if (mandatoryBlock()) return fail('wrap-up-required', 'agent.state.wrapUpBeforeFinish');
      const e = endAcw(s, at, 'finished');
      if (e !== null) effects.push(e);
      break;
    }
    case 'wrap-up-submitted': {
      if (!s.owed.some((o) => o.interactionId === event.interactionId)) return fail('unknown-wrap-up', 'agent.state.noOpenWrapUp');
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

function durationText(seconds: number): UserText {
  if (seconds % 60 === 0) return userText('agent.state.duration.minutes', { minutes: seconds / 60 });
  if (seconds < 60) return userText('agent.state.duration.seconds', { seconds });
  return userText('agent.state.duration.minutesSeconds', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
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
