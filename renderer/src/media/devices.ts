import { DEFAULT_DEVICE_PREFS, type DeviceChoice, type DevicePrefs } from '../../../shared/telephony/model';
import { TypedEmitter } from '../../../shared/events/typed-emitter';
import { i18n } from '../i18n';

export type DeviceRole = 'microphone' | 'speaker' | 'ringer';

export interface DeviceOption {
  id: string;
  /** The device's own name, '' when it has none: what a choice remembers (a shown "Unnamed device" would stay in one language). */
  name: string;
  /** The name as shown: its own, else "Unnamed device" in the window's language. */
  label: string;
}

/**
 * `deviceId` undefined: the system default. A fallback names the chosen device that is missing.
 * `label` is the name as shown; `name` the device's own ('' when it has none), for a sentence that
 * has a twin for a device without a name (the setup check's, shared/pre-shift/verdict.ts).
 */
export type DeviceResolution =
  | { deviceId: undefined; using: 'default'; label: null; name: null }
  | { deviceId: string; using: 'chosen'; label: string; name: string }
  | { deviceId: undefined; using: 'fallback'; label: string; name: string };

export type DeviceNotice =
  /** The chosen device disappeared; calls now use the default. */
  | { kind: 'fallback'; role: DeviceRole; label: string }
  /** The chosen device is back and in use again. */
  | { kind: 'restored'; role: DeviceRole; label: string }
  /** A device that looks like a headset appeared: the agent may want it. */
  | { kind: 'offer'; device: DeviceOption };

export interface DeviceSnapshot {
  inputs: DeviceOption[];
  outputs: DeviceOption[];
  prefs: DevicePrefs;
  /** Labels stay empty until the microphone was allowed once. */
  labelsKnown: boolean;
  /** The browser can route audio to a chosen output (setSinkId). */
  canChooseOutput: boolean;
}

const HEADSET = /headset|headphone|jabra|plantronics|poly|sennheiser|epos|logitech|yealink|usb audio|bluetooth|airpods|hands-free/i;

/**
 * The agent's audio devices: what exists, what was chosen (remembered in
 * main), and what is in use. Devices are matched by id, then by label: ids
 * can change when a headset is plugged into another port.
 */
export class DeviceManager {
  private prefs: DevicePrefs = DEFAULT_DEVICE_PREFS;
  private inputs: DeviceOption[] = [];
  private outputs: DeviceOption[] = [];
  private labelsKnown = false;
  private known = new Set<string>();
  private primed = false;
  // A failing listener is reported as an uncaught error (main's log, and it fails an e2e test), the others still run.
  private readonly events = new TypedEmitter<{ snapshot: DeviceSnapshot; notice: DeviceNotice; 'effective-change': DeviceRole[] }>(
    (_event, error) => reportError(error),
  );

  /** The last list read, kept so a change of language names its unnamed devices again. */
  private listed: MediaDeviceInfo[] | null = null;

  constructor() {
    navigator.mediaDevices?.addEventListener('devicechange', () => void this.onDeviceChange());
    i18n.on('languageChanged', () => {
      if (this.listed) this.apply(this.listed);
    });
  }

  snapshot(): DeviceSnapshot {
    return {
      inputs: [...this.inputs],
      outputs: [...this.outputs],
      prefs: this.prefs,
      labelsKnown: this.labelsKnown,
      canChooseOutput: typeof HTMLMediaElement.prototype.setSinkId === 'function',
    };
  }

  subscribe(listener: (snapshot: DeviceSnapshot) => void): () => void {
    const off = this.events.on('snapshot', listener);
    listener(this.snapshot());
    return off;
  }

  onNotice(listener: (notice: DeviceNotice) => void): () => void {
    return this.events.on('notice', listener);
  }

  /** Calls in progress listen here to switch devices when a chosen one comes or goes. */
  onEffectiveChange(listener: (roles: DeviceRole[]) => void): () => void {
    return this.events.on('effective-change', listener);
  }

  setPrefs(prefs: DevicePrefs): DeviceRole[] {
    const changed = (['microphone', 'speaker', 'ringer'] as const).filter((role) => !sameChoice(this.prefs[role], prefs[role]));
    this.prefs = prefs;
    this.emit();
    return changed;
  }

  getPrefs(): DevicePrefs {
    return this.prefs;
  }

