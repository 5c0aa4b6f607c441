import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { displayPhoneNumber } from '../../../../shared/store/phone';
import { parseDialTarget } from '../../../../shared/telephony/dial-target';
import type { Call } from '../../../../shared/telephony/model';
import type { UserText } from '../../../../shared/text/user-text';
import { useUserText } from '../../i18n';
import { useCallQuality } from '../../media/call-quality';
import { ElapsedClockText } from '../../ui/ElapsedClockText';
import { Tooltip } from '../../ui/Tooltip';
import { Icon } from './icons';
import { StripButton } from './StripButton';
import { KEYPAD_KEYS, callStart, describeCall, describeConsult, describeQuality, keypadKeyName, partyLabel } from './telephony-model';
import { phoneActions, useTelephony } from './telephony-state';
import { PHONE_SHORTCUTS } from './shortcuts';

export type CallPanel = 'none' | 'keypad' | 'transfer';

/**
 * The call cells of the phone strip: who, how long, and Answer/Hang up, the second button
 * (Decline while ringing, Pause recording in a recorded call), Hold, Mute, Transfer and Keypad.
 * The same cells in every state, so no button moves: idle and ringing show the call buttons
 * unavailable, with the reason. Hold shows what the far end accepted: "Hold" (unavailable,
 * "Putting on hold…") until the re-INVITE is answered, then "Resume".
 */
export function CallSlots({
  primary,
  ringing,
  panel,
  onPanel,
}: {
  primary: Call | null;
  ringing: Call | null;
  panel: CallPanel;
  onPanel: (panel: CallPanel) => void;
}) {
  const { t } = useTranslation('telephony');
  const pending = useTelephony((s) => s.pending);
  const call = primary ?? ringing;
  const label = primary ? t('call.group', { name: partyLabel(primary) }) : ringing ? t('ringing.incomingGroup') : t('call.idleGroup');
  const talking = primary !== null && (primary.status === 'active' || primary.status === 'held');
  const held = primary?.status === 'held';
  const noCall = primary ? null : ringing ? t('unavailable.answerFirst') : t('unavailable.noCall');
  const recording = primary?.recording;
  const paused = recording !== undefined && recording.state !== 'recording';
  const ringBusy = ringing ? Boolean(pending[`answer:${ringing.id}`] || pending[`reject:${ringing.id}`]) : false;

  const holdName = held ? t('actions.resume') : t('actions.hold');
  const muteName = primary?.muted ? t('actions.unmute') : t('actions.mute');
  const recordingName = paused ? t('actions.resumeRecording') : t('actions.pauseRecording');
  const notTalking = noCall ?? (talking ? null : t('unavailable.notConnected'));

  return (
    <div className="phone-call-slots" role="group" aria-label={label}>
      <CallerCell primary={primary} ringing={ringing} />
      <span className="phone-slot-timer">
        {call && (
          <span role="timer" aria-label={t('call.timer')} className="phone-timer">
            <ElapsedClockText since={callStart(call)} />
          </span>
        )}
      </span>
      <span className="phone-slot-primary">
        {primary ? (
          <StripButton
            label={t('actions.hangup')}
            icon="hangup"
            className="phone-hangup"
            onPress={() => void phoneActions.hangup(primary.id)}
            unavailable={pending[`hangup:${primary.id}`] ? t('unavailable.ending') : null}
            shortcut={PHONE_SHORTCUTS.hangup}
          />
        ) : (
          <StripButton
            label={t('actions.answer')}
            icon="answer"
            className="phone-answer"
            onPress={() => ringing && void phoneActions.answer(ringing.id)}
            unavailable={ringing ? (ringBusy ? t('unavailable.answering') : null) : t('unavailable.nothingRinging')}
            shortcut={PHONE_SHORTCUTS.answer}
          />
        )}
      </span>
      <span className="phone-slot-second">
        {ringing && (
          <StripButton
            label={t('ringing.decline')}
            icon="decline"
            className="phone-decline"
            onPress={() => void phoneActions.reject(ringing.id)}
            unavailable={ringBusy ? t('unavailable.answering') : null}
          />
        )}
        {primary && recording && (
          <StripButton
            label={recordingName}
            icon={paused ? 'record' : 'hold'}
            aria-pressed={paused}
            onPress={() => void (paused ? phoneActions.resumeRecording(primary.id) : phoneActions.pauseRecording(primary.id))}
            unavailable={
              notTalking ??
              (primary.answeredAt === null ||
              recording.state === 'pausing' ||
              recording.state === 'resuming' ||
              pending[`recording:${primary.id}`]
                ? t('unavailable.wait')
                : null)
            }
            shortcut={PHONE_SHORTCUTS.recording}
          />
        )}
      </span>
      <span className="phone-slot-hold">
        <StripButton
          label={holdName}
          icon={held ? 'resume' : 'hold'}
          onPress={() => primary && void (held ? phoneActions.resume(primary.id) : phoneActions.hold(primary.id))}
          unavailable={notTalking ?? (primary?.holdPending || pending[`hold:${primary?.id ?? ''}`] ? t('unavailable.wait') : null)}
          shortcut={PHONE_SHORTCUTS.hold}
        />
      </span>
      <span className="phone-slot-mute">
        <StripButton
          label={muteName}
          icon={primary?.muted ? 'micOff' : 'mic'}
          aria-pressed={primary ? primary.muted : false}
          onPress={() => primary && void phoneActions.mute(primary.id, !primary.muted)}
          unavailable={notTalking ?? (pending[`mute:${primary?.id ?? ''}`] ? t('unavailable.wait') : null)}
          shortcut={PHONE_SHORTCUTS.mute}
        />
      </span>
      <span className="phone-slot-transfer">
        <StripButton
          label={t('actions.transfer')}
          icon="transfer"
          aria-expanded={panel === 'transfer'}
          aria-controls="phone-transfer"
          onPress={() => onPanel(panel === 'transfer' ? 'none' : 'transfer')}
          unavailable={notTalking ?? (primary?.consultFor ? t('unavailable.consulting') : null)}
          hint={t('hints.transfer')}
        />
      </span>
      <span className="phone-slot-keypad">
        <StripButton
          label={t('actions.keypad')}
          icon="keypad"
          aria-expanded={panel === 'keypad'}
          aria-controls="phone-keypad"
          onPress={() => onPanel(panel === 'keypad' ? 'none' : 'keypad')}
          unavailable={noCall ?? (primary?.status === 'active' ? null : t('unavailable.notConnected'))}
          hint={t('hints.keypad')}
        />
      </span>
    </div>
  );
}

