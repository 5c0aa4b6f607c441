import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canCall } from '../../../../shared/telephony/registration-text';
import { useUserText } from '../../i18n';
import { Tooltip } from '../../ui/Tooltip';
import { CallSlots, CallTray, type CallPanel } from './CallControls';
import { DialBox } from './DialBox';
import { DeviceNotices } from './DeviceNotices';
import { Icon } from './icons';
import { PhoneSettingsDialog } from './PhoneSettingsDialog';
import { registrationTone, registrationWords } from './registration-words';
import { otherHeldCalls, partyLabel, primaryCall, ringingCalls } from './telephony-model';
import {
  answerRinging,
  hangupPrimary,
  phoneActions,
  toggleHoldPrimary,
  toggleMutePrimary,
  toggleRecordingPrimary,
  useTelephony,
} from './telephony-state';
import { isEditableTarget, shortcutFor } from './shortcuts';
import { RingingTrayCall } from './RingingCall';
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
 * The phone strip: registration, the call slots and the dial box on one line of fixed cells, so
 * nothing the agent reaches for moves between idle, ringing, in call, on hold and wrap-up. Answer
 * and Hang up share one cell; Hold, Mute, Transfer and Keypad are always there, unavailable (with
 * the reason in their tooltip) when they do not apply. What comes and goes (a second ringing call,
 * calls on hold, the keypad, the transfer form, problems) is in the tray under the cells.
 */
export function PhoneBar() {
  const { t } = useTranslation('telephony');
  const registration = useTelephony((s) => s.registration);
  const calls = useTelephony((s) => s.calls);
  const error = useTelephony((s) => s.error);
  const show = useUserText();
  const pending = useTelephony((s) => s.pending);
  const [settingsOpen, setSettingsOpen] = useState(false);
  // The keypad or transfer form belongs to one call: another call in the slots closes it.
  const [panel, setPanel] = useState<{ callId: string; kind: CallPanel } | null>(null);
  // Only the registration's retry countdown needs the strip re-rendered each second; the call
  // timer writes its own text (ElapsedClockText), so a call does not re-render the strip.
  const now = useNow((registration?.retryAt ?? null) !== null);
  usePhoneShortcuts();

  const primary = primaryCall(calls);
  const ringing = ringingCalls(calls);
  // With no call in progress, the first ringing call takes the slots (Answer where Hang up goes).
  const slotRinging = primary ? null : (ringing[0] ?? null);
  const trayRinging = ringing.filter((call) => call !== slotRinging);
  const held = otherHeldCalls(calls, primary);
  const openPanel: CallPanel = primary && panel?.callId === primary.id ? panel.kind : 'none';
  const status = registration?.status ?? 'connecting';
  const statusText = registration ? registrationWords(registration, now) : t('registration.connectingApp');
  const tone = registrationTone(status);
  const showRetry =
    status === 'auth-failed' ||
    status === 'unreachable' ||
    status === 'reconnecting' ||
    status === 'rejected' ||
    status === 'certificate-failed';

  return (
    <section className="phone-bar" aria-label={t('region')}>
      <div className="phone-slots">
        <div className={`phone-slot-status phone-tone-${tone}`}>
          <Icon name={tone} className="phone-status-icon" />
          <span role="status" className="phone-registration" aria-live="polite">
            {statusText}
          </span>
          {showRetry && (
            <button
              type="button"
              className="phone-small-button"
              onClick={() => void phoneActions.reconnect()}
              disabled={Boolean(pending.reconnect)}
            >
              {t('registration.retry')}
            </button>
          )}
          <Tooltip text={t('settings.title')}>
            <button
              type="button"
              className="phone-icon-button"
              onClick={() => setSettingsOpen(true)}
              aria-haspopup="dialog"
              aria-label={t('settings.title')}
              // The first-run guide's "Set up the phone" presses this button, whatever the language.
              data-opens="phone-settings"
            >
              <Icon name="settings" />
            </button>
          </Tooltip>
        </div>
        <CallSlots
          primary={primary}
          ringing={slotRinging}
          panel={openPanel}
          onPanel={(kind) => setPanel(primary ? { callId: primary.id, kind } : null)}
        />
        <DialBox enabled={registration !== null && canCall(registration)} inCall={primary !== null} />
      </div>

      <div className="phone-tray">
        {slotRinging?.handoff && <RingingTrayCall call={slotRinging} first handoffOnly busy={false} />}
        {trayRinging.map((call, index) => (
          <RingingTrayCall
            key={call.id}
            call={call}
            first={primary === null ? false : index === 0}
            busy={Boolean(pending[`answer:${call.id}`] || pending[`reject:${call.id}`])}
          />
        ))}
        {primary && <CallTray call={primary} calls={calls} panel={openPanel} onPanel={(kind) => setPanel({ callId: primary.id, kind })} />}
        {held.length > 0 && (
          <ul className="phone-held" aria-label={t('held.label')}>
            {held.map((call) => (
              <li key={call.id}>
                <span>
                  {call.consultFor ? t('held.consultation', { name: partyLabel(call) }) : t('held.onHold', { name: partyLabel(call) })}
                </span>
                <button type="button" onClick={() => void phoneActions.resume(call.id)} disabled={call.holdPending !== null}>
                  {t('held.switchTo', { name: partyLabel(call) })}
                </button>
                <button type="button" onClick={() => void phoneActions.hangup(call.id)}>
                  {t('held.end', { name: partyLabel(call) })}
                </button>
              </li>
            ))}
          </ul>
        )}
        {showRetry && (
          // The cell above has room for the gist only; the whole sentence (IT reads it) is here.
          <p className="phone-problem phone-registration-detail">
            <Icon name="problem" /> {statusText}
          </p>
        )}
        {error && (
          <p role="alert" className="phone-problem">
            <Icon name="problem" /> {typeof error === 'string' ? error : show(error)}
          </p>
        )}
        <DeviceNotices />
      </div>
      {settingsOpen && <PhoneSettingsDialog onClose={() => setSettingsOpen(false)} />}
    </section>
  );
}
