/**
 * What the phone bar shows of the agent state machine (agent-state.ts): the status with its label,
 * the not-ready reason, the wrap-up countdown, the wrap-ups still owed and whether a call would ring.
 */
import { MISSED_CALL_REASON, withSystemReasons } from '../config/workflow';
import {
  AGENT_STATUS_TEXT,
  blockingWrapUps,
  isMandatoryWrapUp,
  type AgentPolicy,
  type AgentState,
  type AgentStatus,
  type Presence,
} from './agent-state';
import { declineCause } from './agent-state-work';
import { userText, type UserText } from '../text/user-text';

export interface AgentView {
  status: AgentStatus;
  /** The status in words: "Not ready: Break" names the reason (its label is IT's, shown as configured). */
  statusLabel: UserText;
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

/**
 * A not-ready reason's name: IT's label as configured, or for the system's own ("Missed call",
 * shared/config/workflow.ts `withSystemReasons`) a message the window says in the agent's language.
 */
export function reasonName(reason: { code: string; label: string }): string | UserText {
  return reason.code === MISSED_CALL_REASON ? userText('agent.systemReasons.missed-call') : reason.label;
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
    statusLabel:
      s.status === 'not-ready' && reason !== null
        ? userText('agent.status.notReadyBecause', { reason: reasonName(reason) })
        : userText(AGENT_STATUS_TEXT[s.status]),
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
