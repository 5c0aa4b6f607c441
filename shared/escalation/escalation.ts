/**
 * Escalation to Tier 2: a complete handoff, deadlines from the SLA policy, live clocks, and the
 * management chain (Team Lead → Service Manager → VP Operations) for unresolved escalations of
 * the priorities the matrix names (P1 by default). Every change is a new record with a bumped
 * revision and the time it happened: those timestamps drive SLA bonuses and audits.
 */
import {
  CHAIN_ROLE_LABELS,
  PRIORITIES,
  type ChainRole,
  type EscalationContact,
  type EscalationGroup,
  type EscalationMatrix,
  type EscalationTier,
  type Priority,
  type WorkflowConfig,
} from '../config/workflow';
import { ok, refuse, type FieldError, type Result } from '../core/result';
import { fieldProblem } from '../bridge/validate';
import { userText, type TextKey } from '../text/user-text';
import { clockWakeTimes, outcomeOf, readClock, slaDeadlines, type ClockReading, type SlaOutcome } from './sla';
import type { ChainStepRecord, EscalationRecord, EscalationSource, Handoff } from './records';

const MINUTE = 60_000;

/** Handoff fields in form order, with the words the agent sees. */
export const HANDOFF_FIELDS = [
  { key: 'customerExpectation', label: 'customer expectation', max: 4000 },
  { key: 'troubleshootingDone', label: 'troubleshooting performed', max: 8000 },
  { key: 'recommendedNextSteps', label: 'recommended next steps', max: 4000 },
] as const satisfies readonly { key: keyof Handoff; label: string; max: number }[];

export const SUMMARY_MAX = 200;

export interface EscalationRequest {
  source: EscalationSource;
  interactionId: string | null;
  caseId: string | null;
  customerId: string | null;
  tier: string;
  group: string;
  priority: Priority;
  summary: string;
  handoff: Handoff;
}

export function findTier(matrix: EscalationMatrix, tierId: string): EscalationTier | undefined {
  return matrix.tiers.find((t) => t.id === tierId);
}

export function findGroup(matrix: EscalationMatrix, tierId: string, groupId: string): EscalationGroup | undefined {
  return findTier(matrix, tierId)?.groups.find((g) => g.id === groupId);
}

/** Groups of a tier that take a priority (for the form's group list). */
export function groupsFor(matrix: EscalationMatrix, tierId: string, priority: Priority): EscalationGroup[] {
  return (findTier(matrix, tierId)?.groups ?? []).filter((g) => g.priorities === undefined || g.priorities.includes(priority));
}

/**
 * Checks an escalation before it is raised. Missing handoff fields are reported together in one
 * sentence that names each ("Missing: customer expectation, recommended next steps"), in form order.
 */
