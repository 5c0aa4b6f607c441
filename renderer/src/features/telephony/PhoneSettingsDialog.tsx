import { useEffect, useState, type FormEvent } from 'react';
import { describeRegistration } from '../../../../shared/telephony/registration-text';
import type { DeviceChoice } from '../../../../shared/telephony/model';
import type { DeviceOption, DeviceRole, DeviceSnapshot } from '../../media/devices';
import { getMediaEngine } from '../../media/engine';
import { ModalDialog } from '../../ui/ModalDialog';
import { connectHeadset, useHeadset } from './headset-buttons';
import { messageOf, phoneClient, runPhoneCommand, useTelephony } from './telephony-state';

/**
 * The SIP account and the audio devices. The password goes to main, which
 * keeps it in the OS keychain (or the web shell's key file); it is never sent
 * back, so the field is always empty. When IT policy sets the account, it is
 * shown read-only with "Set by your IT department".
 */
export function PhoneSettingsDialog({ onClose }: { onClose: () => void }) {
  return (
    <ModalDialog title="Phone settings" onClose={onClose} className="phone-dialog">
      <AccountForm onSaved={onClose} />
      <DeviceSettings />
      <HeadsetSettings />
    </ModalDialog>
  );
}

function AccountForm({ onSaved }: { onSaved: () => void }) {
  const account = useTelephony((s) => s.account);
  const registration = useTelephony((s) => s.registration);
  // IT may fix where the phone registers; the agent still enters their own user name and password.
  const fixed = useTelephony((s) => s.lockedAddress);
  const locked = fixed !== null || (account?.locked ?? false);
  const [server, setServer] = useState(fixed?.server ?? account?.server ?? '');
  const [backupServer, setBackupServer] = useState(fixed?.backupServer ?? account?.backupServer ?? '');
  const [domain, setDomain] = useState(fixed?.domain ?? account?.domain ?? '');
  const [username, setUsername] = useState(account?.username ?? '');
  const [authUsername, setAuthUsername] = useState(account?.authUsername ?? '');
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      [server, 'the SIP server address (wss://…)'],
      [domain, 'the SIP domain'],
      [username, 'the username'],
    ].find(([value]) => (value ?? '').trim() === '');
    if (missing) return setProblem(`Enter ${missing[1]}.`);
    if (!account?.hasPassword && password === '') return setProblem('Enter the password for this account.');
    const client = phoneClient();
    if (!client) return setProblem('Not connected to Switchboard.');
    setBusy(true);
    setProblem(null);
    client
      .invoke('telephony.setAccount', {
        server: server.trim(),
        backupServer: backupServer.trim() === '' ? null : backupServer.trim(),
        domain: domain.trim(),
        username: username.trim(),
        authUsername: authUsername.trim() === '' ? null : authUsername.trim(),
        displayName: displayName.trim() === '' ? null : displayName.trim(),
        ...(password !== '' ? { password } : {}),
      })
      .then((result) => {
        useTelephony.setState({ account: result.account, registration: result.registration });
        setPassword('');
        onSaved();
      })
      .catch((error: unknown) => setProblem(messageOf(error)))
      .finally(() => setBusy(false));
  };

  const field = (
    label: string,
    value: string,
    set: (v: string) => void,
    props: { type?: string; placeholder?: string; autoComplete?: string; required?: boolean; setByIt?: boolean } = {},
  ) => (
    <label>
      {label}
      <input
        type={props.type ?? 'text'}
        value={value}
        onChange={(e) => set(e.target.value)}
        readOnly={props.setByIt === true}
        aria-describedby={props.setByIt ? 'phone-settings-locked' : undefined}
        placeholder={props.setByIt ? undefined : props.placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        spellCheck={false}
        required={props.required}
      />
    </label>
  );

  return (
    <form className="phone-settings" onSubmit={submit} noValidate aria-label="SIP account">
      <h3>SIP account</h3>
      {registration && <p className="phone-muted">Now: {describeRegistration(registration, Date.now())}</p>}
      {locked && (
        <p id="phone-settings-locked" className="phone-locked">
          Server and domain: set by your IT department
        </p>
      )}
      {field('SIP server (WSS URL)', fixed?.server ?? server, setServer, {
        type: 'url',
        placeholder: 'wss://sip.example.com:7443',
        required: true,
        setByIt: locked,
      })}
      {field('Backup server (WSS URL, optional)', fixed ? (fixed.backupServer ?? '') : backupServer, setBackupServer, {
        type: 'url',
        placeholder: 'wss://sip2.example.com:7443',
        setByIt: locked,
      })}
      {field('SIP domain', fixed?.domain ?? domain, setDomain, { placeholder: 'example.com', required: true, setByIt: locked })}
      {field('Username', username, setUsername, { placeholder: '1001', required: true })}
      <label>
        Password
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          placeholder={account?.hasPassword ? 'Leave empty to keep the saved password' : ''}
        />
      </label>
      {field('Auth ID (optional)', authUsername, setAuthUsername)}
      {field('Display name (optional)', displayName, setDisplayName)}
      {problem && (
        <p role="alert" className="phone-problem">
          {problem}
        </p>
      )}
      <div className="phone-settings-actions">
        <button type="submit" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  );
}

