import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '../support/e2e';
import { startSyncServer, type SyncServer } from '../../tools/sync-server/server';
import { FarEnd } from '../lab/far-end';
import { Kamailio } from '../lab/kamailio';
import { requireChromium, requireKamailio } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import { setUpPhone } from '../support/phone-setup';
import { openShellStore } from '../support/shell-store';

/**
 * Do-not-call, as the agent meets it: a number an earlier wrap-up put on the list is refused in
 * the dial box and by Redial, with the reason, and no call leaves. With IT's policy allowing a
 * supervisor's approval, the approval dialog places the call, and the call's record carries the
 * approval in the store and on the sync server. Web shell in Debian's Chromium, real kamailio, a
 * werift far end registered as the listed number.
 */

const chromium = requireChromium();
const kamailioDep = requireKamailio();
test.skip(!chromium.available || !kamailioDep.available, chromium.reason || kamailioDep.reason);
test.describe.configure({ mode: 'serial' });
test.use({ permissions: ['microphone'] });

const LISTED = '+442079460123';
const REFUSED = '+44 20 7946 0123 is on the do-not-call list. The call was not placed.';
const TOKEN = 'e2e-dnc-sync-token-0001';
const REASON = 'The customer emailed asking to be called back about the refund.';

let kamailio: Kamailio;
let shell: RunningWebShell | null = null;
let listed: FarEnd;
let server: SyncServer;
let dataDir = '';
let serverDir = '';
let policyFile = '';

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-dnc-'));
  serverDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-dnc-server-'));
  // An earlier call whose wrap-up put the number on the list, as the store writes a submitted one.
  const store = await openShellStore(dataDir);
  try {
    const at = Date.now() - 3_600_000;
    await store.commitLocal([
      {
        kind: 'interaction',
        record: {
          id: 'I-earlier',
          agentId: 'local-agent',
          channel: 'call',
          direction: 'inbound',
          outcome: 'answered',
          number: LISTED,
          startedAt: at,
          answeredAt: at + 5_000,
          endedAt: at + 65_000,
          talkSeconds: 60,
          holdSeconds: 0,
          afterCallWorkSeconds: 30,
          customerId: null,
          caseId: null,
          sipCallId: null,
          quality: null,
        },
      },
      {
        kind: 'wrap-up',
        record: {
          interactionId: 'I-earlier',
          agentId: 'local-agent',
          state: 'submitted',
          code: 'DO-NOT-CALL',
          notes: 'Asked not to be called again.',
          resolvedOnFirstContact: true,
          callback: null,
          doNotCall: { number: '+44 20 7946 0123' },
          revision: 1,
          updatedAt: at + 90_000,
          submittedAt: at + 90_000,
        },
      },
    ]);
  } finally {
    await store.close();
  }
  const policyDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-dnc-policy-'));
  policyFile = path.join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ enforced: { doNotCallOverride: 'with-supervisor-approval' } }));
  kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  await kamailio.start();
  listed = new FarEnd({ user: LISTED, server: kamailio.url });
  await listed.start();
  server = await startSyncServer({ dbFile: path.join(serverDir, 'server.db'), token: TOKEN });
});

test.afterAll(async () => {
  await listed?.stop();
  await shell?.stop();
  if (server?.running) await server.stop();
  await kamailio?.stop();
  kamailio?.dispose();
  for (const dir of [dataDir, serverDir, policyFile ? path.dirname(policyFile) : ''])
    if (dir) rmSync(dir, { recursive: true, force: true });
});

const phone = (page: Page) => page.getByRole('region', { name: 'Phone' });

