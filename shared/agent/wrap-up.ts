/**
 * Wrap-up: the outcome code, notes, first-contact resolution, callback and do-not-call for one
 * interaction. A draft is saved on every change (nothing the agent typed is lost, so a draft
 * accepts anything it can store); the rules are enforced when it is submitted, with one message
 * per problem that says what to do, with its message for the window (`fieldProblem`).
 */
import { dialStringSchema, type WrapUpCode, type WrapUpPolicy } from '../config/workflow';
import { ok, refuse, type FieldError, type Result } from '../core/result';
import { fieldProblem } from '../bridge/validate';
import type { TextKey } from '../text/user-text';
import type { CallbackRequest, WrapUpRecord } from './records';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** What the record schema can hold; the policy's (smaller) limit applies on submit. */
export const NOTES_STORAGE_MAX = 20_000;

export interface WrapUpContext {
  catalog: readonly WrapUpCode[];
  policy: WrapUpPolicy;
  now: number;
}

export function findCode(catalog: readonly WrapUpCode[], code: string): WrapUpCode | undefined {
  return catalog.find((c) => c.code === code);
}

/** The label to show for a stored code, also for codes since retired or removed. */
export function codeLabel(catalog: readonly WrapUpCode[], code: string | null): string {
  if (code === null) return 'No code';
  return findCode(catalog, code)?.label ?? code;
}

export function newWrapUpDraft(interactionId: string, agentId: string, now: number): WrapUpRecord {
  return {
    interactionId,
    agentId,
    state: 'draft',
    code: null,
    notes: '',
    resolvedOnFirstContact: false,
    callback: null,
    doNotCall: null,
    revision: 0,
    updatedAt: now,
    submittedAt: null,
  };
}

/** One edit in the wrap-up form. */
export type WrapUpChange =
  | { kind: 'code'; code: string }
  | { kind: 'notes'; notes: string }
  | { kind: 'resolved'; value: boolean }
  | { kind: 'callback'; at: number | null; number: string }
  | { kind: 'clear-callback' }
  | { kind: 'do-not-call'; number: string }
  | { kind: 'clear-do-not-call' }
  /** Links the contact to an outage (the status feed's incident id), or unlinks it (null). */
  | { kind: 'incident'; incidentId: string | null };

export interface DraftContext extends WrapUpContext {
  /** The customer's number, to prefill a callback or do-not-call entry (the interaction's number). */
  defaultNumber: string | null;
}

function remindAtFor(at: number | null, policy: WrapUpPolicy): number | null {
  return at === null ? null : Math.max(0, at - policy.callback.reminderMinutesBefore * MINUTE);
}

/**
 * Applies one edit to a draft and bumps its revision. Choosing a code sets "resolved on first
 * contact" from the code and opens the callback / do-not-call parts its triggers need,
 * prefilled with the customer's number. Refused only for what could never be stored or chosen.
 */
export function applyDraftChange(draft: WrapUpRecord, change: WrapUpChange, ctx: DraftContext): Result<WrapUpRecord> {
  if (draft.state === 'submitted') return refuse([fieldProblem('state', 'agent.wrapUp.submitted')]);
  let next: WrapUpRecord = draft;
  switch (change.kind) {
    case 'code': {
      const code = findCode(ctx.catalog, change.code);
      if (code === undefined) return refuse([fieldProblem('code', 'agent.wrapUp.noSuchCode', { code: change.code })]);
      if (!code.active) return refuse([fieldProblem('code', 'agent.wrapUp.codeRetired', { label: code.label })]);
      const number = ctx.defaultNumber ?? '';
      next = {
        ...draft,
        code: code.code,
        resolvedOnFirstContact: code.resolvesByDefault,
        callback: draft.callback ?? (code.triggers.includes('callback') ? { at: null, number, remindAt: null } : null),
        doNotCall: draft.doNotCall ?? (code.triggers.includes('do-not-call') ? { number } : null),
      };
      break;
    }
    case 'notes':
      if (change.notes.length > NOTES_STORAGE_MAX) {
        return refuse([
          fieldProblem('notes', 'agent.wrapUp.notesTooLong', { length: change.notes.length, max: ctx.policy.notesMaxLength }),
        ]);
      }
      next = { ...draft, notes: change.notes };
      break;
    case 'resolved':
      next = { ...draft, resolvedOnFirstContact: change.value };
      break;
    case 'callback':
      if (change.number.length > 64) return refuse([fieldProblem('callback.number', 'agent.wrapUp.callbackNumberTooLong')]);
      next = { ...draft, callback: { at: change.at, number: change.number, remindAt: remindAtFor(change.at, ctx.policy) } };
      break;
    case 'clear-callback':
      next = { ...draft, callback: null };
      break;
    case 'do-not-call':
      if (change.number.length > 64) return refuse([fieldProblem('doNotCall.number', 'agent.wrapUp.doNotCallNumberTooLong')]);
      next = { ...draft, doNotCall: { number: change.number } };
      break;
    case 'clear-do-not-call':
      next = { ...draft, doNotCall: null };
      break;
    case 'incident':
      if (change.incidentId !== null && (change.incidentId.length === 0 || change.incidentId.length > 200))
        return refuse([fieldProblem('incidentId', 'agent.wrapUp.incidentId')]);
      next = { ...draft, incidentId: change.incidentId };
      break;
  }
  return ok({ ...next, revision: draft.revision + 1, updatedAt: Math.max(draft.updatedAt, ctx.now) });
}

