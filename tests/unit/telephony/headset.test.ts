import { describe, expect, it } from 'vitest';
import {
  buildLedReports,
  HeadsetTracker,
  headsetLayout,
  parseInputReport,
  readBits,
  USAGE,
  type HidCollectionLike,
} from '../../../renderer/src/features/telephony/headset';

const LINE_BUSY = (0x0b << 16) | 0x97;
const PLAY_PAUSE = (0x0c << 16) | 0xcd;

/** Shaped like a Jabra Evolve's WebHID `collections`: a consumer-control collection and a telephony (headset) collection. */
function jabraLike(options: { hookAbsolute?: boolean } = {}): HidCollectionLike[] {
  return [
    {
      usagePage: 0x0c,
      usage: 0x01,
      inputReports: [
        {
          reportId: 1,
          items: [
            { usages: [PLAY_PAUSE], reportSize: 1, reportCount: 1, isAbsolute: false },
            { reportSize: 7, reportCount: 1 },
          ],
        },
      ],
    },
    {
      usagePage: 0x0b,
      usage: 0x05,
      inputReports: [
        {
          reportId: 2,
          items: [
            { usages: [USAGE.hookSwitch], reportSize: 1, reportCount: 1, isAbsolute: options.hookAbsolute ?? true },
            { usages: [LINE_BUSY], reportSize: 1, reportCount: 1, isAbsolute: true },
            { usages: [USAGE.phoneMute], reportSize: 1, reportCount: 1, isAbsolute: false },
            { reportSize: 5, reportCount: 1 },
          ],
        },
      ],
      outputReports: [
        {
          reportId: 2,
          items: [
            { usages: [USAGE.ledOffHook], reportSize: 1, reportCount: 1 },
            { usages: [USAGE.ledMute], reportSize: 1, reportCount: 1 },
            { usages: [USAGE.ledRing], reportSize: 1, reportCount: 1 },
            { usages: [USAGE.ledHold], reportSize: 1, reportCount: 1 },
            { reportSize: 4, reportCount: 1 },
          ],
        },
      ],
    },
  ];
}

const bytes = (...values: number[]) => new Uint8Array(values);
const ringing = { ringing: true, inCall: false };
const talking = { ringing: false, inCall: true };
const idle = { ringing: false, inCall: false };

describe('headset report layout (WebHID collections)', () => {
  it('finds hook switch and phone mute in the telephony collection and ignores other pages', () => {
    const layout = headsetLayout(jabraLike());
    expect(layout.usable).toBe(true);
    expect(layout.inputs.has(1)).toBe(false);
    expect(layout.inputs.get(2)?.map((f) => [f.control, f.field.bitOffset])).toEqual([
      ['hookSwitch', 0],
      ['phoneMute', 2],
    ]);
    expect(parseInputReport(layout, 2, bytes(0b001))).toEqual({ hookSwitch: true, phoneMute: false });
    expect(parseInputReport(layout, 2, bytes(0b110))).toEqual({ hookSwitch: false, phoneMute: true });
    expect(parseInputReport(layout, 1, bytes(0xff))).toEqual({});
  });

  it('a device without a telephony collection is not usable for calls', () => {
    const layout = headsetLayout(jabraLike().slice(0, 1));
    expect(layout.usable).toBe(false);
    expect(buildLedReports(layout, { offHook: true })).toEqual([]);
  });

  it('reads usage ranges and array fields', () => {
    const ranged = headsetLayout([
      {
        usagePage: 0x0b,
        inputReports: [
          {
            reportId: 3,
            items: [
              { isRange: true, usageMinimum: USAGE.hookSwitch, usageMaximum: USAGE.flash, reportSize: 1, reportCount: 2 },
              { reportSize: 6, reportCount: 1 },
            ],
          },
        ],
      },
    ]);
    expect(parseInputReport(ranged, 3, bytes(0b10))).toEqual({ hookSwitch: false, flash: true });

    const array = headsetLayout([
      {
        usagePage: 0x0b,
        inputReports: [
          {
            reportId: 4,
            items: [{ isArray: true, usages: [USAGE.hookSwitch, USAGE.phoneMute], logicalMinimum: 1, reportSize: 8, reportCount: 2 }],
          },
        ],
      },
    ]);
    expect(array.usable).toBe(true);
    expect(parseInputReport(array, 4, bytes(2, 0))).toEqual({ hookSwitch: false, phoneMute: true });
    expect(parseInputReport(array, 4, bytes(1, 2))).toEqual({ hookSwitch: true, phoneMute: true });
    expect(parseInputReport(array, 4, bytes(0, 0))).toEqual({ hookSwitch: false, phoneMute: false });
  });

  it('reads fields that cross byte boundaries, least significant bit first', () => {
    expect(readBits(bytes(0b1000_0000, 0b0000_0001), 7, 2)).toBe(0b11);
    expect(readBits(bytes(0x34, 0x12), 0, 16)).toBe(0x1234);
    expect(readBits(bytes(0xff), 6, 4)).toBe(0b11); // bits past the end read as 0
  });

  it('builds the LED output report the headset expects', () => {
    const layout = headsetLayout(jabraLike());
    expect(buildLedReports(layout, { offHook: true, mute: true, ring: false })).toEqual([{ reportId: 2, data: bytes(0b0011) }]);
    expect(buildLedReports(layout, { ring: true })).toEqual([{ reportId: 2, data: bytes(0b0100) }]);
    expect(buildLedReports(layout, { offHook: true, hold: true })).toEqual([{ reportId: 2, data: bytes(0b1001) }]);
  });
});

