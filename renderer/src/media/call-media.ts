import { BridgeError } from '../../../shared/bridge/errors';
import type { MediaConfig } from '../../../shared/telephony/contract';
import { ringingAnswerRole } from '../../../shared/telephony/dtls-role';
import { NO_RELAY_TEXT } from '../../../shared/telephony/ice-policy';
import { INCOMPATIBLE_MEDIA_TEXT } from '../../../shared/telephony/sdp-offer';
import type { DeviceManager } from './devices';
import { startGathering, type GatheringResult } from './ice-gathering';
import { liveMedia } from './live-media';
import { routeAudio } from './output-device';

/** The network path of a connected call: candidate types of the selected ICE pair. */
export interface MediaRoute {
  local: string | null;
  remote: string | null;
  /** How the agent reaches its TURN server (udp, tcp, tls) when `local` is relay. */
  relayProtocol: string | null;
}

export interface RawStats {
  at: number;
  packetsReceived: number;
  packetsLost: number;
  jitterSec: number | null;
  rttSec: number | null;
  audioLevel: number | null;
  totalAudioEnergy: number | null;
  packetsSent: number;
  codec: string | null;
}

/** The answer made while an inbound call rang, for the 200 OK when the agent answers. */
interface RingingAnswer {
  /** The caller's offer it answers. */
  offer: string;
  description: ({ sdp: string } & GatheringResult) | { error: unknown };
}

/**
 * One call's media: its RTCPeerConnection, microphone track and the <audio>
 * element that plays the far end on the agent's speaker. Operations run one
 * at a time (sip.js can ask for a new offer while a close is on its way).
 *
 * An inbound call with an offer connects while it rings (`prepareWhileRinging`): the answer is
 * made and set, so ICE runs before the agent decides, and Answer only hands main that answer and
 * puts the microphone on the call (`getDescription`).
 */
export class CallMedia {
  readonly pc: RTCPeerConnection;
  private local: MediaStream | null = null;
  private readonly remote = new MediaStream();
  private readonly audio: HTMLAudioElement;
  private queue: Promise<unknown> = Promise.resolve();
  private muted: boolean;
  /** Direction before a local offer, restored when the far end refuses it. */
  private directionBeforeOffer: RTCRtpTransceiverDirection | null = null;
  private closed = false;
  /** Set from the answer made while it rang until the agent answers (or the call ends). */
  private ringingAnswer: RingingAnswer | null = null;
  playbackProblem: string | null = null;

  constructor(
    readonly callId: string,
    private config: MediaConfig,
    private readonly devices: DeviceManager,
  ) {
    this.muted = config.muted;
    this.pc = new RTCPeerConnection({
      // Only what IT configured: never a public STUN server by default.
      iceServers: config.iceServers.map((s) => ({
        urls: typeof s.urls === 'string' ? s.urls : [...s.urls],
        username: s.username,
        credential: s.credential,
      })),
      // Fixed for the connection's life: a policy change applies from the next call.
      iceTransportPolicy: config.iceTransportPolicy,
      // Not 'max-bundle': gateways and SBCs that bridge plain SIP phones (rtpengine, many PBXs)
      // offer and answer without a BUNDLE group or a=mid, which Chromium refuses under max-bundle.
      // 'balanced' still offers BUNDLE to peers that take it; a call has one audio section anyway.
      bundlePolicy: 'balanced',
      rtcpMuxPolicy: 'require',
    });
    this.audio = document.createElement('audio');
    this.audio.autoplay = true;
    this.audio.hidden = true;
    this.audio.dataset.callId = callId;
    this.audio.srcObject = this.remote;
    document.body.appendChild(this.audio);
    liveMedia.addConnection(this.pc);
    this.pc.addEventListener('track', (event) => {
      for (const track of this.remote.getTracks()) if (track !== event.track) this.remote.removeTrack(track);
      if (!this.remote.getTracks().includes(event.track)) this.remote.addTrack(event.track);
      void this.startPlayback();
    });
    void this.applySpeaker();
  }

  /** Serialises operations on this call. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  updateConfig(config: MediaConfig): void {
    this.config = config;
    if (config.muted !== this.muted) this.setMuted(config.muted);
  }

  /** Opens the microphone (the chosen one) if not yet open. */
  async ensureMicrophone(): Promise<MediaStream> {
    if (this.local) return this.local;
    const stream = await navigator.mediaDevices
      .getUserMedia({ audio: this.devices.microphoneConstraints(), video: false })
      .catch(async (error: unknown) => {
        // The chosen device vanished between enumeration and now: take the default rather than fail the call.
        if (error instanceof DOMException && (error.name === 'OverconstrainedError' || error.name === 'NotFoundError')) {
          return navigator.mediaDevices.getUserMedia({ audio: true, video: false });
        }
        throw error;
      });
    liveMedia.addTracks(stream);
    if (this.closed) {
      for (const track of stream.getTracks()) track.stop();
      throw new Error('call closed');
    }
    for (const track of stream.getAudioTracks()) track.enabled = !this.muted;
    this.local = stream;
    return stream;
  }