/** Of two saved versions of one draft, the one to keep (saves can arrive out of order after a reload). */
export function newerDraft(a: WrapUpRecord, b: WrapUpRecord): WrapUpRecord {
  if (a.state !== b.state) return a.state === 'submitted' ? a : b;
  if (a.revision !== b.revision) return a.revision > b.revision ? a : b;
  return a.updatedAt >= b.updatedAt ? a : b;
}

/** The agent has not entered anything yet. */
export function isDraftEmpty(draft: WrapUpRecord): boolean {
  return draft.code === null && draft.notes.trim() === '' && draft.callback === null && draft.doNotCall === null;
}

const digitsOf = (n: string): string => n.replace(/[^0-9]/g, '');

function checkNumber(number: string, field: string, missing: TextKey, invalid: TextKey): FieldError[] {
  if (number.trim() === '') return [fieldProblem(field, missing)];
  return dialStringSchema.safeParse(number).success ? [] : [fieldProblem(field, invalid)];
}

function checkCallback(cb: CallbackRequest, ctx: WrapUpContext): FieldError[] {
  const errors: FieldError[] = [];
  const { minLeadMinutes, maxDaysAhead } = ctx.policy.callback;
  if (cb.at === null) {
    errors.push(fieldProblem('callback.at', 'agent.wrapUp.callbackTimeMissing'));
  } else if (cb.at <= ctx.now) {
    errors.push(fieldProblem('callback.at', 'agent.wrapUp.callbackInPast'));
  } else if (cb.at < ctx.now + minLeadMinutes * MINUTE) {
    errors.push(fieldProblem('callback.at', 'agent.wrapUp.callbackTooSoon', { minutes: minLeadMinutes }));
  } else if (cb.at > ctx.now + maxDaysAhead * DAY) {
    errors.push(fieldProblem('callback.at', 'agent.wrapUp.callbackTooFar', { days: maxDaysAhead }));
  }
  errors.push(...checkNumber(cb.number, 'callback.number', 'agent.wrapUp.callbackNumberMissing', 'agent.wrapUp.callbackNumberInvalid'));
  return errors;
}

/** What submitting a wrap-up sets in motion besides storing it. */
export interface WrapUpActions {
  /** Schedule this callback and its reminder. */
  callback: { at: number; remindAt: number; number: string } | null;
  /** Put this number on the do-not-call list. */
  doNotCall: string | null;
  /** The code asks for an escalation: open the escalation form. */
  escalate: boolean;
}

export interface SubmittedWrapUp {
  record: WrapUpRecord;
  actions: WrapUpActions;
}

