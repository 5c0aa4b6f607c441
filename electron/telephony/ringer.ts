import type { RingMode } from '../../shared/telephony/contract';
import type { CallBook } from './call-book';

/**
 * What the media engine plays for all calls together: the ringtone, a soft one over a call, our
 * ringback, or nothing. Main decides it from the calls; it travels in the phone view, and the
 * engine plays what the view says.
 */
export class Ringer {
  private mode: RingMode = 'off';

  constructor(
    private readonly book: CallBook,
    private readonly changed: () => void,
  ) {}

  get current(): RingMode {
    return this.mode;
  }

  update(): void {
    const entries = this.book.live();
    const ringing = entries.some((e) => e.call.status === 'ringing-in');
    const busy = entries.some((e) => e.call.status === 'active' || e.call.status === 'held' || e.call.status === 'connecting');
    const ringback = entries.some((e) => e.call.status === 'ringing-out' && !e.earlyMedia);
    const mode: RingMode = ringing ? (busy ? 'soft' : 'ring') : ringback ? 'ringback' : 'off';
    if (mode === this.mode) return;
    this.mode = mode;
    this.changed();
  }
}
