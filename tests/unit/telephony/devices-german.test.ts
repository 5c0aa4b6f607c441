import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceManager } from '../../../renderer/src/media/devices';
import { i18n } from '../../../renderer/src/i18n/i18n';

/** What Chromium's enumerateDevices lists: its "default" and "communications" aliases, then the real devices. */
function listed(kind: MediaDeviceKind, deviceId: string, label: string): MediaDeviceInfo {
  return { kind, deviceId, label, groupId: 'g', toJSON: () => ({}) };
}

const DEVICES = [
  listed('audioinput', 'default', 'Default - Jabra Evolve 40'),
  listed('audioinput', 'communications', 'Communications - Jabra Evolve 40'),
  listed('audioinput', 'mic-1', 'Jabra Evolve 40'),
  listed('audioinput', 'mic-2', ''),
  listed('audiooutput', 'default', ''),
  listed('audiooutput', 'spk-1', ''),
];

beforeEach(() => {
  // The browser's device list is the one part a Node test has to play; the manager is the real one.
  vi.stubGlobal('navigator', { mediaDevices: { enumerateDevices: () => Promise.resolve(DEVICES), addEventListener: () => undefined } });
  vi.stubGlobal('HTMLMediaElement', class {});
});
afterEach(async () => {
  // The manager lives as long as the window and keeps listening: back to English while it still has its devices.
  await i18n.changeLanguage('en');
  vi.unstubAllGlobals();
});

describe('the audio devices offered', () => {
  it("offers the real devices only, naming one without a name in the agent's language", async () => {
    await i18n.changeLanguage('de');
    const devices = new DeviceManager();
    await devices.refresh();
    expect(devices.snapshot().inputs).toEqual([
      { id: 'mic-1', name: 'Jabra Evolve 40', label: 'Jabra Evolve 40' },
      { id: 'mic-2', name: '', label: 'Unbenanntes Gerät' },
    ]);
    expect(devices.snapshot().outputs).toEqual([{ id: 'spk-1', name: '', label: 'Unbenanntes Gerät' }]);

    await i18n.changeLanguage('en');
    expect(devices.snapshot().outputs).toEqual([{ id: 'spk-1', name: '', label: 'Unnamed device' }]);
  });

  it('a chosen device without a name is remembered without one, and named in the language shown when it is missing', async () => {
    const devices = new DeviceManager();
    await devices.refresh();
    // What Phone settings saves for the unnamed microphone: its own name, not the English words shown for it.
    const unnamed = devices.snapshot().inputs.find((d) => d.id === 'mic-2')!;
    devices.setPrefs({ microphone: { id: unnamed.id, label: unnamed.name }, speaker: { id: 'spk-gone', label: '' }, ringer: null });
    expect(devices.resolve('microphone')).toEqual({ deviceId: 'mic-2', using: 'chosen', label: 'Unnamed device', name: '' });
    expect(devices.resolve('speaker')).toEqual({ deviceId: undefined, using: 'fallback', label: 'Unnamed device', name: '' });

    await i18n.changeLanguage('de');
    expect(devices.resolve('speaker')).toMatchObject({ using: 'fallback', label: 'Unbenanntes Gerät', name: '' });
    // A named device still matches by its name when its id changed (another USB port).
    devices.setPrefs({ microphone: { id: 'mic-old-port', label: 'Jabra Evolve 40' }, speaker: null, ringer: null });
    expect(devices.resolve('microphone')).toEqual({
      deviceId: 'mic-1',
      using: 'chosen',
      label: 'Jabra Evolve 40',
      name: 'Jabra Evolve 40',
    });
    expect(devices.resolve('speaker')).toEqual({ deviceId: undefined, using: 'default', label: null, name: null });
  });
});
