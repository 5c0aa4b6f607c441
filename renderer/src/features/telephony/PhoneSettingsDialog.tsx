import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { registrationWords } from './registration-words';
import type { DeviceChoice } from '../../../../shared/telephony/model';
import { shownName, type DeviceOption, type DeviceRole, type DeviceSnapshot } from '../../media/devices';
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
  const { t } = useTranslation('telephony');
  return (
    <ModalDialog title={t('settings.title')} onClose={onClose} className="phone-dialog">
      <AccountForm onSaved={onClose} />
      <DeviceSettings />
      <HeadsetSettings />
    </ModalDialog>
  );
}

function AccountForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation('telephony');
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
      [server, t('settings.missing.server')],
      [domain, t('settings.missing.domain')],
      [username, t('settings.missing.username')],
    ].find(([value]) => (value ?? '').trim() === '');
    if (missing) return setProblem(missing[1] ?? null);
    if (!account?.hasPassword && password === '') return setProblem(t('settings.missing.password'));
    const client = phoneClient();
    if (!client) return setProblem(t('errors.notConnected'));
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
    <form className="phone-settings" onSubmit={submit} noValidate aria-label={t('settings.account')}>
      <h3>{t('settings.account')}</h3>
      {registration && <p className="phone-muted">{t('settings.now', { state: registrationWords(registration, Date.now()) })}</p>}
      {locked && (
        <p id="phone-settings-locked" className="phone-locked">
          {t('settings.locked')}
        </p>
      )}
      {field(t('settings.server'), fixed?.server ?? server, setServer, {
        type: 'url',
        placeholder: 'wss://sip.example.com:7443',
        required: true,
        setByIt: locked,
      })}
      {field(t('settings.backupServer'), fixed ? (fixed.backupServer ?? '') : backupServer, setBackupServer, {
        type: 'url',
        placeholder: 'wss://sip2.example.com:7443',
        setByIt: locked,
      })}
      {field(t('settings.domain'), fixed?.domain ?? domain, setDomain, { placeholder: 'example.com', required: true, setByIt: locked })}
      {field(t('settings.username'), username, setUsername, { placeholder: '1001', required: true })}
      <label>
        {t('settings.password')}
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          placeholder={account?.hasPassword ? t('settings.keepPassword') : ''}
        />
      </label>
      {field(t('settings.authId'), authUsername, setAuthUsername)}
      {field(t('settings.displayName'), displayName, setDisplayName)}
      {problem && (
        <p role="alert" className="phone-problem">
          {problem}
        </p>
      )}
      <div className="phone-settings-actions">
        <button type="submit" disabled={busy}>
          {t('settings.save')}
        </button>
      </div>
    </form>
  );
}

const ROLES: readonly DeviceRole[] = ['microphone', 'speaker', 'ringer'];

type Translate = ReturnType<typeof useTranslation<'telephony'>>['t'];

/** A device role's name and what it is for, in the window's language. */
function roleText(t: Translate, role: DeviceRole): { label: string; help: string } {
  switch (role) {
    case 'microphone':
      return { label: t('devices.microphone'), help: t('settings.help.microphone') };
    case 'speaker':
      return { label: t('devices.speaker'), help: t('settings.help.speaker') };
    case 'ringer':
      return { label: t('devices.ringer'), help: t('settings.help.ringer') };
  }
}

function DeviceSettings() {
  const { t } = useTranslation('telephony');
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
      <section className="phone-settings" aria-label={t('devices.label')}>
        <h3>{t('devices.label')}</h3>
        <p className="phone-muted">{t('settings.noEngine')}</p>
      </section>
    );
  }

  const choose = (role: DeviceRole, options: DeviceOption[], id: string) => {
    const picked = options.find((o) => o.id === id);
    const choice: DeviceChoice | null = picked ? { id: picked.id, label: picked.name } : null;
    void runPhoneCommand('devices', (c) => c.invoke('telephony.setDevices', { [role]: choice })).then((next) => {
      if (next)
        setOutcome(
          t('settings.saved', { role: roleText(t, role).label, device: picked ? picked.label : t('settings.systemDefaultLower') }),
        );
    });
  };

  return (
    <section className="phone-settings" aria-label={t('devices.label')}>
      <h3>{t('devices.label')}</h3>
      {!snapshot.labelsKnown && (
        <p>
          {t('settings.namesHidden')}{' '}
          <button type="button" onClick={() => void engine.devices.refresh({ askForLabels: true })}>
            {t('settings.showNames')}
          </button>
        </p>
      )}
      {ROLES.map((role) => {
        const { label, help } = roleText(t, role);
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
              <option value="">{t('settings.systemDefault')}</option>
              {choice && !present && (
                <option value={`missing:${choice.id}`}>{t('settings.notConnected', { device: shownName(choice.label) })}</option>
              )}
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
            <span id={`phone-device-${role}-help`} className="phone-muted">
              {outputLocked
                ? t('settings.noOutputChoice')
                : resolution.using === 'fallback'
                  ? t('settings.fallback', { device: resolution.label ?? '' })
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
  const { t } = useTranslation('telephony');
  const { supported, connected, problem } = useHeadset();
  const [notifications, setNotifications] = useState(() => (typeof Notification === 'function' ? Notification.permission : 'denied'));
  const web = phoneClient()?.host === 'web';
  return (
    <section className="phone-settings" aria-label={t('settings.headset.title')}>
      <h3>{t('settings.headset.title')}</h3>
      <p className="phone-muted">
        {connected.length > 0 ? t('settings.headset.inUse', { devices: connected.join(', ') }) : t('settings.headset.none')}
      </p>
      {supported && (
        <button type="button" onClick={() => void connectHeadset()}>
          {t('settings.headset.connect')}
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
            {t('settings.headset.notifications')}
          </button>
        </p>
      )}
    </section>
  );
}
