import { expect, test } from '../support/e2e';
import { displayPhoneNumber } from '../../shared/store/phone';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../tools/crm-emulators/salesforce/server';
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
  syncStrip,
  syncUntilHistoryComplete,
  wrapUp,
  wrapUpByKeyboard,
} from '../support/crm-e2e';
import { freePort } from '../support/free-port';
import { setUpPhone } from '../support/phone-setup';
import { requireChromium, requireKamailio } from '../support/system-deps';

/**
 * The Salesforce connector as the agent meets it: web shell in Debian's Chromium, real kamailio,
 * a werift caller, and the Salesforce emulator with IT's policy choosing Salesforce. The agent
 * signs in as in the field: "Sign in to Salesforce" opens the org's authorization page in the
 * browser (web server flow with PKCE), which comes back to the app's loopback listener. A caller
 * whose mobile number is on a Contact is popped, before the agent answers, with the contact, their
 * account as the company and their two open cases (not the closed one). The agent files the call
 * under the second case and codes the wrap-up by keyboard; Salesforce then holds exactly one Task
 * for the call, with the call fields and the code, on that case, and syncing again writes nothing.
 */

const chromium = requireChromium();
const kamailioDep = requireKamailio();
test.skip(!chromium.available || !kamailioDep.available, chromium.reason || kamailioDep.reason);
test.describe.configure({ mode: 'serial' });
test.use({ permissions: ['microphone'] });

/** IT's Connected App in the org: public (no secret), PKCE required, the loopback callback on the policy's port. */
const CONNECTED_APP = '3MVG9Switchboard_Desktop.E2E';
const CALL_ID_FIELD = 'Switchboard_Call_Id__c';
/** The caller's SIP user: the national digits of the contact's mobile number (US, the app's default region). */
const CALLER = { sipUser: '4155550123', e164: '+14155550123', displayName: 'Katherine J' };
const LANDLINE_E164 = '+14155550100';
const CONTACT_NAME = 'Katherine Johnson';
const COMPANY = 'Langley Orbital Systems';
const FIRST_OPEN_SUBJECT = 'Router keeps rebooting';
const SECOND_OPEN_SUBJECT = 'Invoice shows the old address';
const CLOSED_SUBJECT = 'Replacement SIM delivered';
const CODE = { search: 'tech', label: 'Technical issue resolved', code: 'TECH-RESOLVED' };
const NOTES = 'Moved the router off the extension lead; no reboots for ten minutes';

let sf: SalesforceEmulator;
let redirectPort = 0;
const desk = new CrmDesk({ name: 'salesforce', kamailio: kamailioDep, caller: CALLER });

let contactId = '';
let accountId = '';
let firstOpenCase = '';
let secondOpenCase = '';
let closedCase = '';
/** The cases as the test made them. */
let casesBefore: unknown[] = [];

test.beforeAll(async () => {
  redirectPort = await freePort();
  sf = await startSalesforceEmulator({
    oauthClients: [{ id: CONNECTED_APP, redirectUris: [`http://127.0.0.1:${redirectPort}/oauth/callback`] }],
    taskExternalIdField: CALL_ID_FIELD,
  });
  accountId = sf.state.insert('Account', { Name: COMPANY });
  // The caller's number is the contact's mobile, written as a Salesforce user typed it; their landline is another number.
  contactId = sf.state.insert('Contact', {
    FirstName: 'Katherine',
    LastName: 'Johnson',
    Email: 'katherine@example.com',
    AccountId: accountId,
    Phone: '(415) 555-0100',
    MobilePhone: '(415) 555-0123',
  });
  const onContact = { ContactId: contactId, AccountId: accountId, Origin: 'Phone' } as const;
  firstOpenCase = sf.state.insert('Case', { ...onContact, Subject: FIRST_OPEN_SUBJECT, Status: 'Working', Priority: 'High' });
  secondOpenCase = sf.state.insert('Case', { ...onContact, Subject: SECOND_OPEN_SUBJECT, Status: 'New', Priority: 'Medium' });
  closedCase = sf.state.insert('Case', { ...onContact, Subject: CLOSED_SUBJECT, Status: 'Closed', Priority: 'Low' });
  casesBefore = caseRecords();

  // Nothing local knows this caller: whatever the screen pop shows comes from Salesforce.
  await desk.start({
    crmConnector: 'salesforce',
    crmSyncUrl: sf.url,
    salesforceOAuthClientId: CONNECTED_APP,
    salesforceRedirectPort: String(redirectPort),
  });
});

test.afterAll(async () => {
  // Each part is stopped even when another fails to.
  await stopEach([() => desk.close(), () => sf?.close()]);
});

/** The Tasks in the org (the test data has none: every Task is one Switchboard wrote). */
const tasks = () => sf.state.list('Task').map((t) => sf.state.json(t.id)!);

