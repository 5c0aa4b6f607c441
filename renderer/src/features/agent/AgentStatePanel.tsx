import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetStateRequest } from '../../../../shared/agent/contract';
import type { AgentStatus, Presence } from '../../../../shared/agent/agent-state';
import { reasonName } from '../../../../shared/agent/agent-state-view';
import { useUserText } from '../../i18n';
import { ElapsedClockText } from '../../ui/ElapsedClockText';
import { agentClient, applyView, messageOf, useAgent } from './agent-state';

/** The time in state: it ticks each second the agent can see it, and only its text redraws. */
function TimeInState({ since }: { since: number }) {
  const { t } = useTranslation('app');
  const skew = useAgent((s) => s.skewMs);
  return (
    <span role="timer" aria-label={t('agentState.timeInState')} className="agent-timer">
      <ElapsedClockText since={since} offsetMs={skew} />
    </span>
  );
}

/** One shape per state, so the badge says it without colour: a tick, a bar, a ring, a phone, a pen. */
const STATUS_ICON: Record<AgentStatus, string> = {
  offline: 'M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm0 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16z',
  ready: 'M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm-1.2 13.6 6.3-6.3-1.4-1.4-4.9 4.9-2.3-2.3-1.4 1.4z',
  'not-ready': 'M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zM7 11v2h10v-2z',
  ringing: 'M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11a6 6 0 0 0-5-5.9V4a1 1 0 0 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1z',
  'on-call':
    'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z',
  'wrap-up': 'M3 17.25V21h3.75L17.8 9.94l-3.75-3.75zM20.7 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75z',
};

/**
 * Slot `agent-state`, at the start of the phone strip: the agent's status as a badge (an icon
 * and the word; colour only repeats them), the time in it, what comes next on its own line
 * ("Next: Ready"), and Ready / Not ready (with a reason) / Log out.
 */
export function AgentStatePanel() {
  const { t } = useTranslation('app');
  const show = useUserText();
  const agent = useAgent((s) => s.view?.agent ?? null);
  const reasons = useAgent((s) => s.view?.reasons ?? null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!agent || !reasons)
    return (
      // The loaded panel's frame (a badge over the "Next: …" line), so the phone strip under it does
      // not move when main's view arrives just after the window connects.
      <section className="agent-state" aria-label={t('agentState.label')}>
        <div className="agent-status">
          <span className="agent-badge agent-state-loading">
            <span role="status">{t('agentState.loading')}</span>
          </span>
          <span className="agent-after" />
        </div>
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
  const reasonWords = agent.reason === null ? null : reasonName(agent.reason);
  const next = agent.after === null ? null : nextWords(t, agent.after, typeof reasonWords === 'object' ? show(reasonWords) : reasonWords);
  return (
    <section className={`agent-state agent-state-${agent.status}`} aria-label={t('agentState.label')}>
      <div className="agent-status">
        <span className="agent-badge">
          <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d={STATUS_ICON[agent.status]} fill="currentColor" />
          </svg>
          <span role="status" aria-label={t('agentState.status')}>
            {statusWords(t, agent.status, show(agent.statusLabel))}
          </span>
        </span>
        <TimeInState since={agent.statusSince} />
        <span className="agent-after">{next ?? ''}</span>
      </div>
      <div className="agent-state-controls" role="group" aria-label={t('agentState.set')}>
        <button type="button" aria-pressed={agent.presence === 'ready'} disabled={busy} onClick={() => send({ state: 'ready' })}>
          {t('agentState.ready')}
        </button>
        <select aria-label={t('agentState.reason')} value={chosen} onChange={(e) => setReason(e.target.value)} disabled={busy}>
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
          {t('agentState.notReady')}
        </button>
        {agent.presence !== 'offline' ? (
          <button type="button" disabled={busy} onClick={() => send({ state: 'offline' })}>
            {t('agentState.logOut')}
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

type Translate = ReturnType<typeof useTranslation<'app'>>['t'];

/** The status in the window's language; main's English label only for a status this build does not know. */
function statusWords(t: Translate, status: AgentStatus, fallback: string): string {
  switch (status) {
    case 'offline':
      return t('agentState.statuses.offline');
    case 'ready':
      return t('agentState.statuses.ready');
    case 'not-ready':
      return t('agentState.statuses.notReady');
    case 'ringing':
      return t('agentState.statuses.ringing');
    case 'on-call':
      return t('agentState.statuses.onCall');
    case 'wrap-up':
      return t('agentState.statuses.wrapUp');
    default:
      return fallback;
  }
}

/** "Next: Ready", "Next: Not ready: Lunch", "Next: logged out": where the agent goes once this contact is done. */
function nextWords(t: Translate, after: Presence, reason: string | null): string {
  switch (after) {
    case 'ready':
      return t('agentState.next.ready');
    case 'offline':
      return t('agentState.next.offline');
    case 'not-ready':
      return reason ? t('agentState.next.notReadyReason', { reason }) : t('agentState.next.notReady');
  }
}
