// Telephony timings in the lab: a real kamailio (digest auth), Switchboard's
// core in this process with its media engine in Chromium (the real renderer
// build), and werift far ends. Run it inside a loopback-only network
// namespace (npm run bench:telephony does). Prints one line per figure, then
// one JSON object as the last line.
//
//   CALLS=20 REGISTRATIONS=20 npm run bench:telephony
import { telephonySettingsSchema, type TelephonySettings } from '../shared/telephony/settings';
import { LabApp, labSettings, launchChromium } from '../tests/lab/app';
import { FarEnd } from '../tests/lab/far-end';
import { Kamailio } from '../tests/lab/kamailio';
import { requireChromium, requireKamailio } from '../tests/support/system-deps';
import { ensureBuild } from './lib/ensure-build';

const CALLS = Number(process.env.CALLS ?? 20);
const REGISTRATIONS = Number(process.env.REGISTRATIONS ?? 20);

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? NaN) * 10) / 10;
}

function report(name: string, values: number[]): { p50: number; p95: number } {
  const p50 = percentile(values, 50);
  const p95 = percentile(values, 95);
  console.log(
    `${name.padEnd(34)} p50 ${String(p50).padStart(7)} ms   p95 ${String(p95).padStart(7)} ms   (n=${values.length}, min ${Math.min(...values)}, max ${Math.max(...values)})`,
  );
  return { p50, p95 };
}

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

    // ---- Inbound: agent answers → first audio packet from the agent reaches the customer.
    const answerToAudio: number[] = [];
    const answerToEstablished: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const offered = app.nextOffer();
      const far = await customer.call('1001');
      const callId = await offered;
      const answeredAt = Date.now();
      await app.command('telephony.answer', { callId });
      await far.established;
      answerToEstablished.push((far.establishedAt ?? Date.now()) - answeredAt);
      // firstPacketAt starts as null (not undefined): wait for a real timestamp.
      await app.until(() => typeof far.media?.stats.firstPacketAt === 'number', 'first audio at the customer');
      answerToAudio.push((far.media?.stats.firstPacketAt ?? 0) - answeredAt);
      await far.hangup();
      await app.until(() => app.calls().length === 0, 'hung up');
    }

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
    const ansEst = report('answer → far end established', answerToEstablished);
    const ice = report(
      'ICE gathering before SDP',
      gathering.map((g) => g.ms),
    );
    const endedBy = gathering.reduce<Record<string, number>>((acc, g) => ({ ...acc, [g.ended]: (acc[g.ended] ?? 0) + 1 }), {});
    console.log(
      `ICE wait ended by: ${JSON.stringify(endedBy)} (policy: send once host candidates are in, see shared/telephony/ice-policy.ts)`,
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
        ice_gathering_ms_p50: ice.p50,
        ice_gathering_ms_p95: ice.p95,
        calls: CALLS,
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
