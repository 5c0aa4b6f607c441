import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../tools/crm-emulators/salesforce/server';
import { problemOf } from '../sync/harness';
import { CONNECTED_APP, SalesforceApps, browser, call, freePort, salesforcePolicy, wrapUp } from './salesforce-harness';
import { englishOf, userText } from '../../../shared/text/user-text';
import { textOfStored } from '../../../electron/sync/failure-text';

/**
 * Salesforce chosen by IT policy, through the real sync service and the real store: the agent
 * signs in in the browser (web server flow with PKCE against the emulator's Connected App), the
 * caller's contact and open case arrive before any call (the screen pop is a local lookup), a
 * call and its wrap-up become one Task on the case, an ended sign-in waits for the agent with the
 * work kept, and a missing external-id field is parked with the sentence for the admin.
 */

// Generous: the whole suite also runs with every core busy (a run took 8x its quiet time under load 20).
const WAIT = { timeout: 50_000, interval: 50 };
const FIELD = 'Switchboard_Call_Id__c';

let sf: SalesforceEmulator;
let port: number;
let clock = Date.UTC(2024, 5, 1, 12);
const apps = new SalesforceApps();

beforeAll(async () => {
  port = await freePort();
  sf = await startSalesforceEmulator({
    now: () => clock,
    oauthClients: [{ id: CONNECTED_APP, redirectUris: [`http://127.0.0.1:${port}/oauth/callback`] }],
    seed: { contacts: 60, cases: 240, seed: 9 },
  });
});
afterEach(async () => {
  await apps.closeAll();
  sf.faults.clear();
  sf.settings.taskExternalIdField = FIELD;
});
afterAll(async () => {
  await sf.close();
});

const tasksFor = (key: string) => sf.state.list('Task', (t) => t.values[FIELD] === key);

