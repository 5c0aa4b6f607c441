/** Levels of a 16-bit PCM WAV recording, for "did it hear anything" checks. */
export interface WavLevels {
  /** Length of the part measured. */
  seconds: number;
  /** RMS over the part measured, 0..1 of full scale. */
  rms: number;
  /** 20 ms frames in it whose RMS is above LOUD_FRAME_RMS: audible audio rather than silence or codec noise. */
  loudFrames: number;
}

/** About -40 dBFS: decoded silence (G.711 or Opus) stays far below, a test tone far above. */
export const LOUD_FRAME_RMS = 0.01;

/**
 * Reads a WAV that may still be being written (baresip's sndfile filter keeps
 * it open during the call): the data chunk's size in the header is not final
 * until the file is closed, so everything after the chunk header counts.
 */
export interface WavWindow {
  /** Only the last this many milliseconds. */
  lastMs?: number;
  /** Only what was recorded after this point (seconds from the start of the recording). */
  afterSeconds?: number;
}

export function wavLevels(file: Buffer, window: WavWindow = {}): WavLevels {
  if (file.length < 12 || file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') {
    return { seconds: 0, rms: 0, loudFrames: 0 };
  }
  let offset = 12;
  let channels = 1;
  let rate = 8000;
  let bits = 16;
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      channels = file.readUInt16LE(body + 2);
      rate = file.readUInt32LE(body + 4);
      bits = file.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (bits !== 16) throw new Error(`wav: ${bits}-bit samples are not supported`);
      return levels(file.subarray(body, body + Math.floor((file.length - body) / 2) * 2), rate, channels, window);
    }
    offset = body + size + (size % 2);
  }
  return { seconds: 0, rms: 0, loudFrames: 0 };
}

function levels(data: Buffer, rate: number, channels: number, window: WavWindow): WavLevels {
  const samplesPerFrame = (rate / 50) * channels;
  const total = data.length / 2;
  let start = 0;
  if (window.lastMs !== undefined) start = Math.max(start, total - Math.floor((rate * channels * window.lastMs) / 1000));
  if (window.afterSeconds !== undefined) start = Math.max(start, Math.floor(rate * window.afterSeconds) * channels);
  start = Math.min(start, total);
  const samples = total - start;
  let sum = 0;
  let frameSum = 0;
  let frameCount = 0;
  let loudFrames = 0;
  for (let i = 0; i < samples; i++) {
    const v = data.readInt16LE((start + i) * 2) / 32768;
    sum += v * v;
    frameSum += v * v;
    if (++frameCount === samplesPerFrame) {
      if (Math.sqrt(frameSum / frameCount) > LOUD_FRAME_RMS) loudFrames += 1;
      frameSum = 0;
      frameCount = 0;
    }
  }
  return { seconds: samples / (rate * channels), rms: samples > 0 ? Math.sqrt(sum / samples) : 0, loudFrames };
}

/** A WAV of digital silence (16-bit mono): Chromium's fake microphone plays it (--use-file-for-fake-audio-capture) for a muted headset. */
export function silentWav(seconds: number, rate = 48_000): Buffer {
  const data = Math.round(seconds * rate) * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data, 40);
  return Buffer.concat([header, Buffer.alloc(data)]);
}
