import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore, type SecretStore } from '../../../electron/secrets/secret-store';
import { ssoConfigOf } from '../../../electron/sso/sso-config';
import { SsoSession } from '../../../electron/sso/sso-session';
import { ssoSyncBearer } from '../../../electron/sso/sync-bearer';
import type { StoreClient } from '../../../electron/store/store-client';
import { storeSyncPort } from '../../../electron/sync/store-ports';
import { SyncService } from '../../../electron/sync/sync-service';
import type { SyncStatus } from '../../../shared/sync/contract';
import type { ProvisionedSipAccount } from '../../../shared/sync/sip-account';
import { startSyncServer, type SyncServer } from '../../../tools/sync-server/server';
import { startLocalOidcProvider, type LocalOidcProvider, type LocalOidcProviderOptions } from '../../support/local-oidc-provider';
import { openSettings, policyReading } from '../../support/settings';
import { FAST_TIMING, callRecord, openStore } from '../sync/harness';

/**
 * Single sign-on with real parts: the local OpenID Provider (tests/support/local-oidc-provider.ts),
 * the reference Sync API server checking access tokens against its JWKS, and the app's real store,
 * secret store, settings, SsoSession and SyncService, wired as the core wires them
 * (electron/sso/feature.ts). Only retry timings are shortened.
 */

export const ADMIN_TOKEN = 'sso-admin-token-1';

export interface SsoWorld {
  op: LocalOidcProvider;
  server: SyncServer;
  /** Moves the reference server's clock (what it checks a token's expiry against) this far ahead. */
  serverClockAheadMs: number;
  close(): Promise<void>;
}

export async function startWorld(
  options: { op?: LocalOidcProviderOptions; sipAccounts?: Record<string, ProvisionedSipAccount> } = {},
): Promise<SsoWorld> {
  const op = await startLocalOidcProvider(options.op);
  const dir = mkdtempSync(path.join(tmpdir(), 'sb-sso-server-'));
  const server = await startSyncServer({
    dbFile: path.join(dir, 'server.db'),
    adminToken: ADMIN_TOKEN,
    oidc: { issuer: op.issuer, audience: op.audience },
    sipAccounts: options.sipAccounts,
    now: () => Date.now() + world.serverClockAheadMs,
  });
  const world: SsoWorld = {
    op,
    server,
    serverClockAheadMs: 0,
    async close() {
      if (server.running) await server.stop();
      await op.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

export interface SsoApp {
  dataDir: string;
  secrets: SecretStore;
  store: StoreClient;
  session: SsoSession;
  sync: SyncService;
  statuses: SyncStatus[];
  stop(): Promise<void>;
}

export async function startSsoApp(world: SsoWorld, options: { dataDir?: string; policy?: Record<string, unknown> } = {}): Promise<SsoApp> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'sb-sso-app-'));
  const secrets = createKeyFileSecretStore(dataDir);
  const store = await openStore(dataDir, secrets);
  const settings = openSettings(dataDir, [
    policyReading(
      {},
      {
        crmSyncUrl: world.server.url,
        ssoIssuer: world.op.issuer,
        ssoClientId: world.op.clientId,
        ssoScopes: [...world.op.scopes],
        ...options.policy,
      },
    ),
  ]);
  const session = new SsoSession({
    config: () => ssoConfigOf(settings.effective.values),
    secrets,
    log: silentLogger,
    language: () => settings.effective.values.language ?? null,
  });
  await session.start();
  const statuses: SyncStatus[] = [];
  const sync = new SyncService({
    store: storeSyncPort(store),
    secrets,
    log: silentLogger,
    settings,
    emit: (status) => statuses.push(status),
    timing: FAST_TIMING,
    bearer: ssoSyncBearer(session),
  });
  session.on('signedIn', () => void sync.credentialsChanged());
  session.on('signedOut', () => void sync.credentialsChanged());
  await sync.start();
  return {
    dataDir,
    secrets,
    store,
    session,
    sync,
    statuses,
    async stop() {
      session.close();
      await sync.close();
      await store.close();
    },
  };
}

/** "Sign in": the app hands the browser the provider's page, the agent picks who they are, the browser comes back. */
export async function signInThroughBrowser(app: SsoApp, world: SsoWorld, accountId: string): Promise<void> {
  const { authorizationUrl } = await app.session.begin();
  await world.op.browserAs(accountId)(authorizationUrl);
}

/** The interactions the server has, by id. */
export function serverInteractions(server: SyncServer): string[] {
  return server.database
    .listChanges(100_000)
    .filter((c) => c.entityKind === 'interaction')
    .map((c) => c.entityId);
}

/** Calls the agent logged (each its own outbox row), naming them as work records do once they are signed in. */
export async function logCallsBy(store: StoreClient, agentId: string, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${prefix}-${i}`;
    await store.logInteraction({ ...callRecord(id, i), agentId });
    ids.push(id);
  }
  return ids;
}

/** The agent a logged call on the server names. */
export function serverAgentOf(server: SyncServer, interactionId: string): string | null {
  const row = server.database.db
    .prepare<[string], { body: string }>(`SELECT body FROM records WHERE kind = 'interaction' AND id = ?`)
    .get(interactionId);
  return row ? ((JSON.parse(row.body) as { agentId?: string }).agentId ?? null) : null;
}
