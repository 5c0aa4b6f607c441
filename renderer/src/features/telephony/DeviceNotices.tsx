import { useEffect, useState } from 'react';
import type { DeviceNotice, DeviceOption } from '../../media/devices';
import { getMediaEngine } from '../../media/engine';
import { runPhoneCommand, useTelephony } from './telephony-state';

const ROLE_TEXT = { microphone: 'Microphone', speaker: 'Speaker', ringer: 'Ringer' } as const;

interface Shown {
  id: number;
  notice: DeviceNotice;
}

let nextId = 1;

/** The agent's devices when the chosen one is unplugged (fallback), comes back, or a headset is plugged in (offered). */
export function DeviceNotices() {
  const [notices, setNotices] = useState<Shown[]>([]);
  useEffect(() => {
    const engine = getMediaEngine();
    if (!engine) return;
    return engine.devices.onNotice((notice) => setNotices((list) => [...list, { id: nextId++, notice }].slice(-3)));
  }, []);
  if (notices.length === 0) return null;
  const dismiss = (id: number) => setNotices((list) => list.filter((n) => n.id !== id));
  return (
    <div className="phone-device-notices" role="status" aria-label="Audio devices">
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
              Use {notice.device.label}
            </button>
          )}{' '}
          <button type="button" onClick={() => dismiss(id)} aria-label={`Dismiss: ${noticeText(notice)}`}>
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}

export function noticeText(notice: DeviceNotice): string {
  switch (notice.kind) {
    case 'fallback':
      return `${ROLE_TEXT[notice.role]} "${notice.label}" is not connected: using the system default until it is back.`;
    case 'restored':
      return `${ROLE_TEXT[notice.role]} "${notice.label}" is back and in use.`;
    case 'offer':
      return `Headset "${notice.device.label}" plugged in.`;
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
      microphone: { id: device.id, label: device.label },
      speaker: output ? { id: output.id, label: output.label } : prefs.speaker,
    }),
  );
}
