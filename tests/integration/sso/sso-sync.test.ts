import { afterEach, describe, expect, it } from 'vitest';
import { tokenSecretName } from '../../../electron/auth/token-keeper';
import { SYNC_TOKEN_SECRET } from '../../../electron/sync/switchboard-sync-source';
import { inEnglish, problemOf, removeDir } from '../sync/harness';
import {
  logCallsBy,
  serverAgentOf,
  serverInteractions,
  signInThroughBrowser,
  startSsoApp,
  startWorld,
  type SsoApp,
  type SsoWorld,
} from './harness';

const ADA = 'ada@example.com';
const GRACE = 'grace@example.com';

/**
 * Single sign-on end to end on the main side: a real OpenID Provider, the reference Sync API
 * server checking the agent's access token against the provider's JWKS, and the app's real store,
 * secret store, SsoSession and SyncService.
 */

const WAIT = { timeout: 30_000, interval: 25 };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setUp(op: Parameters<typeof startWorld>[0] = {}): Promise<{ world: SsoWorld; app: SsoApp }> {
  const world = await startWorld(op);
  cleanups.push(() => world.close());
  const app = await startSsoApp(world);
  cleanups.push(async () => {
    await app.stop();
    removeDir(app.dataDir);
  });
  return { world, app };
}

