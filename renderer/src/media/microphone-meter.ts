import type { MicrophoneMeasure } from '../../../shared/pre-shift/contract';
import { PRE_SHIFT_LIMITS } from '../../../shared/pre-shift/verdict';
import type { DeviceManager } from './devices';
import { liveMedia } from './live-media';

/** One level reading per window: 50 ms, short enough for a meter that follows speech. */
const WINDOW_MS = 50;

/**
 * The pre-shift microphone step: opens the chosen microphone with a call's processing, shows its
 * level (RMS of each 50 ms window, from an AnalyserNode) through `onLevel`, and ends as soon as
 * speech-level sound has been heard, or after `listenSeconds`, or when `signal` aborts. The
 * microphone is released before it answers, whatever happened.
 */
export async function listenToMicrophone(
  devices: DeviceManager,
  onLevel: (level: number) => void,
  signal: AbortSignal,
): Promise<MicrophoneMeasure> {
  const chosen = devices.resolve('microphone');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: devices.microphoneConstraints(), video: false });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    const problem = name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : name === 'NotFoundError' ? 'not-found' : 'failed';
    return { device: chosen.name ?? '', peakLevel: 0, loudWindows: 0, problem };
  }
  liveMedia.addTracks(stream);
  const track = stream.getAudioTracks()[0];
  // A device without a name is '' here: the verdict has a sentence of its own for it ("Your microphone …").
  const device = (chosen.name ?? track?.label ?? '').slice(0, 120);
  const context = new AudioContext();
  try {
    await context.resume().catch(() => undefined);
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let peakLevel = 0;
    let loudWindows = 0;
    await new Promise<void>((resolve) => {
      const deadline = performance.now() + PRE_SHIFT_LIMITS.listenSeconds * 1000;
      const finish = () => {
        clearInterval(timer);
        signal.removeEventListener('abort', finish);
        resolve();
      };
      const timer = setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const v of samples) sum += v * v;
        const level = Math.sqrt(sum / samples.length);
        peakLevel = Math.max(peakLevel, level);
        if (level >= PRE_SHIFT_LIMITS.speechLevel) loudWindows += 1;
        onLevel(level);
        if (loudWindows >= PRE_SHIFT_LIMITS.speechWindows || performance.now() > deadline) finish();
      }, WINDOW_MS);
      signal.addEventListener('abort', finish);
      if (signal.aborted) finish();
    });
    return { device, peakLevel: Math.min(1, peakLevel), loudWindows, problem: null };
  } finally {
    // The OS's recording indicator goes off only when every track is stopped.
    for (const t of stream.getTracks()) t.stop();
    void context.close().catch(() => undefined);
    onLevel(0);
  }
}
