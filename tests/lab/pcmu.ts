/**
 * G.711 µ-law (PCMU), enough for the lab's far end: werift has no Opus
 * encoder, but Chromium speaks PCMU, so the scripted customer can both send a
 * real tone and measure the energy of what it hears.
 */
const BIAS = 0x84;
const CLIP = 32635;

export function encodeSample(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  if (s > CLIP) s = CLIP;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; exponent--, mask >>= 1);
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export function decodeSample(byte: number): number {
  const u = ~byte & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + BIAS) << exponent) - BIAS;
  return sign ? -magnitude : magnitude;
}

/** Mean of the squared samples of a PCMU payload, normalised to 0..1 (full scale = 1). */
export function payloadEnergy(payload: Uint8Array): number {
  if (payload.length === 0) return 0;
  let sum = 0;
  for (const byte of payload) {
    const v = decodeSample(byte) / 32768;
    sum += v * v;
  }
  return sum / payload.length;
}

/** A sine tone as consecutive 20 ms PCMU frames (160 samples at 8 kHz). */
export class ToneSource {
  private phase = 0;

  constructor(
    private readonly hz = 440,
    private readonly amplitude = 6000,
  ) {}

  frame(): Buffer {
    const out = Buffer.alloc(160);
    const step = (2 * Math.PI * this.hz) / 8000;
    for (let i = 0; i < 160; i++) {
      out[i] = encodeSample(this.amplitude * Math.sin(this.phase));
      this.phase += step;
    }
    this.phase %= 2 * Math.PI;
    return out;
  }
}
