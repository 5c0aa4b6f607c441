import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DiagnosticsExportResult } from '../../shared/diagnostics/contract';
import type { SyncStatus } from '../../shared/sync/contract';
import { englishOf } from '../../shared/text/user-text';
import { preShiftResultInEnglish } from '../../shared/pre-shift/verdict';
import { errorName, type BridgeServer } from '../bridge/bridge-server';
import type { Feature } from '../core/feature';
import type { Logger } from '../logging/logger';
import { LOG_FILE_NAME } from '../logging/file-sink';
import type { SecretStore } from '../secrets/secret-store';
import type { StoreAdminPort } from '../store/ports';
import type { TelephonyService } from '../telephony/telephony-service';
import { readPreShiftCheck } from './pre-shift-check-file';
import { buildDiagnosticsFiles, listFiles, syncReport, zipDiagnostics, type DiagnosticsInput } from './bundle';
import { RecentCalls } from './recent-calls';

/** Zips kept in the diagnostics folder; older ones are deleted when a new one is made. */
const KEEP_ZIPS = 5;

export interface DiagnosticsOptions {
  bridge: BridgeServer;
  telephony: TelephonyService;
  secrets: SecretStore;
  dataDir: string;
  log: Logger;
  /** App version and host; Electron/Chromium/Node/OS versions are added here. */
  versions: () => Record<string, string | number | boolean | null>;
  /** The effective configuration; secret-named keys are masked in the zip whatever this returns. */
  config: () => unknown;
  /** The local store: its status, request times and thread health go in `store.json`. */
  store?: StoreAdminPort;
  /** The sync status, for `sync.json` (reduced by `syncReport`: no customer data). */
  syncStatus?: () => SyncStatus;
  /** The log files to include, newest first. Default: <dataDir>/logs/switchboard.log*. */
  logFiles?: () => string[];
  now?: () => Date;
}

export function diagnosticsDir(dataDir: string): string {
  return path.join(dataDir, 'diagnostics');
}

export function defaultLogDir(dataDir: string): string {
  return path.join(dataDir, 'logs');
}

function listLogFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name === LOG_FILE_NAME || name.startsWith(`${LOG_FILE_NAME}.`))
      .sort((a, b) => (a === LOG_FILE_NAME ? -1 : b === LOG_FILE_NAME ? 1 : Number(a.split('.').pop()) - Number(b.split('.').pop())))
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/** "Export diagnostics": one zip for IT, written to the data folder's diagnostics/ folder. */
export class DiagnosticsService {
  readonly recentCalls: RecentCalls;
  private readonly now: () => Date;

  constructor(private readonly options: DiagnosticsOptions) {
    this.recentCalls = new RecentCalls(options.telephony.events);
    this.now = options.now ?? (() => new Date());
  }

