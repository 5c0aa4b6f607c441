import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type WebSocket from 'ws';
import { expect, test, type Page } from '../support/e2e';
import type { SyncStatus } from '../../shared/sync/contract';
import { startZendeskEmulator, type ZendeskEmulator } from '../../tools/crm-emulators/zendesk/server';
import type { ZendeskComment, ZendeskTicket, ZendeskUser } from '../../tools/crm-emulators/zendesk/model';
import { FarEnd } from '../lab/far-end';
import { Kamailio } from '../lab/kamailio';
import { requireChromium, requireKamailio } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';
import { setUpPhone } from '../support/phone-setup';
import { openShellStore } from '../support/shell-store';
import { openBridge, signIn } from '../support/web-shell-client';

/**
 * The Zendesk connector as the agent meets it: web shell in Debian's Chromium, real kamailio, a
 * werift caller, and the Zendesk emulator with IT's policy choosing Zendesk (API token). A caller
 * who exists only in Zendesk is popped with their open ticket before the agent answers; after the
 * call and a wrap-up coded by keyboard, the ticket the agent filed the call under holds exactly one
 * call record (with its duration) and the wrap-up (note and tag), and syncing again writes nothing more.
 */

const chromium = requireChromium();
const kamailioDep = requireKamailio();
test.skip(!chromium.available || !kamailioDep.available, chromium.reason || kamailioDep.reason);
test.describe.configure({ mode: 'serial' });
test.use({ permissions: ['microphone'] });

const EMAIL = 'switchboard@example.com';
const API_TOKEN = 'zendesk-e2e-api-token';
const TAG_PREFIX = 'sb_';
const NO_LIMITS = { perMinute: null, incrementalPerMinute: null, incrementalUsersCursorPerMinute: null, searchExportPerMinute: null };
/** The caller's SIP user: the national digits of the number Zendesk has for them (US, the app's default region). */
const CALLER_SIP_USER = '4155550177';
const CALLER_E164 = '+14155550177';
const CUSTOMER_NAME = 'Margaret Hamilton';
const COMPANY = 'Apollo Guidance Ltd';
const OPEN_SUBJECT = 'Headset drops calls after the update';
const SOLVED_SUBJECT = 'Refund for March processed';
const NOTES = 'Explained the roaming charge on the March bill';
const CALL_MARKER = 'Switchboard call ID: ';
const WRAP_UP_MARKER = 'Switchboard wrap-up ID: ';

let zd: ZendeskEmulator;
/** The emulator's clock: its search and exports only see records changed more than a minute before it. */
let clock = Date.now();
let kamailio: Kamailio;
let shell: RunningWebShell | null = null;
let caller: FarEnd;
let observer: StatusObserver | null = null;
let dataDir = '';
let policyDir = '';

let customer: ZendeskUser;
let openTicket: ZendeskTicket;
let solvedTicket: ZendeskTicket;
/** What the emulator held once the test data was in: everything the app writes comes on top. */
let commentsBefore = { open: 0, solved: 0 };
let countsBefore: ZendeskEmulator['state']['counts'];

/**
 * Main's sync status as a second signed-in window of the web shell reads it (`sync.getStatus`
 * over the bridge socket): what the status strip shows, plus whether a run is under way, which
 * the strip does not show. It only asks; it is no media engine and sends no commands that change anything.
 */
class StatusObserver {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        t?: string;
        id?: number;
        ok?: boolean;
        result?: unknown;
        error?: { message: string };
      };
      if (message.t !== 'reply' || message.id === undefined) return;
      const pending = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.ok) pending?.resolve(message.result);
      else pending?.reject(new Error(message.error?.message ?? 'bridge command failed'));
    });
  }

  static async open(running: RunningWebShell): Promise<StatusObserver> {
    const cookie = await signIn(await running.launchUrl());
    return new StatusObserver(await openBridge(running.port, { cookie }));
  }

  status(): Promise<SyncStatus> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ t: 'command', id, channel: 'sync.getStatus', payload: {} }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

