import { useState } from 'react';
import type { SetStateRequest } from '../../../../shared/agent/contract';
import { formatDuration } from '../../../../shared/time/duration';
import { useElapsedClock } from '../../ui/use-clock';
import { agentClient, applyView, messageOf, useAgent } from './agent-state';

/** The time in state, on its own: it ticks each second the agent can see it, and only it redraws. */
function TimeInState({ since }: { since: number }) {
  const skew = useAgent((s) => s.skewMs);
  const now = useElapsedClock(since, skew);
  return (
    <span role="timer" aria-label="Time in state" className="agent-timer">
      {formatDuration(now - since)}
    </span>
  );
}

/** Slot `agent-state`: the agent's status with a timer, Ready / Not ready (with a reason) / Log out. */
export function AgentStatePanel() {
  const agent = useAgent((s) => s.view?.agent ?? null);
  const reasons = useAgent((s) => s.view?.reasons ?? null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!agent || !reasons)
    return (
      <section className="agent-state" aria-label="Agent state">
        <p role="status">Agent state loading…</p>
      </section>
    );
  const chosen = reason || reasons[0]?.code || '';
  const send = (request: SetStateRequest) => {
    setBusy(true);
    agentClient()
      .invoke('agent.setState', request)
      .then((v) => {
        applyView(v);
        setError(null);
      })
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  };
  const afterText =
    agent.after === null
      ? null
      : `then ${agent.after === 'ready' ? 'Ready' : agent.after === 'offline' ? 'logged out' : `Not ready${agent.reason ? `: ${agent.reason.label}` : ''}`}`;
  return (
    <section className={`agent-state agent-state-${agent.status}`} aria-label="Agent state">
      <p className="agent-status">
        <span role="status" aria-label="Agent status">
          {agent.statusLabel}
        </span>{' '}
        <TimeInState since={agent.statusSince} />
        {afterText ? <span className="agent-after"> ({afterText})</span> : null}
      </p>
      <div className="agent-state-controls" role="group" aria-label="Set agent state">
        <button type="button" aria-pressed={agent.presence === 'ready'} disabled={busy} onClick={() => send({ state: 'ready' })}>
          Ready
        </button>
        <select aria-label="Not ready reason" value={chosen} onChange={(e) => setReason(e.target.value)} disabled={busy}>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          aria-pressed={agent.presence === 'not-ready'}
          disabled={busy || chosen === ''}
          onClick={() => send({ state: 'not-ready', reason: chosen })}
        >
          Not ready
        </button>
        {agent.presence !== 'offline' ? (
          <button type="button" disabled={busy} onClick={() => send({ state: 'offline' })}>
            Log out
          </button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="agent-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
