/**
 * Global hotkeys: the phone actions a key combination may trigger from any application, and the
 * accelerators (Electron's key-combination strings, "CommandOrControl+Alt+A") IT may give them. Pure,
 * so the policy schema, main's registration (electron/platform/global-hotkeys.ts) and the tests
 * judge a combination alike. The grammar is Electron's (Electron docs › Accelerator): modifiers
 * and one key code joined by "+", case-insensitive.
 */
import * as z from 'zod';
import { rule } from '../policy/rule-text';
import type en from '../text/en/policy';
import { userText, type TextKey, type UserText } from '../text/user-text';

export const HOTKEY_ACTIONS = ['answer', 'hangUp', 'mute', 'hold'] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];

/** Spelling in any case → the one the canonical form uses. Command and Option are refused: they exist on macOS only. */
const MODIFIERS: Readonly<Record<string, string>> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};
const MODIFIER_ORDER = ['CommandOrControl', 'Control', 'Alt', 'AltGr', 'Shift', 'Super'];
const MAC_ONLY: Readonly<Record<string, string>> = { command: 'CommandOrControl', cmd: 'CommandOrControl', option: 'Alt' };

/** Keys that carry no text: they may stand alone (a key a user types would be taken from every application). */
const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'PrintScreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const KEY_ALIASES: Readonly<Record<string, string>> = { enter: 'Return', esc: 'Escape' };
const PUNCTUATION = new Set([...')!@#$%^&*(:;=<,_->.?/~`{][|\\}"\'']);
/** Keys that may be a hotkey on their own: F-keys and the media and volume keys do not type text. */
const STANDALONE = /^(?:F(?:[1-9]|1[0-9]|2[0-4])|Volume(?:Up|Down|Mute)|Media(?:NextTrack|PreviousTrack|Stop|PlayPause))$/;

export type AcceleratorCheck = { ok: true; accelerator: string } | { ok: false; problem: UserText };

/**
 * Checks one accelerator and gives its canonical spelling (modifiers in a fixed order, so two
 * spellings of one combination compare equal). `problem` says what is wrong in words an IT admin
 * can act on, quoting the combination as written (a message the window translates).
 */
export function parseAccelerator(text: string): AcceleratorCheck {
  const refuse = (key: TextKey, values?: Record<string, string | number>): AcceleratorCheck => ({
    ok: false,
    problem: userText(key, { text: text.slice(0, 100), ...values }),
  });
  const trimmed = text.trim();
  if (trimmed === '') return refuse('policy.rule.hotkeyEmpty');
  if (trimmed.length > 100) return refuse('policy.rule.hotkeyTooLong', { maximum: 100 });
  const parts = trimmed.split('+').map((p) => p.trim());
  if (parts.some((p) => p === '')) return refuse('policy.rule.hotkeyEmptyPart');
  const keyPart = parts[parts.length - 1]!;
  const modifiers: string[] = [];
  for (const part of parts.slice(0, -1)) {
    const lower = part.toLowerCase();
    const macOnly = MAC_ONLY[lower];
    if (macOnly) return refuse('policy.rule.hotkeyMacOnly', { part, instead: macOnly });
    const modifier = MODIFIERS[lower];
    if (!modifier) return refuse('policy.rule.hotkeyNotModifier', { part });
    if (modifiers.includes(modifier)) return refuse('policy.rule.hotkeyModifierTwice', { modifier });
    modifiers.push(modifier);
  }
  if (MODIFIERS[keyPart.toLowerCase()] || MAC_ONLY[keyPart.toLowerCase()]) return refuse('policy.rule.hotkeyNoKey');
  const key = keyCode(keyPart);
  if (!key) return refuse('policy.rule.hotkeyUnknownKey', { part: keyPart });
  const typing = modifiers.every((m) => m === 'Shift' || m === 'AltGr');
  if (typing && !STANDALONE.test(key)) return refuse('policy.rule.hotkeyTakesTyping', { key });
  modifiers.sort((a, b) => MODIFIER_ORDER.indexOf(a) - MODIFIER_ORDER.indexOf(b));
  return { ok: true, accelerator: [...modifiers, key].join('+') };
}

function keyCode(part: string): string | null {
  if (/^[0-9]$/.test(part)) return part;
  if (/^[a-z]$/i.test(part)) return part.toUpperCase();
  if (part.length === 1 && PUNCTUATION.has(part)) return part;
  const f = /^f([1-9]|1[0-9]|2[0-4])$/i.exec(part);
  if (f) return `F${f[1]}`;
  const num = /^num([0-9])$/i.exec(part);
  if (num) return `num${num[1]}`;
  const lower = part.toLowerCase();
  const alias = KEY_ALIASES[lower];
  if (alias) return alias;
  return NAMED_KEYS.find((k) => k.toLowerCase() === lower) ?? null;
}

