import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { callbackStatus, formatCallbackTime, nextCallbackStatusChange } from '../../../../shared/callbacks/callback-rules';
import type { CallbackItem, CallbacksView } from '../../../../shared/callbacks/contract';
import { CALLBACK_OUTCOME_IDS } from '../../../../shared/config/workflow';
import { displayPhoneNumber } from '../../../../shared/store/phone';
import { systemTimeZone } from '../../../../shared/time/time-zone';
import { useBridge } from '../../app/BridgeContext';
import { useLocale } from '../../i18n';
import { StatusBadge, StatusIcon } from '../../ui/StatusBadge';
import { useClockUntil } from '../../ui/use-clock';
import { bindCallbacks, messageOf, takeView, useCallbacks } from './callbacks-state';
import '../../ui/card.css';
import './callbacks.css';

type Action = 'reschedule' | 'done' | 'hand-back' | null;

function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Now, for the "Due now" and "Overdue" badges: they follow the clock without a push from main,
 * re-rendering only at the instant one of them changes (no timer while nothing will).
 */
function useBadgeClock(callbacks: readonly CallbackItem[] | undefined): number {
  const key =
    callbacks === undefined || callbacks.length === 0 ? null : callbacks.map((cb) => `${cb.dueAt}/${cb.remindAt ?? ''}`).join(',');
  return useClockUntil(key, (now) => nextCallbackStatusChange(callbacks ?? [], now));
}