test.beforeAll(async () => {
  zd = await startZendeskEmulator({ apiTokens: [{ email: EMAIL, token: API_TOKEN }], limits: NO_LIMITS, now: () => clock });
  const org = zd.state.addOrganization({ name: COMPANY });
  // The number as a Zendesk agent typed it: national, with punctuation.
  customer = zd.state.addUser({ name: CUSTOMER_NAME, email: 'margaret@example.com', phone: '(415) 555-0177', organization_id: org.id });
  openTicket = zd.state.addTicket({
    requester_id: customer.id,
    subject: OPEN_SUBJECT,
    status: 'open',
    priority: 'high',
    comment: { body: 'The headset cuts out every few minutes since Tuesday.' },
  });
  solvedTicket = zd.state.addTicket({
    requester_id: customer.id,
    subject: SOLVED_SUBJECT,
    status: 'solved',
    priority: 'low',
    comment: { body: 'Please refund the double charge.' },
  });
  // Zendesk's search and exports see a record a little after it changed: let the emulator's clock move on.
  clock += 10 * 60_000;
  commentsBefore = { open: zd.state.comments(openTicket.id).length, solved: zd.state.comments(solvedTicket.id).length };
  countsBefore = { ...zd.state.counts };

  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-zendesk-'));
  // Nothing local knows this caller: whatever the screen pop shows comes from Zendesk.
  const store = await openShellStore(dataDir);
  try {
    expect((await store.lookupCaller(CALLER_E164)).matches).toEqual([]);
  } finally {
    await store.close();
  }

  policyDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-zendesk-policy-'));
  const policyFile = path.join(policyDir, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({
      enforced: {
        crmConnector: 'zendesk',
        crmSyncUrl: zd.url,
        zendeskAuth: 'api-token',
        zendeskEmail: EMAIL,
        zendeskApiToken: API_TOKEN,
        zendeskWrapUpTagPrefix: TAG_PREFIX,
      },
    }),
  );
  kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  await kamailio.start();
  shell = await startWebShell({ dataDir, args: ['--policy-file', policyFile] });
  caller = new FarEnd({ user: CALLER_SIP_USER, server: kamailio.url, displayName: 'Margaret H' });
  await caller.start();
});

