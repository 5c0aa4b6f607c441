import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  Web,
  type BodyAndContentType,
  type Session,
  type SessionDescriptionHandler,
  type SessionDescriptionHandlerOptions,
} from 'sip.js';
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import { WebSocket } from 'ws';
import { payloadEnergy, ToneSource } from './pcmu';

// The far end uses sip.js's own browser transport, independent of the app's:
// in Node that needs a global WebSocket (Node 20 has none).
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const DTMF_KEYS = '0123456789*#ABCD';

/** What the far end's media saw. */
export interface FarEndMediaStats {
  /** PCMU packets received. */
  packets: number;
  /** Mean energy of the received audio (0..1 of full scale); above 0 means something audible arrived. */
  energy: number;
  /** RFC 4733 telephone-events received, as keys (one per event, on its end packet). */
  dtmf: string;
  telephoneEventPackets: number;
  /** Date.now() of the first PCMU packet. */
  firstPacketAt: number | null;
}

/**
 * A scripted "customer" media peer on werift (pure TypeScript WebRTC): it
 * plays a 440 Hz tone as PCMU and decodes what it receives, so audio is
 * proved at this end by energy, not just by packet counts. It also sees
 * RFC 4733 DTMF, which a receiving Chromium cannot report.
 */
export class WeriftMedia implements SessionDescriptionHandler {
  pc: RTCPeerConnection;
  private readonly out = new MediaStreamTrack({ kind: 'audio' });
  private readonly tone: ToneSource;
  private readonly timer: ReturnType<typeof setInterval>;
  private seq = Math.floor(Math.random() * 65535);
  private ts = Math.floor(Math.random() * 2 ** 31);
  private energySum = 0;
  private frames = 0;
  private lastDtmfTimestamp = -1;
  private remoteFingerprint: string | null = null;
  private earlyAnswer: string | null = null;
  readonly stats: FarEndMediaStats = { packets: 0, energy: 0, dtmf: '', telephoneEventPackets: 0, firstPacketAt: null };
  /** Peer connections replaced because the other side came back with a new DTLS identity. */
  restarts = 0;
  private closed = false;

  constructor(
    private readonly options: {
      refuseReinvites: () => boolean;
      reinviteAnswerDelayMs: () => number;
      toneHz: number;
      echo?: boolean;
      oneWay?: boolean;
    },
  ) {
    this.tone = new ToneSource(options.toneHz);
    this.pc = this.createPeerConnection();
    // An echo sends back what it hears, frame for frame, and nothing of its own.
    this.timer = setInterval(() => {
      if (!options.echo) this.sendFrame();
    }, 20);
  }

