import { describe, expect, it } from 'vitest';
import { HOTKEY_ACTIONS, type HotkeyAction } from '../../../shared/hotkeys/accelerator';
import { englishOf } from '../../../shared/text/user-text';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { registerGlobalHotkeys, startGlobalHotkeys, takenNotice, type GlobalShortcutPort } from '../../../electron/platform/global-hotkeys';

/** A stand-in for Electron's globalShortcut and the OS behind it: other applications hold `heldElsewhere`. */
function fakeShortcuts(heldElsewhere: string[] = []) {
  const held = new Map<string, () => void>();
  const port: GlobalShortcutPort = {
    register(accelerator, callback) {
      if (heldElsewhere.includes(accelerator) || held.has(accelerator)) return false;
      held.set(accelerator, callback);
      return true;
    },
    unregister(accelerator) {
      held.delete(accelerator);
    },
  };
  return {
    port,
    held,
    /** The agent presses the key in whatever application has focus. */
    press(accelerator: string): boolean {
      const callback = held.get(accelerator);
      callback?.();
      return callback !== undefined;
    },
  };
}

const KEYS = { answer: 'CommandOrControl+Alt+A', hangUp: 'CommandOrControl+Alt+E', mute: 'CommandOrControl+Alt+M', hold: 'F14' };

describe('global hotkeys', () => {
  it('each key pressed in another application runs its action', () => {
    const os = fakeShortcuts();
    const pressed: HotkeyAction[] = [];
    const hotkeys = registerGlobalHotkeys(os.port, KEYS, (action) => pressed.push(action));
    for (const key of [KEYS.answer, KEYS.mute, KEYS.hold, KEYS.hangUp]) expect(os.press(key)).toBe(true);
    expect(pressed).toEqual(['answer', 'mute', 'hold', 'hangUp']);
    expect(hotkeys.taken).toEqual([]);
  });

  it('registers nothing when IT set none', () => {
    const os = fakeShortcuts();
    const hotkeys = registerGlobalHotkeys(os.port, {}, () => undefined);
    expect(hotkeys.registered).toEqual([]);
    expect(os.held.size).toBe(0);
  });

  it('a key another application holds is reported to the agent by key and action, and the others still work', () => {
    const os = fakeShortcuts([KEYS.mute]);
    const pressed: HotkeyAction[] = [];
    const { sink, records } = createMemorySink();
    const notices: string[] = [];
    startGlobalHotkeys({
      port: os.port,
      map: KEYS,
      platform: 'win32',
      onPress: (action) => pressed.push(action),
      notify: (message) => notices.push(englishOf(message)),
      log: createLogger(sink),
    });
    expect(notices).toEqual([
      'Global hotkey not available: Ctrl+Alt+M (Mute / unmute) is already used by another application. Close that application or ask IT for another key; the shortcuts inside the Switchboard window still work.',
    ]);
    expect(records.find((r) => r.message === 'global hotkey already taken')?.fields).toEqual({
      action: 'mute',
      accelerator: 'CommandOrControl+Alt+M',
    });
    os.press(KEYS.answer);
    expect(pressed).toEqual(['answer']);
  });

  it('a key Electron refuses outright counts as taken, not as a crash', () => {
    const port: GlobalShortcutPort = {
      register() {
        throw new Error('Failed to convert accelerator');
      },
      unregister() {},
    };
    const hotkeys = registerGlobalHotkeys(port, { answer: KEYS.answer }, () => undefined);
    expect(hotkeys.taken).toEqual([{ action: 'answer', accelerator: KEYS.answer }]);
  });

  it('names every taken key in one notice, on macOS with its key names', () => {
    const notice = takenNotice(
      [
        { action: 'answer', accelerator: 'CommandOrControl+Alt+A' },
        { action: 'hold', accelerator: 'F14' },
      ],
      'darwin',
    );
    expect(englishOf(notice!)).toMatch(
      /^Global hotkeys not available: Cmd\+Option\+A \(Answer\), F14 \(Hold \/ resume\) are already used by another application\./,
    );
    expect(takenNotice([], 'darwin')).toBeNull();
  });

  it('names all four actions when every key is taken, each with its action', () => {
    const all = HOTKEY_ACTIONS.map((action, i) => ({ action, accelerator: `F${13 + i}` }));
    expect(englishOf(takenNotice(all, 'win32')!)).toMatch(
      /^Global hotkeys not available: F13 \(Answer\), F14 \(Hang up\), F15 \(Mute \/ unmute\), F16 \(Hold \/ resume\) are already used/,
    );
  });

  it('gives the keys back on dispose (quit), once', () => {
    const os = fakeShortcuts();
    const hotkeys = registerGlobalHotkeys(os.port, KEYS, () => undefined);
    hotkeys.dispose();
    hotkeys.dispose();
    expect(os.held.size).toBe(0);
    expect(os.press(KEYS.answer)).toBe(false);
  });
});
