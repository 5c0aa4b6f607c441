import { randomUUID } from 'node:crypto';
import { SessionState, type Session } from 'sip.js';
import { BridgeError } from '../../shared/bridge/errors';
import { MEDIA_CLOSE_TIMEOUT_MS } from '../../shared/bridge/timeouts';
import type { MediaConfig } from '../../shared/telephony/contract';
import type { Call, QualitySample, QualitySummary } from '../../shared/telephony/model';
import { INCOMPATIBLE_ANSWER_TEXT, INCOMPATIBLE_MEDIA_TEXT } from '../../shared/telephony/sdp-offer';
import { userText } from '../../shared/text/user-text';
import { errorName } from '../bridge/bridge-server';
import { problemFor, type CallBook, type CallEntry, type CallManagerDeps } from './call-book';
import { MediaProxySdh } from './media-proxy-sdh';

/**
 * Whether the media engine keeps the call's microphone off: the agent muted it, or the call is on
 * hold (or being put on hold). Hold is a direction (sendonly), so packets keep flowing, but they
 * carry silence: a customer held during a consultation must not hear the agent brief Tier 2.
 */
export function microphoneOff(call: Call | undefined): boolean {
  if (!call) return false;
  return call.muted || call.holdPending === 'hold' || (call.status === 'held' && call.holdPending !== 'resume');
}

/**
 * The media engine's part of each call: the SDH sip.js asks for, the engine going away and coming
 * back (a window closed or reloaded), muting, and releasing a call's media when it ends.
 */
export class CallMedia {
  private readonly detachListener: () => void;

  constructor(
    private readonly deps: Pick<CallManagerDeps, 'bridge' | 'log' | 'settings'>,
    private readonly book: CallBook,
    /** A new engine attached: it must hear what to ring. */
    private readonly onAttached: () => void,
  ) {
    this.detachListener = deps.bridge.onMediaEngineChange((attached) => this.onEngineChange(attached));
  }

  /** Creates the SDH sip.js asks for when a session needs media. */
  createSdh(session: Session): MediaProxySdh {
    const tracked = typeof session.data === 'string';
    const callId = typeof session.data === 'string' ? session.data : `orphan-${randomUUID()}`;
    return new MediaProxySdh(callId, this.deps.bridge, () => this.config(callId), this.deps.log, {
      appliedWhileRinging: (sdp) => {
        const entry = this.book.get(callId);
        // Only the call's first offer, before it is answered: a re-INVITE may repeat an SDP word for word and must be applied.
        if (!entry || entry.call.answeredAt !== null || entry.ringingOffer !== sdp) return false;
        entry.ringingOffer = null;
        return true;
      },
      // A tracked call always ends through the call manager, which releases its media (release()).
      closedByCallEnd: () => tracked,
      onMediaError: (method, error) => {
        const entry = this.book.get(callId);
        if (!entry || entry.ended) return;
        if (method === 'telephony.media.setDescription' && error instanceof BridgeError && error.code === 'incompatible') {
          // sip.js answers the far end itself (480 to an INVITE, ACK + BYE to an answer); the agent
          // reads one sentence and the call ends as incompatible media, not "abandoned".
          entry.incompatible = true;
          // An answer refused after the 200 OK ends with sip.js's BYE (Reason: SIP;cause=488), not a final response.
          entry.finalCode ??= 488;
          this.book.update(entry, {
            problem: entry.call.direction === 'inbound' ? INCOMPATIBLE_MEDIA_TEXT : INCOMPATIBLE_ANSWER_TEXT,
          });
          return;
        }
        if (method === 'telephony.media.getDescription' && entry.call.answeredAt === null) {
          // sip.js ends the session itself (nothing is sent for an offer never made; 488 to an INVITE it
          // could not answer) before dial's or answer's own catch sees the error: keep the sentence here,
          // so the call ends as failed and says why, not as "missed" (inbound) or with no reason.
          entry.setupProblem ??= problemFor(error);
        }
        if (method === 'telephony.media.getDescription' || method === 'telephony.media.setDescription') {
          if (!this.deps.bridge.hasMediaEngine)
            this.book.update(entry, { media: 'lost', problem: userText('telephony.media.windowClosed') });
        }
      },
    });
  }

