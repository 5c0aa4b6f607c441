import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '../support/e2e';
import { Kamailio } from '../lab/kamailio';
import { requireChromium, requireKamailio } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';

/**
 * IT pre-sets where the phone registers and locks it; the agent, on first start, enters only their
 * own user name and password and the phone registers with the server IT chose (real kamailio).
 */

const chromium = requireChromium();
const kamailioDep = requireKamailio();
test.skip(!chromium.available || !kamailioDep.available, chromium.reason || kamailioDep.reason);
test.use({ permissions: ['microphone'] });

let kamailio: Kamailio;
let shell: RunningWebShell;
let dir: string;

test.beforeAll(async () => {
  kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  await kamailio.start();
  dir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-phone-policy-'));
  const policyFile = path.join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ enforced: { sipServer: kamailio.url, sipDomain: '127.0.0.1' } }));
  shell = await startWebShell({ args: ['--policy-file', policyFile] });
});

test.afterAll(async () => {
  await shell?.stop();
  await kamailio?.stop();
  kamailio?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('server and domain set by IT are read-only; the agent enters their credentials and the phone registers', async ({ page }) => {
  await page.goto(await shell.launchUrl());
  const phone = page.getByRole('region', { name: 'Phone' });
  await expect(phone.getByRole('status').first()).toHaveText('Phone not set up');
  await phone.getByRole('button', { name: 'Phone settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Phone settings' });

  const server = dialog.getByRole('textbox', { name: 'SIP server (WSS URL)' });
  await expect(server).toHaveValue(kamailio.url);
  await expect(server).not.toBeEditable();
  await expect(dialog.getByRole('textbox', { name: 'SIP domain' })).not.toBeEditable();
  await expect(dialog.getByText('Server and domain: set by your IT department')).toBeVisible();

  await dialog.getByRole('textbox', { name: 'Username' }).fill('1001');
  await dialog.getByLabel('Password', { exact: true }).fill('secret-1001');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(phone.getByRole('status').first()).toHaveText('Registered', { timeout: 15_000 });
});
