import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { callbackStatus, formatCallbackTime, nextCallbackStatusChange } from '../../../../shared/callbacks/callback-rules';
import type { CallbackItem, CallbacksView } from '../../../../shared/callbacks/contract';
import { systemTimeZone } from '../../../../shared/time/time-zone';
import { useBridge } from '../../app/BridgeContext';
import { useClockUntil } from '../../ui/use-clock';
import { bindCallbacks, messageOf, takeView, useCallbacks } from './callbacks-state';
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
  const client = useBridge();
  useEffect(() => bindCallbacks(client), [client]);
  const view = useCallbacks((s) => s.view);
  const error = useCallbacks((s) => s.error);
  const now = useBadgeClock(view?.callbacks);
  const agentZone = systemTimeZone();
  const overdue = view?.callbacks.filter((cb) => callbackStatus({ state: 'scheduled', ...cb }, now) === 'overdue').length ?? 0;
  return (
    <section className="callbacks" aria-labelledby="callbacks-title">
      <header className="callbacks-header">
        <h2 id="callbacks-title">My callbacks</h2>
        {view && view.callbacks.length > 0 ? (
          <span className="callbacks-count">
            {view.callbacks.length} owed{overdue > 0 ? `, ${overdue} overdue` : ''}
          </span>
        ) : null}
      </header>
      {error ? <p role="alert">{error}</p> : null}
      {view === null ? (
        <p>Loading…</p>
      ) : view.callbacks.length === 0 ? (
        <p>No callbacks owed.</p>
      ) : (
        <ul className="callback-list" aria-label="Callbacks">
          {view.callbacks.map((cb) => (
            <CallbackRow key={cb.id} cb={cb} view={view} now={now} agentZone={agentZone} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CallbackRow({ cb, view, now, agentZone }: { cb: CallbackItem; view: CallbacksView; now: number; agentZone: string }) {
  const client = useBridge();
  const titleId = useId();
  const [action, setAction] = useState<Action>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const status = callbackStatus({ state: 'scheduled', ...cb }, now);
  const who = cb.customerName ?? 'Unknown customer';
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
    <li className={`callback callback-${status}`} aria-labelledby={titleId}>
      <h3 id={titleId} className="callback-title">
        {who}
        {status === 'overdue' ? <span className="callback-badge callback-badge-overdue">Overdue</span> : null}
        {status === 'due' ? <span className="callback-badge callback-badge-due">Due now</span> : null}
      </h3>
      <p className="callback-number">{cb.numberDisplay}</p>
      <p className="callback-when">
        {cb.customerTimeZone !== null && cb.customerTimeZone !== agentZone ? (
          <>
            Due {formatCallbackTime(cb.dueAt, cb.customerTimeZone)} customer&apos;s time ({cb.customerTimeZone}),{' '}
            {formatCallbackTime(cb.dueAt, agentZone)} your time
          </>
        ) : (
          <>
            Due {formatCallbackTime(cb.dueAt, agentZone)} your time
            {cb.customerTimeZone === null ? " (customer's time zone unknown)" : ''}
          </>
        )}
      </p>
      {cb.noteExcerpt !== '' ? <p className="callback-note">{cb.noteExcerpt}</p> : null}
      <div className="callback-actions" role="group" aria-label={`Actions for the callback to ${who}`}>
        <button type="button" onClick={dial} disabled={busy} aria-describedby={titleId}>
          Dial
        </button>
        <button
          type="button"
          aria-expanded={action === 'reschedule'}
          onClick={(e) => {
            openerRef.current = e.currentTarget;
            open('reschedule');
          }}
        >
          Reschedule
        </button>
        <button
          type="button"
          aria-expanded={action === 'done'}
          onClick={(e) => {
            openerRef.current = e.currentTarget;
            open('done');
          }}
        >
          Mark done
        </button>
        <button
          type="button"
          aria-expanded={action === 'hand-back'}
          onClick={(e) => {
            openerRef.current = e.currentTarget;
            open('hand-back');
          }}
        >
          Hand back
        </button>
      </div>
      {action === null && problem !== null ? <p role="alert">{problem}</p> : null}
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="callback-form" aria-label={label} onSubmit={submit} onKeyDown={escapeTo(onCancel)} noValidate>
      {children}
      {problem !== null ? <p role="alert">{problem}</p> : null}
      <div className="callback-form-buttons">
        <button type="submit" disabled={busy}>
          {saveLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RescheduleForm({ dueAt, ...props }: FormProps<number | null> & { dueAt: number }) {
  const [value, setValue] = useState(() => toLocalInput(dueAt));
  return (
    <ActionForm
      label="Reschedule callback"
      saveLabel="Save new time"
      {...props}
      onSubmit={() => props.onSave(value ? new Date(value).getTime() : null)}
    >
      <label>
        New date and time{' '}
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

function DoneForm({ outcomes, ...props }: FormProps<string> & { outcomes: CallbacksView['outcomes'] }) {
  const [value, setValue] = useState('');
  return (
    <ActionForm label="Mark callback done" saveLabel="Save outcome" {...props} onSubmit={() => props.onSave(value)}>
      <label>
        Outcome{' '}
        <select value={value} autoFocus aria-invalid={props.problem !== null} onChange={(e) => setValue(e.target.value)}>
          <option value="">Choose…</option>
          {outcomes.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
    </ActionForm>
  );
}

function HandBackForm(props: FormProps<string>) {
  const [value, setValue] = useState('');
  return (
    <ActionForm label="Hand callback back to the team" saveLabel="Hand back to the team" {...props} onSubmit={() => props.onSave(value)}>
      <label>
        Reason for handing back{' '}
        <textarea value={value} rows={2} autoFocus aria-invalid={props.problem !== null} onChange={(e) => setValue(e.target.value)} />
      </label>
    </ActionForm>
  );
}
