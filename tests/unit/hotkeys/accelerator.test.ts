import { describe, expect, it } from 'vitest';
import { describeAccelerator, hotkeyMapSchema, parseAccelerator } from '../../../shared/hotkeys/accelerator';
import { describeZodIssues } from '../../../shared/policy/resolve';
import { englishOf } from '../../../shared/text/user-text';

describe('parseAccelerator: the key combinations a global hotkey may use', () => {
  it('accepts Electron accelerators in any case and spelling, and writes them one way', () => {
    expect(parseAccelerator('CommandOrControl+Alt+A')).toEqual({ ok: true, accelerator: 'CommandOrControl+Alt+A' });
    expect(parseAccelerator('alt + cmdorctrl + a')).toEqual({ ok: true, accelerator: 'CommandOrControl+Alt+A' });
    expect(parseAccelerator('Ctrl+Shift+f9')).toEqual({ ok: true, accelerator: 'Control+Shift+F9' });
    expect(parseAccelerator('Meta+Enter')).toEqual({ ok: true, accelerator: 'Super+Return' });
    expect(parseAccelerator('Control+Alt+Plus')).toEqual({ ok: true, accelerator: 'Control+Alt+Plus' });
    expect(parseAccelerator('Control+num5')).toEqual({ ok: true, accelerator: 'Control+num5' });
  });

  it('lets keys that type nothing stand alone: F-keys, media and volume keys', () => {
    expect(parseAccelerator('F13')).toEqual({ ok: true, accelerator: 'F13' });
    expect(parseAccelerator('mediaplaypause')).toEqual({ ok: true, accelerator: 'MediaPlayPause' });
    expect(parseAccelerator('Shift+F2')).toEqual({ ok: true, accelerator: 'Shift+F2' });
  });

  it.each([
    ['', /is empty/],
    ['A', /would take A from typing in every application/],
    ['Shift+A', /would take A from typing/],
    ['Control++A', /empty part \(write the \+ key as Plus\)/],
    ['Command+A', /exists on macOS only: write CommandOrControl/],
    ['Option+A', /exists on macOS only: write Alt/],
    ['Hyper+A', /"Hyper" where a modifier belongs/],
    ['Control+Control+A', /names Control twice/],
    ['Control+Alt', /has no key after its modifiers/],
    ['Control+Å', /"Å", which is not a key Electron knows/],
    ['Control+F25', /"F25", which is not a key/],
  ])('refuses %j, saying what is wrong', (text, says) => {
    const result = parseAccelerator(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(englishOf(result.problem)).toMatch(says);
  });
});

describe('the policy value globalHotkeys', () => {
  const problems = (value: unknown): string => {
    const parsed = hotkeyMapSchema.safeParse(value);
    return parsed.success ? '' : describeZodIssues(parsed.error);
  };

  it('maps each action to its key; actions left out have none; {} is none at all', () => {
    expect(hotkeyMapSchema.parse({ answer: 'ctrl+alt+a', hold: 'F14' })).toEqual({ answer: 'Control+Alt+A', hold: 'F14' });
    expect(hotkeyMapSchema.parse({})).toEqual({});
  });

  it('names the action and the text of a bad combination', () => {
    expect(problems({ answer: 'Control+Alt+A', mute: 'M' })).toMatch(/mute: "M" would take M from typing/);
  });

  it('refuses one key for two actions, and an action it does not know', () => {
    expect(problems({ answer: 'Control+Alt+A', hangUp: 'alt+ctrl+a' })).toMatch(/hangUp: "Control\+Alt\+A" is already the key for answer/);
    expect(problems({ transfer: 'Control+Alt+T' })).toMatch(/transfer: is not an action: use answer, hangUp, mute, hold/);
    expect(problems({ answer: 5 })).toMatch(/answer: must be a key combination as text/);
  });

  it('refuses combinations every application relies on', () => {
    expect(problems({ answer: 'CmdOrCtrl+C' })).toMatch(/"CommandOrControl\+C" is copy in every application/);
    expect(problems({ hangUp: 'Alt+F4' })).toMatch(/closing windows/);
  });

  it('shows the agent the names on their keyboard', () => {
    expect(describeAccelerator('CommandOrControl+Alt+A', 'win32')).toBe('Ctrl+Alt+A');
    expect(describeAccelerator('CommandOrControl+Alt+A', 'darwin')).toBe('Cmd+Option+A');
    expect(describeAccelerator('Super+F9', 'win32')).toBe('Win+F9');
  });
});
