import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildPolicyState, type PolicyState } from '../../electron/policy/policy-service';
import { seedDatabase } from '../../tools/sync-server/seed';
import { startSyncServer, type SyncServer } from '../../tools/sync-server/server';
import { startLocalOidcProvider, type LocalOidcProvider } from '../../tests/support/local-oidc-provider';
import { openSettings, policyReading } from '../../tests/support/settings';

/**
 * `npm run demo -- --sso`: single sign-on on this computer. A real OpenID Provider
 * (tests/support/local-oidc-provider.ts, accounts Ada Lovelace and Grace Hopper) and the reference
 * Sync API server taking the agents' access tokens, checked against the provider's keys; the app
 * runs under an IT policy that requires sign-in (ssoRequired) and gets Ada's SIP account from the
 * Sync API after she signs in (ssoSipProvisioning).
 */
export interface DemoSso {
  op: LocalOidcProvider;
  server: SyncServer;
  policy: PolicyState;
  close(): Promise<void>;
}

export async function startDemoSso(options: {
  dataDir: string;
  sip: { server: string; domain: string; user: string; password: string };
}): Promise<DemoSso> {
  const op = await startLocalOidcProvider();
  const serverDir = path.join(options.dataDir, 'demo-sync-server');
  mkdirSync(serverDir, { recursive: true });
  const server = await startSyncServer({
    dbFile: path.join(serverDir, 'server.db'),
    oidc: { issuer: op.issuer, audience: op.audience },
    sipAccounts: {
      'agent-ada': { ...options.sip, authUser: null, displayName: 'Ada Lovelace' },
    },
  });
  if (server.database.counts().customers === 0) seedDatabase(server.database, { customers: 200, cases: 400, seed: 7 });
  const settings = openSettings(options.dataDir, [
    policyReading(
      {},
      {
        crmSyncUrl: server.url,
        ssoIssuer: op.issuer,
        ssoClientId: op.clientId,
        ssoScopes: [...op.scopes],
        ssoRequired: true,
        ssoSipProvisioning: true,
      },
      'demo policy (--sso)',
    ),
  ]);
  return {
    op,
    server,
    policy: buildPolicyState(settings),
    async close() {
      await server.stop();
      await op.close();
    },
  };
}
