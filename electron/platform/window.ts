import { app, BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from '../security/app-origin';
import { installAppMenu } from './app-menu';

/** The agent's one window, with every renderer hardening switch set explicitly. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  // Before the window: the packaged menu has no DevTools or Reload items (security/app-menu.ts).
  installAppMenu();
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Switchboard',
    show: false,
    backgroundColor: '#121417',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Packaged builds cannot open DevTools at all, whatever asks (menu, shortcut, webContents).
      devTools: !app.isPackaged,
      // Calls must keep their timers and audio when the window is in the background.
      backgroundThrottling: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
