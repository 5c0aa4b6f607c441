import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test, type Page } from '../support/e2e';
import { FarEnd } from '../lab/far-end';
import { Kamailio } from '../lab/kamailio';
import { requireChromium, requireKamailio } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import { setUpPhone } from '../support/phone-setup';
import { expectSameBoxes, type Box } from '../support/same-boxes';

/**
 * The window does not move under the agent's hand (issue 24, "Done when"): through idle →
 * ringing → in call → on hold → wrap-up with a real call (web shell in Debian's Chromium, a real
 * kamailio, a werift caller), Answer/Hang up, Hold, Mute, Transfer and the wrap-up code field keep
 * their place and size to within 1 px, and so does Phone settings from before the account is set
 * to registered; the page itself never scrolls. On a 1366×768 laptop and
 * on the smallest supported window, 1024×640.
 */

const chromium = requireChromium();
const kamailioDep = requireKamailio();
test.skip(!chromium.available || !kamailioDep.available, chromium.reason || kamailioDep.reason);
test.describe.configure({ mode: 'serial' });
test.use({ permissions: ['microphone'] });

let kamailio: Kamailio;
let caller: FarEnd;
let policyDir = '';
let policyFile = '';

test.beforeAll(async () => {
  kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  await kamailio.start();
  // After-call work that waits for a code, so wrap-up lasts until it is measured.
  policyDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-layout-'));
  policyFile = path.join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ enforced: { afterCallWork: { seconds: 600, onExpiry: 'stay-until-coded' } } }));
  caller = new FarEnd({ user: '2001', server: kamailio.url, displayName: 'Customer 2001' });
  await caller.start();
});

test.afterAll(async () => {
  await caller?.stop();
  await kamailio?.stop();
  kamailio?.dispose();
  if (policyDir) rmSync(policyDir, { recursive: true, force: true });
});

const phone = (page: Page) => page.getByRole('region', { name: 'Phone' });
const agentStatus = (page: Page) => page.getByRole('region', { name: 'Agent state' }).getByRole('status', { name: 'Agent status' });

/** The controls whose place must not change, found by what they are called in each state. */
function controls(page: Page): Record<string, Locator> {
  return {
    'Answer / Hang up': phone(page).getByRole('button', { name: /^(Answer|Hang up)$/ }),
    Hold: phone(page).getByRole('button', { name: /^(Hold|Resume)$/ }),
    Mute: phone(page).getByRole('button', { name: /^(Mute|Unmute)$/ }),
    Transfer: phone(page).getByRole('button', { name: 'Transfer', exact: true }),
    'Wrap-up code': page.getByRole('combobox', { name: 'Wrap-up code' }),
    // Beside the registration's words, which change on their own ("Connecting…", "Registered").
    'Phone settings': phone(page).getByRole('button', { name: 'Phone settings' }),
    // Beside the agent's state and its clock ("Ready 0:05", "Wrap-up 0:12").
    'Not ready': page.getByRole('region', { name: 'Agent state' }).getByRole('button', { name: 'Not ready' }),
    'Log out': page.getByRole('region', { name: 'Agent state' }).getByRole('button', { name: 'Log out' }),
  };
}

async function measure(page: Page): Promise<Record<string, Box>> {
  const boxes: Record<string, Box> = {};
  for (const [name, locator] of Object.entries(controls(page))) {
    await expect(locator, `${name} is on screen`).toBeVisible();
    const box = await locator.boundingBox();
    expect(box, `${name} has a box`).not.toBeNull();
    boxes[name] = box!;
  }
  // The page itself never scrolls: the regions do.
  const scroll = await page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    viewport: window.innerHeight,
    width: document.documentElement.scrollWidth,
    viewportWidth: window.innerWidth,
  }));
  expect(scroll.height, 'the page is no taller than the window').toBeLessThanOrEqual(scroll.viewport);
  expect(scroll.width, 'the page is no wider than the window').toBeLessThanOrEqual(scroll.viewportWidth);
  return boxes;
}

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1024, height: 640 },
]) {
  test(`at ${viewport.width}×${viewport.height}, idle → ringing → in call → on hold → wrap-up moves no control`, async ({ page }) => {
    let shell: RunningWebShell | null = null;
    try {
      shell = await startWebShell({ args: ['--policy-file', policyFile] });
      await page.setViewportSize(viewport);
      await page.goto(await shell.launchUrl());
      await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
      const settingsButton = phone(page).getByRole('button', { name: 'Phone settings' });
      const beforeAccount = await settingsButton.boundingBox();
      const statusBefore = await phone(page).getByRole('status').first().textContent();
      await setUpPhone(page, kamailio.url);
      await expect(agentStatus(page)).toHaveText('Ready');

      const idle = await measure(page);
      // A click aimed at Phone settings while the words beside it change must still land on it.
      expect(statusBefore, 'the registration said something else before the account').not.toBe('Registered');
      expectSameBoxes({ 'Phone settings': idle['Phone settings']! }, { 'Phone settings': beforeAccount! }, statusBefore ?? '');

      const far = await caller.call('1001');
      await expect(phone(page).getByRole('group', { name: 'Incoming call' })).toContainText('Customer 2001');
      await expect(agentStatus(page)).toHaveText('Ringing');
      expectSameBoxes(idle, await measure(page), 'ringing');

      await phone(page).getByRole('button', { name: 'Answer', exact: true }).click();
      await far.established;
      await expect(phone(page).getByRole('group', { name: 'Call with Customer 2001' })).toContainText('Connected');
      await expect(agentStatus(page)).toHaveText('On call');
      expectSameBoxes(idle, await measure(page), 'in call');

      await phone(page).getByRole('button', { name: 'Hold', exact: true }).click();
      await expect(phone(page).getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
      await expect(phone(page).getByRole('group', { name: 'Call with Customer 2001' })).toContainText('On hold');
      expectSameBoxes(idle, await measure(page), 'on hold');

      await phone(page).getByRole('button', { name: 'Hang up', exact: true }).click();
      await far.terminated;
      await expect(agentStatus(page)).toHaveText('Wrap-up');
      await expect(phone(page).getByRole('button', { name: 'Answer', exact: true })).toBeVisible();
      expectSameBoxes(idle, await measure(page), 'wrap-up');
    } finally {
      await shell?.stop();
    }
  });
}
