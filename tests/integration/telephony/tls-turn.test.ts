import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PolicySourceReading } from '../../../shared/policy/resolve';
import { NO_RELAY_TEXT } from '../../../shared/telephony/ice-policy';
import { englishOf } from '../../../shared/text/user-text';
import { describeRegistration, secondsUntil } from '../../../shared/telephony/registration-text';
import { telephonySettingsSchema, type TelephonySettings } from '../../../shared/telephony/settings';
import { requireChromium, requireCoturn, requireKamailioTls, requireOpenssl } from '../../support/system-deps';
import { LabApp, labSettings, launchChromium } from '../../lab/app';
import { Coturn, type TurnActivity } from '../../lab/coturn';
import { FarEnd, type FarEndCall } from '../../lab/far-end';
import { Kamailio } from '../../lab/kamailio';
import { TestCa } from '../../lab/test-ca';

const kamailioDep = requireKamailioTls();
const chromiumDep = requireChromium();
const coturnDep = requireCoturn();
const opensslDep = requireOpenssl();

/** IT's policy as a policy.json would hold it: the lab's CA is trusted through the real extraCaFile path. */
const trustPolicy = (caFile: string): PolicySourceReading[] => [
  { source: '/etc/switchboard/policy.json', defaults: {}, enforced: { extraCaFile: caFile }, problems: [] },
];

/** Every candidate line of an SDP, by type ("relay", "host", …). */
function candidateTypes(sdp: string): string[] {
  return [...sdp.matchAll(/^a=candidate:.* typ (\w+)/gm)].map((m) => m[1] ?? '');
}

/**
 * The phone over wss:// (kamailio's TLS listener, a certificate from a CA the test makes and IT
 * policy names) with call audio forced through a real TURN server (coturn, iceTransportPolicy
 * 'relay'). The far end is werift on its host candidate over plain ws://: only the agent is relayed,
 * as an agent behind a strict firewall would be.
 */