describe('single sign-on and sync', () => {
  it("answers the browser's tab in the agent's language", async () => {
    const world = await startWorld();
    cleanups.push(() => world.close());
    const app = await startSsoApp(world, { policy: { language: 'de' } });
    cleanups.push(async () => {
      await app.stop();
      removeDir(app.dataDir);
    });
    const { authorizationUrl } = await app.session.begin();
    // The agent cancels at the provider: it sends the browser back with error=access_denied.
    const sent = new URL(authorizationUrl);
    const back = new URL(sent.searchParams.get('redirect_uri')!);
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('state', sent.searchParams.get('state')!);
    back.searchParams.set('iss', world.op.issuer);
    const page = await fetch(back);
    const body = await page.text();
    expect(body).toContain('<html lang="de">');
    expect(body).toMatch(/Die Anmeldung bei [^<]+ wurde im Browser abgebrochen\. Sie können diesen Tab schließen\./);
  });

  it('first run: signed out, work waits; Sign in → browser → back signed in → the work goes out under the access token', async () => {
    const { world, app } = await setUp();
    expect(app.session.state()).toMatchObject({ configured: true, signedIn: false, agent: null });
    const ids = await logCallsBy(app.store, ADA, 3, 'first-run');
    await expect.poll(() => app.sync.status().outbox.waiting, WAIT).toBe(3);
    await expect
      .poll(() => problemOf(app.sync.status()), WAIT)
      .toBe('You are not signed in. Your work is kept on this computer and will be sent after you sign in.');
    expect(serverInteractions(world.server)).toEqual([]);

    await signInThroughBrowser(app, world, 'agent-ada');

    await expect.poll(() => app.session.state().agent, WAIT).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
    await expect.poll(() => serverInteractions(world.server).sort(), WAIT).toEqual([...ids].sort());
    await expect.poll(() => app.sync.status().outbox.waiting, WAIT).toBe(0);
    expect(problemOf(app.sync.status())).toBeNull();
    // The tokens are in the secret store; there is no site token.
    expect(await app.secrets.get(tokenSecretName('sso'))).toContain('"accessToken"');
    expect(await app.secrets.get(SYNC_TOKEN_SECRET)).toBeNull();
    // The server saw only access tokens it checked against the provider's keys (it has no site token).
    expect(world.server.requests.byStatus['401'] ?? 0).toBe(0);
    expect(ids.map((id) => serverAgentOf(world.server, id))).toEqual([ADA, ADA, ADA]);
  });

  it('an access token at its expiry is renewed silently, and sync goes on', async () => {
    // 60 s tokens are inside the 2-minute renewal margin: every token asked for is renewed first.
    const { world, app } = await setUp({ op: { accessTokenTtlS: 60 } });
    await signInThroughBrowser(app, world, 'agent-ada');
    await expect.poll(() => app.session.state().signedIn, WAIT).toBe(true);
    const ids = await logCallsBy(app.store, ADA, 2, 'renewed');
    await expect.poll(() => serverInteractions(world.server).sort(), WAIT).toEqual([...ids].sort());
    expect(world.op.tokenRequests).toContain('refresh_token');
    expect(app.session.state()).toMatchObject({ signedIn: true, problem: null });
    expect(problemOf(app.sync.status())).toBeNull();
  });

  it('an access token the Sync API refuses as expired (401) is renewed silently, and the work goes out', async () => {
    const { world, app } = await setUp();
    await signInThroughBrowser(app, world, 'agent-ada');
    await expect.poll(() => app.session.state().signedIn, WAIT).toBe(true);
    expect(world.op.tokenRequests).not.toContain('refresh_token');
    // The server's clock runs an hour ahead: to it, the agent's 10-minute token has expired.
    world.serverClockAheadMs = 3_600_000;
    const ids = await logCallsBy(app.store, ADA, 1, 'refused');
    await expect.poll(() => world.server.requests.byStatus['401'] ?? 0, WAIT).toBeGreaterThan(0);
    await expect.poll(() => world.op.tokenRequests, WAIT).toContain('refresh_token');
    // The clocks agree again; the next attempt carries the renewed token.
    world.serverClockAheadMs = 0;
    await expect.poll(() => serverInteractions(world.server), WAIT).toEqual(ids);
    expect(app.session.state()).toMatchObject({ signedIn: true, problem: null });
    await expect.poll(() => problemOf(app.sync.status()), WAIT).toBeNull();
  });

  it('a revoked sign-in signs the agent out with a clear sentence, and nothing is lost', async () => {
    const { world, app } = await setUp({ op: { accessTokenTtlS: 60 } });
    await signInThroughBrowser(app, world, 'agent-ada');
    await expect.poll(() => app.session.state().signedIn, WAIT).toBe(true);
    const before = await logCallsBy(app.store, ADA, 2, 'before');
    await expect.poll(() => serverInteractions(world.server).length, WAIT).toBe(2);

    // IT revokes the agent's sign-in at the provider; the next renewal is refused.
    expect(await world.op.revokeGrants('agent-ada')).toBeGreaterThan(0);
    const after = await logCallsBy(app.store, ADA, 3, 'after');

    const sentence = 'Your Switchboard sign-in expired; sign in again. Your work is kept and will be sent after you sign in.';
    await expect.poll(() => inEnglish(app.session.state()), WAIT).toMatchObject({ signedIn: false, agent: null, problem: sentence });
    await expect.poll(() => problemOf(app.sync.status()), WAIT).toBe(sentence);
    expect(await app.secrets.get(tokenSecretName('sso'))).toBeNull();
    // Nothing was parked or dropped: the three calls wait in the outbox.
    await expect.poll(() => app.sync.status().outbox, WAIT).toEqual({ waiting: 3, parked: 0, conflicts: 0 });
    expect(serverInteractions(world.server).sort()).toEqual([...before].sort());

    // The agent signs in again: the work goes out.
    await signInThroughBrowser(app, world, 'agent-ada');
    await expect.poll(() => serverInteractions(world.server).sort(), WAIT).toEqual([...before, ...after].sort());
    await expect.poll(() => app.sync.status().outbox.waiting, WAIT).toBe(0);
  });

  it('stays signed in across a restart of the app, from the secret store', async () => {
    const { world, app } = await setUp();
    await signInThroughBrowser(app, world, 'agent-grace');
    await expect.poll(() => app.session.state().signedIn, WAIT).toBe(true);
    await app.stop();
    cleanups.pop();
    const again = await startSsoApp(world, { dataDir: app.dataDir });
    cleanups.push(async () => {
      await again.stop();
      removeDir(again.dataDir);
    });
    expect(again.session.state().agent).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com' });
    const ids = await logCallsBy(again.store, GRACE, 1, 'restart');
    await expect.poll(() => serverInteractions(world.server), WAIT).toEqual(ids);
  });

  it("sign-out clears the tokens; unsent work waits for its own agent, and another agent's is kept, not sent under their name", async () => {
    const { world, app } = await setUp();
    await signInThroughBrowser(app, world, 'agent-ada');
    await expect.poll(() => app.session.state().signedIn, WAIT).toBe(true);
    await app.session.signOut();
    expect(app.session.state()).toMatchObject({ signedIn: false, agent: null, problem: null });
    expect(await app.secrets.get(tokenSecretName('sso'))).toBeNull();

    // Ada's wrap-up time ran on after she signed out: her calls are recorded, unsent.
    const adas = await logCallsBy(app.store, ADA, 2, 'ada-late');
    await expect.poll(() => app.sync.status().outbox.waiting, WAIT).toBe(2);

    // Grace signs in on the same computer: her own work goes out, Ada's stays.
    await signInThroughBrowser(app, world, 'agent-grace');
    await expect.poll(() => app.session.state().agent?.email, WAIT).toBe(GRACE);
    const graces = await logCallsBy(app.store, GRACE, 1, 'grace');
    await expect.poll(() => serverInteractions(world.server), WAIT).toEqual(graces);
    expect(serverAgentOf(world.server, graces[0]!)).toBe(GRACE);
    await expect.poll(() => app.sync.status().outbox, WAIT).toEqual({ waiting: 2, parked: 0, conflicts: 0 });
    expect(serverInteractions(world.server)).toEqual(graces);

    // Ada signs in again: her calls go out, under her name.
    await app.session.signOut();
    await signInThroughBrowser(app, world, 'agent-ada');
    await expect.poll(() => serverInteractions(world.server).sort(), WAIT).toEqual([...graces, ...adas].sort());
    expect(adas.map((id) => serverAgentOf(world.server, id))).toEqual([ADA, ADA]);
  });
});