/** Who the call is with and what it is doing: two lines that fit the caller cell. */
function CallerCell({ primary, ringing }: { primary: Call | null; ringing: Call | null }) {
  const { t } = useTranslation('telephony');
  const reading = useCallQuality((s) => (primary ? s[primary.id] : undefined));
  if (!primary && !ringing) {
    return (
      <div className="phone-slot-caller phone-caller-idle">
        <span className="phone-muted">{t('call.none')}</span>
      </div>
    );
  }
  if (ringing && !primary) {
    return (
      <div className="phone-slot-caller phone-caller-ringing">
        <span className="phone-caller-label">
          <Icon name="answer" /> {ringing.waiting ? t('ringing.waitingFrom') : t('ringing.incomingFrom')}
        </span>
        <span className="phone-caller-line">
          {/* Network-supplied text, rendered as text: markup in a display name stays visible characters. */}
          <strong className="phone-caller-name">{ringing.remote.displayName ?? displayPhoneNumber(ringing.remote.number)}</strong>
          {ringing.remote.displayName && <span className="phone-caller-number"> {displayPhoneNumber(ringing.remote.number)}</span>}
        </span>
      </div>
    );
  }
  const call = primary as Call;
  const talking = call.status === 'active' || call.status === 'held';
  const quality = reading && talking ? describeQuality(reading) : null;
  const recording = call.recording;
  return (
    <div className="phone-slot-caller">
      <span className="phone-caller-line">
        <strong className="phone-call-party">{partyLabel(call)}</strong>
        {call.remote.displayName && <span className="phone-muted"> {displayPhoneNumber(call.remote.number)}</span>}
      </span>
      <span className="phone-caller-line phone-call-details">
        <span className={`phone-call-state phone-call-state-${call.status}`}>
          <Icon name={call.status === 'held' ? 'hold' : 'answer'} /> {describeCall(call)}
        </span>
        {call.muted && (
          <span className="phone-muted">
            {' · '}
            <Icon name="micOff" /> {t('call.muted')}
          </span>
        )}
        {recording && (
          <span role="status" className={`phone-recording phone-recording-${recording.state}`}>
            <span aria-hidden="true" className="phone-recording-icon">
              {recording.state === 'recording' ? '●' : '⏸'}
            </span>{' '}
            {recordingWords(t, recording.state)}
          </span>
        )}
        {quality && (
          <span
            className={`phone-quality phone-quality-${quality.level}`}
            aria-label={t('quality.aria', { label: quality.label, figures: quality.figures })}
          >
            {t('quality.text', { label: quality.label })} <span className="phone-muted">({quality.figures})</span>
          </span>
        )}
        {call.transfer && (
          <span className="phone-muted">
            {' · '}
            {call.transfer.state === 'failed'
              ? t('transfer.failed', { target: call.transfer.target, code: call.transfer.code ? ` (${call.transfer.code})` : '' })
              : t('transfer.state', { target: call.transfer.target, state: call.transfer.state })}
          </span>
        )}
      </span>
    </div>
  );
}

type Translate = ReturnType<typeof useTranslation<'telephony'>>['t'];

/** What the strip says of the recording; the icon beside it is decoration. */
function recordingWords(t: Translate, state: NonNullable<Call['recording']>['state']): string {
  switch (state) {
    case 'recording':
      return t('recording.recording');
    case 'pausing':
      return t('recording.pausing');
    case 'paused':
      return t('recording.paused');
    case 'resuming':
      return t('recording.resuming');
  }
}

