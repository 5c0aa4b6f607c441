import type {
  Callback,
  Case,
  CaseStatus,
  CaseSummary,
  Channel,
  Customer,
  CustomerPhone,
  Direction,
  OutboxKind,
  EscalationRecord,
  Interaction,
  InteractionSummary,
  Outcome,
  OutboxRow,
  OutboxState,
  Priority,
  WrapUpCode,
  WrapUpRecord,
  WrapUpTrigger,
} from '../../../shared/store/types';

/**
 * Row ↔ record mapping, in one place: column names are snake_case, records
 * camelCase. Interactions, wrap-ups and escalations are the agent desk's and
 * escalation's records (shared/agent/records.ts, shared/escalation/records.ts);
 * when those change, this file and a migration do.
 */

export interface CustomerRow {
  rid: number;
  id: string;
  name: string;
  email: string | null;
  company: string | null;
  segment: string | null;
  do_not_call: number;
  notes: string | null;
  created_at: number;
  updated_at: number;
  version: number | null;
  dirty: number;
}

export interface PhoneRow {
  number: string;
  customer_id: string;
  label: string | null;
}

export function toCustomer(row: CustomerRow, phones: CustomerPhone[]): Customer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    company: row.company,
    segment: row.segment,
    doNotCall: row.do_not_call !== 0,
    notes: row.notes,
    phones,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    dirty: row.dirty !== 0,
  };
}

export interface CaseRow {
  rid: number;
  id: string;
  customer_id: string;
  subject: string;
  description: string;
  status: string;
  priority: string;
  created_at: number;
  updated_at: number;
  version: number | null;
  dirty: number;
}

export function toCase(row: CaseRow): Case {
  return {
    id: row.id,
    customerId: row.customer_id,
    subject: row.subject,
    description: row.description,
    status: row.status as CaseStatus,
    priority: row.priority as Priority,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    dirty: row.dirty !== 0,
  };
}

export interface CaseSummaryRow {
  id: string;
  customer_id: string;
  subject: string;
  status: string;
  priority: string;
  updated_at: number;
}

export function toCaseSummary(row: CaseSummaryRow): CaseSummary {
  return {
    id: row.id,
    customerId: row.customer_id,
    subject: row.subject,
    status: row.status as CaseStatus,
    priority: row.priority as Priority,
    updatedAt: row.updated_at,
  };
}

export interface InteractionRow {
  id: string;
  agent_id: string;
  channel: string;
  direction: string;
  outcome: string;
  number: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  talk_s: number;
  hold_s: number;
  acw_s: number;
  customer_id: string | null;
  case_id: string | null;
  sip_call_id: string | null;
  quality: string | null;
  /** JSON of the do-not-call override (schema version 8); absent in rows read before it. */
  dnc_override?: string | null;
  /** JSON of the paused recording intervals (schema version 10); absent in rows read before it. */
  recording_pauses?: string | null;
  /** JSON of the guided scripts run on the contact (schema version 11); absent in rows read before it. */
  guided_scripts?: string | null;
  created_at: number;
  updated_at: number;
}

export function toInteraction(row: InteractionRow): Interaction {
  return {
    id: row.id,
    agentId: row.agent_id,
    channel: row.channel as Channel,
    direction: row.direction as Direction,
    outcome: row.outcome as Outcome,
    number: row.number,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    talkSeconds: row.talk_s,
    holdSeconds: row.hold_s,
    afterCallWorkSeconds: row.acw_s,
    customerId: row.customer_id,
    caseId: row.case_id,
    sipCallId: row.sip_call_id,
    quality: row.quality === null ? null : (JSON.parse(row.quality) as Interaction['quality']),
    ...((row.dnc_override ?? null) === null
      ? {}
      : { doNotCallOverride: JSON.parse(row.dnc_override!) as Interaction['doNotCallOverride'] }),
    ...((row.recording_pauses ?? null) === null
      ? {}
      : { recordingPauses: JSON.parse(row.recording_pauses!) as Interaction['recordingPauses'] }),
    ...((row.guided_scripts ?? null) === null ? {} : { guidedScripts: JSON.parse(row.guided_scripts!) as Interaction['guidedScripts'] }),
  };
}

