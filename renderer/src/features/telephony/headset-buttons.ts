import { i18n } from '../../i18n';
import { create } from 'zustand';
import {
  buildLedReports,
  HeadsetTracker,
  headsetLayout,
  TELEPHONY_PAGE,
  type HeadsetAction,
  type HidCollectionLike,
  type HeadsetLayout,
} from './headset';
import { primaryCall, ringingCalls } from './telephony-model';
import { answerRinging, hangupPrimary, toggleHoldPrimary, toggleMutePrimary, useTelephony } from './telephony-state';

/** The parts of WebHID this uses (TypeScript's DOM lib does not describe WebHID). */
interface HidDeviceLike {
  productName: string;
  opened: boolean;
  collections: HidCollectionLike[];
  open(): Promise<void>;
  close(): Promise<void>;
  sendReport(reportId: number, data: BufferSource): Promise<void>;
  addEventListener(type: 'inputreport', listener: (event: { reportId: number; data: DataView; device: HidDeviceLike }) => void): void;
}

interface HidLike {
  getDevices(): Promise<HidDeviceLike[]>;
  requestDevice(options: { filters: { usagePage?: number }[] }): Promise<HidDeviceLike[]>;
  addEventListener(type: 'connect' | 'disconnect', listener: (event: { device: HidDeviceLike }) => void): void;
}

interface HeadsetStore {
  /** WebHID exists in this window (Chromium, Electron). */
  supported: boolean;
  /** Names of headsets whose call buttons are in use. */
  connected: string[];
  problem: string | null;
}

export const useHeadset = create<HeadsetStore>()(() => ({ supported: false, connected: [], problem: null }));

interface Attached {
  device: HidDeviceLike;
  layout: HeadsetLayout;
  tracker: HeadsetTracker;
}

const attached = new Map<HidDeviceLike, Attached>();

function hid(): HidLike | null {
  const candidate = (navigator as Navigator & { hid?: HidLike }).hid;
  return candidate && typeof candidate.getDevices === 'function' ? candidate : null;
}

function run(action: HeadsetAction): void {
  if (action === 'answer') answerRinging();
  else if (action === 'hangup') hangupPrimary();
  else if (action === 'toggle-mute') toggleMutePrimary();
  else toggleHoldPrimary();
}

function situation(): { ringing: boolean; inCall: boolean } {
  const { calls } = useTelephony.getState();
  return { ringing: ringingCalls(calls).length > 0, inCall: primaryCall(calls) !== null };
}

async function attach(device: HidDeviceLike): Promise<void> {
  if (attached.has(device)) return;
  const layout = headsetLayout(device.collections);
  if (!layout.usable) return;
  try {
    if (!device.opened) await device.open();
  } catch {
    useHeadset.setState({ problem: i18n.t('telephony:settings.headset.buttonsTaken', { device: device.productName }) });
    return;
  }
  const entry: Attached = { device, layout, tracker: new HeadsetTracker(layout) };
  attached.set(device, entry);
  device.addEventListener('inputreport', (event) => {
    const data = new Uint8Array(event.data.buffer, event.data.byteOffset, event.data.byteLength);
    for (const action of entry.tracker.onReport(event.reportId, data, situation())) run(action);
  });
  useHeadset.setState((s) => ({ connected: [...s.connected.filter((n) => n !== device.productName), device.productName], problem: null }));
  await syncLeds();
}

function detach(device: HidDeviceLike): void {
  if (!attached.delete(device)) return;
  useHeadset.setState((s) => ({ connected: s.connected.filter((n) => n !== device.productName) }));
}

/** Keeps each headset's LEDs (off-hook, mute, ring) in step with the calls. */
async function syncLeds(): Promise<void> {
  const { calls } = useTelephony.getState();
  const call = primaryCall(calls);
  const offHook = call !== null;
  const leds = { offHook, mute: call?.muted ?? false, ring: ringingCalls(calls).length > 0, hold: call?.status === 'held' };
  for (const entry of attached.values()) {
    entry.tracker.hostOffHook = offHook;
    for (const report of buildLedReports(entry.layout, leds)) {
      await entry.device.sendReport(report.reportId, report.data).catch(() => undefined);
    }
  }
}

/**
 * Uses the call buttons of headsets the agent allowed before, follows plug
 * and unplug, and falls back to media keys. Call once at start-up.
 */
export function startHeadsetButtons(): () => void {
  const api = hid();
  useHeadset.setState({ supported: api !== null });
  if (api) {
    api.addEventListener('connect', ({ device }) => void attach(device));
    api.addEventListener('disconnect', ({ device }) => detach(device));
    void api
      .getDevices()
      .then((devices) => Promise.all(devices.map(attach)))
      .catch(() => undefined);
  }
  const offLeds = useTelephony.subscribe((state, previous) => {
    if (state.calls !== previous.calls && attached.size > 0) void syncLeds();
  });
  const offMedia = bindMediaSession();
  return () => {
    offLeds();
    offMedia();
  };
}

/** Asks the agent to pick a headset (needs a click: WebHID's chooser). */
export async function connectHeadset(): Promise<void> {
  const api = hid();
  if (!api) {
    useHeadset.setState({ problem: i18n.t('telephony:settings.headset.noWebHid') });
    return;
  }
  try {
    const devices = await api.requestDevice({ filters: [{ usagePage: TELEPHONY_PAGE }] });
    if (devices.length === 0) return;
    for (const device of devices) await attach(device);
    if (!devices.some((d) => attached.has(d))) useHeadset.setState({ problem: i18n.t('telephony:settings.headset.noButtons') });
  } catch (error) {
    useHeadset.setState({ problem: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Media Session actions: Bluetooth headsets and keyboards send these when the
 * window has the audio focus. "hangup" and "togglemicrophone" exist in newer
 * Chromium; play/pause is the single button most headsets have.
 */
function bindMediaSession(): () => void {
  const session = (navigator as Navigator & { mediaSession?: MediaSession }).mediaSession;
  if (!session) return () => undefined;
  const set = (action: string, handler: (() => void) | null) => {
    try {
      session.setActionHandler(action as MediaSessionAction, handler);
    } catch {
      // This Chromium does not know the action.
    }
  };
  const hook = () => void (answerRinging() || hangupPrimary());
  set('play', hook);
  set('pause', hook);
  set('hangup', () => void hangupPrimary());
  set('togglemicrophone', () => void toggleMutePrimary());
  return () => {
    for (const action of ['play', 'pause', 'hangup', 'togglemicrophone']) set(action, null);
  };
}
