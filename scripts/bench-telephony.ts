// Telephony timings in the lab: a real kamailio (digest auth), Switchboard's
// core in this process with its media engine in Chromium (the real renderer
// build), and werift far ends. Run it inside a loopback-only network
// namespace (npm run bench:telephony does). Prints one line per figure, then
// one JSON object as the last line.
//
//   CALLS=20 REGISTRATIONS=20 npm run bench:telephony
//   RING_MS=2000 npm run bench:telephony   (every inbound call rings 2 s before Answer)
//   npm run bench:telephony -- --via gateway   (a plain SIP phone through kamailio + rtpengine:
//                                               scripts/lib/telephony-gateway-bench.ts)
//   npm run bench:telephony -- --role active   (the DTLS role while it rings: auto, active, passive)
import { telephonySettingsSchema, type TelephonySettings } from '../shared/telephony/settings';
import { LabApp, labSettings, launchChromium } from '../tests/lab/app';
import { FarEnd } from '../tests/lab/far-end';
import { Kamailio } from '../tests/lab/kamailio';
import { requireChromium, requireKamailio } from '../tests/support/system-deps';
import { ensureBuild } from './lib/ensure-build';
import { report, round2, sleep, udpRoundTrip } from './lib/telephony-bench-report';
import { runGatewayBench } from './lib/telephony-gateway-bench';
import { DTLS_ROLES_WHILE_RINGING, type DtlsRoleWhileRinging } from '../shared/telephony/dtls-role';

const CALLS = Number(process.env.CALLS ?? 20);
const REGISTRATIONS = Number(process.env.REGISTRATIONS ?? 20);
/**
 * How long each inbound call rings before the agent answers. An agent takes seconds, and the
 * engine connects while it rings (docs/architecture.md, "While it rings"), so answering at once
 * would measure a race nobody runs. The spread is not a power of two of 50 ms, so a peer that
 * backs off its retransmissions while it rings cannot hide between the samples.
 */
const RING_MS = process.env.RING_MS === undefined ? [800, 1_300, 2_100, 3_400] : [Number(process.env.RING_MS)];
/** Calls answered the moment they are offered: the engine is still preparing (the late path). */
const AT_ONCE_CALLS = Number(process.env.AT_ONCE_CALLS ?? 5);

/** `--name value` from the command line, one of `allowed`; a bad value stops the bench with the choices. */
function option<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = process.argv[at + 1];
  if (!allowed.includes(value as T)) {
    console.error(`bench:telephony: --${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value ?? null)})`);
    process.exit(2);
  }
  return value as T;
}

const VIA = option('via', ['werift', 'gateway'] as const, 'werift');
const ROLE: DtlsRoleWhileRinging = option('role', DTLS_ROLES_WHILE_RINGING, 'auto');

