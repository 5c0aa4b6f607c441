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

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

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
    const sentence = `Missing: ${missing.map((f) => f.label).join(', ')}`;
    // The sentence goes first and once; each missing field is also marked on its own.
    errors.push(...missing.map((f) => ({ field: `handoff.${f.key}`, message: sentence })));
  }
  for (const f of HANDOFF_FIELDS) {
    const len = req.handoff[f.key].length;
    if (len > f.max)
      errors.push({ field: `handoff.${f.key}`, message: `${capitalise(f.label)} is too long (${len} characters; at most ${f.max}).` });
  }
  if (req.summary.length > SUMMARY_MAX)
    errors.push({ field: 'summary', message: `The summary is too long (${req.summary.length} characters; at most ${SUMMARY_MAX}).` });
  const knownPriority = (PRIORITIES as readonly string[]).includes(req.priority);
  if (!knownPriority) errors.push({ field: 'priority', message: 'Choose a priority from P1 to P4.' });
  const tier = findTier(matrix, req.tier);
  if (tier === undefined) {
    errors.push({ field: 'tier', message: req.tier === '' ? 'Choose a tier.' : `Tier "${req.tier}" is not in the escalation matrix.` });
  } else {
    const group = tier.groups.find((g) => g.id === req.group);
    if (group === undefined) {
      errors.push({ field: 'group', message: req.group === '' ? 'Choose a group.' : `Group "${req.group}" is not in ${tier.name}.` });
    } else if (knownPriority && group.priorities !== undefined && !group.priorities.includes(req.priority)) {
      errors.push({
        field: 'group',
        message: `${group.name} does not take ${req.priority} escalations (it takes ${group.priorities.join(', ')}).`,
      });
    }
  }
  if (req.source === 'call' && req.interactionId === null)
    errors.push({ field: 'interactionId', message: 'An escalation from a call needs the call it came from.' });
  if (req.source === 'case' && req.caseId === null) errors.push({ field: 'caseId', message: 'Choose the case to escalate.' });
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

function notBeforeRaised(record: EscalationRecord, at: number, what: string): FieldError[] {
  return at < record.createdAt ? [{ field: 'at', message: `The ${what} time is before the escalation was raised.` }] : [];
}

/** Tier 2 has taken it. Stops the acknowledge clock. */
export function acknowledgeEscalation(record: EscalationRecord, at: number): Result<EscalationRecord> {
  if (record.resolvedAt !== null) return refuse([{ field: 'acknowledgedAt', message: 'This escalation is already resolved.' }]);
  if (record.acknowledgedAt !== null) return refuse([{ field: 'acknowledgedAt', message: 'This escalation is already acknowledged.' }]);
  const early = notBeforeRaised(record, at, 'acknowledgement');
  if (early.length > 0) return refuse(early);
  return ok(touched(record, at, { acknowledgedAt: at }));
}

/**
 * Resolved or mitigated. Stops both clocks and the chain; an escalation resolved before anyone
 * acknowledged it counts as acknowledged at the same moment.
 */
export function resolveEscalation(record: EscalationRecord, at: number): Result<EscalationRecord> {
  if (record.resolvedAt !== null) return refuse([{ field: 'resolvedAt', message: 'This escalation is already resolved.' }]);
  const early = notBeforeRaised(record, at, 'resolution');
  if (early.length > 0) return refuse(early);
  if (record.acknowledgedAt !== null && at < record.acknowledgedAt)
    return refuse([{ field: 'at', message: 'The resolution time is before the acknowledgement.' }]);
  return ok(touched(record, at, { resolvedAt: at, acknowledgedAt: record.acknowledgedAt ?? at }));
}

/** The live call went to the group's number. */
export function recordWarmTransfer(record: EscalationRecord, at: number): Result<EscalationRecord> {
  if (record.source !== 'call') return refuse([{ field: 'source', message: 'Only an escalation raised from a call can be transferred.' }]);
  if (record.warmTransferAt !== null) return refuse([{ field: 'warmTransferAt', message: 'This call was already transferred.' }]);
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
  if (step === undefined) return refuse([{ field: 'role', message: `${CHAIN_ROLE_LABELS[role]} is not in this escalation's chain.` }]);
  if (step[field] !== null) {
    return refuse([
      { field: 'role', message: `${CHAIN_ROLE_LABELS[role]} was already ${field === 'notifiedAt' ? 'notified' : 'acknowledged'}.` },
    ]);
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
  if (record.resolvedAt !== null) return refuse([{ field: 'role', message: 'This escalation is already resolved.' }]);
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
