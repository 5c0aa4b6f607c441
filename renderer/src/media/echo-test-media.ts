import { BridgeError } from '../../../shared/bridge/errors';
import { userText } from '../../../shared/text/user-text';
import type { EchoMedia } from '../../../shared/pre-shift/contract';
import type { MediaConfig } from '../../../shared/telephony/contract';
import type { BridgeClient } from '../bridge/client';
import type { DeviceManager } from './devices';
import { startGathering } from './ice-gathering';
import { liveMedia } from './live-media';
import { routeAudio } from './output-device';
import { startTestSignal, type TestSignal } from './test-signal';

/** How long the echo call may take to carry audio after it is answered (ICE and DTLS on a working network: well under a second). */
const MEDIA_WAIT_MS = 10_000;

interface Reading {
  packetsReceived: number;
  packetsLost: number;
  jitterSec: number | null;
  rttSec: number | null;
  rttSource: 'rtcp' | 'ice' | null;
  energy: number;
  duration: number;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * The pre-shift check's echo call in the media engine: its own RTCPeerConnection (the agent's calls
 * are CallMedia's and are never touched), sending the test beeps instead of the microphone so the
 * echo does not depend on the agent speaking, and playing what comes back on the chosen speaker.
 * `measure` reads what a call's quality reading reads (inbound-rtp packetsLost and jitter,
 * remote-inbound-rtp roundTripTime, else the ICE pair's) plus the energy of the received audio.
 */
export class EchoTestMedia {
  private readonly pc: RTCPeerConnection;
  private readonly audio = document.createElement('audio');
  private readonly remote = new MediaStream();
  private signal: TestSignal | null = null;
  private closed = false;
  private readonly closedWaiters: (() => void)[] = [];

  constructor(
    readonly testId: string,
    private readonly config: MediaConfig,
    private readonly devices: DeviceManager,
  ) {
    this.pc = new RTCPeerConnection({
      iceServers: config.iceServers.map((s) => ({
        urls: typeof s.urls === 'string' ? s.urls : [...s.urls],
        username: s.username,
        credential: s.credential,
      })),
      iceTransportPolicy: config.iceTransportPolicy,
      // As a call's (call-media.ts): gateways that bridge plain SIP answer without BUNDLE.
      bundlePolicy: 'balanced',
      rtcpMuxPolicy: 'require',
    });
    liveMedia.addConnection(this.pc);
    this.audio.autoplay = true;
    this.audio.hidden = true;
    // Counted with the calls' elements by the engine's counters (diagnostics, the lab): a leak shows.
    this.audio.dataset.callId = testId;
    this.audio.srcObject = this.remote;
    document.body.appendChild(this.audio);
    this.pc.addEventListener('track', (event) => {
      if (!this.remote.getTracks().includes(event.track)) this.remote.addTrack(event.track);
      void this.audio.play().catch(() => undefined);
    });
    void routeAudio(this.audio, devices.resolve('speaker').deviceId);
  }

  async offer(): Promise<string> {
    this.signal = await startTestSignal();
    if (this.closed) throw new BridgeError('not-found', userText('telephony.echoTest.cancelled'));
    const track = this.signal.stream.getAudioTracks()[0];
    if (!track) throw new Error('no test signal track');
    this.pc.addTransceiver(track, { direction: 'sendrecv', streams: [this.signal.stream] });
    const gathering = startGathering(
      this.pc,
      this.config.iceServers,
      this.config.iceGatheringTimeoutMs,
      this.config.iceTransportPolicy === 'relay',
    );
    await this.pc.setLocalDescription(await this.pc.createOffer());
    gathering.checkComplete();
    const result = await gathering.done;
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp || result.candidates === 0) throw new BridgeError('unavailable', userText('telephony.echoTest.noNetworkPath'));
    return sdp;
  }

  async answer(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
  }

