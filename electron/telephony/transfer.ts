import { SessionState, type Notification, type Session, type URI } from 'sip.js';
import { BridgeError } from '../../shared/bridge/errors';
import type { EndReason } from '../../shared/telephony/model';
import { userText, type UserText } from '../../shared/text/user-text';
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
    const what = consultEndText(consult.call.remote.number, reason, code, consult.call.answeredAt !== null);
    const problem = original.call.status === 'held' ? userText('telephony.consult.customerOnHold', { what }) : what;
    this.book.update(original, { problem });
    this.deps.log.info('consultation ended without a transfer', { callId: original.call.id, reason, code });
  }

  async refer(entry: CallEntry, target: URI | Session, kind: 'blind' | 'attended', label: string): Promise<void> {
    if (entry.call.transfer?.state === 'pending') throw new BridgeError('conflict', userText('telephony.refusal.transferInProgress'));
    this.book.update(entry, { transfer: { kind, state: 'pending', target: label, code: null }, problem: null });
    entry.transferredTo = label;
    const fail = (code: number | null): void => {
      if (entry.ended) return;
      if (entry.transferTimer) clearTimeout(entry.transferTimer);
      entry.transferTimer = null;
      const problem = code
        ? userText('telephony.transfer.failedWithCode', { target: label, code })
        : userText('telephony.transfer.failed', { target: label });
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
              reject(new BridgeError('conflict', entry.call.problem ?? userText('telephony.refusal.transferRefused')));
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
 * `answered`: the consulted party had picked up (then they hung up). `who`: the number dialled.
 */
export function consultEndText(who: string, reason: EndReason, code: number | null, answered: boolean): UserText {
  if (answered) return userText('telephony.consult.hungUp', { who });
  const kind = CONSULT_END_KINDS[reason as keyof typeof CONSULT_END_KINDS] ?? 'failed';
  return code ? userText(`telephony.consult.${kind}WithCode`, { who, code }) : userText(`telephony.consult.${kind}`, { who });
}

/** The ends a consultation names; any other is "the call failed". */
const CONSULT_END_KINDS = {
  busy: 'busy',
  'no-answer': 'noAnswer',
  declined: 'declined',
  'not-found': 'notFound',
} as const satisfies Partial<Record<EndReason, string>>;

/** The status line of a NOTIFY's message/sipfrag body (0 when there is none). */
function notifiedStatus(body: string): number {
  const match = /^SIP\/2\.0\s+(\d{3})/m.exec(body);
  return match ? Number(match[1]) : 0;
}
