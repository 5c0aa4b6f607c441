import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/logging/logger';
import { SipProvisioning } from '../../../electron/sso/sip-provisioning';
import { SIP_PASSWORD_SECRET } from '../../../shared/telephony/settings';
import type { ProvisionedSipAccount } from '../../../shared/sync/sip-account';
import { removeDir } from '../sync/harness';
import { signInThroughBrowser, startSsoApp, startWorld } from './harness';

/**
 * The SIP account from the sign-in: after the agent signs in, the app fetches it from the reference
 * Sync API with the agent's access token, and the phone gets it (password into the secret store,
 * as the telephony service keeps it); at sign-out the password is deleted. The phone itself is
 * replaced by a recorder of what it was given, so the test needs no SIP server.
 */

const WAIT = { timeout: 30_000, interval: 25 };
const ADA_SIP: ProvisionedSipAccount = {
  server: 'wss://sip.example.com:7443',
  domain: 'example.com',
  user: 'ada',
  authUser: null,
  displayName: 'Ada Lovelace',
  password: 'provisioned-secret-1',
};
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

it('after sign-in the SIP account comes from the Sync API; sign-out deletes its password', async () => {
  const world = await startWorld({ sipAccounts: { 'agent-ada': ADA_SIP } });
  cleanups.push(() => world.close());
  const app = await startSsoApp(world, { policy: { ssoSipProvisioning: true } });
  cleanups.push(async () => {
    await app.stop();
    removeDir(app.dataDir);
  });
  const applied: ProvisionedSipAccount[] = [];
  const provisioning = new SipProvisioning({
    session: app.session,
    enabled: () => true,
    serverUrl: () => world.server.url,
    apply: async (account) => {
      await app.secrets.set(SIP_PASSWORD_SECRET, account.password);
      applied.push(account);
    },
    forget: () => app.secrets.delete(SIP_PASSWORD_SECRET),
    log: silentLogger,
  });
  provisioning.start();
  cleanups.push(async () => provisioning.close());

  await signInThroughBrowser(app, world, 'agent-ada');
  await expect.poll(() => applied.length, WAIT).toBe(1);
  expect(applied[0]).toEqual(ADA_SIP);
  expect(await app.secrets.get(SIP_PASSWORD_SECRET)).toBe('provisioned-secret-1');

  await app.session.signOut();
  await expect.poll(() => app.secrets.get(SIP_PASSWORD_SECRET), WAIT).toBeNull();

  // An agent with no account on the server: nothing is applied, and the agent types their own.
  await signInThroughBrowser(app, world, 'agent-grace');
  await expect.poll(() => app.session.state().agent?.email, WAIT).toBe('grace@example.com');
  expect(await provisioning.settled()).toBe('none');
  expect(applied).toHaveLength(1);
});