async function signIn(app: Awaited<ReturnType<SalesforceApps['start']>>): Promise<void> {
  const { authorizationUrl } = await app.sync.signIn();
  const url = new URL(authorizationUrl);
  expect(url.searchParams.get('scope')).toBe('api refresh_token');
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}/oauth/callback`);
  const page = await browser(sf, authorizationUrl);
  expect(page.status).toBe(200);
  await vi.waitFor(
    () => expect(app.sync.status()).toMatchObject({ connection: 'online', problem: null, salesforce: { signedIn: true } }),
    WAIT,
  );
}

// Each test signs in and waits for several sync rounds: more than the integration default under a busy machine.
describe('sync with the Salesforce connector chosen by policy', { timeout: 150_000 }, () => {
  it('signs in in the browser, pops a MobilePhone caller with their open case, and logs the call and its wrap-up as one Task', async () => {
    const contact = sf.state.insert('Contact', { FirstName: 'Amira', LastName: 'Khan', MobilePhone: '07700 900123' });
    const kase = sf.state.insert('Case', { ContactId: contact, Subject: 'Router keeps rebooting', Status: 'Working', Priority: 'High' });
    clock += 60_000;

    const app = await apps.start({ enforced: salesforcePolicy(sf, port) });
    expect(app.sync.status()).toMatchObject({ connector: 'salesforce', connection: 'not-configured', salesforce: { signedIn: false } });
    expect(problemOf(app.sync.status())).toBe(
      'Sign in to Salesforce to sync: choose Sign in to Salesforce in Sync settings. Your work is kept on this computer.',
    );
    await signIn(app);
    // The tokens and the org's instance URL are in the secret store, never in the settings.
    expect(JSON.parse((await app.secrets.get('oauth.salesforce'))!)).toMatchObject({ extra: { instance_url: sf.url } });

    await vi.waitFor(() => expect(app.sync.status().lastSyncAt).not.toBeNull(), WAIT);
    // The org's API usage, as Salesforce's latest answer said it (Sforce-Limit-Info), for the agent and IT to see.
    expect(app.sync.status().apiUsage).toMatchObject({ limit: sf.usage.max });
    expect(app.sync.status().apiUsage!.used).toBeGreaterThan(0);
    const pop = await app.store.lookupCaller('+447700900123');
    expect(pop.matches.map((m) => m.customer.id)).toEqual([`sf-contact-${contact}`]);
    expect(pop.matches[0]!.openCases.map((c) => [c.id, c.subject, c.priority])).toEqual([
      [`sf-case-${kase}`, 'Router keeps rebooting', 'P2'],
    ]);

    const interaction = call('a1b2c3d4-0000-4000-8000-00000000c0de', { customerId: `sf-contact-${contact}`, caseId: `sf-case-${kase}` });
    await app.store.logInteraction(interaction);
    await vi.waitFor(() => expect(tasksFor(interaction.id)).toHaveLength(1), WAIT);
    await app.store.saveWrapUp(wrapUp(interaction.id, 'resolved', 'Replaced the power supply'));
    await vi.waitFor(() => expect(sf.state.json(tasksFor(interaction.id)[0]!.id)).toMatchObject({ CallDisposition: 'resolved' }), WAIT);
    await vi.waitFor(async () => expect(await app.store.outbox.counts()).toMatchObject({ pending: 0, parked: 0, conflict: 0 }), WAIT);

    app.sync.syncNow();
    await vi.waitFor(() => expect(app.sync.status().activity).toBe('idle'), WAIT);
    const tasks = tasksFor(interaction.id);
    expect(tasks).toHaveLength(1);
    expect(sf.state.json(tasks[0]!.id)).toMatchObject({
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      CallDurationInSeconds: 195,
      Status: 'Completed',
      WhoId: contact,
      WhatId: kase,
    });
  });

  it('an ended sign-in that cannot be renewed signs the agent out in one sentence; the call waits and goes once after signing in again', async () => {
    const app = await apps.start({ enforced: salesforcePolicy(sf, port) });
    await signIn(app);
    await vi.waitFor(() => expect(app.sync.status().lastSyncAt).not.toBeNull(), WAIT);

    sf.oauth.revokeAll();
    const interaction = call('a1b2c3d4-0000-4000-8000-00000000dead');
    await app.store.logInteraction(interaction);
    await vi.waitFor(() => expect(app.sync.status().salesforce.signedIn).toBe(false), WAIT);
    expect(problemOf(app.sync.status())).toMatch(/Salesforce/);
    expect(problemOf(app.sync.status())).toMatch(/sign in/i);
    expect(await app.store.outbox.counts()).toMatchObject({ pending: 1, parked: 0 });
    expect(tasksFor(interaction.id)).toHaveLength(0);

    await signIn(app);
    await vi.waitFor(async () => expect(await app.store.outbox.counts()).toMatchObject({ pending: 0, parked: 0 }), WAIT);
    expect(tasksFor(interaction.id)).toHaveLength(1);
  });

  it('without the external-id field on Task the call is parked with the sentence for the admin, and goes once the field exists', async () => {
    sf.settings.taskExternalIdField = null;
    const app = await apps.start({ enforced: salesforcePolicy(sf, port) });
    await signIn(app);
    const interaction = call('a1b2c3d4-0000-4000-8000-0000000f1e1d');
    await app.store.logInteraction(interaction);
    await vi.waitFor(async () => expect((await app.store.outbox.counts()).parked).toBe(1), WAIT);
    const [parked] = await app.store.outbox.list({ states: ['parked'] });
    expect(parked).toMatchObject({ lastErrorCode: 'salesforce-call-id-field-missing' });
    // The row keeps the message (electron/sync/failure-text.ts); the agent reads it in their language.
    expect(englishOf(textOfStored(parked!.lastErrorMessage, userText('sync.outbox.parkedUnknown')))).toBe(
      'Salesforce has no field Switchboard_Call_Id__c on Task: ask your Salesforce admin to create it (docs/crm.md)',
    );

    sf.settings.taskExternalIdField = FIELD;
    await app.sync.retryParked([parked!.id]);
    await vi.waitFor(async () => expect(await app.store.outbox.counts()).toMatchObject({ pending: 0, parked: 0 }), WAIT);
    expect(tasksFor(interaction.id)).toHaveLength(1);
  });
});