/** Action → canonical accelerator; an action left out has no global hotkey. */
export type HotkeyMap = Partial<Record<HotkeyAction, string>>;

/**
 * The policy's `globalHotkeys`: `{ "answer": "CommandOrControl+Alt+A", … }`. Each accelerator is
 * checked (the message names the action and the text), and two actions may not share one.
 */
export const hotkeyMapSchema = z
  .record(z.string(), z.unknown(), { error: rule('policy.rule.hotkeyMap') })
  .transform((raw, ctx): HotkeyMap => {
    const map: HotkeyMap = {};
    const owner = new Map<string, HotkeyAction>();
    for (const [name, value] of Object.entries(raw)) {
      if (!(HOTKEY_ACTIONS as readonly string[]).includes(name)) {
        ctx.addIssue({ code: 'custom', path: [name], message: rule('policy.rule.notAnAction', { list: HOTKEY_ACTIONS.join(', ') }) });
        continue;
      }
      const action = name as HotkeyAction;
      if (typeof value !== 'string') {
        ctx.addIssue({ code: 'custom', path: [name], message: rule('policy.rule.hotkeyNotText') });
        continue;
      }
      const parsed = parseAccelerator(value);
      if (!parsed.ok) {
        // The problem is already a message; zod keeps it as a string, as `rule()` does.
        ctx.addIssue({ code: 'custom', path: [name], message: JSON.stringify(parsed.problem) });
        continue;
      }
      const reserved = reservedUse(parsed.accelerator);
      if (reserved) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: rule(`policy.rule.hotkeyReserved.${reserved}`, { accelerator: parsed.accelerator }),
        });
        continue;
      }
      const taken = owner.get(parsed.accelerator);
      if (taken) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: rule('policy.rule.hotkeyTaken', { accelerator: parsed.accelerator, action: taken }),
        });
        continue;
      }
      owner.set(parsed.accelerator, action);
      map[action] = parsed.accelerator;
    }
    return map;
  });

/**
 * Combinations every application relies on (copy, paste, undo, switching and closing windows,
 * locking the screen): a global hotkey there would break them everywhere, or never fire.
 */
/** What a reserved combination does everywhere: the name of its message under `policy.rule.hotkeyReserved`. */
export type ReservedUse = keyof typeof en.rule.hotkeyReserved;

const EDITING_KEYS: Readonly<Record<string, ReservedUse>> = {
  C: 'copy',
  V: 'paste',
  X: 'cut',
  Z: 'undo',
  Y: 'redo',
  A: 'selectAll',
  S: 'save',
  W: 'close',
  Q: 'quit',
  Tab: 'switchingTabs',
};
const RESERVED: ReadonlyMap<string, ReservedUse> = new Map<string, ReservedUse>([
  ...Object.entries(EDITING_KEYS).flatMap(([key, use]): [string, ReservedUse][] => [
    [`CommandOrControl+${key}`, use],
    [`Control+${key}`, use],
  ]),
  ['Alt+Tab', 'switchingWindows'],
  ['Alt+F4', 'closingWindows'],
  ['Control+Alt+Delete', 'securityScreen'],
  ['Super+L', 'lockingScreen'],
  ['Super+D', 'showingDesktop'],
  ['Super+Tab', 'switchingWindows'],
  ['Alt+Space', 'windowMenu'],
]);

/** What `parseAccelerator` accepts and a global hotkey may not take: the use it would break, or null. */
export function reservedUse(accelerator: string): ReservedUse | null {
  return RESERVED.get(accelerator) ?? null;
}

/** The combination as the agent's keyboard labels it: Ctrl and Alt elsewhere, Cmd and Option on macOS. */
export function describeAccelerator(accelerator: string, platform: string): string {
  const mac = platform === 'darwin';
  const names: Readonly<Record<string, string>> = mac
    ? { CommandOrControl: 'Cmd', Control: 'Ctrl', Alt: 'Option', AltGr: 'AltGr', Shift: 'Shift', Super: 'Cmd' }
    : {
        CommandOrControl: 'Ctrl',
        Control: 'Ctrl',
        Alt: 'Alt',
        AltGr: 'AltGr',
        Shift: 'Shift',
        Super: platform === 'win32' ? 'Win' : 'Super',
      };
  return accelerator
    .split('+')
    .map((part, index, parts) => (index < parts.length - 1 ? (names[part] ?? part) : part))
    .join('+');
}
