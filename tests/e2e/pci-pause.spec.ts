import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '../support/e2e';
import { FarEnd } from '../lab/far-end';
import { Kamailio } from '../lab/kamailio';
import { requireChromium, requireKamailio } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import { setUpPhone } from '../support/phone-setup';
import { openShellStore } from '../support/shell-store';

/**
 * PCI secure pause end to end: web shell in Debian's Chromium, real kamailio, a werift caller
 * standing in for the PBX that records. The agent pauses recording by the button and by the
 * shortcut, sees the state, resumes; a card number typed into the wrap-up notes is refused with
 * the text kept; the saved call has its paused intervals.
 */

const chromium = requireChromium();
const kamailioDep = requireKamailio();
test.skip(!chromium.available || !kamailioDep.available, chromium.reason || kamailioDep.reason);
test.use({ permissions: ['microphone'] });

const CARD_MESSAGE = 'This looks like a card number. Card numbers must not be written in notes; remove it to save.';

let kamailio: Kamailio;
let shell: RunningWebShell | null = null;
let caller: FarEnd;
let dataDir = '';
let policyDir = '';

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-pci-'));
  policyDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-pci-policy-'));
  const store = await openShellStore(dataDir);
  try {
    await store.upsertCustomers([
      { id: 'C-200', name: 'Grace Hopper', company: 'Compilers Inc', phones: ['+14155550142'], updatedAt: Date.now() - 60_000, version: 1 },
    ]);
  } finally {
    await store.close();
  }
  kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  await kamailio.start();
  const policyFile = path.join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ enforced: { recordingPauseMethod: 'sip-info' } }));
  shell = await startWebShell({ dataDir, args: ['--policy-file', policyFile] });
  caller = new FarEnd({ user: '4155550142', server: kamailio.url });
  await caller.start();
});

test.afterAll(async () => {
  await caller?.stop();
  await shell?.stop();
  await kamailio?.stop();
  kamailio?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(policyDir, { recursive: true, force: true });
});

const phone = (page: Page) => page.getByRole('region', { name: 'Phone' });
const wrapUp = (page: Page) => page.getByRole('region', { name: 'Wrap-up' });
const recordingState = (page: Page) =>
  phone(page)
    .getByRole('status')
    .filter({ hasText: /Recording|recording…/ });

test('pause and resume recording by button and shortcut; a card number in the notes is refused; the call keeps its paused intervals', async ({
  page,
}) => {
  // A call, a wrap-up and a restart of the store on a machine shared with other suites.
  test.setTimeout(180_000);
  await page.goto(await shell!.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await setUpPhone(page, kamailio.url);

  const far = await caller.call('1001');
  await phone(page).getByRole('button', { name: 'Answer', exact: true }).click();
  await far.established;
  await expect(recordingState(page)).toHaveText('● Recording');

  // The button: the PBX gets the documented INFO, and the call says paused in words.
  await phone(page).getByRole('button', { name: 'Pause recording' }).click();
  await expect(recordingState(page)).toHaveText('⏸ Recording paused');
  expect(far.infos).toEqual(['Record: pause']);
  expect(far.infoTypes).toEqual(['text/plain']);
  const resume = phone(page).getByRole('button', { name: 'Resume recording' });
  await expect(resume).toHaveAttribute('aria-pressed', 'true');
  await expect(resume).toHaveAttribute('aria-keyshortcuts', 'Alt+Shift+R');
  await resume.click();
  await expect(recordingState(page)).toHaveText('● Recording');
  expect(far.infos.at(-1)).toBe('Record: resume');

  // The shortcut pauses again; the call ends while paused, which ends the interval.
  await page.keyboard.press('Alt+Shift+R');
  await expect(recordingState(page)).toHaveText('⏸ Recording paused');
  expect(far.infos.at(-1)).toBe('Record: pause');
  await phone(page).getByRole('button', { name: 'Hang up', exact: true }).click();
  await far.terminated;

  // Wrap-up: a card number in the notes is refused before saving, and the text stays for the agent to fix.
  const panel = wrapUp(page);
  await expect(panel.getByRole('combobox', { name: 'Wrap-up code' })).toBeFocused();
  await page.keyboard.type('bill');
  await page.keyboard.press('1');
  await expect(panel).toContainText('Chosen: Bill explained');
  const notes = panel.getByRole('textbox', { name: 'Notes' });
  const typed = 'Paid by card 4111 1111 1111 1111, receipt sent';
  await notes.fill(typed);
  await expect(panel.getByRole('alert').filter({ hasText: CARD_MESSAGE })).toBeVisible();
  await expect(notes).toHaveAttribute('aria-invalid', 'true');
  await panel.getByRole('button', { name: 'Submit wrap-up' }).click();
  await expect(panel.getByRole('alert').filter({ hasText: CARD_MESSAGE })).toBeVisible();
  await expect(notes).toHaveValue(typed);
  await expect(notes).toBeFocused();

  await notes.fill('Paid by card while recording was paused, receipt sent');
  await expect(panel.getByRole('alert').filter({ hasText: CARD_MESSAGE })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Submit wrap-up' }).click();
  await expect(wrapUp(page)).toHaveCount(0);

  await shell!.stop();
  shell = null;
  const store = await openShellStore(dataDir);
  try {
    const rows = await store.listInteractions({ customerId: 'C-200' });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.wrapUp).toMatchObject({ state: 'submitted', notes: 'Paid by card while recording was paused, receipt sent' });
    expect(row.recordingPauses).toHaveLength(2);
    const [first, second] = row.recordingPauses!;
    expect(first).toMatchObject({ by: 'agent' });
    // Whole seconds from the answer, rounded outward so each covers all its paused time: pauses a
    // fraction of a second apart can share a second, so the second starts no earlier than the first.
    expect(second!.startSec).toBeGreaterThanOrEqual(first!.startSec);
    expect(second!.endSec).toBeLessThanOrEqual(row.talkSeconds + row.holdSeconds + 1);
  } finally {
    await store.close();
  }
  // Not a digit of the card reached a file: the store, its journal, the log.
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) =>
      statSync(path.join(dir, name)).isDirectory() ? files(path.join(dir, name)) : [path.join(dir, name)],
    );
  for (const file of files(dataDir)) expect(readFileSync(file).toString('latin1').includes('4111 1111'), file).toBe(false);
});
