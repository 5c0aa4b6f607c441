import { useEffect, useState, type FormEvent } from 'react';
import { parseDialTarget } from '../../../../shared/telephony/dial-target';
import type { Call } from '../../../../shared/telephony/model';
import { canCall, describeRegistration } from '../../../../shared/telephony/registration-text';
import { CallControls } from './CallControls';
import { dismissRefusal, placeCall, useDial } from './dial-state';
import { DoNotCallOverrideDialog } from './DoNotCallOverrideDialog';
import { DeviceNotices } from './DeviceNotices';
import { PhoneSettingsDialog } from './PhoneSettingsDialog';
import { otherHeldCalls, partyName, primaryCall, ringingCalls } from './telephony-model';
import { describeHandoff } from '../../../../shared/telephony/user-to-user';
import {
  answerRinging,
  hangupPrimary,
  phoneActions,
  toggleHoldPrimary,
  toggleMutePrimary,
  toggleRecordingPrimary,
  useTelephony,
} from './telephony-state';
import { PHONE_SHORTCUTS, isEditableTarget, shortcutFor } from './shortcuts';
import './telephony.css';

/** Re-renders every second while `active` (countdowns, call timers). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** Alt+Shift+A/E/H/M/R and the media keys, anywhere in the window except while typing in a field. */
function usePhoneShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = shortcutFor(event, isEditableTarget(target));
      if (!action) return;
      const handled =
        action === 'answer'
          ? answerRinging()
          : action === 'hangup'
            ? hangupPrimary()
            : action === 'hold'
              ? toggleHoldPrimary()
              : action === 'mute'
                ? toggleMutePrimary()
                : action === 'recording'
                  ? toggleRecordingPrimary()
                  : answerRinging() || hangupPrimary();
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * The phone bar: registration state, dial box, the ringing calls and the call
 * in progress with its controls, calls on hold, and the phone settings.
 */
export function PhoneBar() {
  const registration = useTelephony((s) => s.registration);
  const calls = useTelephony((s) => s.calls);
  const error = useTelephony((s) => s.error);
  const pending = useTelephony((s) => s.pending);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const now = useNow((registration?.retryAt ?? null) !== null || calls.length > 0);
  usePhoneShortcuts();

  const primary = primaryCall(calls);
  const ringing = ringingCalls(calls);
  const held = otherHeldCalls(calls, primary);
  const statusText = registration ? describeRegistration(registration, now) : 'Connecting to Switchboard…';
  const status = registration?.status ?? 'connecting';
  const showRetry =
    status === 'auth-failed' ||
    status === 'unreachable' ||
    status === 'reconnecting' ||
    status === 'rejected' ||
    status === 'certificate-failed';

  return (
    <section className="phone-bar" aria-label="Phone">
      <div className="phone-line">
        <span role="status" className={`phone-registration phone-registration-${status}`} aria-live="polite">
          {statusText}
        </span>
        {showRetry && (
          <button type="button" onClick={() => void phoneActions.reconnect()} disabled={Boolean(pending.reconnect)}>
            Try again
          </button>
        )}
        <button type="button" onClick={() => setSettingsOpen(true)} aria-haspopup="dialog">
          Phone settings
        </button>
      </div>

      {ringing.map((call, index) => (
        <RingingCall
          key={call.id}
          call={call}
          first={index === 0}
          busy={Boolean(pending[`answer:${call.id}`] || pending[`reject:${call.id}`])}
        />
      ))}

      {primary ? (
        <CallControls key={primary.id} call={primary} calls={calls} now={now} />
      ) : (
        <DialBox enabled={registration !== null && canCall(registration)} />
      )}

      {held.length > 0 && (
        <ul className="phone-held" aria-label="Calls on hold">
          {held.map((call) => (
            <li key={call.id}>
              <span>
                {partyName(call)} · on hold{call.consultFor ? ' (consultation)' : ''}
              </span>
              <button type="button" onClick={() => void phoneActions.resume(call.id)} disabled={call.holdPending !== null}>
                Switch to {partyName(call)}
              </button>
              <button type="button" onClick={() => void phoneActions.hangup(call.id)}>
                End held {partyName(call)}
              </button>
            </li>
          ))}
        </ul>
      )}

      {error && (
        <p role="alert" className="phone-problem">
          {error}
        </p>
      )}
      <DeviceNotices />
      {settingsOpen && <PhoneSettingsDialog onClose={() => setSettingsOpen(false)} />}
    </section>
  );
}

