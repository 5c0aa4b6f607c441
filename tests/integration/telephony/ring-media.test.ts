import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowConfig } from '../../../shared/config/workflow';
import { telephonySettingsSchema } from '../../../shared/telephony/settings';
import { requireChromium, requireKamailio } from '../../support/system-deps';
import { LabApp, labSettings, launchChromium, PHONE_LAB_WORKFLOW, type LabAppOptions } from '../../lab/app';
import { FarEnd, type FarEndCall } from '../../lab/far-end';
import { Kamailio } from '../../lab/kamailio';

const kamailioDep = requireKamailio();
const chromiumDep = requireChromium();

/** What the page holds: every peer connection and getUserMedia track it ever made (installed by `watchPageMedia`). */
interface PageMediaWatch {
  connections: RTCPeerConnection[];
  tracks: MediaStreamTrack[];
}

/**
 * Records, in the page itself, every RTCPeerConnection and microphone track the renderer makes,
 * so the tests see what is open without trusting the engine's own bookkeeping
 * (renderer/src/media/live-media.ts, which they check too).
 */
function watchPageMedia(): void {
  const watch: PageMediaWatch = { connections: [], tracks: [] };
  (window as unknown as { labMediaWatch: PageMediaWatch }).labMediaWatch = watch;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      watch.connections.push(this);
    }
  };
  const devices = navigator.mediaDevices;
  const getUserMedia = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const stream = await getUserMedia(constraints);
    watch.tracks.push(...stream.getTracks());
    return stream;
  };
}

/**
 * Connect while it rings (docs/architecture.md, "While it rings"): the media engine answers the
 * caller's offer while the call rings, with ICE and DTLS running and the microphone off the call.
 * The caller must hear nothing before the 200 OK, and a call that is never answered (declined,
 * cancelled, missed, lost with the server) must leave nothing open: no peer connection, no live
 * microphone track (the OS's recording indicator), no audio element.
 */
