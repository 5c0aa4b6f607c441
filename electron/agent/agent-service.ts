import {
  initialAgentState,
  type AgentEffect,
  type AgentEvent,
  type AgentPolicy,
  type AgentState,
  type TransitionResult,
} from '../../shared/agent/agent-state';
import {
  DEFAULT_RESTORE_OPTIONS,
  restoreAgentState,
  snapshotAgentState,
  type RestoreOptions,
} from '../../shared/agent/agent-state-snapshot';
import { agentError, nextAgentDeadline, transition } from '../../shared/agent/agent-state-transition';
import { viewAgent, type AgentView } from '../../shared/agent/agent-state-view';
import { TypedEmitter } from '../../shared/events/typed-emitter';
import { userText, type UserText } from '../../shared/text/user-text';
import type { Logger } from '../logging/logger';
import type { AgentStatePersistence } from './agent-state-file';
import type { Scheduler } from '../core/scheduler';

/** An event as a caller sends it: the service stamps the time unless one is given. */
export type AgentCommand = AgentEvent extends infer E ? (E extends AgentEvent ? Omit<E, 'at'> & { at?: number } : never) : never;

export interface AgentChange {
  event: AgentEvent;
  previous: AgentState;
  state: AgentState;
  effects: AgentEffect[];
}

export interface AgentServiceOptions {
  persistence: AgentStatePersistence;
  scheduler: Scheduler;
  /** Read on every event, so a policy change applies from the next one. */
  policy: () => AgentPolicy;
  log: Logger;
  restore?: RestoreOptions;
  /**
   * While a call is up the snapshot is re-saved this often, so that after a crash the call is
   * ended close to when the app actually stopped.
   */
  heartbeatMs?: number;
}

export interface RestoreReport {
  /** Interactions the restart cut off, to be logged like any other ended call. */
  effects: AgentEffect[];
  /** A message for the agent, or null when nothing needs saying. */
  notice: UserText | null;
}

/**
 * The agent state machine in main: the one place events are applied, persisted after every
 * change (a mandatory wrap-up survives reload, crash and restart), and its timers (ring timeout,
 * after-call work) armed on the scheduler. Telephony and call logging subscribe to the changes
 * and carry out the effects.
 */
export class AgentService {
  private current: AgentState;
  private readonly changes = new TypedEmitter<{ change: AgentChange }>((_event, error, change) =>
    this.options.log.error('agent change listener failed', {
      event: change.event.type,
      error: error instanceof Error ? error.name : 'unknown',
    }),
  );
  private cancelDeadline: (() => void) | null = null;
  private cancelHeartbeat: (() => void) | null = null;
  private closed = false;

  private constructor(
    private readonly options: AgentServiceOptions,
    state: AgentState,
    readonly restoreReport: RestoreReport,
  ) {
    this.current = state;
  }

  /** Loads the saved state (if any), restores it, and arms the timers. */
  static async open(options: AgentServiceOptions): Promise<AgentService> {
    const log = options.log;
    const now = options.scheduler.now();
    const policy = options.policy();
    const loaded = await options.persistence.load();
    let state = initialAgentState(now);
    let report: RestoreReport = { effects: [], notice: null };
    if (loaded.kind === 'corrupt') {
      log.warn('agent state file unreadable, starting logged out', { movedAside: loaded.movedTo !== null });
      report = { effects: [], notice: userText('agent.restore.unreadable') };
    } else if (loaded.kind === 'found') {
      const restored = restoreAgentState(loaded.raw, now, policy, options.restore ?? DEFAULT_RESTORE_OPTIONS);
      if (restored.ok) {
        state = restored.state;
        report = { effects: restored.effects, notice: restoreNotice(restored.state, restored.effects) };
        log.info('agent state restored', {
          status: state.status,
          presence: state.presence,
          endedCalls: restored.effects.filter((e) => e.type === 'interaction-ended').length,
          owed: state.owed.length,
        });
      } else {
        const movedTo = await options.persistence.quarantine();
        log.warn('agent state snapshot invalid, starting logged out', { movedAside: movedTo !== null });
        report = { effects: [], notice: userText('agent.restore.unreadable') };
      }
    }
    const service = new AgentService(options, state, report);
    service.persist();
    service.arm();
    return service;
  }

