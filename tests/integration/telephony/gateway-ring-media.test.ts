import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireBaresip, requireChromium, requireKamailio, requireRtpengine, requireTcpdump } from '../../support/system-deps';
import { LabApp, labSettings, launchChromium } from '../../lab/app';
import { Baresip } from '../../lab/baresip';
import { Kamailio } from '../../lab/kamailio';
import { RtpTap } from '../../lab/rtp-tap';
import { Rtpengine } from '../../lab/rtpengine';

const kamailioDep = requireKamailio();
const rtpengineDep = requireRtpengine();
const baresipDep = requireBaresip();
const chromiumDep = requireChromium();
const tcpdumpDep = requireTcpdump();

const AGENT = '1001';
const PHONE_RTP: [number, number] = [31200, 31249];
const PHONE_SIP = 5090;
const RELAY_PORTS: [number, number] = [30000, 30199];
/** Enough decoded 20 ms frames with a tone in them to call it "heard": half a second. */
const HEARD_FRAMES = 25;

/**
 * Connect while it rings, as a real caller meets it: a plain SIP phone (baresip) through the lab's
 * WebRTC gateway (kamailio + rtpengine). With the default DTLS role (`auto`), rtpengine's offer is
 * a media server's (shared/telephony/dtls-role.ts), so the agent's Chromium is the DTLS client and
 * the handshake is done before the agent answers. What reaches the phone is seen on the wire
 * (tests/lab/rtp-tap.ts): nothing before Answer, the agent's voice after.
 */
describe.skipIf(
  !kamailioDep.available || !rtpengineDep.available || !baresipDep.available || !chromiumDep.available || !tcpdumpDep.available,
)('connect while it rings, through the gateway: plain SIP phone ↔ kamailio + rtpengine ↔ Switchboard', () => {
  let rtpengine: Rtpengine;
  let kamailio: Kamailio;
  let browser: Browser;
  let app: LabApp;
  let phone: Baresip;
  let tap: RtpTap;

  beforeAll(async () => {
    rtpengine = new Rtpengine({ binary: rtpengineDep.binary, ngPort: 2223, portMin: RELAY_PORTS[0], portMax: RELAY_PORTS[1] });
    await rtpengine.start();
    kamailio = new Kamailio({
      binary: kamailioDep.binary,
      modulesDir: kamailioDep.modulesDir,
      config: 'gateway',
      rtpengineNg: rtpengine.ngSocket,
    });
    await kamailio.start();
    tap = new RtpTap(tcpdumpDep.binary, PHONE_RTP, { sipPort: PHONE_SIP, relayPorts: RELAY_PORTS });
    await tap.start();
    phone = new Baresip({
      binary: baresipDep.binary,
      modulesDir: baresipDep.modulesDir,
      user: '2001',
      registrarPort: 5060,
      sipPort: PHONE_SIP,
      ctrlPort: PHONE_SIP - 600,
      rtpPorts: PHONE_RTP,
      codecs: ['PCMU', 'PCMA'],
      toneHz: 440,
    });
    browser = await launchChromium(chromiumDep.path);
    await Promise.all([
      phone.start(),
      (async () => {
        // No dtlsRoleWhileRinging: the default (auto) is what is under test.
        app = await LabApp.start({ browser, settings: labSettings(kamailio.url, AGENT), password: 'unused' });
        await app.waitForRegistration('registered');
      })(),
    ]);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      console.error(`--- kamailio (tail) ---\n${kamailio?.log().slice(-5000)}\n--- rtpengine (tail) ---\n${rtpengine?.log().slice(-6000)}`);
    }
    if (phone?.running) await phone.hangup().catch(() => undefined);
    if (!app) return;
    for (const call of app.calls()) await app.command('telephony.hangup', { callId: call.id }).catch(() => undefined);
    await app.until(() => app.calls().length === 0, 'all agent calls to end');
    await app.until(async () => (await rtpengine.calls()).length === 0, 'rtpengine to have deleted every call');
  });

  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await tap?.stop();
    await phone?.stop();
    phone?.dispose();
    await kamailio?.stop();
    kamailio?.dispose();
    await rtpengine?.stop();
  });

  /** The phone calls the agent; resolves once it rings there, with the agent's call id and when the phone dialled. */
  async function phoneCallsAgent(): Promise<{ callId: string; dialedAt: number }> {
    const dialedAt = Date.now();
    const offered = app.nextOffer();
    await phone.dial(`sip:${AGENT}@127.0.0.1`);
    const callId = await offered;
    await app.until(() => app.call(callId)?.status === 'ringing-in', 'the call to ring');
    return { callId, dialedAt };
  }

  /**
   * ICE and DTLS done with rtpengine while it rings (DTLS needs the agent as the client: with the
   * passive role rtpengine would start it only once the 200 OK brings it the answer), then the
   * agent's side keeps its connection to the relay alive with STUN: two of those datagrams after
   * DTLS are a window in which anything the engine sent would have reached the phone.
   */
  async function connectedWhileRinging(callId: string): Promise<void> {
    await app.until(async () => (await app.inspect(callId)).connectionState === 'connected', 'ICE and DTLS with rtpengine while it rings');
    const connectedAt = Date.now();
    await app.until(() => tap.toRelaySince(connectedAt).length >= 2, "the agent's ICE keepalives to the relay after DTLS", 20_000);
  }

  it('connects while it rings, nothing reaches the phone before Answer, then the phone hears the agent', async () => {
    const { callId, dialedAt } = await phoneCallsAgent();
    await connectedWhileRinging(callId);
    expect(app.call(callId)?.status).toBe('ringing-in');
    // Silence on the wire: not one RTP datagram into the phone's ports, and the agent's engine sent none.
    expect(tap.rtpSince(dialedAt)).toEqual([]);
    expect((await app.inspect(callId)).stats?.packetsSent ?? 0).toBe(0);
    expect(tap.sipResponseAt(200, 'INVITE', dialedAt)).toBeNull();

    const answeredAt = Date.now();
    await app.command('telephony.answer', { callId });
    await app.until(() => app.call(callId)?.status === 'active', 'the call to be active');
    await app.until(() => tap.rtpSince(answeredAt).length >= HEARD_FRAMES, "the agent's audio at the phone's RTP port");
    await app.until(() => phone.heard().loudFrames >= HEARD_FRAMES, 'the phone to hear the agent (its decoded recording)');
    await app.untilHearing(callId, 'the agent to hear the phone');
    // The 200 OK carried the answer made while it rang.
    expect(app.logs.filter((r) => r.message === 'local description ready' && r.fields?.callId === callId).at(-1)?.fields).toMatchObject({
      madeWhileRinging: true,
    });
  });

  it('declined after connecting while it rang: the phone got no audio, the call is gone from rtpengine', async () => {
    const { callId, dialedAt } = await phoneCallsAgent();
    await connectedWhileRinging(callId);
    const since = phone.events.length;
    await app.command('telephony.reject', { callId });
    await app.until(() => phone.hasEvent('CALL_CLOSED', since), 'the phone to see the call refused');
    await app.until(async () => (await rtpengine.calls()).length === 0, 'rtpengine to delete the call');
    expect(tap.rtpSince(dialedAt)).toEqual([]);
    expect(app.ended.find((e) => e.callId === callId)?.endReason).toBe('rejected');
  });
});
