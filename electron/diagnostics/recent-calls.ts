import { MAX_QUALITY_SAMPLES, type Call, type CallEnded, type QualitySample, type QualitySummary } from '../../shared/telephony/model';
import type { TypedEmitter } from '../../shared/events/typed-emitter';
import type { TelephonyEvents } from '../telephony/telephony-events';

/** How a call looks in the diagnostics zip: timing, outcome and audio quality; the number masked. */
export interface CallQualityRecord {
  callId: string;
  direction: string;
  /** "…18": the last two digits only (enough to match a complaint, not enough to identify anyone). */
  remote: string;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  talkSeconds: number | null;
  endReason: string | null;
  endCode: number | null;
  /** The whole call (from the call log's summary), once it has ended. */
  summary: QualitySummary | null;
  /** The last readings (every 2 s while the call was up), oldest first. */
  samples: QualitySample[];
}

const MAX_CALLS = 20;
const MAX_SAMPLES = MAX_QUALITY_SAMPLES;

export function maskNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  return digits.length === 0 ? '…' : `…${digits.slice(-2)}`;
}

/**
 * Keeps the WebRTC quality of the last calls in memory (never on disk) for
 * the diagnostics zip: the media engine's last readings and the call's
 * summary, both handed over when the call ends.
 */
export class RecentCalls {
  private readonly calls = new Map<string, CallQualityRecord>();

  constructor(events: TypedEmitter<TelephonyEvents>) {
    events.on('callUpdated', (call) => this.update(call));
    events.on('callSamples', ({ callId, samples }) => {
      const record = this.calls.get(callId);
      if (record) record.samples = samples.slice(-MAX_SAMPLES);
    });
    events.on('callEnded', (ended) => this.end(ended));
  }

  list(): CallQualityRecord[] {
    return [...this.calls.values()].map((c) => ({ ...c, samples: [...c.samples] }));
  }

  /** The call's record, started (with what is known when the call is first seen) if new. */
  private record(
    start: Pick<CallQualityRecord, 'callId' | 'direction' | 'startedAt' | 'answeredAt'> & { number: string },
  ): CallQualityRecord {
    let record = this.calls.get(start.callId);
    if (!record) {
      record = {
        callId: start.callId,
        direction: start.direction,
        remote: maskNumber(start.number),
        startedAt: start.startedAt,
        answeredAt: start.answeredAt,
        endedAt: null,
        talkSeconds: null,
        endReason: null,
        endCode: null,
        summary: null,
        samples: [],
      };
      this.calls.set(start.callId, record);
      while (this.calls.size > MAX_CALLS) this.calls.delete(this.calls.keys().next().value as string);
    }
    return record;
  }

  private update(call: Call): void {
    const record = this.record({
      callId: call.id,
      direction: call.direction,
      number: call.remote.number,
      startedAt: call.startedAt,
      answeredAt: null,
    });
    record.answeredAt = call.answeredAt;
  }

  private end(ended: CallEnded): void {
    const record = this.record({
      callId: ended.callId,
      direction: ended.direction,
      number: ended.remoteNumber,
      startedAt: ended.startedAt,
      answeredAt: ended.answeredAt,
    });
    Object.assign(record, {
      answeredAt: ended.answeredAt,
      endedAt: ended.endedAt,
      talkSeconds: ended.talkSeconds,
      endReason: ended.endReason,
      endCode: ended.endCode,
      summary: ended.quality,
    });
  }
}