describe('headset buttons → phone actions', () => {
  it('absolute hook switch: off-hook answers a ringing call, on-hook hangs up', () => {
    const tracker = new HeadsetTracker(headsetLayout(jabraLike()));
    expect(tracker.onReport(2, bytes(0b001), ringing)).toEqual(['answer']);
    tracker.hostOffHook = true; // the app answered and lit the off-hook LED
    expect(tracker.onReport(2, bytes(0b000), talking)).toEqual(['hangup']);
    tracker.hostOffHook = false;
    // Going on-hook with no call, or off-hook with nothing ringing, does nothing.
    expect(tracker.onReport(2, bytes(0b001), idle)).toEqual([]);
    expect(tracker.onReport(2, bytes(0b000), idle)).toEqual([]);
  });

  it('ignores the headset echoing the off-hook LED the app set (no second answer, no hang-up)', () => {
    const tracker = new HeadsetTracker(headsetLayout(jabraLike()));
    // The agent answered with the mouse; the app sets off-hook, the headset reports hook switch = 1 back.
    tracker.hostOffHook = true;
    expect(tracker.onReport(2, bytes(0b001), { ringing: true, inCall: true })).toEqual([]);
    // The call ended from the far end; the app clears off-hook and the headset echoes 0.
    tracker.hostOffHook = false;
    expect(tracker.onReport(2, bytes(0b000), { ringing: false, inCall: true })).toEqual([]);
  });

  it('momentary hook button: each press answers or hangs up, releases do nothing', () => {
    const tracker = new HeadsetTracker(headsetLayout(jabraLike({ hookAbsolute: false })));
    expect(tracker.onReport(2, bytes(0b001), ringing)).toEqual(['answer']);
    expect(tracker.onReport(2, bytes(0b000), talking)).toEqual([]);
    expect(tracker.onReport(2, bytes(0b001), talking)).toEqual(['hangup']);
    expect(tracker.onReport(2, bytes(0b000), idle)).toEqual([]);
  });

  it('phone mute toggles once per press, only during a call', () => {
    const tracker = new HeadsetTracker(headsetLayout(jabraLike()));
    tracker.hostOffHook = true;
    expect(tracker.onReport(2, bytes(0b101), talking)).toEqual(['toggle-mute']);
    expect(tracker.onReport(2, bytes(0b101), talking)).toEqual([]); // still held down
    expect(tracker.onReport(2, bytes(0b001), talking)).toEqual([]); // released
    expect(tracker.onReport(2, bytes(0b101), talking)).toEqual(['toggle-mute']);
    expect(tracker.onReport(2, bytes(0b001), talking)).toEqual([]);
    tracker.hostOffHook = false;
    expect(tracker.onReport(2, bytes(0b100), idle)).toEqual([]);
  });

  it('reports from other collections never act', () => {
    const tracker = new HeadsetTracker(headsetLayout(jabraLike()));
    expect(tracker.onReport(1, bytes(0xff), ringing)).toEqual([]);
  });
});