const ROLES: readonly { role: DeviceRole; label: string; help: string }[] = [
  { role: 'microphone', label: 'Microphone', help: 'What the caller hears.' },
  { role: 'speaker', label: 'Speaker', help: 'Where you hear the caller (usually the headset).' },
  { role: 'ringer', label: 'Ringer', help: 'Where incoming calls ring (e.g. the desk speaker, so you hear it without the headset on).' },
];

function DeviceSettings() {
  const prefs = useTelephony((s) => s.devices);
  const [snapshot, setSnapshot] = useState<DeviceSnapshot | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const engine = getMediaEngine();

  useEffect(() => {
    if (!engine) return;
    const off = engine.devices.subscribe(setSnapshot);
    void engine.devices.refresh().catch(() => undefined);
    return off;
  }, [engine]);

  if (!engine || !snapshot) {
    return (
      <section className="phone-settings" aria-label="Audio devices">
        <h3>Audio devices</h3>
        <p className="phone-muted">The audio engine is not running in this window.</p>
      </section>
    );
  }

  const choose = (role: DeviceRole, options: DeviceOption[], id: string) => {
    const picked = options.find((o) => o.id === id);
    const choice: DeviceChoice | null = picked ? { id: picked.id, label: picked.label } : null;
    void runPhoneCommand('devices', (c) => c.invoke('telephony.setDevices', { [role]: choice })).then((next) => {
      if (next) setOutcome(`${ROLES.find((r) => r.role === role)?.label ?? role}: ${picked ? picked.label : 'system default'}. Saved.`);
    });
  };

  return (
    <section className="phone-settings" aria-label="Audio devices">
      <h3>Audio devices</h3>
      {!snapshot.labelsKnown && (
        <p>
          Device names are hidden until Switchboard may use the microphone.{' '}
          <button type="button" onClick={() => void engine.devices.refresh({ askForLabels: true })}>
            Show device names
          </button>
        </p>
      )}
      {ROLES.map(({ role, label, help }) => {
        const options = role === 'microphone' ? snapshot.inputs : snapshot.outputs;
        const choice = prefs[role];
        const resolution = engine.devices.resolve(role);
        const present = choice ? options.some((o) => o.id === choice.id) : true;
        const outputLocked = role !== 'microphone' && !snapshot.canChooseOutput;
        return (
          <label key={role}>
            {label}
            <select
              value={choice && present ? choice.id : choice ? `missing:${choice.id}` : ''}
              onChange={(e) => choose(role, options, e.target.value)}
              disabled={outputLocked}
              aria-describedby={`phone-device-${role}-help`}
            >
              <option value="">System default</option>
              {choice && !present && <option value={`missing:${choice.id}`}>{choice.label} (not connected)</option>}
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
            <span id={`phone-device-${role}-help`} className="phone-muted">
              {outputLocked
                ? 'This window cannot choose an output device.'
                : resolution.using === 'fallback'
                  ? `"${resolution.label ?? ''}" is not connected: using the system default.`
                  : help}
            </span>
          </label>
        );
      })}
      {outcome && (
        <p role="status" className="phone-muted">
          {outcome}
        </p>
      )}
    </section>
  );
}

function HeadsetSettings() {
  const { supported, connected, problem } = useHeadset();
  const [notifications, setNotifications] = useState(() => (typeof Notification === 'function' ? Notification.permission : 'denied'));
  const web = phoneClient()?.host === 'web';
  return (
    <section className="phone-settings" aria-label="Headset buttons">
      <h3>Headset buttons</h3>
      <p className="phone-muted">
        {connected.length > 0
          ? `In use: ${connected.join(', ')}. Its buttons answer, hang up and mute.`
          : 'A USB headset\u2019s answer, hang-up and mute buttons work once connected here. Media keys (play/pause) answer and hang up without it.'}
      </p>
      {supported && (
        <button type="button" onClick={() => void connectHeadset()}>
          Connect headset buttons
        </button>
      )}
      {problem && (
        <p role="alert" className="phone-problem">
          {problem}
        </p>
      )}
      {web && notifications === 'default' && (
        <p>
          <button type="button" onClick={() => void Notification.requestPermission().then(setNotifications)}>
            Allow call notifications
          </button>
        </p>
      )}
    </section>
  );
}
