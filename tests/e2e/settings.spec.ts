import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '../support/e2e';
import { requireChromium } from '../support/system-deps';
import { chooseTool, toolsButton } from '../support/tools-menu';
import { startWebShell, type RunningWebShell } from '../support/web-shell';

/**
 * IT policy as the agent sees it: the web shell starts with a policy.json that
 * enforces the SIP domain and has one bad value. The app starts, Settings shows
 * the domain locked, the bad key's message is in Settings and in a notice, and
 * the agent's own setting wins over a policy default. The theme and the language are the agent's
 * to change there, show at once and stay after a reload, unless IT locks them.
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

  await chooseTool(page, 'Settings');
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

  // Keyboard: Escape closes the dialog and focus returns to the menu button it was opened from.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(toolsButton(page)).toBeFocused();

  // Main logged the problem too, and the policy's log level applied (debug lines appear).
  expect(shell.log()).toContain('"message":"policy problem"');
  expect(shell.log()).toContain('"level":"debug"');
});

test('without a policy, nothing is locked and no problem is shown', async ({ page }) => {
  shell = await startWebShell();
  await page.goto(await shell.launchUrl());
  await chooseTool(page, 'Settings');
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await expect(dialog.getByRole('textbox', { name: 'SIP domain' })).toHaveValue('Not set');
  await expect(dialog.getByRole('textbox', { name: 'Log level' })).toHaveValue('info');
  await expect(dialog.getByText('Locked by your IT department')).toHaveCount(0);
  await expect(dialog.getByRole('region', { name: 'Problems in the IT policy' })).toHaveCount(0);
});

test('the Tools menu works by keyboard, and About names the product and its version', async ({ page }) => {
  shell = await startWebShell();
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  // The version the app was built as: what IT and support compare against a release.
  const { version } = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };

  const tools = toolsButton(page);
  const menu = page.getByRole('menu');
  await tools.focus();
  // Space and ArrowDown open it as Enter does; Escape closes it and leaves focus on the button.
  await page.keyboard.press('Space');
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(tools).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Import data…' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'About Switchboard…' })).toBeFocused();
  await page.keyboard.press('Enter');

  const about = page.getByRole('dialog', { name: 'About Switchboard' });
  await expect(about).toContainText(`Version${version}`);
  await expect(about).toContainText('the web shell');
  await about.getByRole('button', { name: 'Close' }).press('Enter');
  await expect(about).toBeHidden();
  await expect(tools).toBeFocused();
});

/** The window's background colour as the agent sees it. */
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the agent chooses the dark theme in Settings: the window turns dark, and stays so after a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  shell = await startWebShell();
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  const light = await background(page);

  await chooseTool(page, 'Settings');
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  const theme = dialog.getByRole('region', { name: 'Appearance' }).getByRole('radiogroup', { name: 'Theme' });
  await expect(theme.getByRole('radio', { name: 'Same as the system' })).toBeChecked();
  await expect(theme).toHaveAccessibleDescription('Built-in default');
  await theme.getByText('Dark', { exact: true }).click();

  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(theme.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(theme).toHaveAccessibleDescription('Your setting');
  await expect.poll(() => background(page)).not.toBe(light);
  const dark = await background(page);

  // Kept by main: a fresh start of the window (its storage cleared) is dark again.
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).toBe(dark);
});

test('the agent chooses Deutsch: the Tools menu and Settings read German at once, and after a reload', async ({ page }) => {
  shell = await startWebShell();
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');

  await chooseTool(page, 'Settings');
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  const language = dialog.getByRole('radiogroup', { name: 'Language' });
  await language.getByText('Deutsch', { exact: true }).click();

  // The open dialog changes language under the agent's eyes; the choice keeps its own name.
  const german = page.getByRole('dialog', { name: 'Einstellungen', exact: true });
  await expect(german).toBeVisible();
  await expect(german.getByRole('radiogroup', { name: 'Sprache' }).getByRole('radio', { name: 'Deutsch' })).toBeChecked();
  await expect(german.getByRole('radiogroup', { name: 'Farbschema' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.keyboard.press('Escape');
  await expect(german).toBeHidden();

  const tools = page.getByRole('button', { name: 'Extras', exact: true });
  await expect(tools).toBeFocused();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Daten importieren …',
    'Meine Ausstattung prüfen …',
    'Einstellungen …',
    'Diagnosedaten exportieren …',
    'Über Switchboard …',
  ]);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(page.getByRole('button', { name: 'Extras', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
});

test("a theme IT enforces is shown locked and cannot be changed; the language stays the agent's", async ({ page }) => {
  const policyFile = path.join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ enforced: { theme: 'light' } }));
  await page.emulateMedia({ colorScheme: 'dark' });
  shell = await startWebShell({ args: ['--policy-file', policyFile] });
  await page.goto(await shell.launchUrl());
  // IT's light wins over the system's dark.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  await chooseTool(page, 'Settings');
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  const theme = dialog.getByRole('radiogroup', { name: 'Theme' });
  await expect(theme).toHaveAttribute('aria-readonly', 'true');
  await expect(theme).toHaveAccessibleDescription(`Locked by your IT department (${policyFile})`);
  await expect(theme.getByRole('radio', { name: 'Light' })).toBeChecked();
  await theme.getByText('Dark', { exact: true }).click();
  await expect(theme.getByRole('radio', { name: 'Light' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  const language = dialog.getByRole('radiogroup', { name: 'Language' });
  await expect(language).not.toHaveAttribute('aria-readonly', 'true');
  await expect(language).toHaveAccessibleDescription('Built-in default');
});

test("under 'Same as the system' the window follows the OS's light and dark as it changes, and high contrast replaces either", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  shell = await startWebShell();
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await background(page);

  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect.poll(() => background(page)).not.toBe(dark);

  // A Windows contrast theme is usually dark: the OS's system colours must still win over our dark palette.
  await page.emulateMedia({ colorScheme: 'dark', forcedColors: 'active' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const token = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
  await expect.poll(token).toBe('Canvas');
});
