import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '../support/e2e';
import { requireChromium } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';

/**
 * IT policy as the agent sees it: the web shell starts with a policy.json that
 * enforces the SIP domain and has one bad value. The app starts, Settings shows
 * the domain locked, the bad key's message is in Settings and in a notice, and
 * the agent's own setting wins over a policy default.
 */

const chromium = requireChromium();
test.skip(!chromium.available, chromium.reason);

let shell: RunningWebShell | null = null;
let dir = '';

test.beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-policy-'));
});

test.afterEach(async () => {
  await shell?.stop();
  shell = null;
  rmSync(dir, { recursive: true, force: true });
});

const BAD_DTMF = 'Policy "dtmfMode" in';

test('enforced SIP domain is locked in Settings; a bad key is named with its reason', async ({ page }) => {
  const policyFile = path.join(dir, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({
      enforced: { sipDomain: 'corp.example.com', dtmfMode: 'inband' },
      defaults: { updateChannel: 'beta', logLevel: 'debug' },
    }),
  );
  shell = await startWebShell({ args: ['--policy-file', policyFile] });
  await page.goto(await shell.launchUrl());

  // The problem reaches the agent as a notice without opening anything.
  const notices = page.getByRole('region', { name: 'Notices' });
  await expect(notices).toContainText(
    `${BAD_DTMF} ${policyFile} (enforced) is not valid: must be "rfc4733" or "info". Using the built-in default instead.`,
  );

  await page.getByRole('banner').getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await expect(dialog).toBeVisible();

  const phone = dialog.getByRole('region', { name: 'Phone' });
  const domain = phone.getByRole('textbox', { name: 'SIP domain' });
  await expect(domain).toHaveValue('corp.example.com');
  await expect(domain).toHaveAttribute('readonly', '');
  await expect(domain).toHaveAccessibleDescription(`Locked by your IT department (${policyFile})`);

  // The bad value fell back to the safe default and is not locked.
  const dtmf = phone.getByRole('textbox', { name: 'DTMF mode' });
  await expect(dtmf).toHaveValue('rfc4733');
  await expect(dtmf).toHaveAccessibleDescription('Built-in default');

  const problems = dialog.getByRole('region', { name: 'Problems in the IT policy' });
  await expect(problems.getByRole('listitem')).toHaveCount(1);
  await expect(problems).toContainText(`${BAD_DTMF} ${policyFile} (enforced) is not valid: must be "rfc4733" or "info"`);

  // A policy default is shown as one the agent may change.
  await expect(
    dialog.getByRole('region', { name: 'Updates' }).getByRole('textbox', { name: 'Update channel' }),
  ).toHaveAccessibleDescription(`Default from your IT department (you may change it) (${policyFile})`);

  // The TURN password never reaches the window, even when set (here: not set).
  await expect(dialog.getByRole('textbox', { name: 'TURN password' })).toHaveValue('Not set');

  // Keyboard: Escape closes the dialog and focus returns to the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toBeFocused();

  // Main logged the problem too, and the policy's log level applied (debug lines appear).
  expect(shell.log()).toContain('"message":"policy problem"');
  expect(shell.log()).toContain('"level":"debug"');
});

test('without a policy, nothing is locked and no problem is shown', async ({ page }) => {
  shell = await startWebShell();
  await page.goto(await shell.launchUrl());
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await expect(dialog.getByRole('textbox', { name: 'SIP domain' })).toHaveValue('Not set');
  await expect(dialog.getByRole('textbox', { name: 'Log level' })).toHaveValue('info');
  await expect(dialog.getByText('Locked by your IT department')).toHaveCount(0);
  await expect(dialog.getByRole('region', { name: 'Problems in the IT policy' })).toHaveCount(0);
});
