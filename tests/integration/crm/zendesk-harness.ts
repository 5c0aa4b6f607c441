import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore, type SecretStore } from '../../../electron/secrets/secret-store';
import type { StoreClient } from '../../../electron/store/store-client';
import { storeSyncPort } from '../../../electron/sync/store-ports';
import { SyncService, type SyncTiming } from '../../../electron/sync/sync-service';
import type { SyncStatus } from '../../../shared/sync/contract';
import { startZendeskEmulator, type ZendeskEmulator, type ZendeskEmulatorOptions } from '../../../tools/crm-emulators/zendesk/server';
import { openSettings, policyReading } from '../../support/settings';
import { FAST_TIMING, openStore } from '../sync/harness';

/**
 * What the Zendesk sync tests share: the Zendesk emulator with its admin (API token and OAuth
 * client), the app side (the real encrypted store in a temp folder and the real sync service,
 * Zendesk chosen by IT policy) and the policies for both ways of signing in. No vitest here: the
 * child process of zendesk-kill.test.ts loads it too. The OAuth sign-in the agent's browser does
 * is in zendesk-oauth-browser.ts.
 */

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_API_TOKEN = 'zendesk-admin-test-token';
export const OAUTH_CLIENT_ID = 'switchboard-desktop';
/** The emulator's rate limits off: these tests are about faults, not Zendesk's budgets. */
export const NO_LIMITS = {
  perMinute: null,
  incrementalPerMinute: null,
  incrementalUsersCursorPerMinute: null,
  searchExportPerMinute: null,
};
/** Poll budget: generous, as the suites also run with every core busy. */
export const WAIT = { timeout: 30_000, interval: 50 };

/** The emulator with an admin who signs in by API token and approves OAuth sign-ins, limits off. */
export function startEmulator(options: ZendeskEmulatorOptions = {}): Promise<ZendeskEmulator> {
  return startZendeskEmulator({
    apiTokens: [{ email: ADMIN_EMAIL, token: ADMIN_API_TOKEN }],
    oauthClients: [{ id: OAUTH_CLIENT_ID, redirectUris: [] }],
    limits: NO_LIMITS,
    ...options,
  });
}

/** IT's policy: Zendesk at `zd.url`, signed in to by the admin's API token, wrap-up tags `sb_<code>`. */
export function apiTokenPolicy(zd: { url: string }): Record<string, unknown> {
  return {
    crmConnector: 'zendesk',
    crmSyncUrl: zd.url,
    zendeskAuth: 'api-token',
    zendeskEmail: ADMIN_EMAIL,
    zendeskApiToken: ADMIN_API_TOKEN,
    zendeskWrapUpTagPrefix: 'sb_',
  };
}

/** IT's policy: Zendesk, the agent signs in in the browser with IT's OAuth client; wrap-up tags `sb_<code>`. */
export function oauthPolicy(zd: { url: string }): Record<string, unknown> {
  return {
    crmConnector: 'zendesk',
    crmSyncUrl: zd.url,
    zendeskAuth: 'oauth',
    zendeskOAuthClientId: OAUTH_CLIENT_ID,
    zendeskWrapUpTagPrefix: 'sb_',
  };
}

export interface ZendeskApp {
  dir: string;
  store: StoreClient;
  sync: SyncService;
  secrets: SecretStore;
  statuses: SyncStatus[];
}

export interface AppOptions {
  enforced: Record<string, unknown>;
  defaults?: Record<string, unknown>;
  /** A data folder to open again (a restart); default: a new temp folder. */
  dir?: string;
  timing?: Partial<SyncTiming>;
}

/** The apps a test file started; `closeAll` in afterEach stops them and removes their folders. */
export class ZendeskApps {
  private readonly open: ZendeskApp[] = [];
  private readonly dirs = new Set<string>();

  async start(options: AppOptions): Promise<ZendeskApp> {
    const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'sb-zendesk-'));
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
      timing: { ...FAST_TIMING, ...options.timing },
    });
    const app = { dir, store, sync, secrets, statuses };
    this.open.push(app);
    await sync.start();
    return app;
  }

  /** Stops one app and keeps its folder, as quitting does. */
  async stop(app: ZendeskApp): Promise<void> {
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

/**
 * The tickets Switchboard or a test made (every one not seeded) whose comments carry the marker
 * line (`Switchboard call ID: …`), once per comment: exactly-once is this list having one entry.
 */
export function ticketsWithMarker(zd: ZendeskEmulator, marker: string): number[] {
  return [...zd.state.tickets.overlay.values()].flatMap((t) =>
    zd.state
      .comments(t.id)
      .filter((c) => c.body.split('\n').includes(marker))
      .map(() => t.id),
  );
}
