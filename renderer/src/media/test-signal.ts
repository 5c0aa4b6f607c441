/**
 * A test sound made in the page (Web Audio), as a MediaStream: the speaker test's tone and the
 * signal the echo call sends, so neither depends on the agent speaking. Beeps (440 Hz, 0.4 s on,
 * 0.2 s off) rather than a steady tone: easier to tell from a hum on the line.
 */
export interface TestSignal {
  readonly stream: MediaStream;
  stop(): void;
}

/** About −15 dBFS RMS while a beep sounds: clearly audible, far from clipping through G.711 or Opus. */
const GAIN = 0.25;

export async function startTestSignal(): Promise<TestSignal> {
  const context = new AudioContext();
  // A context made outside a click starts suspended; the check always starts from one.
  await context.resume().catch(() => undefined);
  const oscillator = context.createOscillator();
  oscillator.frequency.value = 440;
  const gain = context.createGain();
  gain.gain.value = 0;
  const start = context.currentTime + 0.05;
  // Scheduled for a minute of beeps: longer than any step plays them.
  for (let i = 0; i < 100; i++) {
    gain.gain.setValueAtTime(GAIN, start + i * 0.6);
    gain.gain.setValueAtTime(0, start + i * 0.6 + 0.4);
  }
  const destination = context.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  let stopped = false;
  return {
    stream: destination.stream,
    stop() {
      if (stopped) return;
      stopped = true;
      oscillator.stop();
      for (const track of destination.stream.getTracks()) track.stop();
      void context.close().catch(() => undefined);
    },
  };
}
