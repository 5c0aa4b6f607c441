import type { QualitySample, QualitySummary } from './model';

/**
 * Call quality from WebRTC statistics.
 *
 * MOS is estimated with the simplified E-model (ITU-T G.107 reduced to the
 * terms a softphone can measure, as popularised by Cole & Rosenbluth, 2001):
 *
 *   effective latency  Le = RTT/2 + 2 × jitter + 10 ms   (10 ms: codec and processing delay)
 *   R = 93.2 − Le/40                 when Le < 160 ms
 *   R = 93.2 − (Le − 120)/10         otherwise
 *   R = R − 2.5 × loss%              (each percent of packet loss)
 *   MOS = 1 + 0.035·R + 7·10⁻⁶·R·(R − 60)·(100 − R)     with R clamped to 0..100
 *
 * The result is clamped to 1..4.5: a perfect narrowband call scores about
 * 4.4; 3.6 and below is what agents start to notice; under 3.1 most
 * customers complain. Opus concealment makes real calls sound a little better
 * than this estimate under loss, so it errs on the side of warning early.
 */
export function estimateMos(input: { rttMs: number | null; jitterMs: number; lossPct: number }): number {
  const oneWay = (input.rttMs ?? 0) / 2;
  const effectiveLatency = oneWay + 2 * input.jitterMs + 10;
  let r = effectiveLatency < 160 ? 93.2 - effectiveLatency / 40 : 93.2 - (effectiveLatency - 120) / 10;
  r -= 2.5 * input.lossPct;
  r = clamp(r, 0, 100);
  const mos = 1 + 0.035 * r + 0.000007 * r * (r - 60) * (100 - r);
  return round(clamp(mos, 1, 4.5), 2);
}

/** The raw counters the media engine reads from getStats() (cumulative, as WebRTC reports them). */
export interface RawAudioStats {
  at: number;
  packetsReceived: number;
  packetsLost: number;
  /** Seconds, as in RTCInboundRtpStreamStats.jitter. */
  jitterSec: number | null;
  /** Seconds, from remote-inbound-rtp (RTCP) or the selected ICE candidate pair. */
  rttSec: number | null;
  audioLevel: number | null;
}

/** One reading from two consecutive snapshots (the previous one may be missing for the first). */
export function qualitySample(previous: RawAudioStats | null, current: RawAudioStats): QualitySample {
  const received = Math.max(0, current.packetsReceived - (previous?.packetsReceived ?? 0));
  const lost = Math.max(0, current.packetsLost - (previous?.packetsLost ?? 0));
  const lossPct = received + lost > 0 ? round((100 * lost) / (received + lost), 2) : 0;
  const jitterMs = round(Math.max(0, (current.jitterSec ?? 0) * 1000), 1);
  const rttMs = current.rttSec === null ? null : round(Math.max(0, current.rttSec * 1000), 1);
  return {
    at: current.at,
    jitterMs,
    lossPct,
    rttMs,
    mos: estimateMos({ rttMs, jitterMs, lossPct }),
    packetsReceived: received,
    packetsLost: lost,
    audioLevel: current.audioLevel === null ? null : clamp(current.audioLevel, 0, 1),
  };
}

/** Keeps what a call log needs from a call's readings. */
export class QualityAccumulator {
  private count = 0;
  private mosSum = 0;
  private mosMin = Infinity;
  private jitterSum = 0;
  private jitterMax = 0;
  private rttSum = 0;
  private rttCount = 0;
  private received = 0;
  private lost = 0;

  add(sample: QualitySample): void {
    this.count += 1;
    this.mosSum += sample.mos;
    this.mosMin = Math.min(this.mosMin, sample.mos);
    this.jitterSum += sample.jitterMs;
    this.jitterMax = Math.max(this.jitterMax, sample.jitterMs);
    if (sample.rttMs !== null) {
      this.rttSum += sample.rttMs;
      this.rttCount += 1;
    }
    this.received += sample.packetsReceived;
    this.lost += sample.packetsLost;
  }

  summary(): QualitySummary {
    if (this.count === 0) {
      return { samples: 0, mosAvg: null, mosMin: null, jitterMsAvg: null, jitterMsMax: null, lossPct: null, rttMsAvg: null };
    }
    const total = this.received + this.lost;
    return {
      samples: this.count,
      mosAvg: round(this.mosSum / this.count, 2),
      mosMin: round(this.mosMin, 2),
      jitterMsAvg: round(this.jitterSum / this.count, 1),
      jitterMsMax: round(this.jitterMax, 1),
      lossPct: total > 0 ? round((100 * this.lost) / total, 2) : 0,
      rttMsAvg: this.rttCount > 0 ? round(this.rttSum / this.rttCount, 1) : null,
    };
  }
}

/** Words for a MOS value, for the agent. */
export function qualityLabel(mos: number): 'good' | 'fair' | 'poor' {
  if (mos >= 3.6) return 'good';
  if (mos >= 3.1) return 'fair';
  return 'poor';
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
