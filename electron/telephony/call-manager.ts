import { randomUUID } from 'node:crypto';
import { Invitation, Inviter, SessionState, UserAgent, type Session, type URI } from 'sip.js';
import type { OverrideInput } from '../../shared/agent/do-not-call';
import { BridgeError } from '../../shared/bridge/errors';
import { dialTargetUri, parseDialTarget, type DialTarget } from '../../shared/telephony/dial-target';
import type { PhoneView } from '../../shared/telephony/contract';
import type { Call, EndReason } from '../../shared/telephony/model';
import { DEFAULT_RECORDING_PAUSE, type RecordingPauseOrigin } from '../../shared/telephony/recording-pause';
import { fitHandoff, userToUserHeader, type WarmHandoff } from '../../shared/telephony/user-to-user';
import type { DtmfMode, TelephonySettings } from '../../shared/telephony/settings';
import { englishOf, userText, type UserText } from '../../shared/text/user-text';
import { errorName } from '../bridge/bridge-server';
import {
  CallBook,
  MAX_LIVE_CALLS,
  newEntry,
  problemFor,
  type CallEntry,
  type CallLifecycle,
  type CallManagerDeps,
  type TrackOptions,
} from './call-book';
import { endOf, endReason, NO_QUALITY } from './call-end';
import { CallMedia } from './call-media';
import { farEndRequests } from './dialog-requests';
import { sendDtmf } from './dtmf';
import { outboundProgress } from './early-media';
import { HoldControl } from './hold';
import { InboundOffers } from './inbound-offer';
import type { MediaProxySdh } from './media-proxy-sdh';
import { PhoneViewPush } from './phone-view';
import { RecordingPauses } from './recording-pause';
import { Ringer } from './ringer';
import { Transfers } from './transfer';

export { MAX_LIVE_CALLS, type CallManagerDeps } from './call-book';
export { ALLOW_HEADER } from './dialog-requests';
export { RING_LOST_TEXT } from './inbound-offer';

/**
 * Every call the agent has: the sip.js sessions, the state the agent sees,
 * and the media engine's part of each (through MediaProxySdh). Hold and
 * resume change a call's state only when the far end accepted the re-INVITE.
 * This is the entry point and keeps each call's life (tracked, connected,
 * ended); the parts of a call live beside it: inbound offers, hold,
 * transfer, media, early media, DTMF and the ringer. What the agent sees of it all is one phone
 * view (phone-view.ts), pushed once per change.
 */
export class CallManager {
  private readonly book: CallBook;
  private readonly ringer: Ringer;
  private readonly phoneView: PhoneViewPush;
  private readonly media: CallMedia;
  private readonly holds: HoldControl;
  private readonly transfers: Transfers;
  private readonly inbound: InboundOffers;
  private readonly recording: RecordingPauses;

  constructor(private readonly deps: CallManagerDeps) {
    this.book = new CallBook(deps, () => this.phoneView.changed());
    this.ringer = new Ringer(this.book, () => this.phoneView.changed());
    this.phoneView = new PhoneViewPush(deps.bridge, this.book, () => this.ringer.current);
    // A new engine has no view yet: the bridge sends it the next push whatever it holds.
    this.media = new CallMedia(deps, this.book, () => this.phoneView.changed());
    // A hold the far end refused leaves the microphone as the call's state says (call-media.ts, microphoneOff).
    this.holds = new HoldControl(deps, this.book, (entry) => void this.media.syncMicrophone(entry));
    this.recording = new RecordingPauses({ ...deps, config: deps.recordingPause ?? (() => DEFAULT_RECORDING_PAUSE) }, this.book);
    const life: CallLifecycle = {
      track: (...args) => this.track(...args),
      finish: (...args) => this.finish(...args),
    };
    this.transfers = new Transfers(deps, this.book, life);
    this.inbound = new InboundOffers(deps, this.book, this.media, this.ringer, life);
  }

  // ------------------------------------------------------------------ queries

  list(): Call[] {
    return this.book.live().map((e) => ({ ...e.call }));
  }

  /** The phone view as the renderer mirrors it. */
  view(): PhoneView {
    return this.phoneView.view();
  }

