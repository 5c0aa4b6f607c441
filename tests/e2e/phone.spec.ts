import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '../support/e2e';
import { FarEnd } from '../lab/far-end';
import { Kamailio } from '../lab/kamailio';
import { requireChromium, requireKamailio } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import { expectFarEndHearsAgent } from '../support/far-end-hears';

/**
 * The phone as the agent uses it: the built web shell in Debian's Chromium
 * (the real renderer, its media engine included), a real kamailio with digest
 * auth, and scripted customers on werift. Controls are found by role and name.
 * The tests run in order: the first one sets up the SIP account through the
 * dialog, the others use it.
 */

const chromium = requireChromium();
const kamailioDep = requireKamailio();
test.skip(!chromium.available || !kamailioDep.available, chromium.reason || kamailioDep.reason);
test.describe.configure({ mode: 'serial' });
test.use({ permissions: ['microphone'] });

const MARKUP_NAME = '<img src=x onerror=alert(1)>';
const PASSWORD = 'secret-1001';

let kamailio: Kamailio;
let shell: RunningWebShell;
let customer: FarEnd;
let markupCaller: FarEnd;
let secondCustomer: FarEnd;
let supervisor: FarEnd;
let policyDir: string | undefined;

test.beforeAll(async () => {
  kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  await kamailio.start();
  // Set up by IT as a direct-dial softphone (tests/lab/app.ts PHONE_LAB_WORKFLOW does the same for
  // the lab): no after-call work between calls, and a second call offered as call waiting. The
  // agent workflow's own defaults (wrap-up, busy declines) are tested in agent.spec.ts.
  policyDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-phone-'));
  const policyFile = path.join(policyDir, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({
      enforced: {
        afterCallWork: { seconds: 0, onExpiry: 'ready' },
        inboundCalls: { declineInWrapUp: false, declineWhileBusy: false },
      },
    }),
  );
  shell = await startWebShell({ args: ['--policy-file', policyFile] });
  customer = new FarEnd({ user: '2001', server: kamailio.url });
  markupCaller = new FarEnd({ user: '2002', server: kamailio.url, displayName: MARKUP_NAME });
  secondCustomer = new FarEnd({ user: '2003', server: kamailio.url });
  supervisor = new FarEnd({ user: '3001', server: kamailio.url, autoAnswerMs: 50, displayName: 'Supervisor' });
  await Promise.all([customer.start(), markupCaller.start(), secondCustomer.start(), supervisor.start()]);
});

test.afterAll(async () => {
  await Promise.all([customer?.stop(), markupCaller?.stop(), secondCustomer?.stop(), supervisor?.stop()]);
  await shell?.stop();
  await kamailio?.stop();
  kamailio?.dispose();
  if (policyDir) rmSync(policyDir, { recursive: true, force: true });
});

const phone = (page: Page) => page.getByRole('region', { name: 'Phone' });
const button = (page: Page, name: string) => phone(page).getByRole('button', { name, exact: true });

/** alert()/confirm() dialogs the page opened: any would mean script from the network ran. */
let popups: string[] = [];