  private createPeerConnection(): RTCPeerConnection {
    const pc = new RTCPeerConnection({
      iceServers: [], // werift's default is a public Google STUN server
      iceAdditionalHostAddresses: ['127.0.0.1'], // werift leaves out loopback otherwise
      iceUseIpv6: false,
      codecs: {
        audio: [
          new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: 0 }),
          new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, channels: 1, payloadType: 101 }),
        ],
      },
    });
    pc.addTransceiver(this.out, { direction: 'sendrecv' });
    pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        if (pc === this.pc) this.onRtp(rtp);
      });
    });
    return pc;
  }

  get transceiverDirections(): { direction: string; currentDirection: string | null } {
    const t = this.pc.getTransceivers()[0];
    return { direction: t?.direction ?? 'none', currentDirection: t?.currentDirection ?? null };
  }

  async getDescription(options?: SessionDescriptionHandlerOptions & { hold?: boolean }): Promise<BodyAndContentType> {
    const transceiver = this.pc.getTransceivers()[0];
    if (transceiver) transceiver.setDirection(options?.hold ? 'sendonly' : 'sendrecv');
    const description = this.pc.signalingState === 'have-remote-offer' ? await this.pc.createAnswer() : await this.pc.createOffer();
    await this.pc.setLocalDescription(description);
    if (this.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const timeout = setTimeout(resolve, 3_000);
        this.pc.iceGatheringStateChange.subscribe((state) => {
          if (state === 'complete') {
            clearTimeout(timeout);
            resolve();
          }
        });
      });
    }
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('werift produced no local description');
    return { body: sdp, contentType: 'application/sdp' };
  }

  /**
   * Applies the agent's answer now, before the 200 OK brings it: a far end whose media starts on
   * the answer at once (RFC 5763 §5: the offerer is ready for the answerer's DTLS before the
   * answer), so whatever the agent's side sends while it rings arrives here and is measured.
   * The 200 OK's copy of the same answer is then not applied again.
   */
  async applyEarlyAnswer(sdp: string): Promise<void> {
    this.earlyAnswer = sdp;
    this.remoteFingerprint = /^a=fingerprint:(.+)$/m.exec(sdp)?.[1]?.trim() ?? null;
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
  }

  async setDescription(sdp: string): Promise<void> {
    if (this.earlyAnswer !== null) {
      // Candidates may have been added since: the same answer is the same ICE credentials.
      const same = iceUfrag(sdp) === iceUfrag(this.earlyAnswer);
      this.earlyAnswer = null;
      if (same) return;
    }
    const renegotiation = this.pc.remoteDescription !== null && this.pc.signalingState === 'stable';
    const delay = renegotiation ? this.options.reinviteAnswerDelayMs() : 0;
    // A slow PBX or SBC: the re-INVITE's answer takes this long.
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (renegotiation && this.options.refuseReinvites()) {
      // sip.js answers a failed setDescription on a re-INVITE with 488 Not Acceptable Here.
      throw new Error('far end refuses re-INVITEs');
    }
    const fingerprint = /^a=fingerprint:(.+)$/m.exec(sdp)?.[1]?.trim() ?? null;
    if (renegotiation && this.remoteFingerprint !== null && fingerprint !== this.remoteFingerprint) {
      // The other side came back with a new DTLS identity (its media engine restarted). A PBX or
      // SBC starts a fresh DTLS session then; werift cannot renegotiate DTLS, so start over.
      const old = this.pc;
      this.pc = this.createPeerConnection();
      this.restarts += 1;
      void old.close().catch(() => undefined);
    }
    this.remoteFingerprint = fingerprint;
    const type = this.pc.signalingState === 'have-local-offer' ? 'answer' : 'offer';
    await this.pc.setRemoteDescription({ type, sdp });
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async rollbackDescription(): Promise<void> {
    // werift has no rollback; the lab's far end never needs one.
  }

  sendDtmf(): boolean {
    return false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    void this.pc.close().catch(() => undefined);
  }

  private sendFrame(payload: Buffer = this.tone.frame()): void {
    const header = new RtpHeader({ payloadType: 0, sequenceNumber: this.seq, timestamp: this.ts, marker: false });
    this.seq = (this.seq + 1) & 0xffff;
    this.ts = (this.ts + 160) >>> 0;
    this.out.writeRtp(new RtpPacket(header, payload));
  }

  private onRtp(rtp: RtpPacket): void {
    const pt = rtp.header.payloadType;
    if (pt === 0) {
      this.stats.packets += 1;
      this.stats.firstPacketAt ??= Date.now();
      this.energySum += payloadEnergy(rtp.payload);
      this.frames += 1;
      this.stats.energy = this.energySum / this.frames;
      // One-way audio: frames keep flowing back, but as PCMU silence (0xFF decodes to 0).
      if (this.options.echo) this.sendFrame(this.options.oneWay ? Buffer.alloc(rtp.payload.length, 0xff) : Buffer.from(rtp.payload));
      return;
    }
    if (rtp.payload.length === 4) {
      // RFC 4733: event, E|R|volume, duration; count each event once, on its first end packet.
      this.stats.telephoneEventPackets += 1;
      const event = rtp.payload[0] ?? 0;
      const end = ((rtp.payload[1] ?? 0) & 0x80) !== 0;
      if (end && rtp.header.timestamp !== this.lastDtmfTimestamp) {
        this.lastDtmfTimestamp = rtp.header.timestamp;
        this.stats.dtmf += DTMF_KEYS[event] ?? '?';
      }
    }
  }
}