export function validateEscalation(req: EscalationRequest, matrix: EscalationMatrix): Result<EscalationRequest> {
  const errors: FieldError[] = [];
  const missing = HANDOFF_FIELDS.filter((f) => req.handoff[f.key].trim() === '');
  if (missing.length > 0) {
    const [first, second, third] = missing.map((f) => userText(`escalation.validation.fields.${f.key}`));
    const key: TextKey = third
      ? 'escalation.validation.missing3'
      : second
        ? 'escalation.validation.missing2'
        : 'escalation.validation.missing1';
    const names = { first: first ?? '', ...(second ? { second } : {}), ...(third ? { third } : {}) };
    // The sentence goes first and once; each missing field is also marked on its own.
    errors.push(...missing.map((f) => fieldProblem(`handoff.${f.key}`, key, names)));
  }
  for (const f of HANDOFF_FIELDS) {
    const length = req.handoff[f.key].length;
    if (length > f.max) errors.push(fieldProblem(`handoff.${f.key}`, `escalation.validation.tooLong.${f.key}`, { length, max: f.max }));
  }
  if (req.summary.length > SUMMARY_MAX)
    errors.push(fieldProblem('summary', 'escalation.validation.summaryTooLong', { length: req.summary.length, max: SUMMARY_MAX }));
  const knownPriority = (PRIORITIES as readonly string[]).includes(req.priority);
  if (!knownPriority) errors.push(fieldProblem('priority', 'escalation.validation.choosePriority'));
  const tier = findTier(matrix, req.tier);
  if (tier === undefined) {
    errors.push(
      req.tier === ''
        ? fieldProblem('tier', 'escalation.validation.chooseTier')
        : fieldProblem('tier', 'escalation.validation.noSuchTier', { tier: req.tier }),
    );
  } else {
    const group = tier.groups.find((g) => g.id === req.group);
    if (group === undefined) {
      errors.push(
        req.group === ''
          ? fieldProblem('group', 'escalation.validation.chooseGroup')
          : fieldProblem('group', 'escalation.validation.noSuchGroup', { group: req.group, tier: tier.name }),
      );
    } else if (knownPriority && group.priorities !== undefined && !group.priorities.includes(req.priority)) {
      errors.push(
        fieldProblem('group', 'escalation.validation.wrongPriority', {
          group: group.name,
          priority: req.priority,
          priorities: group.priorities.join(', '),
        }),
      );
    }
  }
  if (req.source === 'call' && req.interactionId === null) errors.push(fieldProblem('interactionId', 'escalation.validation.needsCall'));
  if (req.source === 'case' && req.caseId === null) errors.push(fieldProblem('caseId', 'escalation.validation.chooseCase'));
  if (errors.length === 0) return ok(req);
  const sentences = [...new Set(errors.map((e) => e.message))];
  return refuse(errors, sentences.length === 1 ? sentences[0] : sentences.map((m) => (m.endsWith('.') ? m : `${m}.`)).join(' '));
}

export interface RaiseContext {
  id: string;
  agentId: string;
  now: number;
  config: Pick<WorkflowConfig, 'escalationMatrix' | 'sla'>;
}

/** Validates and builds the record to store, with deadlines from the SLA policy and the chain's due times. */
export function raiseEscalation(req: EscalationRequest, ctx: RaiseContext): Result<EscalationRecord> {
  const checked = validateEscalation(req, ctx.config.escalationMatrix);
  if (!checked.ok) return checked;
  const { acknowledgeBy, resolveBy } = slaDeadlines(req.priority, ctx.now, ctx.config.sla);
  const matrix = ctx.config.escalationMatrix;
  const chain: ChainStepRecord[] = matrix.chainPriorities.includes(req.priority)
    ? matrix.chain.map((s) => ({ role: s.role, dueAt: ctx.now + s.afterMinutes * MINUTE, notifiedAt: null, acknowledgedAt: null }))
    : [];
  return ok({
    id: ctx.id,
    agentId: ctx.agentId,
    source: req.source,
    interactionId: req.interactionId,
    caseId: req.caseId,
    customerId: req.customerId,
    tier: req.tier,
    group: req.group,
    priority: req.priority,
    summary: req.summary.trim(),
    handoff: {
      customerExpectation: req.handoff.customerExpectation.trim(),
      troubleshootingDone: req.handoff.troubleshootingDone.trim(),
      recommendedNextSteps: req.handoff.recommendedNextSteps.trim(),
    },
    createdAt: ctx.now,
    acknowledgeBy,
    resolveBy,
    acknowledgedAt: null,
    resolvedAt: null,
    warmTransferAt: null,
    chain,
    revision: 0,
    updatedAt: ctx.now,
  });
}

function touched(record: EscalationRecord, at: number, patch: Partial<EscalationRecord>): EscalationRecord {
  return { ...record, ...patch, revision: record.revision + 1, updatedAt: Math.max(record.updatedAt, at) };
}

const BEFORE_RAISED = {
  acknowledgement: 'escalation.change.acknowledgementBeforeRaised',
  resolution: 'escalation.change.resolutionBeforeRaised',
  transfer: 'escalation.change.transferBeforeRaised',
  notification: 'escalation.change.notificationBeforeRaised',
} as const satisfies Record<string, TextKey>;

function notBeforeRaised(record: EscalationRecord, at: number, what: keyof typeof BEFORE_RAISED): FieldError[] {
  return at < record.createdAt ? [fieldProblem('at', BEFORE_RAISED[what])] : [];
}