async function main(): Promise<void> {
  ensureBuild('bench:telephony');
  if (VIA === 'gateway') {
    await runGatewayBench({ calls: CALLS, atOnceCalls: AT_ONCE_CALLS, ringMs: RING_MS, role: ROLE });
    return;
  }
  const kamailioDep = requireKamailio();
  const chromiumDep = requireChromium();
  if (!kamailioDep.available || !chromiumDep.available) {
    console.error('bench:telephony needs kamailio and Chromium (see README).');
    process.exit(1);
  }
  if (process.env.SWITCHBOARD_IN_NETNS !== '1') console.warn('note: not in a network namespace; figures include the host network stack.');

  const kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  await kamailio.start();
  const browser = await launchChromium(chromiumDep.path);
  let settings: TelephonySettings = telephonySettingsSchema.parse(labSettings(kamailio.url, '1001', { dtlsRoleWhileRinging: ROLE }));
  const app = await LabApp.start({ browser, settings, password: 'secret-1001' });
  const customer = new FarEnd({ user: '2001', server: kamailio.url, autoAnswerMs: 0 });
  await customer.start();
  await app.waitForRegistration('registered');

  try {
    // ---- REGISTER round trip: REGISTER sent (challenged with 401, sent again with credentials) → 200 OK.
    const register: number[] = [];
    const connectAndRegister: number[] = [];
    for (let i = 0; i < REGISTRATIONS; i++) {
      const from = app.registrations.length;
      // A new registration interval is a new connection: the UserAgent restarts and registers afresh.
      settings = { ...settings, registerExpiresSec: settings.registerExpiresSec === 300 ? 301 : 300 };
      await app.core.telephony.applySettings(settings);
      await app.until(() => app.registrations.slice(from).some((s) => s.status === 'registered'), 'registered');
      const states = app.registrations.slice(from);
      const connecting = states.find((s) => s.status === 'connecting');
      const registering = states.find((s) => s.status === 'registering');
      const registered = states.find((s) => s.status === 'registered');
      if (!registering || !registered || !connecting) throw new Error('missing registration states');
      register.push(registered.since - registering.since);
      connectAndRegister.push(registered.since - connecting.since);
    }

    // ---- Outbound: dial → call established at the agent (far end answers at once).
    const inviteToEstablished: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const started = performance.now();
      const { callId } = await app.command('telephony.dial', { target: '2001' });
      await app.until(() => app.call(callId)?.status === 'active', 'established');
      inviteToEstablished.push(Math.round(performance.now() - started));
      await app.command('telephony.hangup', { callId });
      await app.until(() => app.calls().length === 0, 'hung up');
    }

    // ---- Inbound: the call rings, the agent answers → first audio packet from the agent reaches the customer.
    const answerToAudio: number[] = [];
    const answerToEstablished: number[] = [];
    const atOnceToAudio: number[] = [];
    const packetIntervals: number[] = [];
    const establishedToIce: number[] = [];
    const iceToDtls: number[] = [];
    const dtlsToAudio: number[] = [];
    for (let i = 0; i < CALLS + AT_ONCE_CALLS; i++) {
      const atOnce = i >= CALLS;
      const offered = app.nextOffer();
      const far = await customer.call('1001');
      const callId = await offered;
      if (!atOnce) await sleep(RING_MS[i % RING_MS.length] ?? 0);
      if ((far.media?.stats.packets ?? 0) > 0) throw new Error('the customer received audio before the agent answered');
      // When the customer's media connected: ICE, then DTLS (werift's connection state).
      let iceAt: number | null = null;
      let dtlsAt: number | null = null;
      far.media?.pc.iceConnectionStateChange.subscribe((state) => {
        if (state === 'connected' || state === 'completed') iceAt ??= Date.now();
      });
      far.media?.pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected') dtlsAt ??= Date.now();
      });
      const answeredAt = Date.now();
      await app.command('telephony.answer', { callId });
      await far.established;
      // firstPacketAt starts as null (not undefined): wait for a real timestamp.
      await app.until(() => typeof far.media?.stats.firstPacketAt === 'number', 'first audio at the customer');
      const firstAt = far.media?.stats.firstPacketAt ?? 0;
      if (atOnce) atOnceToAudio.push(firstAt - answeredAt);
      else {
        answerToAudio.push(firstAt - answeredAt);
        const establishedAt = far.establishedAt ?? Date.now();
        answerToEstablished.push(establishedAt - answeredAt);
        if (iceAt !== null && dtlsAt !== null) {
          establishedToIce.push(iceAt - establishedAt);
          iceToDtls.push(dtlsAt - iceAt);
          dtlsToAudio.push(firstAt - dtlsAt);
        }
        // The sender's packetisation interval, as the customer receives it.
        await app.until(() => (far.media?.stats.packets ?? 0) >= 26, 'a second of audio at the customer');
        const media = far.media;
        if (media) packetIntervals.push((Date.now() - firstAt) / (media.stats.packets - 1));
      }
      await far.hangup();
      await app.until(() => app.calls().length === 0, 'hung up');
    }
    const udp = await udpRoundTrip();

    const gathering = app.logs
      .filter((r) => r.message === 'local description ready')
      .map((r) => ({ ms: Number(r.fields?.gatheringMs), ended: String(r.fields?.ended) }));

    console.log(
      `telephony lab bench: ${REGISTRATIONS} registrations, ${CALLS} outbound and ${CALLS} inbound calls; kamailio ${kamailio.url} with digest auth`,
    );
    const reg = report('register round trip (401 + 200)', register);
    const conn = report('connect + register', connectAndRegister);
    const inv = report('dial → established (outbound)', inviteToEstablished);
    const ans = report('answer → first audio packet', answerToAudio);
    // Where the answer's time goes, at the customer: the 200 OK, its ICE, its DTLS, the first packet.
    const ansEst = report('  of which the 200 OK at the customer', answerToEstablished);
    const seg = {
      ice: report('  then its ICE connected', establishedToIce),
      dtls: report('  then its DTLS connected', iceToDtls),
      audio: report('  then the first audio packet', dtlsToAudio),
    };
    const atOnce = report('answer at once → first audio packet', atOnceToAudio);
    const ice = report(
      'ICE gathering before SDP',
      gathering.map((g) => g.ms),
    );
    const endedBy = gathering.reduce<Record<string, number>>((acc, g) => ({ ...acc, [g.ended]: (acc[g.ended] ?? 0) + 1 }), {});
    console.log(
      `ICE wait ended by: ${JSON.stringify(endedBy)} (policy: send once host candidates are in, see shared/telephony/ice-policy.ts)`,
    );
    // The floor under "answer → first audio packet": once the agent clicks, the first packet cannot
    // leave before the sender has filled one packetisation interval of audio; the loopback trip of
    // that packet is two orders of magnitude smaller.
    const interval = report('floor: packetisation interval', packetIntervals);
    const rtt = report('floor: loopback UDP round trip', udp, round2);
    const ratio = (figure: number) => Math.round((figure / interval.p50) * 10) / 10;
    console.log(
      `answer → first audio packet is ${ratio(ans.p50)}× (p50) / ${ratio(ans.p95)}× (p95) the packetisation interval; rang ${RING_MS.join('/')} ms before Answer`,
    );
    console.log(
      JSON.stringify({
        register_ms_p50: reg.p50,
        register_ms_p95: reg.p95,
        connect_register_ms_p50: conn.p50,
        invite_to_established_ms_p50: inv.p50,
        invite_to_established_ms_p95: inv.p95,
        answer_to_audio_ms_p50: ans.p50,
        answer_to_audio_ms_p95: ans.p95,
        answer_to_established_ms_p50: ansEst.p50,
        established_to_ice_ms_p50: seg.ice.p50,
        ice_to_dtls_ms_p50: seg.dtls.p50,
        dtls_to_audio_ms_p50: seg.audio.p50,
        answer_at_once_to_audio_ms_p50: atOnce.p50,
        answer_at_once_to_audio_ms_p95: atOnce.p95,
        floor_packet_interval_ms_p50: interval.p50,
        floor_udp_round_trip_ms_p50: rtt.p50,
        answer_to_audio_floor_ratio_p50: ratio(ans.p50),
        ring_ms: RING_MS,
        via: VIA,
        dtls_role_while_ringing: ROLE,
        ice_gathering_ms_p50: ice.p50,
        ice_gathering_ms_p95: ice.p95,
        calls: CALLS,
        at_once_calls: AT_ONCE_CALLS,
        registrations: REGISTRATIONS,
        netns: process.env.SWITCHBOARD_IN_NETNS === '1',
      }),
    );
  } finally {
    await customer.stop();
    await app.close();
    await browser.close();
    await kamailio.stop();
    kamailio.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