describe.skipIf(!kamailioDep.available || !chromiumDep.available || !coturnDep.available || !opensslDep.available)(
  'TLS and TURN: wss:// with a test CA, media relayed by coturn',
  () => {
    let ca: TestCa;
    let kamailio: Kamailio;
    let coturn: Coturn;
    let browser: Browser;
    let app: LabApp;
    let customer: FarEnd;
    let settings: TelephonySettings;

    beforeAll(async () => {
      ca = TestCa.create();
      kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true, tls: ca.trusted.server });
      coturn = new Coturn({ binary: coturnDep.binary });
      [browser] = await Promise.all([launchChromium(chromiumDep.path), kamailio.start(), coturn.start()]);
      settings = telephonySettingsSchema.parse(
        labSettings(kamailio.wssUrl, '1001', { iceServers: [coturn.iceServer], iceTransportPolicy: 'relay' }),
      );
      app = await LabApp.start({ browser, settings, password: 'secret-1001', policy: trustPolicy(ca.trusted.caFile) });
      customer = new FarEnd({ user: '2001', server: kamailio.url });
      await Promise.all([app.waitForRegistration('registered'), customer.start()]);
    });

    afterEach(async () => {
      for (const call of app.calls()) await app.command('telephony.hangup', { callId: call.id }).catch(() => undefined);
      await app.until(() => app.calls().length === 0, 'all calls to end');
      await app.core.telephony.applySettings(settings);
    });

    afterAll(async () => {
      await customer?.stop();
      await app?.close();
      await browser?.close();
      await Promise.all([kamailio?.stop(), coturn?.stop()]);
      kamailio?.dispose();
      coturn?.dispose();
      ca?.dispose();
    });

    /**
     * While the call is up: the agent's selected ICE pair is relay, the app's SDP held relay
     * candidates only (no way around the relay), and coturn allocated a relay for it and let it
     * reach the far end's address.
     */
    async function expectRelayed(callId: string, far: FarEndCall, logFrom: number): Promise<void> {
      const media = await app.inspect(callId);
      // The far end's side is its host address; prflx when its first check reached the app before its answer did.
      expect(media.route).toEqual({ local: 'relay', remote: expect.stringMatching(/^(host|prflx)$/) as unknown, relayProtocol: 'udp' });
      const types = candidateTypes(far.media?.pc.remoteDescription?.sdp ?? '');
      expect(types.length).toBeGreaterThan(0);
      expect(new Set(types)).toEqual(new Set(['relay']));
      // coturn's log is a file it writes on its own schedule: wait for the lines rather than race them.
      await app.until(() => {
        const seen = coturn.activity(logFrom);
        return seen.allocations >= 1 && seen.permissions >= 1 && seen.peers.includes('127.0.0.1');
      }, "coturn's log of the allocation and the permission");
      const activity = coturn.activity(logFrom);
      expect(activity.allocations).toBeGreaterThanOrEqual(1);
      expect(activity.permissions).toBeGreaterThanOrEqual(1);
      expect(activity.peers).toContain('127.0.0.1');
    }

    /**
     * The app's offer or answer held one candidate, the relay, and went as soon as it had it or gathering
     * completed (shared/telephony/ice-policy.ts: relay-only waits for nothing else), never at the timeout.
     */
    function expectRelayOffer(callId: string): { gatheringMs?: unknown } | undefined {
      const gathering = app.logs.find((r) => r.message === 'local description ready' && r.fields?.callId === callId)?.fields;
      expect(gathering).toMatchObject({ candidates: 1, ended: expect.stringMatching(/^(enough|complete)$/) as unknown });
      return gathering;
    }

    /** After hang-up, when the app has released its allocation: coturn counted the call's packets, both ways. */
    async function expectRelayCounted(logFrom: number): Promise<TurnActivity> {
      await app.until(() => coturn.activity(logFrom).relayed.toPeers > 0, "coturn's usage report for the released allocation");
      const activity = coturn.activity(logFrom);
      // Each end heard more than 25 packets before the hang-up, and the relay was the only way between them.
      expect(activity.relayed.fromPeers).toBeGreaterThan(25);
      expect(activity.relayed.toPeers).toBeGreaterThan(25);
      return activity;
    }

    it('registers over wss:// with the test CA trusted through the extraCaFile policy', async () => {
      expect(app.core.policy.trust.counts.extra).toBe(1);
      expect(app.core.policy.effective.problems).toEqual([]);
      expect(describeRegistration(app.registration, Date.now())).toBe('Registered');
      // kamailio saw the agent's REGISTERs on its TLS WebSocket listener (the challenge and the answer).
      // Polled: a REGISTER's 200 OK can reach its sender before kamailio's log line reaches this process.
      await expect.poll(() => kamailio.registerProtocols('1001'), { timeout: 10_000 }).toEqual(['wss', 'wss']);
      await expect.poll(() => kamailio.registerProtocols('2001'), { timeout: 10_000 }).toEqual(['ws', 'ws']);
    });

    it('inbound: answered through TURN only, audio both ways via coturn', async () => {
      const logFrom = coturn.log().length;
      const offered = app.nextOffer();
      const far = await customer.call('1001');
      const callId = await offered;
      const answeredAt = Date.now();
      await app.command('telephony.answer', { callId });
      await far.established;
      await app.until(() => app.call(callId)?.status === 'active', 'the call to be active');
      const activeAt = Date.now();
      await app.expectAudioBothWays(callId, far);
      const audioAt = Date.now();
      await expectRelayed(callId, far, logFrom);
      const gathering = expectRelayOffer(callId);
      await far.hangup();
      await app.until(() => app.ended.some((e) => e.callId === callId), 'the call-ended event');
      const { relayed } = await expectRelayCounted(logFrom);
      console.log(
        `inbound via TURN: answer → active ${activeAt - answeredAt} ms (ICE gathering ${String(gathering?.gatheringMs)} ms), → audio both ways ${audioAt - answeredAt} ms; coturn relayed ${relayed.fromPeers} packets from the far end, ${relayed.toPeers} to it`,
      );
    });

    it('outbound: dialled through TURN only, audio both ways via coturn', async () => {
      const logFrom = coturn.log().length;
      const incoming = customer.nextIncoming();
      const dialAt = Date.now();
      const { callId } = await app.command('telephony.dial', { target: '2001' });
      const far = await incoming;
      const invitedAt = Date.now();
      await far.answer();
      await app.until(() => app.call(callId)?.status === 'active', 'the call to be active');
      const activeAt = Date.now();
      await app.expectAudioBothWays(callId, far);
      const audioAt = Date.now();
      await expectRelayed(callId, far, logFrom);
      const gathering = expectRelayOffer(callId);
      await app.command('telephony.hangup', { callId });
      await far.terminated;
      const { relayed } = await expectRelayCounted(logFrom);
      console.log(
        `outbound via TURN: dial → INVITE at far end ${invitedAt - dialAt} ms (ICE gathering ${String(gathering?.gatheringMs)} ms), answer → active ${activeAt - invitedAt} ms, → audio both ways ${audioAt - invitedAt} ms; coturn relayed ${relayed.fromPeers} / ${relayed.toPeers} packets`,
      );
    });

    it('relay-only with a TURN password the server refuses: calls either way fail with a sentence that names the relay', async () => {
      await app.core.telephony.applySettings({ ...settings, iceServers: [{ ...coturn.iceServer, credential: 'not-the-password' }] });
      const logFrom = coturn.log().length;

      const farCalls = customer.calls.length;
      const dialling = app.command('telephony.dial', { target: '2001' });
      await expect(dialling).rejects.toMatchObject({ message: englishOf(NO_RELAY_TEXT), text: NO_RELAY_TEXT });
      await app.until(
        () => app.ended.some((e) => e.direction === 'outbound' && e.problem?.key === NO_RELAY_TEXT.key),
        'the dialled call to end with the sentence',
      );
      expect(app.ended.at(-1)).toMatchObject({ direction: 'outbound', endReason: 'failed', answeredAt: null, problem: NO_RELAY_TEXT });
      // Nothing reached the far end: the offer is never sent without a relay candidate in it.
      expect(customer.calls.length).toBe(farCalls);

      // Inbound: the answer cannot be made, so the caller is refused and the agent reads why (not "missed").
      const offered = app.nextOffer();
      const far = await customer.call('1001');
      const callId = await offered;
      await expect(app.command('telephony.answer', { callId })).rejects.toMatchObject({
        message: englishOf(NO_RELAY_TEXT),
        text: NO_RELAY_TEXT,
      });
      await far.terminated;
      await app.until(() => app.ended.some((e) => e.callId === callId), 'the answered call to end');
      expect(app.ended.find((e) => e.callId === callId)).toMatchObject({
        direction: 'inbound',
        endReason: 'failed',
        problem: NO_RELAY_TEXT,
      });
      // coturn refused the password: no allocation was made.
      expect(coturn.activity(logFrom).allocations).toBe(0);
    });

    it('a server certificate from a CA this machine does not trust is refused: a clear state, never registered, until the CA is trusted', async () => {
      // A second server, signed by the other CA; the app trusts only the lab's CA, exactly as above.
      const rogue = new Kamailio({
        binary: kamailioDep.binary,
        modulesDir: kamailioDep.modulesDir,
        auth: true,
        wsPort: 5068,
        sipPort: 5062,
        tls: { ...ca.untrusted.server, port: 7444 },
      });
      const phones: LabApp[] = [];
      // Registration needs no media engine: no pages.
      const phone = async (user: string, trusting: string): Promise<LabApp> => {
        const started = await LabApp.start({
          browser,
          settings: labSettings(rogue.wssUrl, user),
          password: `secret-${user}`,
          policy: trustPolicy(trusting),
          openPage: false,
        });
        phones.push(started);
        return started;
      };
      try {
        await rogue.start();
        // The control, alongside: the same server with its CA trusted registers, so what the first
        // phone meets is the certificate and nothing else.
        const [refused, control] = await Promise.all([phone('1002', ca.trusted.caFile), phone('1003', ca.untrusted.caFile)]);
        await refused.waitForRegistration('certificate-failed');
        const state = refused.registration;
        expect(state.certificate).toBe('untrusted');
        // Only IT can fix a certificate: the next attempt is on the long back-off (30 s ± 20 %), said in the sentence.
        const wait = secondsUntil(state.retryAt, state.since) ?? 0;
        expect(wait).toBeGreaterThanOrEqual(24);
        expect(wait).toBeLessThanOrEqual(36);
        expect(describeRegistration(state, state.since)).toBe(
          `Not connected: the SIP server's certificate was not accepted (it is signed by an authority this computer does not trust). Ask IT to check it · retrying in ${wait} s`,
        );
        expect(refused.logs).toContainEqual(
          expect.objectContaining({
            level: 'warn',
            message: expect.stringContaining('SIP server certificate not accepted') as unknown,
            fields: expect.objectContaining({ error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }) as unknown,
          }),
        );
        // "Try again" goes through the same check and ends the same way: the TLS handshake never gets as far as SIP.
        const failures = refused.registrations.filter((s) => s.status === 'certificate-failed').length;
        await refused.command('telephony.reconnect', {});
        await refused.until(
          () => refused.registrations.filter((s) => s.status === 'certificate-failed').length > failures,
          'the retry to fail on the certificate again',
        );
        expect(refused.registrations.some((s) => s.status === 'registered' || s.status === 'registering')).toBe(false);
        expect(rogue.registerCount('1002')).toBe(0);

        await control.waitForRegistration('registered');
        expect(rogue.registerProtocols('1003')).toEqual(['wss', 'wss']);
      } finally {
        for (const started of phones) await started.close();
        await rogue.stop();
        rogue.dispose();
      }
    });
  },
);
