// bench:telephony --via gateway: answer → first audio as a real caller meets it. The caller is a
// plain SIP phone (baresip: UDP, RTP/AVP, PCMU) that reaches the agent through the lab's WebRTC
// gateway (kamailio + rtpengine, tests/lab/kamailio-gateway.cfg), the topology of a contact centre;
// the agent is Switchboard's core in this process with its media engine in Chromium. "First audio"
// is the first RTP datagram on its way into the phone's RTP port after the agent answered, by the
// kernel's capture time (tests/lab/rtp-tap.ts): what the phone receives, whatever it then does with it.
// VERBOSE=1 prints each call: how long it rang, the agent's ICE and media state at Answer, and when
// the 200 OK and the first audio reached the phone.
import { spawnSync } from 'node:child_process';
import type { DtlsRoleWhileRinging } from '../../shared/telephony/dtls-role';
import { telephonySettingsSchema } from '../../shared/telephony/settings';
import { LabApp, labSettings, launchChromium } from '../../tests/lab/app';
import { Baresip } from '../../tests/lab/baresip';
import { Kamailio } from '../../tests/lab/kamailio';
import { RtpTap } from '../../tests/lab/rtp-tap';
import { Rtpengine } from '../../tests/lab/rtpengine';
import { requireBaresip, requireChromium, requireKamailio, requireRtpengine, requireTcpdump } from '../../tests/support/system-deps';
import { report, round2, sleep, udpRoundTrip } from './telephony-bench-report';

export interface GatewayBenchOptions {
  calls: number;
  atOnceCalls: number;
  ringMs: number[];
  role: DtlsRoleWhileRinging;
}

const AGENT = '1001';
/** The caller's RTP ports: the tap watches these. */
const CALLER_RTP: [number, number] = [31000, 31049];
const CALLER_SIP = 5070;

