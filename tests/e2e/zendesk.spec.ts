import { expect, test } from '../support/e2e';
import { displayPhoneNumber } from '../../shared/store/phone';
import { startZendeskEmulator, type ZendeskEmulator } from '../../tools/crm-emulators/zendesk/server';
import type { ZendeskComment, ZendeskTicket, ZendeskUser } from '../../tools/crm-emulators/zendesk/model';
import {
  CrmDesk,
  agentStatus,
  answerAndHangUp,
  collectDialogs,
  customerPane,
  expectAllSent,
  expectSyncAgainWritesNothing,
  expectSyncedOnline,
  openApp,
  ring,
  stopEach,
  wrapUp,
  wrapUpByKeyboard,
} from '../support/crm-e2e';
import { requireChromium, requireKamailio } from '../support/system-deps';
import { setUpPhone } from '../support/phone-setup';

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
const CALLER = { sipUser: '4155550177', e164: '+14155550177', displayName: 'Margaret H' };
const CALLER_E164 = CALLER.e164;
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
const desk = new CrmDesk({ name: 'zendesk', kamailio: kamailioDep, caller: CALLER });

let customer: ZendeskUser;
let openTicket: ZendeskTicket;
let solvedTicket: ZendeskTicket;
/** What the emulator held once the test data was in: everything the app writes comes on top. */
let commentsBefore = { open: 0, solved: 0 };
let countsBefore: ZendeskEmulator['state']['counts'];

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

  // Nothing local knows this caller: whatever the screen pop shows comes from Zendesk.
  await desk.start({
    crmConnector: 'zendesk',
    crmSyncUrl: zd.url,
    zendeskAuth: 'api-token',
    zendeskEmail: EMAIL,
    zendeskApiToken: API_TOKEN,
    zendeskWrapUpTagPrefix: TAG_PREFIX,
  });
});

test.afterAll(async () => {
  // Each part is stopped even when another fails to.
  await stopEach([() => desk.close(), () => zd?.close()]);
});

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
  const popups = collectDialogs(page);
  await openApp(page, desk);

  // IT's policy chose Zendesk: sync comes online and finishes its first download with no agent action.
  await expectSyncedOnline(page);

  await setUpPhone(page, desk.sipServer);
  await expect(agentStatus(page)).toHaveText('Ready');

  // The call rings: the screen pop shows the Zendesk user, their company and the open ticket; not the solved one.
  const { far, ringing } = await ring(page, desk);
  const pane = customerPane(page);
  await expect(pane.getByRole('heading', { name: CUSTOMER_NAME })).toBeVisible();
  expect(far.state).not.toBe('Established');
  await expect(ringing).toBeVisible();
  await expect(pane).toContainText(COMPANY);
  await expect(pane.getByLabel('Numbers')).toHaveText(displayPhoneNumber(CALLER_E164));
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

  await answerAndHangUp(page, far);

  // Wrap-up by keyboard: "bill", 1 picks the first match, Tab to the notes, Ctrl+Enter submits.
  await expect(agentStatus(page)).toHaveText('Wrap-up');
  await expect(wrapUp(page)).toContainText(`case zd-ticket-${openTicket.id}`);
  await wrapUpByKeyboard(page, { search: 'bill', label: 'Bill explained' }, NOTES);

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
  await expectAllSent(page);

  // Sync again, twice, each time until main is idle: nothing is written a second time.
  await expectSyncAgainWritesNothing(page, desk, writes);
  expect(popups).toEqual([]);

  // What the app logged: the call on the Zendesk ticket, under the Zendesk user, and its duration is the one in the record.
  await desk.readStore(async (store) => {
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
  });
});
