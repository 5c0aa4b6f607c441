import { BridgeError } from '../../shared/bridge/errors';
import type { BridgeServer } from '../bridge/bridge-server';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsService } from '../settings/settings-service';
import type { SyncStoragePort } from '../store/ports';
import { storeSyncPort } from './store-ports';
import { SyncService, SyncUserError, type SyncServiceOptions } from './sync-service';

/**
 * Builds the sync service over the app's store and registers the `sync.*`
 * commands. The core calls this once; `close()` on the service at shutdown.
 * Whatever commits outbox rows (agent work, escalations, local edits) wakes
 * the service through the store's `outboxChanged`, until it is closed.
 */
export async function createSyncService(options: {
  bridge: BridgeServer;
  store: SyncStoragePort;
  secrets: SecretStore;
  log: Logger;
  settings: SettingsService;
  version: string;
  timing?: SyncServiceOptions['timing'];
  ca?: SyncServiceOptions['ca'];
}): Promise<SyncService> {
  const { bridge } = options;
  const service = new SyncService({
    store: storeSyncPort(options.store),
    secrets: options.secrets,
    log: options.log,
    settings: options.settings,
    timing: options.timing,
    userAgent: `Switchboard/${options.version}`,
    ca: options.ca,
    emit: (status) => bridge.emit('sync.statusChanged', status),
  });
  registerSyncHandlers(bridge, service);
  await service.start();
  // After start: its first push takes whatever was queued before.
  const stopWaking = options.store.on('outboxChanged', () => service.wake());
  const close = service.close.bind(service);
  service.close = () => {
    stopWaking();
    return close();
  };
  return service;
}

function asBridgeError(error: unknown): never {
  if (error instanceof SyncUserError) throw new BridgeError(error.code, error.message, error.issues);
  throw error;
}

export function registerSyncHandlers(bridge: BridgeServer, service: SyncService): void {
  bridge.handle('sync.getStatus', () => service.status());
  bridge.handle('sync.syncNow', () => {
    const started = service.syncNow();
    if (!started) throw new BridgeError('unavailable', 'No sync server is set up: work stays on this computer until IT configures one');
    return { started };
  });
  bridge.handle('sync.resolveConflict', ({ id, choice }) => service.resolveConflict(id, choice).catch(asBridgeError));
  bridge.handle('sync.retryParked', async ({ ids }) => ({ requeued: await service.retryParked(ids).catch(asBridgeError) }));
  bridge.handle('sync.discardParked', async ({ ids }) => ({ discarded: await service.discardParked(ids).catch(asBridgeError) }));
  bridge.handle('sync.configure', ({ serverUrl, token }) => service.configure(serverUrl, token).catch(asBridgeError));
}