  async getDescription(hold: boolean): Promise<{ sdp: string; madeWhileRinging: boolean } & GatheringResult> {
    const ringing = this.ringingAnswer;
    this.ringingAnswer = null;
    // Whatever ends the ringing state (an answer, a renegotiation), the far end is heard from now on.
    this.audio.muted = false;
    if (ringing && this.pc.signalingState === 'stable' && !hold) {
      // The agent answered: the 200 OK carries the answer made while it rang, and the microphone goes on now.
      if ('error' in ringing.description) throw ringing.description.error;
      await this.sendMicrophone();
      return { ...ringing.description, madeWhileRinging: true };
    }
    const stream = await this.ensureMicrophone();
    const track = stream.getAudioTracks()[0];
    if (!track) throw new Error('no microphone track');
    const answering = this.pc.signalingState === 'have-remote-offer';
    const transceiver = await this.audioTransceiver(track, stream);
    this.directionBeforeOffer = answering ? null : transceiver.direction;
    // Hold is a direction: we keep sending (music or silence) but stop receiving.
    transceiver.direction = hold ? 'sendonly' : 'sendrecv';
    return { ...(await this.describeLocally(answering ? 'answer' : 'offer')), madeWhileRinging: false };
  }

  /**
   * While an inbound call rings: the microphone, the caller's offer (an offer Chromium refuses
   * fails with `incompatible`), and the answer, set locally so ICE runs before the agent decides
   * (RFC 8445: the offerer answers checks that arrive before it has our candidates, as
   * peer-reflexive ones). A late offer (no SDP in the INVITE) only opens the microphone: the
   * offer is made at Answer, for the 200 OK.
   */
  async prepareWhileRinging(offer: string | undefined): Promise<void> {
    await this.ensureMicrophone();
    if (offer === undefined) return;
    await this.setDescription(offer, true);
    // The Answer got here first and applied the offer itself: it answers too (getDescription).
    if (this.pc.signalingState !== 'have-remote-offer') return;
    const transceiver = this.pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio' && t.currentDirection !== 'stopped');
    if (!transceiver) return;
    // The microphone stays off the sender until Answer. A sender without a track sends no RTP
    // at all (WebRTC 1.0, RTCRtpSender.replaceTrack(null): the sender stops sending), whereas a
    // disabled track still sends packets of silence, and any code that re-enabled it (a mute
    // toggle, a device switch) would put the agent's voice on the wire before Answer.
    await transceiver.sender.replaceTrack(null);
    if (this.local) transceiver.sender.setStreams(this.local);
    transceiver.direction = 'sendrecv';
    // The caller's early audio is not played over the ringtone either.
    this.audio.muted = true;
    try {
      // The DTLS role (shared/telephony/dtls-role.ts; docs/architecture.md, "While it rings: the DTLS
      // role"). Active, Chromium's own choice, sends the ClientHello as soon as ICE connects, while
      // it rings: an offerer that takes it (RFC 5763 §5 asks it to; the gateways do) is ready
      // before Answer. One that drops it (werift, the lab's WebRTC far end, does) leaves Chromium
      // retransmitting on a timer that doubles from 50 ms, so after seconds of ringing the first
      // audio came seconds after Answer (docs/performance.md, "Telephony: answer → first audio").
      // Passive costs the handshake's round trips after the 200 OK, with every offerer.
      const role = ringingAnswerRole(offer, this.config.dtlsRoleWhileRinging);
      this.ringingAnswer = { offer, description: await this.describeLocally('answer', role ?? undefined) };
    } catch (error) {
      // Set locally or not, the Answer must end the same way: keep the failure for it.
      if (this.pc.localDescription?.type === 'answer') this.ringingAnswer = { offer, description: { error } };
      throw error;
    }
  }