  /** Reads the device list. Asks for the microphone once if labels are hidden (needed to tell devices apart). */
  async refresh(options: { askForLabels?: boolean } = {}): Promise<void> {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    let list = await navigator.mediaDevices.enumerateDevices();
    if (options.askForLabels && list.some((d) => d.kind === 'audioinput' && d.label === '')) {
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        for (const track of stream.getTracks()) track.stop();
        list = await navigator.mediaDevices.enumerateDevices();
      } catch {
        // The agent said no; choices stay "system default" and the UI says why.
      }
    }
    this.apply(list);
  }

  resolve(role: DeviceRole): DeviceResolution {
    const choice = this.prefs[role];
    if (!choice) return { deviceId: undefined, using: 'default', label: null, name: null };
    const pool = role === 'microphone' ? this.inputs : this.outputs;
    // Before the first enumeration we cannot know; trust the remembered id.
    if (!this.primed) return { deviceId: choice.id, using: 'chosen', label: shownName(choice.label), name: choice.label };
    const found = pool.find((d) => d.id === choice.id) ?? pool.find((d) => choice.label !== '' && d.name === choice.label);
    if (found) return { deviceId: found.id, using: 'chosen', label: found.label, name: found.name };
    return { deviceId: undefined, using: 'fallback', label: shownName(choice.label), name: choice.label };
  }

  /** Constraints for the call microphone: the chosen one, with the processing a headset call needs. */
  microphoneConstraints(): MediaTrackConstraints {
    const { deviceId } = this.resolve('microphone');
    return {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
    };
  }

  private async onDeviceChange(): Promise<void> {
    const before = {
      microphone: this.resolve('microphone'),
      speaker: this.resolve('speaker'),
      ringer: this.resolve('ringer'),
    };
    const previouslyKnown = new Set(this.known);
    await this.refresh();
    const changed: DeviceRole[] = [];
    for (const role of ['microphone', 'speaker', 'ringer'] as const) {
      const after = this.resolve(role);
      if (after.using === before[role].using && after.deviceId === before[role].deviceId) continue;
      changed.push(role);
      if (after.using === 'fallback') this.notify({ kind: 'fallback', role, label: after.label });
      if (after.using === 'chosen' && before[role].using === 'fallback') this.notify({ kind: 'restored', role, label: after.label });
    }
    if (changed.length > 0) this.events.emit('effective-change', changed);
    // Offer a newly plugged-in headset, unless it is already what is chosen.
    for (const device of this.inputs) {
      if (previouslyKnown.has(`in:${device.id}`) || !HEADSET.test(device.label)) continue;
      if (this.prefs.microphone?.id === device.id || (device.name !== '' && this.prefs.microphone?.label === device.name)) continue;
      this.notify({ kind: 'offer', device });
    }
  }

  private apply(list: MediaDeviceInfo[]): void {
    this.listed = list;
    // Only real devices are offered (below), so none is "default": a device without a label is unnamed.
    const option = (d: MediaDeviceInfo): DeviceOption => ({ id: d.deviceId, name: d.label, label: shownName(d.label) });
    // "default" and "communications" are aliases Chromium adds; the agent picks real devices or "System default".
    const real = (d: MediaDeviceInfo): boolean => d.deviceId !== '' && d.deviceId !== 'default' && d.deviceId !== 'communications';
    this.inputs = list.filter((d) => d.kind === 'audioinput' && real(d)).map(option);
    this.outputs = list.filter((d) => d.kind === 'audiooutput' && real(d)).map(option);
    this.labelsKnown = list.some((d) => d.label !== '');
    this.known = new Set([...this.inputs.map((d) => `in:${d.id}`), ...this.outputs.map((d) => `out:${d.id}`)]);
    this.primed = true;
    this.emit();
  }

  private notify(notice: DeviceNotice): void {
    this.events.emit('notice', notice);
  }

  private emit(): void {
    this.events.emit('snapshot', this.snapshot());
  }
}

/** A device's name as the window shows it: "Unnamed device" (in the window's language) for one without. */
export function shownName(name: string): string {
  return name || i18n.t('telephony:devices.unnamed');
}

function sameChoice(a: DeviceChoice | null, b: DeviceChoice | null): boolean {
  return (a?.id ?? null) === (b?.id ?? null) && (a?.label ?? null) === (b?.label ?? null);
}
