import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SecretStore } from '../../../electron/secrets/secret-store';
import type { ZendeskEmulator } from '../../../tools/crm-emulators/zendesk/server';
import { callRecord, inEnglish, problemOf } from '../sync/harness';
import { ADMIN_API_TOKEN, ADMIN_EMAIL, WAIT, ZendeskApps, oauthPolicy, startEmulator } from './zendesk-harness';
import { browser, signInAndWait } from './zendesk-oauth-browser';

/**
 * Zendesk by OAuth through the sync service, against the Zendesk emulator's real authorization and
 * token endpoints (auto-approving as its admin, who may use the incremental exports): not signed in
 * says which button to press; the sign-in (the test plays the browser) brings sync online with a
 * bearer token; an expired access token is renewed silently; a refused renewal stops sync with the
 * keeper's sentence while the outbox keeps the agent's work, which is sent once after signing in
 * again; a new Zendesk address signs out before any token could go there.
 */

const SIGN_IN_SENTENCE = 'Sign in to Zendesk to sync: choose Sign in to Zendesk in Sync settings. Your work is kept on this computer.';

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

const startApp = (defaults: Record<string, unknown>, enforced: Record<string, unknown>) => apps.start({ defaults, enforced });

async function storedAccessToken(secrets: SecretStore): Promise<string | null> {
  const stored = await secrets.get('oauth.zendesk');
  return stored === null ? null : (JSON.parse(stored) as { accessToken: string }).accessToken;
}

async function bearerUser(accessToken: string): Promise<number | string> {
  const res = await fetch(`${zd.url}/api/v2/users/me.json`, { headers: { authorization: `Bearer ${accessToken}` } });
  return res.status === 200 ? ((await res.json()) as { user: { email: string } }).user.email : res.status;
}