/** Tier 2 has taken it. Stops the acknowledge clock. */
export function acknowledgeEscalation(record: EscalationRecord, at: number): Result<EscalationRecord> {
  if (record.resolvedAt !== null) return refuse([fieldProblem('acknowledgedAt', 'escalation.change.alreadyResolved')]);
  if (record.acknowledgedAt !== null) return refuse([fieldProblem('acknowledgedAt', 'escalation.change.alreadyAcknowledged')]);
  const early = notBeforeRaised(record, at, 'acknowledgement');
  if (early.length > 0) return refuse(early);
  return ok(touched(record, at, { acknowledgedAt: at }));
}

/**
 * Resolved or mitigated. Stops both clocks and the chain; an escalation resolved before anyone
 * acknowledged it counts as acknowledged at the same moment.
 */
export function resolveEscalation(record: EscalationRecord, at: number): Result<EscalationRecord> {
  if (record.resolvedAt !== null) return refuse([fieldProblem('resolvedAt', 'escalation.change.alreadyResolved')]);
  const early = notBeforeRaised(record, at, 'resolution');
  if (early.length > 0) return refuse(early);
  if (record.acknowledgedAt !== null && at < record.acknowledgedAt)
    return refuse([fieldProblem('at', 'escalation.change.resolutionBeforeAcknowledgement')]);
  return ok(touched(record, at, { resolvedAt: at, acknowledgedAt: record.acknowledgedAt ?? at }));
}

/** The live call went to the group's number. */
export function recordWarmTransfer(record: EscalationRecord, at: number): Result<EscalationRecord> {
  if (record.source !== 'call') return refuse([fieldProblem('source', 'escalation.change.onlyCallTransfers')]);
  if (record.warmTransferAt !== null) return refuse([fieldProblem('warmTransferAt', 'escalation.change.alreadyTransferred')]);
  const early = notBeforeRaised(record, at, 'transfer');
  if (early.length > 0) return refuse(early);
  return ok(touched(record, at, { warmTransferAt: at }));
}

// ---------------------------------------------------------------------------------------------
// Clocks

export interface EscalationClocks {
  acknowledge: ClockReading;
  resolve: ClockReading;
}

export function readEscalationClocks(record: EscalationRecord, now: number, atRiskFraction: number): EscalationClocks {
  return {
    acknowledge: readClock(record.createdAt, record.acknowledgeBy, record.acknowledgedAt, now, atRiskFraction),
    resolve: readClock(record.createdAt, record.resolveBy, record.resolvedAt, now, atRiskFraction),
  };
}

export interface EscalationCompliance {
  acknowledge: SlaOutcome;
  resolve: SlaOutcome;
}

export function escalationCompliance(record: EscalationRecord, now: number): EscalationCompliance {
  const c = readEscalationClocks(record, now, 0.2);
  return { acknowledge: outcomeOf(c.acknowledge), resolve: outcomeOf(c.resolve) };
}

// ---------------------------------------------------------------------------------------------
// The management chain

/**
 * - upcoming: not due yet;
 * - due: due and nobody told yet (the app must notify now);
 * - notified / acknowledged: the role was told / confirmed;
 * - not-needed: resolved before it fell due.
 */
export type ChainStepState = 'upcoming' | 'due' | 'notified' | 'acknowledged' | 'not-needed';

export interface ChainStepView {
  role: ChainRole;
  label: string;
  dueAt: number;
  notifiedAt: number | null;
  acknowledgedAt: number | null;
  state: ChainStepState;
  /** Until due; 0 once due. */
  remainingMs: number;
  contact: EscalationContact | undefined;
  backup: EscalationContact | undefined;
}

export interface ChainView {
  steps: ChainStepView[];
  /** The most senior role involved now (its step is due), or null before the first step and after resolution. */
  current: ChainRole | null;
  /** The next role to be involved and when, while unresolved. */
  next: { role: ChainRole; dueAt: number } | null;
}

