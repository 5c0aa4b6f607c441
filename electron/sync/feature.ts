import { BridgeError } from '../../shared/bridge/errors';
import { userText } from '../../shared/text/user-text';
import type { BridgeServer } from '../bridge/bridge-server';
import type { Feature } from '../core/feature';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsService } from '../settings/settings-service';
import type { SyncStoragePort } from '../store/ports';
import { storeSyncPort } from './store-ports';
import { SyncService, SyncUserError, type SyncServiceOptions } from './sync-service';

/**
 * Sync over the app's store: the service, its `sync.*` commands, and status pushed to the window.
 * Whatever commits outbox rows (agent work, escalations, local edits) wakes the service through
 * the store's `outboxChanged`, until the feature is closed.
 */
export async function createSyncFeature(options: {
  bridge: Pick<BridgeServer, 'emit'>;
  store: SyncStoragePort;
  secrets: SecretStore;
  log: Logger;
  settings: SettingsService;
  version: string;
  timing?: SyncServiceOptions['timing'];
  ca?: SyncServiceOptions['ca'];
  /** The agent's single sign-on (electron/sso): its access token is the Sync API's bearer. */
  bearer?: SyncServiceOptions['bearer'];
  requeued?: SyncServiceOptions['requeued'];
}): Promise<Feature & { service: SyncService; close(): Promise<void> }> {
  const { bridge } = options;
  const service = new SyncService({
    store: storeSyncPort(options.store),
    secrets: options.secrets,
    log: options.log,
    settings: options.settings,
    timing: options.timing,
    userAgent: `Switchboard/${options.version}`,
    ca: options.ca,
    bearer: options.bearer,
    requeued: options.requeued,
    emit: (status) => bridge.emit('sync.statusChanged', status),
  });
  await service.start();
  // After start: its first push takes whatever was queued before.
  const stopWaking = options.store.on('outboxChanged', () => service.wake());
  return {
    name: 'sync',
    service,
    handlers: syncHandlers(service),
    async close() {
      stopWaking();
      await service.close();
    },
  };
}

function asBridgeError(error: unknown): never {
  if (error instanceof SyncUserError) throw new BridgeError(error.code, error.text, error.issues);
  throw error;
}

function syncHandlers(service: SyncService): Feature['handlers'] {
  return {
    'sync.getStatus': () => service.status(),
    'sync.syncNow': () => {
      const started = service.syncNow();
      if (!started) throw new BridgeError('unavailable', userText('sync.command.noServer'));
      return { started };
    },
    'sync.resolveConflict': ({ id, choice }) => service.resolveConflict(id, choice).catch(asBridgeError),
    'sync.retryParked': async ({ ids }) => ({ requeued: await service.retryParked(ids).catch(asBridgeError) }),
    'sync.discardParked': async ({ ids }) => ({ discarded: await service.discardParked(ids).catch(asBridgeError) }),
    'sync.configure': ({ serverUrl, token, connector, zendeskEmail }) =>
      service.configure(serverUrl, token, { connector, zendeskEmail }).catch(asBridgeError),
    'sync.signIn': () => service.signIn().catch(asBridgeError),
    'sync.signOut': () => service.signOut().catch(asBridgeError),
  };
}
