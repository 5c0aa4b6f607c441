import { useCallback, useState } from 'react';
import type { EscalationOptions } from '../../../../shared/escalation/contract';
import type { EscalationRecord } from '../../../../shared/escalation/records';
import { chainText, clockText, useNow } from './countdown';
import { EscalateDialog } from './EscalateDialog';
import { escalationClient, messageOf, useEscalations } from './escalation-state';
import './escalation.css';

function groupName(options: EscalationOptions | null, record: EscalationRecord): string {
  const tier = options?.tiers.find((t) => t.id === record.tier);
  const group = tier?.groups.find((g) => g.id === record.group);
  return group ? `${group.name} (${tier?.name ?? record.tier})` : record.group;
}

function EscalationItem({ record, options, now }: { record: EscalationRecord; options: EscalationOptions | null; now: number }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fraction = options?.atRiskFraction ?? 0.2;
  const ack = clockText(record, 'acknowledge', now, fraction);
  const resolve = clockText(record, 'resolve', now, fraction);
  const chain = chainText(record, now);
  const name = groupName(options, record);
  const title = `${record.priority} escalation to ${name}`;
  const act = (channel: 'escalation.acknowledge' | 'escalation.resolve') => {
    setBusy(true);
    escalationClient()
      .invoke(channel, { id: record.id })
      .then(() => setError(null))
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  };
  return (
    <li className={`escalation escalation-${record.priority.toLowerCase()}`} aria-label={title}>
      <p className="escalation-title">
        <strong className="escalation-priority">{record.priority}</strong> {name}
        {record.caseId ? <span className="escalation-case"> · case {record.caseId}</span> : null}
      </p>
      {record.summary ? <p className="escalation-summary">{record.summary}</p> : null}
      <p className="escalation-clocks">
        <span role="timer" aria-label={`${title}: acknowledge clock`} className={`clock clock-${ack.tone}`}>
          {ack.text}
        </span>
        <span role="timer" aria-label={`${title}: resolve clock`} className={`clock clock-${resolve.tone}`}>
          {resolve.text}
        </span>
      </p>
      {chain ? <p className="escalation-chain">{chain}</p> : null}
      <div className="escalation-actions">
        {record.acknowledgedAt === null ? (
          <button type="button" disabled={busy} onClick={() => act('escalation.acknowledge')} aria-label={`Acknowledge ${title}`}>
            Acknowledge
          </button>
        ) : null}
        <button type="button" disabled={busy} onClick={() => act('escalation.resolve')} aria-label={`Resolve ${title}`}>
          Resolve
        </button>
      </div>
      {error ? (
        <p role="alert" className="escalation-error">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/**
 * The "Escalations" region: the agent's open escalations with live acknowledge-by / resolve-by
 * countdowns (role=timer: read on demand, not announced every second) and the management chain,
 * plus the "Escalate" button that opens the handoff form for the contact on screen.
 */
export function EscalationsPanel() {
  const { open, options, error } = useEscalations();
  const now = useNow(open.length > 0);
  const [dialogOpen, setDialogOpen] = useState(false);
  const close = useCallback(() => setDialogOpen(false), []);
  return (
    <section className="escalations" aria-labelledby="escalations-title">
      <header className="escalations-header">
        <h2 id="escalations-title">Escalations</h2>
        <button type="button" onClick={() => setDialogOpen(true)} disabled={options === null}>
          Escalate
        </button>
      </header>
      {error ? <p role="alert">{error}</p> : null}
      {open.length === 0 ? (
        <p className="escalations-empty">No open escalations.</p>
      ) : (
        <ul className="escalation-list" aria-label="Open escalations">
          {open.map((r) => (
            <EscalationItem key={r.id} record={r} options={options} now={now} />
          ))}
        </ul>
      )}
      {dialogOpen && options ? <EscalateDialog options={options} onClose={close} /> : null}
    </section>
  );
}
