/**
 * Headset call buttons.
 *
 * USB headsets (Jabra, Poly, EPOS, Yealink…) expose a HID collection on the
 * Telephony usage page (0x0B): Hook Switch (answer / hang up) and Phone Mute,
 * and LEDs (page 0x08: Off-Hook, Mute, Ring) the host must keep in step or the
 * headset's idea of "in a call" drifts from the app's. WebHID gives us the
 * report layout (collections → reports → items) and raw reports; the pure
 * functions here turn those into button actions and LED reports, so they are
 * unit-tested without a device. Where WebHID or a telephony collection is
 * missing, the media keys (MediaPlayPause, the Media Session "hangup" and
 * "togglemicrophone" actions) are the fallback.
 */

export const TELEPHONY_PAGE = 0x0b;
export const LED_PAGE = 0x08;

/** Extended usages (page << 16 | id), as WebHID reports them in `items[].usages`. */
export const USAGE = {
  hookSwitch: (TELEPHONY_PAGE << 16) | 0x20,
  flash: (TELEPHONY_PAGE << 16) | 0x21,
  drop: (TELEPHONY_PAGE << 16) | 0x26,
  phoneMute: (TELEPHONY_PAGE << 16) | 0x2f,
  ledMute: (LED_PAGE << 16) | 0x09,
  ledOffHook: (LED_PAGE << 16) | 0x17,
  ledRing: (LED_PAGE << 16) | 0x18,
  ledHold: (LED_PAGE << 16) | 0x20,
} as const;

export type HeadsetControl = 'hookSwitch' | 'phoneMute' | 'flash' | 'drop';
export type HeadsetLed = 'offHook' | 'mute' | 'ring' | 'hold';

const CONTROL_BY_USAGE = new Map<number, HeadsetControl>([
  [USAGE.hookSwitch, 'hookSwitch'],
  [USAGE.phoneMute, 'phoneMute'],
  [USAGE.flash, 'flash'],
  [USAGE.drop, 'drop'],
]);
const LED_BY_USAGE = new Map<number, HeadsetLed>([
  [USAGE.ledOffHook, 'offHook'],
  [USAGE.ledMute, 'mute'],
  [USAGE.ledRing, 'ring'],
  [USAGE.ledHold, 'hold'],
]);

// ------------------------------------------------------------------ WebHID shapes (TypeScript's DOM lib has none)

export interface HidReportItemLike {
  usages?: number[];
  usageMinimum?: number;
  usageMaximum?: number;
  isRange?: boolean;
  isArray?: boolean;
  isAbsolute?: boolean;
  reportSize?: number;
  reportCount?: number;
  logicalMinimum?: number;
}

export interface HidReportInfoLike {
  reportId?: number;
  items?: HidReportItemLike[];
}

export interface HidCollectionLike {
  usagePage?: number;
  usage?: number;
  inputReports?: HidReportInfoLike[];
  outputReports?: HidReportInfoLike[];
  children?: HidCollectionLike[];
}

/** One value in a report: where its bits are and what it means. */
export interface HidField {
  reportId: number;
  bitOffset: number;
  bitSize: number;
  isAbsolute: boolean;
  /** Variable field: the usage. Array field: the usages its values index (value - logicalMinimum). */
  usage: number | null;
  arrayUsages: number[] | null;
  logicalMinimum: number;
}

export interface HeadsetLayout {
  /** Input fields for telephony controls, by report id. */
  inputs: Map<number, { control: HeadsetControl; field: HidField }[]>;
  /** Output fields for LEDs, by report id, with every field's size so a report can be built. */
  outputs: Map<number, { led: HeadsetLed; field: HidField }[]>;
  /** Byte length of each output report (without the id byte). */
  outputLengths: Map<number, number>;
  /** The device has a Hook Switch or Phone Mute input: it can be used for calls. */
  usable: boolean;
}

function usageFor(item: HidReportItemLike, index: number): number | null {
  if (item.isRange) {
    if (item.usageMinimum === undefined) return null;
    const usage = item.usageMinimum + index;
    return item.usageMaximum !== undefined && usage > item.usageMaximum ? null : usage;
  }
  const usages = item.usages ?? [];
  if (usages.length === 0) return null;
  return usages[Math.min(index, usages.length - 1)] ?? null;
}