  /** Waits for audio to arrive, then measures `seconds` of it; null when none arrived (or the test was closed). */
  async measure(seconds: number): Promise<EchoMedia | null> {
    const deadline = performance.now() + MEDIA_WAIT_MS;
    let first = await this.read();
    while (!this.closed && (first?.packetsReceived ?? 0) === 0) {
      if (performance.now() > deadline) return null;
      await this.wait(100);
      first = await this.read();
    }
    if (this.closed || !first) return null;
    await this.wait(seconds * 1000);
    const last = await this.read();
    if (this.closed || !last) return null;
    const received = Math.max(0, last.packetsReceived - first.packetsReceived);
    const lost = Math.max(0, last.packetsLost - first.packetsLost);
    const duration = last.duration - first.duration;
    const energy = last.energy - first.energy;
    return {
      echoLevel: duration > 0 ? Math.min(1, Math.sqrt(Math.max(0, energy) / duration)) : 0,
      packetsReceived: received,
      packetsLost: lost,
      lossPct: received + lost > 0 ? Math.round((10_000 * lost) / (received + lost)) / 100 : 0,
      jitterMs: last.jitterSec === null ? null : Math.round(last.jitterSec * 10_000) / 10,
      rttMs: last.rttSec === null ? null : Math.round(last.rttSec * 10_000) / 10,
      rttSource: last.rttSec === null ? null : last.rttSource,
      seconds,
    };
  }

  /** Stops the test signal, the connection and the playback; wakes a measure in progress. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.signal?.stop();
    for (const sender of this.pc.getSenders()) sender.track?.stop();
    this.pc.close();
    this.audio.pause();
    this.audio.srcObject = null;
    this.audio.remove();
    for (const wake of this.closedWaiters.splice(0)) wake();
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.closedWaiters.push(done);
    });
  }

  private async read(): Promise<Reading | null> {
    if (this.closed) return null;
    const report = await this.pc.getStats();
    let inbound: Record<string, unknown> | null = null;
    let remoteInbound: Record<string, unknown> | null = null;
    let pairId: string | null = null;
    report.forEach((value: Record<string, unknown>) => {
      if (value.type === 'inbound-rtp' && value.kind === 'audio') inbound = value;
      else if (value.type === 'remote-inbound-rtp' && value.kind === 'audio') remoteInbound = value;
      else if (value.type === 'transport' && typeof value.selectedCandidatePairId === 'string') pairId = value.selectedCandidatePairId;
    });
    const inb = inbound as Record<string, unknown> | null;
    const rin = remoteInbound as Record<string, unknown> | null;
    const rtcpRtt = num(rin?.roundTripTime);
    const pair = pairId ? (report.get(pairId) as Record<string, unknown> | undefined) : undefined;
    const iceRtt = num(pair?.currentRoundTripTime);
    return {
      packetsReceived: num(inb?.packetsReceived) ?? 0,
      packetsLost: Math.max(0, num(inb?.packetsLost) ?? 0),
      jitterSec: num(inb?.jitter),
      rttSec: rtcpRtt ?? iceRtt,
      rttSource: rtcpRtt !== null ? 'rtcp' : iceRtt !== null ? 'ice' : null,
      energy: num(inb?.totalAudioEnergy) ?? 0,
      duration: num(inb?.totalSamplesDuration) ?? 0,
    };
  }
}

/**
 * Answers main's `preShift.media.*` (electron/pre-shift/echo-call.ts). `devices` is the engine's
 * device manager once the engine runs.
 */
export function serveEchoTestMedia(client: BridgeClient, devices: () => DeviceManager | null): void {
  const tests = new Map<string, EchoTestMedia>();
  const get = (testId: string): EchoTestMedia => {
    const media = tests.get(testId);
    if (!media) throw new BridgeError('not-found', userText('telephony.echoTest.noSuchCall'));
    return media;
  };
  client.serveMedia({
    'preShift.media.offer': async ({ testId, config }) => {
      const manager = devices();
      if (!manager) throw new BridgeError('unavailable', userText('telephony.echoTest.noAudioEngine'));
      tests.get(testId)?.close();
      const media = new EchoTestMedia(testId, config, manager);
      tests.set(testId, media);
      return { sdp: await media.offer() };
    },
    'preShift.media.answer': async ({ testId, sdp }) => {
      await get(testId).answer(sdp);
      return {};
    },
    'preShift.media.measure': async ({ testId, seconds }) => ({ media: await get(testId).measure(seconds) }),
    'preShift.media.close': ({ testId }) => {
      const media = tests.get(testId);
      tests.delete(testId);
      media?.close();
      return { closed: media !== undefined };
    },
  });
}
