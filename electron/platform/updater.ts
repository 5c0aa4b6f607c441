import { app } from 'electron';
import { autoUpdater } from 'electron-updater';
import { userText, type UserText } from '../../shared/text/user-text';
import type { Logger } from '../logging/logger';
import { CHECK_INTERVAL_MS, decideUpdates, type UpdateDecision, type UpdatePolicy } from '../updates/decision';
import { detectInstallKind } from '../updates/install-kind';

/**
 * Automatic updates with electron-updater from the generic feed IT sets by policy
 * (electron/updates/decision.ts decides whether at all). Downloads in the background and installs
 * when the app quits, so a call is never cut by an update. Returns a stop function.
 */
export function startAutoUpdates(options: { policy: UpdatePolicy; log: Logger; notify: (message: UserText) => void }): {
  decision: UpdateDecision;
  stop(): void;
} {
  const { log } = options;
  const installKind = detectInstallKind({
    packaged: app.isPackaged,
    platform: process.platform,
    execPath: process.execPath,
    resourcesPath: process.resourcesPath,
    env: process.env,
  });
  const decision = decideUpdates(installKind, options.policy);
  log.info(decision.enabled ? 'automatic updates on' : 'automatic updates off', { installKind, reason: decision.reason });
  if (!decision.enabled) return { decision, stop: () => undefined };

  autoUpdater.logger = {
    info: (m: unknown) => log.info(String(m).slice(0, 300)),
    warn: (m: unknown) => log.warn(String(m).slice(0, 300)),
    error: (m: unknown) => log.error(String(m).slice(0, 300)),
    debug: (m: string) => log.debug(m.slice(0, 300)),
  };
  autoUpdater.setFeedURL({ provider: 'generic', url: decision.feedUrl, channel: decision.channel });
  autoUpdater.channel = decision.channel;
  autoUpdater.allowPrerelease = decision.allowPrerelease;
  autoUpdater.allowDowngrade = false;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('update-downloaded', (info) => {
    options.notify(userText('app.update.ready', { version: String(info.version).slice(0, 40) }));
  });
  autoUpdater.on('error', (error: Error) => log.warn('update check failed', { error: error.name }));
  const check = (): void => {
    autoUpdater
      .checkForUpdates()
      .catch((error: unknown) => log.warn('update check failed', { error: error instanceof Error ? error.name : 'unknown' }));
  };
  check();
  const timer = setInterval(check, CHECK_INTERVAL_MS);
  timer.unref();
  return { decision, stop: () => clearInterval(timer) };
}