  get state(): AgentState {
    return this.current;
  }

  view(): AgentView {
    return viewAgent(this.current, this.options.scheduler.now(), this.options.policy());
  }

  /** Applies an event. A refusal leaves everything as it was and is returned, not thrown. */
  dispatch(command: AgentCommand): TransitionResult {
    if (this.closed) return { ok: false, error: agentError('bad-call-state', 'agent.state.shuttingDown') };
    const event: AgentEvent = { ...command, at: command.at ?? this.options.scheduler.now() };
    const previous = this.current;
    const result = transition(previous, event, this.options.policy());
    if (!result.ok) {
      // Timer events race with agent actions (e.g. a submit just before the ACW timer fires): routine, not a fault.
      const level = event.type === 'acw-expired' || event.type === 'call-missed' ? 'debug' : 'info';
      this.options.log[level]('agent event refused', { event: event.type, code: result.error.code, status: previous.status });
      return result;
    }
    this.current = result.state;
    if (previous.status !== result.state.status || previous.presence !== result.state.presence || previous.reason !== result.state.reason) {
      this.options.log.info('agent state', {
        event: event.type,
        status: result.state.status,
        presence: result.state.presence,
        reason: result.state.reason,
      });
    }
    this.persist();
    this.arm();
    const change: AgentChange = { event, previous, state: result.state, effects: result.effects };
    this.changes.emit('change', change);
    return result;
  }

  subscribe(listener: (change: AgentChange) => void): () => void {
    return this.changes.on('change', listener);
  }

  /** Call after the workflow policy changed: releases a wrap-up held only by a policy now lifted, re-arms timers. */
  policyChanged(): void {
    this.dispatch({ type: 'policy-changed' });
  }

  /** Stops the timers and waits for the last save. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelDeadline?.();
    this.cancelHeartbeat?.();
    this.cancelDeadline = null;
    this.cancelHeartbeat = null;
    this.changes.clear();
    await this.options.persistence.flush();
  }

  private persist(): void {
    this.options.persistence.save(snapshotAgentState(this.current, this.options.scheduler.now()));
  }

  private arm(): void {
    this.cancelDeadline?.();
    this.cancelDeadline = null;
    if (this.closed) return;
    const next = nextAgentDeadline(this.current, this.options.policy());
    if (next !== null) {
      this.cancelDeadline = this.options.scheduler.at(next.at, () => {
        this.cancelDeadline = null;
        const result = this.dispatch({ ...next.event, at: Math.max(next.at, this.options.scheduler.now()) });
        if (!result.ok) this.arm();
      });
    }
    const heartbeat = this.options.heartbeatMs ?? 30_000;
    if (this.current.calls.length > 0 && this.cancelHeartbeat === null && heartbeat > 0) {
      const beat = (): void => {
        this.cancelHeartbeat = null;
        if (this.closed || this.current.calls.length === 0) return;
        this.persist();
        this.cancelHeartbeat = this.options.scheduler.at(this.options.scheduler.now() + heartbeat, beat);
      };
      this.cancelHeartbeat = this.options.scheduler.at(this.options.scheduler.now() + heartbeat, beat);
    } else if (this.current.calls.length === 0 && this.cancelHeartbeat !== null) {
      this.cancelHeartbeat();
      this.cancelHeartbeat = null;
    }
  }
}

function restoreNotice(state: AgentState, effects: readonly AgentEffect[]): UserText | null {
  const cutOff = effects.filter((e) => e.type === 'interaction-ended' && e.outcome === 'answered').length;
  if (cutOff > 0) return userText('agent.restore.cutOff', { count: cutOff });
  if (state.acw !== null) return userText('agent.restore.wrapUpOpen');
  if (state.presence === 'offline' && state.owed.length > 0) return userText('agent.restore.owed', { count: state.owed.length });
  return null;
}
