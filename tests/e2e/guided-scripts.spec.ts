import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '../support/e2e';
import type { Interaction } from '../../shared/agent/records';
import { FarEnd } from '../lab/far-end';
import { Kamailio } from '../lab/kamailio';
import { requireChromium, requireKamailio } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import { setUpPhone } from '../support/phone-setup';
import { openShellStore } from '../support/shell-store';

/**
 * Guided scripts end to end: web shell in Debian's Chromium, real kamailio, a werift caller standing
 * in for the PBX that records. A caller whose open case was last coded as technical support rings:
 * the Scripts panel suggests the 3-minute diagnosis; the agent opens it, ticks steps, opens the card
 * payment script by hand and starts its payment step, which pauses recording (the phone bar says so
 * and the PBX gets the pause INFO) until the step is ticked. A reload keeps the ticks; after the
 * wrap-up the call's record, and the row sync sends the CRM, hold the steps and the paused interval.
 */

const chromium = requireChromium();
const kamailioDep = requireKamailio();
test.skip(!chromium.available || !kamailioDep.available, chromium.reason || kamailioDep.reason);
test.use({ permissions: ['microphone'] });

const DIAGNOSIS = '3-minute technical diagnosis';
const PAYMENT = 'Take a card payment';

let kamailio: Kamailio;
let shell: RunningWebShell | null = null;
let caller: FarEnd;
let dataDir = '';
let policyDir = '';

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-scripts-'));
  policyDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-scripts-policy-'));
  const store = await openShellStore(dataDir);
  const earlier = Date.now() - 2 * 86_400_000;
  try {
    await store.upsertCustomers([
      { id: 'C-500', name: 'Hedy Lamarr', phones: ['+14155550177'], updatedAt: Date.now() - 60_000, version: 1 },
    ]);
    await store.upsertCases([
      {
        id: 'K-500',
        customerId: 'C-500',
        subject: 'No internet since Monday',
        status: 'open',
        priority: 'P3',
        updatedAt: earlier,
        version: 1,
      },
    ]);
    // The case's earlier call was coded "Technical issue, follow-up call agreed": its category is Technical support.
    await store.logInteraction({
      id: 'I-earlier',
      agentId: 'local-agent',
      channel: 'call',
      direction: 'inbound',
      outcome: 'answered',
      number: '+14155550177',
      startedAt: earlier,
      answeredAt: earlier + 2_000,
      endedAt: earlier + 300_000,
      talkSeconds: 298,
      holdSeconds: 0,
      afterCallWorkSeconds: 30,
      customerId: 'C-500',
      caseId: 'K-500',
      sipCallId: null,
      quality: null,
    });
    await store.saveWrapUp({
      interactionId: 'I-earlier',
      agentId: 'local-agent',
      state: 'submitted',
      code: 'TECH-FOLLOW-UP',
      notes: '',
      resolvedOnFirstContact: false,
      callback: null,
      doNotCall: null,
      revision: 1,
      updatedAt: earlier + 330_000,
      submittedAt: earlier + 330_000,
    });
  } finally {
    await store.close();
  }
  kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  await kamailio.start();
  const policyFile = path.join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ enforced: { recordingPauseMethod: 'sip-info' } }));
  shell = await startWebShell({ dataDir, args: ['--policy-file', policyFile] });
  caller = new FarEnd({ user: '4155550177', server: kamailio.url });
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
const scripts = (page: Page) => page.getByRole('region', { name: 'Scripts' });
const script = (page: Page, title: string) => scripts(page).getByRole('article', { name: title });
const step = (page: Page, label: RegExp) => scripts(page).getByRole('checkbox', { name: label });
const wrapUp = (page: Page) => page.getByRole('region', { name: 'Wrap-up' });
const recordingState = (page: Page) =>
  phone(page)
    .getByRole('status')
    .filter({ hasText: /Recording|recording…/ });