  /** Creates and sets the local offer or answer, then waits for the candidates the SDP must carry (SIP has no trickle ICE). */
  private async describeLocally(kind: 'offer' | 'answer', dtlsRole?: 'passive'): Promise<{ sdp: string } & GatheringResult> {
    const relayOnly = this.pc.getConfiguration().iceTransportPolicy === 'relay';
    const gathering = startGathering(this.pc, this.config.iceServers, this.config.iceGatheringTimeoutMs, relayOnly);
    const description = kind === 'answer' ? await this.pc.createAnswer() : await this.pc.createOffer();
    const sdp = dtlsRole ? description.sdp?.replace(/^a=setup:active(?=\r?$)/gm, `a=setup:${dtlsRole}`) : description.sdp;
    await this.pc.setLocalDescription({ type: description.type, sdp });
    gathering.checkComplete();
    const result = await gathering.done;
    const local = this.pc.localDescription?.sdp;
    if (!local) throw new Error('no local description');
    if (result.candidates === 0) {
      // Relay-only, the only candidates come from the TURN server: none means it was not reached or refused us.
      if (relayOnly) throw new BridgeError('unavailable', NO_RELAY_TEXT);
      throw new Error('no ICE candidates were gathered (no usable network interface)');
    }
    return { sdp: local, ...result };
  }

  /** The agent answered a call prepared while it rang: the microphone (muted or not, as the agent left it) goes on the sender. */
  private async sendMicrophone(): Promise<void> {
    const stream = await this.ensureMicrophone();
    const track = stream.getAudioTracks()[0];
    if (!track) throw new Error('no microphone track');
    await this.audioTransceiver(track, stream);
  }

  /**
   * `whileRinging`: main's early look at an inbound offer, to refuse what cannot be used before the
   * agent answers. It may arrive after the Answer has applied the offer and answered it: applying
   * it again then would start a renegotiation nobody asked for. sip.js applies the offer at Answer
   * too: the same offer still pending is not applied twice.
   */
  async setDescription(sdp: string, whileRinging = false): Promise<void> {
    if (whileRinging && this.pc.remoteDescription !== null) return;
    // Main may hand over the offer at Answer before it heard that the ringing engine answered it.
    if (this.ringingAnswer?.offer === sdp) return;
    const type: RTCSdpType = this.pc.signalingState === 'have-local-offer' ? 'answer' : 'offer';
    if (type === 'offer' && this.pc.signalingState === 'have-remote-offer' && this.pc.remoteDescription?.sdp === sdp) return;
    try {
      await this.pc.setRemoteDescription({ type, sdp });
    } catch (error) {
      // Chromium's words ("Failed to parse SessionDescription", "no BUNDLE group") are for the log;
      // main tells the agent one plain sentence and answers the far end 488.
      console.warn('media: remote description refused', error instanceof Error ? error.message.slice(0, 300) : error);
      throw new BridgeError('incompatible', INCOMPATIBLE_MEDIA_TEXT);
    }
    if (type === 'answer') this.directionBeforeOffer = null;
    if (type === 'offer' && this.local && !whileRinging) {
      // The far end's offer created the transceiver: give it our microphone before the answer.
      // Not while it rings: the microphone goes on only at Answer (prepareWhileRinging).
      const track = this.local.getAudioTracks()[0];
      if (track) await this.audioTransceiver(track, this.local);
    }
  }

  async rollback(): Promise<void> {
    if (this.pc.signalingState === 'stable') return;
    await this.pc.setLocalDescription({ type: 'rollback' });
    const transceiver = this.pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio');
    if (transceiver && this.directionBeforeOffer) transceiver.direction = this.directionBeforeOffer;
    this.directionBeforeOffer = null;
  }

