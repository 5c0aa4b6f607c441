import { Notification, powerMonitor, type BrowserWindow } from 'electron';
import { createSystemEventHub, watchNodeSystemEvents, type PlatformServices } from '../core/platform-services';
import { bringForward, createNotifier, windowInFront } from './window-attention';

/** The core's view of the desktop: notifications, the window, and sleep/network events. */
export function createElectronPlatform(getWindow: () => BrowserWindow | null): PlatformServices {
  const hub = createSystemEventHub();
  // The OS says when it sleeps and wakes; Electron has no network event in main, so poll the interfaces.
  powerMonitor.on('resume', () => hub.emit('resume'));
  powerMonitor.on('suspend', () => hub.emit('suspend'));
  watchNodeSystemEvents({ onResume: () => undefined, onNetworkChange: () => hub.emit('network') });
  const focusWindow = (): void => bringForward(getWindow());
  return {
    host: 'electron',
    focusWindow,
    notify: createNotifier(Notification, focusWindow),
    windowFocused: () => windowInFront(getWindow()),
    onResume: hub.onResume,
    onSuspend: hub.onSuspend,
    onNetworkChange: hub.onNetworkChange,
  };
}