function DialBox({ enabled }: { enabled: boolean }) {
  const defaultRegion = useTelephony((s) => s.defaultRegion);
  const dialing = useTelephony((s) => Boolean(s.pending.dial));
  const [target, setTarget] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const refusal = useDial((s) => s.refusal);
  const lastDialled = useDial((s) => s.lastDialled);
  const [approving, setApproving] = useState(false);
  const parsed = target.trim() === '' ? null : parseDialTarget(target, defaultRegion);
  const hint = parsed?.ok
    ? parsed.target.kind === 'e164'
      ? `Calls ${parsed.target.user}`
      : parsed.target.kind === 'extension'
        ? `Extension ${parsed.target.user}`
        : `Calls ${parsed.target.user}@${parsed.target.host}`
    : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const check = parseDialTarget(target, defaultRegion);
    if (!check.ok) {
      setProblem(check.error);
      return;
    }
    setProblem(null);
    void placeCall(target.trim()).then((outcome) => {
      if (outcome === 'placed') setTarget('');
    });
  };

  return (
    <>
      <form className="phone-dial" onSubmit={submit} noValidate>
        <label className="phone-visually-hidden" htmlFor="phone-dial-input">
          Number to dial
        </label>
        <input
          id="phone-dial-input"
          type="text"
          inputMode="tel"
          autoComplete="off"
          placeholder="Number or extension"
          value={target}
          onChange={(e) => {
            setTarget(e.target.value);
            setProblem(null);
          }}
          aria-describedby="phone-dial-hint"
          aria-invalid={problem !== null}
        />
        <button
          type="submit"
          disabled={!enabled || dialing || target.trim() === ''}
          title={enabled ? undefined : 'The phone is not registered'}
        >
          Call
        </button>
        <span id="phone-dial-hint" className="phone-muted">
          {problem ? '' : (hint ?? '')}
        </span>
        {problem && (
          <span role="alert" className="phone-problem">
            {problem}
          </span>
        )}
        {lastDialled !== null && (
          <button
            type="button"
            onClick={() => void placeCall(lastDialled)}
            disabled={!enabled || dialing}
            aria-label={`Redial ${lastDialled}`}
          >
            Redial
          </button>
        )}
      </form>
      {refusal && (
        <div role="alert" className="phone-problem phone-refusal">
          <span>{refusal.message}</span>
          {refusal.overridable && (
            <button type="button" onClick={() => setApproving(true)} aria-haspopup="dialog">
              Call with supervisor approval…
            </button>
          )}
          <button type="button" onClick={dismissRefusal} aria-label="Dismiss the do-not-call notice">
            OK
          </button>
        </div>
      )}
      {approving && refusal && <DoNotCallOverrideDialog refusal={refusal} onClose={() => setApproving(false)} />}
    </>
  );
}

function RingingCall({ call, first, busy }: { call: Call; first: boolean; busy: boolean }) {
  const name = partyName(call);
  const answerName = call.waiting ? 'Hold and answer' : first ? 'Answer' : `Pick up ${name}`;
  const shortcut = first ? PHONE_SHORTCUTS.answer : null;
  return (
    <div
      className={`phone-ringing${call.waiting ? ' phone-ringing-waiting' : ''}`}
      role="group"
      aria-label={call.waiting ? 'Call waiting' : 'Incoming call'}
    >
      <div className="phone-caller">
        <span className="phone-caller-label">{call.waiting ? 'Call waiting from' : 'Incoming call from'}</span>{' '}
        {/* Network-supplied text, rendered as text: markup in a display name stays visible characters. */}
        <strong className="phone-caller-name">{call.remote.displayName ?? call.remote.number}</strong>
        {call.remote.displayName && <span className="phone-caller-number"> {call.remote.number}</span>}
      </div>
      {call.handoff && (
        // Another agent's case context from the INVITE (User-to-User): network text, shown as text.
        <div className="phone-handoff" aria-label="Warm transfer handoff">
          <strong className="phone-handoff-title">{describeHandoff(call.handoff, name)}</strong>
          {call.handoff.summary && <p className="phone-handoff-summary">{call.handoff.summary}</p>}
        </div>
      )}
      <button
        type="button"
        className="phone-answer"
        onClick={() => void phoneActions.answer(call.id)}
        disabled={busy}
        {...(shortcut ? { 'aria-keyshortcuts': shortcut.keys, title: `${answerName} (${shortcut.label})` } : {})}
      >
        {answerName}
      </button>
      <button type="button" className="phone-decline" onClick={() => void phoneActions.reject(call.id)} disabled={busy}>
        {first ? 'Decline' : `Decline ${name}`}
      </button>
    </div>
  );
}
