import { expect, test } from '../support/e2e';
import { requireChromium } from '../support/system-deps';
import { chooseTool, toolsButton } from '../support/tools-menu';
import { startWebShell, type RunningWebShell } from '../support/web-shell';

/**
 * Import data as the agent (or a pilot's admin) does it: Tools › Import data…, the dialog, a CSV file.
 * A file with a bad row imports nothing and names the line; the corrected file imports every row,
 * and the store's own counts say so.
 */

const chromium = requireChromium();
test.skip(!chromium.available, chromium.reason);

let shell: RunningWebShell | null = null;

test.afterEach(async () => {
  await shell?.stop();
  shell = null;
});

const header = 'id,name,phone,email\n';
const rows = [
  'C-100,Ada Lovelace,+14155550101,ada@example.com',
  'C-101,Alan Turing,(415) 555-0102,alan@example.com',
  'C-102,Grace Hopper,+14155550103,grace@example.com',
];

test('importing customers from a CSV: a bad row stops the whole file with its line, the fixed file is counted', async ({ page }) => {
  shell = await startWebShell();
  await page.goto(await shell.launchUrl());

  await chooseTool(page, 'Import data');
  const dialog = page.getByRole('dialog', { name: 'Import data' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radiogroup', { name: 'Records in the file' }).getByRole('radio', { name: 'Customers' }).check();

  const bad = header + [rows[0], 'C-101,,(415) 555-0102,alan@example.com', rows[2]].join('\n') + '\n';
  await dialog.getByLabel('File (CSV or JSON)').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await dialog.getByRole('button', { name: 'Import' }).click();
  const problems = dialog.getByRole('list', { name: 'Problems in the file' });
  await expect(problems.getByRole('listitem')).toHaveText(['Line 3 (name): required']);
  await expect(dialog.getByRole('alert')).toContainText('Nothing was imported');

  const good = header + rows.join('\n') + '\n';
  await dialog.getByLabel('File (CSV or JSON)').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('status')).toContainText('Imported 3 customers from 3 rows.');
  await expect(dialog.getByRole('status')).toContainText('The local store now holds 3 customers and 0 cases.');

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(toolsButton(page)).toBeFocused();
});