/** What a call in progress adds under the strip: its problem, an attended transfer, the keypad or the transfer form. */
export function CallTray({
  call,
  calls,
  panel,
  onPanel,
}: {
  call: Call;
  calls: readonly Call[];
  panel: CallPanel;
  onPanel: (panel: CallPanel) => void;
}) {
  const { t } = useTranslation('telephony');
  const show = useUserText();
  const pending = useTelephony((s) => s.pending);
  const talking = call.status === 'active' || call.status === 'held';
  const consultedFrom = call.consultFor ? calls.find((c) => c.id === call.consultFor) : undefined;
  const paused = call.recording !== undefined && call.recording.state !== 'recording';
  const name = partyLabel(call);
  return (
    <>
      {call.problem && (
        <p role="alert" className="phone-problem">
          <Icon name="problem" /> {show(call.problem)}
        </p>
      )}
      {consultedFrom && (
        <div className="phone-consult" role="group" aria-label={t('consult.group')}>
          <span role="status">{describeConsult(call, consultedFrom)}</span>
          <Tooltip text={t('consult.completeHint', { customer: partyLabel(consultedFrom), name })}>
            <button
              type="button"
              onClick={() => void phoneActions.completeTransfer(consultedFrom.id, call.id)}
              disabled={call.status !== 'active' || Boolean(pending[`transfer:${consultedFrom.id}`] || pending[`cancel:${call.id}`])}
            >
              {t('consult.complete')}
            </button>
          </Tooltip>
          <Tooltip text={t('consult.cancelHint', { customer: partyLabel(consultedFrom), name })}>
            <button
              type="button"
              onClick={() => void phoneActions.cancelTransfer(call.id)}
              disabled={Boolean(pending[`transfer:${consultedFrom.id}`] || pending[`cancel:${call.id}`])}
            >
              {t('consult.cancel')}
            </button>
          </Tooltip>
        </div>
      )}
      {panel === 'keypad' && call.status === 'active' && <Keypad callId={call.id} masked={paused} />}
      {panel === 'transfer' && talking && !call.consultFor && <TransferForm call={call} onDone={() => onPanel('none')} />}
    </>
  );
}

/** `masked`: recording is paused, so the keys are likely a card number: shown as dots, never as digits. */
function Keypad({ callId, masked }: { callId: string; masked: boolean }) {
  const { t } = useTranslation('telephony');
  const [sent, setSent] = useState('');
  const press = (key: string) => {
    setSent((s) => (s + key).slice(-24));
    void phoneActions.sendDtmf(callId, key);
  };
  return (
    <div id="phone-keypad" className="phone-keypad" role="group" aria-label={t('keypad.label')}>
      {KEYPAD_KEYS.map(({ key }) => (
        <button key={key} type="button" aria-label={keypadKeyName(key)} onClick={() => press(key)}>
          {key}
        </button>
      ))}
      <output className="phone-keypad-sent" aria-label={t('keypad.sent')}>
        {masked ? '•'.repeat(sent.length) : sent}
      </output>
    </div>
  );
}

function TransferForm({ call, onDone }: { call: Call; onDone: () => void }) {
  const { t } = useTranslation('telephony');
  const defaultRegion = useTelephony((s) => s.defaultRegion);
  const busy = useTelephony((s) => Boolean(s.pending[`transfer:${call.id}`]));
  const [target, setTarget] = useState('');
  const show = useUserText();
  const [problem, setProblem] = useState<UserText | null>(null);

  const go = (kind: 'blind' | 'consult') => (event?: FormEvent) => {
    event?.preventDefault();
    const check = parseDialTarget(target, defaultRegion);
    if (!check.ok) {
      setProblem(check.error);
      return;
    }
    setProblem(null);
    const action = kind === 'blind' ? phoneActions.blindTransfer(call.id, target.trim()) : phoneActions.consult(call.id, target.trim());
    void action.then((result) => {
      if (result !== null) onDone();
    });
  };

  return (
    <form id="phone-transfer" className="phone-transfer" aria-label={t('transfer.form')} onSubmit={go('blind')} noValidate>
      <label>
        {t('transfer.to')}
        <input
          type="text"
          inputMode="tel"
          autoComplete="off"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          aria-invalid={problem !== null}
        />
      </label>
      <Tooltip text={t('transfer.blindHint')}>
        <button type="submit" disabled={busy || target.trim() === ''}>
          {t('transfer.blind')}
        </button>
      </Tooltip>
      <Tooltip text={t('transfer.consultHint')}>
        <button type="button" disabled={busy || target.trim() === ''} onClick={go('consult')}>
          {t('transfer.consult')}
        </button>
      </Tooltip>
      {problem && (
        <span role="alert" className="phone-problem">
          {show(problem)}
        </span>
      )}
    </form>
  );
}