describe.skipIf(!kamailioDep.available || !chromiumDep.available)(
  'connect while it rings: real kamailio, Chromium media engine, werift far ends',
  () => {
    let kamailio: Kamailio;
    let browser: Browser;
    let app: LabApp;
    let page: Page;
    let customer: FarEnd;
    const options: { workflowConfig: WorkflowConfig } = { workflowConfig: PHONE_LAB_WORKFLOW };

    beforeAll(async () => {
      kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
      await kamailio.start();
      browser = await launchChromium(chromiumDep.path);
      const appOptions: LabAppOptions = {
        browser,
        settings: telephonySettingsSchema.parse(labSettings(kamailio.url, '1001')),
        password: 'secret-1001',
        get workflowConfig() {
          return options.workflowConfig;
        },
      };
      app = await LabApp.start(appOptions);
      if (!app.page) throw new Error('no page');
      page = app.page;
      await page.addInitScript(watchPageMedia);
      await app.reloadPage();
      await app.waitForRegistration('registered');
      customer = new FarEnd({ user: '2001', server: kamailio.url });
      await customer.start();
    });

    afterEach(async () => {
      options.workflowConfig = PHONE_LAB_WORKFLOW;
      for (const call of app.calls()) await app.command('telephony.hangup', { callId: call.id }).catch(() => undefined);
      await app.until(() => app.calls().length === 0, 'all calls to end');
    });

    afterAll(async () => {
      await customer?.stop();
      await app?.close();
      await browser?.close();
      await kamailio?.stop();
      kamailio?.dispose();
    });

    async function ringingCall(): Promise<{ callId: string; far: FarEndCall }> {
      const offered = app.nextOffer();
      const far = await customer.call('1001');
      const callId = await offered;
      await app.until(() => app.call(callId)?.status === 'ringing-in', 'the call to ring');
      return { callId, far };
    }

    /** The answer the engine made while it rang, with its candidates, as the page's newest connection holds it. */
    async function answerMadeWhileRinging(): Promise<string> {
      let sdp: string | null = null;
      await app.until(async () => {
        sdp = await page.evaluate(() => {
          const watch = (window as unknown as { labMediaWatch: PageMediaWatch }).labMediaWatch;
          const local = watch.connections.at(-1)?.localDescription;
          return local?.type === 'answer' && /^a=candidate:/m.test(local.sdp) ? local.sdp : null;
        });
        return sdp !== null;
      }, 'the media engine to answer the offer while it rings');
      if (sdp === null) throw new Error('unreachable');
      return sdp;
    }

    /** Open peer connections and live microphone tracks, counted in the page and by the engine's diagnostics. */
    async function openMedia(): Promise<{ pageConnections: number; pageTracks: number; engine: Record<string, number> }> {
      const inPage = await page.evaluate(() => {
        const watch = (window as unknown as { labMediaWatch: PageMediaWatch }).labMediaWatch;
        return {
          pageConnections: watch.connections.filter((pc) => pc.signalingState !== 'closed').length,
          pageTracks: watch.tracks.filter((t) => t.readyState === 'live').length,
        };
      });
      const engine = await app.core.bridge.requestMedia('telephony.media.counters', {});
      return { ...inPage, engine };
    }

    const NOTHING_OPEN = { pageConnections: 0, pageTracks: 0, engine: { calls: 0, peerConnections: 0, liveTracks: 0, audioElements: 0 } };

    async function expectNothingOpen(what: string): Promise<void> {
      let last: Awaited<ReturnType<typeof openMedia>> | null = null;
      await app
        .until(async () => {
          last = await openMedia();
          return JSON.stringify(last) === JSON.stringify(NOTHING_OPEN);
        }, `no media left open after ${what}`)
        .catch(() => undefined);
      expect(last, `media left open after ${what}`).toEqual(NOTHING_OPEN);
    }

    /** The ringing call's media was up (ICE connected to the caller) before it ended: the state a leak would be left in. */
    async function expectConnectedWhileRinging(callId: string): Promise<void> {
      await answerMadeWhileRinging();
      await app.until(async () => {
        const state = (await app.inspect(callId)).iceConnectionState;
        return state === 'connected' || state === 'completed';
      }, 'ICE to connect to the caller while it rings');
    }

    it('connects while it rings, the caller hears silence until the 200 OK, then the agent', async () => {
      const { callId, far } = await ringingCall();
      // ICE ran while it rang: the agent's side reached the caller before any 200 OK.
      await expectConnectedWhileRinging(callId);
      expect(app.call(callId)?.status).toBe('ringing-in');
      // A far end that starts its media on the answer at once: anything sent while it rings arrives.
      const media = far.media;
      if (!media) throw new Error('the far end has no media');
      const answer = await answerMadeWhileRinging();
      // The caller starts DTLS once it has the answer (renderer/src/media/call-media.ts, prepareWhileRinging).
      expect(answer).toMatch(/^a=setup:passive\r?$/m);
      await media.applyEarlyAnswer(answer);
      await app.until(
        () => media.pc.connectionState === 'connected',
        "the caller's media (ICE and DTLS) to connect while it rings",
        30_000,
      );
      // Several seconds of the caller's audio reach the agent's engine: the path is up both ways.
      await app.until(
        async () => ((await app.inspect(callId)).stats?.packetsReceived ?? 0) >= 150,
        "3 s of the caller's audio to reach the agent's engine while it rings",
        30_000,
      );
      expect(app.call(callId)?.status).toBe('ringing-in');
      // Silence at the caller, by the energy of what arrived (nothing, or packets of silence).
      expect(media.stats.energy, `what the caller received while it rang: ${JSON.stringify(media.stats)}`).toBe(0);
      // Nor does the agent's speaker play the caller before Answer.
      expect(await page.evaluate((id) => document.querySelector<HTMLAudioElement>(`audio[data-call-id="${id}"]`)?.muted, callId)).toBe(
        true,
      );

      await app.command('telephony.answer', { callId });
      await far.established;
      await app.until(() => app.call(callId)?.status === 'active', 'the call to be active');
      await app.until(() => media.stats.packets > 25 && media.stats.energy > 0, 'the caller to hear the agent after the 200 OK');
      await app.untilHearing(callId);
      expect(await page.evaluate((id) => document.querySelector<HTMLAudioElement>(`audio[data-call-id="${id}"]`)?.muted, callId)).toBe(
        false,
      );
      // The 200 OK carried the answer made while it rang.
      expect(app.logs.filter((r) => r.message === 'local description ready' && r.fields?.callId === callId).at(-1)?.fields).toMatchObject({
        madeWhileRinging: true,
      });
      await app.command('telephony.hangup', { callId });
      await far.terminated;
      await expectNothingOpen('the answered call ended');
    });

    it('a mute set while it rings still holds once answered: packets of silence, then sound when unmuted', async () => {
      const { callId, far } = await ringingCall();
      await expectConnectedWhileRinging(callId);
      await app.command('telephony.mute', { callId, muted: true });
      await app.command('telephony.answer', { callId });
      await far.established;
      await app.until(() => app.call(callId)?.status === 'active', 'the call to be active');
      expect(app.call(callId)?.muted).toBe(true);
      // 2 s of the agent's muted microphone: it sends, and what it sends is silence.
      await app.until(() => (far.media?.stats.packets ?? 0) >= 100, '2 s of packets from the muted agent');
      expect(far.media?.stats.energy).toBe(0);
      await app.command('telephony.mute', { callId, muted: false });
      await app.until(() => (far.media?.stats.energy ?? 0) > 0, 'the caller to hear the agent once unmuted');
    });

    it('declined while it rings: the connection is closed and the microphone released', async () => {
      const { callId, far } = await ringingCall();
      await expectConnectedWhileRinging(callId);
      await app.command('telephony.reject', { callId });
      await far.terminated;
      expect(app.ended.find((e) => e.callId === callId)?.endReason).toBe('rejected');
      await expectNothingOpen('a declined call');
    });

    it('cancelled by the caller, after the call connected while ringing and at once: nothing is left open', async () => {
      const connected = await ringingCall();
      await expectConnectedWhileRinging(connected.callId);
      await connected.far.hangup();
      await app.until(() => app.ended.some((e) => e.callId === connected.callId), 'the cancelled call to end');
      await expectNothingOpen('a call the caller cancelled while it rang');

      // The CANCEL may arrive while the engine is still opening the microphone and answering.
      const offered = app.nextOffer();
      const far = await customer.call('1001');
      const callId = await offered;
      await far.hangup();
      await app.until(() => app.ended.some((e) => e.callId === callId), 'the call cancelled at once to end');
      await expectNothingOpen('a call the caller cancelled at once');
    });

    it('missed (rings out its ring timeout): declined with 480, nothing left open', async () => {
      options.workflowConfig = {
        ...PHONE_LAB_WORKFLOW,
        inboundDecline: { ...PHONE_LAB_WORKFLOW.inboundDecline, ringTimeoutSeconds: 5, missedCallsBeforeNotReady: 20 },
      };
      const { callId, far } = await ringingCall();
      await expectConnectedWhileRinging(callId);
      await far.terminated;
      await app.until(() => app.ended.some((e) => e.callId === callId), 'the missed call to end', 20_000);
      // The ring timeout's decline: the caller got 480 Temporarily Unavailable.
      const { entries } = await app.command('telephony.getSipTrace', {});
      expect(entries.some((e) => e.direction === 'out' && e.firstLine.startsWith('SIP/2.0 480 '))).toBe(true);
      await expectNothingOpen('a missed call');
    });

    // Last: it kills the lab's kamailio (and starts it again).
    it('lost with the server while it rings: nothing left open', async () => {
      const { callId } = await ringingCall();
      await expectConnectedWhileRinging(callId);
      await kamailio.kill();
      await app.until(() => app.ended.some((e) => e.callId === callId), 'the ringing call to end with the server', 15_000);
      expect(app.ended.find((e) => e.callId === callId)?.endReason).toBe('failed');
      await expectNothingOpen('a ringing call lost with the server');
      await kamailio.start();
      await app.waitForRegistration('registered', 15_000);
    });
  },
);