  async export(): Promise<DiagnosticsExportResult> {
    const { telephony, secrets } = this.options;
    const createdAt = this.now();
    const state = telephony.getState();
    const input: DiagnosticsInput = {
      createdAt,
      versions: {
        ...this.options.versions(),
        ...Object.fromEntries(['electron', 'chrome', 'node', 'v8', 'openssl'].map((k) => [k, process.versions[k] ?? null])),
        os: `${os.type()} ${os.release()}`,
        arch: process.arch,
        locale: Intl.DateTimeFormat().resolvedOptions().locale,
      },
      config: this.options.config(),
      secretStore: { ...secrets.info },
      store: await this.storeReport(),
      registration: state.registration,
      sipTrace: telephony.sipTrace(),
      calls: this.recentCalls.list(),
      liveStats: await this.liveStats(),
      audioDevices: await this.audioDevices(),
      devicePrefs: state.devices,
      sync: syncReport(this.options.syncStatus?.() ?? null),
      logFiles: (this.options.logFiles ?? (() => listLogFiles(defaultLogDir(this.options.dataDir))))(),
      preShiftCheck: preShiftCheckInEnglish(readPreShiftCheck(this.options.dataDir)),
    };
    const files = buildDiagnosticsFiles(input);
    const zip = zipDiagnostics(files);
    const dir = diagnosticsDir(this.options.dataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // 20261123-083316-123Z: sortable, and two exports in one second do not overwrite each other.
    const stamp = createdAt.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-');
    const fileName = `switchboard-diagnostics-${stamp}.zip`;
    const file = path.join(dir, fileName);
    writeFileSync(file, zip, { mode: 0o600 });
    this.prune(dir, fileName);
    this.options.log.info('diagnostics exported', {
      sizeBytes: zip.byteLength,
      logFiles: input.logFiles.length,
      sipMessages: input.sipTrace.length,
    });
    return { path: file, fileName, sizeBytes: zip.byteLength, files: listFiles(files) };
  }

  private async storeReport(): Promise<unknown> {
    const { store } = this.options;
    if (!store) return { unavailable: 'no local store in this host' };
    try {
      const status = await store.status();
      return {
        ...status,
        // IT reads the bundle in English, whatever language the agent's window shows.
        problem: status.problem === null ? null : englishOf(status.problem),
        requestTimes: store.requestTimes(),
        threadPriorities: store.threadPriorities(),
        threadHealth: store.threadHealth(),
        threadMemory: await store.threadMemory(),
      };
    } catch (error) {
      return { unavailable: errorName(error) };
    }
  }

  private async liveStats(): Promise<unknown> {
    const { bridge, telephony } = this.options;
    const live = telephony.listCalls().filter((c) => c.status === 'active' || c.status === 'held');
    if (!bridge.hasMediaEngine)
      return { calls: live.map((c) => ({ callId: c.id, status: c.status })), unavailable: 'no media engine is connected' };
    // What the engine holds open across all calls: with no call up, anything above 0 is a leak
    // (a live microphone, or connections that end in "Cannot create so many PeerConnections").
    const engine = await bridge
      .requestMedia('telephony.media.counters', {}, { timeoutMs: 1_500 })
      .catch((error: unknown) => ({ unavailable: errorName(error) }));
    const calls = await Promise.all(
      live.map(async (call) => {
        try {
          const { stats } = await bridge.requestMedia('telephony.media.stats', { callId: call.id }, { timeoutMs: 1_500 });
          return { callId: call.id, status: call.status, stats };
        } catch (error) {
          return { callId: call.id, status: call.status, unavailable: errorName(error) };
        }
      }),
    );
    return { calls, engine, callsInMain: telephony.listCalls().length };
  }

  private async audioDevices(): Promise<DiagnosticsInput['audioDevices']> {
    const { bridge } = this.options;
    if (!bridge.hasMediaEngine) return { unavailable: 'no media engine is connected (no window open)' };
    try {
      return await bridge.requestMedia('diagnostics.media.audioDevices', {}, { timeoutMs: 3_000 });
    } catch (error) {
      return { unavailable: `the media engine did not list devices (${errorName(error)})` };
    }
  }

  private prune(dir: string, keep: string): void {
    try {
      const zips = readdirSync(dir)
        .filter((n) => /^switchboard-diagnostics-.*\.zip$/.test(n) && n !== keep)
        .sort()
        .reverse();
      for (const old of zips.slice(KEEP_ZIPS - 1)) rmSync(path.join(dir, old), { force: true });
    } catch (error) {
      this.options.log.debug('could not prune old diagnostics', { error: errorName(error) });
    }
  }
}

/** Export diagnostics: the service (it keeps the recent calls from start) and its command. */
export function createDiagnosticsFeature(options: DiagnosticsOptions): Feature & { service: DiagnosticsService } {
  const service = new DiagnosticsService(options);
  return { name: 'diagnostics', service, handlers: { 'diagnostics.export': () => service.export() } };
}

/** The last check's verdicts in English words: IT and support read the zip, not the window's catalogs. */
function preShiftCheckInEnglish(
  result: ReturnType<typeof readPreShiftCheck>,
): ReturnType<typeof preShiftResultInEnglish> | { none: string } {
  return result ? preShiftResultInEnglish(result) : { none: 'no pre-shift check has run on this computer' };
}
