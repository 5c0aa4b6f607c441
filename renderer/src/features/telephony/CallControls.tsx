import { useState, type FormEvent } from 'react';
import { parseDialTarget } from '../../../../shared/telephony/dial-target';
import type { Call } from '../../../../shared/telephony/model';
import { useCallQuality } from '../../media/call-quality';
import { KEYPAD_KEYS, callSeconds, describeCall, describeConsult, describeQuality, formatDuration, partyName } from './telephony-model';
import { phoneActions, useTelephony } from './telephony-state';
import { PHONE_SHORTCUTS } from './shortcuts';

const shortcutProps = (shortcut: { keys: string; label: string }, name: string) => ({
  'aria-keyshortcuts': shortcut.keys,
  title: `${name} (${shortcut.label})`,
});

/**
 * The call in progress: who, how long, how it sounds, and what the agent can
 * do with it. Hold shows what the far end accepted: the button reads "Hold"
 * (disabled, "Putting on hold…") until the re-INVITE is answered, then "Resume".
 */
export function CallControls({ call, calls, now }: { call: Call; calls: readonly Call[]; now: number }) {
  const pending = useTelephony((s) => s.pending);
  const [panel, setPanel] = useState<'none' | 'keypad' | 'transfer'>('none');
  const talking = call.status === 'active' || call.status === 'held';
  const held = call.status === 'held';
  const name = partyName(call);
  const consultedFrom = call.consultFor ? calls.find((c) => c.id === call.consultFor) : undefined;
  const holdName = held ? 'Resume' : 'Hold';
  const muteName = call.muted ? 'Unmute' : 'Mute';
  const recording = call.recording;
  const paused = recording !== undefined && recording.state !== 'recording';
  const recordingName = paused ? 'Resume recording' : 'Pause recording';
  // Read by the media engine in this page (renderer/src/media/call-quality.ts), every 2 s.
  const reading = useCallQuality((s) => s[call.id]);
  const quality = reading && talking ? describeQuality(reading) : null;

  return (
    <div className="phone-call" role="group" aria-label={`Call with ${name}`}>
      <div className="phone-call-info">
        <strong className="phone-call-party">{name}</strong>
        {call.remote.displayName && <span className="phone-muted"> {call.remote.number}</span>}
        <span className="phone-call-state"> · {describeCall(call)}</span>
        {call.muted && <span className="phone-muted"> · microphone muted</span>}
        {recording && (
          <span role="status" className={`phone-recording phone-recording-${recording.state}`}>
            <span aria-hidden="true" className="phone-recording-icon">
              {recording.state === 'recording' ? '●' : '⏸'}
            </span>{' '}
            {RECORDING_TEXT[recording.state]}
          </span>
        )}
        <span role="timer" aria-label="Call time" className="phone-timer">
          {formatDuration(callSeconds(call, now))}
        </span>
        {quality && (
          <span
            className={`phone-quality phone-quality-${quality.level}`}
            aria-label={`Call quality: ${quality.label}, ${quality.figures}`}
          >
            Quality: {quality.label} <span className="phone-muted">({quality.figures})</span>
          </span>
        )}
        {call.transfer && (
          <span className="phone-muted">
            {' '}
            · transfer to {call.transfer.target}:{' '}
            {call.transfer.state === 'failed' ? `failed${call.transfer.code ? ` (${call.transfer.code})` : ''}` : call.transfer.state}
          </span>
        )}
      </div>
      {call.problem && (
        <p role="alert" className="phone-problem">
          {call.problem}
        </p>
      )}

      <div className="phone-actions">
        <button
          type="button"
          className="phone-hangup"
          onClick={() => void phoneActions.hangup(call.id)}
          disabled={Boolean(pending[`hangup:${call.id}`])}
          {...shortcutProps(PHONE_SHORTCUTS.hangup, 'Hang up')}
        >
          Hang up
        </button>
        <button
          type="button"
          onClick={() => void (held ? phoneActions.resume(call.id) : phoneActions.hold(call.id))}
          disabled={!talking || call.holdPending !== null || Boolean(pending[`hold:${call.id}`])}
          {...shortcutProps(PHONE_SHORTCUTS.hold, holdName)}
        >
          {holdName}
        </button>
        <button
          type="button"
          onClick={() => void phoneActions.mute(call.id, !call.muted)}
          disabled={!talking || Boolean(pending[`mute:${call.id}`])}
          {...shortcutProps(PHONE_SHORTCUTS.mute, muteName)}
        >
          {muteName}
        </button>
        {recording && (
          <button
            type="button"
            aria-pressed={paused}
            onClick={() => void (paused ? phoneActions.resumeRecording(call.id) : phoneActions.pauseRecording(call.id))}
            disabled={
              !talking ||
              call.answeredAt === null ||
              recording.state === 'pausing' ||
              recording.state === 'resuming' ||
              Boolean(pending[`recording:${call.id}`])
            }
            {...shortcutProps(PHONE_SHORTCUTS.recording, recordingName)}
          >
            {recordingName}
          </button>
        )}
        <button
          type="button"
          aria-expanded={panel === 'keypad'}
          aria-controls="phone-keypad"
          onClick={() => setPanel(panel === 'keypad' ? 'none' : 'keypad')}
          disabled={call.status !== 'active'}
        >
          Keypad
        </button>
        {!call.consultFor && (
          <button
            type="button"
            aria-expanded={panel === 'transfer'}
            aria-controls="phone-transfer"
            onClick={() => setPanel(panel === 'transfer' ? 'none' : 'transfer')}
            disabled={!talking}
          >
            Transfer
          </button>
        )}
      </div>

      {consultedFrom && (
        <div className="phone-consult" role="group" aria-label="Attended transfer">
          <span role="status">{describeConsult(call, consultedFrom)}</span>
          <button
            type="button"
            onClick={() => void phoneActions.completeTransfer(consultedFrom.id, call.id)}
            disabled={call.status !== 'active' || Boolean(pending[`transfer:${consultedFrom.id}`] || pending[`cancel:${call.id}`])}
            title={`Hand ${partyName(consultedFrom)} over to ${name} and leave the call`}
          >
            Complete transfer
          </button>
          <button
            type="button"
            onClick={() => void phoneActions.cancelTransfer(call.id)}
            disabled={Boolean(pending[`transfer:${consultedFrom.id}`] || pending[`cancel:${call.id}`])}
            title={`End the call to ${name} and go back to ${partyName(consultedFrom)}`}
          >
            Cancel transfer
          </button>
        </div>
      )}

      {panel === 'keypad' && call.status === 'active' && <Keypad callId={call.id} masked={paused} />}
      {panel === 'transfer' && talking && <TransferForm call={call} onDone={() => setPanel('none')} />}
    </div>
  );
}

