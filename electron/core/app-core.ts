import type { AppInfo } from '../../shared/bridge/commands';
import { BridgeServer } from '../bridge/bridge-server';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { registerStoreCommands } from '../store/bridge-handlers';
import { StoreClient } from '../store/store-client';
import { createSyncService } from '../sync/bridge-handlers';
import type { SyncService } from '../sync/sync-service';
import type { TelephonySettings } from '../../shared/telephony/settings';
import { registerTelephonyHandlers } from '../telephony/telephony-handlers';
import { TelephonyService } from '../telephony/telephony-service';
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
  /** Telephony settings from configuration; without them the account entered in the app is used. */
  telephonySettings?: TelephonySettings | null;
  /** better-sqlite3's addon built for Electron's ABI (Electron only; Node loads node_modules' build). */
  sqliteNativeBinding?: string;
}

export interface AppCore {
  readonly bridge: BridgeServer;
  readonly info: AppInfo;
  readonly telephony: TelephonyService;
  /** The offline case store (electron/store/README.md). */
  readonly store: StoreClient;
  /** Sync with the CRM; call `sync.wake()` after committing agent work to send it at once. */
  readonly sync: SyncService;
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

  const store = await StoreClient.open({ dataDir: options.dataDir, secrets: options.secrets, log: log.child('store'), nativeBinding: options.sqliteNativeBinding });
  const detachStore = registerStoreCommands(bridge, store, log.child('store'));
  const sync = await createSyncService({ bridge, store, secrets: options.secrets, log: log.child('sync'), dataDir: options.dataDir, version: options.version });

  const telephony = new TelephonyService({
    bridge,
    secrets: options.secrets,
    platform: options.platform,
    log: log.child('telephony'),
    dataDir: options.dataDir,
    version: options.version,
    settings: options.telephonySettings ?? null,
  });
  registerTelephonyHandlers(bridge, telephony);

  const missing = bridge.unhandledChannels();
  if (missing.length > 0) throw new Error(`No handler for bridge channels: ${missing.join(', ')}`);

  await telephony.start();

  return {
    bridge,
    info,
    telephony,
    store,
    sync,
    async close() {
      await telephony.close();
      await sync.close();
      detachStore();
      await store.close();
      bridge.close();
    },
  };
}