async function openApp(page: Page): Promise<void> {
  await page.goto(await shell!.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
}

async function dial(page: Page, number: string): Promise<void> {
  await phone(page).getByRole('textbox', { name: 'Number to dial' }).fill(number);
  await phone(page).getByRole('button', { name: 'Call', exact: true }).click();
}

test('a number on the do-not-call list is refused in the dial box and by Redial; no call leaves', async ({ page }) => {
  shell = await startWebShell({ dataDir });
  await openApp(page);
  await setUpPhone(page, kamailio.url);

  await dial(page, '+44 (20) 7946-0123');
  const refusal = phone(page).getByRole('alert').filter({ hasText: 'do-not-call list' });
  await expect(refusal).toContainText(REFUSED);
  // IT has not allowed overrides: nothing offers one.
  await expect(phone(page).getByRole('button', { name: /supervisor approval/ })).toHaveCount(0);
  await expect(phone(page).getByRole('button', { name: 'Hang up' })).toHaveCount(0);

  await refusal.getByRole('button', { name: 'Dismiss the do-not-call notice' }).click();
  await expect(refusal).toHaveCount(0);
  await phone(page).getByRole('button', { name: 'Redial +44 (20) 7946-0123' }).click();
  await expect(refusal).toContainText(REFUSED);
  await expect(phone(page).getByRole('button', { name: 'Hang up' })).toHaveCount(0);
  // Main answered both refusals before any INVITE: the listed number's phone never rang.
  expect(listed.calls).toHaveLength(0);
  await shell.stop();
  shell = null;

  const store = await openShellStore(dataDir);
  try {
    expect((await store.listInteractions({})).filter((i) => i.direction === 'outbound')).toEqual([]);
  } finally {
    await store.close();
  }
});

test("with IT's policy, a supervisor's approval places the call, and the call's record and the sync server carry it", async ({ page }) => {
  shell = await startWebShell({ dataDir, args: ['--policy-file', policyFile] });
  await openApp(page);
  await expect(phone(page).getByRole('status').first()).toHaveText('Registered');
  await page.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync settings' }).click();
  const syncDialog = page.getByRole('dialog', { name: 'Sync settings' });
  await syncDialog.getByRole('textbox', { name: 'Sync server URL' }).fill(server.url);
  await syncDialog.getByLabel('Access token').fill(TOKEN);
  await syncDialog.getByRole('button', { name: 'Connect' }).click();
  await expect(syncDialog).toBeHidden();

  await dial(page, '+44 20 7946 0123');
  const refusal = phone(page).getByRole('alert').filter({ hasText: 'do-not-call list' });
  await expect(refusal).toContainText(`${REFUSED} A supervisor may approve the call.`);
  await refusal.getByRole('button', { name: 'Call with supervisor approval…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Call a do-not-call number' });
  await expect(dialog).toBeVisible();
  // Nothing written: each field says what it needs, and no call is placed.
  await dialog.getByRole('button', { name: 'Place call with approval' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Enter the name of the supervisor who approved this call.' })).toBeVisible();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Write why this number is being called' })).toBeVisible();
  expect(listed.calls).toHaveLength(0);

  await dialog.getByRole('textbox', { name: 'Approving supervisor' }).fill('Sam Okafor');
  await dialog.getByRole('textbox', { name: /Reason for calling/ }).fill(`  ${REASON}  `);
  const incoming = listed.nextIncoming(20_000);
  await dialog.getByRole('button', { name: 'Place call with approval' }).click();
  await expect(dialog).toBeHidden();
  await incoming;
  await phone(page).getByRole('button', { name: 'Hang up' }).click();
  await expect(phone(page).getByRole('button', { name: 'Hang up' })).toHaveCount(0);

  // The call's record reaches the sync server with the approval.
  const approval = { supervisor: 'Sam Okafor', reason: REASON, approvedAt: expect.any(Number) };
  await expect
    .poll(
      () => {
        const logged = server.database.listChanges(100).filter((c) => c.entityKind === 'interaction');
        const bodies = logged.map((c) => server.database.getRecord('interaction', c.entityId)?.body);
        return bodies.find((b) => b?.direction === 'outbound')?.doNotCallOverride ?? null;
      },
      { timeout: 30_000 },
    )
    .toEqual(approval);
  await shell.stop();
  shell = null;

  const store = await openShellStore(dataDir);
  try {
    const outbound = (await store.listInteractions({})).filter((i) => i.direction === 'outbound');
    expect(outbound).toHaveLength(1);
    expect(outbound[0]).toMatchObject({ number: LISTED, doNotCallOverride: approval });
  } finally {
    await store.close();
  }
});
