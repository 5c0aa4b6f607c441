import type { RingMode } from '../../../shared/telephony/contract';
import { routeAudio } from './output-device';

interface Pattern {
  /** Frequencies mixed together for one burst. */
  tones: number[];
  gain: number;
  /** Burst lengths and pauses in seconds, repeated: on, off, on, off… */
  cadence: number[];
}

/**
 * The tones. Ringing is the North American 440+480 Hz two seconds on, four
 * off; call waiting is a short, quiet 440 Hz double beep every eight seconds
 * so the agent hears it over the current call without the customer noticing;
 * ringback is the ringing tone, quieter, on the call speaker.
 */
const PATTERNS: Record<Exclude<RingMode, 'off'>, Pattern> = {
  ring: { tones: [440, 480], gain: 0.25, cadence: [2, 4] },
  soft: { tones: [440], gain: 0.06, cadence: [0.2, 0.15, 0.2, 7.45] },
  ringback: { tones: [440, 480], gain: 0.08, cadence: [2, 4] },
};

/**
 * Why the ringtone did not play, for the log: the browser's autoplay policy (the web shell's own
 * window turns it off, electron/web-shell/app-window-args.ts; Electron does not apply it), or the
 * output device.
 */
export type RingProblem = 'autoplay-blocked' | 'output-failed';

/**
 * Plays ringtones with Web Audio into an <audio> element, so the sound goes
 * to the device the agent chose for ringing (setSinkId) rather than always
 * the headset: the ringer can be the desk speaker while calls use the headset.
 */
export class Ringer {
  private context: AudioContext | null = null;
  private element: HTMLAudioElement | null = null;
  private destination: MediaStreamAudioDestinationNode | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private nodes: AudioNode[] = [];
  private mode: RingMode = 'off';
  private generation = 0;

  get current(): RingMode {
    return this.mode;
  }

  /** `ringerSink` for ring/soft, `speakerSink` for ringback; undefined is the system default. */
  async play(
    mode: RingMode,
    sinks: { ringer: string | undefined; speaker: string | undefined },
  ): Promise<{ playing: boolean; problem: RingProblem | null }> {
    this.stop();
    this.mode = mode;
    if (mode === 'off') return { playing: false, problem: null };
    const generation = ++this.generation;
    try {
      const { element, context, destination } = this.ensureOutput();
      const sink = mode === 'ringback' ? sinks.speaker : sinks.ringer;
      const routing = await routeAudio(element, sink);
      if (routing) throw new Error(`ringer output: ${routing}`);
      await context.resume();
      await element.play();
      if (generation !== this.generation) return { playing: false, problem: null };
      this.schedule(PATTERNS[mode], context, destination, generation, 0);
      return { playing: true, problem: null };
    } catch (error) {
      this.mode = 'off';
      const blocked = error instanceof DOMException && error.name === 'NotAllowedError';
      return { playing: false, problem: blocked ? 'autoplay-blocked' : 'output-failed' };
    }
  }

  stop(): void {
    this.generation += 1;
    this.mode = 'off';
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    for (const node of this.nodes) {
      try {
        if (node instanceof OscillatorNode) node.stop();
        node.disconnect();
      } catch {
        // Already stopped.
      }
    }
    this.nodes = [];
  }

  private ensureOutput(): { element: HTMLAudioElement; context: AudioContext; destination: MediaStreamAudioDestinationNode } {
    if (!this.context || !this.element || !this.destination) {
      this.context = new AudioContext({ latencyHint: 'interactive' });
      this.destination = this.context.createMediaStreamDestination();
      this.element = document.createElement('audio');
      this.element.hidden = true;
      this.element.srcObject = this.destination.stream;
      document.body.appendChild(this.element);
    }
    return { element: this.element, context: this.context, destination: this.destination };
  }

  private schedule(pattern: Pattern, context: AudioContext, destination: AudioNode, generation: number, step: number): void {
    if (generation !== this.generation) return;
    const length = pattern.cadence[step % pattern.cadence.length] ?? 1;
    const sounding = step % 2 === 0;
    if (sounding) {
      const start = context.currentTime + 0.01;
      const gain = context.createGain();
      // Short ramps avoid clicks at the edges of each burst.
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(pattern.gain, start + 0.02);
      gain.gain.setValueAtTime(pattern.gain, start + Math.max(0.02, length - 0.02));
      gain.gain.linearRampToValueAtTime(0, start + length);
      gain.connect(destination);
      this.nodes.push(gain);
      for (const frequency of pattern.tones) {
        const oscillator = context.createOscillator();
        oscillator.frequency.value = frequency;
        oscillator.connect(gain);
        oscillator.start(start);
        oscillator.stop(start + length + 0.05);
        this.nodes.push(oscillator);
      }
    }
    this.timer = setTimeout(() => {
      // Drop the nodes of bursts that have finished.
      this.nodes = this.nodes.slice(-8);
      this.schedule(pattern, context, destination, generation, step + 1);
    }, length * 1000);
  }
}