export interface FarEndOptions {
  user: string;
  /** ws://127.0.0.1:5066 */
  server: string;
  domain?: string;
  /** Defaults to the lab's static credential, "secret-<user>". */
  password?: string;
  /** Answer inbound calls automatically after this many ms; null leaves them ringing. */
  autoAnswerMs?: number | null;
  toneHz?: number;
  /** The display name in its From header; defaults to "Customer <user>". */
  displayName?: string;
  /**
   * An echo test extension (as a PBX's Echo() application): answers like any far end and sends back
   * each PCMU frame it receives instead of its tone (the pre-shift check's test call).
   */
  echo?: boolean;
  /** With `echo`: a broken path back (one-way audio through a NAT or firewall): it sends silence instead of what it hears. */
  oneWay?: boolean;
}

/** One call at the far end. */
export class FarEndCall {
  readonly infos: string[] = [];
  /** The Content-Type of each INFO, in the order of `infos`. */
  readonly infoTypes: string[] = [];
  /** Answer INFO requests with this final status instead of 200 (a PBX that does not know a body). */
  refuseInfoWith: number | null = null;
  media: WeriftMedia | null = null;
  refuseReinvites = false;
  readonly established: Promise<void>;
  readonly terminated: Promise<void>;
  /** Date.now() when the session was established. */
  establishedAt: number | null = null;
  /** The other side ended the call with a BYE (not a CANCEL, a failure or our own hang-up). */
  byeReceived = false;

  constructor(readonly session: Session) {
    this.established = new Promise((resolve, reject) => {
      session.stateChange.addListener((state) => {
        if (state === SessionState.Established) {
          this.establishedAt = Date.now();
          resolve();
        }
        if (state === SessionState.Terminated) reject(new Error('call ended before it was established'));
      });
    });
    this.established.catch(() => undefined);
    this.terminated = new Promise((resolve) => {
      session.stateChange.addListener((state) => {
        if (state === SessionState.Terminated) resolve();
      });
    });
  }

  get state(): SessionState {
    return this.session.state;
  }

  get remoteUser(): string | undefined {
    return this.session.remoteIdentity.uri.user;
  }

  async answer(): Promise<void> {
    if (!(this.session instanceof Invitation)) throw new Error('not an inbound call');
    await this.session.accept();
  }

  async reject(statusCode = 486): Promise<void> {
    if (!(this.session instanceof Invitation)) throw new Error('not an inbound call');
    await this.session.reject({ statusCode });
  }

  async hangup(): Promise<void> {
    if (this.session.state === SessionState.Established) await this.session.bye();
    else if (this.session instanceof Inviter) await this.session.cancel();
    else if (this.session instanceof Invitation) await this.session.reject();
  }

  /** Puts the agent on hold from the far end. */
  async hold(hold: boolean): Promise<void> {
    this.session.sessionDescriptionHandlerOptionsReInvite = { hold } as SessionDescriptionHandlerOptions;
    await new Promise<void>((resolve, reject) => {
      void this.session.invite({ requestDelegate: { onAccept: () => resolve(), onReject: () => reject(new Error('hold refused')) } });
    });
  }
}

/**
 * A scripted far-end party: a sip.js UserAgent in Node (registered with the
 * lab's kamailio) whose media is werift. It calls, answers, refuses
 * re-INVITEs on demand, follows REFERs (the transferee) and accepts INVITEs
 * with Replaces (the attended-transfer target).
 */
export class FarEnd {
  readonly ua: UserAgent;
  readonly calls: FarEndCall[] = [];
  private registerer: Registerer | null = null;
  private readonly waiters: ((call: FarEndCall) => void)[] = [];
  private readonly pending: FarEndCall[] = [];
  /** Applies to calls created from now on. */
  refuseReinvites = false;
  /** A slow network (a VPN) on this party's side: its ACKs leave this much later. */
  ackDelayMs = 0;
  /** A slow far end: it answers re-INVITEs this much later. */
  reinviteAnswerDelayMs = 0;

