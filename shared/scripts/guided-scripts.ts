/**
 * Guided scripts' rules, pure (time comes in as an argument): opening a script on a contact,
 * ticking and starting steps, which scripts to suggest, the timer's words and the CRM note's lines.
 * Main runs them on its records (electron/agent/guided-scripts.ts); the renderer uses the
 * suggestion and the timer text.
 */
import type { GuidedScript, WrapUpCode } from '../config/workflow';
import { userText, type UserText } from '../text/user-text';
import { formatDuration } from '../time/duration';
import { MAX_SCRIPT_RUNS, type ScriptRun, type ScriptRunStep } from './script-run';

export type StepAction = 'done' | 'undone' | 'start';

/** Why a change is refused, as a message main sends the window (its English: `englishOf`). */
export type StepResult = { ok: true; run: ScriptRun; step: ScriptRunStep } | { ok: false; text: UserText };

/** A fresh run of `script`, its words copied from the catalog. */
export function openRun(script: GuidedScript, now: number): ScriptRun {
  return {
    scriptId: script.id,
    title: script.title,
    targetSeconds: script.targetSeconds,
    openedAt: now,
    closedAt: null,
    steps: script.steps.map((s) => ({ id: s.id, label: s.label, payment: s.payment, startedAt: null, doneAt: null })),
  };
}

/** Adds a run to a contact's runs; a script already open there is not opened twice (its run is answered). */
export function addRun(
  runs: readonly ScriptRun[],
  script: GuidedScript,
  now: number,
): { ok: true; runs: ScriptRun[] } | { ok: false; text: UserText } {
  if (runs.some((r) => r.scriptId === script.id && r.closedAt === null)) return { ok: true, runs: [...runs] };
  if (runs.length >= MAX_SCRIPT_RUNS) return { ok: false, text: userText('agent.scripts.tooMany', { max: MAX_SCRIPT_RUNS }) };
  return { ok: true, runs: [...runs, openRun(script, now)] };
}

/**
 * Ticks, unticks or starts a step. Only a payment step is started (its start pauses recording);
 * a ticked step is not started again, and a closed script changes no more.
 */
export function applyStep(run: ScriptRun, stepId: string, action: StepAction, now: number): StepResult {
  if (run.closedAt !== null) return { ok: false, text: userText('agent.scripts.closed', { title: run.title }) };
  const index = run.steps.findIndex((s) => s.id === stepId);
  const step = run.steps[index];
  if (!step) return { ok: false, text: userText('agent.scripts.noStep', { title: run.title, step: stepId }) };
  let next: ScriptRunStep;
  if (action === 'start') {
    if (!step.payment) return { ok: false, text: userText('agent.scripts.onlyPaymentStarts') };
    if (step.doneAt !== null) return { ok: false, text: userText('agent.scripts.stepDone') };
    next = { ...step, startedAt: step.startedAt ?? now };
  } else if (action === 'done') {
    next = { ...step, startedAt: null, doneAt: step.doneAt ?? now };
  } else {
    next = { ...step, startedAt: null, doneAt: null };
  }
  const steps = run.steps.map((s, i) => (i === index ? next : s));
  return { ok: true, run: { ...run, steps }, step: next };
}

/** The payment step under way in a run (recording paused for it), if any. */
export function startedPaymentStep(run: ScriptRun): ScriptRunStep | null {
  return run.steps.find((s) => s.payment && s.startedAt !== null && s.doneAt === null) ?? null;
}

/** Closes a run: a payment step under way is left not done (its pause ends with the close). */
export function closeRun(run: ScriptRun, now: number): ScriptRun {
  if (run.closedAt !== null) return run;
  return { ...run, closedAt: now, steps: run.steps.map((s) => (s.startedAt !== null ? { ...s, startedAt: null } : s)) };
}

// ------------------------------------------------------------------ suggestion

/**
 * A case's category: the wrap-up category its newest coded contact was given (cases carry no
 * category of their own in the store or the CRM connectors). Null when no contact of the case was coded.
 */
