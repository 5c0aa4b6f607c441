import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '../support/e2e';
import type { StoreClient } from '../../electron/store/store-client';
import { FarEnd } from '../lab/far-end';
import { Kamailio } from '../lab/kamailio';
import { seedAdaLovelace } from '../support/desk-states';
import { requireChromium, requireKamailio } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import { setUpPhone } from '../support/phone-setup';
import { openShellStore } from '../support/shell-store';
import { expectFarEndHearsAgent } from '../support/far-end-hears';

/**
 * The agent's call loop end to end: web shell in Debian's Chromium, real kamailio, a werift
 * caller. A seeded customer calls; the screen pop shows them before the answer; the call is
 * logged when it ends; the wrap-up is coded by keyboard alone and survives a reload.
 */

const chromium = requireChromium();
const kamailioDep = requireKamailio();
test.skip(!chromium.available || !kamailioDep.available, chromium.reason || kamailioDep.reason);
test.describe.configure({ mode: 'serial' });
test.use({ permissions: ['microphone'] });

const MARKUP_NAME = 'Ada <b>Lovelace</b><img src=x onerror=alert(1)>';

let kamailio: Kamailio;
let shell: RunningWebShell | null = null;
let caller: FarEnd;
let dataDir = '';

function openStore(): Promise<StoreClient> {
  return openShellStore(dataDir);
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-agent-'));
  // Beside her open case, a closed one the pop must not list.
  await seedAdaLovelace(dataDir, {
    cases: [
      {
        id: 'CS-2',
        customerId: 'C-100',
        subject: 'Invoice copy sent',
        status: 'closed',
        priority: 'P4',
        updatedAt: Date.now() - 50_000,
        version: 1,
      },
    ],
  });
  kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  await kamailio.start();
  shell = await startWebShell({ dataDir });
  caller = new FarEnd({ user: '4155550123', server: kamailio.url, displayName: MARKUP_NAME });
  await caller.start();
});

