import { Notification, type BrowserWindow } from 'electron';
import type { PlatformServices } from '../core/platform-services';

/** The core's view of the desktop: notifications and the window. */
export function createElectronPlatform(getWindow: () => BrowserWindow | null): PlatformServices {
  const shown = new Map<string, Notification>();
  return {
    host: 'electron',
    focusWindow() {
      const win = getWindow();
      if (!win || win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
    notify({ title, body, tag }) {
      if (!Notification.isSupported()) return;
      if (tag) shown.get(tag)?.close();
      const notification = new Notification({ title, body, silent: true });
      notification.on('click', () => this.focusWindow());
      if (tag) shown.set(tag, notification);
      notification.show();
    },
  };
}