  constructor(readonly options: FarEndOptions) {
    const domain = options.domain ?? '127.0.0.1';
    const uri = UserAgent.makeURI(`sip:${options.user}@${domain}`);
    if (!uri) throw new Error('bad far-end user');
    this.ua = new UserAgent({
      uri,
      transportOptions: { server: options.server, traceSip: false },
      authorizationUsername: options.user,
      authorizationPassword: options.password ?? `secret-${options.user}`,
      displayName: options.displayName ?? `Customer ${options.user}`,
      logBuiltinEnabled: false,
      sipExtensionReplaces: 'Supported' as never,
      sessionDescriptionHandlerFactory: (session) => {
        const call = this.calls.find((c) => c.session === session);
        const media = new WeriftMedia({
          refuseReinvites: () => call?.refuseReinvites ?? this.refuseReinvites,
          reinviteAnswerDelayMs: () => this.reinviteAnswerDelayMs,
          toneHz: options.toneHz ?? 440,
          echo: options.echo === true,
          oneWay: options.oneWay === true,
        });
        if (call) call.media = media;
        return media;
      },
      delegate: {
        onInvite: (invitation) => {
          const call = this.track(invitation);
          if (invitation.replacee) {
            // Attended transfer: the transferee's INVITE replaces the consultation call (sip.js sends its BYE).
            void invitation.accept().catch(() => undefined);
          } else if (this.options.autoAnswerMs !== null && this.options.autoAnswerMs !== undefined) {
            setTimeout(() => void invitation.accept().catch(() => undefined), this.options.autoAnswerMs);
          }
          const waiter = this.waiters.shift();
          if (waiter) waiter(call);
          else this.pending.push(call);
        },
      },
    });
  }

  async start(): Promise<void> {
    await this.ua.start();
    const transport = this.ua.transport;
    const send = transport.send.bind(transport);
    transport.send = (message: string) =>
      this.ackDelayMs > 0 && message.startsWith('ACK ')
        ? new Promise<void>((resolve) => setTimeout(resolve, this.ackDelayMs)).then(() => send(message))
        : send(message);
    const registerer = new Registerer(this.ua, { expires: 600 });
    this.registerer = registerer;
    const registered = new Promise<void>((resolve, reject) => {
      registerer.stateChange.addListener((state) => {
        if (state === RegistererState.Registered) resolve();
      });
      setTimeout(() => reject(new Error(`${this.options.user} did not register`)), 5_000);
    });
    await registerer.register();
    await registered;
  }

  async stop(): Promise<void> {
    for (const call of this.calls) call.media?.close();
    await this.registerer?.unregister().catch(() => undefined);
    await this.ua.stop().catch(() => undefined);
  }

  /** Calls `target` (a user at the lab's domain); resolves once the INVITE is sent. */
  async call(target: string): Promise<FarEndCall> {
    const uri = UserAgent.makeURI(`sip:${target}@${this.options.domain ?? '127.0.0.1'}`);
    if (!uri) throw new Error('bad target');
    const inviter = new Inviter(this.ua, uri);
    const call = this.track(inviter);
    await inviter.invite();
    return call;
  }

  /** The next inbound call (one already waiting, or the next to arrive). */
  nextIncoming(timeoutMs = 10_000): Promise<FarEndCall> {
    const ready = this.pending.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.options.user}: no incoming call within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((call) => {
        clearTimeout(timer);
        resolve(call);
      });
    });
  }

  private track(session: Session): FarEndCall {
    const call = new FarEndCall(session);
    call.refuseReinvites = this.refuseReinvites;
    this.calls.push(call);
    session.delegate = {
      onBye: (bye) => {
        call.byeReceived = true;
        void bye.accept();
      },
      onInfo: (info) => {
        call.infos.push(info.request.body);
        call.infoTypes.push(info.request.getHeader('Content-Type') ?? '');
        if (call.refuseInfoWith !== null) void info.reject({ statusCode: call.refuseInfoWith });
        else void info.accept();
      },
      onRefer: (referral) => {
        // The transferee: accept, then call whoever the REFER names (with Replaces for an attended transfer).
        void referral.accept().then(() => {
          const inviter = referral.makeInviter();
          this.track(inviter);
          return inviter.invite();
        });
      },
    };
    return call;
  }
}

function iceUfrag(sdp: string): string | null {
  return /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1] ?? null;
}

/** Keeps sip.js's platform module referenced (its Transport is the far end's, see the WebSocket note above). */
export const FAR_END_TRANSPORT = Web.Transport;
