import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../support/e2e';
import { strFromU8, unzipSync } from 'fflate';
import { REPO_ROOT, requireChromium } from '../support/system-deps';
import { chooseTool, toolsButton } from '../support/tools-menu';
import { startWebShell, type RunningWebShell } from '../support/web-shell';

/**
 * Export diagnostics from the header, and click-to-dial from a link handed to the app
 * (`--dial`, what the OS does with a clicked tel: link): nothing dials before "Call".
 */

const chromium = requireChromium();
test.skip(!chromium.available, chromium.reason);

let shell: RunningWebShell | null = null;
test.afterEach(async () => {
  await shell?.stop();
  shell = null;
});

test('Export diagnostics writes one zip to the data folder and names it', async ({ page }) => {
  shell = await startWebShell();
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await chooseTool(page, 'Export diagnostics');
  const dialog = page.getByRole('dialog', { name: 'Export diagnostics' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('region', { name: 'Diagnostics exported' })).toBeVisible();
  const file = (await dialog.getByRole('status', { name: 'Diagnostics file' }).textContent()) ?? '';
  expect(path.dirname(file)).toBe(path.join(shell.dataDir, 'diagnostics'));
  expect(existsSync(file)).toBe(true);
  const names = Object.keys(unzipSync(readFileSync(file)));
  expect(names).toEqual(
    expect.arrayContaining([
      'README.txt',
      'sip-trace.txt',
      'calls.json',
      'audio-devices.json',
      'config.json',
      'versions.json',
      'logs/switchboard.log',
    ]),
  );
  // The window's media engine answered with what Chromium can see.
  const devices = JSON.parse(strFromU8(unzipSync(readFileSync(file))['audio-devices.json'] ?? new Uint8Array())) as { available: unknown };
  expect(devices.available).toHaveProperty('devices');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(toolsButton(page)).toBeFocused();
});

test('a tel: link asks "Call <number>?" and Cancel dials nothing', async ({ page }) => {
  shell = await startWebShell({ args: ['--dial', 'tel:+1-201-555-0123;ext=44'] });
  await page.goto(await shell.launchUrl());
  const dialog = page.getByRole('dialog', { name: 'Call +1 201 555 0123?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Extension 44');
  // Focus starts on Cancel: a stray Enter never places a call.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  // Taken once: a reload does not ask again.
  await page.reload();
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(shell.log()).not.toContain('2015550123');
});

test('"Call" sends the ordinary dial command (here refused: no SIP account yet, said in words)', async ({ page }) => {
  shell = await startWebShell({ args: ['--dial', 'sip:alice@example.com'] });
  await page.goto(await shell.launchUrl());
  const dialog = page.getByRole('dialog', { name: 'Call alice@example.com?' });
  await dialog.getByRole('button', { name: 'Call' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/not set up|not registered/i);
});

test('a hostile link is refused with a notice and no dialog', async ({ page }) => {
  shell = await startWebShell({ args: ['--dial', 'sip:alice@example.com%0D%0AVia:evil'] });
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(shell.log()).toContain('click-to-dial link refused');
});

test('a tel: link inside the app asks first instead of leaving the app', async ({ page }) => {
  shell = await startWebShell();
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  // A number in, say, a case note: rendered by the app as a link.
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = 'tel:+44-20-7946-0018';
    a.textContent = '+44 20 7946 0018';
    document.querySelector('main')?.append(a);
  });
  await page.getByRole('link', { name: '+44 20 7946 0018' }).click();
  const dialog = page.getByRole('dialog', { name: 'Call +44 20 7946 0018?' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(page.url()).toContain('127.0.0.1');
});

test('a link clicked while Switchboard runs is handed to the running window (second launch)', async ({ page }) => {
  shell = await startWebShell();
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  const second = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'dist/web-shell/host.cjs'), '--no-open', '--data-dir', shell.dataDir, '--dial', 'callto:+15551234567'],
    {
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  expect(second.status).toBe(0);
  expect(second.stdout).toContain('already running; the link was handed to it');
  await expect(page.getByRole('dialog', { name: 'Call +1 555 123 4567?' })).toBeVisible();
});
