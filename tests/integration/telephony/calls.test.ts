import type { Browser } from 'playwright-core';
import type { Invitation, Inviter } from 'sip.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { telephonySettingsSchema, type TelephonySettings } from '../../../shared/telephony/settings';
import { requireChromium, requireKamailio } from '../../support/system-deps';
import { LabApp, labSettings, launchChromium } from '../../lab/app';
import { FarEnd, type FarEndCall } from '../../lab/far-end';
import { Kamailio } from '../../lab/kamailio';
import { englishOf } from '../../../shared/text/user-text';

const kamailioDep = requireKamailio();
const chromiumDep = requireChromium();

/**
 * Calls through a real kamailio (digest auth), with Switchboard's media in the
 * real renderer in Chromium and scripted customers on werift. One kamailio,
 * one Chromium and one agent for the whole file; each test leaves no call up.
 */
describe.skipIf(!kamailioDep.available || !chromiumDep.available)('calls: real kamailio, Chromium media engine, werift far ends', () => {
  let kamailio: Kamailio;
  let browser: Browser;
  let app: LabApp;
  let customer: FarEnd;
  let customer2: FarEnd;
  let supervisor: FarEnd;
  let settings: TelephonySettings;

  beforeAll(async () => {
    kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
    await kamailio.start();
    browser = await launchChromium(chromiumDep.path);
    settings = telephonySettingsSchema.parse(labSettings(kamailio.url, '1001'));
    app = await LabApp.start({ browser, settings, password: 'secret-1001' });
    await app.waitForRegistration('registered');
    customer = new FarEnd({ user: '2001', server: kamailio.url });
    customer2 = new FarEnd({ user: '2002', server: kamailio.url });
    supervisor = new FarEnd({ user: '3001', server: kamailio.url, autoAnswerMs: 50 });
    await Promise.all([customer.start(), customer2.start(), supervisor.start()]);
  });

  afterEach(async () => {
    // No test may leave a call up for the next one.
    for (const call of app.calls()) await app.command('telephony.hangup', { callId: call.id }).catch(() => undefined);
    await app.until(() => app.calls().length === 0, 'all calls to end');
    customer.refuseReinvites = false;
    customer.ackDelayMs = 0;
    customer.reinviteAnswerDelayMs = 0;
    await app.core.telephony.applySettings(settings);
  });

  afterAll(async () => {
    await Promise.all([customer?.stop(), customer2?.stop(), supervisor?.stop()]);
    await app?.close();
    await browser?.close();
    await kamailio?.stop();
    kamailio?.dispose();
  });

  async function callFromCustomer(from: FarEnd = customer): Promise<{ callId: string; far: FarEndCall }> {
    const offered = app.nextOffer();
    const far = await from.call('1001');
    return { callId: await offered, far };
  }

  async function answeredCall(): Promise<{ callId: string; far: FarEndCall }> {
    const { callId, far } = await callFromCustomer();
    await app.command('telephony.answer', { callId });
    await far.established;
    await app.until(() => app.call(callId)?.status === 'active', 'the call to be active');
    return { callId, far };
  }

  it('inbound: rings with caller details, answers, carries audio both ways, ends with a call-log summary', async () => {
    const offers: { number: string; displayName: string | null; waiting: boolean }[] = [];
    const off = app.core.telephony.events.on('callOffered', (o) => offers.push(o));
    // The agent is in another application (the page reported focus when it connected: Playwright tells every page it has it).
    app.platform.focused = false;
    const { callId, far } = await callFromCustomer();
    off();
    expect(offers).toEqual([expect.objectContaining({ number: '2001', displayName: 'Customer 2001', waiting: false })]);
    expect(app.call(callId)).toMatchObject({ status: 'ringing-in', direction: 'inbound' });
    expect(app.platform.notifications.at(-1)).toMatchObject({ title: 'Incoming call', body: 'Customer 2001 · 2001' });
    expect(app.platform.focusCount).toBeGreaterThan(0);

    await app.command('telephony.answer', { callId });
    await far.established;
    await app.until(() => app.call(callId)?.status === 'active', 'the call to be active');
    await app.expectAudioBothWays(callId, far);
    // Quality readings are the media engine's own, every 2 s while the call is up, shown in the phone bar.
    const reading = app.page!.getByRole('region', { name: 'Phone' }).getByLabel(/^Call quality: /);
    await reading.waitFor({ timeout: 6_000 });
    // As main's readings were checked before: MOS above 4 and nothing lost.
    expect(await reading.getAttribute('aria-label')).toMatch(/^Call quality: Good, MOS 4\.\d · jitter \d+ ms · loss 0 %/);

    await far.hangup();
    await app.until(() => app.ended.some((e) => e.callId === callId), 'the call-ended event');
    const ended = app.ended.find((e) => e.callId === callId);
    expect(ended).toMatchObject({ direction: 'inbound', remoteNumber: '2001', endReason: 'remote-hangup', holdSeconds: 0 });
    expect(ended?.talkSeconds).toBeGreaterThan(0);
    expect(ended?.quality.samples).toBeGreaterThan(0);
    expect(ended?.quality.mosAvg).toBeGreaterThan(4);
    // The engine's last readings reach the diagnostics zip's calls.json with the number masked.
    const recent = app.core.diagnostics.recentCalls.list().find((c) => c.callId === callId);
    expect(recent).toMatchObject({ remote: '…01', endReason: 'remote-hangup' });
    expect(recent?.samples.length).toBeGreaterThan(0);
    expect(recent?.samples.map((s) => s.at)).toEqual([...(recent?.samples ?? [])].map((s) => s.at).sort((a, b) => a - b));
  });

  it('outbound: dials an extension, the far end answers, audio flows both ways; agent hangs up', async () => {
    const incoming = customer.nextIncoming();
    const { callId, dialled } = await app.command('telephony.dial', { target: '2001' });
    expect(dialled).toBe('2001');
    const far = await incoming;
    await app.until(() => app.call(callId)?.status === 'ringing-out', 'ringing at the far end');
    await far.answer();
    await app.until(() => app.call(callId)?.status === 'active', 'the call to be active');
    await app.expectAudioBothWays(callId, far);
    await app.command('telephony.hangup', { callId });
    await far.terminated;
    expect(app.ended.find((e) => e.callId === callId)).toMatchObject({ direction: 'outbound', endReason: 'local-hangup' });
  });

  it("outbound early media: the far end's 183 with SDP (a PSTN announcement or its ringback) is heard before it answers", async () => {
    const incoming = customer.nextIncoming();
    const { callId } = await app.command('telephony.dial', { target: '2001' });
    const far = await incoming;
    // A 183 Session Progress carrying the far end's answer: its tone plays before any 200 OK.
    await (far.session as Invitation).progress({ statusCode: 183 });
    await app.untilHearing(callId, 'the agent to hear the early media');
    expect(app.call(callId)).toMatchObject({ status: 'ringing-out', answeredAt: null });
    await far.answer();
    await app.until(() => app.call(callId)?.status === 'active', 'the call to be active');
    await app.expectAudioBothWays(callId, far);
    await app.command('telephony.hangup', { callId });
    await far.terminated;
  });

  it('outbound: national numbers are dialled in E.164, and a number nobody has ends as "not found"', async () => {
    const { callId, dialled } = await app.command('telephony.dial', { target: '020 7946 0018' });
    expect(dialled).toBe('+442079460018');
    await app.until(() => app.ended.some((e) => e.callId === callId), 'the call to fail');
    expect(app.ended.find((e) => e.callId === callId)).toMatchObject({ endReason: 'not-found', endCode: 404 });
    const { entries } = await app.command('telephony.getSipTrace', {});
    expect(entries.some((e) => e.direction === 'out' && e.firstLine === 'INVITE sip:+442079460018@127.0.0.1 SIP/2.0')).toBe(true);
    // Digest credentials never appear in the trace.
    expect(entries.every((e) => e.headers.every((h) => !/^(proxy-)?authorization:/i.test(h)))).toBe(true);
    await expect(app.command('telephony.dial', { target: 'call mum' })).rejects.toMatchObject({ code: 'invalid-payload' });
  });

  it('hold and resume follow the far end: sendonly/recvonly while held, sendrecv after', async () => {
    const { callId, far } = await answeredCall();
    await app.command('telephony.hold', { callId });
    expect(app.call(callId)?.status).toBe('held');
    expect((await app.inspect(callId)).transceivers[0]?.currentDirection).toBe('sendonly');
    expect(far.media?.transceiverDirections.currentDirection).toBe('recvonly');
    // Hold is a direction, not silence (docs/telephony-lab.md): the holder's RTP keeps reaching the far end.
    const farBefore = far.media?.stats.packets ?? 0;
    await app.until(() => (far.media?.stats.packets ?? 0) > farBefore + 10, 'RTP from the holder to continue');

    await app.command('telephony.resume', { callId });
    expect(app.call(callId)?.status).toBe('active');
    expect((await app.inspect(callId)).transceivers[0]?.currentDirection).toBe('sendrecv');
    expect(far.media?.transceiverDirections.currentDirection).toBe('sendrecv');
    const before = far.media?.stats.packets ?? 0;
    await app.until(() => (far.media?.stats.packets ?? 0) > before + 10, 'audio to the far end after resume');
    await app.command('telephony.hangup', { callId });
    expect(app.ended.find((e) => e.callId === callId)?.holdSeconds).toBeGreaterThan(0);
  });

  it('the offer main hands the engine while it rings is ignored once the Answer has applied it (a late copy would renegotiate the call)', async () => {
    const { callId, far } = await answeredCall();
    // What a busy machine can produce: main's early look at the offer reaching the engine after
    // the answer. It must leave the answered connection alone, and hold must still work.
    const offer = (far.session as Inviter).body?.body;
    expect(offer).toBeTruthy();
    await app.core.bridge.requestMedia('telephony.media.setDescription', {
      callId,
      sdp: offer ?? '',
      config: { iceServers: [], iceGatheringTimeoutMs: 1_000, muted: false },
      whileRinging: true,
    });
    expect((await app.inspect(callId)).signalingState).toBe('stable');
    await app.command('telephony.hold', { callId });
    expect(app.call(callId)?.status).toBe('held');
    await app.command('telephony.hangup', { callId });
  });

  it('a hold the far end refuses (488) leaves the call shown as not held', async () => {
    const { callId, far } = await answeredCall();
    far.refuseReinvites = true;
    await expect(app.command('telephony.hold', { callId })).rejects.toMatchObject({ code: 'conflict' });
    const call = app.call(callId);
    expect(call, app.story(callId)).toMatchObject({ status: 'active', holdPending: null });
    expect(call?.problem).toEqual({ key: 'telephony.hold.refusedWithCode.hold', values: { code: 488 } });
    expect(englishOf(call!.problem!)).toBe('The other side refused to hold the call (488).');
    const media = await app.inspect(callId);
    expect(media.signalingState).toBe('stable');
    expect(media.transceivers[0]).toMatchObject({ direction: 'sendrecv', currentDirection: 'sendrecv' });
    // Audio still flows both ways.
    const before = far.media?.stats.packets ?? 0;
    await app.until(() => (far.media?.stats.packets ?? 0) > before + 10, 'audio to keep flowing');
  });

  it("hold right after answering, before the caller's ACK arrives (a slow VPN), holds the call instead of dropping it", async () => {
    // The ACK is still on its way when the re-INVITE would go out, and the far end is slow to
    // answer that re-INVITE: an ACK landing while our hold offer is pending would end the call.
    customer.ackDelayMs = 300;
    customer.reinviteAnswerDelayMs = 600;
    const { callId, far } = await callFromCustomer();
    await app.command('telephony.answer', { callId });
    await far.established;
    const holding = app.command('telephony.hold', { callId });
    expect(app.call(callId)).toMatchObject({ status: 'active', holdPending: 'hold' });
    await holding;
    expect(app.call(callId), app.story(callId)).toMatchObject({ status: 'held', holdPending: null, problem: null });
    expect(far.media?.transceiverDirections.currentDirection).toBe('recvonly');
    expect(far.state).toBe('Established');
    await app.command('telephony.resume', { callId });
    expect(app.call(callId)).toMatchObject({ status: 'active', holdPending: null });
  });

  it('DTMF: RFC 4733 telephone-events reach the far end; SIP INFO when selected', async () => {
    const { callId, far } = await answeredCall();
    expect(await app.command('telephony.sendDtmf', { callId, tones: '159#' })).toEqual({ sentAs: 'rfc4733' });
    await app.until(() => far.media?.stats.dtmf === '159#', 'the far end to see 1, 5, 9, # as telephone-events');
    expect(far.infos).toEqual([]);

    await app.core.telephony.applySettings({ ...settings, dtmfMode: 'info' });
    expect(await app.command('telephony.sendDtmf', { callId, tones: '5*' })).toEqual({ sentAs: 'info' });
    await app.until(() => far.infos.length === 2, 'two SIP INFO requests');
    expect(far.infos).toEqual(['Signal=5\r\nDuration=120', 'Signal=*\r\nDuration=120']);
    await expect(app.command('telephony.sendDtmf', { callId, tones: '12x' })).rejects.toMatchObject({ code: 'invalid-payload' });
  });

  it('blind transfer: the customer reaches the third party, with audio, and the agent is free', async () => {
    const { callId, far } = await answeredCall();
    const toSupervisor = supervisor.nextIncoming();
    await app.command('telephony.blindTransfer', { callId, target: '3001' });
    const transferred = await toSupervisor;
    expect(transferred.remoteUser).toBe('2001');
    await transferred.established;
    const customerLeg = customer.calls.at(-1);
    expect(customerLeg).toBeDefined();
    await app.until(
      () => (transferred.media?.stats.energy ?? 0) > 0 && (customerLeg?.media?.stats.energy ?? 0) > 0,
      'audio between customer and third party',
    );
    await app.until(() => app.ended.some((e) => e.callId === callId), 'the agent leg to end');
    expect(app.ended.find((e) => e.callId === callId)).toMatchObject({ endReason: 'transferred', transferredTo: '3001' });
    await far.terminated;
    await transferred.hangup();
  });

  it('attended transfer: consult the third party, then join them to the customer (REFER with Replaces)', async () => {
    const { callId } = await answeredCall();
    const toSupervisor = supervisor.nextIncoming();
    const { callId: consultId } = await app.command('telephony.consult', { callId, target: '3001' });
    expect(app.call(callId)?.status).toBe('held');
    const consultLeg = await toSupervisor;
    await consultLeg.established;
    await app.until(() => app.call(consultId)?.status === 'active', 'the consultation to connect');
    expect(app.call(consultId)?.consultFor).toBe(callId);
    await app.expectAudioBothWays(consultId, consultLeg);

    const replacing = supervisor.nextIncoming();
    await app.command('telephony.completeTransfer', { callId, consultCallId: consultId });
    const joined = await replacing;
    await joined.established;
    expect(joined.remoteUser).toBe('2001');
    const customerLeg = customer.calls.at(-1);
    await app.until(
      () => (joined.media?.stats.energy ?? 0) > 0 && (customerLeg?.media?.stats.energy ?? 0) > 0,
      'audio between customer and third party',
    );
    await app.until(() => app.calls().length === 0, 'both agent calls to end');
    expect(app.ended.find((e) => e.callId === callId)).toMatchObject({ endReason: 'transferred', transferredTo: '3001' });
    expect(app.ended.find((e) => e.callId === consultId)).toMatchObject({ endReason: 'transferred', consultFor: callId });
    await joined.hangup();
  });

  it('call waiting: a second call rings softly; answering it holds the first; resume swaps back', async () => {
    const first = await answeredCall();
    // The agent is in another application (as in the first test).
    app.platform.focused = false;
    const second = await callFromCustomer(customer2);
    expect(app.call(second.callId)).toMatchObject({ status: 'ringing-in', waiting: true });
    expect(app.platform.notifications.at(-1)).toMatchObject({ title: 'Call waiting' });

    await app.command('telephony.answer', { callId: second.callId });
    await second.far.established;
    expect(app.call(first.callId)?.status).toBe('held');
    expect(first.far.media?.transceiverDirections.currentDirection).toBe('recvonly');
    await app.expectAudioBothWays(second.callId, second.far);

    await app.command('telephony.resume', { callId: first.callId });
    expect(app.call(first.callId)?.status).toBe('active');
    expect(app.call(second.callId)?.status).toBe('held');
    expect(second.far.media?.transceiverDirections.currentDirection).toBe('recvonly');
    expect(first.far.media?.transceiverDirections.currentDirection).toBe('sendrecv');
  });

  it('a window reload mid-call says audio was lost, then restores it when the media engine is back', async () => {
    const { callId, far } = await answeredCall();
    await app.expectAudioBothWays(callId, far);
    const states: string[] = [];
    const off = app.core.telephony.events.on('callUpdated', (c) => {
      if (c.id === callId && states.at(-1) !== c.media) states.push(c.media);
    });
    await app.reloadPage();
    await app.until(() => app.call(callId)?.media === 'ok', 'media to be restored', 15_000);
    off();
    expect(states).toEqual(['lost', 'restoring', 'ok']);
    const { stats } = await app.inspect(callId);
    expect(stats).not.toBeNull();
    await app.until(async () => ((await app.inspect(callId)).stats?.packetsReceived ?? 0) > 25, 'audio from the far end again');
    const before = far.media?.stats.packets ?? 0;
    await app.until(() => (far.media?.stats.packets ?? 0) > before + 25, 'audio to the far end again');
  });
});
