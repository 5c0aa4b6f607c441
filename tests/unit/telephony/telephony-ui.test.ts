import { describe, expect, it } from 'vitest';
import type { Call, QualitySample } from '../../../shared/telephony/model';
import { formatClock } from '../../../renderer/src/i18n/format';
import {
  callStart,
  describeCall,
  describeQuality,
  KEYPAD_KEYS,
  otherHeldCalls,
  primaryCall,
  ringingCalls,
  upsertCall,
} from '../../../renderer/src/features/telephony/telephony-model';
import { isEditableTarget, shortcutFor, type KeyLike } from '../../../renderer/src/features/telephony/shortcuts';

function call(id: string, status: Call['status'], extra: Partial<Call> = {}): Call {
  return {
    id,
    direction: 'inbound',
    status,
    remote: { number: '2001', displayName: null },
    muted: false,
    holdPending: null,
    remoteHold: false,
    media: 'ok',
    waiting: false,
    consultFor: null,
    transfer: null,
    startedAt: 1_000,
    answeredAt: null,
    endedAt: null,
    holdSeconds: 0,
    heldSince: null,
    endReason: null,
    endCode: null,
    problem: null,
    ...extra,
  };
}

describe('which call the phone bar acts on', () => {
  it('keeps arrival order, replaces changed calls and drops ended ones', () => {
    let calls = upsertCall([], call('a', 'ringing-in'));
    calls = upsertCall(calls, call('b', 'ringing-in'));
    calls = upsertCall(calls, call('a', 'active'));
    expect(calls.map((c) => `${c.id}:${c.status}`)).toEqual(['a:active', 'b:ringing-in']);
    expect(upsertCall(calls, call('a', 'ended')).map((c) => c.id)).toEqual(['b']);
  });

  it('the active call is primary; a ringing call never is; with only held calls, the latest held one', () => {
    const held = call('h', 'held');
    const active = call('a', 'active');
    const ringing = call('r', 'ringing-in', { waiting: true });
    expect(primaryCall([held, active, ringing])?.id).toBe('a');
    expect(primaryCall([held, ringing])?.id).toBe('h');
    expect(primaryCall([ringing])).toBeNull();
    expect(ringingCalls([held, active, ringing]).map((c) => c.id)).toEqual(['r']);
    expect(otherHeldCalls([held, active], active).map((c) => c.id)).toEqual(['h']);
    expect(otherHeldCalls([held], held)).toEqual([]);
    // During a consultation the consult call (dialled last) is primary; the customer waits on hold.
    expect(primaryCall([call('c1', 'held'), call('c2', 'ringing-out', { consultFor: 'c1' })])?.id).toBe('c2');
  });
});

describe('words the agent reads', () => {
  it('call state follows what the far end accepted', () => {
    expect(describeCall(call('a', 'active', { holdPending: 'hold' }))).toBe('Putting on hold…');
    expect(describeCall(call('a', 'held'))).toBe('On hold');
    expect(describeCall(call('a', 'active', { remoteHold: true }))).toContain('put you on hold');
    expect(describeCall(call('a', 'ringing-in', { waiting: true }))).toBe('Call waiting');
    expect(describeCall(call('a', 'ringing-out'))).toBe('Ringing…');
  });

  it('timer counts from the answer, or from the start while ringing', () => {
    expect(formatClock(7)).toBe('0:07');
    expect(formatClock(245)).toBe('4:05');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(4.999)).toBe('0:04');
    expect(callStart({ startedAt: 1_000, answeredAt: null })).toBe(1_000);
    expect(callStart({ startedAt: 1_000, answeredAt: 4_000 })).toBe(4_000);
  });

  it('quality: a word, then MOS, jitter, loss and RTT', () => {
    const sample: QualitySample = {
      at: 0,
      jitterMs: 2.4,
      lossPct: 0,
      rttMs: 11.6,
      mos: 4.38,
      packetsReceived: 100,
      packetsLost: 0,
      audioLevel: 0.1,
    };
    expect(describeQuality(sample)).toEqual({ label: 'Good', level: 'good', figures: 'MOS 4.4 · jitter 2 ms · loss 0 % · RTT 12 ms' });
    expect(describeQuality({ ...sample, mos: 2.6, lossPct: 7.5, rttMs: null })).toEqual({
      label: 'Poor',
      level: 'poor',
      figures: 'MOS 2.6 · jitter 2 ms · loss 7.5 %',
    });
    expect(describeQuality({ ...sample, mos: 3.4 }).label).toBe('Fair');
    expect(describeQuality({ ...sample, packetsReceived: 0 }).label).toBe('No audio arriving');
  });

  it('keypad keys have names a screen reader can say', () => {
    expect(KEYPAD_KEYS.map((k) => k.key).join('')).toBe('123456789*0#');
    expect(KEYPAD_KEYS.find((k) => k.key === '5')?.name).toBe('Digit 5');
    expect(KEYPAD_KEYS.find((k) => k.key === '#')?.name).toBe('Hash');
  });
});

describe('keyboard shortcuts', () => {
  const key = (code: string, extra: Partial<KeyLike> = {}): KeyLike => ({
    code,
    key: code.replace('Key', '').toLowerCase(),
    altKey: true,
    shiftKey: true,
    ctrlKey: false,
    metaKey: false,
    repeat: false,
    ...extra,
  });

  it('Alt+Shift+A/E/H/M map to answer, hang up, hold, mute by physical key', () => {
    expect(shortcutFor(key('KeyA'), false)).toBe('answer');
    expect(shortcutFor(key('KeyE'), false)).toBe('hangup');
    expect(shortcutFor(key('KeyH'), false)).toBe('hold');
    // macOS Option+Shift+M types "Â": the physical key still counts.
    expect(shortcutFor(key('KeyM', { key: 'Â' }), false)).toBe('mute');
  });

  it('Alt+Shift+R pauses and resumes recording, never while typing (the agent may be writing notes)', () => {
    expect(shortcutFor(key('KeyR'), false)).toBe('recording');
    expect(shortcutFor(key('KeyR'), true)).toBeNull();
  });

  it('does not steal keys typed in text fields, other modifier combos, or auto-repeat', () => {
    expect(shortcutFor(key('KeyA'), true)).toBeNull();
    expect(shortcutFor(key('KeyA', { shiftKey: false }), false)).toBeNull();
    expect(shortcutFor(key('KeyA', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(key('KeyA', { repeat: true }), false)).toBeNull();
    expect(shortcutFor(key('KeyA', { altKey: false, shiftKey: false }), false)).toBeNull();
  });

  it('media play/pause is the headset hook fallback, also while typing', () => {
    const media = key('MediaPlayPause', { key: 'MediaPlayPause', altKey: false, shiftKey: false });
    expect(shortcutFor(media, false)).toBe('hook');
    expect(shortcutFor(media, true)).toBe('hook');
  });

  it('knows which elements take text', () => {
    expect(isEditableTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'tel' })).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isEditableTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isEditableTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isEditableTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});
