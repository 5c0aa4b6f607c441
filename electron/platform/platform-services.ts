import { app, Notification, powerMonitor, type BrowserWindow } from 'electron';
import { MainLanguage } from '../core/main-language';
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
  const show = createNotifier(Notification, focusWindow);
  // "system" means the OS's preferred languages, as the window's navigator.languages does.
  const language = new MainLanguage(() => app.getPreferredSystemLanguages());
  return {
    host: 'electron',
    language,
    focusWindow,
    notify: ({ title, body, tag }) =>
      show({ title: language.show(title), body: language.show(body), ...(tag === undefined ? {} : { tag }) }),
    windowFocused: () => windowInFront(getWindow()),
    onResume: hub.onResume,
    onSuspend: hub.onSuspend,
    onNetworkChange: hub.onNetworkChange,
  };
}
