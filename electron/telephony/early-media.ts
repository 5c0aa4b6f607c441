import type { Core } from 'sip.js';
import type { Logger } from '../logging/logger';
import type { CallBook, CallEntry } from './call-book';
import type { Ringer } from './ringer';

/**
 * An outbound call's provisional responses: 180/183 mean it rings; one with SDP is early media
 * (PSTN ringback, "the number you have dialled…"), which the agent hears instead of our ringback.
 */
export function outboundProgress(entry: CallEntry, book: CallBook, ringer: Ringer, log: Logger): (response: Core.IncomingResponse) => void {
  return (response) => {
    const code = response.message.statusCode ?? 0;
    if (code > 100 && code < 200 && response.message.body && !entry.earlyMedia) {
      // The far end plays its own ringback or announcement: ours would talk over it.
      entry.earlyMedia = true;
      log.info('early media', { callId: entry.call.id, code });
      if (entry.call.status === 'dialing') book.update(entry, { status: 'ringing-out' });
      ringer.update();
    } else if ((code === 180 || code === 183) && entry.call.status === 'dialing') {
      book.update(entry, { status: 'ringing-out' });
      ringer.update();
    }
  };
}
