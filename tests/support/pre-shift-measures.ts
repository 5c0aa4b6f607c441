import type { EchoMeasure, EchoMedia, MicrophoneMeasure, NetworkMeasure, PreShiftMeasures } from '../../shared/pre-shift/contract';

/**
 * What a setup check measures on a good headset and a good line (every step passes), for the
 * verdict tests; each takes the fields a test changes.
 */

export const mic = (over: Partial<MicrophoneMeasure> = {}): MicrophoneMeasure => ({
  device: 'Jabra Evolve2 40',
  peakLevel: 0.2,
  loudWindows: 10,
  problem: null,
  ...over,
});

export const media = (over: Partial<EchoMedia> = {}): EchoMedia => ({
  echoLevel: 0.15,
  packetsReceived: 250,
  packetsLost: 0,
  lossPct: 0,
  jitterMs: 2,
  rttMs: 20,
  rttSource: 'rtcp',
  seconds: 5,
  ...over,
});

export const echo = (over: Partial<EchoMeasure> = {}): EchoMeasure => ({ status: 'connected', sipCode: null, media: media(), ...over });

export const network = (over: Partial<NetworkMeasure> = {}): NetworkMeasure => ({
  sipRoundTripsMs: [12, 40, 15],
  probes: 3,
  problem: null,
  ...over,
});

export const all = (over: Partial<PreShiftMeasures> = {}): PreShiftMeasures => ({
  microphone: mic(),
  speaker: { device: 'Jabra Evolve2 40', heard: true, problem: null },
  echo: echo(),
  network: network(),
  cancelled: false,
  ...over,
});