async function openApp(page: Page): Promise<void> {
  popups = [];
  page.on('dialog', (dialog) => {
    popups.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(await shell.launchUrl());
}

test('the agent enters the SIP account in Phone settings and the phone registers', async ({ page }) => {
  await openApp(page);
  await expect(phone(page).getByRole('status').first()).toHaveText('Phone not set up');

  await button(page, 'Phone settings').click();
  const dialog = page.getByRole('dialog', { name: 'Phone settings' });
  // A wrong password first: the state says so in words, and there is no retry storm.
  await dialog.getByRole('textbox', { name: 'SIP server (WSS URL)' }).fill(kamailio.url);
  await dialog.getByRole('textbox', { name: 'SIP domain' }).fill('127.0.0.1');
  await dialog.getByRole('textbox', { name: 'Username' }).fill('1001');
  await dialog.getByLabel('Password', { exact: true }).fill('not-the-password');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(phone(page).getByRole('status').first()).toHaveText('Wrong password (401)');

  await button(page, 'Phone settings').click();
  // The stored password is never shown again; the account is.
  await expect(dialog.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(dialog.getByRole('textbox', { name: 'Username' })).toHaveValue('1001');
  await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(phone(page).getByRole('status').first()).toHaveText('Registered');
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(PASSWORD);
});

test('inbound call: the caller is shown, Answer brings audio, Hold is what the far end accepted, Hang up ends it', async ({ page }) => {
  await openApp(page);
  await expect(phone(page).getByRole('status').first()).toHaveText('Registered');

  const far = await customer.call('1001');
  const ringing = phone(page).getByRole('group', { name: 'Incoming call' });
  await expect(ringing).toContainText('Customer 2001');
  await expect(ringing).toContainText('2001');
  await expect(button(page, 'Answer')).toHaveAttribute('aria-keyshortcuts', 'Alt+Shift+A');
  await button(page, 'Answer').click();
  await far.established;
  await expect(ringing).toBeHidden();
  await expect(phone(page).getByRole('group', { name: 'Call with Customer 2001' })).toContainText('Connected');
  await expectFarEndHearsAgent(far);
  // The call time counts the talk time from the answer, and keeps counting (it writes its own text).
  const callTime = phone(page).getByRole('timer', { name: 'Call time' });
  await expect(callTime).toHaveText(/^0:0\d$/);
  const shownFirst = await callTime.textContent();
  await expect(callTime).not.toHaveText(shownFirst ?? '', { timeout: 5_000 });
  // A quality reading arrives every 2 s: a word and the figures.
  await expect(phone(page).getByText(/Quality: Good/)).toBeVisible();

  await button(page, 'Hold').click();
  await expect(button(page, 'Resume')).toBeVisible();
  await expect(phone(page)).toContainText('On hold');
  expect(far.media?.transceiverDirections.currentDirection).toBe('recvonly');

  await button(page, 'Resume').click();
  await expect(button(page, 'Hold')).toBeVisible();
  expect(far.media?.transceiverDirections.currentDirection).toBe('sendrecv');

  await button(page, 'Mute').click();
  await expect(button(page, 'Unmute')).toBeVisible();
  await button(page, 'Unmute').click();
  await expect(button(page, 'Mute')).toBeVisible();

  await button(page, 'Keypad').click();
  const keypad = phone(page).getByRole('group', { name: 'Keypad' });
  await keypad.getByRole('button', { name: 'Digit 5' }).click();
  await keypad.getByRole('button', { name: 'Hash' }).click();
  await expect.poll(() => far.media?.stats.dtmf, { message: 'RFC 4733 events at the far end' }).toBe('5#');

  await button(page, 'Hang up').click();
  await far.terminated;
  await expect(button(page, 'Hang up')).toBeHidden();
  await expect(button(page, 'Call')).toBeVisible();
});

test('outbound call from the dial box; keyboard shortcut hangs up', async ({ page }) => {
  await openApp(page);
  await expect(phone(page).getByRole('status').first()).toHaveText('Registered');
  const incoming = customer.nextIncoming();
  await phone(page).getByRole('textbox', { name: 'Number to dial' }).fill('2001');
  await expect(phone(page)).toContainText('Extension 2001');
  await button(page, 'Call').click();
  const far = await incoming;
  await expect(phone(page).getByRole('group', { name: 'Call with 2001' })).toContainText('Ringing');
  await far.answer();
  await expect(phone(page).getByRole('group', { name: 'Call with 2001' })).toContainText('Connected');
  await expectFarEndHearsAgent(far);

  // Shortcuts never fire while typing in a field; outside one, Alt+Shift+E hangs up.
  await phone(page).getByRole('button', { name: 'Transfer', exact: true }).click();
  const transferTo = phone(page).getByRole('textbox', { name: 'Transfer to' });
  await transferTo.focus();
  await page.keyboard.press('Alt+Shift+E');
  await expect(button(page, 'Hang up')).toBeVisible();
  await button(page, 'Keypad').focus();
  await page.keyboard.press('Alt+Shift+E');
  await far.terminated;
  await expect(button(page, 'Call')).toBeVisible();
});

test('a caller name with markup is shown as text and never runs', async ({ page }) => {
  await openApp(page);
  await expect(phone(page).getByRole('status').first()).toHaveText('Registered');
  const far = await markupCaller.call('1001');
  const ringing = phone(page).getByRole('group', { name: 'Incoming call' });
  await expect(ringing.getByText(MARKUP_NAME, { exact: true })).toBeVisible();
  await expect(ringing).toContainText('2002');
  await expect(phone(page).locator('img')).toHaveCount(0);
  await button(page, 'Decline').click();
  await far.terminated;
  await expect(ringing).toBeHidden();
  expect(popups).toEqual([]);
});

test('call waiting: Hold and answer, switch back, then a blind transfer from the Transfer panel', async ({ page }) => {
  await openApp(page);
  await expect(phone(page).getByRole('status').first()).toHaveText('Registered');
  const first = await customer.call('1001');
  await button(page, 'Answer').click();
  await first.established;
  await expect(phone(page).getByRole('group', { name: 'Call with Customer 2001' })).toContainText('Connected');

  const second = await secondCustomer.call('1001');
  const waiting = phone(page).getByRole('group', { name: 'Call waiting' });
  await expect(waiting).toContainText('Customer 2003');
  await waiting.getByRole('button', { name: 'Hold and answer' }).click();
  await second.established;
  await expect(phone(page).getByRole('group', { name: 'Call with Customer 2003' })).toContainText('Connected');
  // The first customer is on hold, as their end sees it.
  await expect.poll(() => first.media?.transceiverDirections.currentDirection).toBe('recvonly');
  const held = phone(page).getByRole('list', { name: 'Calls on hold' });
  await expect(held).toContainText('Customer 2001');

  await held.getByRole('button', { name: 'Switch to Customer 2001' }).click();
  await expect(phone(page).getByRole('group', { name: 'Call with Customer 2001' })).toContainText('Connected');
  await expect(held).toContainText('Customer 2003');
  await expect.poll(() => second.media?.transceiverDirections.currentDirection).toBe('recvonly');
  await expect.poll(() => first.media?.transceiverDirections.currentDirection).toBe('sendrecv');

  // Blind transfer of the first customer to the supervisor (3001).
  const supervisorLeg = supervisor.nextIncoming();
  await button(page, 'Transfer').click();
  await phone(page).getByRole('textbox', { name: 'Transfer to' }).fill('3001');
  await phone(page).getByRole('button', { name: 'Send now' }).click();
  const transferred = await supervisorLeg;
  await transferred.established;
  await first.terminated.catch(() => undefined);
  await expect(phone(page).getByRole('group', { name: 'Call with Customer 2001' })).toBeHidden();

  // Only the held second customer is left; Hang up ends it.
  await expect(phone(page).getByRole('group', { name: 'Call with Customer 2003' })).toContainText('On hold');
  await button(page, 'Hang up').click();
  await second.terminated;
  await expect(button(page, 'Call')).toBeVisible();
  await transferred.hangup();
});

test('attended transfer: Consult first, talk to the supervisor, Complete transfer joins them', async ({ page }) => {
  await openApp(page);
  await expect(phone(page).getByRole('status').first()).toHaveText('Registered');
  const far = await customer.call('1001');
  await button(page, 'Answer').click();
  await far.established;

  const consultLeg = supervisor.nextIncoming();
  await button(page, 'Transfer').click();
  await phone(page).getByRole('textbox', { name: 'Transfer to' }).fill('3001');
  await phone(page).getByRole('button', { name: 'Consult first' }).click();
  const consult = await consultLeg;
  await consult.established;
  const attended = phone(page).getByRole('group', { name: 'Attended transfer' });
  await expect(attended).toContainText('about Customer 2001');
  await expect(phone(page).getByRole('list', { name: 'Calls on hold' })).toContainText('Customer 2001');
  await expect.poll(() => far.media?.transceiverDirections.currentDirection).toBe('recvonly');

  const joined = supervisor.nextIncoming();
  await attended.getByRole('button', { name: 'Complete transfer' }).click();
  const customerToSupervisor = await joined;
  await customerToSupervisor.established;
  expect(customerToSupervisor.remoteUser).toBe('2001');
  await expect(button(page, 'Call')).toBeVisible();
  await expect(phone(page).getByRole('list', { name: 'Calls on hold' })).toBeHidden();
  await customerToSupervisor.hangup();
});

test('attended transfer called off: Consult first, then Cancel transfer from the keyboard brings the customer back', async ({ page }) => {
  await openApp(page);
  await expect(phone(page).getByRole('status').first()).toHaveText('Registered');
  const far = await customer.call('1001');
  await button(page, 'Answer').click();
  await far.established;

  const consultLeg = supervisor.nextIncoming();
  await button(page, 'Transfer').click();
  await phone(page).getByRole('textbox', { name: 'Transfer to' }).fill('3001');
  await phone(page).getByRole('button', { name: 'Consult first' }).click();
  const consult = await consultLeg;
  await consult.established;
  const attended = phone(page).getByRole('group', { name: 'Attended transfer' });
  await expect(attended).toContainText('Consulting 3001 about Customer 2001 (on hold)');
  await expect.poll(() => far.media?.transceiverDirections.currentDirection).toBe('recvonly');

  // Keyboard only: focus reaches the button and Enter presses it.
  const cancel = attended.getByRole('button', { name: 'Cancel transfer' });
  await cancel.focus();
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Enter');
  await consult.terminated;
  await expect(attended).toBeHidden();
  await expect(phone(page).getByRole('group', { name: 'Call with Customer 2001' })).toContainText('Connected');
  await expect(phone(page).getByRole('list', { name: 'Calls on hold' })).toBeHidden();
  await expect.poll(() => far.media?.transceiverDirections.currentDirection).toBe('sendrecv');
  await expectFarEndHearsAgent(far);

  await button(page, 'Hang up').click();
  await far.terminated;
  await expect(button(page, 'Call')).toBeVisible();
});

test('audio devices chosen in Phone settings are remembered', async ({ page }) => {
  await openApp(page);
  await button(page, 'Phone settings').click();
  const dialog = page.getByRole('dialog', { name: 'Phone settings' });
  const microphone = dialog.getByRole('combobox', { name: 'Microphone' });
  // Chromium's fake devices: "System default" plus at least one named input.
  await expect.poll(async () => (await microphone.locator('option').allTextContents()).length).toBeGreaterThan(1);
  const labels = await microphone.locator('option').allTextContents();
  const chosen = labels[1] ?? '';
  await microphone.selectOption({ label: chosen });
  await expect(dialog.getByRole('status')).toHaveText(`Microphone: ${chosen}. Saved.`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  await page.reload();
  await button(page, 'Phone settings').click();
  await expect(dialog.getByRole('combobox', { name: 'Microphone' }).locator('option:checked')).toHaveText(chosen);
});
