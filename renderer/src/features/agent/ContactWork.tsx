import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenWrapUp, WrapUpChangeRequest, WrapUpCodeOption } from '../../../../shared/agent/contract';
import { CARD_NUMBER_MESSAGE, cardNumberProblem, mayBecomeCardNumber } from '../../../../shared/agent/card-number';
import { CHANNELS, type Channel, type WrapUpRecord } from '../../../../shared/agent/records';
import { displayPhoneNumber } from '../../../../shared/store/phone';
import { fieldIssuesOf } from '../../bridge/field-issues';
import { formatClock, formatTime, useLocale } from '../../i18n';
import { agentClient, applyView, filedMatch, messageOf, useAgent, useMainNow } from './agent-state';
import { useDraftSaver } from './draft-saver';
import { CustomerSearch, type ChosenCustomer } from './FindCustomer';
import { Icon } from './icons';
import { IncidentLink } from './IncidentLink';
import { WrapUpCodeField } from './WrapUpCodeField';

type Change = WrapUpChangeRequest;

function toLocalInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The card-number refusal comes from shared code in English; the window shows it in its language. */
function useProblemText(): (problem: string) => string {
  const { t } = useTranslation('agent');
  return (problem) => (problem === CARD_NUMBER_MESSAGE ? t('wrapUp.cardNumber') : problem);
}

/**
 * The top of the work pane: the "Wrap-up" heading, a line saying whose contact it is and the
 * after-call work timer, then the code field. The heading and the line have a fixed height in
 * every state, so the code field sits at the same place idle, ringing, in a call, on hold and at
 * wrap-up (the layout-stability test measures it).
 */
function WrapUpHead({ headingId, who, acw }: { headingId: string; who: string; acw?: React.ReactNode }) {
  const { t } = useTranslation('agent');
  return (
    <header className="wrapup-head">
      <h2 id={headingId}>{t('wrapUp.title')}</h2>
      <p className="wrapup-who" title={who || undefined}>
        {who}
      </p>
      <div className="wrapup-acw">{acw}</div>
    </header>
  );
}

function AcwTimer({ interactionId, onError }: { interactionId: string; onError: (message: string) => void }) {
  const { t } = useTranslation('agent');
  const acw = useAgent((s) => {
    const a = s.view?.agent.acw ?? null;
    return a && a.interactionIds.includes(interactionId) ? a : null;
  });
  const now = useMainNow();
  if (!acw) return null;
  const remaining = acw.expired ? 0 : Math.max(0, acw.deadline - now);
  const over = acw.expired || remaining === 0;
  return (
    <>
      <span role="timer" aria-label={t('wrapUp.acw')} className={over ? 'wrapup-acw-over' : undefined}>
        <Icon name={over ? 'warning' : 'clock'} />{' '}
        {over
          ? acw.mandatory
            ? t('wrapUp.timeUpMandatory')
            : t('wrapUp.timeUp')
          : t('wrapUp.left', { time: formatClock(remaining / 1000) })}
      </span>
      {!acw.expired && acw.extensionLeftSeconds > 0 ? (
        <button
          type="button"
          className="wrapup-more-time"
          onClick={() =>
            agentClient()
              .invoke('agent.extendWrapUp', {})
              .then(applyView)
              .catch((e: unknown) => onError(messageOf(e)))
          }
        >
          {t('wrapUp.moreTime')}
        </button>
      ) : null}
    </>
  );
}

/**
 * The wrap-up: one section that stays mounted whatever the state, so the code field is the same
 * element in the same place idle, ringing, in a call and at wrap-up. With nothing to code (`open`
 * null) the field is disabled and says why (`reason`); the section is then not a named region.
 * A new contact to wrap up starts from its own draft (state reset below, not a remount: the
 * combobox stays).
 */
