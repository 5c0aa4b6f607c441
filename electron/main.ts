import path from 'node:path';
import { app, session, type BrowserWindow } from 'electron';
import { createAppCore, type AppCore } from './core/app-core';
import { createLogger, stderrSink } from './logging/logger';
import { registerAppScheme, serveRenderer } from './platform/app-protocol';
import { hardenAllWebContents, hardenSession } from './platform/hardening';
import { attachIpcTransport } from './platform/ipc-transport';
import { createElectronPlatform } from './platform/platform-services';
import { createSafeStorageSecretStore } from './platform/safe-storage';
import { createMainWindow } from './platform/window';

// Electron's main process: only wiring. Everything it runs comes from the
// Node-only core (design rule 1), which the web shell runs too.
const log = createLogger(stderrSink, { scope: 'main' });

registerAppScheme();
app.enableSandbox();
hardenAllWebContents(log);

let mainWindow: BrowserWindow | null = null;
let core: AppCore | null = null;

async function start(): Promise<void> {
  hardenSession(session.defaultSession, log);
  serveRenderer(path.join(__dirname, '..', 'renderer'));
  const platform = createElectronPlatform(() => mainWindow);
  const dataDir = app.getPath('userData');
  // The SQLite addon built for Electron's ABI (scripts/electron-native.mjs); node_modules holds Node's.
  const sqliteNativeBinding = app.isPackaged
    ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(__dirname, '..', '..', 'build', 'native', 'electron', 'better_sqlite3.node');
  core = await createAppCore({ version: app.getVersion(), dataDir, platform, secrets: createSafeStorageSecretStore(dataDir), log, sqliteNativeBinding });
  mainWindow = createMainWindow(path.join(__dirname, 'preload.cjs'));
  const detach = attachIpcTransport(mainWindow, core.bridge, log);
  mainWindow.on('closed', () => {
    detach();
    mainWindow = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another Switchboard owns this user's data; it gets focus via 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', () => core && createElectronPlatform(() => mainWindow).focusWindow());
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void core?.close();
  });
  app.whenReady().then(start, (error: unknown) => {
    log.error('could not start', { error: error instanceof Error ? error.name : typeof error });
    app.exit(1);
  });
}
