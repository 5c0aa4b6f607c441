import { create } from 'zustand';
import { BridgeError } from '../../../../shared/bridge/errors';
import type { PreShiftMeasures, PreShiftResult, StepId, StepVerdict } from '../../../../shared/pre-shift/contract';
import { judgeEcho, judgeMicrophone, judgeNetwork, judgeSpeaker } from '../../../../shared/pre-shift/verdict';
import type { BridgeClient } from '../../bridge/client';
import { i18n } from '../../i18n';
import { getMediaEngine } from '../../media/engine';
import { listenToMicrophone } from '../../media/microphone-meter';
import { playSpeakerTest, type SpeakerTest } from '../../media/speaker-test';

export type StepStatus = 'waiting' | 'running' | 'done';

export interface PreShiftState {
  open: boolean;
  running: boolean;
  steps: Record<StepId, { status: StepStatus; verdict: StepVerdict | null }>;
  /** The microphone meter's last reading, RMS 0..1. */
  micLevel: number;
  /** The speaker tone plays and the agent is asked whether they hear it. */
  askingSpeaker: boolean;
  result: PreShiftResult | null;
  /** Why the check did not run (a call is up) or did not finish. */
  problem: string | null;
}

const idleSteps = (): PreShiftState['steps'] => ({
  microphone: { status: 'waiting', verdict: null },
  speaker: { status: 'waiting', verdict: null },
  echo: { status: 'waiting', verdict: null },
  network: { status: 'waiting', verdict: null },
});

export const usePreShift = create<PreShiftState>()(() => ({
  open: false,
  running: false,
  steps: idleSteps(),
  micLevel: 0,
  askingSpeaker: false,
  result: null,
  problem: null,
}));

let abort: AbortController | null = null;
let speakerAnswer: ((heard: boolean | null) => void) | null = null;
let callTestRunning = false;

function setStep(step: StepId, status: StepStatus, verdict: StepVerdict | null = null): void {
  usePreShift.setState((s) => ({ steps: { ...s.steps, [step]: { status, verdict } } }));
}

/** Opens the check and runs it: microphone, speaker, then the echo call and the network (main). */
export function openPreShiftCheck(client: BridgeClient): void {
  usePreShift.setState({ open: true });
  if (!usePreShift.getState().running) void runPreShiftCheck(client);
}

/** The agent's answer to "Do you hear the beeps?". */
export function answerSpeaker(heard: boolean): void {
  speakerAnswer?.(heard);
}

/** Stops the check where it is: the microphone and the tone stop, a test call is hung up. */
export function cancelPreShiftCheck(client: BridgeClient): void {
  abort?.abort();
  speakerAnswer?.(null);
  if (callTestRunning) void client.invoke('preShift.cancel', {}).catch(() => undefined);
}

/** Closing the window cancels a check that still runs. */
export function closePreShiftCheck(client: BridgeClient): void {
  if (usePreShift.getState().running) cancelPreShiftCheck(client);
  usePreShift.setState({ open: false });
}

export async function runPreShiftCheck(client: BridgeClient): Promise<void> {
  usePreShift.setState({ running: true, steps: idleSteps(), micLevel: 0, askingSpeaker: false, result: null, problem: null });
  const controller = new AbortController();
  abort = controller;
  const measures: PreShiftMeasures = { microphone: null, speaker: null, echo: null, network: null, cancelled: false };
  // A customer's call comes first: a call that rings during the check stops it (main ends a test call itself too).
  const offCalls = client.on('telephony.view', (view) => {
    if (view.calls.length === 0 || controller.signal.aborted) return;
    usePreShift.setState({ problem: i18n.t('preShift:problem.callCameIn') });
    cancelPreShiftCheck(client);
  });
  try {
    const telephony = await client.invoke('telephony.getState', {});
    if (telephony.calls.length > 0) {
      usePreShift.setState({ problem: i18n.t('preShift:problem.onACall') });
      return;
    }
    const engine = getMediaEngine();
    if (!engine) {
      usePreShift.setState({ problem: i18n.t('preShift:problem.noEngine') });
      return;
    }

    setStep('microphone', 'running');
    const microphone = await listenToMicrophone(engine.devices, (level) => usePreShift.setState({ micLevel: level }), controller.signal);
    if (!controller.signal.aborted) {
      measures.microphone = microphone;
      setStep('microphone', 'done', judgeMicrophone(microphone));
    }

    if (!controller.signal.aborted) {
      setStep('speaker', 'running');
      const test: SpeakerTest = await playSpeakerTest(engine.devices);
      let heard: boolean | null = null;
      if (test.problem === null) {
        usePreShift.setState({ askingSpeaker: true });
        heard = await new Promise<boolean | null>((resolve) => {
          speakerAnswer = resolve;
        });
        speakerAnswer = null;
        usePreShift.setState({ askingSpeaker: false });
      }
      test.stop();
      if (!controller.signal.aborted) {
        measures.speaker = { device: test.device.slice(0, 120), heard, problem: test.problem };
        setStep('speaker', 'done', judgeSpeaker(measures.speaker));
      }
    }

    if (!controller.signal.aborted) {
      setStep('echo', 'running');
      setStep('network', 'running');
      callTestRunning = true;
      try {
        const { echo, network } = await client.invoke('preShift.callTest', {});
        measures.network = network;
        if (echo.status !== 'cancelled') measures.echo = echo;
        setStep('echo', 'done', judgeEcho(echo));
        setStep('network', 'done', judgeNetwork(network, echo));
      } finally {
        callTestRunning = false;
      }
    }
    measures.cancelled = controller.signal.aborted;
    usePreShift.setState({ result: await client.invoke('preShift.record', measures) });
  } catch (error) {
    // A call that rang in between (main refuses the test call then) reads the same as one already up.
    const message = error instanceof BridgeError || error instanceof Error ? error.message : String(error);
    usePreShift.setState({ problem: i18n.t('preShift:problem.didNotFinish', { message }) });
  } finally {
    offCalls();
    if (abort === controller) abort = null;
    usePreShift.setState({ running: false, askingSpeaker: false, micLevel: 0 });
  }
}
