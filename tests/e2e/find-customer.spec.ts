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
import { displayPhoneNumber } from '../../shared/store/phone';

/**
 * A known customer calls from a number the store does not have. The agent finds them by name
 * in the customer pane while it rings, by keyboard alone, files the call under them and saves
 * the number; the next call from that number pops them straight away. Web shell in Debian's
 * Chromium, real kamailio, a werift caller. Then an email from another customer is logged for them,
 * found the same way from the contact form.
 */

const chromium = requireChromium();
const kamailioDep = requireKamailio();
test.skip(!chromium.available || !kamailioDep.available, chromium.reason || kamailioDep.reason);
test.describe.configure({ mode: 'serial' });
test.use({ permissions: ['microphone'] });

let kamailio: Kamailio;
let shell: RunningWebShell | null = null;
let caller: FarEnd;
let dataDir = '';

function openStore(): Promise<StoreClient> {
  return openShellStore(dataDir);
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-find-'));
  // A second customer: the email at the end is logged for him, found from the contact form.
  await seedAdaLovelace(dataDir, {
    customers: [
      {
        id: 'C-200',
        name: 'Charles Babbage',
        company: 'Difference Works',
        phones: ['+14155550456'],
        updatedAt: Date.now() - 60_000,
        version: 1,
      },
    ],
  });
  kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  await kamailio.start();
  shell = await startWebShell({ dataDir });
  // Her new mobile: no customer in the store has it.
  caller = new FarEnd({ user: '4155550199', server: kamailio.url });
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
const agentStatus = (page: Page) => page.getByRole('region', { name: 'Agent state' }).getByRole('status', { name: 'Agent status' });

test('an unknown number: the agent finds the customer by name, files the call and saves the number; the next call pops them', async ({
  page,
}) => {
  await page.goto(await shell!.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await setUpPhone(page, kamailio.url);
  await expect(agentStatus(page)).toHaveText('Ready');

  const first = await caller.call('1001');
  await expect(phone(page).getByRole('group', { name: 'Incoming call' })).toBeVisible();
  const pane = customerPane(page);
  await expect(pane.getByRole('form', { name: 'Create customer' })).toContainText('No customer has this number.');
  const find = pane.getByRole('region', { name: 'Find a customer' });
  const box = find.getByRole('searchbox', { name: 'Find a customer' });

  // Keyboard alone: type, Tab to "save the number" and tick it, Tab to the first customer found, Enter.
  await box.focus();
  await page.keyboard.type('xylophone');
  await expect(find.getByRole('status')).toHaveText('Nothing found for “xylophone”.');
  await box.fill('');
  await page.keyboard.type('lovel');
  const found = find.getByRole('list', { name: 'Customers found' });
  await expect(found.getByRole('button')).toHaveText(['Ada Lovelace']);
  await expect(found).toContainText('Analytical Engines Ltd');
  await page.keyboard.press('Tab');
  const save = find.getByRole('checkbox', { name: `Save ${displayPhoneNumber('+14155550199')} to the customer’s numbers` });
  await expect(save).toBeFocused();
  await page.keyboard.press('Space');
  await expect(save).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(found.getByRole('button', { name: 'Ada Lovelace' })).toBeFocused();
  await page.keyboard.press('Enter');

  // Shown as a pop would show her: name, company, the open case to file the call under.
  await expect(pane.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(pane.getByRole('list', { name: 'Open cases' })).toContainText('P2 Router drops every evening (open, CS-1)');
  // Shown as the agent reads them (+1 415 555 0123), stored as E.164.
  await expect(pane.getByLabel('Numbers')).toHaveText(['+14155550123', '+14155550199'].map((n) => displayPhoneNumber(n)).join(', '));
  await expect(pane.getByRole('form', { name: 'Create customer' })).toHaveCount(0);
  await expect(pane.getByRole('region', { name: 'Find a customer' })).toHaveCount(0);
  await expect(pane.getByRole('button', { name: 'Find another customer' })).toBeVisible();

  await first.hangup();
  await first.terminated;
  await expect(phone(page).getByRole('group', { name: 'Incoming call' })).toHaveCount(0);
  await expect(agentStatus(page)).toHaveText('Ready');

  // The same number again: popped while it rings, nothing to search.
  const second = await caller.call('1001');
  await expect(phone(page).getByRole('group', { name: 'Incoming call' })).toBeVisible();
  await expect(pane.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(pane.getByRole('form', { name: 'Create customer' })).toHaveCount(0);
  await second.hangup();
  await second.terminated;
  await expect(agentStatus(page)).toHaveText('Ready');

  // An email from another customer, logged for them: found the same way from the contact form.
  await page.getByText('Log an email, chat or walk-in').click();
  const form = page.getByRole('form', { name: 'Log a contact' });
  const loggedFor = form.getByRole('group', { name: 'Logged for' });
  await expect(loggedFor.getByRole('paragraph')).toHaveText('Ada Lovelace');
  await form.getByRole('button', { name: 'Choose another customer' }).click();
  const other = form.getByRole('searchbox', { name: 'Find the customer' });
  await other.fill('babbage');
  await expect(form.getByRole('list', { name: 'Customers found' }).getByRole('button')).toHaveText(['Charles Babbage']);
  // Enter in the search box does not log anything.
  await other.press('Enter');
  await expect(form.getByRole('status')).toHaveCount(0);
  await form.getByRole('list', { name: 'Customers found' }).getByRole('button', { name: 'Charles Babbage' }).click();
  await expect(loggedFor.getByRole('paragraph')).toHaveText('Charles Babbage');
  await form.getByRole('textbox', { name: 'Contact notes' }).fill('Asked for a copy of the contract');
  // Notes are kept with a contact code: without one the form says so and keeps what was typed.
  await form.getByRole('button', { name: 'Log contact' }).click();
  await expect(form.getByRole('status')).toHaveText('Choose a contact code: the notes are saved with it.');
  await expect(form.getByRole('textbox', { name: 'Contact notes' })).toHaveValue('Asked for a copy of the contract');
  await form.getByRole('combobox', { name: 'Contact code' }).selectOption({ label: 'Order status given' });
  await form.getByRole('button', { name: 'Log contact' }).click();
  await expect(form.getByRole('status')).toHaveText('Email logged for Charles Babbage.');

  await shell!.stop();
  shell = null;
  const store = await openStore();
  try {
    const rows = await store.listInteractions({ customerId: 'C-100' });
    expect(rows.map((r) => r.number)).toEqual(['+14155550199', '+14155550199']);
    const emails = await store.listInteractions({ customerId: 'C-200' });
    expect(emails.map((r) => [r.channel, r.direction, r.wrapUp?.notes])).toEqual([
      ['email', 'inbound', 'Asked for a copy of the contract'],
    ]);
    expect((await store.getCustomer('C-100'))!.customer.phones.map((p) => p.number)).toEqual(['+14155550123', '+14155550199']);
    const queued = (await store.outbox.list({})).filter((r) => r.entityKind === 'customer' && r.entityId === 'C-100');
    expect(queued).toHaveLength(1);
  } finally {
    await store.close();
  }
});
