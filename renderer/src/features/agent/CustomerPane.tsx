import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrmPages, PopMatch, ScreenPop, TimelineEntry } from '../../../../shared/agent/contract';
import type { Priority } from '../../../../shared/config/workflow';
import type { CaseStatus } from '../../../../shared/store/types';
import { displayPhoneNumber } from '../../../../shared/store/phone';
import { formatDateTime, formatDuration, useLocale } from '../../i18n';
import { agentClient, applyView, filedMatch, messageOf, useAgent } from './agent-state';
import { CrmPageLink } from './CrmPageLink';
import { FindCustomer } from './FindCustomer';
import { Icon, type IconName } from './icons';

const TIMELINE_KEYS = {
  inbound: {
    call: 'timeline.inbound.call',
    email: 'timeline.inbound.email',
    chat: 'timeline.inbound.chat',
    'walk-in': 'timeline.inbound.walkIn',
  },
  outbound: {
    call: 'timeline.outbound.call',
    email: 'timeline.outbound.email',
    chat: 'timeline.outbound.chat',
    'walk-in': 'timeline.outbound.walkIn',
  },
} as const;

const OUTCOME_KEYS = {
  answered: 'outcome.answered',
  missed: 'outcome.missed',
  declined: 'outcome.declined',
  abandoned: 'outcome.abandoned',
  failed: 'outcome.failed',
} as const;

const STATUS_KEYS = {
  new: 'caseStatus.new',
  open: 'caseStatus.open',
  pending: 'caseStatus.pending',
  'on-hold': 'caseStatus.onHold',
  solved: 'caseStatus.solved',
  closed: 'caseStatus.closed',
} as const satisfies Record<CaseStatus, string>;

/** A priority's icon and its words for a screen reader and a tooltip; the P-number stays the visible text. */
const PRIORITY = {
  P1: { icon: 'warning', key: 'priority.p1' },
  P2: { icon: 'attention', key: 'priority.p2' },
  P3: { icon: 'dot', key: 'priority.p3' },
  P4: { icon: 'dot', key: 'priority.p4' },
} as const satisfies Record<Priority, { icon: IconName; key: string }>;

function Caller({ pop }: { pop: ScreenPop }) {
  const { t } = useTranslation('agent');
  const stateText =
    pop.state === 'ringing'
      ? pop.direction === 'inbound'
        ? t('caller.ringing')
        : t('caller.dialling')
      : pop.state === 'connected'
        ? t('caller.onCall')
        : pop.state === 'ended'
          ? t('caller.ended')
          : t('caller.declined');
  const number = pop.lookup?.normalized ?? pop.number;
  return (
    <p className={`customer-caller customer-caller-${pop.state}`}>
      <Icon name="phone" /> <span className="customer-caller-state">{stateText}:</span>{' '}
      {pop.displayName ? <span className="customer-caller-name">{pop.displayName}</span> : null}{' '}
      <span className="customer-caller-number">{number ? displayPhoneNumber(number) : t('caller.withheld')}</span>
    </p>
  );
}

function CreateCustomer() {
  const { t } = useTranslation('agent');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') {
      setError(t('create.nameMissing'));
      return;
    }
    setBusy(true);
    agentClient()
      .invoke('agent.createCustomer', { name })
      .then((v) => {
        applyView(v);
        setError(null);
      })
      .catch((err: unknown) => setError(messageOf(err)))
      .finally(() => setBusy(false));
  };
  return (
    <form className="customer-create" aria-label={t('create.form')} onSubmit={submit} noValidate>
      <p>{t('create.none')}</p>
      <label>
        {t('create.name')}{' '}
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={error ? true : undefined} />
      </label>
      <button type="submit" disabled={busy}>
        {t('create.submit')}
      </button>
      {error ? (
        <p role="alert" className="customer-error">
          <Icon name="warning" /> {error}
        </p>
      ) : null}
    </form>
  );
}

function pick(customerId: string, caseId: string | null, setError: (e: string | null) => void): void {
  agentClient()
    .invoke('agent.pickCustomer', { customerId, caseId })
    .then((v) => {
      applyView(v);
      setError(null);
    })
    .catch((err: unknown) => setError(messageOf(err)));
}

function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation('agent');
  const p = PRIORITY[priority];
  return (
    <span className={`case-priority case-${priority.toLowerCase()}`} title={t(p.key)}>
      <Icon name={p.icon} />
      {priority}
    </span>
  );
}

