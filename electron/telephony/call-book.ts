import type { Invitation, Inviter, Session, UserAgent } from 'sip.js';
import { BridgeError } from '../../shared/bridge/errors';
import type { TypedEmitter } from '../../shared/events/typed-emitter';
import type { Call, EndReason } from '../../shared/telephony/model';
import type { RecordingPauseConfig } from '../../shared/telephony/recording-pause';
import type { TelephonySettings } from '../../shared/telephony/settings';
import type { BridgeServer } from '../bridge/bridge-server';
import type { PlatformServices } from '../core/platform-services';
import type { Logger } from '../logging/logger';
import type { OutboundGuard } from './outbound-guard';
import type { TelephonyEvents } from './telephony-events';
import type { DoNotCallOverride } from '../../shared/agent/do-not-call';
import type { WarmHandoff } from '../../shared/telephony/user-to-user';
import { userText, type UserText } from '../../shared/text/user-text';

/** One active call plus held and ringing ones; beyond this new calls get 486 Busy Here. */
export const MAX_LIVE_CALLS = 4;

export interface CallManagerDeps {
  bridge: BridgeServer;
  platform: PlatformServices;
  log: Logger;
  events: TypedEmitter<TelephonyEvents>;
  settings: () => TelephonySettings | null;
  userAgent: () => UserAgent | null;
  /** Registered and able to place calls; otherwise the agent-readable reason. */
  readiness: () => { ok: true } | { ok: false; reason: UserText };
  now: () => number;
  /** IT policy's recording pause command (PCI secure pause); none: off. */
  recordingPause?: () => RecordingPauseConfig;
  /** IT policy `focusOnRing`: a ringing call may raise a window that is behind others (default true). */
  focusOnRing?: () => boolean;
  /** Asked before every outbound INVITE (the do-not-call list); none: every dial is placed. */
  outboundGuard?: OutboundGuard;
}

export interface CallEntry {
  call: Call;
  session: Session;
  /** The offer the engine applied while the call rang: the same offer again at Answer is not sent twice. */
  ringingOffer: string | null;
  /** Set when the call ended: resolves once its end record (with the engine's quality) is out. */
  recorded: Promise<void> | null;
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
  setupProblem: UserText | null;
  /**
   * Settles when the far end's ACK for our 200 OK arrived, or the call ended. Until then the answer's
   * INVITE transaction is still open: a re-INVITE sent now crosses the ACK, and sip.js (like any UA)
   * reads an ACK without SDP while our offer is pending as a broken dialog and ends the call
   * (RFC 3261 section 14.1: no new INVITE while one is in progress). Over a VPN the ACK can take
   * hundreds of milliseconds, longer than an agent's Answer-then-Hold. Outbound calls: sip.js sends
   * the ACK itself before it reports the call connected, so it is settled from the start.
   */
  acked: Promise<void>;
  settleAck: () => void;
}

export interface TrackOptions {
  waiting: boolean;
  consultFor?: string | null;
  silent?: boolean;
  /** An outbound call placed to a do-not-call number with a supervisor's approval. */
  doNotCallOverride?: DoNotCallOverride | null;
  /** A warm transfer's case context: received in the INVITE (inbound) or sent in it (a consultation). */
  handoff?: WarmHandoff | null;
  /** The call this one replaces (INVITE with Replaces). */
  replaces?: string | null;
}

/** Starting and ending a call in the books, which the call manager keeps for the parts that do either. */
export interface CallLifecycle {
  track(
    session: Inviter | Invitation,
    direction: Call['direction'],
    number: string,
    displayName: string | null,
    status: Call['status'],
    extra: TrackOptions,
  ): CallEntry;
  finish(entry: CallEntry, reason: EndReason, code: number | null, problem?: UserText | null): void;
}

/** A new call's entry, before anything happened to it. */
export function newEntry(
  id: string,
  session: Session,
  direction: Call['direction'],
  remote: Call['remote'],
  status: Call['status'],
  extra: TrackOptions,
  now: number,
  awaitsAck: boolean,
): CallEntry {
  let settleAck = (): void => undefined;
  const acked = awaitsAck ? new Promise<void>((resolve) => (settleAck = resolve)) : Promise.resolve();
  const call: Call = {
    id,
    direction,
    status,
    remote,
    muted: false,
    holdPending: null,
    remoteHold: false,
    media: 'none',
    waiting: extra.waiting,
    consultFor: extra.consultFor ?? null,
    transfer: null,
    startedAt: now,
    answeredAt: null,
    endedAt: null,
    holdSeconds: 0,
    heldSince: null,
    endReason: null,
    endCode: null,
    problem: null,
    ...(extra.doNotCallOverride ? { doNotCallOverride: extra.doNotCallOverride } : {}),
    ...(extra.handoff ? { handoff: extra.handoff } : {}),
    ...(extra.replaces ? { replaces: extra.replaces } : {}),
  };
  return {
    call,
    session,
    ringingOffer: null,
    recorded: null,
    localAction: null,
    finalCode: null,
    transferTimer: null,
    transferredTo: null,
    ended: false,
    incompatible: false,
    earlyMedia: false,
    setupProblem: null,
    acked,
    settleAck,
  };
}

/**
 * Every call the agent has, by Switchboard's call id, and the one way a call's state changes:
 * `update`, which tells the rest of main and asks for a push of the phone view.
 */
export class CallBook {
  private readonly entries = new Map<string, CallEntry>();

  constructor(
    private readonly deps: Pick<CallManagerDeps, 'events'>,
    private readonly changed: () => void,
  ) {}

  add(entry: CallEntry): void {
    this.entries.set(entry.call.id, entry);
  }

  delete(callId: string): void {
    this.entries.delete(callId);
  }

  get(callId: string): CallEntry | undefined {
    return this.entries.get(callId);
  }

  all(): CallEntry[] {
    return [...this.entries.values()];
  }

  live(): CallEntry[] {
    return this.all().filter((e) => !e.ended);
  }

  require(callId: string): CallEntry {
    const entry = this.entries.get(callId);
    if (!entry || entry.ended) throw new BridgeError('not-found', userText('telephony.refusal.callEnded'));
    return entry;
  }

  entryOf(session: Session): CallEntry | undefined {
    return typeof session.data === 'string' ? this.entries.get(session.data) : undefined;
  }

  activeCall(except?: CallEntry): CallEntry | null {
    for (const entry of this.entries.values()) {
      if (entry === except || entry.ended) continue;
      if (entry.call.status === 'active' || (entry.call.status === 'held' && entry.call.holdPending === 'resume')) return entry;
    }
    return null;
  }

  update(entry: CallEntry, patch: Partial<Call>): void {
    entry.call = { ...entry.call, ...patch };
    this.emit(entry);
  }

  emit(entry: CallEntry): void {
    this.changed();
    this.deps.events.emit('callUpdated', { ...entry.call });
  }
}

const SETUP_FAILED = userText('telephony.call.setupFailed');

/**
 * Why a call could not be set up, as the agent reads it on the call and in the command's error:
 * a bridge error's own message (the media engine's "no TURN relay", the bridge's "no engine"),
 * never an exception's text.
 */
export function problemFor(error: unknown): UserText {
  return error instanceof BridgeError && error.text ? error.text : SETUP_FAILED;
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
