import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ZendeskEmulator } from '../../../tools/crm-emulators/zendesk/server';
import { callRecord, problemOf } from '../sync/harness';
import { ADMIN_API_TOKEN, ADMIN_EMAIL, ZendeskApps, apiTokenPolicy, startEmulator } from './zendesk-harness';

/**
 * The CRM connector frame with Zendesk chosen by IT policy: the sync service picks the Zendesk
 * connector from the settings, pulls a caller who exists only in Zendesk (with their open
 * ticket) into the real store, so the screen pop finds them with no network call, and logs a call
 * on that ticket exactly once. Settings the connector needs and does not have are said in one
 * sentence, and a connector IT locked cannot be changed by the agent.
 */

let zd: ZendeskEmulator;
let clock = Date.now();
const apps = new ZendeskApps();

beforeAll(async () => {
  zd = await startEmulator({ now: () => clock });
});
afterEach(async () => {
  await apps.closeAll();
});
afterAll(async () => {
  await zd.close();
});

const startApp = (enforced: Record<string, unknown>, dir?: string) => apps.start({ enforced, dir });

const zendeskPolicy = () => apiTokenPolicy(zd);

describe('sync with the Zendesk connector chosen by policy', () => {
  it('pulls a Zendesk-only caller and their open ticket into the store, and logs a call on that ticket once', async () => {
    const caller = zd.state.addUser({ name: 'Grace Hopper', email: 'grace@example.com', phone: '+44 20 7946 0991' });
    const ticket = zd.state.addTicket({
      requester_id: caller.id,
      subject: 'Cannot reach the billing line',
      status: 'open',
      priority: 'high',
      comment: { body: 'Called twice, no answer.' },
    });
    // Zendesk's search and exports see a record a little after it changed: let the emulator's clock move on.
    clock += 10 * 60_000;

    const { store, sync } = await startApp(zendeskPolicy());
    expect(sync.status()).toMatchObject({
      connector: 'zendesk',
      connectorLocked: true,
      zendesk: { auth: 'api-token', tokenByPolicy: true },
    });
    await vi.waitFor(
      () => {
        expect(sync.status().connection).toBe('online');
        expect(sync.status().lastSyncAt).not.toBeNull();
      },
      { timeout: 20_000, interval: 50 },
    );

    const pop = await store.lookupCaller('+442079460991');
    expect(pop.matches).toHaveLength(1);
    expect(pop.matches[0]?.customer).toMatchObject({ id: `zd-user-${caller.id}`, name: 'Grace Hopper' });
    expect(pop.matches[0]?.openCases.map((c) => [c.id, c.subject])).toEqual([[`zd-ticket-${ticket.id}`, 'Cannot reach the billing line']]);

    const commentsBefore = zd.state.comments(ticket.id).length;
    await store.logInteraction(callRecord('zd-call-1', 1, { customerId: `zd-user-${caller.id}`, caseId: `zd-ticket-${ticket.id}` }));
    await vi.waitFor(async () => expect((await store.outbox.counts()).pending).toBe(0), { timeout: 20_000, interval: 50 });
    const added = zd.state.comments(ticket.id).slice(commentsBefore);
    expect(added).toHaveLength(1);
    expect(added[0]?.body).toContain('zd-call-1');
    expect(added[0]?.public).toBe(false);
    // Sync once more: nothing is written twice.
    sync.syncNow();
    await vi.waitFor(() => expect(sync.status().activity).toBe('idle'), { timeout: 20_000, interval: 50 });
    expect(zd.state.comments(ticket.id).slice(commentsBefore)).toHaveLength(1);
  });

  it('files a wrap-up on the ticket its call went to, also when the app restarted between the two', async () => {
    const caller = zd.state.addUser({ name: 'Katherine Johnson', phone: '+44 20 7946 0992' });
    const ticket = zd.state.addTicket({
      requester_id: caller.id,
      subject: 'Refund not received',
      status: 'open',
      comment: { body: 'Asked twice.' },
    });
    clock += 10 * 60_000;
    const first = await startApp(zendeskPolicy());
    await vi.waitFor(() => expect(first.sync.status().lastSyncAt).not.toBeNull(), { timeout: 20_000, interval: 50 });
    await first.store.logInteraction(callRecord('zd-call-2', 2, { customerId: `zd-user-${caller.id}`, caseId: `zd-ticket-${ticket.id}` }));
    await vi.waitFor(async () => expect((await first.store.outbox.counts()).pending).toBe(0), { timeout: 20_000, interval: 50 });
    // The app stops before the agent submits the wrap-up: the next connector has never seen the call.
    await apps.stop(first);
    const second = await startApp(zendeskPolicy(), first.dir);
    await second.store.saveWrapUp({
      interactionId: 'zd-call-2',
      agentId: 'agent-1',
      state: 'submitted',
      code: 'refund-chased',
      notes: 'Chased the refund with finance',
      resolvedOnFirstContact: false,
      callback: null,
      doNotCall: null,
      revision: 1,
      updatedAt: Date.now(),
      submittedAt: Date.now(),
    });
    await vi.waitFor(async () => expect(await second.store.outbox.counts()).toMatchObject({ pending: 0, parked: 0, conflict: 0 }), {
      timeout: 20_000,
      interval: 50,
    });
    expect(zd.state.getTicket(ticket.id)?.tags).toContain('sb_refund-chased');
    const notes = zd.state.comments(ticket.id).filter((c) => c.body.includes('Switchboard wrap-up ID: zd-call-2'));
    expect(notes).toHaveLength(1);
  });

  it('says which setting is missing: API-token sign-in without the Zendesk user', async () => {
    const { zendeskEmail: _left, ...policy } = zendeskPolicy();
    const { sync } = await startApp(policy);
    expect(sync.status()).toMatchObject({ connection: 'not-configured', connector: 'zendesk' });
    expect(problemOf(sync.status())).toBe(
      'Zendesk sign-in by API token needs the email of the Zendesk user the token belongs to: enter it in Sync settings, or ask IT.',
    );
  });

  it('shows a wrong API token as unauthorized, with a sentence naming Zendesk', async () => {
    const { sync } = await startApp({ ...zendeskPolicy(), zendeskApiToken: 'not-the-token-at-all' });
    await vi.waitFor(() => expect(sync.status().connection).toBe('unauthorized'), { timeout: 20_000, interval: 50 });
    expect(problemOf(sync.status())).toMatch(/Zendesk/);
  });

  it('keeps the connector IT locked: the agent cannot switch it, and changing the server keeps it too', async () => {
    const { sync } = await startApp({ crmConnector: 'zendesk' });
    await expect(sync.configure(undefined, undefined, { connector: 'switchboard-sync' })).rejects.toThrow(
      'The CRM connector is set by IT policy (Zendesk) and cannot be changed here',
    );
    expect(sync.status().connector).toBe('zendesk');
  });

  it('lets the agent choose Zendesk and its API user when IT does not lock them', async () => {
    const { sync } = await startApp({});
    expect(sync.status()).toMatchObject({ connector: 'switchboard-sync', connectorLocked: false });
    const status = await sync.configure(zd.url, ADMIN_API_TOKEN, { connector: 'zendesk', zendeskEmail: ADMIN_EMAIL });
    expect(status).toMatchObject({ connector: 'zendesk', zendesk: { auth: 'oauth' } });
    // IT did not choose API-token sign-in: the default is OAuth, and nobody has signed in yet.
    expect(problemOf(status)).toMatch(/^Sign in to Zendesk to sync/);
  });
});
