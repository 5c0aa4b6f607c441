import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../../shared/telephony/model';
import { describeRegistration } from '../../../shared/telephony/registration-text';
import { telephonySettingsSchema } from '../../../shared/telephony/settings';
import { RING_LOST_TEXT } from '../../../electron/telephony/call-manager';
import { englishOf } from '../../../shared/text/user-text';
import { requireChromium, requireKamailio } from '../../support/system-deps';
import { LabApp, labSettings, launchChromium } from '../../lab/app';
import { FarEnd, type FarEndCall } from '../../lab/far-end';
import { Kamailio } from '../../lab/kamailio';

const kamailioDep = requireKamailio();
const chromiumDep = requireChromium();

/**
 * The SIP server dies (SIGKILL: a crash, no goodbye) while the agent is talking or while a call
 * rings. Media is peer to peer, so a call in progress keeps its audio; what must not happen is a
 * call or an agent state that sticks, or a phone that does not come back when the server does.
 * The far end's sip.js does not reconnect, so every test starts its own customer.
 */
describe.skipIf(!kamailioDep.available || !chromiumDep.available)(
  'server loss mid-call: kamailio killed, Chromium media engine, werift far end',
  () => {
    let kamailio: Kamailio;
    let browser: Browser;
    let app: LabApp;
    const customers: FarEnd[] = [];

    beforeAll(async () => {
      kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
      await kamailio.start();
      browser = await launchChromium(chromiumDep.path);
      app = await LabApp.start({
        browser,
        settings: telephonySettingsSchema.parse(labSettings(kamailio.url, '1001')),
        password: 'secret-1001',
      });
      await app.waitForRegistration('registered');
    });

    afterEach(async () => {
      for (const call of app.calls()) await app.command('telephony.hangup', { callId: call.id }).catch(() => undefined);
      await app.until(() => app.calls().length === 0, 'all calls to end');
      await Promise.all(customers.splice(0).map((c) => c.stop()));
      if (!kamailio.running) await kamailio.start();
      await app.waitForRegistration('registered', 15_000);
    });

    afterAll(async () => {
      await Promise.all(customers.map((c) => c.stop()));
      await app?.close();
      await browser?.close();
      await kamailio?.stop();
      kamailio?.dispose();
    });

    async function newCustomer(): Promise<FarEnd> {
      const customer = new FarEnd({ user: '2001', server: kamailio.url });
      customers.push(customer);
      await customer.start();
      return customer;
    }

    async function ringingCall(customer: FarEnd): Promise<{ callId: string; far: FarEndCall }> {
      const offered = new Promise<string>((resolve) => {
        const off = app.core.telephony.events.on('callOffered', (o) => {
          off();
          resolve(o.callId);
        });
      });
      const far = await customer.call('1001');
      const callId = await offered;
      await app.until(() => app.call(callId)?.status === 'ringing-in', 'the call to ring');
      return { callId, far };
    }

    const agent = () => app.core.agent.view().agent;

    /** Both counters rise by more than 25 packets (half a second of audio) from now. */
    async function expectAudioKeepsFlowing(callId: string, far: FarEndCall, what: string): Promise<void> {
      const agentBefore = (await app.inspect(callId)).stats?.packetsReceived ?? 0;
      const farBefore = far.media?.stats.packets ?? 0;
      await app.until(
        async () => ((await app.inspect(callId)).stats?.packetsReceived ?? 0) > agentBefore + 25,
        `the agent to keep hearing the customer ${what}`,
      );
      await app.until(() => (far.media?.stats.packets ?? 0) > farBefore + 25, `the customer to keep hearing the agent ${what}`);
    }

    it('a call in progress keeps its audio while the server is down, the phone re-registers within 5 s of its return, and hanging up frees the agent', async () => {
      const customer = await newCustomer();
      const { callId, far } = await ringingCall(customer);
      await app.command('telephony.answer', { callId });
      await far.established;
      await app.until(() => app.call(callId)?.status === 'active', 'the call to be active');
      await expectAudioKeepsFlowing(callId, far, 'before the crash');
      expect(agent().status).toBe('on-call');

      const before = app.registrations.length;
      await kamailio.kill();
      // The dead connection is noticed at once and retried with back-off; let two attempts fail so the
      // outage is more than a blip.
      await app.until(
        () => app.registrations.slice(before).filter((s) => s.status === 'connecting').length >= 2,
        'two reconnect attempts',
        15_000,
      );
      // Between attempts the registration says so, with the time of the next one.
      await app.until(
        () => app.registration.status === 'reconnecting' || app.registration.status === 'unreachable',
        'the registration to show the server problem',
      );
      const down = app.registration;
      expect(describeRegistration(down, down.since)).toMatch(/^(Reconnecting in \d+ s|Server unreachable.*)$/);
      console.log(`while kamailio is down the agent reads: "${describeRegistration(down, down.since)}"`);
      // The call is untouched: still up, nothing to warn about, audio both ways (peer to peer).
      expect(app.call(callId)).toMatchObject({ status: 'active', media: 'ok', problem: null });
      expect(agent().status).toBe('on-call');
      await expectAudioKeepsFlowing(callId, far, 'while the server is down');

      await kamailio.start();
      const back = Date.now();
      await app.until(
        () => app.registration.status === 'registered',
        `registration within 5 s of kamailio's return (now "${app.registration.status}")`,
        5_000,
      );
      console.log(`re-registered ${Date.now() - back} ms after kamailio returned`);
      expect(app.call(callId)?.status).toBe('active');
      await expectAudioKeepsFlowing(callId, far, 'after the server is back');

      // The restarted kamailio lost the customer's WebSocket connection (its sip.js does not
      // reconnect), so the BYE cannot be delivered; the agent's call ends anyway.
      await app.command('telephony.hangup', { callId });
      await app.until(() => app.calls().length === 0, 'the call to end for the agent');
      const ended = app.ended.find((e) => e.callId === callId);
      const { entries } = await app.command('telephony.getSipTrace', {});
      const byeAndAfter = entries
        .slice(entries.findLastIndex((e) => e.direction === 'out' && e.firstLine.startsWith('BYE ')))
        .map((e) => `${e.direction} ${e.firstLine}`);
      console.log(
        `hang-up after the restart: ${JSON.stringify({ endReason: ended?.endReason, endCode: ended?.endCode, byeReceived: far.byeReceived, trace: byeAndAfter })}`,
      );
      // sip.js ends the dialog as the BYE leaves; nothing answers it before the call is gone.
      expect(byeAndAfter[0]).toMatch(/^out BYE /);
      expect(ended).toMatchObject({ endReason: 'local-hangup' });
      expect(ended?.talkSeconds).toBeGreaterThan(0);
      expect(far.byeReceived).toBe(false);
      await app.core.agent.settled();
      expect(agent().status).not.toMatch(/^(on-call|ringing)$/);
      console.log(`agent after the call: ${englishOf(agent().statusLabel)}`);
    });

    it('a call ringing when the server dies stops ringing at once, with a clear sentence, and the agent can take the next call', async () => {
      const customer = await newCustomer();
      const { callId } = await ringingCall(customer);
      expect(agent().status).toBe('ringing');

      const updates: Call[] = [];
      const off = app.core.telephony.events.on('callUpdated', (c) => {
        if (c.id === callId) updates.push(c);
      });
      const killedAt = Date.now();
      await kamailio.kill();
      // The caller's CANCEL can never reach us through a dead proxy.
      await app.until(() => app.ended.some((e) => e.callId === callId), 'the ringing call to end', 10_000);
      console.log(`the ringing call ended ${Date.now() - killedAt} ms after the kill`);
      const ended = app.ended.find((e) => e.callId === callId);
      expect(ended).toMatchObject({ endReason: 'failed', answeredAt: null });
      off();
      // One plain sentence on the ended call, not a raw error.
      expect(updates.at(-1)).toMatchObject({ status: 'ended', problem: RING_LOST_TEXT });
      expect(app.calls()).toEqual([]);
      await app.core.agent.settled();
      expect(agent().status).not.toMatch(/^(on-call|ringing)$/);
      console.log(`agent after the lost call: ${englishOf(agent().statusLabel)}`);

      await kamailio.start();
      await app.until(
        () => app.registration.status === 'registered',
        `registration within 5 s of kamailio's return (now "${app.registration.status}")`,
        5_000,
      );
      // Nothing left behind: a new caller rings, is answered and talks.
      const next = await newCustomer();
      const second = await ringingCall(next);
      await app.command('telephony.answer', { callId: second.callId });
      await second.far.established;
      await app.until(() => app.call(second.callId)?.status === 'active', 'the next call to be active');
      await expectAudioKeepsFlowing(second.callId, second.far, 'on the next call');
      await app.command('telephony.hangup', { callId: second.callId });
      await second.far.terminated;
    });
  },
);
