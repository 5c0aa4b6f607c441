/**
 * The app side of CRM sync in a process of its own, so a kill test can kill it with SIGKILL in the
 * middle of a push or a pull and start it again on the same data folder: the real store (encrypted
 * SQLite, worker thread) and the real sync service with the connector IT policy chooses, talking
 * to the CRM emulator the test runs. Connector-independent: the policy in the config says which
 * CRM and where (the built-in Switchboard Sync API connector too, given its token in `secrets`).
 * Started and read by crm-app-child-process.ts.
 *
 *   node --import tsx crm-app-child.ts '{"dataDir": "...", "policy": {...}, "calls": [...], "rounds": 1, "timing": {...}}'
 *
 * Prints one JSON line per sync status change ({"t":"status",...}), {"t":"sign-in","url":...} when
 * it started the CRM sign-in and waits for the browser, and {"t":"idle"} once this run has
 * completed `rounds` pull rounds (pressing "Sync now" after each but the last) and sent the whole
 * outbox (then exits when `exitWhenIdle`).
 */
import { silentLogger } from '../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../electron/secrets/secret-store';
import { StoreClient } from '../../electron/store/store-client';
import { storeSyncPort } from '../../electron/sync/store-ports';
import { SyncService, type SyncTiming } from '../../electron/sync/sync-service';
import type { SyncStatus } from '../../shared/sync/contract';
import { FAST_TIMING, callRecord, submittedWrapUp } from '../integration/sync/harness';
import { openSettings, policyReading } from './settings';

export interface AppChildCall {
  id: string;
  /** The CRM's case the call is filed under, as the store names it (`zd-ticket-<id>`, `sf-case-<id>`); null: none. */
  caseId: string | null;
  /** The customer the call was with, as the store names it; null or absent: none. */
  customerId?: string | null;
  /** Ended a moment ago; otherwise at the fixed time `callRecord` gives it (long ago for any CRM's retry window). */
  recent?: boolean;
}

export interface AppChildConfig {
  dataDir: string;
  /** IT's policy: the connector and its settings (`crmConnector`, `crmSyncUrl`…). */
  policy: Record<string, unknown>;
  /** Calls to log, and the calls whose wrap-up to submit, before sync starts; only on the first run of this data folder. */
  calls?: AppChildCall[];
  wrapUps?: string[];
  /** Pull rounds this run completes before it is idle (default 1). */
  rounds?: number;
  timing?: Partial<SyncTiming>;
  exitWhenIdle?: boolean;
  /** Not signed in to the CRM: start its browser sign-in and print the URL for the test to open. */
  signIn?: boolean;
  /** Secrets to put in the secret store before the app starts, by name (e.g. the Switchboard Sync API token under SYNC_TOKEN_SECRET). */
  secrets?: Record<string, string>;
}

/** The line the child prints for each sync status change. */
export interface AppChildStatusLine {
  t: 'status';
  connection: string;
  activity: string;
  progress: SyncStatus['progress'];
  stages: SyncStatus['stages'];
  waiting: number;
  lastSyncAt: number | null;
}

const config = JSON.parse(process.argv[2] ?? '{}') as AppChildConfig;
const write = (line: unknown): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

const secrets = createKeyFileSecretStore(config.dataDir);
for (const [name, value] of Object.entries(config.secrets ?? {})) await secrets.set(name, value);
const store = await StoreClient.open({ dataDir: config.dataDir, secrets, log: silentLogger, readers: 'writer', integrityCheck: false });
if (store.state !== 'ready') {
  write({ t: 'error', message: (await store.status()).problem });
  process.exit(1);
}

if (config.calls && (await store.getMeta('test.logged')) === null) {
  const now = Date.now();
  for (const [i, call] of config.calls.entries()) {
    const record = callRecord(call.id, i, { caseId: call.caseId, customerId: call.customerId ?? null });
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
  settings: openSettings(config.dataDir, [policyReading({}, config.policy)]),
  timing: { ...FAST_TIMING, ...config.timing },
  emit: (status) => {
    const line: AppChildStatusLine = {
      t: 'status',
      connection: status.connection,
      activity: status.activity,
      progress: status.progress,
      stages: status.stages,
      waiting: status.outbox.waiting,
      lastSyncAt: status.lastSyncAt,
    };
    write(line);
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
if (config.signIn && sync.status().connection === 'not-configured') {
  // The app's own sign-in: the tokens land in this data folder's secret store as an agent's would.
  const { authorizationUrl } = await sync.signIn();
  write({ t: 'sign-in', url: authorizationUrl });
}
