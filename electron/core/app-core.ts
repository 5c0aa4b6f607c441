import type { AppInfo } from '../../shared/bridge/commands';
import { BridgeServer } from '../bridge/bridge-server';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { PlatformServices } from './platform-services';

export interface AppCoreOptions {
  version: string;
  /** Where this installation keeps its database, settings and logs. */
  dataDir: string;
  platform: PlatformServices;
  /** Passwords, tokens and the store's key: the OS keychain in Electron, key files in the web shell. */
  secrets: SecretStore;
  log: Logger;
  /** `process.platform` of the host; passed in so tests can vary it. */
  osPlatform?: string;
}

export interface AppCore {
  readonly bridge: BridgeServer;
  readonly info: AppInfo;
  close(): Promise<void>;
}

/**
 * Builds the main-side application: every service and every command handler.
 * Both hosts (Electron's main process and the web shell) call this and only
 * add a transport in front of `bridge`.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const log = options.log;
  const bridge = new BridgeServer({ log: log.child('bridge') });
  const info: AppInfo = {
    name: 'Switchboard',
    version: options.version,
    host: options.platform.host,
    platform: options.osPlatform ?? process.platform,
    startedAt: Date.now(),
  };

  bridge.handle('app.getInfo', () => info);
  bridge.handle('diagnostics.ping', ({ nonce }) => {
    const receivedAt = Date.now();
    bridge.emit('diagnostics.pinged', { nonce, at: receivedAt });
    return { nonce, receivedAt };
  });
  bridge.handle('diagnostics.probeMedia', () => bridge.requestMedia('media.probe', {}, { timeoutMs: 5_000 }));
  bridge.handle('media.ready', (_request, { link }) => {
    bridge.attachMediaEngine(link);
    return {};
  });

  const missing = bridge.unhandledChannels();
  if (missing.length > 0) throw new Error(`No handler for bridge channels: ${missing.join(', ')}`);

  return {
    bridge,
    info,
    async close() {
      bridge.close();
    },
  };
}