  /**
   * RFC 4733 tones. Right after a call connects the sender may not be ready for a
   * moment (DTLS still finishing): wait briefly rather than fall back at once.
   */
  async sendDtmf(tones: string, durationMs: number, gapMs: number): Promise<boolean> {
    const deadline = performance.now() + 1_500;
    for (;;) {
      const dtmf = this.pc.getSenders().find((s) => s.track?.kind === 'audio')?.dtmf;
      if (!dtmf) return false;
      if (dtmf.canInsertDTMF) {
        dtmf.insertDTMF(tones, durationMs, gapMs);
        return true;
      }
      // No telephone-event negotiated: waiting would not help.
      if (!/^a=rtpmap:\d+ telephone-event\//m.test(this.pc.currentRemoteDescription?.sdp ?? '') || performance.now() > deadline)
        return false;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    for (const track of this.local?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  /** Switches the microphone without renegotiating (replaceTrack keeps the call up). */
  async switchMicrophone(): Promise<void> {
    if (!this.local || this.closed) return;
    const next = await navigator.mediaDevices.getUserMedia({ audio: this.devices.microphoneConstraints(), video: false });
    liveMedia.addTracks(next);
    if (this.closed) {
      for (const t of next.getTracks()) t.stop();
      return;
    }
    const track = next.getAudioTracks()[0];
    if (!track) return;
    track.enabled = !this.muted;
    // While it rings the sender has no track (prepareWhileRinging): the new one goes on at Answer.
    const sender = this.pc.getSenders().find((s) => s.track?.kind === 'audio');
    await sender?.replaceTrack(track);
    const old = this.local;
    this.local = next;
    for (const t of old.getTracks()) t.stop();
  }

  /** Never rejects: the constructor starts it without waiting, and the call goes on wherever the sound plays. */
  async applySpeaker(): Promise<void> {
    const problem = await routeAudio(this.audio, this.devices.resolve('speaker').deviceId);
    if (problem) console.warn('media: the call audio could not be sent to the chosen speaker', problem);
  }

  get outputDevice(): string | null {
    return (this.audio as HTMLAudioElement & { sinkId?: string }).sinkId ?? null;
  }

  async stats(): Promise<RawStats> {
    const report = await this.pc.getStats();
    let inbound: Record<string, unknown> | null = null;
    let outbound: Record<string, unknown> | null = null;
    let remoteInbound: Record<string, unknown> | null = null;
    let pairRtt: number | null = null;
    const codecs = new Map<string, string>();
    let selectedPair: string | null = null;
    report.forEach((value: Record<string, unknown>) => {
      const type = value.type;
      if (type === 'inbound-rtp' && value.kind === 'audio') inbound = value;
      else if (type === 'outbound-rtp' && value.kind === 'audio') outbound = value;
      else if (type === 'remote-inbound-rtp' && value.kind === 'audio') remoteInbound = value;
      else if (type === 'codec' && typeof value.id === 'string' && typeof value.mimeType === 'string') codecs.set(value.id, value.mimeType);
      else if (type === 'transport' && typeof value.selectedCandidatePairId === 'string') selectedPair = value.selectedCandidatePairId;
    });
    if (selectedPair) {
      const pair = report.get(selectedPair) as Record<string, unknown> | undefined;
      pairRtt = num(pair?.currentRoundTripTime);
    }
    const inb = inbound as Record<string, unknown> | null;
    const out = outbound as Record<string, unknown> | null;
    const rin = remoteInbound as Record<string, unknown> | null;
    const codecId = (inb?.codecId ?? out?.codecId) as string | undefined;
    return {
      at: Date.now(),
      packetsReceived: num(inb?.packetsReceived) ?? 0,
      packetsLost: num(inb?.packetsLost) ?? 0,
      jitterSec: num(inb?.jitter),
      rttSec: num(rin?.roundTripTime) ?? pairRtt,
      audioLevel: num(inb?.audioLevel),
      totalAudioEnergy: num(inb?.totalAudioEnergy),
      packetsSent: num(out?.packetsSent) ?? 0,
      codec: codecId ? (codecs.get(codecId) ?? null) : null,
    };
  }

  /** The selected candidate pair's types (relay, host, srflx, prflx); null before ICE has chosen one. */
  async route(): Promise<MediaRoute | null> {
    const report = await this.pc.getStats();
    const entries: Record<string, unknown>[] = [];
    report.forEach((value: Record<string, unknown>) => entries.push(value));
    const pairId = entries.find(
      (value) => value.type === 'transport' && typeof value.selectedCandidatePairId === 'string',
    )?.selectedCandidatePairId;
    if (typeof pairId !== 'string') return null;
    const pair = report.get(pairId) as Record<string, unknown> | undefined;
    const candidate = (id: unknown) => (typeof id === 'string' ? (report.get(id) as Record<string, unknown> | undefined) : undefined);
    const local = candidate(pair?.localCandidateId);
    const remote = candidate(pair?.remoteCandidateId);
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    return { local: text(local?.candidateType), remote: text(remote?.candidateType), relayProtocol: text(local?.relayProtocol) };
  }

  transceivers(): { mid: string | null; direction: string; currentDirection: string | null }[] {
    return this.pc.getTransceivers().map((t) => ({ mid: t.mid, direction: t.direction, currentDirection: t.currentDirection }));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ringingAnswer = null;
    this.pc.close();
    for (const track of this.local?.getTracks() ?? []) track.stop();
    this.local = null;
    this.audio.srcObject = null;
    this.audio.remove();
  }

  private async audioTransceiver(track: MediaStreamTrack, stream: MediaStream): Promise<RTCRtpTransceiver> {
    const existing = this.pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio' && t.currentDirection !== 'stopped');
    if (!existing) return this.pc.addTransceiver(track, { direction: 'sendrecv', streams: [stream] });
    if (existing.sender.track !== track) {
      await existing.sender.replaceTrack(track);
      existing.sender.setStreams(stream);
    }
    return existing;
  }

  private async startPlayback(): Promise<void> {
    try {
      await this.audio.play();
      this.playbackProblem = null;
    } catch (error) {
      // Autoplay rules: without a click in the window the browser may keep the far end silent.
      this.playbackProblem = error instanceof DOMException ? error.name : 'play failed';
    }
  }
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
