import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeRegistration } from '../../../shared/telephony/registration-text';
import { requireKamailio } from '../../support/system-deps';
import { LabApp, labSettings } from '../../lab/app';
import { Kamailio } from '../../lab/kamailio';

const kamailioDep = requireKamailio();

describe.skipIf(!kamailioDep.available)('registration against a real kamailio with digest auth', () => {
  let kamailio: Kamailio;
  let app: LabApp | null = null;

  beforeAll(async () => {
    kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
    await kamailio.start();
  });

  afterEach(async () => {
    await app?.close();
    app = null;
  });

  afterAll(async () => {
    await kamailio.stop();
    kamailio.dispose();
  });

  const start = async (user: string, password: string): Promise<LabApp> => {
    // Registration needs no media engine: no browser here.
    app = await LabApp.start({ browser: null as never, settings: labSettings(kamailio.url, user), password, openPage: false });
    return app;
  };

  it('registers with the right password (challenged once, then accepted)', async () => {
    const lab = await start('agent1001', 'secret-agent1001');
    await lab.waitForRegistration('registered');
    expect(describeRegistration(lab.registration, Date.now())).toBe('Registered');
    // One REGISTER without credentials (401 challenge) and one with them.
    expect(kamailio.registerCount('agent1001')).toBe(2);
    expect(lab.registrations.map((s) => s.status).slice(-2)).toEqual(['registering', 'registered']);
    // The password never reaches the log.
    expect(JSON.stringify(lab.logs)).not.toContain('secret-agent1001');
  });

  it('stops on a wrong password with a clear 401 state, and does not retry on its own', async () => {
    const lab = await start('agent1002', 'not-the-password');
    await lab.waitForRegistration('auth-failed');
    expect(lab.registration.code).toBe(401);
    expect(describeRegistration(lab.registration, Date.now())).toBe('Wrong password (401)');
    expect(lab.registration.retryAt).toBeNull();
    const afterFailure = kamailio.registerCount('agent1002');
    expect(afterFailure).toBe(2);
    // Neither waking from sleep nor a network change may start retrying a refused password,
    // and nothing happens in the time several back-off retries would have been sent.
    lab.platform.emitSystemEvent('resume');
    lab.platform.emitSystemEvent('network');
    await new Promise((r) => setTimeout(r, 3_000));
    expect(kamailio.registerCount('agent1002')).toBe(afterFailure);
    expect(lab.registration.status).toBe('auth-failed');
    // The agent's own "Try again" tries exactly once more.
    await lab.command('telephony.reconnect', {});
    await lab.until(() => kamailio.registerCount('agent1002') === afterFailure + 2, 'one more challenged REGISTER');
    await lab.waitForRegistration('auth-failed');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(kamailio.registerCount('agent1002')).toBe(afterFailure + 2);
  });

  it('fixing the password from the app registers at once', async () => {
    const lab = await start('agent1003', 'wrong');
    await lab.waitForRegistration('auth-failed');
    const result = await lab.command('telephony.setAccount', {
      server: kamailio.url,
      domain: '127.0.0.1',
      username: 'agent1003',
      password: 'secret-agent1003',
    });
    expect(result.account).toMatchObject({ username: 'agent1003', hasPassword: true, locked: false });
    expect(JSON.stringify(result)).not.toContain('secret-agent1003');
    await lab.waitForRegistration('registered');
  });

  it('re-registers within 5 s of the server coming back after it was killed, showing each state on the way', async () => {
    const lab = await start('agent1004', 'secret-agent1004');
    await lab.waitForRegistration('registered');
    const before = lab.registrations.length;
    await kamailio.kill();
    // The dead connection is noticed at once (the socket closes) and retried with back-off.
    await lab.until(
      () => lab.registrations.slice(before).filter((s) => s.status === 'connecting').length >= 2,
      'two reconnect attempts',
      15_000,
    );
    await kamailio.start();
    const back = Date.now();
    await lab.waitForRegistration('registered', 10_000);
    const took = Date.now() - back;
    const sequence = lab.registrations
      .slice(before)
      .map((s) => (s.retryAt ? `${s.status}(${Math.round((s.retryAt - s.since) / 100) / 10}s)` : s.status));
    console.log(`re-registered ${took} ms after kamailio returned; states: ${sequence.join(' → ')}`);
    expect(took).toBeLessThan(5_000);
    const statuses = lab.registrations.slice(before).map((s) => s.status);
    expect(statuses.slice(0, 3)).toEqual(['reconnecting', 'connecting', 'reconnecting']);
    expect(statuses).toContain('connecting');
    expect(statuses.at(-1)).toBe('registered');
    // Each wait was announced with the time of the next attempt ("Reconnecting in 1 s").
    const waiting = lab.registrations.slice(before).filter((s) => s.status === 'reconnecting' || s.status === 'unreachable');
    expect(waiting.every((s) => s.retryAt !== null && s.retryAt > s.since)).toBe(true);
    expect(describeRegistration(waiting[0]!, waiting[0]!.since)).toMatch(/^Reconnecting in \d+ s$/);
  });

  it('refreshes its registration when the machine wakes from sleep', async () => {
    const lab = await start('agent1005', 'secret-agent1005');
    await lab.waitForRegistration('registered');
    const count = kamailio.registerCount('agent1005');
    lab.platform.emitSystemEvent('resume');
    await lab.until(() => kamailio.registerCount('agent1005') > count, 'a fresh REGISTER after wake-up');
    await lab.waitForRegistration('registered');
  });
});
