import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '../support/e2e';
import { formatCallbackTime } from '../../shared/callbacks/callback-rules';
import { FarEnd } from '../lab/far-end';
import { Kamailio } from '../lab/kamailio';
import { requireChromium, requireKamailio } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import { setUpPhone } from '../support/phone-setup';
import { openShellStore } from '../support/shell-store';

/**
 * My callbacks end to end: web shell in Debian's Chromium, real kamailio, werift far ends. A call's
 * wrap-up promises a callback, which shows in My callbacks with its due time; the agent reschedules
 * it (a time in the past is refused), marks it done with an outcome, hands an overdue one back to
 * the team with a reason, and dials one in one click (the far end rings); My stats counts the
 * overdue ones. After the shell stops, the store holds every state change and its outbox row.
 */

const chromium = requireChromium();
const kamailioDep = requireKamailio();
test.skip(!chromium.available || !kamailioDep.available, chromium.reason || kamailioDep.reason);
test.describe.configure({ mode: 'serial' });
test.use({ permissions: ['microphone'] });

const HOUR = 3_600_000;
const MINUTE = 60_000;

let kamailio: Kamailio;
let shell: RunningWebShell | null = null;
let caller: FarEnd;
let deskPhone: FarEnd;
let dataDir = '';
/** The overdue one: promised two hours before the test starts, to a London number. */
let overdueAt = 0;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-callbacks-'));
  overdueAt = Math.floor((Date.now() - 2 * HOUR) / MINUTE) * MINUTE;
  const store = await openShellStore(dataDir);
  try {
    await store.upsertCustomers([
      { id: 'C-100', name: 'Ada Lovelace', phones: ['+14155550123'], updatedAt: Date.now() - 60_000, version: 1 },
      { id: 'C-200', name: 'Grace Hopper', phones: ['+442079460018'], updatedAt: Date.now() - 60_000, version: 1 },
      { id: 'C-300', name: 'Alan Turing', phones: ['2001'], updatedAt: Date.now() - 60_000, version: 1 },
      // The CRM marks her do not call: every number she has is on the list.
      { id: 'C-400', name: 'Dora Keen', phones: ['+442079460999'], doNotCall: true, updatedAt: Date.now() - 60_000, version: 1 },
    ]);
    await store.saveCallback({
      id: 'cb-overdue',
      customerId: 'C-200',
      number: '+442079460018',
      dueAt: overdueAt,
      remindAt: overdueAt - 5 * MINUTE,
      note: 'Wants the engineer visit confirmed',
    });
    await store.saveCallback({
      id: 'cb-desk',
      customerId: 'C-300',
      number: '2001',
      dueAt: Date.now() + 5 * HOUR,
      remindAt: Date.now() + 5 * HOUR - 5 * MINUTE,
      note: 'Call the desk phone',
    });
    await store.saveCallback({
      id: 'cb-dnc',
      customerId: 'C-400',
      number: '+442079460999',
      dueAt: Date.now() + 6 * HOUR,
      remindAt: Date.now() + 6 * HOUR - 5 * MINUTE,
      note: 'Promised before she asked not to be called',
    });
  } finally {
    await store.close();
  }
  kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  await kamailio.start();
  shell = await startWebShell({ dataDir });
  caller = new FarEnd({ user: '4155550123', server: kamailio.url });
  deskPhone = new FarEnd({ user: '2001', server: kamailio.url });
  await Promise.all([caller.start(), deskPhone.start()]);
});

