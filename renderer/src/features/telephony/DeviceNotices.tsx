import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n';
import type { DeviceNotice, DeviceOption, DeviceRole } from '../../media/devices';
import { getMediaEngine } from '../../media/engine';
import { runPhoneCommand, useTelephony } from './telephony-state';

/** A device role as the start of a sentence, in the window's language. */
function roleWords(role: DeviceRole): string {
  return role === 'microphone'
    ? i18n.t('telephony:devices.microphone')
    : role === 'speaker'
      ? i18n.t('telephony:devices.speaker')
      : i18n.t('telephony:devices.ringer');
}

interface Shown {
  id: number;
  notice: DeviceNotice;
}

let nextId = 1;

/** The agent's devices when the chosen one is unplugged (fallback), comes back, or a headset is plugged in (offered). */
export function DeviceNotices() {
  const { t } = useTranslation('telephony');
  const [notices, setNotices] = useState<Shown[]>([]);
  useEffect(() => {
    const engine = getMediaEngine();
    if (!engine) return;
    return engine.devices.onNotice((notice) => setNotices((list) => [...list, { id: nextId++, notice }].slice(-3)));
  }, []);
  if (notices.length === 0) return null;
  const dismiss = (id: number) => setNotices((list) => list.filter((n) => n.id !== id));
  return (
    <div className="phone-device-notices" role="status" aria-label={t('devices.label')}>
      {notices.map(({ id, notice }) => (
        <p key={id} className="phone-device-notice">
          {noticeText(notice)}{' '}
          {notice.kind === 'offer' && (
            <button
              type="button"
              onClick={() => {
                void switchToHeadset(notice.device);
                dismiss(id);
              }}
            >
              {t('devices.use', { device: notice.device.label })}
            </button>
          )}{' '}
          <button type="button" onClick={() => dismiss(id)} aria-label={t('devices.dismissName', { notice: noticeText(notice) })}>
            {t('devices.dismiss')}
          </button>
        </p>
      ))}
    </div>
  );
}

export function noticeText(notice: DeviceNotice): string {
  switch (notice.kind) {
    case 'fallback':
      return i18n.t('telephony:devices.fallback', { role: roleWords(notice.role), device: notice.label });
    case 'restored':
      return i18n.t('telephony:devices.restored', { role: roleWords(notice.role), device: notice.label });
    case 'offer':
      return i18n.t('telephony:devices.offer', { device: notice.device.label });
  }
}

/** Uses a newly plugged-in headset for calls: its microphone, and its earpiece if it has one with the same name. */
async function switchToHeadset(device: DeviceOption): Promise<void> {
  const engine = getMediaEngine();
  const output = engine?.devices
    .snapshot()
    .outputs.find((o) => o.label === device.label || o.label.includes(device.label) || device.label.includes(o.label));
  const prefs = useTelephony.getState().devices;
  await runPhoneCommand('devices', (c) =>
    c.invoke('telephony.setDevices', {
      microphone: { id: device.id, label: device.name },
      speaker: output ? { id: output.id, label: output.name } : prefs.speaker,
    }),
  );
}
