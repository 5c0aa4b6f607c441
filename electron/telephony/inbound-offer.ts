import { Invitation, SessionState, type Session } from 'sip.js';
import { BridgeError } from '../../shared/bridge/errors';
import { cleanDisplayName, cleanNumber } from '../../shared/telephony/dial-target';
import type { CallOffered } from '../../shared/telephony/model';
import { findHandoff, handoffText, UUI_HEADER, type WarmHandoff } from '../../shared/telephony/user-to-user';
import { INCOMPATIBLE_MEDIA_TEXT, assessSdp, warningHeader, type SipWarning } from '../../shared/telephony/sdp-offer';
import { userText, type UserText } from '../../shared/text/user-text';
import { errorName } from '../bridge/bridge-server';
import { MAX_LIVE_CALLS, type CallBook, type CallEntry, type CallLifecycle, type CallManagerDeps } from './call-book';
import type { CallMedia } from './call-media';
import type { Ringer } from './ringer';
import { drawRingAttention } from './ring-attention';

/** What the agent reads on a ringing call lost with the server (onConnectionLost). */
export const RING_LOST_TEXT: UserText = userText('telephony.call.ringLost');

/**
 * Inbound INVITEs: whether the agent is offered the call at all (busy, an unusable offer, the
 * agent workflow's decline), ringing it, and the ringing calls lost with the server.
 */
