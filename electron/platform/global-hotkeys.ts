import type { GlobalShortcut } from 'electron';
import {
  HOTKEY_ACTIONS,
  HOTKEY_ACTION_LABELS,
  describeAccelerator,
  type HotkeyAction,
  type HotkeyMap,
} from '../../shared/hotkeys/accelerator';
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

/** The notice for keys another application holds: each named with its action, and what still works. Null: none. */
export function takenNotice(taken: readonly HotkeyBinding[], platform: string): string | null {
  if (taken.length === 0) return null;
  const list = taken.map((b) => `${describeAccelerator(b.accelerator, platform)} (${HOTKEY_ACTION_LABELS[b.action]})`).join(', ');
  const one = taken.length === 1;
  return `Global hotkey${one ? '' : 's'} not available: ${list} ${one ? 'is' : 'are'} already used by another application. Close that application or ask IT for another key; the shortcuts inside the Switchboard window still work.`;
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
  notify: (message: string) => void;
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
