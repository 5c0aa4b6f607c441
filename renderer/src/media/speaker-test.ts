import type { DeviceManager } from './devices';
import { routeAudio } from './output-device';
import { startTestSignal, type TestSignal } from './test-signal';

export interface SpeakerTest {
  /** The output it plays on by its own name; '' for the system default or a device without a name. */
  readonly device: string;
  /** Why it could not play (a DOMException name); null while it plays. */
  readonly problem: string | null;
  stop(): void;
}

/** Plays the test beeps on the agent's chosen speaker (setSinkId where the engine has it) until stopped. */
export async function playSpeakerTest(devices: DeviceManager): Promise<SpeakerTest> {
  const speaker = devices.resolve('speaker');
  // The system default, or a device without a name, is '' here: the verdict says "your speaker" in the agent's language.
  const device = speaker.name ?? '';
  let signal: TestSignal | null = null;
  const audio = document.createElement('audio');
  audio.hidden = true;
  const stop = () => {
    signal?.stop();
    audio.pause();
    audio.srcObject = null;
    audio.remove();
  };
  try {
    signal = await startTestSignal();
    audio.srcObject = signal.stream;
    document.body.appendChild(audio);
    const routed = await routeAudio(audio, speaker.deviceId);
    if (routed) {
      stop();
      return { device, problem: routed, stop };
    }
    await audio.play();
    return { device, problem: null, stop };
  } catch (error) {
    stop();
    return { device, problem: error instanceof DOMException ? error.name : 'UnknownError', stop };
  }
}
