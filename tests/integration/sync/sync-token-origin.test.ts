import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore, type SecretStore } from '../../../electron/secrets/secret-store';
import type { StoreClient } from '../../../electron/store/store-client';
import { storeSyncPort } from '../../../electron/sync/store-ports';
import { SYNC_TOKEN_SECRET } from '../../../electron/sync/switchboard-sync-source';
import { SyncService } from '../../../electron/sync/sync-service';
import { openSettings, policyReading } from '../../support/settings';
import { FAST_TIMING, TOKEN, openStore, problemOf, removeDir, startServer, type ServerHandle } from './harness';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';

/**
 * The sync token is IT's credential for one server. It must only ever be sent to the server it
 * was given for: when the server's origin (scheme, host, port) changes, by the agent or by IT's
 * policy, the stored token is deleted before anything is sent. Two reference servers on
 * 127.0.0.1, each behind a proxy that writes down every Authorization header it sees.
 */

const WAIT = { timeout: 20_000, interval: 20 };
const TOKEN_B = 'token-for-server-b-0002';

let serverA: ServerHandle;
let serverB: ServerHandle;
let proxyA: RecordingProxy;
let proxyB: RecordingProxy;
let dataDir: string;
let secrets: SecretStore;
let running: { sync: SyncService; store: StoreClient } | null = null;

beforeEach(async () => {
  serverA = await startServer({ customers: 2, cases: 2 });
  serverB = await startServer({ customers: 1, cases: 1, token: TOKEN_B });
  proxyA = await startRecordingProxy(serverA.server.url);
  proxyB = await startRecordingProxy(serverB.server.url);
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-sync-token-'));
  secrets = createKeyFileSecretStore(dataDir);
});

afterEach(async () => {
  await stopSync();
  await Promise.all([proxyA.close(), proxyB.close()]);
  await Promise.all([serverA.close(), serverB.close()]);
  removeDir(dataDir);
});

/** Sync over the settings in `dataDir`, with the sync server IT enforces, if any. */
async function startSync(enforcedServer?: string): Promise<SyncService> {
  const store = await openStore(dataDir, secrets);
  const sync = new SyncService({
    store: storeSyncPort(store),
    secrets,
    log: silentLogger,
    settings: openSettings(dataDir, enforcedServer ? [policyReading({}, { crmSyncUrl: enforcedServer })] : []),
    emit: () => undefined,
    timing: FAST_TIMING,
  });
  running = { sync, store };
  await sync.start();
  return sync;
}

async function stopSync(): Promise<void> {
  if (!running) return;
  await running.sync.close();
  await running.store.close();
  running = null;
}

const authorizations = (proxy: RecordingProxy): (string | null)[] => proxy.requests.map((r) => r.authorization);

/**
 * Waits until sync has finished what it was doing and says where it stands. The next step changes
 * the server only then: a change while the first pull runs leaves the new pull waiting for its
 * interval (a separate problem, not this test's subject).
 */
async function settledAs(sync: SyncService, connection: string): Promise<void> {
  await expect
    .poll(() => {
      const status = sync.status();
      return status.activity === 'idle' ? status.connection : 'busy';
    }, WAIT)
    .toBe(connection);
}

describe('the sync token stays with the server it was given for', () => {
  it('pointing sync at another server deletes the token; the new server never sees it, and works once its own token is entered', async () => {
    // As an older version left it: the server in the settings file, the token in the keychain, no record of which server it is for.
    writeFileSync(path.join(dataDir, 'sync-settings.json'), JSON.stringify({ serverUrl: proxyA.url }));
    await secrets.set(SYNC_TOKEN_SECRET, TOKEN);
    const sync = await startSync();
    await settledAs(sync, 'online');
    expect(authorizations(proxyA)).toContain(`Bearer ${TOKEN}`);

    await sync.configure(proxyB.url);
    await expect.poll(() => proxyB.requests.length, WAIT).toBeGreaterThan(0);
    await settledAs(sync, 'unauthorized');
    expect(problemOf(sync.status())).toBe('No sync token is set: IT needs to configure one.');
    expect(authorizations(proxyB).filter((a) => a !== null)).toEqual([]);
    expect(await secrets.get(SYNC_TOKEN_SECRET)).toBeNull();

    await sync.configure(undefined, TOKEN_B);
    await settledAs(sync, 'online');
    expect(authorizations(proxyB)).toContain(`Bearer ${TOKEN_B}`);
    expect(authorizations(proxyB)).not.toContain(`Bearer ${TOKEN}`);
  });

  it('a new base path on the same server keeps the token', async () => {
    const sync = await startSync();
    await sync.configure(proxyA.url, TOKEN);
    await settledAs(sync, 'online');

    await sync.configure(`${proxyA.url}/crm`);
    await expect
      .poll(() => proxyA.requests.some((r) => r.path.startsWith('/crm/v1/') && r.authorization === `Bearer ${TOKEN}`), WAIT)
      .toBe(true);
    expect(await secrets.get(SYNC_TOKEN_SECRET)).toBe(TOKEN);
  });

  it('when IT moves the policy server to another host, the token for the old one is deleted at the next start and never sent', async () => {
    // IT's server is set; the agent enters the token IT gave them.
    let sync = await startSync(proxyA.url);
    await settledAs(sync, 'unauthorized');
    await sync.configure(undefined, TOKEN);
    await settledAs(sync, 'online');

    // Same server after a restart: the token is kept and used.
    await stopSync();
    const before = proxyA.requests.length;
    sync = await startSync(proxyA.url);
    await settledAs(sync, 'online');
    expect(authorizations(proxyA).slice(before)).toContain(`Bearer ${TOKEN}`);

    await stopSync();
    sync = await startSync(proxyB.url);
    await expect.poll(() => proxyB.requests.length, WAIT).toBeGreaterThan(0);
    await settledAs(sync, 'unauthorized');
    expect(authorizations(proxyB).filter((a) => a !== null)).toEqual([]);
    expect(await secrets.get(SYNC_TOKEN_SECRET)).toBeNull();
  });
});
