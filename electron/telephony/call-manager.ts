import { randomUUID } from 'node:crypto';
import { Invitation, Inviter, SessionState, UserAgent, type Notification, type Session } from 'sip.js';
import { BridgeError } from '../../shared/bridge/errors';
import type { MediaConfig, RingMode } from '../../shared/telephony/contract';
import { cleanDisplayName, cleanNumber, dialTargetUri, parseDialTarget } from '../../shared/telephony/dial-target';
import type { Call, CallEnded, CallOffered, EndReason } from '../../shared/telephony/model';
import { QualityAccumulator, qualitySample, type RawAudioStats } from '../../shared/telephony/quality';
import type { DtmfMode, TelephonySettings } from '../../shared/telephony/settings';
import { errorName, type BridgeServer } from '../bridge/bridge-server';
import type { PlatformServices } from '../core/platform-services';
import type { Logger } from '../logging/logger';
import { INCOMPATIBLE_ANSWER_SENTENCE, INCOMPATIBLE_MEDIA_SENTENCE, assessSdp, warningHeader, type SipWarning } from '../../shared/telephony/sdp-offer';
import { MediaProxySdh } from './media-proxy-sdh';
import type { TelephonyEvents } from './telephony-events';
import type { TypedEmitter } from '../../shared/events/typed-emitter';

/** What the agent's phone answers to a method it refuses (405 Method Not Allowed must carry Allow). */
export const ALLOW_HEADER = 'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, NOTIFY, REFER, UPDATE';

/** One active call plus held and ringing ones; beyond this new calls get 486 Busy Here. */
export const MAX_LIVE_CALLS = 4;
/** How long a blind or attended transfer waits for the far end's final NOTIFY before leaving the call anyway. */
const TRANSFER_NOTIFY_TIMEOUT_MS = 30_000;
const QUALITY_INTERVAL_MS = 2_000;
/** What the agent reads on a ringing call lost with the server (onConnectionLost). */
export const RING_LOST_SENTENCE = 'The call was lost before it was answered: the connection to the phone server dropped.';
const DTMF_DURATION_MS = 120;
const DTMF_GAP_MS = 80;

type Ring = RingMode;

interface CallEntry {
  call: Call;
  session: Session;
  quality: QualityAccumulator;
  lastStats: RawAudioStats | null;
  statsInFlight: boolean;
  /** What the agent did last, to tell "rejected" from "missed" and "cancelled" from "failed". */
  localAction: 'reject' | 'hangup' | 'cancel' | null;
  /** Final SIP status of the INVITE or of the dialog's end. */
  finalCode: number | null;
  transferTimer: ReturnType<typeof setTimeout> | null;
  transferredTo: string | null;
  /** Set when a remote BYE arrives while a transfer of this call is under way. */
  ended: boolean;
  /** The media engine refused the far end's description (offer or answer): ends as incompatible-media. */
  incompatible: boolean;
  /** An outbound call's far end sent early media (183 with SDP): the agent hears it instead of our ringback. */
  earlyMedia: boolean;
  /** The offer or answer could not be made before the call was answered (no TURN relay under a relay-only policy…): the sentence the call ends with. */
  setupProblem: string | null;
}

export interface CallManagerDeps {
  bridge: BridgeServer;
  platform: PlatformServices;
  log: Logger;
  events: TypedEmitter<TelephonyEvents>;
  settings: () => TelephonySettings | null;
  userAgent: () => UserAgent | null;
  /** Registered and able to place calls; otherwise the agent-readable reason. */
  readiness: () => { ok: true } | { ok: false; reason: string };
  now: () => number;
}

/**
 * Every call the agent has: the sip.js sessions, the state the agent sees,
 * and the media engine's part of each (through MediaProxySdh). Hold and
 * resume change a call's state only when the far end accepted the re-INVITE.
 */
export class CallManager {
  private readonly calls = new Map<string, CallEntry>();
  private ringMode: Ring = 'off';
  private qualityTimer: ReturnType<typeof setInterval> | null = null;
  private readonly detachMediaListener: () => void;

  constructor(private readonly deps: CallManagerDeps) {
    this.detachMediaListener = deps.bridge.onMediaEngineChange((attached) => this.onMediaEngine(attached));
  }

  // ------------------------------------------------------------------ queries

  list(): Call[] {
    return [...this.calls.values()].filter((e) => !e.ended).map((e) => ({ ...e.call }));
  }

  /** A connected call with this SIP Call-ID (for answering its session refreshes). */
  hasEstablishedDialog(sipCallId: string): boolean {
    for (const entry of this.calls.values()) {
      const session = entry.session as Invitation | Inviter;
      if (!entry.ended && session.state === SessionState.Established && session.request.callId === sipCallId) return true;
    }
    return false;
  }

  get liveCount(): number {
    return this.list().length;
  }

