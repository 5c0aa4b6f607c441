import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../support/e2e';
import { requireChromium } from '../support/system-deps';
import { toolsButton } from '../support/tools-menu';
import { startWebShell, type RunningWebShell } from '../support/web-shell';

/**
 * "Check my setup" by keyboard in the built app: the Tools menu, the microphone meter on
 * Chromium's fake device, the speaker question answered with Enter, and the card. With no SIP
 * account and no echo extension (the lab test, tests/integration/telephony/pre-shift-check.test.ts,
 * covers the call), the card fails on the network and says the test call was skipped, and the
 * result is kept for diagnostics.
 */

const chromium = requireChromium();
test.skip(!chromium.available, chromium.reason);

let shell: RunningWebShell | null = null;
test.afterEach(async () => {
  await shell?.stop();
  shell = null;
});

test('the setup check runs by keyboard and ends with a card that says what to fix', async ({ page }) => {
  shell = await startWebShell();
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  // Tools › Check my setup… by keyboard: Enter opens the menu on its first item, arrows move.
  const button = toolsButton(page);
  await button.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem', { name: 'Import data…' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Check my setup…' })).toBeFocused();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Check my setup' });
  await expect(dialog).toBeVisible();
  const steps = dialog.getByRole('list', { name: 'Setup check steps' });
  await expect(steps.getByRole('listitem', { name: 'Microphone' })).toContainText('Passed');
  // The question takes focus: Enter answers it.
  await expect(dialog.getByRole('button', { name: 'I heard it' })).toBeFocused();
  await page.keyboard.press('Enter');

  const card = dialog.getByRole('region', { name: 'Your setup is not ready for calls: fix what is marked below.' });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card).toContainText('Microphone: Passed.');
  await expect(card).toContainText('Speaker: Passed.');
  await expect(card).toContainText(
    'Echo test call: Skipped. Echo test call skipped: your IT department has not set an echo test extension.',
  );
  await expect(card).toContainText('Network: Failed. The phone system could not be reached: the phone is not connected.');
  await expect(card).toContainText('Check your internet and VPN connection.');

  const saved = path.join(shell.dataDir, 'diagnostics', 'pre-shift-check.json');
  expect(existsSync(saved)).toBe(true);
  expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({ outcome: 'fail', measures: { echo: { status: 'not-configured' } } });

  // Focus moves to the verdict, so it is read first; Escape closes and focus goes back to the menu button.
  await expect(card).toBeFocused();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
});