  /** A connected call with this SIP Call-ID (for answering its session refreshes). */
  hasEstablishedDialog(sipCallId: string): boolean {
    for (const entry of this.book.all()) {
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
    return this.media.createSdh(session);
  }

  // ------------------------------------------------------------------ inbound

  onInvite(invitation: Invitation): void {
    this.inbound.onInvite(invitation);
  }

  /** The connection to the SIP server dropped: ringing inbound calls are lost with it (InboundOffers.onConnectionLost). */
  onConnectionLost(): void {
    this.inbound.onConnectionLost();
  }

  // ------------------------------------------------------------------ commands

  async dial(
    input: string,
    options: { consultFor?: string; doNotCallOverride?: OverrideInput | null; handoff?: WarmHandoff | null } = {},
  ): Promise<{ callId: string; dialled: string }> {
    const settings = this.requireSettings();
    const ready = this.deps.readiness();
    if (!ready.ok) throw new BridgeError('unavailable', ready.reason);
    const ua = this.deps.userAgent();
    if (!ua) throw new BridgeError('unavailable', userText('telephony.refusal.notSetUp'));
    this.media.requireEngine();
    const { uri, target } = sipTarget(input, settings);
    if (this.liveCount >= MAX_LIVE_CALLS)
      throw new BridgeError('conflict', userText('telephony.refusal.tooManyCalls', { maximum: MAX_LIVE_CALLS }));
    // Before the agent's call is held and before the INVITE: a refused dial leaves no trace on the network.
    const doNotCallOverride = (await this.deps.outboundGuard?.check(target, options.doNotCallOverride ?? null)) ?? null;
    await this.holds.holdActive();

    // Early media: a 183 with SDP (PSTN ringback, "the number you have dialled…") is played to the
    // agent. sip.js then needs the INVITE not to fork to several answering phones (see docs/interop.md).
    // A warm transfer's case context rides in the INVITE (RFC 7433 User-to-User, docs/interop.md), as sent: fitted to its size cap.
    const handoff = options.handoff ? fitHandoff(options.handoff) : null;
    const inviter = new Inviter(ua, uri, {
      earlyMedia: true,
      sessionDescriptionHandlerOptions: {},
      ...(handoff ? { extraHeaders: [userToUserHeader(handoff)] } : {}),
    });
    const entry = this.track(inviter, 'outbound', target.user, null, 'dialing', {
      waiting: false,
      consultFor: options.consultFor ?? null,
      doNotCallOverride,
      handoff,
    });
    this.deps.log.info('outbound call', { callId: entry.call.id, kind: target.kind, consult: Boolean(options.consultFor) });
    try {
      await inviter.invite({
        requestDelegate: {
          onProgress: outboundProgress(entry, this.book, this.ringer, this.deps.log),
          onReject: (response) => {
            entry.finalCode = response.message.statusCode ?? null;
          },
        },
      });
    } catch (error) {
      this.deps.log.warn('INVITE could not be sent', { callId: entry.call.id, error: errorName(error) });
      this.finish(entry, 'failed', null, problemFor(error));
      throw new BridgeError('failed', problemFor(error));
    }
    return { callId: entry.call.id, dialled: target.user };
  }

  async answer(callId: string): Promise<void> {
    const entry = this.book.require(callId);
    if (!(entry.session instanceof Invitation) || entry.call.status !== 'ringing-in') {
      throw new BridgeError('conflict', userText('telephony.refusal.notRinging'));
    }
    this.media.requireEngine();
    await this.holds.holdActive(entry);
    this.book.update(entry, { status: 'connecting', waiting: false });
    this.ringer.update();
    try {
      await entry.session.accept({ sessionDescriptionHandlerOptions: {} });
    } catch (error) {
      this.deps.log.warn('answer failed', { callId, error: errorName(error) });
      this.finish(entry, entry.incompatible ? 'incompatible-media' : 'failed', null, problemFor(error));
      throw new BridgeError('failed', problemFor(error));
    }
  }

  /** `statusCode`: the final response (486 Busy Here by default; the agent workflow may send 480/600/603 per policy). */
  async reject(callId: string, statusCode = 486): Promise<void> {
    const entry = this.book.require(callId);
    if (!(entry.session instanceof Invitation) || entry.call.status !== 'ringing-in') {
      throw new BridgeError('conflict', userText('telephony.refusal.rejectNotRinging'));
    }
    entry.localAction = 'reject';
    await entry.session.reject({ statusCode }).catch((error: unknown) => {
      this.deps.log.warn('reject failed', { callId, error: errorName(error) });
    });
    if (entry.session.state === SessionState.Terminated) this.finish(entry, 'rejected', statusCode);
    await entry.recorded;
  }

  async hangup(callId: string): Promise<void> {
    const entry = this.book.require(callId);
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
    // A call that has ended answers with its end record made (the call log has it, the view shows it).
    // sip.js ends the session a microtask after the BYE's answer (onSessionState): let that run first.
    await Promise.resolve();
    await entry.recorded;
  }

  async hold(callId: string): Promise<void> {
    await this.holds.hold(this.book.require(callId));
  }

  async resume(callId: string): Promise<void> {
    await this.holds.resume(this.book.require(callId));
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    await this.media.mute(this.book.require(callId), muted);
  }

  /**
   * PCI secure pause: asks the PBX to stop recording the call (the button, the shortcut, or a guided
   * script's payment step, `by`). Answers once the PBX confirmed it (INFO) or the code went out (DTMF).
   */
  async pauseRecording(callId: string, by: RecordingPauseOrigin = 'agent'): Promise<void> {
    await this.recording.pause(this.book.require(callId), by);
  }

  async resumeRecording(callId: string): Promise<void> {
    await this.recording.resume(this.book.require(callId));
  }

  /** Keys typed while paused are the card number: sendDtmf never logs tones, and the SIP trace keeps no bodies. */
  async sendDtmf(callId: string, tones: string): Promise<DtmfMode> {
    const entry = this.book.require(callId);
    if (entry.session.state !== SessionState.Established)
      throw new BridgeError('conflict', userText('telephony.refusal.keypadNotConnected'));
    const upper = tones.toUpperCase();
    return sendDtmf(entry.session, callId, upper, this.requireSettings().dtmfMode, this.deps);
  }

  async blindTransfer(callId: string, target: string): Promise<void> {
    const entry = this.book.require(callId);
    const settings = this.requireSettings();
    if (entry.session.state !== SessionState.Established)
      throw new BridgeError('conflict', userText('telephony.refusal.transferNotConnected'));
    const { uri, target: parsed } = sipTarget(target, settings);
    await this.transfers.refer(entry, uri, 'blind', parsed.user);
  }

  /**
   * Attended transfer, first half: the customer goes on hold and `target` is called on a
   * consultation leg. The agent then completes (completeTransfer) or cancels (cancelTransfer); a
   * consultation that fails leaves the customer on hold with the reason on their call
   * (Transfers.consultEnded). `context`: a warm transfer's case, sent in a User-to-User header with
   * the agent's name as `from`.
   */
  async consult(callId: string, target: string, context?: Omit<WarmHandoff, 'from'>): Promise<{ callId: string }> {
    const entry = this.book.require(callId);
    if (entry.session.state !== SessionState.Established)
      throw new BridgeError('conflict', userText('telephony.refusal.transferNotConnected'));
    if (this.book.live().some((e) => e.call.consultFor === callId))
      throw new BridgeError('conflict', userText('telephony.refusal.consultInProgress'));
    if (entry.call.status !== 'held') await this.holds.set(entry, true);
    const settings = this.requireSettings();
    const handoff = context ? { ...context, from: settings.displayName ?? settings.username } : null;
    // A stale "Tier 2 did not answer" from an earlier consultation goes with the new one.
    if (entry.call.problem !== null) this.book.update(entry, { problem: null });
    const { callId: consultId } = await this.dial(target, { consultFor: callId, handoff });
    return { callId: consultId };
  }

  /**
   * Attended transfer, the agent changed their mind: the consultation ends (CANCEL while it rings,
   * BYE once answered) and the customer is taken off hold. Answers once the customer is back.
   */
  async cancelTransfer(consultCallId: string): Promise<void> {
    const consult = this.book.require(consultCallId);
    const originalId = consult.call.consultFor;
    if (originalId === null) throw new BridgeError('conflict', userText('telephony.refusal.notAConsultation'));
    const original = this.book.get(originalId);
    if (original?.call.transfer?.state === 'pending') throw new BridgeError('conflict', userText('telephony.refusal.transferCompleting'));
    await this.hangup(consultCallId);
    if (original && !original.ended && original.call.status === 'held') await this.holds.resume(original);
  }

  async completeTransfer(callId: string, consultCallId: string): Promise<void> {
    const entry = this.book.require(callId);
    const consult = this.book.require(consultCallId);
    if (entry.session.state !== SessionState.Established || consult.session.state !== SessionState.Established) {
      throw new BridgeError('conflict', userText('telephony.refusal.completeNotConnected'));
    }
    await this.transfers.refer(entry, consult.session, 'attended', consult.call.remote.number);
  }

  /** Ends every call (shutdown). */
  async hangupAll(): Promise<void> {
    await Promise.all(this.list().map((c) => this.hangup(c.id).catch(() => undefined)));
  }

  close(): void {
    this.media.close();
    this.phoneView.close();
    for (const entry of this.book.all()) if (entry.transferTimer) clearTimeout(entry.transferTimer);
  }

  // ------------------------------------------------------------------ a call's life

  private track(
    session: Inviter | Invitation,
    direction: Call['direction'],
    number: string,
    displayName: string | null,
    status: Call['status'],
    extra: TrackOptions,
  ): CallEntry {
    const id = randomUUID();
    session.data = id;
    const entry = newEntry(id, session, direction, { number, displayName }, status, extra, this.deps.now(), session instanceof Invitation);
    const recording = this.recording.initial();
    if (recording) entry.call.recording = recording;
    this.book.add(entry);
    session.delegate = farEndRequests(entry, this.book, this.deps.log);
    session.stateChange.addListener((state) => this.onSessionState(entry, state));
    if (!extra.silent) this.book.emit(entry);
    return entry;
  }

  private onSessionState(entry: CallEntry, state: SessionState): void {
    if (state === SessionState.Established) {
      const now = this.deps.now();
      this.book.update(entry, {
        status: 'active',
        answeredAt: entry.call.answeredAt ?? now,
        media: this.deps.bridge.hasMediaEngine ? 'ok' : 'lost',
        waiting: false,
      });
      this.deps.log.info('call established', { callId: entry.call.id, direction: entry.call.direction });
      this.deps.events.emit('callAnswered', { ...entry.call });
      this.ringer.update();
      if (entry.call.muted) void this.mute(entry.call.id, true).catch(() => undefined);
      return;
    }
    if (state !== SessionState.Terminated) return;
    // sip.js moves to Terminated before it hands the final response to our request delegate: read the code after it.
    queueMicrotask(() => {
      const reason = endReason(entry, this.book);
      this.finish(entry, reason, entry.finalCode, reason === 'failed' ? entry.setupProblem : null);
    });
  }

  /**
   * Ends the call in our books: ringer, media, and the events with the log summary. The summary
   * carries the quality the media engine measured, which it answers when it closes the call's
   * media (one round trip, none without an engine); the phone view waits for it, so the call's end
   * and its record reach the renderer in one push.
   */
  private finish(entry: CallEntry, reason: EndReason, code: number | null, problem: UserText | null = null): void {
    if (entry.ended) return;
    entry.ended = true;
    entry.settleAck();
    if (entry.transferTimer) clearTimeout(entry.transferTimer);
    const { patch, ended } = endOf(entry, reason, code, problem, this.deps.now());
    const recordingPauses = this.recording.end(entry, ended.endedAt);
    if (recordingPauses) ended.recordingPauses = recordingPauses;
    const resume = this.phoneView.hold();
    this.book.update(entry, patch);
    this.deps.log.info('call ended', { callId: entry.call.id, reason, code });
    this.book.delete(entry.call.id);
    this.ringer.update();
    this.deps.events.emit('callOver', ended);
    this.transfers.consultEnded(entry, reason, code);
    entry.recorded = this.media.release(entry.call.id).then(({ quality, samples }) => {
      this.deps.events.emit('callSamples', { callId: ended.callId, samples });
      const record = { ...ended, quality: quality ?? NO_QUALITY };
      this.deps.events.emit('callEnded', record);
      this.phoneView.ended(record);
      resume();
    });
  }

  private requireSettings(): TelephonySettings {
    const settings = this.deps.settings();
    if (!settings) throw new BridgeError('unavailable', userText('telephony.refusal.noAccount'));
    return settings;
  }
}

/** The SIP address the agent typed or clicked, or the agent-readable reason it cannot be dialled. */
function sipTarget(input: string, settings: TelephonySettings): { uri: URI; target: DialTarget } {
  const parsed = parseDialTarget(input, settings.defaultRegion);
  if (!parsed.ok) throw new BridgeError('invalid-payload', parsed.error, [`target: ${englishOf(parsed.error)}`]);
  const uri = UserAgent.makeURI(dialTargetUri(parsed.target, settings.domain));
  if (!uri) throw new BridgeError('invalid-payload', userText('telephony.refusal.cannotDial'), ['target: not a valid SIP address']);
  return { uri, target: parsed.target };
}
