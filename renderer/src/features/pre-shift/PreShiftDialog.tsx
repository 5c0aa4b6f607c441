import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepId, StepOutcome } from '../../../../shared/pre-shift/contract';
import { useBridge } from '../../app/BridgeContext';
import { useUserText } from '../../i18n';
import { ModalDialog } from '../../ui/ModalDialog';
import { answerSpeaker, cancelPreShiftCheck, closePreShiftCheck, runPreShiftCheck, usePreShift, type StepStatus } from './pre-shift-run';
import './pre-shift.css';

const STEPS: readonly StepId[] = ['microphone', 'speaker', 'echo', 'network'];

/** Text and a glyph for each outcome, so a step's state never rests on its colour alone. */
const OUTCOME_GLYPH: Record<StepOutcome, string> = { pass: '✓', warn: '⚠', fail: '✕', skipped: '–', cancelled: '–' };

/**
 * "Check my setup": the steps with their progress, then the pass/fail card with what to fix.
 * Open while the check's store says so (the Tools menu and the start-of-shift offer open it).
 */
export function PreShiftDialog() {
  const open = usePreShift((s) => s.open);
  return open ? <CheckDialog /> : null;
}

function CheckDialog() {
  const { t } = useTranslation('preShift');
  const show = useUserText();
  const client = useBridge();
  const titleId = useId();
  const cardRef = useRef<HTMLElement>(null);
  const { running, steps, micLevel, askingSpeaker, result, problem } = usePreShift();

  // When the check ends, focus goes to its result, so a screen reader reads the verdict first.
  useEffect(() => {
    if (result) cardRef.current?.focus();
  }, [result]);

  const statusWords = (step: StepId, status: StepStatus, outcome: StepOutcome | undefined): string => {
    if (status === 'waiting') return t('waiting');
    if (status === 'running') return t(`running.${step}`);
    return outcome ? t(`outcome.${outcome}`) : t('done');
  };

  return (
    <ModalDialog title={t('title')} onClose={() => closePreShiftCheck(client)} className="pre-shift-dialog">
      {problem ? <p role="alert">{problem}</p> : null}
      <ol className="pre-shift-steps" aria-label={t('steps')}>
        {STEPS.map((step) => {
          const { status, verdict } = steps[step];
          const outcome = verdict?.outcome;
          return (
            <li key={step} className={`pre-shift-step pre-shift-${outcome ?? status}`} aria-label={t(`step.${step}`)}>
              <span className="pre-shift-step-title">{t(`step.${step}`)}</span>{' '}
              <span className="pre-shift-step-status">
                {outcome ? (
                  <span aria-hidden="true" className="pre-shift-glyph">
                    {OUTCOME_GLYPH[outcome]}{' '}
                  </span>
                ) : null}
                {statusWords(step, status, outcome)}
              </span>
              {step === 'microphone' && status === 'running' ? (
                <meter
                  className="pre-shift-meter"
                  aria-label={t('micLevel')}
                  min={0}
                  max={0.3}
                  low={0.01}
                  value={Math.min(0.3, micLevel)}
                />
              ) : null}
              {step === 'speaker' && askingSpeaker ? (
                <span className="pre-shift-question" role="group" aria-label={t('hearBeeps')}>
                  {t('hearBeeps')} {/* Focus goes to the question, so a keyboard user answers it with Enter or Tab, Enter. */}
                  <button type="button" onClick={() => answerSpeaker(true)} autoFocus>
                    {t('heardIt')}
                  </button>{' '}
                  <button type="button" onClick={() => answerSpeaker(false)}>
                    {t('didNotHear')}
                  </button>
                </span>
              ) : null}
              {verdict && !result ? <span className="pre-shift-step-summary">{show(verdict.summary)}</span> : null}
            </li>
          );
        })}
      </ol>
      {result ? (
        <section ref={cardRef} tabIndex={-1} className={`pre-shift-card pre-shift-${result.outcome}`} aria-labelledby={`${titleId}-result`}>
          <h3 id={`${titleId}-result`}>{t(`headline.${result.outcome}`)}</h3>
          <ul>
            {result.steps.map((verdict) => (
              <li key={verdict.step}>
                <strong>{t('stepResult', { step: t(`step.${verdict.step}`), outcome: t(`outcome.${verdict.outcome}`) })}</strong>{' '}
                {show(verdict.summary)}
                {verdict.advice.length > 0 ? (
                  <ul className="pre-shift-advice">
                    {verdict.advice.map((line) => (
                      // A step's advice lines are distinct messages: the key names each one.
                      <li key={line.key}>{show(line)}</li>
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
            {t('cancel')}
          </button>
        ) : (
          <button type="button" onClick={() => void runPreShiftCheck(client)}>
            {t('runAgain')}
          </button>
        )}
      </div>
    </ModalDialog>
  );
}