/** The callbacks the agent promised and has not made: due times in the customer's zone and theirs, and the actions. */
export function CallbacksPanel() {
  const { t } = useTranslation('callbacks');
  const client = useBridge();
  useEffect(() => bindCallbacks(client), [client]);
  const view = useCallbacks((s) => s.view);
  const error = useCallbacks((s) => s.error);
  const now = useBadgeClock(view?.callbacks);
  const agentZone = systemTimeZone();
  const overdue = view?.callbacks.filter((cb) => callbackStatus({ state: 'scheduled', ...cb }, now) === 'overdue').length ?? 0;
  return (
    <section className="rail-section" aria-labelledby="callbacks-title">
      <header className="rail-section-header">
        <h2 id="callbacks-title">{t('title')}</h2>
        {view && view.callbacks.length > 0 ? (
          <span className="card-meta">
            {overdue > 0 ? t('owedOverdue', { count: view.callbacks.length, overdue }) : t('owed', { count: view.callbacks.length })}
          </span>
        ) : null}
      </header>
      {error ? <ProblemText text={error} /> : null}
      {view === null ? (
        <p className="rail-section-empty">{t('loading')}</p>
      ) : view.callbacks.length === 0 ? (
        <p className="rail-section-empty">{t('empty')}</p>
      ) : (
        <ul className="card-list" aria-label={t('list')}>
          {view.callbacks.map((cb) => (
            <CallbackRow key={cb.id} cb={cb} view={view} now={now} agentZone={agentZone} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** A refusal or failure, in words with a warning glyph. */
function ProblemText({ text }: { text: string }) {
  return (
    <p role="alert" className="card-error">
      <StatusIcon icon="alert" /> {text}
    </p>
  );
}

/** Border tone of a row: overdue is danger, due now is information; the badge names it. */
const ROW_TONE: Record<string, string> = { overdue: 'card-danger', due: 'card-info' };

function CallbackRow({ cb, view, now, agentZone }: { cb: CallbackItem; view: CallbacksView; now: number; agentZone: string }) {
  const { t } = useTranslation('callbacks');
  const locale = useLocale();
  const client = useBridge();
  const titleId = useId();
  const [action, setAction] = useState<Action>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const status = callbackStatus({ state: 'scheduled', ...cb }, now);
  const who = cb.customerName ?? t('unknownCustomer');
  const time = (zone: string) => formatCallbackTime(cb.dueAt, zone, locale);
  const openerRef = useRef<HTMLButtonElement | null>(null);

  const run = async (work: () => Promise<CallbacksView | void>): Promise<boolean> => {
    setBusy(true);
    try {
      const next = await work();
      if (next) takeView(next);
      setProblem(null);
      return true;
    } catch (error) {
      setProblem(messageOf(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const dial = () => void run(async () => void (await client.invoke('telephony.dial', { target: cb.number })));
  const open = (next: Action) => {
    setProblem(null);
    setAction(next);
  };
  const closeForm = () => {
    setAction(null);
    setProblem(null);
    openerRef.current?.focus();
  };

  return (
    <li className={`card ${ROW_TONE[status] ?? ''}`} aria-labelledby={titleId}>
      <h3 id={titleId} className="card-title">
        {who}
        {status === 'overdue' ? (
          <StatusBadge tone="danger" icon="alert">
            {t('status.overdue')}
          </StatusBadge>
        ) : null}
        {status === 'due' ? (
          <StatusBadge tone="info" icon="clock">
            {t('status.due')}
          </StatusBadge>
        ) : null}
      </h3>
      <p className="callback-number">{displayPhoneNumber(cb.number)}</p>
      <p className="card-meta">
        {cb.customerTimeZone !== null && cb.customerTimeZone !== agentZone
          ? t('when.bothZones', { customerTime: time(cb.customerTimeZone), zone: cb.customerTimeZone, agentTime: time(agentZone) })
          : cb.customerTimeZone === null
            ? t('when.zoneUnknown', { time: time(agentZone) })
            : t('when.yourTime', { time: time(agentZone) })}
      </p>
      {cb.noteExcerpt !== '' ? <p className="card-note">{cb.noteExcerpt}</p> : null}
      <div className="card-actions" role="group" aria-label={t('actions.group', { name: who })}>
        <button type="button" onClick={dial} disabled={busy} aria-describedby={titleId}>
          {t('actions.dial')}
        </button>
        <button
          type="button"
          aria-expanded={action === 'reschedule'}
          onClick={(e) => {
            openerRef.current = e.currentTarget;
            open('reschedule');
          }}
        >
          {t('actions.reschedule')}
        </button>
        <button
          type="button"
          aria-expanded={action === 'done'}
          onClick={(e) => {
            openerRef.current = e.currentTarget;
            open('done');
          }}
        >
          {t('actions.done')}
        </button>
        <button
          type="button"
          aria-expanded={action === 'hand-back'}
          onClick={(e) => {
            openerRef.current = e.currentTarget;
            open('hand-back');
          }}
        >
          {t('actions.handBack')}
        </button>
      </div>
      {action === null && problem !== null ? <ProblemText text={problem} /> : null}
      {action === 'reschedule' ? (
        <RescheduleForm
          dueAt={cb.dueAt}
          busy={busy}
          problem={problem}
          onCancel={closeForm}
          onSave={(at) => void run(() => client.invoke('callbacks.reschedule', { id: cb.id, at })).then((done) => done && setAction(null))}
        />
      ) : null}
      {action === 'done' ? (
        <DoneForm
          outcomes={view.outcomes}
          busy={busy}
          problem={problem}
          onCancel={closeForm}
          onSave={(outcome) => void run(() => client.invoke('callbacks.complete', { id: cb.id, outcome }))}
        />
      ) : null}
      {action === 'hand-back' ? (
        <HandBackForm
          busy={busy}
          problem={problem}
          onCancel={closeForm}
          onSave={(reason) => void run(() => client.invoke('callbacks.handBack', { id: cb.id, reason }))}
        />
      ) : null}
    </li>
  );
}

interface FormProps<T> {
  busy: boolean;
  problem: string | null;
  onCancel: () => void;
  onSave: (value: T) => void;
}

/** Escape leaves a form, as Cancel does. */
function escapeTo(onCancel: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };
}

function ActionForm({
  label,
  busy,
  problem,
  saveLabel,
  onCancel,
  onSubmit,
  children,
}: {
  label: string;
  busy: boolean;
  problem: string | null;
  saveLabel: string;
  onCancel: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('callbacks');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="callback-form" aria-label={label} onSubmit={submit} onKeyDown={escapeTo(onCancel)} noValidate>
      {children}
      {problem !== null ? <ProblemText text={problem} /> : null}
      <div className="card-actions">
        <button type="submit" disabled={busy}>
          {saveLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      </div>
    </form>
  );
}

function RescheduleForm({ dueAt, ...props }: FormProps<number | null> & { dueAt: number }) {
  const { t } = useTranslation('callbacks');
  const [value, setValue] = useState(() => toLocalInput(dueAt));
  return (
    <ActionForm
      label={t('reschedule.form')}
      saveLabel={t('reschedule.save')}
      {...props}
      onSubmit={() => props.onSave(value ? new Date(value).getTime() : null)}
    >
      <label>
        {t('reschedule.field')}{' '}
        <input
          type="datetime-local"
          value={value}
          autoFocus
          aria-invalid={props.problem !== null}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
    </ActionForm>
  );
}

/** How a callback went, in the window's language; an outcome this window does not know (a newer main's) by main's English. */
function useOutcomeLabel(): (outcome: CallbacksView['outcomes'][number]) => string {
  const { t } = useTranslation('callbacks');
  return (o) => {
    const known = CALLBACK_OUTCOME_IDS.find((id) => id === o.id);
    return known === undefined ? o.label : t(`outcomes.${known}`);
  };
}

function DoneForm({ outcomes, ...props }: FormProps<string> & { outcomes: CallbacksView['outcomes'] }) {
  const { t } = useTranslation('callbacks');
  const outcomeLabel = useOutcomeLabel();
  const [value, setValue] = useState('');
  return (
    <ActionForm label={t('done.form')} saveLabel={t('done.save')} {...props} onSubmit={() => props.onSave(value)}>
      <label>
        {t('done.field')}{' '}
        <select value={value} autoFocus aria-invalid={props.problem !== null} onChange={(e) => setValue(e.target.value)}>
          <option value="">{t('done.choose')}</option>
          {outcomes.map((o) => (
            <option key={o.id} value={o.id}>
              {outcomeLabel(o)}
            </option>
          ))}
        </select>
      </label>
    </ActionForm>
  );
}

function HandBackForm(props: FormProps<string>) {
  const { t } = useTranslation('callbacks');
  const [value, setValue] = useState('');
  return (
    <ActionForm label={t('handBack.form')} saveLabel={t('handBack.save')} {...props} onSubmit={() => props.onSave(value)}>
      <label>
        {t('handBack.field')}{' '}
        <textarea value={value} rows={2} autoFocus aria-invalid={props.problem !== null} onChange={(e) => setValue(e.target.value)} />
      </label>
    </ActionForm>
  );
}
