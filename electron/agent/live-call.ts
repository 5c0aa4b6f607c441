import type { ScreenPop } from '../../shared/agent/contract';
import type { CallEnded, QualitySummary as CallQuality } from '../../shared/telephony/model';
import type { QualitySummary } from '../../shared/agent/records';
import type { Scheduler } from '../core/scheduler';
import type { DoNotCallOverride } from '../../shared/agent/do-not-call';

/**
 * A call the loop follows from its ring until its record is in: telephony ends the call at once
 * (`callOver`) and hands the record with the media engine's quality a round trip later
 * (`callEnded`); the call log waits for that, within a bound.
 */
export interface LiveCall {
  pop: ScreenPop;
  purpose: 'customer' | 'consult';
  ended: CallEnded | null;
  /** The call's record with the media engine's quality (telephony's `callEnded`); null if it never came. */
  record: Promise<CallEnded | null>;
  recorded: (record: CallEnded | null) => void;
  /** Dialled to a do-not-call number with a supervisor's approval: the call's row keeps it. */
  doNotCallOverride?: DoNotCallOverride;
}

/** How long a call's row waits for its record's quality at most (the engine's answer is bounded at 2 s). */
const RECORD_WAIT_MS = 5_000;

export function liveCall(pop: ScreenPop, purpose: LiveCall['purpose'], doNotCallOverride?: DoNotCallOverride): LiveCall {
  let recorded: (record: CallEnded | null) => void = () => undefined;
  const record = new Promise<CallEnded | null>((resolve) => {
    recorded = resolve;
  });
  return { pop, purpose, ended: null, record, recorded, ...(doNotCallOverride ? { doNotCallOverride } : {}) };
}

/** The call's record once telephony has its quality, or null after RECORD_WAIT_MS. */
export function recordOf(scheduler: Scheduler, live: LiveCall): Promise<CallEnded | null> {
  return new Promise((resolve) => {
    const cancel = scheduler.at(scheduler.now() + RECORD_WAIT_MS, () => resolve(null));
    void live.record.then((record) => {
      cancel();
      resolve(record);
    });
  });
}

/** The call log's quality summary from telephony's readings; null when no reading was taken. */
export function qualityOf(q: CallQuality): QualitySummary | null {
  if (q.samples === 0 || q.mosAvg === null) return null;
  const mos = (v: number | null): number => Math.min(5, Math.max(1, Math.round((v ?? 1) * 100) / 100));
  const mosMin = mos(q.mosMin ?? q.mosAvg);
  return {
    mosAvg: mos(q.mosAvg),
    mosMin,
    packetLossPct: Math.min(100, Math.max(0, q.lossPct ?? 0)),
    jitterMsAvg: Math.max(0, q.jitterMsAvg ?? 0),
    rttMsAvg: q.rttMsAvg === null ? null : Math.max(0, q.rttMsAvg),
    codec: null,
    degraded: mosMin < 3.5,
  };
}
