import type { RingMode } from '../../shared/telephony/contract';
import type { BridgeServer } from '../bridge/bridge-server';
import type { Logger } from '../logging/logger';
import type { CallBook } from './call-book';

/** What the media engine plays for all calls together: the ringtone, a soft one over a call, our ringback, or nothing. */
export class Ringer {
  private mode: RingMode = 'off';

  constructor(
    private readonly bridge: BridgeServer,
    private readonly log: Logger,
    private readonly book: CallBook,
  ) {}

  update(): void {
    const entries = this.book.live();
    const ringing = entries.some((e) => e.call.status === 'ringing-in');
    const busy = entries.some((e) => e.call.status === 'active' || e.call.status === 'held' || e.call.status === 'connecting');
    const ringback = entries.some((e) => e.call.status === 'ringing-out' && !e.earlyMedia);
    const mode: RingMode = ringing ? (busy ? 'soft' : 'ring') : ringback ? 'ringback' : 'off';
    if (mode === this.mode) return;
    this.mode = mode;
    if (!this.bridge.hasMediaEngine) return;
    this.bridge
      .requestMedia('telephony.media.ring', { mode })
      .then((result) => {
        if (!result.playing && mode !== 'off' && mode !== 'ringback' && result.problem) {
          this.log.warn('ringtone could not play', { problem: result.problem.slice(0, 100) });
        }
      })
      .catch(() => undefined);
  }

  /** A new engine knows nothing of a ringing call: tell it (only if something should sound). */
  refresh(): void {
    this.mode = 'off';
    this.update();
  }
}
