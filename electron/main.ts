import os from 'node:os';
import path from 'node:path';
import { app, dialog, globalShortcut, session, type BrowserWindow } from 'electron';
import { startAppCore, startFailureText, type AppCore } from './core/app-core';
import { RENDERER_JS_FLAGS } from './core/renderer-js-flags';
import type { PlatformServices } from './core/platform-services';
import { createAppLogSink } from './logging/file-sink';
import { createLogger, stderrSink } from './logging/logger';
import { buildPolicyState, logPolicyProblems, policyCoreOptions, policyLogLevel } from './policy/policy-service';
import { installPolicyFile, readPolicySources } from './policy/sources';
import { registerAppScheme, serveRenderer } from './platform/app-protocol';
import { hardenAllWebContents, hardenSession } from './platform/hardening';
import { startGlobalHotkeys } from './platform/global-hotkeys';
import { installClickToDial } from './platform/click-to-dial';
import { attachIpcTransport } from './platform/ipc-transport';
import { quitAfterClosing, runStartup } from './platform/lifecycle';
import { createElectronPlatform } from './platform/platform-services';
import { watchRenderer } from './platform/renderer-watch';
import { createSafeStorageSecretStore } from './platform/safe-storage';
import { SettingsService } from './settings/settings-service';
import { startAutoUpdates } from './platform/updater';
import { createMainWindow } from './platform/window';
import { updatePolicyFrom } from './updates/decision';
import { userText } from '../shared/text/user-text';

// Electron's main process: only wiring. Everything it runs comes from the
// Node-only core (design rule 1), which the web shell runs too.
// Redacted JSON lines on stderr and in rotating files in the data folder's logs/ (electron/logging).
const logOutput = createAppLogSink(path.join(app.getPath('userData'), 'logs'), stderrSink);
const log = createLogger(logOutput.sink, { scope: 'main' });

registerAppScheme();
app.enableSandbox();
// Before 'ready': the renderer's V8 takes its flags when it starts (electron/core/renderer-js-flags.ts).
app.commandLine.appendSwitch('js-flags', RENDERER_JS_FLAGS);
// Before 'ready': macOS delivers the tel:/sip: link that launched the app as an early 'open-url'.
const clickToDial = installClickToDial(log.child('click-to-dial'));
hardenAllWebContents(log, { onDialLink: (url) => clickToDial.offer(url, 'in-app') });

let mainWindow: BrowserWindow | null = null;
let core: AppCore | null = null;
// One for the app's life: it subscribes to power and network events.
let platform: PlatformServices | null = null;
let stopUpdates: () => void = () => undefined;
let stopHotkeys: () => void = () => undefined;
// Until the core starts there is nothing to close; once it has, quitting waits for it (even mid-start).
let closeCore: () => Promise<void> = async () => undefined;

async function start(): Promise<void> {
  hardenSession(session.defaultSession, log);
  serveRenderer(path.join(__dirname, '..', 'renderer'));
  const services = createElectronPlatform(() => mainWindow);
  platform = services;
  const dataDir = app.getPath('userData');
  // The SQLite addon built for Electron's ABI (scripts/electron-native.mjs); node_modules holds Node's.
  const sqliteNativeBinding = app.isPackaged
    ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(__dirname, '..', '..', 'build', 'native', 'electron', 'better_sqlite3.node');
  const policySources = await readPolicySources({
    platform: process.platform,
    installPolicyFile: installPolicyFile({
      platform: process.platform,
      execPath: process.execPath,
      resourcesPath: process.resourcesPath,
      packaged: app.isPackaged,
    }),
    userName: os.userInfo().username,
  });
  const coreLog = createLogger(logOutput.sink, { scope: 'main', level: policyLogLevel(policySources.readings, null) });
  const policy = buildPolicyState(SettingsService.open({ dataDir, policy: policySources, log: coreLog.child('settings') }));
  logPolicyProblems(coreLog.child('policy'), policy);
  const starting = startAppCore({
    version: app.getVersion(),
    dataDir,
    platform: services,
    secrets: createSafeStorageSecretStore(dataDir),
    log: coreLog,
    sqliteNativeBinding,
    ...policyCoreOptions(policy, coreLog.child('policy')),
  });
  closeCore = () =>
    starting.ready.then(
      (ready) => ready.close(),
      () => undefined,
    );
  // The window comes up at once and shows what a long first start is doing (a one-time database update);
  // commands it sends before the core is ready wait for it.
  mainWindow = createMainWindow(path.join(__dirname, 'preload.cjs'));
  const detach = attachIpcTransport(mainWindow, starting.bridge, log);
  const win = mainWindow;
  // A crashed or hung renderer is the call's media engine gone: reload it (media is restored as on a manual reload).
  watchRenderer(win.webContents, {
    log: log.child('renderer-watch'),
    askToReload: async (message) => {
      const { response } = await dialog.showMessageBox(win, {
        type: 'error',
        title: 'Switchboard',
        message,
        buttons: ['Reload', 'Not now'],
        defaultId: 0,
        cancelId: 1,
      });
      return response === 0;
    },
  });
  mainWindow.on('closed', () => {
    detach();
    mainWindow = null;
  });
  try {
    core = await starting.ready;
  } catch (error) {
    // The window stays, with the reason; the log has the details for IT.
    log.error('could not start', { error: error instanceof Error ? error.name : typeof error });
    const message = startFailureText(error, userText('app.start.failedInWindow'));
    starting.bridge.emit('app.notice', { id: 'start-failed', level: 'error', message });
    return;
  }
  // A link that started the app waits in the core until the window asks for it.
  clickToDial.attach(core.clickToDial);
  clickToDial.fromArgv(process.argv, 'command-line');
  const updates = startAutoUpdates({
    policy: updatePolicyFrom(policy.effective.values),
    log: coreLog.child('updates'),
    notify: (message) => core?.bridge.emit('app.notice', { id: 'update-ready', level: 'info', message }),
  });
  stopUpdates = () => updates.stop();
  // Answer, hang up, mute and hold from other applications: only the keys IT set (policy globalHotkeys).
  const ready = core;
  const hotkeys = startGlobalHotkeys({
    port: globalShortcut,
    map: policy.effective.values.globalHotkeys ?? null,
    platform: process.platform,
    onPress: (action) => ready.bridge.emit('telephony.hotkey', { action }),
    notify: (message) => ready.bridge.emit('app.notice', { id: 'global-hotkeys', level: 'warning', message }),
    log: coreLog.child('hotkeys'),
  });
  stopHotkeys = () => hotkeys.dispose();
}

if (!app.requestSingleInstanceLock()) {
  // Another Switchboard owns this user's data; it gets focus via 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    // A tel:/sip:/callto: link clicked while Switchboard runs arrives as the second launch's argv.
    clickToDial.fromArgv(argv, 'second-instance');
    platform?.focusWindow();
  });
  app.on('window-all-closed', () => app.quit());
  // Quitting waits (within a limit) for the core: live calls get their BYE, the store its last write.
  app.on('will-quit', () => {
    stopUpdates();
    // Electron docs › globalShortcut: give the keys back to the OS before quitting.
    stopHotkeys();
  });
  quitAfterClosing(app, { close: () => closeCore(), log, beforeExit: () => logOutput.file?.close() });
  // A failed start is said in a dialog and exits, releasing the single-instance lock.
  void runStartup(
    app,
    dialog,
    () => app.whenReady().then(start),
    log,
    () => logOutput.file?.close(),
  );
}
