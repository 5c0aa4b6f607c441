import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeServer } from '../../../electron/bridge/bridge-server';
import { silentLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { SettingsService } from '../../../electron/settings/settings-service';
import type { StoreClient } from '../../../electron/store/store-client';
import { createSyncFeature } from '../../../electron/sync/feature';
import { SYNC_TOKEN_SECRET } from '../../../electron/sync/switchboard-sync-source';
import type { SyncService } from '../../../electron/sync/sync-service';
import { TOKEN, callRecord, openStore, removeDir, startServer, type ServerHandle } from './harness';

/**
 * Sync as the core builds it (createSyncFeature) is woken by the store's `outboxChanged`: agent work
 * goes up as soon as it is committed, though nothing that commits it has a handle on sync. The poll
 * is pushed out of reach, so only the event can have sent it.
 */

const WAIT = { timeout: 20_000, interval: 25 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ server: ServerHandle; store: StoreClient; sync: SyncService; feature: { close(): Promise<void> } }> {
  const server = await startServer();
  cleanups.push(() => server.close());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-sync-wake-'));
  cleanups.push(() => removeDir(dataDir));
  const secrets = createKeyFileSecretStore(dataDir);
  await secrets.set(SYNC_TOKEN_SECRET, TOKEN);
  const store = await openStore(dataDir, secrets);
  cleanups.push(() => store.close());
  const settings = SettingsService.open({ dataDir, log: silentLogger });
  settings.updateSync({ serverUrl: server.server.url, tokenOrigin: new URL(server.server.url).origin });
  const feature = await createSyncFeature({
    bridge: new BridgeServer({ log: silentLogger }),
    store,
    secrets,
    log: silentLogger,
    settings,
    version: 'test',
    timing: { pushPollMs: 600_000, pullIntervalMs: 600_000 },
  });
  cleanups.push(() => feature.close());
  const sync = feature.service;
  await expect.poll(() => sync.status().connection, WAIT).toBe('online');
  return { server, store, sync, feature };
}

describe('sync woken by the store', () => {
  it('sends a committed call at once, with no poll and no one calling wake', async () => {
    const { server, store, sync } = await setup();
    const wake = vi.spyOn(sync, 'wake');
    await store.logInteraction(callRecord('wake-call-1', 1));
    // The store announces the commit before it resolves.
    expect(wake).toHaveBeenCalledTimes(1);
    await expect.poll(() => server.server.database.counts().records.interaction ?? 0, WAIT).toBe(1);
    await expect.poll(() => sync.status().outbox.waiting, WAIT).toBe(0);
  });

  it('stops listening when the feature is closed', async () => {
    const { store, sync, feature } = await setup();
    const wake = vi.spyOn(sync, 'wake');
    await feature.close();
    await store.logInteraction(callRecord('wake-call-2', 2));
    expect(wake).not.toHaveBeenCalled();
  });
});