test.afterAll(async () => {
  await caller?.stop();
  await shell?.stop();
  await kamailio?.stop();
  kamailio?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

const phone = (page: Page) => page.getByRole('region', { name: 'Phone' });
const customerPane = (page: Page) => page.getByRole('region', { name: 'Customer' });
const agentState = (page: Page) => page.getByRole('region', { name: 'Agent state' });
const wrapUp = (page: Page) => page.getByRole('region', { name: 'Wrap-up' });

let popups: string[] = [];

async function openApp(page: Page): Promise<void> {
  popups = [];
  page.on('dialog', (dialog) => {
    popups.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(await shell!.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
}

test('a seeded customer calls: popped before answer, call logged, wrap-up coded by keyboard survives a reload, agent Ready again', async ({
  page,
}) => {
  await openApp(page);
  await setUpPhone(page, kamailio.url);
  // A first start logs the agent in as Ready.
  await expect(agentState(page).getByRole('status', { name: 'Agent status' })).toHaveText('Ready');
  const timeInState = agentState(page).getByRole('timer', { name: 'Time in state' });
  await expect(timeInState).toHaveText(/^\d+:\d\d$/);
  // The clock writes its own text (no React render per second): it must still count.
  const shownFirst = await timeInState.textContent();
  await expect(timeInState).not.toHaveText(shownFirst ?? '', { timeout: 5_000 });

  const far = await caller.call('1001');
  const ringing = phone(page).getByRole('group', { name: 'Incoming call' });
  await expect(ringing).toBeVisible();
  // Screen pop while it rings: name, company and the open case with priority and status; the closed one is not listed.
  const pane = customerPane(page);
  await expect(pane.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(pane.getByRole('list', { name: 'Open cases' })).toContainText('P2 Router drops every evening (open, CS-1)');
  await expect(pane).not.toContainText('Invoice copy sent');
  await expect(pane).toContainText('Analytical Engines Ltd');
  await expect(pane.getByRole('radio', { name: /Router drops every evening/ })).toBeChecked();
  expect(far.state).not.toBe('Established');
  await expect(agentState(page).getByRole('status', { name: 'Agent status' })).toHaveText('Ringing');
  // The caller's display name holds markup: shown as text, never as HTML.
  await expect(pane).toContainText(MARKUP_NAME);
  await expect(pane.locator('b, img')).toHaveCount(0);
  await expect(ringing).toContainText(MARKUP_NAME);

  await phone(page).getByRole('button', { name: 'Answer', exact: true }).click();
  await far.established;
  await expect(agentState(page).getByRole('status', { name: 'Agent status' })).toHaveText('On call');
  await expectFarEndHearsAgent(far);
  await expect(phone(page).getByText(/Quality: /)).toBeVisible();
  await phone(page).getByRole('button', { name: 'Hang up', exact: true }).click();
  await far.terminated;

  // Wrap-up: the code picker has the keyboard; "bill" then 1 picks the first match.
  const panel = wrapUp(page);
  await expect(agentState(page).getByRole('status', { name: 'Agent status' })).toHaveText('Wrap-up');
  await expect(panel.getByRole('timer', { name: 'After-call work' })).toHaveText(/left$/);
  await expect(panel.getByRole('combobox', { name: 'Wrap-up code' })).toBeFocused();
  await page.keyboard.type('bill');
  await expect(page.getByRole('option').first()).toContainText('Bill explained');
  await page.keyboard.press('1');
  await expect(panel).toContainText('Chosen: Bill explained');
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('textbox', { name: 'Notes' })).toBeFocused();
  await page.keyboard.type('Explained the pro-rata charge');
  await expect(panel.getByRole('status', { name: 'Draft' })).toHaveText('Draft saved');
  // The call row is in the log already, filed under the popped case.
  await expect(page.getByRole('region', { name: 'Call log' })).toContainText('case CS-1');

  // Reload during wrap-up: the draft and the mandatory wrap-up are still there.
  await page.reload();
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await expect(agentState(page).getByRole('status', { name: 'Agent status' })).toHaveText('Wrap-up');
  await expect(wrapUp(page)).toContainText('Chosen: Bill explained');
  await expect(wrapUp(page).getByRole('textbox', { name: 'Notes' })).toHaveValue('Explained the pro-rata charge');
  await expect(wrapUp(page)).toContainText('A code is required before the next call');

  // Keyboard alone: the code picker has focus again; Ctrl+Enter submits.
  await expect(wrapUp(page).getByRole('combobox', { name: 'Wrap-up code' })).toBeFocused();
  await page.keyboard.press('Control+Enter');
  await expect(wrapUp(page)).toHaveCount(0);
  await expect(agentState(page).getByRole('status', { name: 'Agent status' })).toHaveText('Ready');
  // The timeline shows the coded call, and My stats counts it as resolved on first contact at
  // once (not at the next 30-second refresh).
  await expect(customerPane(page).getByRole('region', { name: 'Timeline' })).toContainText('Bill explained');
  const myStats = page.getByRole('region', { name: 'My stats' });
  await expect(myStats).toContainText(/First contact resolution\s*100\.0 %/, { timeout: 5_000 });
  await expect(myStats).not.toContainText('awaiting wrap-up');
  expect(popups).toEqual([]);

  await shell!.stop();
  shell = null;
  const store = await openStore();
  try {
    const rows = await store.listInteractions({ customerId: 'C-100' });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      agentId: '1001',
      channel: 'call',
      direction: 'inbound',
      outcome: 'answered',
      number: '+14155550123',
      customerId: 'C-100',
      caseId: 'CS-1',
      holdSeconds: 0,
    });
    expect(row.answeredAt).not.toBeNull();
    expect(row.endedAt!).toBeGreaterThan(row.answeredAt!);
    expect(row.talkSeconds).toBeGreaterThanOrEqual(1);
    expect(row.quality?.mosAvg).toBeGreaterThan(1);
    expect(row.wrapUp).toMatchObject({
      state: 'submitted',
      code: 'BILL-EXPLAINED',
      notes: 'Explained the pro-rata charge',
      resolvedOnFirstContact: true,
    });
    const outbox = (await store.outbox.list({})).filter((r) => r.entityId === row.id);
    expect(outbox.map((r) => r.entityKind).sort()).toEqual(expect.arrayContaining(['interaction', 'wrap-up']));
  } finally {
    await store.close();
  }
});