/** What the call bar says of the recording; the icon beside it is decoration. */
const RECORDING_TEXT: Record<NonNullable<Call['recording']>['state'], string> = {
  recording: 'Recording',
  pausing: 'Pausing recording…',
  paused: 'Recording paused',
  resuming: 'Resuming recording…',
};

/** `masked`: recording is paused, so the keys are likely a card number: shown as dots, never as digits. */
function Keypad({ callId, masked }: { callId: string; masked: boolean }) {
  const [sent, setSent] = useState('');
  const press = (key: string) => {
    setSent((s) => (s + key).slice(-24));
    void phoneActions.sendDtmf(callId, key);
  };
  return (
    <div id="phone-keypad" className="phone-keypad" role="group" aria-label="Keypad">
      {KEYPAD_KEYS.map(({ key, name }) => (
        <button key={key} type="button" aria-label={name} onClick={() => press(key)}>
          {key}
        </button>
      ))}
      <output className="phone-keypad-sent" aria-label="Tones sent">
        {masked ? '•'.repeat(sent.length) : sent}
      </output>
    </div>
  );
}

function TransferForm({ call, onDone }: { call: Call; onDone: () => void }) {
  const defaultRegion = useTelephony((s) => s.defaultRegion);
  const busy = useTelephony((s) => Boolean(s.pending[`transfer:${call.id}`]));
  const [target, setTarget] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

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
    <form id="phone-transfer" className="phone-transfer" aria-label="Transfer the call" onSubmit={go('blind')} noValidate>
      <label>
        Transfer to
        <input
          type="text"
          inputMode="tel"
          autoComplete="off"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          aria-invalid={problem !== null}
        />
      </label>
      <button type="submit" disabled={busy || target.trim() === ''} title="Blind transfer: the caller is sent there now">
        Send now
      </button>
      <button
        type="button"
        disabled={busy || target.trim() === ''}
        onClick={go('consult')}
        title="Attended transfer: talk to them first, then complete"
      >
        Consult first
      </button>
      {problem && (
        <span role="alert" className="phone-problem">
          {problem}
        </span>
      )}
    </form>
  );
}
