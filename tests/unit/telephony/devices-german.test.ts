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
      { id: 'mic-1', label: 'Jabra Evolve 40' },
      { id: 'mic-2', label: 'Unbenanntes Gerät' },
    ]);
    expect(devices.snapshot().outputs).toEqual([{ id: 'spk-1', label: 'Unbenanntes Gerät' }]);

    await i18n.changeLanguage('en');
    expect(devices.snapshot().outputs).toEqual([{ id: 'spk-1', label: 'Unnamed device' }]);
  });
});