const caseRecords = () => [firstOpenCase, secondOpenCase, closedCase].map((id) => sf.state.json(id));

/** What the org holds that Switchboard could have written twice, and the requests that write. */
function writes() {
  return {
    tasks: tasks(),
    cases: caseRecords(),
    contact: sf.state.json(contactId),
    counts: { ...sf.state.counts },
    writeRequests: sf.state.requests.filter((r) => r.method !== 'GET' && r.path.startsWith('/services/data/')).length,
  };
}

/** Task.ActivityDate as the connector writes it: the day the call started on this computer's calendar. */
function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('an agent signs in to Salesforce; a MobilePhone caller is popped with their account and open cases; the call is one Task on the chosen case', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const popups = collectDialogs(page);
  await openApp(page, desk);

  // IT's policy chose Salesforce, and nothing syncs until the agent signs in: the strip says how.
  const strip = syncStrip(page);
  await expect(strip.getByRole('alert')).toContainText('Sign in to Salesforce to sync', { timeout: 30_000 });
  expect(tasks()).toEqual([]);

  // "Sign in to Salesforce" opens the org's authorization page in the agent's browser (here a tab), which
  // approves and sends the browser back to the app's listener on the policy's port.
  const authorizeRequests: URL[] = [];
  page.context().on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === sf.url && url.pathname === '/services/oauth2/authorize') authorizeRequests.push(url);
  });
  await strip.getByRole('button', { name: 'Sync settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Sync settings' });
  const opened = page.context().waitForEvent('page');
  await settings.getByRole('button', { name: 'Sign in to Salesforce' }).click({ timeout: 15_000 });
  const browserTab = await opened;
  await browserTab.waitForURL((url) => url.origin === `http://127.0.0.1:${redirectPort}` && url.pathname === '/oauth/callback', {
    timeout: 30_000,
  });
  await expect(browserTab.getByRole('heading', { name: 'Signed in to Salesforce' })).toBeVisible({ timeout: 30_000 });
  expect(authorizeRequests).toHaveLength(1);
  const authorize = authorizeRequests[0]!.searchParams;
  expect({
    response_type: authorize.get('response_type'),
    client_id: authorize.get('client_id'),
    redirect_uri: authorize.get('redirect_uri'),
    code_challenge_method: authorize.get('code_challenge_method'),
    scope: authorize.get('scope'),
  }).toEqual({
    response_type: 'code',
    client_id: CONNECTED_APP,
    redirect_uri: `http://127.0.0.1:${redirectPort}/oauth/callback`,
    code_challenge_method: 'S256',
    scope: 'api refresh_token',
  });
  // The code in the address bar went to the app only: the tab's page holds no token.
  await expect(browserTab.locator('body')).not.toContainText(/access_token|refresh_token/);
  await browserTab.close();
  await expect(settings.getByRole('button', { name: 'Sign out of Salesforce' })).toBeVisible();
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(settings).toBeHidden();

  // Signed in: sync comes online and finishes its first download (the open cases first), then the history, closed case included.
  await expectSyncedOnline(page);
  await syncUntilHistoryComplete(page, desk);

  await setUpPhone(page, desk.sipServer);
  await expect(agentStatus(page)).toHaveText('Ready');

  // The call rings: the pop shows the contact, their account as the company and both open cases; not the closed one.
  const { far, ringing } = await ring(page, desk);
  const pane = customerPane(page);
  await expect(pane.getByRole('heading', { name: CONTACT_NAME })).toBeVisible();
  expect(far.state).not.toBe('Established');
  await expect(ringing).toBeVisible();
  await expect(pane).toContainText(`${COMPANY} · `);
  await expect(pane.getByLabel('Numbers')).toHaveText(
    `${displayPhoneNumber(LANDLINE_E164)} (work), ${displayPhoneNumber(CALLER.e164)} (mobile)`,
  );
  const openCases = pane.getByRole('list', { name: 'Open cases' });
  await expect(openCases).toContainText(`P2 ${FIRST_OPEN_SUBJECT} (open, sf-case-${firstOpenCase})`);
  await expect(openCases).toContainText(`P3 ${SECOND_OPEN_SUBJECT} (new, sf-case-${secondOpenCase})`);
  await expect(pane.getByRole('radio', { name: new RegExp(FIRST_OPEN_SUBJECT) })).toBeVisible();
  const secondCaseChoice = pane.getByRole('radio', { name: new RegExp(SECOND_OPEN_SUBJECT) });
  await expect(secondCaseChoice).toBeVisible();
  await expect(openCases).not.toContainText(CLOSED_SUBJECT);
  await expect(pane).not.toContainText(CLOSED_SUBJECT);
  // Two open cases: the pop does not guess which one the call is about.
  await expect(pane.getByRole('radio', { name: 'No case' })).toBeChecked();
  // "Open in Salesforce" on the contact and on each open case: each to exactly its Lightning record page.
  const openInSalesforce = pane.getByRole('link', { name: 'Open in Salesforce' });
  await expect(openInSalesforce).toHaveCount(3);
  await expect(openInSalesforce.first()).toHaveAttribute('href', `${sf.url}/lightning/r/Contact/${contactId}/view`);
  for (const [subject, id] of [
    [FIRST_OPEN_SUBJECT, firstOpenCase],
    [SECOND_OPEN_SUBJECT, secondOpenCase],
  ] as const) {
    const caseLink = openCases.getByRole('listitem').filter({ hasText: subject }).getByRole('link', { name: 'Open in Salesforce' });
    await expect(caseLink).toHaveAttribute('href', `${sf.url}/lightning/r/Case/${id}/view`);
  }
  await expect(agentStatus(page)).toHaveText('Ringing');
  expect(far.state).not.toBe('Established');
  // The pop was served from what sync had stored: Salesforce was not asked for this number.
  expect(sf.state.requests.filter((r) => /555.?0123/.test(decodeURIComponent(r.query)))).toEqual([]);

  // Answer and talk (the call timer shows two seconds), then hang up.
  await answerAndHangUp(page, far, { talkSeconds: 2 });
  await expect(agentStatus(page)).toHaveText('Wrap-up');

  // The agent files the call under the second open case, then codes the wrap-up by keyboard.
  // The radio follows main's view (the pick goes over the bridge), so it is clicked, and then checked.
  await secondCaseChoice.click();
  await expect(secondCaseChoice).toBeChecked();
  const panel = wrapUp(page);
  await expect(panel).toContainText(`case sf-case-${secondOpenCase}`);
  await panel.getByRole('combobox', { name: 'Wrap-up code' }).focus();
  await wrapUpByKeyboard(page, CODE, NOTES);

  // Salesforce gets the call's Task, then the wrap-up on it, on the chosen case.
  await expect
    .poll(() => tasks().map((t) => ({ code: t.CallDisposition, case: t.WhatId })), {
      message: 'the coded call reaches Salesforce as a Task on the chosen case',
      timeout: 60_000,
    })
    .toEqual([{ code: CODE.code, case: secondOpenCase }]);
  await expectAllSent(page);

  // Sync again, twice, each time until main is idle: nothing is written a second time.
  await expectSyncAgainWritesNothing(page, desk, writes);
  expect(popups).toEqual([]);

  // The case records are as the test made them: Switchboard files calls as Tasks and changed no case.
  expect(caseRecords()).toEqual(casesBefore);

  // What the app logged, and the one Task in Salesforce for it.
  const row = await desk.readStore(async (store) => {
    const pop = await store.lookupCaller(CALLER.e164);
    expect(pop.matches.map((m) => m.customer.id)).toEqual([`sf-contact-${contactId}`]);
    // The closed case is in the local copy, as closed: the pop left it out because it is closed.
    const known = (await store.getCustomer(`sf-contact-${contactId}`))!.cases.map((c) => [c.id, c.status]);
    expect(known).toContainEqual([`sf-case-${closedCase}`, 'closed']);
    const rows = await store.listInteractions({ customerId: `sf-contact-${contactId}` });
    expect(rows).toHaveLength(1);
    return rows[0]!;
  });
  expect(row).toMatchObject({
    channel: 'call',
    direction: 'inbound',
    outcome: 'answered',
    number: CALLER.e164,
    customerId: `sf-contact-${contactId}`,
    caseId: `sf-case-${secondOpenCase}`,
  });
  expect(row.wrapUp).toMatchObject({ state: 'submitted', code: CODE.code, notes: NOTES });
  expect(row.talkSeconds).toBeGreaterThan(0);

  const forCall = sf.state.list('Task', (t) => t.values[CALL_ID_FIELD] === row.id);
  expect(forCall, `one Task with ${CALL_ID_FIELD} = the call's id`).toHaveLength(1);
  expect(tasks(), 'no other Task').toHaveLength(1);
  const task = sf.state.json(forCall[0]!.id)!;
  expect(task).toMatchObject({
    [CALL_ID_FIELD]: row.id,
    TaskSubtype: 'Call',
    CallType: 'Inbound',
    CallDurationInSeconds: row.talkSeconds + row.holdSeconds,
    CallDisposition: CODE.code,
    Subject: `Inbound call from ${CALLER.e164}`,
    Status: 'Completed',
    ActivityDate: localDate(row.startedAt),
    WhoId: contactId,
    WhatId: secondOpenCase,
  });
  expect(task.CallDurationInSeconds).toBeGreaterThan(0);
  expect(task.Description).toContain(NOTES);
  expect(task.Description).toContain(`Switchboard call ID: ${row.id}`);
});
