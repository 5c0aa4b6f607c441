import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '../support/e2e';
import { requireChromium } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import { openShellStore } from '../support/shell-store';

const chromium = requireChromium();
test.skip(!chromium.available, chromium.reason);

const MIN = 60_000;

let shell: RunningWebShell | null = null;
let dataDir = '';
test.beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-escalation-'));
  shell = await startWebShell({ dataDir });
});
test.afterEach(async () => {
  await shell?.stop();
  shell = null;
  rmSync(dataDir, { recursive: true, force: true });
});

async function openApp(page: Page): Promise<void> {
  await page.goto(await shell!.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
}

test('escalate as P1 from a case: missing handoff fields are named and refused, then the stored row has the policy deadlines and a countdown is shown', async ({
  page,
}) => {
  await openApp(page);
  const region = page.getByRole('region', { name: 'Escalations' });
  await expect(region.getByText('No open escalations.')).toBeVisible();

  await region.getByRole('button', { name: 'Escalate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Escalate' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Case number' }).fill('CS-00000042');
  await dialog.getByRole('combobox', { name: 'Priority' }).selectOption('P1');
  await dialog.getByRole('combobox', { name: 'Group' }).selectOption({ label: 'Network operations (outages)' });
  await dialog.getByRole('textbox', { name: 'Summary' }).fill('Whole street without service');
  await dialog.getByRole('textbox', { name: 'Troubleshooting performed' }).fill('Router rebooted; line test fails at the cabinet');
  await dialog.getByRole('button', { name: 'Submit escalation' }).click();

  // Refused by main: one message naming each missing field; focus on the first; nothing stored.
  await expect(dialog.getByRole('alert')).toHaveText('Missing: customer expectation, recommended next steps');
  const expectation = dialog.getByRole('textbox', { name: 'Customer expectation' });
  await expect(expectation).toBeFocused();
  await expect(expectation).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('textbox', { name: 'Recommended next steps' })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('textbox', { name: 'Troubleshooting performed' })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(region.getByText('No open escalations.')).toBeVisible();

  // Typed with the keyboard into the focused field, then the last one.
  await page.keyboard.type('Service back today and a call when fixed');
  await dialog.getByRole('textbox', { name: 'Recommended next steps' }).fill('Send a field engineer to the street cabinet');
  const before = Date.now();
  await dialog.getByRole('button', { name: 'Submit escalation' }).click();
  await expect(dialog).toBeHidden();
  const after = Date.now();

  const item = region.getByRole('listitem', { name: /P1 escalation to Network operations/ });
  await expect(item).toBeVisible();
  await expect(item.getByRole('timer', { name: /acknowledge clock/ })).toHaveText(/^Acknowledge in 1[45]:\d\d$/);
  await expect(item.getByRole('timer', { name: /resolve clock/ })).toHaveText(/^Resolve in 3 h 59 min$|^Resolve in 4 h 00 min$/);
  await expect(item).toContainText('Chain: Team Lead in');
  // The countdown moves.
  const first = await item.getByRole('timer', { name: /acknowledge clock/ }).textContent();
  await expect(item.getByRole('timer', { name: /acknowledge clock/ })).not.toHaveText(first ?? '');

  await shell!.stop();
  shell = null;
  const store = await openShellStore(dataDir);
  try {
    const rows = await store.listEscalations({});
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.priority).toBe('P1');
    expect(row.caseId).toBe('CS-00000042');
    expect(row.createdAt).toBeGreaterThanOrEqual(before);
    expect(row.createdAt).toBeLessThanOrEqual(after);
    expect(row.acknowledgeBy - row.createdAt).toBe(15 * MIN);
    expect(row.resolveBy - row.createdAt).toBe(240 * MIN);
    expect(row.handoff).toEqual({
      customerExpectation: 'Service back today and a call when fixed',
      troubleshootingDone: 'Router rebooted; line test fails at the cabinet',
      recommendedNextSteps: 'Send a field engineer to the street cabinet',
    });
    const outbox = (await store.outbox.list({})).filter((r) => r.entityKind === 'escalation' && r.entityId === row.id);
    expect(outbox).toHaveLength(1);
  } finally {
    await store.close();
  }
});

test('acknowledging from the list stops the acknowledge clock; resolving removes it', async ({ page }) => {
  await openApp(page);
  const region = page.getByRole('region', { name: 'Escalations' });
  await region.getByRole('button', { name: 'Escalate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Escalate' });
  await dialog.getByRole('textbox', { name: 'Case number' }).fill('CS-00000007');
  await dialog.getByRole('combobox', { name: 'Priority' }).selectOption('P3');
  await dialog.getByRole('textbox', { name: 'Customer expectation' }).fill('Refund of the double charge');
  await dialog.getByRole('textbox', { name: 'Troubleshooting performed' }).fill('Checked both charges on the invoice');
  await dialog.getByRole('textbox', { name: 'Recommended next steps' }).fill('Billing to reverse one charge');
  await dialog.getByRole('button', { name: 'Submit escalation' }).click();
  const item = region.getByRole('listitem', { name: /P3 escalation to/ });
  await expect(item.getByRole('timer', { name: /acknowledge clock/ })).toHaveText(
    /^Acknowledge in 23 h 59 min$|^Acknowledge in 24 h 00 min$/,
  );
  await expect(item).not.toContainText('Chain:');
  await item.getByRole('button', { name: /^Acknowledge P3/ }).click();
  await expect(item.getByRole('timer', { name: /acknowledge clock/ })).toHaveText('Acknowledged');
  await item.getByRole('button', { name: /^Resolve P3/ }).click();
  await expect(region.getByText('No open escalations.')).toBeVisible();
  // My stats counts it for today.
  const stats = page.getByRole('region', { name: 'My stats' });
  await expect(stats.getByRole('definition').filter({ hasText: 'escalated' })).toContainText('(1 escalated)');
});

test('first run: with no SIP account the guide points to Phone settings, and a dismissal is remembered', async ({ page }) => {
  await openApp(page);
  const guide = page.getByRole('region', { name: 'Getting started' });
  await expect(guide).toContainText('local store');
  await guide.getByRole('button', { name: 'Set up the phone' }).click();
  const settings = page.getByRole('dialog', { name: 'Phone settings' });
  await expect(settings).toBeVisible();
  await expect(settings.getByRole('textbox', { name: 'SIP server (WSS URL)' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  await guide.getByRole('button', { name: 'Hide this guide' }).click();
  await expect(guide).toBeHidden();
  await page.reload();
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await expect(page.getByRole('region', { name: 'Escalations' })).toBeVisible();
  // Telephony state has arrived (the phone bar shows it), so the guide had its chance to appear.
  await expect(page.getByRole('region', { name: 'Phone' }).getByRole('status').first()).toHaveText('Phone not set up');
  await expect(page.getByRole('region', { name: 'Getting started' })).toHaveCount(0);
});

test('first run: the guide goes away by itself once a SIP account is saved in Phone settings', async ({ page }) => {
  await openApp(page);
  const guide = page.getByRole('region', { name: 'Getting started' });
  await expect(guide).toBeVisible();
  await guide.getByRole('button', { name: 'Set up the phone' }).click();
  const settings = page.getByRole('dialog', { name: 'Phone settings' });
  await settings.getByRole('textbox', { name: 'SIP server (WSS URL)' }).fill('ws://127.0.0.1:5066');
  await settings.getByRole('textbox', { name: 'SIP domain' }).fill('127.0.0.1');
  await settings.getByRole('textbox', { name: 'Username' }).fill('1001');
  await settings.getByLabel('Password', { exact: true }).fill('secret-1001');
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(guide).toHaveCount(0);
  // Not because it was dismissed: a fresh profile on the same data folder does not show it either.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByRole('region', { name: 'Escalations' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Phone' }).getByRole('status').first()).not.toHaveText('Phone not set up');
  await expect(page.getByRole('region', { name: 'Getting started' })).toHaveCount(0);
});

test('my stats: contacts handled, AHT with its target, FCR and missed calls from the stored work, today and this week', async ({
  page,
}) => {
  // The agent's earlier work, written to the store while the app is closed (agent id: no SIP account → "local-agent").
  await shell!.stop();
  shell = null;
  const store = await openShellStore(dataDir);
  const now = Date.now();
  // Stats count a call on the day it started: just after midnight, "5 minutes ago" was yesterday.
  const recent = Math.max(now - 5 * MIN, new Date(now).setHours(0, 0, 0, 0) + 1000);
  try {
    // Four answered calls of 5 min talk + 1 min hold + 1 min after-call work (AHT 7:00), three resolved first time.
    for (let i = 0; i < 4; i += 1) {
      const startedAt = recent + i * 1000;
      await store.logInteraction({
        id: `IS-${i}`,
        agentId: 'local-agent',
        channel: 'call',
        direction: 'inbound',
        outcome: 'answered',
        number: '+14155550100',
        startedAt,
        answeredAt: startedAt + 1000,
        endedAt: startedAt + 361_000,
        talkSeconds: 300,
        holdSeconds: 60,
        afterCallWorkSeconds: 60,
        customerId: null,
        caseId: null,
        sipCallId: null,
        quality: null,
      });
      await store.saveWrapUp({
        interactionId: `IS-${i}`,
        agentId: 'local-agent',
        state: 'submitted',
        code: 'general-enquiry',
        notes: '',
        resolvedOnFirstContact: i < 3,
        callback: null,
        doNotCall: null,
        revision: 1,
        updatedAt: startedAt + 400_000,
        submittedAt: startedAt + 400_000,
      });
    }
    await store.logInteraction({
      id: 'IS-missed',
      agentId: 'local-agent',
      channel: 'call',
      direction: 'inbound',
      outcome: 'missed',
      number: '+14155550101',
      startedAt: recent + MIN,
      answeredAt: null,
      endedAt: recent + MIN + 30_000,
      talkSeconds: 0,
      holdSeconds: 0,
      afterCallWorkSeconds: 0,
      customerId: null,
      caseId: null,
      sipCallId: null,
      quality: null,
    });
  } finally {
    await store.close();
  }
  shell = await startWebShell({ dataDir });
  await openApp(page);

  const stats = page.getByRole('region', { name: 'My stats' });
  const figure = (label: string) =>
    stats
      .locator('dl > div')
      .filter({ has: page.getByText(label, { exact: true }) })
      .getByRole('definition');
  // The periods are tabs: Today is chosen first.
  await expect(stats.getByRole('tab', { name: 'Today' })).toHaveAttribute('aria-selected', 'true');
  await expect(figure('Contacts handled')).toHaveText('4');
  await expect(figure('Average handle time')).toHaveText('7:00 min target 6 min–10 min (on target)');
  await expect(figure('First contact resolution')).toHaveText('75.0 % target ≥ 72 % (on target)');
  await expect(figure('Missed calls')).toHaveText('1');
  // The chart is one image named by its summary (the hour as the window's language writes it), drawn by uPlot on a canvas.
  const chart = stats.getByRole('img');
  await expect(chart).toHaveAccessibleName(/^Contacts handled per hour today: 4 in all, most at \d{1,2}:00(?:\s?[AP]M)? \(4\)\.$/);
  await expect(chart.locator('canvas').first()).toBeVisible();
  // Drawn without a <style> element of its own (the CSP allows style-src 'self' only). react-aria's
  // press helper tries to add one, which the CSP blocks; it is not the chart's.
  await expect(page.locator('style:not(#react-aria-pressable-style)')).toHaveCount(0);
  // Its table alternative: always there for a screen reader, shown on screen on demand instead of the chart.
  const table = stats.getByRole('table', { name: /^Contacts handled per hour today/ });
  await expect(table.getByRole('row')).not.toHaveCount(0);
  await expect(table.getByRole('columnheader', { name: 'Handled' })).toBeAttached();
  await stats.getByRole('button', { name: 'Show as table' }).click();
  await expect(table).toBeVisible();
  await expect(stats.getByRole('img')).toHaveCount(0);
  await expect(table.getByRole('row').filter({ has: page.getByRole('cell', { name: '4', exact: true }) })).toHaveCount(1);
  await stats.getByRole('button', { name: 'Show as table' }).click();
  await expect(stats.getByRole('img')).toBeVisible();

  await stats.getByRole('tab', { name: 'This week' }).click();
  await expect(stats.getByRole('tab', { name: 'This week' })).toHaveAttribute('aria-selected', 'true');
  await expect(figure('Contacts handled')).toHaveText('4');
  await expect(stats.getByRole('img')).toHaveAccessibleName(/^Contacts handled per day this week: 4 in all/);
});