test.afterAll(async () => {
  await Promise.all([caller?.stop(), deskPhone?.stop()]);
  await shell?.stop();
  await kamailio?.stop();
  kamailio?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

const phone = (page: Page) => page.getByRole('region', { name: 'Phone' });
const agentStatus = (page: Page) => page.getByRole('region', { name: 'Agent state' }).getByRole('status', { name: 'Agent status' });
const myCallbacks = (page: Page) => page.getByRole('region', { name: 'My callbacks' });
const row = (page: Page, customer: string) => myCallbacks(page).getByRole('listitem', { name: new RegExp(`^${customer}`) });
const myStats = (page: Page) => page.getByRole('region', { name: 'My stats' });

/** What a `datetime-local` field holds for `ms` in the page's own time zone. */
function localInput(page: Page, ms: number): Promise<string> {
  return page.evaluate((at) => {
    const d = new Date(at);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, ms);
}

test('a callback promised in a wrap-up is listed, rescheduled and done; an overdue one is handed back; one is dialled', async ({
  page,
}) => {
  // A whole agent's round (a call, its wrap-up, four actions, a dial): more than the default minute when every core is busy.
  test.setTimeout(240_000);
  await page.goto(await shell!.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await setUpPhone(page, kamailio.url);
  await expect(agentStatus(page)).toHaveText('Ready');
  const agentZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);

  // The overdue one: a badge in words, the due time in the customer's zone (London, from the number) and the agent's.
  const overdue = row(page, 'Grace Hopper');
  await expect(overdue.getByText('Overdue', { exact: true })).toBeVisible();
  await expect(overdue).toContainText('+44 20 7946 0018');
  await expect(overdue).toContainText('Wants the engineer visit confirmed');
  // The window is in English: due times as English writes them, in each zone.
  if (agentZone === 'Europe/London') {
    await expect(overdue).toContainText(`Due ${formatCallbackTime(overdueAt, agentZone, 'en')} your time`);
  } else {
    await expect(overdue).toContainText(
      `Due ${formatCallbackTime(overdueAt, 'Europe/London', 'en')} customer's time (Europe/London), ${formatCallbackTime(overdueAt, agentZone, 'en')} your time`,
    );
  }
  await expect(row(page, 'Alan Turing').getByText('Overdue', { exact: true })).toHaveCount(0);
  await expect(myStats(page)).toContainText(/Overdue callbacks\s*1/);

  // A call from Ada; the wrap-up code "Callback requested" asks for a callback.
  const far = await caller.call('1001');
  await phone(page).getByRole('button', { name: 'Answer', exact: true }).click();
  await far.established;
  await phone(page).getByRole('button', { name: 'Hang up', exact: true }).click();
  await far.terminated;
  const wrapUp = page.getByRole('region', { name: 'Wrap-up' });
  await expect(wrapUp.getByRole('combobox', { name: 'Wrap-up code' })).toBeFocused();
  await page.keyboard.type('callback req');
  await expect(wrapUp.getByRole('option').first()).toContainText('Callback requested');
  await page.keyboard.press('1');
  await wrapUp.getByRole('textbox', { name: 'Notes' }).fill('Wants to hear back about the router swap');
  const promisedAt = Math.ceil((Date.now() + 2 * HOUR) / MINUTE) * MINUTE;
  await wrapUp.getByLabel('Callback time').fill(await localInput(page, promisedAt));
  await expect(wrapUp.getByRole('textbox', { name: 'Callback number' })).toHaveValue(/4155550123/);
  await expect(wrapUp.getByRole('status', { name: 'Draft' })).toHaveText('Draft saved');
  await wrapUp.getByRole('combobox', { name: 'Wrap-up code' }).focus();
  await page.keyboard.press('Control+Enter');
  await expect(wrapUp).toHaveCount(0);
  await expect(agentStatus(page)).toHaveText('Ready');

  // Listed with its due time; a US number has several zones, so only the agent's time is shown.
  const ada = row(page, 'Ada Lovelace');
  await expect(ada).toContainText('+1 415 555 0123');
  await expect(ada).toContainText(`Due ${formatCallbackTime(promisedAt, agentZone, 'en')} your time (customer's time zone unknown)`);
  await expect(ada).toContainText('Wants to hear back about the router swap');

  // Reschedule, by keyboard: a time in the past is refused with a sentence; a later one moves it.
  await ada.getByRole('button', { name: 'Reschedule' }).focus();
  await page.keyboard.press('Enter');
  const reschedule = ada.getByRole('form', { name: 'Reschedule callback' });
  const newTime = reschedule.getByLabel('New date and time');
  await expect(newTime).toBeFocused();
  await newTime.fill(await localInput(page, Math.floor((Date.now() - HOUR) / MINUTE) * MINUTE));
  await page.keyboard.press('Enter');
  await expect(reschedule.getByRole('alert')).toHaveText('The new callback time is in the past: choose a later time.');
  const movedTo = promisedAt + 24 * HOUR;
  await newTime.fill(await localInput(page, movedTo));
  await page.keyboard.press('Enter');
  await expect(reschedule).toHaveCount(0);
  await expect(ada).toContainText(`Due ${formatCallbackTime(movedTo, agentZone, 'en')} your time`);

  // Mark done: an outcome is required.
  await ada.getByRole('button', { name: 'Mark done' }).click();
  const done = ada.getByRole('form', { name: 'Mark callback done' });
  await done.getByRole('button', { name: 'Save outcome' }).click();
  await expect(done.getByRole('alert')).toHaveText('Choose how the callback went.');
  await done.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'No answer' });
  await done.getByRole('button', { name: 'Save outcome' }).click();
  await expect(ada).toHaveCount(0);

  // Hand the overdue one back to the team: a reason is required. My stats no longer counts it.
  await overdue.getByRole('button', { name: 'Hand back' }).click();
  const handBack = overdue.getByRole('form', { name: 'Hand callback back to the team' });
  await handBack.getByRole('button', { name: 'Hand back to the team' }).click();
  await expect(handBack.getByRole('alert')).toHaveText('Say why you are handing this callback back to the team.');
  await handBack.getByRole('textbox', { name: 'Reason for handing back' }).fill('Customer asked for a Welsh-speaking agent');
  await handBack.getByRole('button', { name: 'Hand back to the team' }).click();
  await expect(overdue).toHaveCount(0);
  await expect(myStats(page)).toContainText(/Overdue callbacks\s*0/);

  // Dial in one click: the phone's own outbound call, and the far end rings.
  const incoming = deskPhone.nextIncoming();
  await row(page, 'Alan Turing').getByRole('button', { name: 'Dial' }).click();
  const ringing = await incoming;
  await expect(phone(page).getByRole('group', { name: 'Call with 2001' })).toContainText('Ringing');
  await phone(page).getByRole('button', { name: 'Hang up', exact: true }).click();
  await ringing.terminated;

  // Dialling goes through the phone's do-not-call check: the refusal shows on the row, and nothing rings.
  const dora = row(page, 'Dora Keen');
  await dora.getByRole('button', { name: 'Dial' }).click();
  await expect(dora.getByRole('alert')).toContainText('is on the do-not-call list. The call was not placed.');
  await expect(phone(page).getByRole('group', { name: /^Call with/ })).toHaveCount(0);

  await shell!.stop();
  shell = null;
  const store = await openShellStore(dataDir);
  try {
    const callbacks = new Map((await store.listCallbacks({})).map((c) => [c.customerId, c]));
    expect(callbacks.get('C-100')).toMatchObject({ state: 'done', outcome: 'no-answer', dueAt: movedTo });
    expect(callbacks.get('C-200')).toMatchObject({ state: 'handed-back', handBackReason: 'Customer asked for a Welsh-speaking agent' });
    expect(callbacks.get('C-300')).toMatchObject({ state: 'scheduled' });
    expect(callbacks.get('C-400')).toMatchObject({ state: 'scheduled' });
    const outbox = (await store.outbox.list({})).filter((r) => r.entityKind === 'callback');
    expect(outbox.map((r) => [r.entityId, (r.payload as { state: string }).state])).toEqual(
      expect.arrayContaining([
        [callbacks.get('C-100')!.id, 'scheduled'],
        [callbacks.get('C-100')!.id, 'done'],
        ['cb-overdue', 'handed-back'],
      ]),
    );
  } finally {
    await store.close();
  }
});
