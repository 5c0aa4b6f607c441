import * as z from 'zod';
import { ALERT_CONTENT_LEVELS, ALERT_EVENTS, WEBHOOK_KINDS, type AlertContentLevel, type AlertEvent } from '../../shared/alerts/policy';
import { CHAIN_ROLE_LABELS, prioritySchema } from '../../shared/config/workflow';
import type { EscalationRecord } from '../../shared/escalation/records';
import type { EscalationAlertTrigger } from '../escalation/escalation-service';

/**
 * What one SLA alert says, as stored in its outbox row and read back to build the Slack or Teams
 * message (slack-message.ts, teams-message.ts). It is cut to the policy's content level when the
 * alert is raised, so the outbox never holds more of the case than a message may carry: the
 * case's title and the customer's name at most, never the handoff or the agent's summary.
 */
export const alertFactsSchema = z.strictObject({
  escalationId: z.string().min(1).max(64),
  event: z.enum(ALERT_EVENTS),
  priority: prioritySchema,
  content: z.enum(ALERT_CONTENT_LEVELS),
  /** The deadline that passed: acknowledge-by, resolve-by, or when the chain role was due. */
  deadlineAt: z.number().int(),
  /** When the alert was raised (the monitor's clock); overdue = raisedAt - deadlineAt. */
  raisedAt: z.number().int(),
  /** When the escalation was raised: a chain step says how long it has been open. */
  openedAt: z.number().int(),
  caseId: z.string().max(64).nullable(),
  customerId: z.string().max(64).nullable(),
  /** Only with content `full`. */
  caseTitle: z.string().max(200).nullable(),
  /** Only with content `full`. */
  customerName: z.string().max(200).nullable(),
  /** The agent who raised the escalation (their id, as on the call log). */
  agentId: z.string().max(64),
  /** The Tier 2 group's name from the escalation matrix (not customer data). */
  group: z.string().max(80),
  /** The case's page in the CRM ("Open in Zendesk"), when the CRM has one. */
  caseLink: z.strictObject({ crm: z.string().max(40), url: z.string().max(2048) }).nullable(),
});
export type AlertFacts = z.output<typeof alertFactsSchema>;

/** An alert row's payload: which webhook, of which kind, and the facts. */
export const alertPayloadSchema = z.strictObject({
  webhook: z.string().min(1).max(40),
  kind: z.enum(WEBHOOK_KINDS),
  facts: alertFactsSchema,
});
export type AlertPayload = z.output<typeof alertPayloadSchema>;

/** What the monitor saw: a clock past its deadline, or a chain role falling due. */
export type AlertTrigger = EscalationAlertTrigger;

export function alertEventOf(trigger: AlertTrigger): AlertEvent {
  return trigger.kind === 'clock' ? (trigger.clock === 'acknowledge' ? 'acknowledge-overdue' : 'resolve-overdue') : trigger.role;
}

/** The deadline an event is about. */
export function deadlineOf(record: EscalationRecord, event: AlertEvent): number {
  if (event === 'acknowledge-overdue') return record.acknowledgeBy;
  if (event === 'resolve-overdue') return record.resolveBy;
  return record.chain.find((step) => step.role === event)?.dueAt ?? record.resolveBy;
}

export interface FactsContext {
  record: EscalationRecord;
  event: AlertEvent;
  raisedAt: number;
  content: AlertContentLevel;
  group: string;
  /** From the store, read only when the content level allows them. */
  caseTitle: string | null;
  customerName: string | null;
  caseLink: { crm: string; url: string } | null;
}

const clip = (text: string | null, max: number): string | null =>
  text === null ? null : text.length > max ? `${text.slice(0, max - 1)}…` : text;

export function alertFactsOf(ctx: FactsContext): AlertFacts {
  const { record } = ctx;
  const full = ctx.content === 'full';
  return {
    escalationId: record.id,
    event: ctx.event,
    priority: record.priority,
    content: ctx.content,
    deadlineAt: deadlineOf(record, ctx.event),
    raisedAt: ctx.raisedAt,
    openedAt: record.createdAt,
    caseId: record.caseId,
    customerId: record.customerId,
    caseTitle: full ? clip(ctx.caseTitle, 200) : null,
    customerName: full ? clip(ctx.customerName, 200) : null,
    agentId: record.agentId,
    group: clip(ctx.group, 80) ?? '',
    caseLink: ctx.caseLink,
  };
}

export const isClockEvent = (event: AlertEvent): event is 'acknowledge-overdue' | 'resolve-overdue' =>
  event === 'acknowledge-overdue' || event === 'resolve-overdue';

/** "Acknowledgement overdue", "Team Lead step due": the headline's subject. */
export function whatIsOverdue(event: AlertEvent): string {
  if (event === 'acknowledge-overdue') return 'Acknowledgement overdue';
  if (event === 'resolve-overdue') return 'Resolution overdue';
  return `${CHAIN_ROLE_LABELS[event]} involved, unresolved`;
}

/** "12 min", "2 h 05 min", "3 d 4 h": how far past the deadline, at whole minutes (a chat message does not tick). */
export function overdueWords(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
  const hours = Math.floor(minutes / 60);
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** 2026-12-06 10:15 UTC: one unambiguous time for readers in every time zone. */
export function utcWords(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The plain lines both message kinds carry, in order: label and value; `caseText` marks what came from the CRM's record. */
export function factLines(facts: AlertFacts): { label: string; value: string; caseText?: true }[] {
  const lines: { label: string; value: string; caseText?: true }[] = [
    { label: 'Priority', value: facts.priority },
    isClockEvent(facts.event)
      ? { label: 'Overdue by', value: `${overdueWords(facts.raisedAt - facts.deadlineAt)} (due ${utcWords(facts.deadlineAt)})` }
      : { label: 'Unresolved for', value: `${overdueWords(facts.raisedAt - facts.openedAt)} (raised ${utcWords(facts.openedAt)})` },
    { label: 'Case', value: facts.caseId ?? '(none)' },
  ];
  if (facts.caseTitle !== null) lines.push({ label: 'Title', value: facts.caseTitle, caseText: true });
  if (facts.customerName !== null) lines.push({ label: 'Customer', value: facts.customerName, caseText: true });
  else if (facts.customerId !== null) lines.push({ label: 'Customer', value: facts.customerId });
  lines.push(
    { label: 'Agent', value: facts.agentId },
    { label: 'Group', value: facts.group },
    { label: 'Escalation', value: facts.escalationId },
  );
  return lines;
}

/** One line for notifications and fallbacks: "P1 ESC-1 (case 5001): Acknowledgement overdue by 3 min". */
export function headline(facts: AlertFacts): string {
  const where = facts.caseId !== null ? ` (case ${facts.caseId})` : '';
  const what = whatIsOverdue(facts.event);
  const by = isClockEvent(facts.event)
    ? ` by ${overdueWords(facts.raisedAt - facts.deadlineAt)}`
    : ` after ${overdueWords(facts.raisedAt - facts.openedAt)}`;
  return `${facts.priority} escalation ${facts.escalationId}${where}: ${what}${by}`;
}
