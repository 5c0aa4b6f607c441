import type { BrowserWindow, NotificationConstructorOptions } from 'electron';

// The agent's window and the OS notifications of electron/platform/platform-services.ts. They take
// the Electron objects they use as arguments, so tests drive them with stand-ins (no Electron binary).

export type AttentionWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'isVisible' | 'isFocused' | 'restore' | 'show' | 'focus'>;

/** Shown, not minimized and focused: the agent is looking at it (Electron docs › BrowserWindow). */
export function windowInFront(win: AttentionWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  return win.isVisible() && !win.isMinimized() && win.isFocused();
}

/** A minimized window is restored and a hidden one shown before focusing: focus alone leaves either out of sight. */
export function bringForward(win: AttentionWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** The part of an Electron Notification used here. */
export interface ShownNotification {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
  close(): void;
}

export type NotificationClass = {
  new (options: NotificationConstructorOptions): ShownNotification;
  isSupported(): boolean;
};

/**
 * OS notifications, each replacing an earlier one with its tag. Clicking one brings the window
 * forward. The tagged ones are kept referenced, which also keeps their click handler alive.
 */
export function createNotifier(NotificationCtor: NotificationClass, onClick: () => void) {
  const shown = new Map<string, ShownNotification>();
  return (notification: { title: string; body: string; tag?: string }): void => {
    if (!NotificationCtor.isSupported()) return;
    const { title, body, tag } = notification;
    if (tag) shown.get(tag)?.close();
    const shownNow = new NotificationCtor({ title, body, silent: true });
    shownNow.on('click', onClick);
    if (tag) shown.set(tag, shownNow);
    shownNow.show();
  };
}
