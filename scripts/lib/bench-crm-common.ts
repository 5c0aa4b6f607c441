import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance as nodePerformance, type EventLoopUtilization } from 'node:perf_hooks';
import { createLogger, silentLogger, type Logger } from '../../electron/logging/logger';
import { createKeyFileSecretStore, type SecretStore } from '../../electron/secrets/secret-store';
import type { SettingsService } from '../../electron/settings/settings-service';
import { StoreClient } from '../../electron/store/store-client';
import { storeSyncPort } from '../../electron/sync/store-ports';
import { SyncService, type SyncServiceOptions } from '../../electron/sync/sync-service';
import type { Interaction, WrapUpRecord } from '../../shared/agent/records';
import type { SyncStatus } from '../../shared/sync/contract';
import { openSettings, policyReading } from '../../tests/support/settings';
import { englishOf } from '../../shared/text/user-text';

/**
 * What every `npm run bench:crm` target shares (scripts/bench-crm.ts): a temporary data folder
 * with the real encrypted store and the settings IT's policy makes, the real sync service over
 * them, its status feed, phase timing (wall time, main thread busy, the emulator's request count),
 * the shift of calls the outbox drain sends, and the figures' formatting. Each target module
 * (bench-crm-zendesk.ts, bench-crm-salesforce.ts) starts its CRM's emulator, chooses the
 * connector by policy, and says what each phase must bring.
 */

