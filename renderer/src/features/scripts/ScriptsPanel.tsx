import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuidedScript } from '../../../../shared/config/workflow';
import type { ScriptsView } from '../../../../shared/scripts/contract';
import {
  caseCategoryOf,
  readTimer,
  stoppedAt,
  suggestScripts,
  type StepAction,
  type Suggestion,
} from '../../../../shared/scripts/guided-scripts';
import type { ScriptRun, ScriptRunStep } from '../../../../shared/scripts/script-run';
import { useBridge } from '../../app/BridgeContext';
import { useElapsedClock } from '../../ui/use-clock';
import { useAgent } from '../agent';
import { reasonWords, timerWords } from './script-words';
import { bindScripts, messageOf, takeView, useScripts } from './scripts-state';
import './scripts.css';

/** The contact the scripts belong to: the one on screen, else the oldest wrap-up still owed. */
function useWorkedOn(): string | null {
  return useAgent((s) => {
    const pop = s.view?.contact ?? null;
    if (pop && pop.state !== 'declined') return pop.interactionId;
    return s.view?.wrapUps[0]?.interactionId ?? null;
  });
}

/** What the contact suggests: its case's category (from the case's coded contacts) and its wrap-up code. */
function useSuggestionContext(interactionId: string | null): { caseCategory: string | null; wrapUpCode: string | null } {
  const caseId = useAgent((s) => {
    const pop = s.view?.contact ?? null;
    if (pop?.interactionId === interactionId) return pop.caseId;
    return s.view?.wrapUps.find((w) => w.interactionId === interactionId)?.caseId ?? null;
  });
  const timeline = useAgent((s) => s.view?.timeline ?? null);
  const codes = useAgent((s) => s.view?.wrapUpCodes ?? null);
  const wrapUpCode = useAgent((s) => s.view?.wrapUps.find((w) => w.interactionId === interactionId)?.draft.code ?? null);
  const contacts = (timeline?.entries ?? []).map((e) => ({
    caseId: e.interaction.caseId,
    startedAt: e.interaction.startedAt,
    wrapUpCode: e.wrapUpCode,
  }));
  return { caseCategory: caseCategoryOf(caseId, contacts, codes ?? []), wrapUpCode };
}

/** Why a script is suggested, in the window's language. */
function useReason(): (suggestion: Suggestion) => string {
  const { t } = useTranslation('scripts');
  return ({ because }) => reasonWords(because, t);
}

/** The timer in words, so being over the target is read, not only coloured. */
function useTimerText(): (run: ScriptRun, now: number) => { text: string; over: boolean } {
  const { t } = useTranslation('scripts');
  return (run, now) => {
    const timer = readTimer(run, now);
    return { text: timerWords(timer, t), over: timer.over };
  };
}

/**
 * Guided scripts for the contact the agent works on: the scripts its case or wrap-up code calls
 * for, any script by hand, and each open script's steps as checkboxes with a timer against its
 * target. A payment step is started with its own button: that pauses the call's recording (the
 * phone bar says so, as for the manual pause), and ticking it resumes recording.
 */