  /** Creates the SDH sip.js asks for when a session needs media. */
  createSdh(session: Session): MediaProxySdh {
    const callId = typeof session.data === 'string' ? session.data : `orphan-${randomUUID()}`;
    return new MediaProxySdh(callId, this.deps.bridge, () => this.mediaConfig(callId), this.deps.log, {
      onMediaError: (method, error) => {
        const entry = this.calls.get(callId);
        if (!entry || entry.ended) return;
        if (method === 'telephony.media.setDescription' && error instanceof BridgeError && error.code === 'incompatible') {
          // sip.js answers the far end itself (480 to an INVITE, ACK + BYE to an answer); the agent
          // reads one sentence and the call ends as incompatible media, not "abandoned".
          entry.incompatible = true;
          // An answer refused after the 200 OK ends with sip.js's BYE (Reason: SIP;cause=488), not a final response.
          entry.finalCode ??= 488;
          this.update(entry, { problem: entry.call.direction === 'inbound' ? INCOMPATIBLE_MEDIA_SENTENCE : INCOMPATIBLE_ANSWER_SENTENCE });
          return;
        }
        if (method === 'telephony.media.getDescription' && entry.call.answeredAt === null) {
          // sip.js ends the session itself (nothing is sent for an offer never made; 488 to an INVITE it
          // could not answer) before dial's or answer's own catch sees the error: keep the sentence here,
          // so the call ends as failed and says why, not as "missed" (inbound) or with no reason.
          entry.setupProblem ??= this.problemFor(error);
        }
        if (method === 'telephony.media.getDescription' || method === 'telephony.media.setDescription') {
          if (!this.deps.bridge.hasMediaEngine) this.update(entry, { media: 'lost', problem: 'Audio is not available: the Switchboard window is closed.' });
        }
      },
    });
  }

  // ------------------------------------------------------------------ inbound