function arrayUsages(item: HidReportItemLike): number[] {
  if (item.isRange && item.usageMinimum !== undefined && item.usageMaximum !== undefined) {
    const list: number[] = [];
    for (let u = item.usageMinimum; u <= item.usageMaximum && list.length < 1024; u++) list.push(u);
    return list;
  }
  return item.usages ?? [];
}

/** Lays out every field of the given reports; bit offsets accumulate per report id in descriptor order. */
function fieldsOf(
  collections: readonly HidCollectionLike[],
  which: 'inputReports' | 'outputReports',
): { fields: HidField[]; bits: Map<number, number> } {
  const bits = new Map<number, number>();
  const fields: HidField[] = [];
  const walk = (collection: HidCollectionLike): void => {
    for (const report of collection[which] ?? []) {
      const reportId = report.reportId ?? 0;
      for (const item of report.items ?? []) {
        const size = item.reportSize ?? 0;
        const count = item.reportCount ?? 0;
        for (let i = 0; i < count; i++) {
          const offset = bits.get(reportId) ?? 0;
          fields.push({
            reportId,
            bitOffset: offset,
            bitSize: size,
            isAbsolute: item.isAbsolute ?? true,
            usage: item.isArray ? null : usageFor(item, i),
            arrayUsages: item.isArray ? arrayUsages(item) : null,
            logicalMinimum: item.logicalMinimum ?? 0,
          });
          bits.set(reportId, offset + size);
        }
      }
    }
    for (const child of collection.children ?? []) walk(child);
  };
  for (const collection of collections) walk(collection);
  return { fields, bits };
}

/** Finds the telephony buttons and LEDs in a device's report descriptor (WebHID `device.collections`). */
export function headsetLayout(collections: readonly HidCollectionLike[]): HeadsetLayout {
  const telephony = collections.filter((c) => c.usagePage === TELEPHONY_PAGE);
  const inputs = new Map<number, { control: HeadsetControl; field: HidField }[]>();
  const outputs = new Map<number, { led: HeadsetLed; field: HidField }[]>();
  const outputLengths = new Map<number, number>();
  const input = fieldsOf(telephony, 'inputReports');
  for (const field of input.fields) {
    const candidates = field.usage !== null ? [field.usage] : (field.arrayUsages ?? []);
    for (const usage of candidates) {
      const control = CONTROL_BY_USAGE.get(usage);
      if (!control) continue;
      const list = inputs.get(field.reportId) ?? [];
      // An array field can carry several controls; each is found by its index when parsed.
      list.push({ control, field });
      inputs.set(field.reportId, list);
      if (field.usage !== null) break;
    }
  }
  const output = fieldsOf(telephony, 'outputReports');
  for (const field of output.fields) {
    if (field.usage === null) continue;
    const led = LED_BY_USAGE.get(field.usage);
    if (!led) continue;
    const list = outputs.get(field.reportId) ?? [];
    list.push({ led, field });
    outputs.set(field.reportId, list);
  }
  for (const [reportId, bits] of output.bits) if (outputs.has(reportId)) outputLengths.set(reportId, Math.ceil(bits / 8));
  const usable = [...inputs.values()].some((list) => list.some((f) => f.control === 'hookSwitch' || f.control === 'phoneMute'));
  return { inputs, outputs, outputLengths, usable };
}

/** Reads `size` bits at `offset` (HID order: least significant bit first). */
export function readBits(data: Uint8Array, offset: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size && i < 32; i++) {
    const bit = offset + i;
    const byte = data[bit >> 3];
    if (byte === undefined) break;
    if ((byte >> (bit & 7)) & 1) value += 2 ** i;
  }
  return value;
}

function writeBits(data: Uint8Array, offset: number, size: number, value: number): void {
  for (let i = 0; i < size && i < 32; i++) {
    const bit = offset + i;
    const index = bit >> 3;
    if (index >= data.length) return;
    const on = Math.floor(value / 2 ** i) % 2 === 1;
    data[index] = on ? (data[index] ?? 0) | (1 << (bit & 7)) : (data[index] ?? 0) & ~(1 << (bit & 7));
  }
}