export function readChain(record: EscalationRecord, now: number, matrix?: EscalationMatrix): ChainView {
  const resolvedAt = record.resolvedAt;
  const steps = record.chain.map((s): ChainStepView => {
    const configured = matrix?.chain.find((c) => c.role === s.role);
    let state: ChainStepState;
    if (s.acknowledgedAt !== null) state = 'acknowledged';
    else if (s.notifiedAt !== null) state = 'notified';
    else if (resolvedAt !== null && resolvedAt < s.dueAt) state = 'not-needed';
    else if (now >= s.dueAt && resolvedAt === null) state = 'due';
    else if (resolvedAt !== null) state = 'not-needed';
    else state = 'upcoming';
    return {
      role: s.role,
      label: CHAIN_ROLE_LABELS[s.role],
      dueAt: s.dueAt,
      notifiedAt: s.notifiedAt,
      acknowledgedAt: s.acknowledgedAt,
      state,
      remainingMs: Math.max(0, s.dueAt - now),
      contact: configured?.contact,
      backup: configured?.backup,
    };
  });
  if (resolvedAt !== null) return { steps, current: null, next: null };
  const reached = steps.filter((s) => s.dueAt <= now);
  const upcoming = steps.find((s) => s.dueAt > now);
  return {
    steps,
    current: reached.length > 0 ? (reached[reached.length - 1]?.role ?? null) : null,
    next: upcoming === undefined ? null : { role: upcoming.role, dueAt: upcoming.dueAt },
  };
}

/** Roles that are due and have not been told yet, in chain order. */
export function dueChainSteps(record: EscalationRecord, now: number): ChainRole[] {
  return readChain(record, now)
    .steps.filter((s) => s.state === 'due')
    .map((s) => s.role);
}

function updateStep(
  record: EscalationRecord,
  role: ChainRole,
  at: number,
  field: 'notifiedAt' | 'acknowledgedAt',
): Result<EscalationRecord> {
  const step = record.chain.find((s) => s.role === role);
  const named = { role: userText(`escalation.roles.${role}`) };
  if (step === undefined) return refuse([fieldProblem('role', 'escalation.change.roleNotInChain', named)]);
  if (step[field] !== null) {
    const key = field === 'notifiedAt' ? 'escalation.change.roleAlreadyNotified' : 'escalation.change.roleAlreadyAcknowledged';
    return refuse([fieldProblem('role', key, named)]);
  }
  const early = notBeforeRaised(record, at, field === 'notifiedAt' ? 'notification' : 'acknowledgement');
  if (early.length > 0) return refuse(early);
  const chain = record.chain.map((s) =>
    s.role === role ? { ...s, [field]: at, ...(field === 'acknowledgedAt' && s.notifiedAt === null ? { notifiedAt: at } : {}) } : s,
  );
  return ok(touched(record, at, { chain }));
}

/** The app told this role (pager, Teams, e-mail). */
export function markChainStepNotified(record: EscalationRecord, role: ChainRole, at: number): Result<EscalationRecord> {
  if (record.resolvedAt !== null) return refuse([fieldProblem('role', 'escalation.change.alreadyResolved')]);
  return updateStep(record, role, at, 'notifiedAt');
}

/** The role confirmed it is involved. */
export function acknowledgeChainStep(record: EscalationRecord, role: ChainRole, at: number): Result<EscalationRecord> {
  return updateStep(record, role, at, 'acknowledgedAt');
}

/**
 * The next instant after `now` at which something visible changes: a clock turns at risk or
 * breached, or a chain step falls due. Null when nothing more will happen by itself.
 */
export function nextEscalationWake(record: EscalationRecord, now: number, atRiskFraction: number): number | null {
  const times = [
    ...clockWakeTimes(record.createdAt, record.acknowledgeBy, record.acknowledgedAt, now, atRiskFraction),
    ...clockWakeTimes(record.createdAt, record.resolveBy, record.resolvedAt, now, atRiskFraction),
    ...(record.resolvedAt === null ? record.chain.filter((s) => s.notifiedAt === null && s.dueAt > now).map((s) => s.dueAt) : []),
  ];
  return times.length === 0 ? null : Math.min(...times);
}