export class InboundOffers {
  constructor(
    private readonly deps: CallManagerDeps,
    private readonly book: CallBook,
    private readonly media: CallMedia,
    private readonly ringer: Ringer,
    private readonly life: CallLifecycle,
  ) {}

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
    const live = this.book.live();
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
    const handoff = this.handoffOf(invitation);
    const entry = this.life.track(invitation, 'inbound', number, displayName, 'ringing-in', { waiting, handoff });
    this.deps.log.info('inbound call offered', { callId: entry.call.id, waiting, warmTransfer: handoff !== null });
    const offered: CallOffered = {
      callId: entry.call.id,
      number,
      displayName,
      at: entry.call.startedAt,
      waiting,
      ...(handoff ? { handoff } : {}),
    };
    // The agent's workflow may decline it here and now (Not ready, wrap-up, busy): then no 180.
    this.deps.events.emit('callOffered', offered);
    if (entry.ended || entry.localAction === 'reject' || invitation.state !== SessionState.Initial) return;
    invitation.progress().catch((error: unknown) => this.deps.log.debug('180 Ringing not sent', { error: errorName(error) }));
    // Only when the window is not in front of the agent: never taken from what they are typing in.
    drawRingAttention(
      this.deps.platform,
      {
        callId: entry.call.id,
        notification: {
          title: userText(
            handoff ? 'notification.call.warmTransfer' : waiting ? 'notification.call.waiting' : 'notification.call.incoming',
          ),
          // The OS notification names the case, never the summary (it may be seen over the agent's shoulder).
          body: handoff
            ? handoffText(handoff, displayName ?? number)
            : displayName
              ? userText('notification.call.namedCaller', { name: displayName, number })
              : userText('notification.call.caller', { number }),
          tag: `call-${entry.call.id}`,
        },
        focusOnRing: this.deps.focusOnRing?.() ?? true,
      },
      this.deps.log,
    );
    this.ringer.update();
    if (this.deps.bridge.hasMediaEngine) this.prepareWhileRinging(entry, sdp);
  }

  /**
   * A warm transfer's case context (RFC 7433 User-to-User, shared/telephony/user-to-user.ts). It
   * comes from the network: a header that is not a Switchboard handoff, or is damaged, is logged
   * by its kind of problem only (never its content) and the call rings as an ordinary one.
   */
  private handoffOf(invitation: Invitation): WarmHandoff | null {
    const values = invitation.request.getHeaders(UUI_HEADER);
    if (values.length === 0) return null;
    const { handoff, problems } = findHandoff(values);
    if (handoff === null) this.deps.log.info('User-to-User header not used', { problems: problems.join(',') });
    return handoff;
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
      for (const entry of this.book.all()) {
        const session = entry.session;
        if (entry.ended || !(session instanceof Invitation) || session.state !== SessionState.Initial) continue;
        this.deps.log.warn('ringing call lost with the SIP connection', { callId: entry.call.id });
        this.life.finish(entry, 'failed', null, RING_LOST_TEXT);
        // Ends the sip.js session and its no-answer timer; the 480 cannot reach a caller who is gone.
        session.reject({ statusCode: 480 }).catch(() => undefined);
      }
    });
  }

  /**
   * While it rings: open the microphone and hand the offer to the media engine, which is the last
   * word on whether it can be used (an offer it refuses is answered 488 now, not when the agent
   * clicks Answer) and connects the call while it rings: it makes and sets the answer, so ICE
   * runs now, the microphone off the call. Answer then only fetches that answer for the 200 OK
   * and puts the microphone on (docs/architecture.md, "While it rings"). A late offer (no SDP)
   * only opens the microphone; its offer is made at Answer.
   */
  private prepareWhileRinging(entry: CallEntry, sdp: string | null): void {
    const callId = entry.call.id;
    const config = this.media.config(callId);
    // One request: the microphone, the connection and the offer (the engine applies it unless the Answer got there first).
    this.deps.bridge
      .requestMedia('telephony.media.prepare', { callId, config, ...(sdp ? { offer: sdp } : {}) })
      .then(() => {
        entry.ringingOffer = sdp;
      })
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
  private refuseIncompatible(
    invitation: Invitation,
    number: string,
    displayName: string | null,
    problem: string,
    warning: SipWarning,
  ): void {
    this.deps.log.warn('refused inbound call: unusable session description', { problem, warning: warning.code });
    // Never rung: the agent sees only the ended call's sentence, not a ring that was never real.
    const entry = this.life.track(invitation, 'inbound', number, displayName, 'ringing-in', { waiting: false, silent: true });
    this.refuseOffer(entry, invitation, warning);
  }

  /** Answers the INVITE 488 with a Warning and ends the call as incompatible media, with the agent's one sentence. */
  private refuseOffer(entry: CallEntry, invitation: Invitation, warning: SipWarning): void {
    entry.localAction = 'reject';
    entry.incompatible = true;
    void invitation.reject({ statusCode: 488, extraHeaders: [warningHeader(warning, this.warningHost())] }).catch(() => undefined);
    this.life.finish(entry, 'incompatible-media', 488, INCOMPATIBLE_MEDIA_TEXT);
  }

  private warningHost(): string {
    return this.deps.userAgent()?.contact.uri.host ?? 'switchboard.invalid';
  }

  /** The agent is the target of an attended transfer: the new dialog takes over the call it replaces. */
  private acceptReplacement(invitation: Invitation, replacee: Session): void {
    const old = this.book.entryOf(replacee);
    const identity = invitation.assertedIdentity ?? invitation.remoteIdentity;
    const entry = this.life.track(
      invitation,
      'inbound',
      cleanNumber(identity.uri.user),
      cleanDisplayName(identity.displayName),
      'connecting',
      // Told to whoever follows the calls (the agent desk) in the same event that announces it.
      { waiting: false, replaces: old?.call.id ?? null },
    );
    if (old) old.localAction = null;
    this.deps.log.info('call replaced by a transferred dialog', { callId: entry.call.id, replaces: old?.call.id ?? null });
    invitation.accept().catch((error: unknown) => {
      this.deps.log.warn('could not accept replacing call', { error: errorName(error) });
    });
  }
}

/** The INVITE's SDP offer; null for a late offer (no body) or a body sip.js cannot use anyway (it answers 415). */
function offeredSdp(invitation: Invitation): string | null {
  const body = invitation.body;
  const type = invitation.request.getHeader('content-type') ?? '';
  return body && /^\s*application\/sdp\b/i.test(type) ? body : null;
}