test("a script suggested by the case's category is run; a payment step pauses recording until ticked; the steps stay with the call", async ({
  page,
}) => {
  // A call, a reload, a wrap-up and a restart of the store on a machine shared with other suites.
  test.setTimeout(180_000);
  await page.goto(await shell!.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await setUpPhone(page, kamailio.url);

  // Ringing: the case's category calls for the diagnosis.
  const far = await caller.call('1001');
  const suggest = scripts(page).getByRole('button', { name: `Open ${DIAGNOSIS}` });
  await expect(suggest).toBeVisible();
  await expect(scripts(page).getByRole('list', { name: 'Suggested scripts' })).toContainText(
    "Suggested for the case's category Technical support",
  );
  await phone(page).getByRole('button', { name: 'Answer', exact: true }).click();
  await far.established;
  await expect(recordingState(page)).toHaveText('● Recording');

  // The diagnosis, by the suggestion, with its timer against the 3-minute target in words.
  await suggest.click();
  await expect(script(page, DIAGNOSIS).getByLabel(`Time for ${DIAGNOSIS}`)).toHaveText(/^\d:\d\d of 3:00$/);
  await step(page, /service status/).check();
  await step(page, /account provisioning/).check();
  await expect(step(page, /service status/)).toBeChecked();
  await expect(step(page, /device logs/)).not.toBeChecked();

  // The payment script, opened by hand from the list, with the keyboard.
  await scripts(page).getByRole('combobox', { name: 'Script' }).selectOption({ label: PAYMENT });
  await scripts(page).getByRole('button', { name: 'Open script' }).press('Enter');
  await expect(script(page, PAYMENT)).toBeVisible();
  await step(page, /Verify the caller/).check();

  // Starting the payment step pauses recording: the PBX is asked, and the phone bar says so in words.
  await script(page, PAYMENT)
    .getByRole('button', { name: /^Start payment step: Take the card payment/ })
    .click();
  await expect(recordingState(page)).toHaveText('⏸ Recording paused');
  await expect(script(page, PAYMENT).getByRole('status')).toContainText('Recording paused for this step');
  expect(far.infos).toEqual(['Record: pause']);

  // Ticking it resumes recording.
  await step(page, /Take the card payment/).check();
  await expect(recordingState(page)).toHaveText('● Recording');
  expect(far.infos.at(-1)).toBe('Record: resume');
  await expect(step(page, /Take the card payment/)).toBeChecked();

  await phone(page).getByRole('button', { name: 'Hang up', exact: true }).click();
  await far.terminated;

  // A reload during the wrap-up: the ticks are main's, and come back.
  await expect(wrapUp(page).getByRole('combobox', { name: 'Wrap-up code' })).toBeFocused();
  await page.reload();
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await expect(step(page, /service status/)).toBeChecked();
  await expect(step(page, /account provisioning/)).toBeChecked();
  await expect(step(page, /device logs/)).not.toBeChecked();
  await expect(step(page, /Take the card payment/)).toBeChecked();
  // Ticked during the wrap-up: it goes with the call too.
  await step(page, /device logs/).check();
  await expect(script(page, DIAGNOSIS).getByLabel(`Time for ${DIAGNOSIS}`)).toHaveText(/^Done in \d:\d\d of 3:00/);

  const panel = wrapUp(page);
  await panel.getByRole('combobox', { name: 'Wrap-up code' }).focus();
  await page.keyboard.type('bill');
  await page.keyboard.press('1');
  await expect(panel).toContainText('Chosen: Bill explained');
  await panel.getByRole('button', { name: 'Submit wrap-up' }).click();
  await expect(wrapUp(page)).toHaveCount(0);

  await shell!.stop();
  shell = null;
  const store = await openShellStore(dataDir);
  try {
    const rows = (await store.listInteractions({ customerId: 'C-500' })).filter((r) => r.id !== 'I-earlier');
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.wrapUp).toMatchObject({ state: 'submitted', code: 'BILL-EXPLAINED' });
    const runs = row.guidedScripts ?? [];
    expect(runs.map((r) => r.title)).toEqual([DIAGNOSIS, PAYMENT]);
    expect(runs[0]!.steps.every((s) => s.doneAt !== null)).toBe(true);
    expect(runs[1]!.steps.map((s) => [s.id, s.doneAt !== null])).toEqual([
      ['verify-identity', true],
      ['confirm-amount', false],
      ['take-payment', true],
      ['read-reference', false],
    ]);
    // The payment step's pause is logged with the call like the button's, marked as the script's.
    expect(row.recordingPauses).toEqual([expect.objectContaining({ by: 'script' })]);
    // What sync sends the CRM last for the call carries the final steps.
    const queued = (await store.outbox.list({})).filter((r) => r.entityKind === 'interaction' && r.entityId === row.id);
    const last = queued.at(-1)?.payload as Interaction | undefined;
    expect(last?.guidedScripts?.[0]?.steps.every((s) => s.doneAt !== null)).toBe(true);
  } finally {
    await store.close();
  }
});
