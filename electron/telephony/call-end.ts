import type { Call, CallEnded, EndReason, QualitySummary } from '../../shared/telephony/model';
import type { UserText } from '../../shared/text/user-text';
import { round1, type CallBook, type CallEntry } from './call-book';

/** Why a call sip.js terminated ended, from what the agent did, what the far end said, and the other calls. */
export function endReason(entry: CallEntry, book: CallBook): EndReason {
  const answered = entry.call.answeredAt !== null;
  if (entry.call.transfer?.state === 'accepted' || (entry.call.transfer?.state === 'pending' && entry.localAction === null && answered))
    return 'transferred';
  if (entry.incompatible) return 'incompatible-media';
  if (entry.localAction === 'reject') return 'rejected';
  if (entry.localAction === 'cancel') return 'cancelled';
  if (entry.localAction === 'hangup') return 'local-hangup';
  // After the agent's own actions: a hang-up while the offer was being made is not a failure.
  if (entry.setupProblem !== null && !answered) return 'failed';
  if (answered) return isReplaced(entry, book) ? 'replaced' : wasConsultTransferred(entry, book) ? 'transferred' : 'remote-hangup';
  if (entry.call.direction === 'inbound') return 'missed';
  return reasonForCode(entry.finalCode);
}

/** A call whose media engine measured nothing (it never had audio, or the engine was gone). */
export const NO_QUALITY: QualitySummary = {
  samples: 0,
  mosAvg: null,
  mosMin: null,
  jitterMsAvg: null,
  jitterMsMax: null,
  lossPct: null,
  rttMsAvg: null,
};

/**
 * The ended call's last state, and the record of it the call log and the renderer get; its
 * quality is the media engine's, filled in when the engine closed the call's media.
 */
export function endOf(
  entry: CallEntry,
  reason: EndReason,
  code: number | null,
  problem: UserText | null,
  now: number,
): { patch: Partial<Call>; ended: CallEnded } {
  const call = entry.call;
  const holdSeconds = round1(call.holdSeconds + (call.heldSince !== null ? (now - call.heldSince) / 1000 : 0));
  const patch: Partial<Call> = {
    status: 'ended',
    endedAt: now,
    endReason: reason,
    endCode: code,
    holdSeconds,
    heldSince: null,
    holdPending: null,
    media: 'none',
    problem: problem ?? call.problem,
  };
  const ended: CallEnded = {
    callId: call.id,
    direction: call.direction,
    remoteNumber: call.remote.number,
    remoteDisplayName: call.remote.displayName,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: now,
    talkSeconds: call.answeredAt === null ? 0 : round1((now - call.answeredAt) / 1000),
    holdSeconds,
    endReason: reason,
    endCode: code,
    transferredTo: reason === 'transferred' ? (entry.transferredTo ?? call.transfer?.target ?? null) : null,
    consultFor: call.consultFor,
    quality: NO_QUALITY,
    // The reason this end was a failure, not a problem seen earlier in the call (a refused hold).
    problem: problem ?? (reason === 'incompatible-media' ? call.problem : null),
  };
  return { patch, ended };
}

/** A new dialog took this one's place (INVITE with Replaces: the agent is the target of an attended transfer). */
function isReplaced(entry: CallEntry, book: CallBook): boolean {
  return book.all().some((e) => e.session.replacee === entry.session);
}

/** A consultation leg that the transfer target hangs up (it was replaced by the customer's dialog). */
function wasConsultTransferred(entry: CallEntry, book: CallBook): boolean {
  if (!entry.call.consultFor) return false;
  const original = book.get(entry.call.consultFor);
  return original?.call.transfer?.kind === 'attended' && original.call.transfer.state !== 'failed';
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
