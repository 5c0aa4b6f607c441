import type { SessionDelegate } from 'sip.js';
import type { Logger } from '../logging/logger';
import type { CallBook, CallEntry } from './call-book';

/** What the agent's phone answers to a method it refuses (405 Method Not Allowed must carry Allow). */
export const ALLOW_HEADER = 'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, NOTIFY, REFER, UPDATE';

/** How a call answers what the far end sends within its dialog. */
export function farEndRequests(entry: CallEntry, book: CallBook, log: Logger): SessionDelegate {
  return {
    onAck: () => entry.settleAck(),
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
      if (remoteHold !== entry.call.remoteHold) book.update(entry, { remoteHold });
    },
    onRefer: (referral) => {
      // Following a REFER would let the far end make the agent's phone call anyone: decline.
      log.info('declined incoming REFER', { callId: entry.call.id });
      void referral.reject({ statusCode: 603 }).catch(() => undefined);
    },
    onInfo: (info) => {
      void info.accept().catch(() => undefined);
    },
    onMessage: (message) => {
      void message.reject({ statusCode: 405, extraHeaders: [ALLOW_HEADER] }).catch(() => undefined);
    },
  };
}