  config(callId: string): MediaConfig {
    const settings = this.deps.settings();
    return {
      iceServers: settings?.iceServers ?? [],
      iceTransportPolicy: settings?.iceTransportPolicy ?? 'all',
      iceGatheringTimeoutMs: settings?.iceGatheringTimeoutMs ?? 1_000,
      dtlsRoleWhileRinging: settings?.dtlsRoleWhileRinging ?? 'auto',
      muted: microphoneOff(this.book.get(callId)?.call),
    };
  }

  /** Tells the engine whether the call's microphone is on, as the call's state says (microphoneOff). */
  async syncMicrophone(entry: CallEntry): Promise<void> {
    if (entry.ended || entry.call.media !== 'ok' || !this.deps.bridge.hasMediaEngine) return;
    await this.deps.bridge
      .requestMedia('telephony.media.setMuted', { callId: entry.call.id, muted: microphoneOff(entry.call) })
      .catch((error: unknown) =>
        this.deps.log.warn('microphone state not applied in the media engine', { callId: entry.call.id, error: errorName(error) }),
      );
  }

  requireEngine(): void {
    if (!this.deps.bridge.hasMediaEngine) {
      throw new BridgeError('unavailable', userText('telephony.refusal.noAudioEngine'));
    }
  }

  async mute(entry: CallEntry, muted: boolean): Promise<void> {
    const callId = entry.call.id;
    this.book.update(entry, { muted });
    if (entry.call.media !== 'ok' || !this.deps.bridge.hasMediaEngine) return;
    await this.deps.bridge
      .requestMedia('telephony.media.setMuted', { callId, muted: microphoneOff(entry.call) })
      .catch((error: unknown) => {
        this.deps.log.warn('mute failed in the media engine', { callId, error: errorName(error) });
        throw new BridgeError('failed', userText('telephony.refusal.muteFailed'));
      });
  }

  /**
   * Every ended call releases its media in the engine, once (a call that rang and was cancelled,
   * declined or missed had its microphone and connection opened while ringing, before sip.js made
   * a handler). The engine ignores ids it no longer has; it answers the quality it measured over
   * the call and its last readings, none when it had none, or when it is gone or did not answer.
   */
  async release(callId: string): Promise<{ quality: QualitySummary | null; samples: QualitySample[] }> {
    const none = { quality: null, samples: [] };
    if (!this.deps.bridge.hasMediaEngine) return none;
    try {
      return await this.deps.bridge.requestMedia('telephony.media.close', { callId }, { timeoutMs: MEDIA_CLOSE_TIMEOUT_MS });
    } catch {
      return none;
    }
  }

  close(): void {
    this.detachListener();
  }

  private onEngineChange(attached: boolean): void {
    if (!attached) {
      for (const entry of this.book.all()) {
        // The engine that answered the offer while it rang is gone: at Answer the next one must be given the offer.
        if (!entry.ended && entry.call.answeredAt === null) entry.ringingOffer = null;
        if (entry.ended || entry.session.state !== SessionState.Established) continue;
        this.book.update(entry, {
          media: 'lost',
          problem: userText('telephony.media.lost'),
        });
      }
      return;
    }
    this.onAttached();
    for (const entry of this.book.all()) {
      if (!entry.ended && entry.session.state === SessionState.Established && entry.call.media === 'lost') void this.restore(entry);
    }
  }

  /** The window came back: renegotiate the call's media with a fresh connection in the new engine. */
  private async restore(entry: CallEntry): Promise<void> {
    if (entry.call.holdPending !== null) return;
    // A re-INVITE must not cross the answer's ACK (call-book.ts, CallEntry.acked).
    await entry.acked;
    if (entry.ended || entry.session.state !== SessionState.Established) return;
    this.book.update(entry, { media: 'restoring' });
    const hold = entry.call.status === 'held';
    entry.session.sessionDescriptionHandlerOptionsReInvite = { hold } as never;
    await new Promise<void>((resolve) => {
      entry.session
        .invite({
          requestDelegate: {
            onAccept: () => {
              this.book.update(entry, { media: 'ok', problem: null });
              this.deps.log.info('call media restored', { callId: entry.call.id });
              resolve();
            },
            onReject: (response) => {
              this.book.update(entry, {
                media: 'lost',
                problem: userText('telephony.media.notRestoredWithCode', { code: response.message.statusCode ?? '?' }),
              });
              resolve();
            },
          },
        })
        .catch(() => {
          this.book.update(entry, { media: 'lost', problem: userText('telephony.media.notRestored') });
          resolve();
        });
    });
  }
}
