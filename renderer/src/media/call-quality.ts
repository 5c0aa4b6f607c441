import { create } from 'zustand';
import { MAX_QUALITY_SAMPLES, type Call, type QualitySample, type QualitySummary } from '../../../shared/telephony/model';
import { QualityAccumulator, qualitySample, type RawAudioStats } from '../../../shared/telephony/quality';

/** How often a connected call's statistics are read (WebRTC's own, in this page: nothing crosses the bridge). */
export const QUALITY_INTERVAL_MS = 2_000;

/** The latest quality reading of each connected call, by call id, for the phone bar. */
export const useCallQuality = create<Record<string, QualitySample>>()(() => ({}));

interface Watched {
  summary: QualityAccumulator;
  /** The last readings, oldest first, for the diagnostics zip. */
  samples: QualitySample[];
  last: RawAudioStats | null;
  reading: boolean;
}

export interface StatsSource {
  stats(callId: string): Promise<RawAudioStats | null>;
  has(callId: string): boolean;
}

/**
 * The media engine's quality readings: every 2 s while a call is connected it reads the call's
 * statistics, shows the reading (useCallQuality) and keeps the call's summary, which it hands to
 * main when main closes the call's media, for the call log. Which calls are connected, on hold or
 * changing hold comes from main's phone view.
 */
export class QualityWatch {
  private readonly watched = new Map<string, Watched>();
  private calls: readonly Call[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly source: StatsSource) {}

  follow(calls: readonly Call[]): void {
    this.calls = calls;
    const up = calls.some(connected);
    if (up && this.timer === null) this.timer = setInterval(() => void this.read(), QUALITY_INTERVAL_MS);
    else if (!up && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** The call's media is closed: its summary (null when nothing was read) and last readings; the call is forgotten. */
  close(callId: string): { quality: QualitySummary | null; samples: QualitySample[] } {
    const watched = this.watched.get(callId);
    this.watched.delete(callId);
    if (callId in useCallQuality.getState()) {
      useCallQuality.setState((s) => Object.fromEntries(Object.entries(s).filter(([id]) => id !== callId)), true);
    }
    return { quality: watched ? watched.summary.summary() : null, samples: watched?.samples ?? [] };
  }

  private async read(): Promise<void> {
    await Promise.all(
      this.calls.filter(connected).map(async ({ id }) => {
        if (!this.source.has(id)) return;
        let watched = this.watched.get(id);
        if (!watched) {
          watched = { summary: new QualityAccumulator(), samples: [], last: null, reading: false };
          this.watched.set(id, watched);
        }
        if (watched.reading) return;
        watched.reading = true;
        try {
          const stats = await this.source.stats(id);
          // Closed while its statistics were read: nothing more is kept for it.
          if (!stats || this.watched.get(id) !== watched) return;
          const sample = qualitySample(watched.last, stats);
          watched.last = stats;
          const call = this.calls.find((c) => c.id === id);
          // Held calls carry no audio on purpose: they would drag the call's score down.
          if (call?.status === 'active' && call.holdPending === null) watched.summary.add(sample);
          watched.samples.push(sample);
          if (watched.samples.length > MAX_QUALITY_SAMPLES) watched.samples.shift();
          useCallQuality.setState({ [id]: sample });
        } catch {
          // A connection being torn down has no statistics; the next reading tries again.
        } finally {
          watched.reading = false;
        }
      }),
    );
  }
}

function connected(call: Call): boolean {
  return call.media === 'ok' && (call.status === 'active' || call.status === 'held');
}