export function ScriptsPanel() {
  const { t } = useTranslation('scripts');
  const reasonOf = useReason();
  const client = useBridge();
  const interactionId = useWorkedOn();
  useEffect(() => bindScripts(client, interactionId), [client, interactionId]);
  const view = useScripts((s) => (s.view?.interactionId === interactionId ? s.view : null));
  const error = useScripts((s) => s.error);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const context = useSuggestionContext(interactionId);

  useEffect(() => setProblem(null), [interactionId]);

  if (interactionId === null) return null;

  const run = async (work: () => Promise<ScriptsView>): Promise<void> => {
    setBusy(true);
    try {
      takeView(await work(), interactionId);
      setProblem(null);
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const open = (scriptId: string) => run(() => client.invoke('scripts.open', { interactionId, scriptId }));
  const step = (scriptId: string, stepId: string, action: StepAction) =>
    run(() => client.invoke('scripts.step', { interactionId, scriptId, stepId, action }));
  const close = (scriptId: string) => run(() => client.invoke('scripts.close', { interactionId, scriptId }));

  const openRuns = view?.runs.filter((r) => r.closedAt === null) ?? [];
  const isOpen = (id: string) => openRuns.some((r) => r.scriptId === id);
  const suggested = view ? suggestScripts(view.catalog, context).filter((s) => !isOpen(s.script.id)) : [];

  return (
    <section className="scripts" aria-labelledby="scripts-title">
      <h2 id="scripts-title">{t('title')}</h2>
      {error ? (
        <p role="alert" className="scripts-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      {problem ? (
        <p role="alert" className="scripts-error">
          <span aria-hidden="true">⚠ </span>
          {problem}
        </p>
      ) : null}
      {view === null ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          {suggested.length > 0 ? (
            <ul className="scripts-suggested" aria-label={t('suggested')}>
              {suggested.map((suggestion) => (
                <li key={suggestion.script.id}>
                  <button type="button" disabled={busy} onClick={() => void open(suggestion.script.id)}>
                    {t('open', { title: suggestion.script.title })}
                  </button>{' '}
                  <span className="scripts-reason">{reasonOf(suggestion)}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <ScriptPicker catalog={view.catalog} disabled={busy} onOpen={(id) => void open(id)} />
          {openRuns.map((r) => (
            <RunCard
              key={`${r.scriptId}:${r.openedAt}`}
              run={r}
              callUp={view.callId !== null}
              busy={busy}
              onStep={(stepId, action) => step(r.scriptId, stepId, action)}
              onClose={() => void close(r.scriptId)}
            />
          ))}
        </>
      )}
    </section>
  );
}

function ScriptPicker({
  catalog,
  disabled,
  onOpen,
}: {
  catalog: readonly GuidedScript[];
  disabled: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation('scripts');
  const [chosen, setChosen] = useState('');
  const selectId = useId();
  if (catalog.length === 0) return <p>{t('none')}</p>;
  return (
    <form
      className="scripts-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen !== '') onOpen(chosen);
      }}
    >
      <label htmlFor={selectId}>{t('script')}</label>
      <select id={selectId} value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">{t('choose')}</option>
        {catalog.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
      <button type="submit" disabled={disabled || chosen === ''}>
        {t('openScript')}
      </button>
    </form>
  );
}

function RunCard({
  run,
  callUp,
  busy,
  onStep,
  onClose,
}: {
  run: ScriptRun;
  callUp: boolean;
  busy: boolean;
  onStep: (stepId: string, action: StepAction) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation('scripts');
  const timerText = useTimerText();
  const titleId = useId();
  const skewMs = useAgent((s) => s.skewMs);
  // The clock wakes only when the shown time changes, and not at all once the run stopped.
  const now = useElapsedClock(stoppedAt(run) === null ? run.openedAt : null, skewMs);
  const timer = timerText(run, now);
  return (
    <article className={`script-run${timer.over ? ' script-run-over' : ''}`} aria-labelledby={titleId}>
      <header className="script-run-header">
        <h3 id={titleId}>{run.title}</h3>
        <p className="script-timer" aria-label={t('timeFor', { title: run.title })}>
          {timer.over ? <span aria-hidden="true">⚠ </span> : null}
          {timer.text}
        </p>
      </header>
      <ol className="script-steps" aria-label={t('steps', { title: run.title })}>
        {run.steps.map((s) => (
          <StepRow key={s.id} step={s} callUp={callUp} busy={busy} onStep={onStep} />
        ))}
      </ol>
      <button type="button" disabled={busy} onClick={onClose}>
        {t('close', { title: run.title })}
      </button>
    </article>
  );
}

function StepRow({
  step,
  callUp,
  busy,
  onStep,
}: {
  step: ScriptRunStep;
  callUp: boolean;
  busy: boolean;
  onStep: (stepId: string, action: StepAction) => Promise<void>;
}) {
  const { t } = useTranslation('scripts');
  // The tick shows at once, while main stores it (and, for a payment step, resumes recording); main's answer then stands.
  const [pending, setPending] = useState<boolean | null>(null);
  const started = step.startedAt !== null && step.doneAt === null;
  const tick = (checked: boolean): void => {
    setPending(checked);
    void onStep(step.id, checked ? 'done' : 'undone').finally(() => setPending(null));
  };
  return (
    <li className={`script-step${started ? ' script-step-started' : ''}`}>
      <label>
        <input
          type="checkbox"
          checked={pending ?? step.doneAt !== null}
          disabled={busy && pending === null}
          onChange={(e) => tick(e.target.checked)}
        />{' '}
        {step.label}
      </label>
      {step.payment && step.doneAt === null && pending === null ? (
        started ? (
          <p className="script-step-note" role="status">
            <span aria-hidden="true">⏸ </span>
            {t('paused')}
          </p>
        ) : (
          <button
            type="button"
            disabled={busy || !callUp}
            onClick={() => void onStep(step.id, 'start')}
            aria-label={t('startPaymentLabel', { label: step.label })}
          >
            {t('startPayment')}
          </button>
        )
      ) : null}
    </li>
  );
}
