/**
 * The app side of Zendesk sync in a process of its own, so zendesk-kill.test.ts can kill it with
 * SIGKILL in the middle of a push or a pull and start it again on the same data folder: the real
 * store (encrypted SQLite, worker thread) and the real sync service with the Zendesk connector
 * chosen by IT policy, talking to the Zendesk emulator the test runs.
 *
 *   node --import tsx zendesk-child.ts '{"dataDir": "...", "zendeskUrl": "...", "calls": [...], "rounds": 1, "timing": {...}}'
 *
 * Prints one JSON line per sync status change ({"t":"status",...}), and {"t":"idle"} once this run
 * has completed `rounds` pull rounds (pressing "Sync now" after each but the last) and sent the
 * whole outbox (then exits when `exitWhenIdle`).
 */
import { silentLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { StoreClient } from '../../../electron/store/store-client';
import { storeSyncPort } from '../../../electron/sync/store-ports';
import { SyncService, type SyncTiming } from '../../../electron/sync/sync-service';
import { openSettings, policyReading } from '../../support/settings';
import { FAST_TIMING, callRecord } from '../sync/harness';
import { apiTokenPolicy, submittedWrapUp } from './zendesk-harness';

export interface ChildCall {
  id: string;
  /** `zd-ticket-<id>`: a comment on that ticket; null: a ticket of its own. */
  caseId: string | null;
  /** Ended a moment ago (its ticket is deduplicated by Idempotency-Key), or hours ago (by external id). */
  recent: boolean;
}

export interface ChildConfig {
  dataDir: string;
  zendeskUrl: string;
  /** Calls to log, and the calls whose wrap-up to submit, before sync starts; only on the first run of this data folder. */
  calls?: ChildCall[];
  wrapUps?: string[];
  /** Pull rounds this run completes before it is idle (default 1). */
  rounds?: number;
  timing?: Partial<SyncTiming>;
  exitWhenIdle?: boolean;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const write = (line: unknown): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

const secrets = createKeyFileSecretStore(config.dataDir);
const store = await StoreClient.open({ dataDir: config.dataDir, secrets, log: silentLogger, readers: 'writer', integrityCheck: false });
if (store.state !== 'ready') {
  write({ t: 'error', message: (await store.status()).problem });
  process.exit(1);
}

if (config.calls && (await store.getMeta('test.logged')) === null) {
  const now = Date.now();
  for (const [i, call] of config.calls.entries()) {
    const record = callRecord(call.id, i, { caseId: call.caseId });
    const end = now - 5_000;
    await store.logInteraction(call.recent ? { ...record, startedAt: end - 45_000, answeredAt: end - 40_000, endedAt: end } : record);
  }
  for (const id of config.wrapUps ?? []) await store.saveWrapUp(submittedWrapUp(id, 'sorted', `Wrap-up notes for ${id}`));
  await store.setMeta('test.logged', String(config.calls.length));
  write({ t: 'logged', calls: config.calls.length, wrapUps: config.wrapUps?.length ?? 0 });
}

const rounds = config.rounds ?? 1;
const startedAt = Date.now();
let roundsDone = 0;
let lastSeen: number | null = null;
let idle = false;
const sync = new SyncService({
  store: storeSyncPort(store),
  secrets,
  log: silentLogger,
  settings: openSettings(config.dataDir, [policyReading({}, apiTokenPolicy({ url: config.zendeskUrl }))]),
  timing: { ...FAST_TIMING, ...config.timing },
  emit: (status) => {
    write({
      t: 'status',
      connection: status.connection,
      activity: status.activity,
      progress: status.progress,
      waiting: status.outbox.waiting,
      lastSyncAt: status.lastSyncAt,
    });
    // A round of this run ended (lastSyncAt survives restarts, so earlier runs' rounds do not count).
    if (status.lastSyncAt !== null && status.lastSyncAt >= startedAt && status.lastSyncAt !== lastSeen) {
      lastSeen = status.lastSyncAt;
      roundsDone += 1;
      write({ t: 'round', done: roundsDone });
      if (roundsDone < rounds) sync.syncNow();
    }
    if (!idle && roundsDone >= rounds && status.outbox.waiting === 0 && status.activity === 'idle') {
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
