/**
 * The app side of sync in a process of its own, so a test can kill it with
 * SIGKILL in the middle of a push or a pull and start it again on the same
 * data folder: the real store (encrypted SQLite, worker thread) and the real
 * sync service, talking to a reference server the test runs.
 *
 *   node --import tsx sync-child.ts '{"dataDir": "...", "serverUrl": "...", "logCalls": 200, "timing": {...}}'
 *
 * Prints one JSON line per sync status change ({"t":"status",...}) and
 * {"t":"idle"} once everything is pulled and sent (then exits when `exitWhenIdle`).
 */
import { silentLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { StoreClient } from '../../../electron/store/store-client';
import { storeSyncPort } from '../../../electron/sync/store-ports';
import { SYNC_TOKEN_SECRET } from '../../../electron/sync/switchboard-sync-source';
import { SyncService, type SyncTiming } from '../../../electron/sync/sync-service';
import { openSettings, policyReading } from '../../support/settings';
import { callRecord } from './harness';

interface ChildConfig {
  dataDir: string;
  serverUrl: string;
  token: string;
  /** Interactions to log (and queue) before sync starts; only on the first run of this data folder. */
  logCalls?: number;
  timing?: Partial<SyncTiming>;
  exitWhenIdle?: boolean;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const write = (line: unknown): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

const secrets = createKeyFileSecretStore(config.dataDir);
await secrets.set(SYNC_TOKEN_SECRET, config.token);
const store = await StoreClient.open({ dataDir: config.dataDir, secrets, log: silentLogger, readers: 'writer', integrityCheck: false });
if (store.state !== 'ready') {
  write({ t: 'error', message: (await store.status()).problem });
  process.exit(1);
}

if (config.logCalls && (await store.getMeta('test.logged')) === null) {
  for (let i = 0; i < config.logCalls; i++) {
    await store.logInteraction(callRecord(`kill-call-${i}`, i));
  }
  await store.setMeta('test.logged', String(config.logCalls));
  write({ t: 'logged', count: config.logCalls });
}

let idle = false;
const sync = new SyncService({
  store: storeSyncPort(store),
  secrets,
  log: silentLogger,
  settings: openSettings(config.dataDir, [policyReading({}, { crmSyncUrl: config.serverUrl })]),
  timing: config.timing,
  emit: (status) => {
    write({
      t: 'status',
      connection: status.connection,
      activity: status.activity,
      progress: status.progress,
      waiting: status.outbox.waiting,
      lastSyncAt: status.lastSyncAt,
      lastPushAt: status.lastPushAt,
    });
    if (!idle && status.lastSyncAt !== null && status.outbox.waiting === 0 && status.activity === 'idle') {
      idle = true;
      write({ t: 'idle' });
      if (config.exitWhenIdle) {
        void sync
          .close()
          .then(() => store.close())
          .then(() => process.exit(0));
      }
    }
  },
});
await sync.start();
write({ t: 'started' });