export function interactionParams(record: Interaction, createdAt: number, updatedAt: number): Record<string, string | number | null> {
  return {
    id: record.id,
    agent_id: record.agentId,
    channel: record.channel,
    direction: record.direction,
    outcome: record.outcome,
    number: record.number,
    started_at: record.startedAt,
    answered_at: record.answeredAt,
    ended_at: record.endedAt,
    talk_s: record.talkSeconds,
    hold_s: record.holdSeconds,
    acw_s: record.afterCallWorkSeconds,
    customer_id: record.customerId,
    case_id: record.caseId,
    sip_call_id: record.sipCallId,
    quality: record.quality === null ? null : JSON.stringify(record.quality),
    dnc_override: record.doNotCallOverride ? JSON.stringify(record.doNotCallOverride) : null,
    recording_pauses: record.recordingPauses ? JSON.stringify(record.recordingPauses) : null,
    guided_scripts: record.guidedScripts ? JSON.stringify(record.guidedScripts) : null,
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

export interface InteractionSummaryRow {
  id: string;
  channel: string;
  direction: string;
  outcome: string;
  customer_id: string | null;
  case_id: string | null;
  started_at: number;
  ended_at: number | null;
  talk_s: number;
  wrapup_code: string | null;
}

export function toInteractionSummary(row: InteractionSummaryRow): InteractionSummary {
  return {
    id: row.id,
    channel: row.channel as Channel,
    direction: row.direction as Direction,
    outcome: row.outcome as Outcome,
    customerId: row.customer_id,
    caseId: row.case_id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    talkSeconds: row.talk_s,
    wrapUpCode: row.wrapup_code,
  };
}

export interface WrapUpRow {
  interaction_id: string;
  agent_id: string;
  state: string;
  code: string | null;
  notes: string;
  resolved_first_contact: number;
  callback: string | null;
  do_not_call: string | null;
  /** Since schema version 7. */
  incident_id: string | null;
  revision: number;
  updated_at: number;
  submitted_at: number | null;
}

export function toWrapUp(row: WrapUpRow): WrapUpRecord {
  return {
    interactionId: row.interaction_id,
    agentId: row.agent_id,
    state: row.state as WrapUpRecord['state'],
    code: row.code,
    notes: row.notes,
    resolvedOnFirstContact: row.resolved_first_contact !== 0,
    callback: row.callback === null ? null : (JSON.parse(row.callback) as WrapUpRecord['callback']),
    doNotCall: row.do_not_call === null ? null : (JSON.parse(row.do_not_call) as WrapUpRecord['doNotCall']),
    // Left out when not linked, as in records written before the status feed.
    ...((row.incident_id ?? null) === null ? {} : { incidentId: row.incident_id }),
    revision: row.revision,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}

export function wrapUpParams(record: WrapUpRecord): Record<string, string | number | null> {
  return {
    interaction_id: record.interactionId,
    agent_id: record.agentId,
    state: record.state,
    code: record.code,
    notes: record.notes,
    resolved_first_contact: record.resolvedOnFirstContact ? 1 : 0,
    callback: record.callback === null ? null : JSON.stringify(record.callback),
    do_not_call: record.doNotCall === null ? null : JSON.stringify(record.doNotCall),
    incident_id: record.incidentId ?? null,
    revision: record.revision,
    updated_at: record.updatedAt,
    submitted_at: record.submittedAt,
  };
}

export interface WrapUpCodeRow {
  code: string;
  label: string;
  category: string;
  needs_note: number;
  triggers: string;
  active: number;
  resolves_by_default: number;
  sort_order: number;
}

export function toWrapUpCode(row: WrapUpCodeRow): WrapUpCode {
  return {
    code: row.code,
    label: row.label,
    category: row.category,
    needsNote: row.needs_note !== 0,
    triggers: JSON.parse(row.triggers) as WrapUpTrigger[],
    active: row.active !== 0,
    resolvesByDefault: row.resolves_by_default !== 0,
  };
}

export interface CallbackRow {
  id: string;
  customer_id: string | null;
  case_id: string | null;
  interaction_id: string | null;
  number: string;
  due_at: number;
  remind_at: number | null;
  note: string;
  state: string;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
  outcome: string | null;
  hand_back_reason: string | null;
}

export function toCallback(row: CallbackRow): Callback {
  return {
    id: row.id,
    customerId: row.customer_id,
    caseId: row.case_id,
    interactionId: row.interaction_id,
    number: row.number,
    dueAt: row.due_at,
    remindAt: row.remind_at,
    note: row.note,
    state: row.state as Callback['state'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
    outcome: row.outcome,
    handBackReason: row.hand_back_reason,
  };
}

export function callbackParams(record: Callback): Record<string, string | number | null> {
  return {
    id: record.id,
    customer_id: record.customerId,
    case_id: record.caseId,
    interaction_id: record.interactionId,
    number: record.number,
    due_at: record.dueAt,
    remind_at: record.remindAt,
    note: record.note,
    state: record.state,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    completed_at: record.completedAt,
    // Absent on records queued before version 9 (salvage replays those).
    outcome: record.outcome ?? null,
    hand_back_reason: record.handBackReason ?? null,
  };
}

export interface EscalationRow {
  id: string;
  agent_id: string;
  source: string;
  interaction_id: string | null;
  case_id: string | null;
  customer_id: string | null;
  tier: string;
  grp: string;
  priority: string;
  summary: string;
  customer_expectation: string;
  troubleshooting_done: string;
  next_steps: string;
  created_at: number;
  acknowledge_by: number;
  resolve_by: number;
  acknowledged_at: number | null;
  resolved_at: number | null;
  warm_transfer_at: number | null;
  chain: string;
  revision: number;
  updated_at: number;
}

export function toEscalation(row: EscalationRow): EscalationRecord {
  return {
    id: row.id,
    agentId: row.agent_id,
    source: row.source as EscalationRecord['source'],
    interactionId: row.interaction_id,
    caseId: row.case_id,
    customerId: row.customer_id,
    tier: row.tier,
    group: row.grp,
    priority: row.priority as Priority,
    summary: row.summary,
    handoff: {
      customerExpectation: row.customer_expectation,
      troubleshootingDone: row.troubleshooting_done,
      recommendedNextSteps: row.next_steps,
    },
    createdAt: row.created_at,
    acknowledgeBy: row.acknowledge_by,
    resolveBy: row.resolve_by,
    acknowledgedAt: row.acknowledged_at,
    resolvedAt: row.resolved_at,
    warmTransferAt: row.warm_transfer_at,
    chain: JSON.parse(row.chain) as EscalationRecord['chain'],
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

export function escalationParams(record: EscalationRecord): Record<string, string | number | null> {
  return {
    id: record.id,
    agent_id: record.agentId,
    source: record.source,
    interaction_id: record.interactionId,
    case_id: record.caseId,
    customer_id: record.customerId,
    tier: record.tier,
    grp: record.group,
    priority: record.priority,
    summary: record.summary,
    customer_expectation: record.handoff.customerExpectation,
    troubleshooting_done: record.handoff.troubleshootingDone,
    next_steps: record.handoff.recommendedNextSteps,
    created_at: record.createdAt,
    acknowledge_by: record.acknowledgeBy,
    resolve_by: record.resolveBy,
    acknowledged_at: record.acknowledgedAt,
    resolved_at: record.resolvedAt,
    warm_transfer_at: record.warmTransferAt,
    chain: JSON.stringify(record.chain),
    revision: record.revision,
    updated_at: record.updatedAt,
  };
}

export interface OutboxDbRow {
  id: number;
  idempotency_key: string;
  entity_kind: string;
  entity_id: string;
  ordering_key: string;
  operation: string;
  payload: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  state: string;
  last_error_code: string | null;
  last_error_message: string | null;
  sent_at: number | null;
}

export function toOutboxRow(row: OutboxDbRow): OutboxRow {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    entityKind: row.entity_kind as OutboxKind,
    entityId: row.entity_id,
    orderingKey: row.ordering_key,
    operation: row.operation,
    payload: JSON.parse(row.payload) as unknown,
    createdAt: row.created_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    state: row.state as OutboxState,
    lastErrorCode: row.last_error_code,
    lastErrorMessage: row.last_error_message,
    sentAt: row.sent_at,
  };
}
