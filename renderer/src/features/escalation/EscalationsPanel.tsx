import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EscalationOptions } from '../../../../shared/escalation/contract';
import type { EscalationRecord } from '../../../../shared/escalation/records';
import { StatusIcon, type StatusIconName } from '../../ui/StatusBadge';
import { chainText, clockText, useNow, type ClockTone } from './countdown';
import { EscalateDialog } from './EscalateDialog';
import { escalationClient, messageOf, useEscalations } from './escalation-state';
import '../../ui/card.css';
import './escalation.css';

/** Each clock state has its own glyph as well as its words, so no state rests on colour. */
const CLOCK_ICON: Record<ClockTone, StatusIconName> = { ok: 'clock', warn: 'hourglass', late: 'alert', done: 'check' };
const CLOCK_TONE = { ok: 'neutral', warn: 'warn', late: 'danger', done: 'ok' } as const;

/** P1 and P2 carry the danger and warning edge; the priority is always written too. */
const CARD_TONE: Record<string, string> = { P1: 'card-danger', P2: 'card-warn' };

function SlaClock({
  label,
  record,
  which,
  now,
  fraction,
}: {
  label: string;
  record: EscalationRecord;
  which: 'acknowledge' | 'resolve';
  now: number;
  fraction: number;
}) {
  const { t } = useTranslation('escalation');
  const clock = clockText(record, which, now, fraction);
  return (
    <span className={`status-badge status-badge-plain status-tone-${CLOCK_TONE[clock.tone]} escalation-clock`}>
      <StatusIcon icon={CLOCK_ICON[clock.tone]} />
      {/* role=timer: read on demand, not announced every second. Its text is the clock alone. */}
      <span role="timer" aria-label={label}>
        {clock.text}
      </span>
      {clock.tone === 'warn' ? <span className="escalation-due-soon">({t('item.dueSoon')})</span> : null}
    </span>
  );
}

function EscalationItem({ record, options, now }: { record: EscalationRecord; options: EscalationOptions | null; now: number }) {
  const { t } = useTranslation('escalation');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fraction = options?.atRiskFraction ?? 0.2;
  const chain = chainText(record, now);
  const tier = options?.tiers.find((x) => x.id === record.tier);
  const group = tier?.groups.find((g) => g.id === record.group);
  const name = group ? t('item.groupWithTier', { group: group.name, tier: tier?.name ?? record.tier }) : record.group;
  const title = t('item.title', { priority: record.priority, group: name });
  const act = (channel: 'escalation.acknowledge' | 'escalation.resolve') => {
    setBusy(true);
    escalationClient()
      .invoke(channel, { id: record.id })
      .then(() => setError(null))
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  };
  return (
    <li className={`card ${CARD_TONE[record.priority] ?? ''}`} aria-label={title}>
      <p className="card-title">
        <strong className="escalation-priority">{record.priority}</strong>
        <span>
          {name}
          {record.caseId ? <span className="card-meta"> · {t('item.case', { id: record.caseId })}</span> : null}
        </span>
      </p>
      {record.summary ? <p>{record.summary}</p> : null}
      <p className="escalation-clocks">
        <SlaClock label={t('item.acknowledgeClock', { title })} record={record} which="acknowledge" now={now} fraction={fraction} />
        <SlaClock label={t('item.resolveClock', { title })} record={record} which="resolve" now={now} fraction={fraction} />
      </p>
      {chain ? <p className="card-meta">{chain}</p> : null}
      <div className="card-actions">
        {record.acknowledgedAt === null ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => act('escalation.acknowledge')}
            aria-label={t('item.acknowledgeLabel', { title })}
          >
            {t('item.acknowledge')}
          </button>
        ) : null}
        <button type="button" disabled={busy} onClick={() => act('escalation.resolve')} aria-label={t('item.resolveLabel', { title })}>
          {t('item.resolve')}
        </button>
      </div>
      {error ? (
        <p role="alert" className="card-error">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/**
 * The "Escalations" region: the agent's open escalations with live acknowledge-by / resolve-by
 * countdowns and the management chain, plus the "Escalate" button that opens the handoff form
 * for the contact on screen.
 */
export function EscalationsPanel() {
  const { t } = useTranslation('escalation');
  const { open, options, error } = useEscalations();
  const now = useNow(open.length > 0);
  const [dialogOpen, setDialogOpen] = useState(false);
  const close = useCallback(() => setDialogOpen(false), []);
  return (
    <section className="rail-section" aria-labelledby="escalations-title">
      <header className="rail-section-header">
        <h2 id="escalations-title">{t('panel.title')}</h2>
        <button type="button" onClick={() => setDialogOpen(true)} disabled={options === null}>
          {t('panel.escalate')}
        </button>
      </header>
      {error ? (
        <p role="alert" className="card-error">
          {error}
        </p>
      ) : null}
      {open.length === 0 ? (
        <p className="rail-section-empty">{t('panel.empty')}</p>
      ) : (
        <ul className="card-list" aria-label={t('panel.list')}>
          {open.map((r) => (
            <EscalationItem key={r.id} record={r} options={options} now={now} />
          ))}
        </ul>
      )}
      {dialogOpen && options ? <EscalateDialog options={options} onClose={close} /> : null}
    </section>
  );
}