/** Every problem that stops this wrap-up from being submitted now, in form order. */
export function checkWrapUp(draft: WrapUpRecord, ctx: WrapUpContext): FieldError[] {
  const errors: FieldError[] = [];
  if (draft.state === 'submitted') return [fieldProblem('state', 'agent.wrapUp.submitted')];
  const code = draft.code === null ? undefined : findCode(ctx.catalog, draft.code);
  if (draft.code === null) {
    errors.push(fieldProblem('code', 'agent.wrapUp.chooseCode'));
  } else if (code === undefined) {
    errors.push(fieldProblem('code', 'agent.wrapUp.noSuchCode', { code: draft.code }));
  } else if (!code.active) {
    errors.push(fieldProblem('code', 'agent.wrapUp.codeRetired', { label: code.label }));
  }
  if (code?.needsNote === true && draft.notes.trim() === '')
    errors.push(fieldProblem('notes', 'agent.wrapUp.needsNote', { label: code.label }));
  if (draft.notes.length > ctx.policy.notesMaxLength) {
    errors.push(fieldProblem('notes', 'agent.wrapUp.notesTooLong', { length: draft.notes.length, max: ctx.policy.notesMaxLength }));
  }
  if (draft.callback !== null) errors.push(...checkCallback(draft.callback, ctx));
  else if (code?.triggers.includes('callback') === true)
    errors.push(fieldProblem('callback', 'agent.wrapUp.needsCallback', { label: code.label }));
  if (draft.doNotCall !== null) {
    errors.push(
      ...checkNumber(
        draft.doNotCall.number,
        'doNotCall.number',
        'agent.wrapUp.doNotCallNumberMissing',
        'agent.wrapUp.doNotCallNumberInvalid',
      ),
    );
  } else if (code?.triggers.includes('do-not-call') === true) {
    errors.push(fieldProblem('doNotCall', 'agent.wrapUp.needsDoNotCall', { label: code.label }));
  }
  if (draft.callback !== null && draft.doNotCall !== null) {
    const cb = digitsOf(draft.callback.number);
    if (cb !== '' && cb === digitsOf(draft.doNotCall.number)) {
      errors.push(fieldProblem('callback.number', 'agent.wrapUp.callbackOnDoNotCall'));
    }
  }
  return errors;
}

/** Checks a draft and, if it passes, returns the submitted record and what it triggers. */
export function submitWrapUp(draft: WrapUpRecord, ctx: WrapUpContext): Result<SubmittedWrapUp> {
  const errors = checkWrapUp(draft, ctx);
  if (errors.length > 0) return refuse(errors);
  const code = findCode(ctx.catalog, draft.code ?? '');
  const cb = draft.callback;
  const callback =
    cb !== null && cb.at !== null ? { at: cb.at, number: cb.number.trim(), remindAt: remindAtFor(cb.at, ctx.policy) ?? cb.at } : null;
  const doNotCall = draft.doNotCall === null ? null : draft.doNotCall.number.trim();
  const record: WrapUpRecord = {
    ...draft,
    state: 'submitted',
    callback,
    doNotCall: doNotCall === null ? null : { number: doNotCall },
    revision: draft.revision + 1,
    updatedAt: Math.max(draft.updatedAt, ctx.now),
    submittedAt: ctx.now,
  };
  return ok({ record, actions: { callback, doNotCall, escalate: code?.triggers.includes('escalate') === true } });
}

// ---------------------------------------------------------------------------------------------
// Type-ahead and number keys

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

const wordsOf = (s: string): string[] =>
  fold(s)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');

function tokenScore(token: string, code: WrapUpCode): number {
  const c = fold(code.code);
  if (c === token) return 100;
  if (c.startsWith(token)) return 80;
  if (wordsOf(code.label).some((w) => w.startsWith(token))) return 60;
  if (wordsOf(code.category).some((w) => w.startsWith(token))) return 40;
  if (fold(code.label).includes(token)) return 20;
  if (c.includes(token)) return 15;
  if (fold(code.category).includes(token)) return 10;
  return 0;
}

/**
 * Active codes matching what the agent typed, best first: every word typed must match the code,
 * a word of the label or of the category (start of a word ranks above the middle). An empty
 * query lists all active codes in catalog order.
 */
export function filterWrapUpCodes(catalog: readonly WrapUpCode[], query: string): WrapUpCode[] {
  const active = catalog.filter((c) => c.active);
  const tokens = fold(query)
    .split(/\s+/)
    .filter((t) => t !== '');
  if (tokens.length === 0) return active;
  const scored: { code: WrapUpCode; score: number; index: number }[] = [];
  active.forEach((code, index) => {
    let score = 0;
    for (const t of tokens) {
      const s = tokenScore(t, code);
      if (s === 0) return;
      score += s;
    }
    scored.push({ code, score, index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.code);
}

/** Number keys 1-9 choose from the first nine entries of the current list. */
export const MAX_NUMBER_KEYS = 9;

/** The shortcut digit shown next to entry `index` of the current list, or null past the ninth. */
export function numberKeyFor(index: number): string | null {
  return index >= 0 && index < MAX_NUMBER_KEYS ? String(index + 1) : null;
}

/** The entry a pressed key picks from the current list, or null for any other key or an empty slot. */
export function pickByNumberKey<T>(list: readonly T[], key: string): T | null {
  if (!/^[1-9]$/.test(key)) return null;
  return list[Number(key) - 1] ?? null;
}