test.afterAll(async () => {
  // Each part is stopped even when another fails to.
  const steps: (() => unknown)[] = [
    () => observer?.close(),
    () => caller?.stop(),
    () => shell?.stop(),
    () => kamailio?.stop(),
    () => kamailio?.dispose(),
    () => zd?.close(),
  ];
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  for (const dir of [dataDir, policyDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  if (failures.length > 0) throw failures[0];
});

const phone = (page: Page) => page.getByRole('region', { name: 'Phone' });
const customerPane = (page: Page) => page.getByRole('region', { name: 'Customer' });
const agentStatus = (page: Page) => page.getByRole('region', { name: 'Agent state' }).getByRole('status', { name: 'Agent status' });
const wrapUp = (page: Page) => page.getByRole('region', { name: 'Wrap-up' });
const syncStrip = (page: Page) => page.getByRole('region', { name: 'Sync' });

/** The comments Switchboard added to a ticket (the ones the test data made are left out). */
function added(ticket: ZendeskTicket, before: number): ZendeskComment[] {
  return zd.state.comments(ticket.id).slice(before);
}

/** The shape of a `talk …` duration in Switchboard's call record (zendesk-notes.ts). */
function durationWords(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** What the emulator holds that Switchboard could have written twice. */
function writes() {
  return {
    openComments: zd.state.comments(openTicket.id).length,
    solvedComments: zd.state.comments(solvedTicket.id).length,
    counts: { ...zd.state.counts },
    tags: [...(zd.state.getTicket(openTicket.id)?.tags ?? [])],
    creates: zd.state.requests.filter((r) => r.method === 'POST').length,
  };
}

test('a caller known only to Zendesk is popped with their open ticket; the call and its wrap-up land on that ticket once', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const popups: string[] = [];
  page.on('dialog', (dialog) => {
    popups.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(await shell!.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');

  // IT's policy chose Zendesk: sync comes online and finishes its first download with no agent action.
  const strip = syncStrip(page);
  await expect(strip.getByRole('status')).toHaveText('Online', { timeout: 60_000 });
  await expect(strip).toContainText('Last sync just now', { timeout: 60_000 });
  await expect(strip.getByRole('alert')).toHaveCount(0);

  await setUpPhone(page, kamailio.url);
  await expect(agentStatus(page)).toHaveText('Ready');

  // The call rings: the screen pop shows the Zendesk user, their company and the open ticket; not the solved one.
  const far = await caller.call('1001');
  const ringing = phone(page).getByRole('group', { name: 'Incoming call' });
  await expect(ringing).toBeVisible({ timeout: 20_000 });
  const pane = customerPane(page);
  await expect(pane.getByRole('heading', { name: CUSTOMER_NAME })).toBeVisible();
  expect(far.state).not.toBe('Established');
  await expect(ringing).toBeVisible();
  await expect(pane).toContainText(COMPANY);
  await expect(pane.getByLabel('Numbers')).toHaveText(CALLER_E164);
  const openCases = pane.getByRole('list', { name: 'Open cases' });
  await expect(openCases).toContainText(`P2 ${OPEN_SUBJECT} (open, zd-ticket-${openTicket.id})`);
  await expect(pane).not.toContainText(SOLVED_SUBJECT);
  // The ticket the call is filed under: the agent keeps the open ticket the pop chose.
  const ticketChoice = pane.getByRole('radio', { name: new RegExp(OPEN_SUBJECT) });
  await expect(ticketChoice).toBeChecked();
  await expect(pane.getByRole('radio', { name: 'No case' })).not.toBeChecked();
  // "Open in Zendesk" on the customer and on their ticket: each to exactly its page in Zendesk's agent interface.
  const ticketPage = `${zd.url}/agent/tickets/${openTicket.id}`;
  const openInZendesk = pane.getByRole('link', { name: 'Open in Zendesk' });
  await expect(openInZendesk).toHaveCount(2);
  await expect(openInZendesk.first()).toHaveAttribute('href', `${zd.url}/agent/users/${customer.id}`);
  const ticketLink = openCases.getByRole('listitem').filter({ hasText: OPEN_SUBJECT }).getByRole('link', { name: 'Open in Zendesk' });
  await expect(ticketLink).toHaveAttribute('href', ticketPage);
  await expect(agentStatus(page)).toHaveText('Ringing');
  expect(far.state).not.toBe('Established');
  // The pop was served from what sync had stored: Zendesk was not asked for this number.
  expect(zd.state.requests.filter((r) => /phone/i.test(decodeURIComponent(r.query)))).toEqual([]);

  await phone(page).getByRole('button', { name: 'Answer', exact: true }).click();
  await far.established;
  await expect(agentStatus(page)).toHaveText('On call');
  await phone(page).getByRole('button', { name: 'Hang up', exact: true }).click();
  await far.terminated;

  // Wrap-up by keyboard: "bill", 1 picks the first match, Tab to the notes, Ctrl+Enter submits.
  const panel = wrapUp(page);
  await expect(agentStatus(page)).toHaveText('Wrap-up');
  await expect(panel).toContainText(`case zd-ticket-${openTicket.id}`);
  await expect(panel.getByRole('combobox', { name: 'Wrap-up code' })).toBeFocused();
  await page.keyboard.type('bill');
  await expect(panel.getByRole('option').first()).toContainText('Bill explained');
  await page.keyboard.press('1');
  await expect(panel).toContainText('Chosen: Bill explained');
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('textbox', { name: 'Notes' })).toBeFocused();
  await page.keyboard.type(NOTES);
  await page.keyboard.press('Control+Enter');
  await expect(wrapUp(page)).toHaveCount(0);
  await expect(agentStatus(page)).toHaveText('Ready');

  // The ticket's link opens that page outside the app: here a tab of the agent's browser (the emulator has no
  // agent interface, so the browser is answered for it; the app itself never talks to Zendesk from the page).
  await page
    .context()
    .route(`${zd.url}/**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Zendesk agent interface</title>' }),
    );
  const opened = page.waitForEvent('popup');
  await ticketLink.click();
  const tab = await opened;
  await tab.waitForURL(ticketPage);
  await tab.close();
  await expect(agentStatus(page)).toHaveText('Ready');

  // Zendesk gets the call record and then the wrap-up on the ticket (pushed as soon as they are committed).
  await expect
    .poll(() => added(openTicket, commentsBefore.open).filter((c) => c.body.includes(WRAP_UP_MARKER)).length, {
      message: 'the wrap-up note reaches the Zendesk ticket',
      timeout: 60_000,
    })
    .toBeGreaterThan(0);
  const comments = added(openTicket, commentsBefore.open);
  const calls = comments.filter((c) => c.body.includes(CALL_MARKER));
  const notes = comments.filter((c) => c.body.includes(WRAP_UP_MARKER));
  expect(calls, 'one call record on the ticket').toHaveLength(1);
  expect(notes, 'one wrap-up note on the ticket').toHaveLength(1);
  expect(comments, 'nothing else written on the ticket').toHaveLength(2);
  const [call] = calls;
  const [note] = notes;
  expect(comments.indexOf(call!)).toBeLessThan(comments.indexOf(note!));
  expect(call!.public).toBe(false);
  expect(call!.body).toMatch(
    new RegExp(
      `^Inbound call from \\${CALLER_E164}: answered\\nStarted \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, talk \\d+ (s|min)[^\\n]*\\n(Call quality: [^\\n]+\\n)?Logged by Switchboard for agent 1001\\n${CALL_MARKER}\\S+$`,
    ),
  );
  const interactionId = call!.body.slice(call!.body.indexOf(CALL_MARKER) + CALL_MARKER.length);
  expect(note!.public).toBe(false);
  expect(note!.body).toBe(`Wrap-up: BILL-EXPLAINED\n\n${NOTES}\n\nResolved on first contact: yes\n${WRAP_UP_MARKER}${interactionId}`);
  const ticket = zd.state.getTicket(openTicket.id)!;
  expect(ticket.tags.filter((t) => t === `${TAG_PREFIX}bill-explained`)).toHaveLength(1);
  expect(ticket.status).toBe('open');
  // Nowhere else: no ticket made, nothing on the solved ticket.
  expect(zd.state.counts.ticketCreates).toBe(countsBefore.ticketCreates);
  expect(zd.state.counts.voiceTicketCreates).toBe(countsBefore.voiceTicketCreates);
  expect(zd.state.counts.commentsAdded - countsBefore.commentsAdded).toBe(2);
  expect(zd.state.comments(solvedTicket.id)).toHaveLength(commentsBefore.solved);
  expect(zd.state.requests.filter((r) => r.method === 'POST')).toEqual([]);

  // Everything is sent: the strip says so, and nothing is refused or in conflict.
  await expect(strip.getByLabel('0 items waiting to be sent')).toBeVisible({ timeout: 30_000 });
  await expect(strip.getByRole('button', { name: /refused by the server|to resolve/ })).toHaveCount(0);

  // Sync again, twice, each time until main is idle: nothing is written a second time.
  const written = writes();
  observer = await StatusObserver.open(shell!);
  for (let round = 1; round <= 2; round += 1) {
    const clickedAt = Date.now();
    await strip.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(
        async () => {
          const s = await observer!.status();
          return {
            connection: s.connection,
            activity: s.activity,
            pulledSinceClick: (s.lastSyncAt ?? 0) >= clickedAt,
            waiting: s.outbox.waiting,
            parked: s.outbox.parked,
            conflicts: s.outbox.conflicts,
            problem: s.problem,
          };
        },
        { message: `sync round ${round} ends with nothing left to send`, timeout: 60_000 },
      )
      .toEqual({ connection: 'online', activity: 'idle', pulledSinceClick: true, waiting: 0, parked: 0, conflicts: 0, problem: null });
    expect(writes(), `nothing written again after sync round ${round}`).toEqual(written);
  }
  observer.close();
  observer = null;
  expect(popups).toEqual([]);

  // What the app logged: the call on the Zendesk ticket, under the Zendesk user, and its duration is the one in the record.
  await shell!.stop();
  shell = null;
  const store = await openShellStore(dataDir);
  try {
    const pop = await store.lookupCaller(CALLER_E164);
    expect(pop.matches.map((m) => m.customer.id)).toEqual([`zd-user-${customer.id}`]);
    const rows = await store.listInteractions({ customerId: `zd-user-${customer.id}` });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      id: interactionId,
      channel: 'call',
      direction: 'inbound',
      outcome: 'answered',
      number: CALLER_E164,
      caseId: `zd-ticket-${openTicket.id}`,
    });
    expect(row.wrapUp).toMatchObject({ state: 'submitted', code: 'BILL-EXPLAINED', notes: NOTES });
    expect(call!.body).toContain(`, talk ${durationWords(row.talkSeconds)}\n`);
  } finally {
    await store.close();
  }
});