export async function runGatewayBench(options: GatewayBenchOptions): Promise<void> {
  const deps = {
    kamailio: requireKamailio(),
    rtpengine: requireRtpengine(),
    baresip: requireBaresip(),
    chromium: requireChromium(),
    tcpdump: requireTcpdump(),
  };
  const missing = Object.values(deps).filter((d) => !d.available);
  if (missing.length > 0) {
    console.error(`bench:telephony --via gateway needs ${missing.map((d) => d.name).join(', ')} (see README).`);
    process.exit(1);
  }
  if (process.env.SWITCHBOARD_IN_NETNS !== '1') console.warn('note: not in a network namespace; figures include the host network stack.');

  const rtpengine = new Rtpengine({ binary: deps.rtpengine.binary, ngPort: 2223, portMin: 30000, portMax: 30199 });
  await rtpengine.start();
  const kamailio = new Kamailio({
    binary: deps.kamailio.binary,
    modulesDir: deps.kamailio.modulesDir,
    config: 'gateway',
    rtpengineNg: rtpengine.ngSocket,
  });
  await kamailio.start();
  const caller = new Baresip({
    binary: deps.baresip.binary,
    modulesDir: deps.baresip.modulesDir,
    user: '2001',
    registrarPort: 5060,
    sipPort: CALLER_SIP,
    ctrlPort: 4470,
    rtpPorts: CALLER_RTP,
    codecs: ['PCMU', 'PCMA'],
    toneHz: 440,
  });
  const tap = new RtpTap(deps.tcpdump.binary, CALLER_RTP, { sipPort: CALLER_SIP });
  const browser = await launchChromium(deps.chromium.path);
  let app: LabApp | null = null;
  try {
    await tap.start();
    await caller.start();
    const settings = telephonySettingsSchema.parse(labSettings(kamailio.url, AGENT, { dtlsRoleWhileRinging: options.role }));
    // The gateway does no digest auth (kamailio-gateway.cfg): the password is never asked for.
    app = await LabApp.start({ browser, settings, password: 'unused' });
    await app.waitForRegistration('registered');
    const lab = app;

    const answerToAudio: number[] = [];
    const answerToEstablished: number[] = [];
    const establishedToAudio: number[] = [];
    const atOnceToAudio: number[] = [];
    const packetIntervals: number[] = [];
    /** Calls whose media (ICE and DTLS) was connected at the agent when the agent answered. */
    let connectedAtAnswer = 0;
    let earlyPackets = 0;
    for (let i = 0; i < options.calls + options.atOnceCalls; i++) {
      const atOnce = i >= options.calls;
      const since = caller.events.length;
      const dialedAt = Date.now();
      const offered = lab.nextOffer();
      await caller.dial(`sip:${AGENT}@127.0.0.1`);
      const callId = await offered;
      const ringMs = atOnce ? 0 : (options.ringMs[i % options.ringMs.length] ?? 0);
      let stateAtAnswer = 'at once';
      if (!atOnce) {
        await sleep(ringMs);
        const inspected = await lab.inspect(callId);
        stateAtAnswer = `ICE ${inspected.iceConnectionState}, media ${inspected.connectionState}`;
        if (inspected.connectionState === 'connected') connectedAtAnswer += 1;
      }
      // Nothing may reach the caller before the agent answers (docs/architecture.md, "While it rings").
      earlyPackets += tap.rtpSince(dialedAt).length;
      const answeredAt = Date.now();
      await lab.command('telephony.answer', { callId });
      await lab.until(() => caller.hasEvent('CALL_ESTABLISHED', since), 'the caller to take the call (CALL_ESTABLISHED)');
      await lab.until(() => tap.sipResponseAt(200, 'INVITE', answeredAt) !== null, 'the 200 OK at the caller');
      await lab.until(() => tap.rtpSince(answeredAt).length > 0, 'the first audio packet at the caller');
      const first = tap.rtpSince(answeredAt)[0];
      const establishedAt = tap.sipResponseAt(200, 'INVITE', answeredAt);
      if (!first || establishedAt === null) throw new Error('unreachable');
      if (process.env.VERBOSE === '1')
        console.log(
          `call ${i + 1}: rang ${ringMs} ms (${stateAtAnswer}); 200 OK at the caller +${Math.round(establishedAt - answeredAt)} ms, first audio +${Math.round(first.at - answeredAt)} ms`,
        );
      if (atOnce) atOnceToAudio.push(first.at - answeredAt);
      else {
        answerToAudio.push(first.at - answeredAt);
        answerToEstablished.push(establishedAt - answeredAt);
        establishedToAudio.push(first.at - establishedAt);
        // The sender's packetisation interval, as the caller receives it: over its first second.
        await lab.until(() => tap.rtpSince(answeredAt, first.toPort).length >= 51, 'a second of audio at the caller');
        const second = tap.rtpSince(answeredAt, first.toPort).slice(0, 51);
        packetIntervals.push(((second.at(-1)?.at ?? first.at) - first.at) / (second.length - 1));
      }
      const hangupSince = caller.events.length;
      await caller.hangup();
      await lab.until(() => caller.hasEvent('CALL_CLOSED', hangupSince), 'the caller to hang up');
      await lab.until(() => lab.calls().length === 0, 'the agent to see the call end');
      await lab.until(async () => (await rtpengine.calls()).length === 0, 'rtpengine to delete the call');
    }
    if (earlyPackets > 0) throw new Error(`${earlyPackets} RTP packets reached the caller before the agent answered`);
    const udp = await udpRoundTrip();

    console.log(
      `telephony gateway bench: ${options.calls} inbound calls from a plain SIP phone (baresip, PCMU) through kamailio + rtpengine ${rtpengineVersion()}, DTLS role while ringing: ${options.role}`,
    );
    const ans = report('answer → first audio packet', answerToAudio);
    const est = report('answer → the 200 OK at the caller', answerToEstablished);
    // Negative when the audio overtakes the 200 OK: the media path does not go through the SIP proxy.
    const rest = report('  first audio packet − 200 OK', establishedToAudio);
    console.log(`media connected (ICE + DTLS) at the agent when it answered: ${connectedAtAnswer} of ${options.calls} calls`);
    const atOnce = report('answer at once → first audio packet', atOnceToAudio);
    const interval = report('floor: packetisation interval', packetIntervals);
    const rtt = report('floor: loopback UDP round trip', udp, round2);
    const ratio = (figure: number) => Math.round((figure / interval.p50) * 10) / 10;
    console.log(
      `answer → first audio packet is ${ratio(ans.p50)}× (p50) / ${ratio(ans.p95)}× (p95) the packetisation interval; rang ${options.ringMs.join('/')} ms before Answer`,
    );
    console.log(
      JSON.stringify({
        via: 'gateway',
        dtls_role_while_ringing: options.role,
        answer_to_audio_ms_p50: ans.p50,
        answer_to_audio_ms_p95: ans.p95,
        answer_to_established_ms_p50: est.p50,
        answer_to_established_ms_p95: est.p95,
        established_to_audio_ms_p50: rest.p50,
        media_connected_at_answer: connectedAtAnswer,
        answer_at_once_to_audio_ms_p50: atOnce.p50,
        answer_at_once_to_audio_ms_p95: atOnce.p95,
        floor_packet_interval_ms_p50: interval.p50,
        floor_udp_round_trip_ms_p50: rtt.p50,
        answer_to_audio_floor_ratio_p50: ratio(ans.p50),
        ring_ms: options.ringMs,
        calls: options.calls,
        at_once_calls: options.atOnceCalls,
        netns: process.env.SWITCHBOARD_IN_NETNS === '1',
      }),
    );
  } catch (error) {
    console.error(
      `--- SIP to the caller, as tapped ---\n${JSON.stringify(tap.packets.filter((p) => p.sip).slice(-10))}\n${JSON.stringify([...new Set(tap.packets.map((p) => `${p.fromPort}>${p.toPort}`))].slice(0, 30))}`,
    );
    console.error(`--- kamailio (tail) ---\n${kamailio.log().slice(-4000)}\n--- rtpengine (tail) ---\n${rtpengine.log().slice(-6000)}`);
    throw error;
  } finally {
    await app?.close();
    await browser.close();
    await tap.stop();
    await caller.stop();
    caller.dispose();
    await kamailio.stop();
    kamailio.dispose();
    await rtpengine.stop();
  }

  function rtpengineVersion(): string {
    const out = spawnSync(deps.rtpengine.binary, ['--version'], { encoding: 'utf8' });
    return /Version:\s*(\S+)/.exec(`${out.stdout}${out.stderr}`)?.[1] ?? '(version unknown)';
  }
}
