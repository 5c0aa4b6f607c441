import { describe, expect, it } from 'vitest';
import { estimateMos, QualityAccumulator, qualityLabel, qualitySample, type RawAudioStats } from '../../../shared/telephony/quality';

const raw = (over: Partial<RawAudioStats>): RawAudioStats => ({
  at: 0,
  packetsReceived: 0,
  packetsLost: 0,
  jitterSec: 0,
  rttSec: 0,
  audioLevel: null,
  ...over,
});

describe('MOS estimate (simplified E-model)', () => {
  it('scores a clean LAN call near the narrowband ceiling', () => {
    expect(estimateMos({ rttMs: 2, jitterMs: 1, lossPct: 0 })).toBeCloseTo(4.4, 1);
  });

  it('drops as latency, jitter and loss grow, and never leaves 1..4.5', () => {
    const clean = estimateMos({ rttMs: 20, jitterMs: 2, lossPct: 0 });
    const far = estimateMos({ rttMs: 400, jitterMs: 2, lossPct: 0 });
    const jittery = estimateMos({ rttMs: 20, jitterMs: 60, lossPct: 0 });
    const lossy = estimateMos({ rttMs: 20, jitterMs: 2, lossPct: 10 });
    expect(far).toBeLessThan(clean);
    expect(jittery).toBeLessThan(clean);
    expect(lossy).toBeLessThan(clean);
    expect(qualityLabel(lossy)).not.toBe('good');
    expect(estimateMos({ rttMs: 5000, jitterMs: 500, lossPct: 100 })).toBe(1);
    expect(estimateMos({ rttMs: null, jitterMs: 0, lossPct: 0 })).toBeLessThanOrEqual(4.5);
  });

  it('matches the formula at a known point (Le = 160 ms boundary, 1 % loss)', () => {
    // Le = 260/2 + 2*10 + 10 = 160 → R = 93.2 − (160 − 120)/10 − 2.5 = 86.7
    const r = 86.7;
    const expected = 1 + 0.035 * r + 0.000007 * r * (r - 60) * (100 - r);
    expect(estimateMos({ rttMs: 260, jitterMs: 10, lossPct: 1 })).toBeCloseTo(expected, 2);
  });
});

describe('quality readings and the per-call summary', () => {
  it('turns cumulative counters into interval loss, jitter in ms and RTT in ms', () => {
    const first = qualitySample(null, raw({ at: 2000, packetsReceived: 100, packetsLost: 0, jitterSec: 0.004, rttSec: 0.03 }));
    expect(first).toMatchObject({ packetsReceived: 100, packetsLost: 0, lossPct: 0, jitterMs: 4, rttMs: 30 });
    const second = qualitySample(
      raw({ packetsReceived: 100, packetsLost: 0 }),
      raw({ at: 4000, packetsReceived: 190, packetsLost: 10, jitterSec: 0.02, rttSec: null }),
    );
    expect(second).toMatchObject({ packetsReceived: 90, packetsLost: 10, lossPct: 10, jitterMs: 20, rttMs: null });
  });

  it('counts no audio as zero packets, not as loss', () => {
    expect(qualitySample(raw({ packetsReceived: 50 }), raw({ packetsReceived: 50 }))).toMatchObject({ packetsReceived: 0, lossPct: 0 });
  });

  it('summarises averages, minimum MOS, worst jitter and overall loss', () => {
    const acc = new QualityAccumulator();
    expect(acc.summary()).toEqual({
      samples: 0,
      mosAvg: null,
      mosMin: null,
      jitterMsAvg: null,
      jitterMsMax: null,
      lossPct: null,
      rttMsAvg: null,
    });
    acc.add({ at: 1, jitterMs: 2, lossPct: 0, rttMs: 10, mos: 4.4, packetsReceived: 100, packetsLost: 0, audioLevel: null });
    acc.add({ at: 2, jitterMs: 10, lossPct: 50, rttMs: null, mos: 2.0, packetsReceived: 50, packetsLost: 50, audioLevel: null });
    expect(acc.summary()).toEqual({ samples: 2, mosAvg: 3.2, mosMin: 2, jitterMsAvg: 6, jitterMsMax: 10, lossPct: 25, rttMsAvg: 10 });
  });
});