function WrapUpPanel({ open, more, reason }: { open: OpenWrapUp | null; more: number; reason: string }) {
  const { t } = useTranslation('agent');
  const locale = useLocale();
  const problemText = useProblemText();
  const codes = useAgent((s) => s.view?.wrapUpCodes ?? NO_CODES);
  const notesMaxLength = useAgent((s) => s.view?.policy.notesMaxLength);
  const mandatory = useAgent((s) => {
    const acw = s.view?.agent.acw;
    return acw?.mandatory === true && open !== null && acw.interactionIds.includes(open.interactionId);
  });
  const headingId = useId();
  const [section, setSection] = useState<HTMLElement | null>(null);
  const interactionId = open?.interactionId ?? null;
  const [draftFor, setDraftFor] = useState(interactionId);
  const [draft, setDraft] = useState<WrapUpRecord | null>(open?.draft ?? null);
  const [notes, setNotes] = useState(open?.draft.notes ?? '');
  // A card number stays in the field, never in the draft (shared/agent/card-number.ts); the submit carries held text.
  const [notesProblem, setNotesProblem] = useState<string | null>(null);
  const heldNotes = useRef<string | null>(null);
  /** The fields main's last refusal named ("notes", "callback.at"), to mark them. */
  const [errors, setErrors] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const notesRef = useRef<HTMLTextAreaElement>(null);
  if (draftFor !== interactionId) {
    // Another contact (or none): its own draft, and nothing left over from the last one.
    setDraftFor(interactionId);
    setDraft(open?.draft ?? null);
    setNotes(open?.draft.notes ?? '');
    setNotesProblem(null);
    setErrors([]);
    setMessage(null);
    setBusy(false);
  }

  useEffect(() => {
    heldNotes.current = null;
    // A new wrap-up: the code picker takes the keyboard so the agent can code without the mouse.
    if (interactionId !== null) codeRef.current?.focus();
  }, [interactionId]);

  const drafts = useDraftSaver(
    interactionId ?? '',
    (saved) => {
      const next = saved.wrapUps.find((w) => w.interactionId === interactionId)?.draft;
      if (next) setDraft((d) => (d === null || next.revision >= d.revision ? next : d));
      setMessage(null);
    },
    setMessage,
  );
  const save = (change: Change) => drafts.save(change);

  const submit = () => {
    if (busy || open === null) return;
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
        const issues = fieldIssuesOf(e);
        const fields = issues.map((i) => i.path);
        setErrors(fields);
        // The English issue says which rule refused (the translated one is for showing).
        if (((e as { issues?: string[] }).issues ?? []).some((i) => i.endsWith(CARD_NUMBER_MESSAGE))) setNotesProblem(CARD_NUMBER_MESSAGE);
        setMessage(messageOf(e));
        if (fields.some((f) => f.startsWith('notes'))) notesRef.current?.focus();
        else if (fields.some((f) => f.startsWith('code'))) codeRef.current?.focus();
      })
      .finally(() => setBusy(false));
  };

  const invalid = (field: string) => (errors.some((path) => path.startsWith(field)) ? true : undefined);
  const caller = open ? (open.customerName ?? (open.number ? displayPhoneNumber(open.number) : t('wrapUp.unknownCaller'))) : null;
  const who = open
    ? [caller, open.caseId ? t('wrapUp.case', { id: open.caseId }) : null, more > 0 ? t('wrapUp.more', { count: more }) : null]
        .filter(Boolean)
        .join(' · ')
    : '';

  return (
    <section
      ref={setSection}
      className={open ? 'wrapup' : 'wrapup wrapup-idle'}
      // Named only while a wrap-up is open: a "Wrap-up" region means there is one to do.
      aria-labelledby={open ? headingId : undefined}
      // Capture: Ctrl+Enter submits from any field, the code field included (its own keys stop there).
      onKeyDownCapture={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          e.stopPropagation();
          submit();
        }
      }}
    >
      <WrapUpHead
        headingId={headingId}
        who={who}
        acw={open ? <AcwTimer interactionId={open.interactionId} onError={setMessage} /> : null}
      />
      <WrapUpCodeField
        codes={codes}
        value={draft?.code ?? null}
        onPick={(code) => save({ kind: 'code', code })}
        inputRef={codeRef}
        disabledReason={open ? undefined : reason}
        portalContainer={section}
        extra={
          mandatory ? (
            <span className="wrapup-mandatory">
              {' · '}
              {t('wrapUp.mandatory')}
            </span>
          ) : null
        }
      />
      {open && draft ? (
        <>
          <label className="wrapup-notes">
            {t('wrapUp.notes')}
            <textarea
              ref={notesRef}
              value={notes}
              maxLength={notesMaxLength}
              aria-invalid={notesProblem ? true : invalid('notes')}
              aria-describedby={notesProblem ? `${headingId}-notes-problem` : undefined}
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
            <p id={`${headingId}-notes-problem`} role="alert" className="wrapup-error">
              <Icon name="warning" /> {problemText(notesProblem)}
            </p>
          ) : null}
          <label className="wrapup-check">
            <input
              type="checkbox"
              checked={draft.resolvedOnFirstContact}
              onChange={(e) => save({ kind: 'resolved', value: e.target.checked })}
            />{' '}
            {t('wrapUp.resolved')}
          </label>
          <IncidentLink incidentId={draft.incidentId ?? null} onChange={(incidentId) => save({ kind: 'incident', incidentId })} />
          <fieldset className="wrapup-callback">
            <legend>{t('wrapUp.followUp')}</legend>
            <label className="wrapup-check">
              <input
                type="checkbox"
                checked={draft.callback !== null}
                onChange={(e) =>
                  save(e.target.checked ? { kind: 'callback', at: null, number: open.number ?? '' } : { kind: 'clear-callback' })
                }
              />{' '}
              {t('wrapUp.scheduleCallback')}
            </label>
            {draft.callback ? (
              <>
                <label>
                  {t('wrapUp.callbackTime')}{' '}
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
                  {t('wrapUp.callbackNumber')}{' '}
                  <input
                    type="text"
                    inputMode="tel"
                    aria-invalid={invalid('callback.number')}
                    value={draft.callback.number}
                    onChange={(e) => save({ kind: 'callback', at: draft.callback?.at ?? null, number: e.target.value })}
                  />
                </label>
                {draft.callback.remindAt !== null ? (
                  <p>{t('wrapUp.reminderAt', { time: formatTime(draft.callback.remindAt, locale) })}</p>
                ) : null}
              </>
            ) : null}
            <label className="wrapup-check">
              <input
                type="checkbox"
                checked={draft.doNotCall !== null}
                onChange={(e) =>
                  save(e.target.checked ? { kind: 'do-not-call', number: open.number ?? '' } : { kind: 'clear-do-not-call' })
                }
              />{' '}
              {t('wrapUp.doNotCall')}
            </label>
          </fieldset>
          <div className="wrapup-actions">
            <button type="button" className="wrapup-submit" onClick={submit} disabled={busy} aria-keyshortcuts="Control+Enter">
              {t('wrapUp.submit')}
            </button>
            <span role="status" aria-label={t('wrapUp.draft')} className="wrapup-draft-state">
              {drafts.busy ? t('wrapUp.saving') : draft.revision > 0 ? t('wrapUp.saved') : ''}
            </span>
          </div>
          {message ? (
            <p role="alert" className="wrapup-error">
              <Icon name="warning" /> {problemText(message)}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

const LOGGED_KEYS = {
  inbound: { withCase: 'callLog.inboundCase', noCase: 'callLog.inboundNoCase' },
  outbound: { withCase: 'callLog.outboundCase', noCase: 'callLog.outboundNoCase' },
} as const;

function MoveCall() {
  const { t } = useTranslation('agent');
  const view = useAgent((s) => s.view)!;
  const pop = view.contact!;
  const [subject, setSubject] = useState('');
  const [target, setTarget] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const cases = filedMatch(pop)?.openCases ?? [];
  const move = (to: { caseId: string } | { newCase: { subject: string } }) => {
    agentClient()
      .invoke('agent.moveInteraction', { interactionId: pop.interactionId, to })
      .then((row) => setMessage(t('callLog.filed', { id: row.caseId ?? '' })))
      .catch((e: unknown) => setMessage(messageOf(e)));
  };
  const number = pop.lookup?.normalized ?? pop.number;
  const withWhom = number ? displayPhoneNumber(number) : t('wrapUp.unknownCaller');
  return (
    <section className="call-log" aria-label={t('callLog.region')}>
      <p>
        {pop.caseId
          ? t(LOGGED_KEYS[pop.direction].withCase, { who: withWhom, id: pop.caseId })
          : t(LOGGED_KEYS[pop.direction].noCase, { who: withWhom })}
      </p>
      <div role="group" aria-label={t('callLog.fileGroup')} className="call-log-file">
        <select aria-label={t('callLog.caseToMove')} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('callLog.chooseCase')}</option>
          {cases.map((k) => (
            <option key={k.id} value={k.id}>
              {k.priority} {k.subject} ({k.id})
            </option>
          ))}
        </select>
        <button type="button" disabled={target === ''} onClick={() => move({ caseId: target })}>
          {t('callLog.move')}
        </button>
        <input type="text" aria-label={t('callLog.newSubject')} value={subject} onChange={(e) => setSubject(e.target.value)} />
        <button
          type="button"
          disabled={pop.customerId === null}
          onClick={() => {
            const problem = subject.trim() ? cardNumberProblem(subject) : t('callLog.enterSubject');
            if (problem) setMessage(problem === CARD_NUMBER_MESSAGE ? t('wrapUp.cardNumber') : problem);
            else move({ newCase: { subject } });
          }}
        >
          {t('callLog.newCase')}
        </button>
      </div>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}

const CHANNEL_KEYS = {
  call: 'channel.call',
  email: 'channel.email',
  chat: 'channel.chat',
  'walk-in': 'channel.walkIn',
} as const satisfies Record<Channel, string>;

/** Who a logged email, chat or walk-in is for: the customer on screen unless the agent chooses another. */
function ContactCustomer({ chosen, onChange }: { chosen: ChosenCustomer | null; onChange: (chosen: ChosenCustomer | null) => void }) {
  const { t } = useTranslation('agent');
  const [searching, setSearching] = useState(false);
  return (
    <fieldset className="log-contact-customer">
      <legend>{t('log.loggedFor')}</legend>
      <p className="log-contact-for">{chosen ? chosen.label : t('log.noCustomer')}</p>
      {searching ? (
        <CustomerSearch
          label={t('log.findCustomer')}
          onChoose={(c) => {
            onChange(c);
            setSearching(false);
          }}
        />
      ) : (
        <button type="button" onClick={() => setSearching(true)}>
          {t('log.chooseAnother')}
        </button>
      )}
      {chosen ? (
        <button type="button" onClick={() => onChange(null)}>
          {t('log.noCustomer')}
        </button>
      ) : null}
    </fieldset>
  );
}

const NO_CODES: WrapUpCodeOption[] = [];

function LogContactForm() {
  const { t } = useTranslation('agent');
  const problemText = useProblemText();
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
      setMessage(problemText(problem));
      return;
    }
    const handling = Math.round(Number(minutes) * 60);
    if (!Number.isFinite(handling) || handling < 0) {
      setMessage(t('log.minutesInvalid'));
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
        const what = t(CHANNEL_KEYS[channel]);
        setMessage(target ? t('log.loggedForCustomer', { what, who: target.label }) : t('log.logged', { what }));
        setNotes('');
      })
      .catch((err: unknown) => setMessage(messageOf(err)));
  };
  return (
    <details className="log-contact">
      <summary>{t('log.summary')}</summary>
      <form aria-label={t('log.form')} onSubmit={submit} noValidate>
        <ContactCustomer chosen={target} onChange={setPicked} />
        <label>
          {t('log.channel')}{' '}
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNELS.filter((c) => c !== 'call').map((c) => (
              <option key={c} value={c}>
                {t(CHANNEL_KEYS[c])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('log.direction')}{' '}
          <select value={direction} onChange={(e) => setDirection(e.target.value as 'inbound' | 'outbound')}>
            <option value="inbound">{t('direction.inbound')}</option>
            <option value="outbound">{t('direction.outbound')}</option>
          </select>
        </label>
        <label>
          {t('log.minutes')} <input type="number" min="0" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>
        <label>
          {t('log.code')}{' '}
          <select value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">{t('log.noCode')}</option>
            {wrapUpCodes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('log.notes')} <textarea value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <button type="submit">{t('log.submit')}</button>
        {message ? <p role="status">{message}</p> : null}
      </form>
    </details>
  );
}

/**
 * Slot `contact-work`, the top of the work pane: the wrap-up (its code field always first and in
 * the same place, disabled while there is nothing to code), then the logged call (move it to a
 * case) and the manual contact form below it, where their coming and going moves nothing above.
 */
export function ContactWork() {
  const { t } = useTranslation('agent');
  const wrapUps = useAgent((s) => s.view?.wrapUps ?? null);
  // The logged call to file, once it ended: a ringing call renders nothing here.
  const loggedCall = useAgent((s) => (s.view?.contact?.logged && s.view.contact.state === 'ended' ? s.view.contact.interactionId : null));
  const inCall = useAgent((s) => s.view?.contact?.state === 'ringing' || s.view?.contact?.state === 'connected');
  const first = wrapUps?.[0];
  return (
    <div className="contact-work">
      <WrapUpPanel open={first ?? null} more={(wrapUps?.length ?? 1) - 1} reason={inCall ? t('wrapUp.afterCall') : t('wrapUp.nothing')} />
      {loggedCall ? <MoveCall key={loggedCall} /> : null}
      {wrapUps ? <LogContactForm /> : null}
    </div>
  );
}
