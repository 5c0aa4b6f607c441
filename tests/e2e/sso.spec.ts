import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '../support/e2e';
import { seedDatabase } from '../../tools/sync-server/seed';
import { startSyncServer, type SyncServer } from '../../tools/sync-server/server';
import { startLocalOidcProvider, type LocalOidcProvider } from '../support/local-oidc-provider';
import { requireChromium } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';

/**
 * Single sign-on as the agent meets it, in the built web shell: IT requires sign-in, so the first
 * run shows only the sign-in screen; "Sign in" opens the organisation's page (a real OpenID
 * Provider on this computer, tests/support/local-oidc-provider.ts) in a browser tab; the agent
 * picks who they are there, and back in Switchboard they are signed in by name and sync runs
 * with their access token against the reference server, which checks it against the provider's keys.
 */

const chromium = requireChromium();
test.skip(!chromium.available, chromium.reason);

let op: LocalOidcProvider | null = null;
let server: SyncServer | null = null;
let shell: RunningWebShell | null = null;
let dir = '';

test.beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-sso-'));
  op = await startLocalOidcProvider();
  server = await startSyncServer({ dbFile: path.join(dir, 'server.db'), oidc: { issuer: op.issuer, audience: op.audience } });
  seedDatabase(server.database, { customers: 10, cases: 20, seed: 3 });
});

test.afterEach(async () => {
  await shell?.stop();
  shell = null;
  if (server?.running) await server.stop();
  server = null;
  await op?.close();
  op = null;
  rmSync(dir, { recursive: true, force: true });
});

const strip = (page: Page) => page.getByRole('region', { name: 'Sync' });

test('first run: only the sign-in screen; Sign in → browser → back signed in → sync works', async ({ page, context }) => {
  const policyFile = path.join(dir, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({
      enforced: {
        crmSyncUrl: server!.url,
        ssoIssuer: op!.issuer,
        ssoClientId: op!.clientId,
        ssoScopes: [...op!.scopes],
        ssoRequired: true,
      },
    }),
  );
  shell = await startWebShell({ dataDir: path.join(dir, 'app'), args: ['--policy-file', policyFile] });
  await page.goto(await shell.launchUrl());

  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
  // Nothing of the app shows before sign-in.
  await expect(page.getByRole('main', { name: 'Workspace' })).toHaveCount(0);
  await expect(strip(page)).toHaveCount(0);

  const opened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const browserTab = await opened;
  await browserTab.getByRole('button', { name: 'Sign in as Ada Lovelace' }).click();
  await expect(browserTab.getByRole('heading')).toContainText(/signed in/i);

  const agent = page.getByRole('region', { name: 'Signed-in agent' });
  await expect(agent).toContainText('Ada Lovelace');
  await expect(agent).toContainText('ada@example.com');
  await expect(page.getByRole('main', { name: 'Workspace' })).toBeVisible();
  await expect(strip(page).getByRole('status')).toHaveText('Online');
  await expect(strip(page)).toContainText('Last sync just now');
  // The pull went through with the agent's access token (the server has no site token).
  expect(server!.requests.byStatus['200'] ?? 0).toBeGreaterThan(0);
  // No token reaches the page.
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toMatch(/eyJ/);

  // Sign out: back to the sign-in screen.
  await agent.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
});
