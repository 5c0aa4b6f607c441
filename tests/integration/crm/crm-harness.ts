import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore, type SecretStore } from '../../../electron/secrets/secret-store';
import type { StoreClient } from '../../../electron/store/store-client';
import { storeSyncPort } from '../../../electron/sync/store-ports';
import { SyncService, type SyncTiming } from '../../../electron/sync/sync-service';
import type { SyncStatus } from '../../../shared/sync/contract';
import { openSettings, policyReading } from '../../support/settings';
import { FAST_TIMING, openStore } from '../sync/harness';

/**
 * The app side the CRM connectors' sync tests share: the real encrypted store in a temp folder and
 * the real sync service on top, the connector chosen by IT policy. Used by salesforce-harness.ts and
 * zendesk-harness.ts; no vitest here, as in zendesk-harness.ts.
 */

export interface CrmApp {
  dir: string;
  store: StoreClient;
  sync: SyncService;
  secrets: SecretStore;
  /** Every status the sync service emitted, oldest first. */
  statuses: SyncStatus[];
}

export interface CrmAppOptions {
  enforced: Record<string, unknown>;
  defaults?: Record<string, unknown>;
  /** A data folder to open again (a restart); default: a new temp folder. */
  dir?: string;
  timing?: Partial<SyncTiming>;
}

export interface CrmAppsOptions {
  /** Names the temp folders, so a leftover one says which suite made it. */
  tempPrefix?: string;
  /** Timing every app of this set starts with, over FAST_TIMING; a start's own `timing` goes over it. */
  timing?: Partial<SyncTiming>;
}

/** The apps a test file started; `closeAll` in afterEach stops them and removes their folders. */
export class CrmApps {
  private readonly open: CrmApp[] = [];
  private readonly dirs = new Set<string>();

  constructor(private readonly options: CrmAppsOptions = {}) {}

  async start(options: CrmAppOptions): Promise<CrmApp> {
    const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), this.options.tempPrefix ?? 'sb-crm-'));
    this.dirs.add(dir);
    const secrets = createKeyFileSecretStore(dir);
    const store = await openStore(dir, secrets);
    const statuses: SyncStatus[] = [];
    const sync = new SyncService({
      store: storeSyncPort(store),
      secrets,
      log: silentLogger,
      settings: openSettings(dir, [policyReading(options.defaults ?? {}, options.enforced)]),
      emit: (status) => statuses.push(status),
      timing: { ...FAST_TIMING, ...this.options.timing, ...options.timing },
    });
    const app = { dir, store, sync, secrets, statuses };
    this.open.push(app);
    await sync.start();
    return app;
  }

  /** Stops one app and keeps its folder, as quitting does. */
  async stop(app: CrmApp): Promise<void> {
    const at = this.open.indexOf(app);
    if (at < 0) return;
    this.open.splice(at, 1);
    await app.sync.close();
    await app.store.close();
  }

  async closeAll(): Promise<void> {
    for (const app of [...this.open]) await this.stop(app);
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
    this.dirs.clear();
  }
}
