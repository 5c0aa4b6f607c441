import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../tools/crm-emulators/salesforce/server';
import type { ZendeskEmulator } from '../../../tools/crm-emulators/zendesk/server';
import { inEnglish } from '../sync/harness';
import { CONNECTED_APP, SalesforceApps, browser, freePort, salesforcePolicy } from './salesforce-harness';
import { ZendeskApps, oauthPolicy, startEmulator } from './zendesk-harness';

/**
 * A CRM that signs in in the browser, chosen by IT policy, before the agent has signed in: the sync
 * status names the CRM's server all the same. Sync settings offers "Sign in to Salesforce" (or
 * Zendesk) only for a server the status names (renderer/src/features/sync/SyncSettingsDialog.tsx),
 * so without it the agent would have no way to sign in at all.
 */

let sf: SalesforceEmulator;
let zd: ZendeskEmulator;
let port: number;
const salesforceApps = new SalesforceApps();
const zendeskApps = new ZendeskApps();

beforeAll(async () => {
  port = await freePort();
  sf = await startSalesforceEmulator({ oauthClients: [{ id: CONNECTED_APP, redirectUris: [`http://127.0.0.1:${port}/oauth/callback`] }] });
  zd = await startEmulator();
});
afterEach(async () => {
  await salesforceApps.closeAll();
  await zendeskApps.closeAll();
});
afterAll(async () => {
  await sf.close();
  await zd.close();
});

describe('the sync status before the agent has signed in to the CRM', () => {
  it('Salesforce: names the org, says to sign in, and the sign-in from there brings sync online', async () => {
    const app = await salesforceApps.start({ enforced: salesforcePolicy(sf, port) });
    expect(inEnglish(app.sync.status())).toMatchObject({
      connector: 'salesforce',
      connection: 'not-configured',
      server: new URL(sf.url).host,
      salesforce: { signedIn: false },
      problem: 'Sign in to Salesforce to sync: choose Sign in to Salesforce in Sync settings. Your work is kept on this computer.',
    });

    const { authorizationUrl } = await app.sync.signIn();
    expect((await browser(sf, authorizationUrl)).status).toBe(200);
    await expect
      .poll(() => app.sync.status(), { timeout: 30_000, interval: 50 })
      .toMatchObject({ connection: 'online', server: new URL(sf.url).host, salesforce: { signedIn: true }, problem: null });
  });

  it('Zendesk by OAuth: names the Zendesk address and says to sign in', async () => {
    const { sync } = await zendeskApps.start({ defaults: {}, enforced: oauthPolicy(zd) });
    expect(inEnglish(sync.status())).toMatchObject({
      connector: 'zendesk',
      connection: 'not-configured',
      server: new URL(zd.url).host,
      zendesk: { auth: 'oauth', signedIn: false },
      problem: 'Sign in to Zendesk to sync: choose Sign in to Zendesk in Sync settings. Your work is kept on this computer.',
    });
  });

  it('an org address IT policy refuses (plain http:// to another computer) is still not named', async () => {
    const app = await salesforceApps.start({
      enforced: { ...salesforcePolicy(sf, port), crmSyncUrl: 'http://sf.example.test', encryptionRequired: true },
    });
    expect(app.sync.status()).toMatchObject({ connection: 'not-configured', server: null });
  });
});
