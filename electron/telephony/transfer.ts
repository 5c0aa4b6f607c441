import { SessionState, type Notification, type Session, type URI } from 'sip.js';
import { BridgeError } from '../../shared/bridge/errors';
import type { EndReason } from '../../shared/telephony/model';
import { problemFor, type CallBook, type CallEntry, type CallLifecycle, type CallManagerDeps } from './call-book';

/** How long a blind or attended transfer waits for the far end's final NOTIFY before leaving the call anyway. */
const TRANSFER_NOTIFY_TIMEOUT_MS = 30_000;

/**
 * Transfers by REFER: to an address (blind) or to the agent's consultation call (attended, the
 * target's dialog replaces it). The far end's NOTIFYs say how the new call went; the agent leaves
 * the call when it connected and keeps the caller when it failed.
 */
export class Transfers {
  constructor(
    private readonly deps: Pick<CallManagerDeps, 'log'>,
    private readonly book: CallBook,
    private readonly life: Pick<CallLifecycle, 'finish'>,
  ) {}

  /**
   * A consultation ended and no transfer came of it, and not by the agent's hand (they know why):
   * the customer's call, still on hold, says what happened and that Resume brings them back.
   */
  consultEnded(consult: CallEntry, reason: EndReason, code: number | null): void {
    const originalId = consult.call.consultFor;
    if (originalId === null || reason === 'transferred' || consult.localAction !== null) return;
    const original = this.book.get(originalId);
    if (!original || original.ended) return;
    const transfer = original.call.transfer;
    if (transfer?.kind === 'attended' && transfer.state !== 'failed') return;
    const what = consultEndSentence(consult.call.remote.number, reason, code, consult.call.answeredAt !== null);
    const next = original.call.status === 'held' ? ' The customer is still on hold: press Resume to talk to them.' : '';
    this.book.update(original, { problem: `${what}${next}` });
    this.deps.log.info('consultation ended without a transfer', { callId: original.call.id, reason, code });
  }

  async refer(entry: CallEntry, target: URI | Session, kind: 'blind' | 'attended', label: string): Promise<void> {
    if (entry.call.transfer?.state === 'pending') throw new BridgeError('conflict', 'A transfer of this call is already in progress.');
    this.book.update(entry, { transfer: { kind, state: 'pending', target: label, code: null }, problem: null });
    entry.transferredTo = label;
    const fail = (code: number | null): void => {
      if (entry.ended) return;
      if (entry.transferTimer) clearTimeout(entry.transferTimer);
      entry.transferTimer = null;
      const problem = `The transfer to ${label} failed${code ? ` (${code})` : ''}; the caller is still with you.`;
      this.book.update(entry, { transfer: { kind, state: 'failed', target: label, code }, problem });
      this.deps.log.warn('transfer failed', { callId: entry.call.id, kind, code });
    };
    const succeed = (): void => {
      if (entry.ended) return;
      if (entry.transferTimer) clearTimeout(entry.transferTimer);
      entry.transferTimer = null;
      this.book.update(entry, { transfer: { kind, state: 'accepted', target: label, code: null } });
      this.deps.log.info('transfer completed', { callId: entry.call.id, kind });
      if (entry.session.state === SessionState.Established) {
        entry.session.bye().catch(() => this.life.finish(entry, 'transferred', null));
      }
    };
    const onNotify = (notification: Notification): void => {
      void notification.accept().catch(() => undefined);
      const code = notifiedStatus(notification.request.body ?? '');
      if (code >= 200 && code < 300) succeed();
      else if (code >= 300) fail(code);
    };
    await new Promise<void>((resolve, reject) => {
      entry.session
        .refer(target, {
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
          reject(new BridgeError('failed', problemFor(error)));
        });
    });
  }
}

/**
 * Why a consultation ended without the transfer, as the agent reads it on the customer's call.
 * `answered`: the consulted party had picked up (then they hung up).
 */
export function consultEndSentence(who: string, reason: EndReason, code: number | null, answered: boolean): string {
  const with_ = code ? ` (${code})` : '';
  if (answered) return `${who} hung up before the transfer.`;
  switch (reason) {
    case 'busy':
      return `${who} is busy${with_}.`;
    case 'no-answer':
      return `${who} did not answer${with_}.`;
    case 'declined':
      return `${who} declined the call${with_}.`;
    case 'not-found':
      return `${who} could not be reached${with_}.`;
    default:
      return `The call to ${who} failed${with_}.`;
  }
}

/** The status line of a NOTIFY's message/sipfrag body (0 when there is none). */
function notifiedStatus(body: string): number {
  const match = /^SIP\/2\.0\s+(\d{3})/m.exec(body);
  return match ? Number(match[1]) : 0;
}
