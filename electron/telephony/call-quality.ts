import { qualitySample } from '../../shared/telephony/quality';
import type { BridgeServer } from '../bridge/bridge-server';
import type { CallBook } from './call-book';

const QUALITY_INTERVAL_MS = 2_000;

/** Reads each connected call's audio statistics from the media engine while any call is connected. */
export class QualityMonitor {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly bridge: BridgeServer,
    private readonly book: CallBook,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), QUALITY_INTERVAL_MS);
    this.timer.unref?.();
  }

  /** After a call ended: stops when no call is left connected. */
  stopWhenIdle(): void {
    if (!this.book.all().some((e) => e.call.status === 'active' || e.call.status === 'held')) this.close();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async poll(): Promise<void> {
    if (!this.bridge.hasMediaEngine) return;
    await Promise.all(
      this.book
        .all()
        .filter((e) => !e.ended && !e.statsInFlight && e.call.media === 'ok' && (e.call.status === 'active' || e.call.status === 'held'))
        .map(async (entry) => {
          entry.statsInFlight = true;
          try {
            const { stats } = await this.bridge.requestMedia('telephony.media.stats', { callId: entry.call.id }, { timeoutMs: 1_500 });
            if (!stats || entry.ended) return;
            const sample = qualitySample(entry.lastStats, stats);
            entry.lastStats = stats;
            // Held calls carry no audio on purpose: they would drag the call's score down.
            if (entry.call.status === 'active' && entry.call.holdPending === null) entry.quality.add(sample);
            this.book.update(entry, { quality: sample });
          } catch {
            // A slow or missing engine shows up in the call's media state, not here.
          } finally {
            entry.statsInFlight = false;
          }
        }),
    );
  }
}