/** The telephony controls in one input report (only those the report carries). */
export function parseInputReport(layout: HeadsetLayout, reportId: number, data: Uint8Array): Partial<Record<HeadsetControl, boolean>> {
  const result: Partial<Record<HeadsetControl, boolean>> = {};
  for (const { control, field } of layout.inputs.get(reportId) ?? []) {
    const value = readBits(data, field.bitOffset, field.bitSize);
    if (field.arrayUsages) {
      const usage = field.arrayUsages[value - field.logicalMinimum];
      // Array fields name the pressed controls; a control is up when no slot names it.
      result[control] = (result[control] ?? false) || CONTROL_BY_USAGE.get(usage ?? -1) === control;
    } else {
      result[control] = value !== 0;
    }
  }
  return result;
}

/** Output reports that set the headset's LEDs (off-hook, mute, ring) to the app's state. */
export function buildLedReports(
  layout: HeadsetLayout,
  leds: Partial<Record<HeadsetLed, boolean>>,
): { reportId: number; data: Uint8Array<ArrayBuffer> }[] {
  const reports: { reportId: number; data: Uint8Array<ArrayBuffer> }[] = [];
  for (const [reportId, fields] of layout.outputs) {
    const data = new Uint8Array(new ArrayBuffer(layout.outputLengths.get(reportId) ?? 1));
    for (const { led, field } of fields) writeBits(data, field.bitOffset, field.bitSize, leds[led] ? 1 : 0);
    reports.push({ reportId, data });
  }
  return reports;
}

export type HeadsetAction = 'answer' | 'hangup' | 'toggle-mute' | 'flash';

/** What the app knows about calls when a report arrives. */
export interface PhoneSituation {
  ringing: boolean;
  /** A call is up (or being set up). */
  inCall: boolean;
}

/**
 * Turns a headset's reports into actions. Hook Switch is usually absolute
 * (the device flips "off-hook" when its button is pressed and reports the new
 * state); some headsets send it as a momentary button instead. Jabra headsets
 * also echo the off-hook LED back as a hook-switch report: a report that only
 * agrees with what the app told the headset is not a button press.
 */
export class HeadsetTracker {
  private last: Partial<Record<HeadsetControl, boolean>> = {};
  /** The off-hook state the app last set on the headset's LED. */
  hostOffHook = false;

  constructor(private readonly layout: HeadsetLayout) {}

  onReport(reportId: number, data: Uint8Array, situation: PhoneSituation): HeadsetAction[] {
    const now = parseInputReport(this.layout, reportId, data);
    const actions: HeadsetAction[] = [];
    const absolute = (control: HeadsetControl) =>
      (this.layout.inputs.get(reportId) ?? []).find((f) => f.control === control)?.field.isAbsolute ?? true;

    if (now.hookSwitch !== undefined) {
      const before = this.last.hookSwitch ?? this.hostOffHook;
      if (absolute('hookSwitch')) {
        if (now.hookSwitch !== before && now.hookSwitch !== this.hostOffHook) {
          if (now.hookSwitch && situation.ringing) actions.push('answer');
          else if (!now.hookSwitch && situation.inCall) actions.push('hangup');
        }
      } else if (now.hookSwitch && !(this.last.hookSwitch ?? false)) {
        // A momentary hook button: each press answers or hangs up.
        if (situation.ringing) actions.push('answer');
        else if (situation.inCall) actions.push('hangup');
      }
    }
    // Phone Mute is a button on nearly every headset (1 while pressed): each press toggles.
    if (now.phoneMute && !(this.last.phoneMute ?? false) && situation.inCall) actions.push('toggle-mute');
    if (now.flash && !(this.last.flash ?? false) && situation.inCall) actions.push('flash');
    if (now.drop && !(this.last.drop ?? false) && situation.inCall) actions.push('hangup');
    this.last = { ...this.last, ...now };
    return actions;
  }
}
