import { useId } from 'react';
import type { StepId, StepOutcome } from '../../../../shared/pre-shift/contract';
import { describeOutcome } from '../../../../shared/pre-shift/verdict';
import { useBridge } from '../../app/BridgeContext';
import { useModalDialog } from '../../ui/ModalDialog';
import { answerSpeaker, cancelPreShiftCheck, closePreShiftCheck, runPreShiftCheck, usePreShift, type StepStatus } from './pre-shift-run';

const STEP_TITLES: Record<StepId, string> = {
  microphone: 'Microphone',
  speaker: 'Speaker',
  echo: 'Echo test call',
  network: 'Network',
};

const OUTCOME_WORDS: Record<StepOutcome, string> = {
  pass: 'Passed',
  warn: 'Warning',
  fail: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Not checked',
};

const RUNNING_WORDS: Record<StepId, string> = {
  microphone: 'Say a few words into your headset…',
  speaker: 'Playing beeps on your speaker…',
  echo: 'Calling the echo test extension…',
  network: 'Measuring the connection to the phone system…',
};

function statusWords(step: StepId, status: StepStatus, outcome: StepOutcome | undefined): string {
  if (status === 'waiting') return 'Waiting';
  if (status === 'running') return RUNNING_WORDS[step];
  return outcome ? OUTCOME_WORDS[outcome] : 'Done';
}

/** "Check my setup": the steps with their progress, then the pass/fail card with what to fix. */
export function PreShiftDialog() {
  const open = usePreShift((s) => s.open);
  return open ? <CheckDialog /> : null;
}

function CheckDialog() {
  const client = useBridge();
  const ref = useModalDialog(() => closePreShiftCheck(client));
  const titleId = useId();
  const { running, steps, micLevel, askingSpeaker, result, problem } = usePreShift();
  return (
    <dialog ref={ref} className="modal-dialog pre-shift-dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>Check my setup</h2>
      {problem ? <p role="alert">{problem}</p> : null}
      <ol className="pre-shift-steps" aria-label="Setup check steps">
        {(Object.keys(STEP_TITLES) as StepId[]).map((step) => {
          const { status, verdict } = steps[step];
          return (
            <li key={step} className={`pre-shift-step pre-shift-${verdict?.outcome ?? status}`} aria-label={STEP_TITLES[step]}>
              <span className="pre-shift-step-title">{STEP_TITLES[step]}</span>{' '}
              <span className="pre-shift-step-status">{statusWords(step, status, verdict?.outcome)}</span>
              {step === 'microphone' && status === 'running' ? (
                <meter
                  className="pre-shift-meter"
                  aria-label="Microphone level"
                  min={0}
                  max={0.3}
                  low={0.01}
                  value={Math.min(0.3, micLevel)}
                />
              ) : null}
              {step === 'speaker' && askingSpeaker ? (
                <span className="pre-shift-question" role="group" aria-label="Do you hear the beeps?">
                  Do you hear the beeps? {/* Focus goes to the question, so a keyboard user answers it with Enter or Tab, Enter. */}
                  <button type="button" onClick={() => answerSpeaker(true)} autoFocus>
                    I heard it
                  </button>{' '}
                  <button type="button" onClick={() => answerSpeaker(false)}>
                    I did not
                  </button>
                </span>
              ) : null}
              {verdict && !result ? <span className="pre-shift-step-summary">{verdict.summary}</span> : null}
            </li>
          );
        })}
      </ol>
      {result ? (
        <section className={`pre-shift-card pre-shift-${result.outcome}`} aria-labelledby={`${titleId}-result`}>
          <h3 id={`${titleId}-result`}>{describeOutcome(result.outcome)}</h3>
          <ul>
            {result.steps.map((verdict) => (
              <li key={verdict.step}>
                <strong>
                  {STEP_TITLES[verdict.step]}: {OUTCOME_WORDS[verdict.outcome]}.
                </strong>{' '}
                {verdict.summary}
                {verdict.advice.length > 0 ? (
                  <ul className="pre-shift-advice">
                    {verdict.advice.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="pre-shift-actions">
        {running ? (
          <button type="button" onClick={() => cancelPreShiftCheck(client)}>
            Cancel
          </button>
        ) : (
          <>
            <button type="button" onClick={() => void runPreShiftCheck(client)}>
              Run again
            </button>
            <button type="button" onClick={() => ref.current?.close()} autoFocus>
              Close
            </button>
          </>
        )}
      </div>
    </dialog>
  );
}