function CustomerCard({
  match,
  pop,
  pages,
  setError,
}: {
  match: PopMatch;
  pop: ScreenPop;
  pages: CrmPages | null;
  setError: (e: string | null) => void;
}) {
  const { t } = useTranslation('agent');
  const c = match.customer;
  return (
    <div className="customer-card" data-customer-id={c.id} data-pop-received-at={pop.receivedAt}>
      <div className="customer-card-head">
        <h3 className="customer-name">{c.name}</h3>
        <CrmPageLink pages={pages} recordId={c.id} />
      </div>
      <p className="customer-facts">
        {c.company ? <span>{c.company} · </span> : null}
        {c.segment ? <span>{c.segment} · </span> : null}
        {c.doNotCall ? (
          <strong className="customer-dnc">
            <Icon name="warning" /> {t('customer.doNotCall')} ·{' '}
          </strong>
        ) : null}
        <span aria-label={t('customer.numbers')} className="customer-numbers">
          {c.phones
            .map((p) =>
              p.label
                ? t('customer.numberWithLabel', { number: displayPhoneNumber(p.number), label: p.label })
                : displayPhoneNumber(p.number),
            )
            .join(', ')}
        </span>
      </p>
      {match.openCases.length === 0 ? (
        <p className="customer-no-cases">{t('customer.noOpenCases')}</p>
      ) : (
        <fieldset className="customer-cases">
          <legend>{t('customer.openCases')}</legend>
          <ul aria-label={t('customer.openCases')}>
            {match.openCases.map((k) => (
              <li key={k.id} className={pop.caseId === k.id ? 'case-card case-card-chosen' : 'case-card'}>
                <label>
                  <input type="radio" name="contact-case" checked={pop.caseId === k.id} onChange={() => pick(c.id, k.id, setError)} />{' '}
                  <PriorityBadge priority={k.priority} /> <span className="case-subject">{k.subject}</span>{' '}
                  <span className="case-meta">
                    ({t(STATUS_KEYS[k.status])}, {k.id})
                  </span>
                </label>{' '}
                <CrmPageLink pages={pages} recordId={k.id} />
              </li>
            ))}
            <li className={pop.caseId === null ? 'case-card case-card-chosen' : 'case-card'}>
              <label>
                <input type="radio" name="contact-case" checked={pop.caseId === null} onChange={() => pick(c.id, null, setError)} />{' '}
                {t('customer.noCase')}
              </label>
            </li>
          </ul>
        </fieldset>
      )}
    </div>
  );
}

/** The customer's earlier contacts, as main sends them with the view (read again when their work changes). */
export function Timeline({ customerId }: { customerId: string }) {
  const { t } = useTranslation('agent');
  const locale = useLocale();
  const timeline = useAgent((s) => s.view?.timeline ?? null);
  const entries: TimelineEntry[] | null = timeline?.customerId === customerId ? timeline.entries : null;
  return (
    <section className="customer-timeline" aria-label={t('timeline.region')}>
      <h4>{t('timeline.title')}</h4>
      {entries === null ? (
        <p>{t('timeline.loading')}</p>
      ) : entries.length === 0 ? (
        <p>{t('timeline.none')}</p>
      ) : (
        <ol>
          {entries.map((e) => (
            <li key={e.interaction.id}>
              <time dateTime={new Date(e.interaction.startedAt).toISOString()}>{formatDateTime(e.interaction.startedAt, locale)}</time> ·{' '}
              {t(TIMELINE_KEYS[e.interaction.direction][e.interaction.channel])} · {t(OUTCOME_KEYS[e.interaction.outcome])}
              {e.interaction.talkSeconds > 0 ? (
                <>
                  {' · '}
                  <time dateTime={`PT${e.interaction.talkSeconds}S`}>{formatDuration(e.interaction.talkSeconds * 1000, locale)}</time>
                </>
              ) : null}
              {e.interaction.caseId ? ` · ${t('wrapUp.case', { id: e.interaction.caseId })}` : ''}
              {e.wrapUpLabel ? ` · ${e.wrapUpLabel}` : ''}
              {e.notes ? <span className="timeline-notes"> — {e.notes}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Slot `customer-pane`: the screen pop. Everything from the caller or the CRM is rendered as text. */
export function CustomerPane() {
  const { t } = useTranslation('agent');
  // Only what it shows: the rest of the agent's view changes without rendering the pane (applyView keeps unchanged parts).
  const pop = useAgent((s) => s.view?.contact ?? null);
  const pages = useAgent((s) => s.view?.crmPages ?? null);
  const [error, setError] = useState<string | null>(null);
  let body;
  if (!pop || pop.state === 'declined') {
    body = <p className="customer-empty">{t('customer.nobody')}</p>;
  } else if (pop.lookup === null) {
    body = <p role="status">{t('customer.lookingUp')}</p>;
  } else {
    const selected = filedMatch(pop);
    if (selected) {
      body = <CustomerCard match={selected} pop={pop} pages={pages} setError={setError} />;
    } else if (pop.lookup.matches.length === 0) {
      body = <CreateCustomer key={pop.callId} />;
    } else {
      body = (
        <div className="customer-choose">
          <p>
            {pop.lookup.truncated
              ? t('customer.manyMatchesMore', { count: pop.lookup.matches.length })
              : t('customer.manyMatches', { count: pop.lookup.matches.length })}
          </p>
          <ul aria-label={t('customer.matching')}>
            {pop.lookup.matches.map((m) => (
              <li key={m.customer.id}>
                <button
                  type="button"
                  onClick={() => pick(m.customer.id, m.openCases.length === 1 ? (m.openCases[0]?.id ?? null) : null, setError)}
                >
                  {m.customer.name}
                </button>{' '}
                <span className="customer-match-facts">
                  {m.customer.company ? `${m.customer.company} · ` : ''}
                  {t('customer.openCaseCount', { count: m.openCases.length })}
                </span>
              </li>
            ))}
          </ul>
        </div>
      );
    }
  }
  return (
    <section className="customer-pane" aria-label={t('customer.region')}>
      <h2>{t('customer.title')}</h2>
      {pop && pop.state !== 'declined' ? <Caller pop={pop} /> : null}
      {body}
      {pop && pop.state !== 'declined' && pop.lookup !== null ? (
        <FindCustomer
          key={`find-${pop.callId}`}
          number={pop.lookup.normalized}
          initiallyOpen={!pop.customerId && pop.lookup.matches.length === 0}
        />
      ) : null}
      {error ? (
        <p role="alert" className="customer-error">
          <Icon name="warning" /> {error}
        </p>
      ) : null}
      {pop?.customerId ? <Timeline customerId={pop.customerId} /> : null}
    </section>
  );
}
