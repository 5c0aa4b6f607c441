import type { GlobalShortcut } from 'electron';
import { HOTKEY_ACTIONS, describeAccelerator, type HotkeyAction, type HotkeyMap } from '../../shared/hotkeys/accelerator';
import { userText, type TextKey, type UserText } from '../../shared/text/user-text';
import type { Logger } from '../logging/logger';

// Answer, hang up, mute and hold from any application (policy `globalHotkeys`, checked by
// shared/hotkeys/accelerator.ts). It takes Electron's globalShortcut as an argument (only what it
// calls), so tests drive it with a stand-in: no Electron binary needed.

export type GlobalShortcutPort = Pick<GlobalShortcut, 'register' | 'unregister'>;

export interface HotkeyBinding {
  action: HotkeyAction;
  accelerator: string;
}

export interface GlobalHotkeys {
  /** The keys this app now holds. */
  readonly registered: readonly HotkeyBinding[];
  /** The keys the OS refused: another application (or the OS) holds them. */
  readonly taken: readonly HotkeyBinding[];
  /** Gives the keys back (at quit, or before registering another set). */
  dispose(): void;
}

/**
 * Registers each action's key. `register` returning false is the OS saying another application
 * holds the key (Electron docs › globalShortcut: it fails silently otherwise), and a throw is a key
 * this Electron cannot take: both are collected in `taken`, for the agent to be told.
 */
export function registerGlobalHotkeys(port: GlobalShortcutPort, map: HotkeyMap, onPress: (action: HotkeyAction) => void): GlobalHotkeys {
  const registered: HotkeyBinding[] = [];
  const taken: HotkeyBinding[] = [];
  for (const action of HOTKEY_ACTIONS) {
    const accelerator = map[action];
    if (!accelerator) continue;
    let ok: boolean;
    try {
      ok = port.register(accelerator, () => onPress(action));
    } catch {
      ok = false;
    }
    (ok ? registered : taken).push({ action, accelerator });
  }
  let disposed = false;
  return {
    registered,
    taken,
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const binding of registered) port.unregister(binding.accelerator);
    },
  };
}

const ACTION_TEXT: Readonly<Record<HotkeyAction, TextKey>> = {
  answer: 'app.hotkeys.actions.answer',
  hangUp: 'app.hotkeys.actions.hangUp',
  mute: 'app.hotkeys.actions.mute',
  hold: 'app.hotkeys.actions.hold',
};

/** Two to four items, one message: there are four actions, so never more. */
const LIST_TEXT: Readonly<Record<number, TextKey>> = { 2: 'app.hotkeys.list.two', 3: 'app.hotkeys.list.three', 4: 'app.hotkeys.list.four' };
const LIST_SLOTS = ['a', 'b', 'c', 'd'] as const;

/** The notice for keys another application holds: each named with its action, and what still works. Null: none. */
export function takenNotice(taken: readonly HotkeyBinding[], platform: string): UserText | null {
  if (taken.length === 0) return null;
  const items = taken.map((b) =>
    userText('app.hotkeys.binding', { key: describeAccelerator(b.accelerator, platform), action: userText(ACTION_TEXT[b.action]) }),
  );
  const listKey = LIST_TEXT[items.length];
  let keys: UserText;
  if (items.length === 1) keys = items[0]!;
  else if (listKey !== undefined) keys = userText(listKey, Object.fromEntries(items.map((item, i) => [LIST_SLOTS[i]!, item])));
  else throw new Error(`${items.length} hotkeys taken; there are only ${HOTKEY_ACTIONS.length} actions`);
  return userText('app.hotkeys.notAvailable', { count: taken.length, keys });
}

/**
 * The whole start: register, log what happened (keys and actions only), and tell the agent about
 * taken keys. `notify` shows a notice in the window.
 */
export function startGlobalHotkeys(deps: {
  port: GlobalShortcutPort;
  map: HotkeyMap | null;
  platform: string;
  onPress: (action: HotkeyAction) => void;
  notify: (message: UserText) => void;
  log: Logger;
}): GlobalHotkeys {
  const hotkeys = registerGlobalHotkeys(deps.port, deps.map ?? {}, deps.onPress);
  if (hotkeys.registered.length > 0)
    deps.log.info('global hotkeys registered', { actions: hotkeys.registered.map((b) => b.action).join(',') });
  for (const binding of hotkeys.taken)
    deps.log.warn('global hotkey already taken', { action: binding.action, accelerator: binding.accelerator });
  const notice = takenNotice(hotkeys.taken, deps.platform);
  if (notice) deps.notify(notice);
  return hotkeys;
}
