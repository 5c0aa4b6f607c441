import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { bringForward, createNotifier, windowInFront, type AttentionWindow } from '../../../electron/platform/window-attention';

/** A stand-in for Electron's BrowserWindow that keeps the state a user sees. */
function fakeWindow(state: { visible: boolean; minimized: boolean; focused: boolean; destroyed?: boolean }) {
  const win = {
    state: { destroyed: false, ...state },
    isDestroyed: () => win.state.destroyed,
    isVisible: () => win.state.visible,
    isMinimized: () => win.state.minimized,
    isFocused: () => win.state.focused,
    restore() {
      win.state.minimized = false;
    },
    show() {
      win.state.visible = true;
    },
    focus() {
      // Like the OS: a minimized or hidden window does not take focus.
      if (win.state.visible && !win.state.minimized) win.state.focused = true;
    },
  };
  return win as typeof win & AttentionWindow;
}

/** A stand-in for Electron's Notification class: records what was shown and lets the test click it. */
function fakeNotifications(supported = true) {
  const shown: { options: NotificationConstructorOptions; closed: boolean; click: () => void }[] = [];
  class FakeNotification {
    private readonly entry: (typeof shown)[number];
    static isSupported(): boolean {
      return supported;
    }
    constructor(options: NotificationConstructorOptions) {
      this.entry = { options, closed: false, click: () => undefined };
    }
    on(event: 'click', listener: () => void) {
      this.entry.click = listener;
      return this;
    }
    show() {
      shown.push(this.entry);
    }
    close() {
      this.entry.closed = true;
    }
  }
  return { FakeNotification, shown };
}

describe('the Electron window as ring attention sees it', () => {
  it('is in front only when shown, not minimized and focused', () => {
    expect(windowInFront(fakeWindow({ visible: true, minimized: false, focused: true }))).toBe(true);
    expect(windowInFront(fakeWindow({ visible: true, minimized: false, focused: false }))).toBe(false);
    expect(windowInFront(fakeWindow({ visible: true, minimized: true, focused: false }))).toBe(false);
    expect(windowInFront(fakeWindow({ visible: false, minimized: false, focused: false }))).toBe(false);
    expect(windowInFront(fakeWindow({ visible: true, minimized: false, focused: true, destroyed: true }))).toBe(false);
    expect(windowInFront(null)).toBe(false);
  });

  it('clicking the notification restores a minimized window and focuses it', () => {
    const win = fakeWindow({ visible: true, minimized: true, focused: false });
    const { FakeNotification, shown } = fakeNotifications();
    const notify = createNotifier(FakeNotification, () => bringForward(win));
    notify({ title: 'Incoming call', body: '2001', tag: 'call-1' });
    expect(shown).toHaveLength(1);
    expect(shown[0]!.options).toMatchObject({ title: 'Incoming call', body: '2001', silent: true });
    shown[0]!.click();
    expect(windowInFront(win)).toBe(true);
  });

  it('clicking the notification shows a hidden (tray) window and focuses it', () => {
    const win = fakeWindow({ visible: false, minimized: false, focused: false });
    const { FakeNotification, shown } = fakeNotifications();
    createNotifier(FakeNotification, () => bringForward(win))({ title: 'Incoming call', body: '2001' });
    shown[0]!.click();
    expect(win.state).toMatchObject({ visible: true, minimized: false, focused: true });
  });

  it('a new notification with the same tag replaces the earlier one', () => {
    const { FakeNotification, shown } = fakeNotifications();
    const notify = createNotifier(FakeNotification, () => undefined);
    notify({ title: 'Incoming call', body: '2001', tag: 'call-1' });
    notify({ title: 'Incoming call', body: '2001', tag: 'call-1' });
    expect(shown.map((n) => n.closed)).toEqual([true, false]);
  });

  it('shows nothing where the OS has no notifications', () => {
    const { FakeNotification, shown } = fakeNotifications(false);
    createNotifier(FakeNotification, () => undefined)({ title: 'Incoming call', body: '2001' });
    expect(shown).toEqual([]);
  });

  it('bringing forward a closed window does nothing', () => {
    const win = fakeWindow({ visible: false, minimized: false, focused: false, destroyed: true });
    bringForward(win);
    expect(win.state.visible).toBe(false);
    expect(() => bringForward(null)).not.toThrow();
  });
});