export function caseCategoryOf(
  caseId: string | null,
  contacts: readonly { caseId: string | null; startedAt: number; wrapUpCode: string | null }[],
  codes: readonly Pick<WrapUpCode, 'code' | 'category'>[],
): string | null {
  if (caseId === null) return null;
  const newest = contacts
    .filter((c) => c.caseId === caseId && c.wrapUpCode !== null)
    .sort((a, b) => b.startedAt - a.startedAt)
    .find((c) => codes.some((code) => code.code === c.wrapUpCode));
  return newest ? (codes.find((code) => code.code === newest.wrapUpCode)?.category ?? null) : null;
}

export interface SuggestionContext {
  caseCategory: string | null;
  wrapUpCode: string | null;
}

/** Why a script is suggested, as data: the window says it in the agent's language. */
export type SuggestedBecause = { kind: 'wrap-up-code'; code: string } | { kind: 'case-category'; category: string };

export interface Suggestion {
  script: GuidedScript;
  because: SuggestedBecause;
}

/** The scripts the contact calls for: the wrap-up code's first (the agent's latest word), then the case category's. */
export function suggestScripts(catalog: readonly GuidedScript[], context: SuggestionContext): Suggestion[] {
  const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
  const out: Suggestion[] = [];
  const { wrapUpCode, caseCategory } = context;
  if (wrapUpCode !== null)
    for (const script of catalog)
      if (script.suggestWhen.wrapUpCodes.some((c) => same(c, wrapUpCode)))
        out.push({ script, because: { kind: 'wrap-up-code', code: wrapUpCode } });
  if (caseCategory !== null)
    for (const script of catalog)
      if (!out.some((s) => s.script.id === script.id) && script.suggestWhen.caseCategories.some((c) => same(c, caseCategory)))
        out.push({ script, because: { kind: 'case-category', category: caseCategory } });
  return out;
}

// ------------------------------------------------------------------ timer

/** Every step ticked. */
export function isComplete(run: ScriptRun): boolean {
  return run.steps.every((s) => s.doneAt !== null);
}

/** When the clock stops: the last tick of a complete run, the close of a closed one; null while it runs. */
export function stoppedAt(run: ScriptRun): number | null {
  if (isComplete(run)) return Math.max(...run.steps.map((s) => s.doneAt ?? 0));
  return run.closedAt;
}

/** Ms the run has taken by `now` (frozen once it stopped). */
export function elapsedMs(run: ScriptRun, now: number): number {
  return Math.max(0, (stoppedAt(run) ?? now) - run.openedAt);
}

export interface TimerReading {
  /** Running; stopped with every step ticked; or closed before that. */
  state: 'running' | 'done' | 'closed';
  elapsedMs: number;
  targetMs: number;
  /** Past the target by whole seconds; `overMs` is by how much (0 when not over). */
  over: boolean;
  overMs: number;
}

/** The timer as data, so the window can say being over the target in words, not only in colour. */
export function readTimer(run: ScriptRun, now: number): TimerReading {
  const elapsed = elapsedMs(run, now);
  const target = run.targetSeconds * 1000;
  const over = Math.floor(elapsed / 1000) > run.targetSeconds;
  const state = stoppedAt(run) === null ? 'running' : isComplete(run) ? 'done' : 'closed';
  return { state, elapsedMs: elapsed, targetMs: target, over, overMs: over ? elapsed - target : 0 };
}

// ------------------------------------------------------------------ the CRM note

/** The call note's lines for the scripts run on it: a heading per script, then one line per step. */
export function scriptNoteLines(runs: readonly ScriptRun[]): string[] {
  const lines: string[] = [];
  for (const run of runs) {
    const done = run.steps.filter((s) => s.doneAt !== null).length;
    // A run left open when the note is written took until its last tick.
    const lastTick = Math.max(run.openedAt, ...run.steps.map((s) => s.doneAt ?? 0));
    const took = formatDuration(elapsedMs(run, stoppedAt(run) ?? lastTick));
    lines.push(
      `Guided script "${run.title}": ${done} of ${run.steps.length} steps done, ${took} (target ${formatDuration(run.targetSeconds * 1000)})`,
    );
    for (const step of run.steps)
      lines.push(`  [${step.doneAt !== null ? 'x' : ' '}] ${step.label}${step.payment ? ' (payment step)' : ''}`);
  }
  return lines;
}
