import { expect } from 'vitest';
import type { AfterCallWorkPolicy, InboundDeclinePolicy, NotReadyReason, WorkflowConfig } from '../../../shared/config/workflow';
import { transition } from '../../../shared/agent/agent-state-transition';
import { type AgentEffect, type AgentEvent, type AgentPolicy, type AgentState } from '../../../shared/agent/agent-state';
import { defaultWorkflowConfig } from '../../../electron/agent/workflow-defaults';

export const config: WorkflowConfig = defaultWorkflowConfig();

/** Monday 10 March 2025, 09:00 UTC. */
export const T0 = Date.UTC(2025, 2, 10, 9, 0, 0);
export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export function agentPolicy(
  over: { acw?: Partial<AfterCallWorkPolicy>; decline?: Partial<InboundDeclinePolicy>; reasons?: NotReadyReason[] } = {},
): AgentPolicy {
  return {
    afterCallWork: { ...config.afterCallWork, ...over.acw },
    inboundDecline: { ...config.inboundDecline, ...over.decline },
    notReadyReasons: over.reasons ?? config.notReadyReasons,
  };
}

/** Applies events that must succeed; returns the final state and every effect in order. */
export function run(
  state: AgentState,
  events: AgentEvent[],
  policy: AgentPolicy = agentPolicy(),
): { state: AgentState; effects: AgentEffect[] } {
  let s = state;
  const effects: AgentEffect[] = [];
  for (const e of events) {
    const r = transition(s, e, policy);
    if (!r.ok) throw new Error(`${e.type} refused: ${r.error.code} ${r.error.message}`);
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

/** Applies an event that must be refused, proves the state was not touched, returns the error. */
export function refused(state: AgentState, event: AgentEvent, policy: AgentPolicy = agentPolicy()) {
  const before = structuredClone(state);
  const r = transition(state, event, policy);
  expect(state).toEqual(before);
  if (r.ok) throw new Error(`${event.type} was accepted but should be refused`);
  return r.error;
}
