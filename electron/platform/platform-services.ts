import { Notification, powerMonitor, type BrowserWindow } from 'electron';
import { createSystemEventHub, watchNodeSystemEvents, type PlatformServices } from '../core/platform-services';

/** The core's view of the desktop: notifications, the window, and sleep/network events. */
export function createElectronPlatform(getWindow: () => BrowserWindow | null): PlatformServices {
  const shown = new Map<string, Notification>();
  const hub = createSystemEventHub();
  // The OS says when it sleeps and wakes; Electron has no network event in main, so poll the interfaces.
  powerMonitor.on('resume', () => hub.emit('resume'));
  powerMonitor.on('suspend', () => hub.emit('suspend'));
  watchNodeSystemEvents({ onResume: () => undefined, onNetworkChange: () => hub.emit('network') });
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
    onResume: hub.onResume,
    onSuspend: hub.onSuspend,
    onNetworkChange: hub.onNetworkChange,
  };
}