export const log = (line: string): void => console.log(line);
export const seconds = (ms: number): number => Number((ms / 1000).toFixed(2));
export const minutes = (s: number): number => Number((s / 60).toFixed(1));
export const pct = (share: number): string => `${Math.round(share * 100)} %`;
export const duration = (s: number): string => (s < 120 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(1)} min`);

export interface Machine {
  cores: number;
  loadStart: number;
}

export function machineAtStart(): Machine {
  return { cores: cpus().length, loadStart: loadavg()[0]! };
}

/** The figures every target ends its JSON with. */
export function machineFigures(machine: Machine): { machine_cores: number; load_average_1m: { start: number; end: number } } {
  return {
    machine_cores: machine.cores,
    load_average_1m: { start: Number(machine.loadStart.toFixed(2)), end: Number(loadavg()[0]!.toFixed(2)) },
  };
}

/** Peak resident memory of this process so far (sync service, store threads and the in-process emulator). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

// ------------------------------------------------------------------ the app: store, settings, sync service

/** The sync service's warnings and errors, as lines of the run's output (the app logs no personal data). */
const syncLog: Logger = createLogger(
  (record) => log(`  sync ${record.level} (${record.scope}): ${record.message}${record.fields ? ` ${JSON.stringify(record.fields)}` : ''}`),
  { level: 'warn', scope: 'sync' },
);

export interface Statuses {
  latest: SyncStatus | null;
  listeners: Set<() => void>;
}

/** Resolves with the first status (the latest, or a later one) that passes `test`. */
export function waitFor(statuses: Statuses, test: (s: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (statuses.latest && test(statuses.latest)) {
        statuses.listeners.delete(check);
        resolve(statuses.latest);
      }
    };
    statuses.listeners.add(check);
    check();
  });
}

/** The sync service's options a target chooses: its timing, and a connector or sign-in of its own. */
export type ServiceChoices = Pick<SyncServiceOptions, 'timing' | 'createSource' | 'salesforceSession' | 'limits'>;

export interface BenchApp {
  dataDir: string;
  secrets: SecretStore;
  store: StoreClient;
  settings: SettingsService;
  statuses: Statuses;
  /** When the first pull's index build began (progress phase `indexing`), or null. */
  indexingAt(): number | null;
  /** A sync service over this store and settings, as the app makes one (not started). */
  newService(choices?: ServiceChoices): SyncService;
  /** Closes the store and removes the data folder (unless kept). */
  close(): Promise<void>;
}

/**
 * The store (encrypted, in a temporary folder) and the settings, with `enforced` as IT's policy.
 * The folder is removed when the run ends, fails or is stopped (a full-size store is ~400 MB),
 * unless `keepData`.
 */
export async function openBenchApp(enforced: Record<string, unknown>, keepData: boolean): Promise<BenchApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-bench-crm-'));
  const removeData = (): void => {
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', removeData);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  const secrets = createKeyFileSecretStore(dataDir);
  const store = await StoreClient.open({ dataDir, secrets, log: silentLogger, integrityCheck: false });
  const settings = openSettings(dataDir, [policyReading({}, enforced)]);
  const statuses: Statuses = { latest: null, listeners: new Set() };
  let indexingAt: number | null = null;
  return {
    dataDir,
    secrets,
    store,
    settings,
    statuses,
    indexingAt: () => indexingAt,
    newService: (choices = {}) =>
      new SyncService({
        store: storeSyncPort(store),
        secrets,
        log: syncLog,
        settings,
        ...choices,
        emit: (status) => {
          statuses.latest = status;
          if (status.progress?.phase === 'indexing' && indexingAt === null) indexingAt = Date.now();
          for (const listener of [...statuses.listeners]) listener();
        },
      }),
    close: async () => {
      await store.close();
      removeData();
    },
  };
}

/** One line every 5 s while a phase runs: the sync's progress and the requests the emulator has had. */
export function progressLines(app: BenchApp, requestsSoFar: () => number): { phaseStarted(): void; stop(): void } {
  let phaseStarted = Date.now();
  let lastPrinted = 0;
  const timer = setInterval(() => {
    const s = app.statuses.latest;
    if (!s || Date.now() - lastPrinted < 5000) return;
    lastPrinted = Date.now();
    const p = s.progress;
    const what = p ? `${p.phase} ${p.done.toLocaleString()}${p.total !== null ? ` / ${p.total.toLocaleString()}` : ''}` : s.activity;
    log(
      `  ${what}  (${((Date.now() - phaseStarted) / 1000).toFixed(0)} s, ${requestsSoFar().toLocaleString()} requests so far` +
        `${s.problem ? `; ${englishOf(s.problem)}` : ''})`,
    );
  }, 1000);
  timer.unref();
  return {
    phaseStarted: () => void (phaseStarted = Date.now()),
    stop: () => clearInterval(timer),
  };
}

// ------------------------------------------------------------------ phases

export interface PhaseStart {
  startMs: number;
  elu: EventLoopUtilization;
  /** The emulator's request count when the phase began. */
  requestsFrom: number;
}

export interface Phase extends PhaseStart {
  endMs: number;
  seconds: number;
  /** Share of the phase's wall time main's event loop was busy. */
  busy: number;
  requestsTo: number;
}

export function startPhase(requestCount: number): PhaseStart {
  return { startMs: Date.now(), elu: nodePerformance.eventLoopUtilization(), requestsFrom: requestCount };
}

export function endPhase(start: PhaseStart, requestCount: number): Phase {
  const endMs = Date.now();
  return {
    ...start,
    endMs,
    seconds: (endMs - start.startMs) / 1000,
    busy: nodePerformance.eventLoopUtilization(start.elu).utilization,
    requestsTo: requestCount,
  };
}

/** The first pull round ended: the service has synced once and is idle. */
export const firstRoundDone = (s: SyncStatus): boolean => s.lastSyncAt !== null && s.activity === 'idle';

/** A later round than the one that ended at `after` ended. */
export const roundAfter =
  (after: SyncStatus) =>
  (s: SyncStatus): boolean =>
    s.lastSyncAt !== null && s.lastSyncAt > after.lastSyncAt! && s.activity === 'idle';

/** The outbox has nothing waiting and the service is idle. */
export const outboxDrained = (s: SyncStatus): boolean => s.outbox.waiting === 0 && s.activity === 'idle';

// ------------------------------------------------------------------ the shift of calls

export interface CallTarget {
  /** The customer's id in the store (`zd-user-…`, `sf-contact-…`). */
  customerId: string;
  /** The case the call is filed under, or null (no case). */
  caseId: string | null;
  /** The caller's number as logged (E.164), or null. */
  number: string | null;
}

export interface BenchCall {
  interaction: Interaction;
  wrapUp: WrapUpRecord;
}

/** The calls, with submitted wrap-ups, as if made within the last `withinMs` (ending five minutes ago). */
export function shiftOfCalls(targets: readonly CallTarget[], withinMs: number): BenchCall[] {
  const count = targets.length;
  const step = Math.min(60_000, Math.floor(withinMs / Math.max(1, count)));
  const base = Date.now() - withinMs - 5 * 60_000;
  return targets.map(({ customerId, caseId, number }, i) => {
    const start = base + i * step;
    const ended = start + 94_000;
    const interaction: Interaction = {
      id: `bench-call-${i}`,
      agentId: 'bench-agent',
      channel: 'call',
      direction: 'inbound',
      outcome: 'answered',
      number,
      startedAt: start,
      answeredAt: start + 4_000,
      endedAt: ended,
      talkSeconds: 90,
      holdSeconds: 0,
      afterCallWorkSeconds: 30,
      customerId,
      caseId,
      sipCallId: `bench-crm-${i}@switchboard`,
      quality: null,
    };
    const wrapUp: WrapUpRecord = {
      interactionId: interaction.id,
      agentId: 'bench-agent',
      state: 'submitted',
      code: i % 3 === 0 ? 'resolved' : 'follow-up',
      notes: 'Explained the next steps; customer satisfied.',
      resolvedOnFirstContact: i % 3 === 0,
      callback: null,
      doNotCall: null,
      revision: 1,
      updatedAt: ended + 30_000,
      submittedAt: ended + 30_000,
    };
    return { interaction, wrapUp };
  });
}

/** Commits the calls and wrap-ups (50 calls to a transaction, as while sync is stopped); answers the outbox's pending count. */
export async function queueCalls(store: StoreClient, calls: readonly BenchCall[]): Promise<number> {
  for (let start = 0; start < calls.length; start += 50) {
    const changes = calls.slice(start, start + 50).flatMap((c) => [
      { kind: 'interaction' as const, record: c.interaction },
      { kind: 'wrap-up' as const, record: c.wrapUp },
    ]);
    await store.commitLocal(changes);
  }
  return (await store.outbox.counts()).pending;
}
