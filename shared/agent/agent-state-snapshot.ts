/**
 * The agent state machine's snapshot (agent-state.ts): what is saved after every change, and the
 * state rebuilt from it after main restarted. The snapshot holds codes, ids and times only.
 */
import * as z from 'zod';
import {
  agentStateSchema,
  blockingWrapUps,
  deriveStatus,
  isMandatoryWrapUp,
  type AgentEffect,
  type AgentPolicy,
  type AgentState,
} from './agent-state';
import { endAcw, endCall, maybeStartAcw, setPresence, type Draft } from './agent-state-work';
import { issueEnglish } from '../policy/rule-text';

const ms = z.number().int().min(0);

export const AGENT_SNAPSHOT_VERSION = 1;
export const agentSnapshotSchema = z.strictObject({
  version: z.literal(AGENT_SNAPSHOT_VERSION),
  savedAt: ms,
  state: agentStateSchema,
});
export type AgentSnapshot = z.output<typeof agentSnapshotSchema>;

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
      message: `The saved agent state is unreadable (${issue === undefined ? 'invalid' : issueEnglish(issue, { root: 'snapshot' })}).`,
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
