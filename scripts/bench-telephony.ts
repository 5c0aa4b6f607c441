// Telephony timings in the lab: a real kamailio (digest auth), Switchboard's
// core in this process with its media engine in Chromium (the real renderer
// build), and werift far ends. Run it inside a loopback-only network
// namespace (npm run bench:telephony does). Prints one line per figure, then
// one JSON object as the last line.
//
//   CALLS=20 REGISTRATIONS=20 npm run bench:telephony
//   RING_MS=2000 npm run bench:telephony   (every inbound call rings 2 s before Answer)
import { createSocket } from 'node:dgram';
import { telephonySettingsSchema, type TelephonySettings } from '../shared/telephony/settings';
import { LabApp, labSettings, launchChromium } from '../tests/lab/app';
import { FarEnd } from '../tests/lab/far-end';
import { Kamailio } from '../tests/lab/kamailio';
import { requireChromium, requireKamailio } from '../tests/support/system-deps';
import { ensureBuild } from './lib/ensure-build';

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

function percentile(values: number[], p: number, round = round1): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[index] ?? NaN);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function report(name: string, values: number[], round = round1): { p50: number; p95: number } {
  const p50 = percentile(values, 50, round);
  const p95 = percentile(values, 95, round);
  console.log(
    `${name.padEnd(36)} p50 ${String(p50).padStart(7)} ms   p95 ${String(p95).padStart(7)} ms   (n=${values.length}, min ${round(Math.min(...values))}, max ${round(Math.max(...values))})`,
  );
  return { p50, p95 };
}

/** One UDP datagram to a socket on 127.0.0.1 that echoes it, and back: the network part of any packet's trip here. */
async function udpRoundTrip(samples = 200): Promise<number[]> {
  const echo = createSocket('udp4');
  const client = createSocket('udp4');
  echo.on('message', (msg, rinfo) => echo.send(msg, rinfo.port, rinfo.address));
  await new Promise<void>((resolve) => echo.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => client.bind(0, '127.0.0.1', resolve));
  const port = echo.address().port;
  const once = () =>
    new Promise<number>((resolve) => {
      const started = performance.now();
      client.once('message', () => resolve(performance.now() - started));
      client.send(Buffer.alloc(172), port, '127.0.0.1'); // an RTP header and a 20 ms PCMU payload
    });
  try {
    for (let i = 0; i < 20; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < samples; i++) times.push(await once());
    return times;
  } finally {
    echo.close();
    client.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  ensureBuild('bench:telephony');
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
  let settings: TelephonySettings = telephonySettingsSchema.parse(labSettings(kamailio.url, '1001'));
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