describe('sync with Zendesk signed in to by OAuth', () => {
  it('signs in through the browser, renews silently, and keeps the work through an expired sign-in', async () => {
    const caller = zd.state.addUser({ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0123' });
    const ticket = zd.state.addTicket({
      requester_id: caller.id,
      subject: 'Line drops after a minute',
      status: 'open',
      comment: { body: 'It drops.' },
    });
    clock += 10 * 60_000;

    const { store, sync, secrets } = await startApp({}, oauthPolicy(zd));
    // Not signed in: nothing is sent, and the status names the button.
    expect(inEnglish(sync.status())).toMatchObject({
      connector: 'zendesk',
      connection: 'not-configured',
      zendesk: { auth: 'oauth', signedIn: false },
      problem: SIGN_IN_SENTENCE,
    });

    await signInAndWait(zd, sync);
    const first = await storedAccessToken(secrets);
    expect(first).not.toBeNull();
    expect(await bearerUser(first!)).toBe(ADMIN_EMAIL);
    // The pull ran with the bearer token (incremental exports: the admin's).
    await vi.waitFor(() => expect(sync.status().lastSyncAt).not.toBeNull(), WAIT);
    const pop = await store.lookupCaller('+442079460123');
    expect(pop.matches[0]?.customer.id).toBe(`zd-user-${caller.id}`);

    // The access token expires: the next request is refused, renewed once, and sync stays online.
    zd.faults.add({ kind: 'tokenExpired' });
    const synced = sync.status().lastSyncAt!;
    clock += 1000;
    sync.syncNow();
    await vi.waitFor(async () => {
      expect(await storedAccessToken(secrets)).not.toBe(first);
      expect(sync.status().lastSyncAt).toBeGreaterThan(synced);
    }, WAIT);
    expect(sync.status()).toMatchObject({ connection: 'online', problem: null, zendesk: { signedIn: true } });
    expect(await bearerUser(first!)).toBe(401);

    // The sign-in is revoked at Zendesk: the renewal is refused, sync stops with the keeper's sentence.
    const second = (await storedAccessToken(secrets))!;
    zd.oauth.revoke(second);
    sync.syncNow();
    await vi.waitFor(
      () =>
        expect(inEnglish(sync.status())).toMatchObject({
          connection: 'not-configured',
          zendesk: { signedIn: false },
          problem: 'Your Zendesk sign-in expired; sign in again. Your work is kept and will be sent after you sign in.',
        }),
      WAIT,
    );
    expect(await secrets.get('oauth.zendesk')).toBeNull();

    // Work logged while signed out stays in the outbox, neither sent nor parked.
    const before = zd.state.comments(ticket.id).length;
    await store.logInteraction(callRecord('zd-oauth-call-1', 1, { customerId: `zd-user-${caller.id}`, caseId: `zd-ticket-${ticket.id}` }));
    sync.wake();
    expect(sync.syncNow()).toBe(false);
    await vi.waitFor(async () => expect(await store.outbox.counts()).toMatchObject({ pending: 1, parked: 0 }), WAIT);
    expect(zd.state.comments(ticket.id)).toHaveLength(before);

    // Signing in again sends it, exactly once.
    await signInAndWait(zd, sync);
    await vi.waitFor(async () => expect((await store.outbox.counts()).pending).toBe(0), WAIT);
    const added = zd.state.comments(ticket.id).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]?.body).toContain('zd-oauth-call-1');
    sync.syncNow();
    await vi.waitFor(() => expect(sync.status().activity).toBe('idle'), WAIT);
    expect(zd.state.comments(ticket.id).slice(before)).toHaveLength(1);
  });

  it('signs out when the Zendesk address moves to another origin: no token is sent there', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const other: Server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const { crmSyncUrl, ...enforced } = oauthPolicy(zd);
      const { sync, secrets } = await startApp({ crmSyncUrl }, enforced);
      await signInAndWait(zd, sync);
      expect(await storedAccessToken(secrets)).not.toBeNull();

      const status = await sync.configure(`http://127.0.0.1:${(other.address() as AddressInfo).port}`);
      expect(inEnglish(status)).toMatchObject({ connection: 'not-configured', zendesk: { signedIn: false }, problem: SIGN_IN_SENTENCE });
      expect(await secrets.get('oauth.zendesk')).toBeNull();
      expect(seen.filter((h) => h.authorization !== undefined)).toEqual([]);

      // Back at the first Zendesk: still signed out (the tokens are gone, not hidden).
      expect(inEnglish(await sync.configure(zd.url))).toMatchObject({ zendesk: { signedIn: false }, problem: SIGN_IN_SENTENCE });
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('refuses to start a sign-in when Zendesk is signed in to by API token', async () => {
    const { sync } = await startApp(
      {},
      { ...oauthPolicy(zd), zendeskAuth: 'api-token', zendeskEmail: ADMIN_EMAIL, zendeskApiToken: ADMIN_API_TOKEN },
    );
    await expect(sync.signInToZendesk()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/API token/) });
  });

  it("answers the browser's tab in the agent's language", async () => {
    const { sync } = await startApp({}, { ...oauthPolicy(zd), language: 'de' });
    const { authorizationUrl } = await sync.signInToZendesk();
    const page = await browser(zd, authorizationUrl);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="de">');
    expect(page.body).toContain('Sie sind bei Zendesk angemeldet; Sie können diesen Tab schließen.');
    await vi.waitFor(() => expect(sync.status().zendesk.signedIn).toBe(true), WAIT);
  });

  it('shows a cancelled sign-in as the problem', async () => {
    const { sync } = await startApp({}, oauthPolicy(zd));
    const { authorizationUrl } = await sync.signInToZendesk();
    const url = new URL(authorizationUrl);
    // The agent declines on the consent page: Zendesk redirects with error=access_denied.
    const back = new URL(url.searchParams.get('redirect_uri')!);
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('state', url.searchParams.get('state')!);
    await fetch(back);
    await vi.waitFor(() => expect(problemOf(sync.status())).toBe('Sign-in to Zendesk was cancelled in the browser.'), WAIT);
    expect(sync.status().zendesk.signedIn).toBe(false);
  });
});
