import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { OpenWrapUp, WrapUpChangeRequest, WrapUpCodeOption } from '../../../../shared/agent/contract';
import { CARD_NUMBER_MESSAGE, cardNumberProblem, mayBecomeCardNumber } from '../../../../shared/agent/card-number';
import { CHANNELS, type Channel, type WrapUpRecord } from '../../../../shared/agent/records';
import { filterWrapUpCodes, numberKeyFor, pickByNumberKey } from '../../../../shared/agent/wrap-up';
import { formatDuration } from '../../../../shared/time/duration';
import type { WrapUpCode } from '../../../../shared/config/workflow';
import { agentClient, applyView, filedMatch, messageOf, useAgent, useMainNow } from './agent-state';
import { useDraftSaver } from './draft-saver';
import { CustomerSearch, type ChosenCustomer } from './FindCustomer';
import { IncidentLink } from './IncidentLink';

type Change = WrapUpChangeRequest;

function asCatalog(codes: WrapUpCodeOption[]): WrapUpCode[] {
  return codes.map((c) => ({ ...c, active: true, resolvesByDefault: true }));
}

function toLocalInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "Wrap-up code": type-ahead over the catalog; 1-9 pick from the list shown; arrows and Enter too. */
function CodePicker({
  codes,
  value,
  onPick,
  inputRef,
}: {
  codes: WrapUpCodeOption[];
  value: string | null;
  onPick: (code: string) => void;
  inputRef: React.RefObject<HTMLInputElement | null>;
}) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const catalog = useMemo(() => asCatalog(codes), [codes]);
  const list = useMemo(() => filterWrapUpCodes(catalog, query), [catalog, query]);
  const chosen = codes.find((c) => c.code === value);
  const choose = (code: WrapUpCode | null | undefined) => {
    if (!code) return;
    onPick(code.code);
    setQuery('');
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const byNumber = pickByNumberKey(list, e.key);
    if (byNumber) {
      e.preventDefault();
      choose(byNumber);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(list.length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      choose(list[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };
  return (
    <div className="wrapup-code">
      <label htmlFor="wrapup-code-input">Wrap-up code</label>
      <input
        id="wrapup-code-input"
        ref={inputRef}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls="wrapup-code-list"
        aria-autocomplete="list"
        aria-activedescendant={open && list[active] ? `wrapup-opt-${list[active].code}` : undefined}
        aria-describedby="wrapup-code-chosen"
        autoComplete="off"
        value={query}
        placeholder={chosen ? chosen.label : 'Type to search, 1-9 to pick'}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      <p id="wrapup-code-chosen" className="wrapup-code-chosen" aria-live="polite">
        {chosen ? `Chosen: ${chosen.label}` : 'No code chosen yet'}
      </p>
      {open ? (
        <ul id="wrapup-code-list" role="listbox" aria-label="Wrap-up codes" className="wrapup-code-list">
          {list.slice(0, 12).map((c, i) => (
            <li
              key={c.code}
              id={`wrapup-opt-${c.code}`}
              role="option"
              aria-selected={c.code === value}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(c);
              }}
            >
              {numberKeyFor(i) ? <kbd>{numberKeyFor(i)}</kbd> : null} {c.label} <span className="wrapup-category">{c.category}</span>
              {c.needsNote ? <span className="wrapup-needs-note"> (needs a note)</span> : null}
            </li>
          ))}
          {list.length === 0 ? (
            <li role="option" aria-selected={false} aria-disabled="true">
              No code matches
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}

function WrapUpPanel({ open, more }: { open: OpenWrapUp; more: number }) {
  const view = useAgent((s) => s.view)!;
  const now = useMainNow();
  const [draft, setDraft] = useState<WrapUpRecord>(open.draft);
  const [notes, setNotes] = useState(open.draft.notes);
  // A card number stays in the field, never in the draft (shared/agent/card-number.ts); the submit carries held text.
  const [notesProblem, setNotesProblem] = useState<string | null>(null);
  const heldNotes = useRef<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const notesRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    // A new wrap-up: the code picker takes the keyboard so the agent can code without the mouse.
    codeRef.current?.focus();
  }, [open.interactionId]);

  const drafts = useDraftSaver(
    open.interactionId,
    (saved) => {
      const next = saved.wrapUps.find((w) => w.interactionId === open.interactionId)?.draft;
      if (next) setDraft((d) => (next.revision >= d.revision ? next : d));
      setMessage(null);
    },
    setMessage,
  );
  const save = (change: Change) => drafts.save(change);

  const submit = () => {
    if (busy) return;
    const problem = cardNumberProblem(notes);
    if (problem) {
      setNotesProblem(problem);
      notesRef.current?.focus();
      return;
    }
    setBusy(true);
    // The edits still waiting for their pause go with the submit.
    const changes = drafts.take();
    if (heldNotes.current !== null) changes.push({ kind: 'notes', notes: heldNotes.current });
    heldNotes.current = null;
    agentClient()
      .invoke('agent.submitWrapUp', { interactionId: open.interactionId, ...(changes.length > 0 ? { changes } : {}) })
      .then((next) => {
        setErrors([]);
        setMessage(null);
        applyView(next);
      })
      .catch((e: unknown) => {
        const issues = (e as { issues?: string[] }).issues ?? [];
        setErrors(issues);
        if (issues.some((i) => i.endsWith(CARD_NUMBER_MESSAGE))) setNotesProblem(CARD_NUMBER_MESSAGE);
        setMessage(messageOf(e));
        if (issues.some((i) => i.startsWith('notes'))) notesRef.current?.focus();
        else if (issues.some((i) => i.startsWith('code'))) codeRef.current?.focus();
      })
      .finally(() => setBusy(false));
  };

  const acw = view.agent.acw && view.agent.acw.interactionIds.includes(open.interactionId) ? view.agent.acw : null;
  const remaining = acw ? (acw.expired ? 0 : Math.max(0, acw.deadline - now)) : null;
  const invalid = (field: string) => (errors.some((i) => i.startsWith(field)) ? true : undefined);
  const who = open.customerName ?? open.number ?? 'Unknown caller';

  return (
    <section
      className="wrapup"
      aria-label="Wrap-up"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          submit();
        }
      }}
    >
      <h2>Wrap-up</h2>
      <p className="wrapup-who">
        {who}
        {open.caseId ? ` · case ${open.caseId}` : ''}
        {more > 0 ? ` · ${more} more to do` : ''}
      </p>
      {acw ? (
        <p className="wrapup-acw">
          <span role="timer" aria-label="After-call work">
            {acw.expired || remaining === 0
              ? acw.mandatory
                ? 'Time is up: choose a code to continue'
                : 'Time is up'
              : `${formatDuration(remaining ?? 0)} left`}
          </span>
          {acw.mandatory ? <span className="wrapup-mandatory"> · A code is required before the next call</span> : null}
          {!acw.expired && acw.extensionLeftSeconds > 0 ? (
            <button
              type="button"
              onClick={() =>
                agentClient()
                  .invoke('agent.extendWrapUp', {})
                  .then(applyView)
                  .catch((e: unknown) => setMessage(messageOf(e)))
              }
            >
              More time
            </button>
          ) : null}
        </p>
      ) : null}
      <CodePicker codes={view.wrapUpCodes} value={draft.code} onPick={(code) => save({ kind: 'code', code })} inputRef={codeRef} />
      <label className="wrapup-notes">
        Notes
        <textarea
          ref={notesRef}
          value={notes}
          maxLength={view.policy.notesMaxLength}
          aria-invalid={notesProblem ? true : invalid('notes')}
          aria-describedby={notesProblem ? 'wrapup-notes-problem' : undefined}
          onChange={(e) => {
            const text = e.target.value;
            setNotes(text);
            const problem = cardNumberProblem(text);
            setNotesProblem(problem);
            if (problem || mayBecomeCardNumber(text)) {
              heldNotes.current = text;
              return;
            }
            heldNotes.current = null;
            save({ kind: 'notes', notes: text });
          }}
        />
      </label>
      {notesProblem ? (
        <p id="wrapup-notes-problem" role="alert" className="wrapup-error">
          {notesProblem}
        </p>
      ) : null}
      <label>
        <input
          type="checkbox"
          checked={draft.resolvedOnFirstContact}
          onChange={(e) => save({ kind: 'resolved', value: e.target.checked })}
        />{' '}
        Resolved on first contact
      </label>
      <IncidentLink incidentId={draft.incidentId ?? null} onChange={(incidentId) => save({ kind: 'incident', incidentId })} />
      <fieldset className="wrapup-callback">
        <legend>Follow-up</legend>
        <label>
          <input
            type="checkbox"
            checked={draft.callback !== null}
            onChange={(e) =>
              save(e.target.checked ? { kind: 'callback', at: null, number: open.number ?? '' } : { kind: 'clear-callback' })
            }
          />{' '}
          Schedule a callback
        </label>
        {draft.callback ? (
          <>
            <label>
              Callback time{' '}
              <input
                type="datetime-local"
                aria-invalid={invalid('callback.at')}
                value={toLocalInput(draft.callback.at)}
                onChange={(e) =>
                  save({
                    kind: 'callback',
                    at: e.target.value ? new Date(e.target.value).getTime() : null,
                    number: draft.callback?.number ?? '',
                  })
                }
              />
            </label>
            <label>
              Callback number{' '}
              <input
                type="text"
                aria-invalid={invalid('callback.number')}
                value={draft.callback.number}
                onChange={(e) => save({ kind: 'callback', at: draft.callback?.at ?? null, number: e.target.value })}
              />
            </label>
            {draft.callback.remindAt !== null ? (
              <p>Reminder at {new Date(draft.callback.remindAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</p>
            ) : null}
          </>
        ) : null}
        <label>
          <input
            type="checkbox"
            checked={draft.doNotCall !== null}
            onChange={(e) => save(e.target.checked ? { kind: 'do-not-call', number: open.number ?? '' } : { kind: 'clear-do-not-call' })}
          />{' '}
          Do not call this number again
        </label>
      </fieldset>
      <button type="button" onClick={submit} disabled={busy} aria-keyshortcuts="Control+Enter">
        Submit wrap-up
      </button>
      <span role="status" aria-label="Draft" className="wrapup-draft-state">
        {drafts.busy ? 'Saving…' : draft.revision > 0 ? 'Draft saved' : ''}
      </span>
      {message ? (
        <p role="alert" className="wrapup-error">
          {message}
        </p>
      ) : null}
    </section>
  );
}

function MoveCall() {
  const view = useAgent((s) => s.view)!;
  const pop = view.contact!;
  const [subject, setSubject] = useState('');
  const [target, setTarget] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const cases = filedMatch(pop)?.openCases ?? [];
  const move = (to: { caseId: string } | { newCase: { subject: string } }) => {
    agentClient()
      .invoke('agent.moveInteraction', { interactionId: pop.interactionId, to })
      .then((row) => setMessage(`Filed under case ${row.caseId ?? ''}.`))
      .catch((e: unknown) => setMessage(messageOf(e)));
  };
  return (
    <section className="call-log" aria-label="Call log">
      <p>
        Logged: {pop.direction} call with {pop.lookup?.normalized ?? pop.number}
        {pop.caseId ? `, case ${pop.caseId}` : ', no case'}
      </p>
      <div role="group" aria-label="File this call">
        <select aria-label="Case to move to" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">Choose a case…</option>
          {cases.map((k) => (
            <option key={k.id} value={k.id}>
              {k.priority} {k.subject} ({k.id})
            </option>
          ))}
        </select>
        <button type="button" disabled={target === ''} onClick={() => move({ caseId: target })}>
          Move to case
        </button>
        <input type="text" aria-label="New case subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
        <button
          type="button"
          disabled={pop.customerId === null}
          onClick={() => {
            const problem = subject.trim() ? cardNumberProblem(subject) : 'Enter a subject for the new case.';
            if (problem) setMessage(problem);
            else move({ newCase: { subject } });
          }}
        >
          New case
        </button>
      </div>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}

const CHANNEL_NAMES: Record<Channel, string> = { call: 'Call', email: 'Email', chat: 'Chat', 'walk-in': 'Walk-in' };

/** Who a logged email, chat or walk-in is for: the customer on screen unless the agent chooses another. */
function ContactCustomer({ chosen, onChange }: { chosen: ChosenCustomer | null; onChange: (chosen: ChosenCustomer | null) => void }) {
  const [searching, setSearching] = useState(false);
  return (
    <fieldset className="log-contact-customer">
      <legend>Logged for</legend>
      <p className="log-contact-for">{chosen ? chosen.label : 'No customer'}</p>
      {searching ? (
        <CustomerSearch
          label="Find the customer"
          onChoose={(c) => {
            onChange(c);
            setSearching(false);
          }}
        />
      ) : (
        <button type="button" onClick={() => setSearching(true)}>
          Choose another customer
        </button>
      )}
      {chosen ? (
        <button type="button" onClick={() => onChange(null)}>
          No customer
        </button>
      ) : null}
    </fieldset>
  );
}

const NO_CODES: WrapUpCodeOption[] = [];

function LogContactForm() {
  // The customer on screen as three values: a ring, or a lookup that files no one, does not render the form.
  const customerId = useAgent((s) => s.view?.contact?.customerId ?? null);
  const caseId = useAgent((s) => s.view?.contact?.caseId ?? null);
  const customerName = useAgent((s) => (s.view?.contact ? (filedMatch(s.view.contact)?.customer.name ?? null) : null));
  const wrapUpCodes = useAgent((s) => s.view?.wrapUpCodes ?? NO_CODES);
  const onScreen = customerId ? { customerId, caseId, label: customerName ?? customerId } : null;
  // undefined: follow the customer on screen; null: the agent chose no customer.
  const [picked, setPicked] = useState<ChosenCustomer | null | undefined>(undefined);
  const target = picked === undefined ? onScreen : picked;
  const [channel, setChannel] = useState<Channel>('email');
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [minutes, setMinutes] = useState('5');
  const [code, setCode] = useState('');
  const [notes, setNotes] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problem = cardNumberProblem(notes);
    if (problem) {
      setMessage(problem);
      return;
    }
    const handling = Math.round(Number(minutes) * 60);
    if (!Number.isFinite(handling) || handling < 0) {
      setMessage('Enter the minutes spent as a number.');
      return;
    }
    const endedAt = Date.now() + useAgent.getState().skewMs;
    agentClient()
      .invoke('agent.logContact', {
        channel,
        direction,
        number: null,
        startedAt: endedAt - handling * 1000,
        endedAt,
        handlingSeconds: handling,
        customerId: target?.customerId ?? null,
        caseId: target?.caseId ?? null,
        code: code || null,
        notes,
      })
      .then(() => {
        setMessage(`${CHANNEL_NAMES[channel]} logged${target ? ` for ${target.label}` : ''}.`);
        setNotes('');
      })
      .catch((err: unknown) => setMessage(messageOf(err)));
  };
  return (
    <details className="log-contact">
      <summary>Log an email, chat or walk-in</summary>
      <form aria-label="Log a contact" onSubmit={submit} noValidate>
        <ContactCustomer chosen={target} onChange={setPicked} />
        <label>
          Channel{' '}
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNELS.filter((c) => c !== 'call').map((c) => (
              <option key={c} value={c}>
                {CHANNEL_NAMES[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Direction{' '}
          <select value={direction} onChange={(e) => setDirection(e.target.value as 'inbound' | 'outbound')}>
            <option value="inbound">Inbound</option>
            <option value="outbound">Outbound</option>
          </select>
        </label>
        <label>
          Minutes spent <input type="number" min="0" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>
        <label>
          Contact code{' '}
          <select value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">None</option>
            {wrapUpCodes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Contact notes <textarea value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <button type="submit">Log contact</button>
        {message ? <p role="status">{message}</p> : null}
      </form>
    </details>
  );
}

/** Slot `contact-work`: the logged call (move it to a case), the wrap-up, and the manual contact form. */
export function ContactWork() {
  const wrapUps = useAgent((s) => s.view?.wrapUps ?? null);
  // The logged call to file, once it ended: a ringing call renders nothing here.
  const loggedCall = useAgent((s) => (s.view?.contact?.logged && s.view.contact.state === 'ended' ? s.view.contact.interactionId : null));
  if (!wrapUps) return null;
  const first = wrapUps[0];
  return (
    <div className="contact-work">
      {loggedCall ? <MoveCall key={loggedCall} /> : null}
      {first ? <WrapUpPanel key={first.interactionId} open={first} more={wrapUps.length - 1} /> : null}
      <LogContactForm />
    </div>
  );
}
