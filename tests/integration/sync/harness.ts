import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SyncStatus } from '../../../shared/sync/contract';
import { englishOf } from '../../../shared/text/user-text';
import type { Interaction, WrapUpRecord } from '../../../shared/agent/records';
import type { PulledCase, PulledCustomer } from '../../../shared/store/types';
import type { IngestPort } from '../../../electron/sync/pull-engine';
import { silentLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore, type SecretStore } from '../../../electron/secrets/secret-store';
import { StoreClient } from '../../../electron/store/store-client';
import { storeSyncPort } from '../../../electron/sync/store-ports';
import { SYNC_TOKEN_SECRET } from '../../../electron/sync/switchboard-sync-source';
import { SyncService, type SyncLimits, type SyncTiming } from '../../../electron/sync/sync-service';
import { openSettings, policyReading } from '../../support/settings';
import { seedDatabase } from '../../../tools/sync-server/seed';
import { startSyncServer, type SyncServer } from '../../../tools/sync-server/server';
import type { FaultInput } from '../../../tools/sync-server/faults';

/**
 * Real parts for sync tests: the reference server on loopback with its own
 * SQLite file, and the app side's real store (encrypted SQLite on its worker
 * thread) with the real sync service on top. Timings are shortened so retries
 * happen in milliseconds instead of seconds; nothing else is faked.
 */

export const TOKEN = 'integration-token-1';

/** Retries in tens of milliseconds, so fault tests finish quickly; the logic is the production one. */
export const FAST_TIMING: Partial<SyncTiming> = {
  pullIntervalMs: 60_000,
  pushPollMs: 100,
  requestTimeoutMs: 1_500,
  backoff: { baseMs: 20, capMs: 200 },
  probeBackoff: { baseMs: 20, capMs: 200 },
  pageSize: 200,
  concurrency: 4,
};

export interface ServerHandle {
  server: SyncServer;
  dir: string;
  dbFile: string;
  close(): Promise<void>;
}

