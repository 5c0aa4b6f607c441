import { SessionState, type Notification, type Session, type URI } from 'sip.js';
import { BridgeError } from '../../shared/bridge/errors';
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

/** The status line of a NOTIFY's message/sipfrag body (0 when there is none). */
function notifiedStatus(body: string): number {
  const match = /^SIP\/2\.0\s+(\d{3})/m.exec(body);
  return match ? Number(match[1]) : 0;
}