  onInvite(invitation: Invitation): void {
    const replacee = invitation.replacee;
    if (replacee) {
      this.acceptReplacement(invitation, replacee);
      return;
    }
    // Everything that refuses a call is decided here, before the 180 Ringing (sip.js's automatic
    // one is off): a caller hears ringing only from a call the agent is actually offered.
    const identity = invitation.assertedIdentity ?? invitation.remoteIdentity;
    const number = cleanNumber(identity.uri.user);
    const displayName = cleanDisplayName(identity.displayName || invitation.remoteIdentity.displayName);
    const live = [...this.calls.values()].filter((e) => !e.ended);
    const ringing = live.some((e) => e.call.status === 'ringing-in');
    if (live.length >= MAX_LIVE_CALLS || ringing) {
      // One call offered at a time: the agent can answer one, and a burst must not flash several.
      this.deps.log.info('refused inbound call: busy', { live: live.length, ringing });
      void invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    const sdp = offeredSdp(invitation);
    const offer = sdp === null ? null : assessSdp(sdp);
    if (offer && !offer.usable) {
      this.refuseIncompatible(invitation, number, displayName, offer.problem, offer.warning);
      return;
    }
    const waiting = live.length > 0;
    const entry = this.track(invitation, 'inbound', number, displayName, 'ringing-in', { waiting });
    this.deps.log.info('inbound call offered', { callId: entry.call.id, waiting });
    const offered: CallOffered = { callId: entry.call.id, number, displayName, at: entry.call.startedAt, waiting };
    // The agent's workflow may decline it here and now (Not ready, wrap-up, busy): then no 180.
    this.deps.events.emit('callOffered', offered);
    if (entry.ended || entry.localAction === 'reject' || invitation.state !== SessionState.Initial) return;
    invitation.progress().catch((error: unknown) => this.deps.log.debug('180 Ringing not sent', { error: errorName(error) }));
    this.deps.bridge.emit('telephony.callOffered', offered);
    this.deps.platform.notify({
      title: waiting ? 'Call waiting' : 'Incoming call',
      body: displayName ? `${displayName} · ${number}` : number,
      tag: `call-${entry.call.id}`,
    });
    this.deps.platform.focusWindow();
    this.updateRinger();
    if (this.deps.bridge.hasMediaEngine) this.prepareWhileRinging(entry, sdp);
  }

  /**
   * While it rings: open the microphone (so answering is quick) and hand the offer to the media
   * engine, which is the last word on whether it can be used. An offer it refuses is answered
   * 488 now, not when the agent clicks Answer.
   */
  private prepareWhileRinging(entry: CallEntry, sdp: string | null): void {
    const callId = entry.call.id;
    const config = this.mediaConfig(callId);
    this.deps.bridge
      .requestMedia('telephony.media.prepare', { callId, config })
      .then(() => (sdp && !entry.ended ? this.deps.bridge.requestMedia('telephony.media.setDescription', { callId, sdp, config, whileRinging: true }) : undefined))
      .catch((error: unknown) => {
        if (error instanceof BridgeError && error.code === 'incompatible' && !entry.ended && entry.session instanceof Invitation) {
          this.deps.log.warn('inbound offer refused by the media engine', { callId });
          this.refuseOffer(entry, entry.session, { code: 305, text: 'Incompatible media format' });
          return;
        }
        this.deps.log.debug('media prepare failed', { error: errorName(error) });
      });
  }

  /** An offer no engine of ours can use, found before any 180. */
  private refuseIncompatible(invitation: Invitation, number: string, displayName: string | null, problem: string, warning: SipWarning): void {
    this.deps.log.warn('refused inbound call: unusable session description', { problem, warning: warning.code });
    // Never rung: the agent sees only the ended call's sentence, not a ring that was never real.
    const entry = this.track(invitation, 'inbound', number, displayName, 'ringing-in', { waiting: false, silent: true });
    this.refuseOffer(entry, invitation, warning);
  }

  /** Answers the INVITE 488 with a Warning and ends the call as incompatible media, with the agent's one sentence. */
  private refuseOffer(entry: CallEntry, invitation: Invitation, warning: SipWarning): void {
    entry.localAction = 'reject';
    entry.incompatible = true;
    void invitation.reject({ statusCode: 488, extraHeaders: [warningHeader(warning, this.warningHost())] }).catch(() => undefined);
    this.finish(entry, 'incompatible-media', 488, INCOMPATIBLE_MEDIA_SENTENCE);
  }

  private warningHost(): string {
    return this.deps.userAgent()?.contact.uri.host ?? 'switchboard.invalid';
  }

  /** The agent is the target of an attended transfer: the new dialog takes over the call it replaces. */
  private acceptReplacement(invitation: Invitation, replacee: Session): void {
    const old = this.entryOf(replacee);
    const identity = invitation.assertedIdentity ?? invitation.remoteIdentity;
    const entry = this.track(invitation, 'inbound', cleanNumber(identity.uri.user), cleanDisplayName(identity.displayName), 'connecting', {
      waiting: false,
    });
    if (old) old.localAction = null;
    this.deps.log.info('call replaced by a transferred dialog', { callId: entry.call.id, replaces: old?.call.id ?? null });
    invitation.accept().catch((error: unknown) => {
      this.deps.log.warn('could not accept replacing call', { error: errorName(error) });
    });
  }

  // ------------------------------------------------------------------ commands

  async dial(input: string, options: { consultFor?: string } = {}): Promise<{ callId: string; dialled: string }> {
    const settings = this.requireSettings();
    const ready = this.deps.readiness();
    if (!ready.ok) throw new BridgeError('unavailable', ready.reason);
    const ua = this.deps.userAgent();
    if (!ua) throw new BridgeError('unavailable', 'The phone is not set up.');
    this.requireMediaEngine();
    const parsed = parseDialTarget(input, settings.defaultRegion);
    if (!parsed.ok) throw new BridgeError('invalid-payload', parsed.error, [`target: ${parsed.error}`]);
    const uri = UserAgent.makeURI(dialTargetUri(parsed.target, settings.domain));
    if (!uri) throw new BridgeError('invalid-payload', 'That address cannot be dialled.', ['target: not a valid SIP address']);
    if (this.liveCount >= MAX_LIVE_CALLS) throw new BridgeError('conflict', `You already have ${MAX_LIVE_CALLS} calls; end one first.`);

    const active = this.activeCall();
    if (active) await this.setHold(active, true);

    // Early media: a 183 with SDP (PSTN ringback, "the number you have dialled…") is played to the
    // agent. sip.js then needs the INVITE not to fork to several answering phones (see docs/interop.md).
    const inviter = new Inviter(ua, uri, { earlyMedia: true, sessionDescriptionHandlerOptions: {} });
    const entry = this.track(inviter, 'outbound', parsed.target.user, null, 'dialing', { waiting: false, consultFor: options.consultFor ?? null });
    this.deps.log.info('outbound call', { callId: entry.call.id, kind: parsed.target.kind, consult: Boolean(options.consultFor) });
    try {
      await inviter.invite({
        requestDelegate: {
          onProgress: (response) => {
            const code = response.message.statusCode ?? 0;
            if (code > 100 && code < 200 && response.message.body && !entry.earlyMedia) {
              // The far end plays its own ringback or announcement: ours would talk over it.
              entry.earlyMedia = true;
              this.deps.log.info('early media', { callId: entry.call.id, code });
              if (entry.call.status === 'dialing') this.update(entry, { status: 'ringing-out' });
              this.updateRinger();
            } else if ((code === 180 || code === 183) && entry.call.status === 'dialing') {
              this.update(entry, { status: 'ringing-out' });
              this.updateRinger();
            }
          },
          onReject: (response) => {
            entry.finalCode = response.message.statusCode ?? null;
          },
        },
      });
    } catch (error) {
      this.deps.log.warn('INVITE could not be sent', { callId: entry.call.id, error: errorName(error) });
      this.finish(entry, 'failed', null, this.problemFor(error));
      throw new BridgeError('failed', this.problemFor(error));
    }
    return { callId: entry.call.id, dialled: parsed.target.user };
  }

  async answer(callId: string): Promise<void> {
    const entry = this.require(callId);
    if (!(entry.session instanceof Invitation) || entry.call.status !== 'ringing-in') {
      throw new BridgeError('conflict', 'That call is not ringing.');
    }
    this.requireMediaEngine();
    const active = this.activeCall(entry);
    if (active) await this.setHold(active, true);
    this.update(entry, { status: 'connecting', waiting: false });
    this.updateRinger();
    try {
      await entry.session.accept({ sessionDescriptionHandlerOptions: {} });
    } catch (error) {
      this.deps.log.warn('answer failed', { callId, error: errorName(error) });
      this.finish(entry, entry.incompatible ? 'incompatible-media' : 'failed', null, this.problemFor(error));
      throw new BridgeError('failed', this.problemFor(error));
    }
  }

  /** `statusCode`: the final response (486 Busy Here by default; the agent workflow may send 480/600/603 per policy). */
  async reject(callId: string, statusCode = 486): Promise<void> {
    const entry = this.require(callId);
    if (!(entry.session instanceof Invitation) || entry.call.status !== 'ringing-in') {
      throw new BridgeError('conflict', 'Only a ringing call can be rejected.');
    }
    entry.localAction = 'reject';
    await entry.session.reject({ statusCode }).catch((error: unknown) => {
      this.deps.log.warn('reject failed', { callId, error: errorName(error) });
    });
    if (entry.session.state === SessionState.Terminated) this.finish(entry, 'rejected', statusCode);
  }

  async hangup(callId: string): Promise<void> {
    const entry = this.require(callId);
    const session = entry.session;
    try {
      if (session instanceof Invitation && session.state === SessionState.Initial) {
        entry.localAction = 'reject';
        await session.reject({ statusCode: 486 });
      } else if (session instanceof Inviter && (session.state === SessionState.Initial || session.state === SessionState.Establishing)) {
        entry.localAction = 'cancel';
        await session.cancel();
      } else if (session.state === SessionState.Established) {
        entry.localAction = 'hangup';
        await session.bye();
      } else {
        entry.localAction = 'hangup';
      }
    } catch (error) {
      this.deps.log.warn('hang-up request failed', { callId, error: errorName(error) });
      // The agent wants it gone: drop it locally even if the far end missed the BYE.
      this.finish(entry, 'local-hangup', null);
    }
  }

  async hold(callId: string): Promise<void> {
    const entry = this.require(callId);
    if (entry.call.status === 'held' && entry.call.holdPending === null) return;
    await this.setHold(entry, true);
  }

  async resume(callId: string): Promise<void> {
    const entry = this.require(callId);
    if (entry.call.status === 'active' && entry.call.holdPending === null) return;
    const active = this.activeCall(entry);
    if (active) await this.setHold(active, true);
    await this.setHold(entry, false);
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    const entry = this.require(callId);
    this.update(entry, { muted });
    if (entry.call.media !== 'ok' || !this.deps.bridge.hasMediaEngine) return;
    await this.deps.bridge.requestMedia('telephony.media.setMuted', { callId, muted }).catch((error: unknown) => {
      this.deps.log.warn('mute failed in the media engine', { callId, error: errorName(error) });
      throw new BridgeError('failed', 'The microphone could not be muted; the audio engine did not answer.');
    });
  }

  async sendDtmf(callId: string, tones: string): Promise<DtmfMode> {
    const entry = this.require(callId);
    if (entry.session.state !== SessionState.Established) throw new BridgeError('conflict', 'Keypad tones need a connected call.');
    const upper = tones.toUpperCase();
    const mode = this.requireSettings().dtmfMode;
    if (mode === 'rfc4733') {
      const result = await this.deps.bridge
        .requestMedia('telephony.media.sendDtmf', { callId, tones: upper, durationMs: DTMF_DURATION_MS, gapMs: DTMF_GAP_MS })
        .catch((error: unknown) => {
          this.deps.log.warn('RFC 4733 DTMF failed in the media engine', { callId, error: errorName(error) });
          return { sent: false };
        });
      if (result.sent) return 'rfc4733';
      this.deps.log.info('call has no telephone-event; sending DTMF as SIP INFO', { callId });
    }
    for (const tone of upper) {
      await entry.session.info({
        requestOptions: {
          body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=${DTMF_DURATION_MS}` },
        },
      });
    }
    return 'info';
  }

  async blindTransfer(callId: string, target: string): Promise<void> {
    const entry = this.require(callId);
    const settings = this.requireSettings();
    if (entry.session.state !== SessionState.Established) throw new BridgeError('conflict', 'Only a connected call can be transferred.');
    const parsed = parseDialTarget(target, settings.defaultRegion);
    if (!parsed.ok) throw new BridgeError('invalid-payload', parsed.error, [`target: ${parsed.error}`]);
    const uri = UserAgent.makeURI(dialTargetUri(parsed.target, settings.domain));
    if (!uri) throw new BridgeError('invalid-payload', 'That address cannot be dialled.', ['target: not a valid SIP address']);
    await this.refer(entry, uri, 'blind', parsed.target.user);
  }

  async consult(callId: string, target: string): Promise<{ callId: string }> {
    const entry = this.require(callId);
    if (entry.session.state !== SessionState.Established) throw new BridgeError('conflict', 'Only a connected call can be transferred.');
    if (entry.call.status !== 'held') await this.setHold(entry, true);
    const { callId: consultId } = await this.dial(target, { consultFor: callId });
    return { callId: consultId };
  }

  async completeTransfer(callId: string, consultCallId: string): Promise<void> {
    const entry = this.require(callId);
    const consult = this.require(consultCallId);
    if (entry.session.state !== SessionState.Established || consult.session.state !== SessionState.Established) {
      throw new BridgeError('conflict', 'Both calls must be connected to complete the transfer.');
    }
    await this.refer(entry, consult.session, 'attended', consult.call.remote.number);
  }

  /**
   * The connection to the SIP server dropped (UserAgentDelegate.onDisconnect with an error). An
   * inbound call still ringing came through that connection, and the caller's CANCEL can only
   * come back through it: without this the call would ring until sip.js's 180 s no-answer
   * timeout, the agent shown Ringing and every new caller refused 486 (one call rings at a time).
   * Answered calls are left alone: their media is peer to peer and their dialog survives a reconnect.
   */
  onConnectionLost(): void {
    // Delegates must not call back into sip.js synchronously.
    queueMicrotask(() => {
      for (const entry of [...this.calls.values()]) {
        const session = entry.session;
        if (entry.ended || !(session instanceof Invitation) || session.state !== SessionState.Initial) continue;
        this.deps.log.warn('ringing call lost with the SIP connection', { callId: entry.call.id });
        this.finish(entry, 'failed', null, RING_LOST_SENTENCE);
        // Ends the sip.js session and its no-answer timer; the 480 cannot reach a caller who is gone.
        session.reject({ statusCode: 480 }).catch(() => undefined);
      }
    });
  }

  /** Ends every call (shutdown). */
  async hangupAll(): Promise<void> {
    await Promise.all(this.list().map((c) => this.hangup(c.id).catch(() => undefined)));
  }

  close(): void {
    this.detachMediaListener();
    if (this.qualityTimer) clearInterval(this.qualityTimer);
    this.qualityTimer = null;
    for (const entry of this.calls.values()) if (entry.transferTimer) clearTimeout(entry.transferTimer);
  }

  /** A new engine knows nothing of a ringing call: tell it (only if something should sound). */
  refreshRinger(): void {
    this.ringMode = 'off';
    this.updateRinger();
  }

  // ------------------------------------------------------------------ internals

  private track(
    session: Inviter | Invitation,
    direction: 'inbound' | 'outbound',
    number: string,
    displayName: string | null,
    status: Call['status'],
    extra: { waiting: boolean; consultFor?: string | null; silent?: boolean },
  ): CallEntry {
    const id = randomUUID();
    session.data = id;
    const call: Call = {
      id,
      direction,
      status,
      remote: { number, displayName },
      muted: false,
      holdPending: null,
      remoteHold: false,
      media: 'none',
      waiting: extra.waiting,
      consultFor: extra.consultFor ?? null,
      transfer: null,
      startedAt: this.deps.now(),
      answeredAt: null,
      endedAt: null,
      holdSeconds: 0,
      heldSince: null,
      endReason: null,
      endCode: null,
      quality: null,
      problem: null,
    };
    const entry: CallEntry = {
      call,
      session,
      quality: new QualityAccumulator(),
      lastStats: null,
      statsInFlight: false,
      localAction: null,
      finalCode: null,
      transferTimer: null,
      transferredTo: null,
      ended: false,
      incompatible: false,
      earlyMedia: false,
      setupProblem: null,
    };
    this.calls.set(id, entry);
    session.delegate = {
      onBye: (bye) => {
        void bye.accept().catch(() => undefined);
        entry.localAction = null;
      },
      onInvite: (request, _response, statusCode) => {
        if (statusCode !== 200) return;
        // A re-INVITE from the far end: sendonly/inactive in its offer, or the RFC 2543 way
        // (c=IN IP4 0.0.0.0) that older PBXs still use, means it put us on hold.
        const body = request.body ?? '';
        const remoteHold = /^a=(sendonly|inactive)\s*$/m.test(body) || /^c=IN IP4 0\.0\.0\.0\s*$/m.test(body);
        if (remoteHold !== entry.call.remoteHold) this.update(entry, { remoteHold });
      },
      onRefer: (referral) => {
        // Following a REFER would let the far end make the agent's phone call anyone: decline.
        this.deps.log.info('declined incoming REFER', { callId: id });
        void referral.reject({ statusCode: 603 }).catch(() => undefined);
      },
      onInfo: (info) => {
        void info.accept().catch(() => undefined);
      },
      onMessage: (message) => {
        void message.reject({ statusCode: 405, extraHeaders: [ALLOW_HEADER] }).catch(() => undefined);
      },
    };
    session.stateChange.addListener((state) => this.onSessionState(entry, state));
    if (!extra.silent) this.emitCall(entry);
    return entry;
  }

  private onSessionState(entry: CallEntry, state: SessionState): void {
    if (state === SessionState.Established) {
      const now = this.deps.now();
      this.update(entry, { status: 'active', answeredAt: entry.call.answeredAt ?? now, media: this.deps.bridge.hasMediaEngine ? 'ok' : 'lost', waiting: false });
      this.deps.log.info('call established', { callId: entry.call.id, direction: entry.call.direction });
      this.deps.events.emit('callAnswered', { ...entry.call });
      this.updateRinger();
      this.ensureQualityTimer();
      if (entry.call.muted) void this.mute(entry.call.id, true).catch(() => undefined);
      return;
    }
    if (state !== SessionState.Terminated) return;
    // sip.js moves to Terminated before it hands the final response to our request delegate: read the code after it.
    queueMicrotask(() => this.onTerminated(entry));
  }

  private onTerminated(entry: CallEntry): void {
    const answered = entry.call.answeredAt !== null;
    let reason: EndReason;
    if (entry.call.transfer?.state === 'accepted' || (entry.call.transfer?.state === 'pending' && entry.localAction === null && answered)) {
      reason = 'transferred';
    } else if (entry.incompatible) reason = 'incompatible-media';
    else if (entry.localAction === 'reject') reason = 'rejected';
    else if (entry.localAction === 'cancel') reason = 'cancelled';
    else if (entry.localAction === 'hangup') reason = 'local-hangup';
    // After the agent's own actions: a hang-up while the offer was being made is not a failure.
    else if (entry.setupProblem !== null && !answered) reason = 'failed';
    else if (answered) reason = this.isReplaced(entry) ? 'replaced' : this.wasConsultTransferred(entry) ? 'transferred' : 'remote-hangup';
    else if (entry.call.direction === 'inbound') reason = 'missed';
    else reason = reasonForCode(entry.finalCode);
    this.finish(entry, reason, entry.finalCode, reason === 'failed' ? entry.setupProblem : null);
  }

  /** Ends the call in our books: events with the log summary, ringer, media. */
  private finish(entry: CallEntry, reason: EndReason, code: number | null, problem: string | null = null): void {
    if (entry.ended) return;
    entry.ended = true;
    if (entry.transferTimer) clearTimeout(entry.transferTimer);
    const now = this.deps.now();
    const holdSeconds = entry.call.holdSeconds + (entry.call.heldSince !== null ? (now - entry.call.heldSince) / 1000 : 0);
    this.update(entry, {
      status: 'ended',
      endedAt: now,
      endReason: reason,
      endCode: code,
      holdSeconds: round1(holdSeconds),
      heldSince: null,
      holdPending: null,
      media: 'none',
      problem: problem ?? entry.call.problem,
    });
    const ended: CallEnded = {
      callId: entry.call.id,
      direction: entry.call.direction,
      remoteNumber: entry.call.remote.number,
      remoteDisplayName: entry.call.remote.displayName,
      startedAt: entry.call.startedAt,
      answeredAt: entry.call.answeredAt,
      endedAt: now,
      talkSeconds: entry.call.answeredAt === null ? 0 : round1((now - entry.call.answeredAt) / 1000),
      holdSeconds: round1(holdSeconds),
      endReason: reason,
      endCode: code,
      transferredTo: reason === 'transferred' ? (entry.transferredTo ?? entry.call.transfer?.target ?? null) : null,
      consultFor: entry.call.consultFor,
      quality: entry.quality.summary(),
      // The reason this end was a failure, not a problem seen earlier in the call (a refused hold).
      problem: problem ?? (reason === 'incompatible-media' ? entry.call.problem : null),
    };
    this.deps.log.info('call ended', { callId: entry.call.id, reason, code });
    this.releaseMedia(entry.call.id);
    this.deps.events.emit('callEnded', ended);
    this.deps.bridge.emit('telephony.callEnded', ended);
    this.calls.delete(entry.call.id);
    this.updateRinger();
    if (![...this.calls.values()].some((e) => e.call.status === 'active' || e.call.status === 'held')) {
      if (this.qualityTimer) clearInterval(this.qualityTimer);
      this.qualityTimer = null;
    }
  }

  /**
   * Every ended call releases its media in the engine: sip.js closes the handlers it made, but a
   * call that rang and was cancelled, declined or missed had its microphone and connection opened
   * while ringing, before sip.js made any. The engine ignores ids it no longer has.
   */
  private releaseMedia(callId: string): void {
    if (!this.deps.bridge.hasMediaEngine) return;
    this.deps.bridge.requestMedia('telephony.media.close', { callId }).catch(() => undefined);
  }

  private isReplaced(entry: CallEntry): boolean {
    return [...this.calls.values()].some((e) => e.session.replacee === entry.session);
  }

  /** A consultation leg that the transfer target hangs up (it was replaced by the customer's dialog). */
  private wasConsultTransferred(entry: CallEntry): boolean {
    if (!entry.call.consultFor) return false;
    const original = this.calls.get(entry.call.consultFor);
    return original?.call.transfer?.kind === 'attended' && original.call.transfer.state !== 'failed';
  }

  /** Sends a hold or resume re-INVITE and changes the state only if the far end accepts it. */
  private setHold(entry: CallEntry, hold: boolean): Promise<void> {
    const session = entry.session;
    if (session.state !== SessionState.Established) return Promise.reject(new BridgeError('conflict', 'Only a connected call can be held.'));
    if (entry.call.holdPending !== null) return Promise.reject(new BridgeError('conflict', 'A hold or resume for this call is already in progress.'));
    if (hold && entry.call.status === 'held') return Promise.resolve();
    if (!hold && entry.call.status === 'active') return Promise.resolve();
    this.update(entry, { holdPending: hold ? 'hold' : 'resume' });
    session.sessionDescriptionHandlerOptionsReInvite = { hold } as never;
    return new Promise<void>((resolve, reject) => {
      const refuse = (code: number | null, detail?: string): void => {
        // The far end said no: the call stays as it was (sip.js #685 shows it held anyway).
        session.sessionDescriptionHandlerOptionsReInvite = { hold: !hold } as never;
        const problem = `The other side refused to ${hold ? 'hold' : 'resume'} the call${code ? ` (${code})` : ''}${detail ? `: ${detail}` : ''}.`;
        this.update(entry, { holdPending: null, problem });
        this.deps.log.warn('hold re-INVITE refused', { callId: entry.call.id, hold, code });
        reject(new BridgeError('conflict', problem));
      };
      session
        .invite({
          requestDelegate: {
            onAccept: () => {
              const now = this.deps.now();
              if (hold) {
                this.update(entry, { status: 'held', holdPending: null, heldSince: now, problem: null });
                this.deps.events.emit('callHeld', { ...entry.call });
              } else {
                const held = entry.call.heldSince === null ? 0 : (now - entry.call.heldSince) / 1000;
                this.update(entry, { status: 'active', holdPending: null, heldSince: null, holdSeconds: round1(entry.call.holdSeconds + held), problem: null });
                this.deps.events.emit('callResumed', { ...entry.call });
              }
              resolve();
            },
            onReject: (response) => refuse(response.message.statusCode ?? null),
          },
        })
        .catch((error: unknown) => refuse(null, this.problemFor(error)));
    });
  }

  private async refer(entry: CallEntry, target: ReturnType<typeof UserAgent.makeURI> | Session, kind: 'blind' | 'attended', label: string): Promise<void> {
    if (!target) return;
    if (entry.call.transfer?.state === 'pending') throw new BridgeError('conflict', 'A transfer of this call is already in progress.');
    this.update(entry, { transfer: { kind, state: 'pending', target: label, code: null }, problem: null });
    entry.transferredTo = label;
    const fail = (code: number | null): void => {
      if (entry.ended) return;
      if (entry.transferTimer) clearTimeout(entry.transferTimer);
      entry.transferTimer = null;
      const problem = `The transfer to ${label} failed${code ? ` (${code})` : ''}; the caller is still with you.`;
      this.update(entry, { transfer: { kind, state: 'failed', target: label, code }, problem });
      this.deps.log.warn('transfer failed', { callId: entry.call.id, kind, code });
    };
    const succeed = (): void => {
      if (entry.ended) return;
      if (entry.transferTimer) clearTimeout(entry.transferTimer);
      entry.transferTimer = null;
      this.update(entry, { transfer: { kind, state: 'accepted', target: label, code: null } });
      this.deps.log.info('transfer completed', { callId: entry.call.id, kind });
      if (entry.session.state === SessionState.Established) {
        entry.session.bye().catch(() => this.finish(entry, 'transferred', null));
      }
    };
    const onNotify = (notification: Notification): void => {
      void notification.accept().catch(() => undefined);
      const body = notification.request.body ?? '';
      const match = /^SIP\/2\.0\s+(\d{3})/m.exec(body);
      const code = match ? Number(match[1]) : 0;
      if (code >= 200 && code < 300) succeed();
      else if (code >= 300) fail(code);
    };
    await new Promise<void>((resolve, reject) => {
      entry.session
        .refer(target as never, {
          onNotify,
          requestDelegate: {
            onAccept: () => {
              // The far end took the REFER; its NOTIFY says how the new call went. Leave anyway if it never says.
              entry.transferTimer = setTimeout(() => succeed(), TRANSFER_NOTIFY_TIMEOUT_MS);
              entry.transferTimer.unref?.();
              resolve();
            },
            onReject: (response) => {
              fail(response.message.statusCode ?? null);
              reject(new BridgeError('conflict', entry.call.problem ?? 'The transfer was refused.'));
            },
          },
        })
        .catch((error: unknown) => {
          fail(null);
          reject(new BridgeError('failed', this.problemFor(error)));
        });
    });
  }

  private onMediaEngine(attached: boolean): void {
    if (!attached) {
      for (const entry of this.calls.values()) {
        if (entry.ended || entry.session.state !== SessionState.Established) continue;
        this.update(entry, { media: 'lost', problem: 'Audio lost: the Switchboard window closed or reloaded. It comes back when the window does.' });
      }
      return;
    }
    this.refreshRinger();
    for (const entry of this.calls.values()) {
      if (!entry.ended && entry.session.state === SessionState.Established && entry.call.media === 'lost') void this.restoreMedia(entry);
    }
  }

  /** The window came back: renegotiate the call's media with a fresh connection in the new engine. */
  private async restoreMedia(entry: CallEntry): Promise<void> {
    if (entry.call.holdPending !== null) return;
    this.update(entry, { media: 'restoring' });
    entry.lastStats = null;
    const hold = entry.call.status === 'held';
    entry.session.sessionDescriptionHandlerOptionsReInvite = { hold } as never;
    await new Promise<void>((resolve) => {
      entry.session
        .invite({
          requestDelegate: {
            onAccept: () => {
              this.update(entry, { media: 'ok', problem: null });
              this.deps.log.info('call media restored', { callId: entry.call.id });
              resolve();
            },
            onReject: (response) => {
              this.update(entry, { media: 'lost', problem: `Audio could not be restored (${response.message.statusCode ?? '?'}); hang up and call back.` });
              resolve();
            },
          },
        })
        .catch(() => {
          this.update(entry, { media: 'lost', problem: 'Audio could not be restored; hang up and call back.' });
          resolve();
        });
    });
  }

  private ensureQualityTimer(): void {
    if (this.qualityTimer) return;
    this.qualityTimer = setInterval(() => void this.pollQuality(), QUALITY_INTERVAL_MS);
    this.qualityTimer.unref?.();
  }

  private async pollQuality(): Promise<void> {
    if (!this.deps.bridge.hasMediaEngine) return;
    await Promise.all(
      [...this.calls.values()]
        .filter((e) => !e.ended && !e.statsInFlight && e.call.media === 'ok' && (e.call.status === 'active' || e.call.status === 'held'))
        .map(async (entry) => {
          entry.statsInFlight = true;
          try {
            const { stats } = await this.deps.bridge.requestMedia('telephony.media.stats', { callId: entry.call.id }, { timeoutMs: 1_500 });
            if (!stats || entry.ended) return;
            const sample = qualitySample(entry.lastStats, stats);
            entry.lastStats = stats;
            // Held calls carry no audio on purpose: they would drag the call's score down.
            if (entry.call.status === 'active' && entry.call.holdPending === null) entry.quality.add(sample);
            this.update(entry, { quality: sample });
          } catch {
            // A slow or missing engine shows up in the call's media state, not here.
          } finally {
            entry.statsInFlight = false;
          }
        }),
    );
  }

  private updateRinger(): void {
    const entries = [...this.calls.values()].filter((e) => !e.ended);
    const ringing = entries.some((e) => e.call.status === 'ringing-in');
    const busy = entries.some((e) => e.call.status === 'active' || e.call.status === 'held' || e.call.status === 'connecting');
    const ringback = entries.some((e) => e.call.status === 'ringing-out' && !e.earlyMedia);
    const mode: Ring = ringing ? (busy ? 'soft' : 'ring') : ringback ? 'ringback' : 'off';
    if (mode === this.ringMode) return;
    this.ringMode = mode;
    if (!this.deps.bridge.hasMediaEngine) return;
    this.deps.bridge
      .requestMedia('telephony.media.ring', { mode })
      .then((result) => {
        if (!result.playing && mode !== 'off' && mode !== 'ringback' && result.problem) {
          this.deps.log.warn('ringtone could not play', { problem: result.problem.slice(0, 100) });
        }
      })
      .catch(() => undefined);
  }

  private activeCall(except?: CallEntry): CallEntry | null {
    for (const entry of this.calls.values()) {
      if (entry === except || entry.ended) continue;
      if (entry.call.status === 'active' || (entry.call.status === 'held' && entry.call.holdPending === 'resume')) return entry;
    }
    return null;
  }

  private entryOf(session: Session): CallEntry | undefined {
    return typeof session.data === 'string' ? this.calls.get(session.data) : undefined;
  }

  private require(callId: string): CallEntry {
    const entry = this.calls.get(callId);
    if (!entry || entry.ended) throw new BridgeError('not-found', 'That call has already ended.');
    return entry;
  }

  private requireSettings(): TelephonySettings {
    const settings = this.deps.settings();
    if (!settings) throw new BridgeError('unavailable', 'The phone is not set up: enter your SIP account first.');
    return settings;
  }

  private requireMediaEngine(): void {
    if (!this.deps.bridge.hasMediaEngine) {
      throw new BridgeError('unavailable', 'The audio engine is not running: open the Switchboard window.');
    }
  }

  private mediaConfig(callId: string): MediaConfig {
    const settings = this.deps.settings();
    return {
      iceServers: settings?.iceServers ?? [],
      iceTransportPolicy: settings?.iceTransportPolicy ?? 'all',
      iceGatheringTimeoutMs: settings?.iceGatheringTimeoutMs ?? 1_000,
      muted: this.calls.get(callId)?.call.muted ?? false,
    };
  }

  private problemFor(error: unknown): string {
    if (error instanceof BridgeError) return error.message;
    return 'The call could not be set up; the details are in the log.';
  }

  private update(entry: CallEntry, patch: Partial<Call>): void {
    entry.call = { ...entry.call, ...patch };
    this.emitCall(entry);
  }

  private emitCall(entry: CallEntry): void {
    const snapshot = { ...entry.call };
    this.deps.bridge.emit('telephony.call', snapshot);
    this.deps.events.emit('callUpdated', snapshot);
  }
}

/** The INVITE's SDP offer; null for a late offer (no body) or a body sip.js cannot use anyway (it answers 415). */
function offeredSdp(invitation: Invitation): string | null {
  const body = invitation.body;
  const type = invitation.request.getHeader('content-type') ?? '';
  return body && /^\s*application\/sdp\b/i.test(type) ? body : null;
}

function reasonForCode(code: number | null): EndReason {
  switch (code) {
    case 486:
    case 600:
      return 'busy';
    case 408:
    case 480:
      return 'no-answer';
    case 603:
      return 'declined';
    case 404:
    case 484:
    case 604:
      return 'not-found';
    case 487:
      return 'cancelled';
    default:
      return 'failed';
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