export async function startServer(
  options: { customers?: number; cases?: number; faults?: FaultInput; port?: number; token?: string } = {},
): Promise<ServerHandle> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sb-sync-server-'));
  const dbFile = path.join(dir, 'server.db');
  const server = await startSyncServer({ dbFile, token: options.token ?? TOKEN, faults: options.faults, port: options.port });
  if (options.customers) seedDatabase(server.database, { customers: options.customers, cases: options.cases ?? 0, seed: 11 });
  return {
    server,
    dir,
    dbFile,
    async close() {
      if (server.running) await server.stop();
      else server.database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface AppHandle {
  dataDir: string;
  store: StoreClient;
  secrets: SecretStore;
  sync: SyncService;
  statuses: SyncStatus[];
  /** Stops the sync service and closes the store (the data dir stays). */
  stop(): Promise<void>;
}

export async function openStore(dataDir: string, secrets: SecretStore): Promise<StoreClient> {
  return StoreClient.open({ dataDir, secrets, log: silentLogger, readers: 'writer', integrityCheck: false });
}

export async function startApp(options: {
  serverUrl: string | null;
  dataDir?: string;
  timing?: Partial<SyncTiming>;
  limits?: Partial<SyncLimits>;
  token?: string | null;
}): Promise<AppHandle> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'sb-sync-app-'));
  const secrets = createKeyFileSecretStore(dataDir);
  if (options.token !== null) await secrets.set(SYNC_TOKEN_SECRET, options.token ?? TOKEN);
  const store = await openStore(dataDir, secrets);
  const statuses: SyncStatus[] = [];
  const sync = new SyncService({
    store: storeSyncPort(store),
    secrets,
    log: silentLogger,
    settings: openSettings(dataDir, options.serverUrl ? [policyReading({ crmSyncUrl: options.serverUrl })] : []),
    emit: (status) => statuses.push(status),
    timing: { ...FAST_TIMING, ...options.timing },
    limits: options.limits,
  });
  await sync.start();
  return {
    dataDir,
    store,
    secrets,
    sync,
    statuses,
    async stop() {
      await sync.close();
      await store.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A logged inbound call as the workflow records it when the call ends. */
export function callRecord(id: string, i: number, links: { customerId?: string | null; caseId?: string | null } = {}): Interaction {
  const start = 1_790_000_000_000 + i * 60_000;
  return {
    id,
    agentId: 'agent-1',
    channel: 'call',
    direction: 'inbound',
    outcome: 'answered',
    number: '+14155550100',
    startedAt: start,
    answeredAt: start + 5_000,
    endedAt: start + 45_000,
    talkSeconds: 40,
    holdSeconds: 0,
    afterCallWorkSeconds: 0,
    customerId: links.customerId ?? null,
    caseId: links.caseId ?? null,
    sipCallId: null,
    quality: null,
  };
}

/** A submitted wrap-up of one contact, as the agent desk saves it. */
export function submittedWrapUp(interactionId: string, code: string, notes: string): WrapUpRecord {
  const now = Date.now();
  return {
    interactionId,
    agentId: 'agent-1',
    state: 'submitted',
    code,
    notes,
    resolvedOnFirstContact: false,
    callback: null,
    doNotCall: null,
    revision: 1,
    updatedAt: now,
    submittedAt: now,
  };
}

/** Agent work of the kind a shift produces: logged calls, each its own outbox row. */
export async function logCalls(
  store: StoreClient,
  count: number,
  options: { customerId?: string; caseId?: string; prefix?: string } = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${options.prefix ?? 'call'}-${i}`;
    await store.logInteraction(callRecord(id, i, options));
    ids.push(id);
  }
  return ids;
}

export async function serverStats(server: SyncServer): Promise<ReturnType<SyncServer['database']['counts']>> {
  return server.database.counts();
}

/** The store's side of a pull, in memory: newer versions replace older ones, cursors commit with their page. */
export function memoryStore() {
  const cursors = new Map<string, string>();
  const customers = new Map<string, PulledCustomer>();
  const cases = new Map<string, PulledCase>();
  const report = (n: number) => ({ inserted: n, updated: 0, unchanged: 0, skippedDirty: [], rejected: [] });
  const ingest: IngestPort = {
    getCursor: async (name) => cursors.get(name) ?? null,
    setCursor: async (name, value) => void cursors.set(name, value),
    upsertCustomers: async (rows, o) => {
      for (const r of rows) if ((customers.get(r.id)?.version ?? -1) < (r.version ?? 0)) customers.set(r.id, r);
      if (o.cursor) cursors.set(o.cursor.name, o.cursor.value);
      return report(rows.length);
    },
    upsertCases: async (rows, o) => {
      for (const r of rows) if ((cases.get(r.id)?.version ?? -1) < (r.version ?? 0)) cases.set(r.id, r);
      if (o.cursor) cursors.set(o.cursor.name, o.cursor.value);
      return report(rows.length);
    },
    deleteCustomers: async (ids) => ids.forEach((id) => customers.delete(id)),
    deleteCases: async (ids) => ids.forEach((id) => cases.delete(id)),
    bulkLoadActive: async () => false,
    beginBulkLoad: async () => undefined,
    finishBulkLoad: async () => undefined,
  };
  return { ingest, customers, cases, cursors };
}

/** The status's problem as the agent reads it in English (main sends a key and values); null when all is well. */
export function problemOf(status: Pick<SyncStatus, 'problem'>): string | null {
  return status.problem && englishOf(status.problem);
}

/** The status with its problem in English, for `toMatchObject` against the sentence. */
export function inEnglish<T extends Pick<SyncStatus, 'problem'>>(status: T): Omit<T, 'problem'> & { problem: string | null } {
  return { ...status, problem: problemOf(status) };
}
