import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '../support/e2e';
import { seedDatabase } from '../../tools/sync-server/seed';
import { startSyncServer, type SyncServer } from '../../tools/sync-server/server';
import { requireChromium } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import { openShellStore } from '../support/shell-store';
import { expectSameBoxes } from '../support/same-boxes';

/**
 * Sync as the agent sees it, against the real reference server and the built web shell: connect
 * through "Sync settings", see online / offline / back online in the status strip, and a case
 * changed on both sides shown as a conflict that nothing resolves without the agent's choice.
 */

const chromium = requireChromium();
test.skip(!chromium.available, chromium.reason);

const TOKEN = 'e2e-sync-token-0001';
let server: SyncServer | null = null;
let shell: RunningWebShell | null = null;
let serverDir = '';
let dataDir = '';

test.beforeEach(async () => {
  serverDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-sync-server-'));
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-sync-app-'));
  server = await startSyncServer({ dbFile: path.join(serverDir, 'server.db'), token: TOKEN });
  seedDatabase(server.database, { customers: 20, cases: 40, seed: 7 });
});

test.afterEach(async () => {
  await shell?.stop();
  shell = null;
  if (server?.running) await server.stop();
  else server?.database.close();
  server = null;
  rmSync(serverDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const strip = (page: Page) => page.getByRole('region', { name: 'Sync' });

async function connect(page: Page, url: string): Promise<void> {
  await strip(page).getByRole('button', { name: 'Sync settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync settings' });
  await dialog.getByRole('textbox', { name: 'Sync server URL' }).fill(url);
  await dialog.getByLabel('Access token').fill(TOKEN);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toBeHidden();
}

test('the agent connects to the sync server, sees it go offline when it stops and come back', async ({ page }) => {
  shell = await startWebShell({ dataDir });
  await page.goto(await shell.launchUrl());
  await expect(strip(page).getByRole('status')).toHaveText('Sync off');
  // Sync settings stays where it is whatever the words beside it say, so a click aimed at it lands.
  const settingsButton = strip(page).getByRole('button', { name: 'Sync settings' });
  const settingsAt = await settingsButton.boundingBox();
  const expectSettingsStill = async (when: string) =>
    expectSameBoxes({ 'Sync settings': settingsAt! }, { 'Sync settings': (await settingsButton.boundingBox())! }, when, 'Sync off');

  // A bad address is refused with a reason and changes nothing.
  await strip(page).getByRole('button', { name: 'Sync settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync settings' });
  await dialog.getByRole('textbox', { name: 'Sync server URL' }).fill('ftp://crm.example.com');
  await dialog.getByLabel('Access token').fill(TOKEN);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/http/i);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(strip(page).getByRole('status')).toHaveText('Sync off');

  await connect(page, server!.url);
  await expect(strip(page).getByRole('status')).toHaveText('Online');
  await expect(strip(page)).toContainText('Last sync just now');
  await expectSettingsStill('online');
  // The token is kept by main (key file / keychain), never in the page's storage.
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(TOKEN);

  await server!.stop();
  await strip(page).getByRole('button', { name: 'Sync now' }).click();
  await expect(strip(page).getByRole('status')).toContainText('Offline');
  await expect(strip(page).getByRole('alert')).toContainText(/reach|connect/i);
  await expectSettingsStill('offline, with the reason');

  await server!.start();
  await strip(page).getByRole('button', { name: 'Retry now' }).click();
  await expect(strip(page).getByRole('status')).toHaveText('Online');
});

test('a case changed offline and on the server is shown as a conflict and "keep mine" wins only when chosen', async ({ page }) => {
  // First run: connect and take the initial copy.
  shell = await startWebShell({ dataDir });
  await page.goto(await shell.launchUrl());
  await connect(page, server!.url);
  await expect(strip(page).getByRole('status')).toHaveText('Online');
  await shell.stop();
  shell = null;

  // The agent worked offline (app closed): their edit sits in the outbox.
  const store = await openShellStore(dataDir);
  const before = (await store.getCase('case-1'))!.case;
  await store.updateCase('case-1', { subject: 'Router replaced, customer to confirm' }, before.version);
  await store.close();

  // Meanwhile someone else changed the same case on the server.
  const res = await fetch(`${server!.url}/v1/changes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': 'other-agent-1' },
    body: JSON.stringify({
      entityKind: 'case',
      entityId: 'case-1',
      operation: 'update',
      orderingKey: 'case-1',
      createdAt: Date.now(),
      expectedVersion: before.version,
      payload: { subject: 'Closed by Tier 2' },
    }),
  });
  expect(res.status).toBe(200);

  shell = await startWebShell({ dataDir });
  await page.goto(await shell.launchUrl());
  const conflicts = strip(page).getByRole('button', { name: '1 conflict to resolve' });
  await expect(conflicts).toBeVisible();
  // Nothing was overwritten while the agent has not chosen.
  expect(server!.database.getCase('case-1')).toMatchObject({ subject: 'Closed by Tier 2' });

  await conflicts.click();
  const dialog = page.getByRole('dialog', { name: 'Changed on the server too' });
  const record = dialog.getByRole('region', { name: 'Case "Closed by Tier 2"' });
  await expect(record).toContainText('Router replaced, customer to confirm');
  await expect(record).toContainText('Closed by Tier 2');
  await record.getByRole('button', { name: 'Keep my version of Case "Closed by Tier 2"' }).click();
  await expect(dialog).toBeHidden();
  await expect(conflicts).toBeHidden();
  await expect.poll(() => server!.database.getCase('case-1')?.subject).toBe('Router replaced, customer to confirm');
});
