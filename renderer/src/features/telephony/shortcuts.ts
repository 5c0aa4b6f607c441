/**
 * Keyboard shortcuts of the phone. Alt+Shift+letter: free in Chromium and
 * Electron, not a text-entry combination on Windows or Linux; matched on the
 * physical key (`code`) so macOS Option characters do not get in the way.
 * They never fire while the focus is in a text field (the agent may be typing
 * notes), and never on auto-repeat.
 */
export type PhoneShortcut = 'answer' | 'hangup' | 'hold' | 'mute' | 'recording';

export const PHONE_SHORTCUTS: Readonly<Record<PhoneShortcut, { code: string; keys: string; label: string }>> = {
  answer: { code: 'KeyA', keys: 'Alt+Shift+A', label: 'Alt+Shift+A' },
  hangup: { code: 'KeyE', keys: 'Alt+Shift+E', label: 'Alt+Shift+E' },
  hold: { code: 'KeyH', keys: 'Alt+Shift+H', label: 'Alt+Shift+H' },
  mute: { code: 'KeyM', keys: 'Alt+Shift+M', label: 'Alt+Shift+M' },
  /** Pause recording, and resume it (PCI secure pause). */
  recording: { code: 'KeyR', keys: 'Alt+Shift+R', label: 'Alt+Shift+R' },
};

export interface KeyLike {
  code: string;
  key: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  repeat: boolean;
}

/** Headset and keyboard media keys: the hook button of many headsets arrives as one of these. */
export const MEDIA_HOOK_KEYS: ReadonlySet<string> = new Set(['MediaPlayPause', 'MediaPlay', 'MediaPause', 'MediaStop']);

/**
 * Which phone action a key press asks for, if any. `editable`: the focus is
 * in a text field, text area, select or contenteditable element.
 */
export function shortcutFor(event: KeyLike, editable: boolean): PhoneShortcut | 'hook' | null {
  if (event.repeat) return null;
  // Media keys carry no text: they work even while typing.
  if (MEDIA_HOOK_KEYS.has(event.key) && !event.altKey && !event.ctrlKey && !event.metaKey) return 'hook';
  if (editable) return null;
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  for (const [action, shortcut] of Object.entries(PHONE_SHORTCUTS) as [PhoneShortcut, (typeof PHONE_SHORTCUTS)[PhoneShortcut]][]) {
    if (event.code === shortcut.code) return action;
  }
  return null;
}

/** Whether an element takes typed text (where shortcuts must not steal keys). */
export function isEditableTarget(target: { tagName?: string; isContentEditable?: boolean; type?: string } | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target.type ?? 'text').toLowerCase();
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(type);
}
