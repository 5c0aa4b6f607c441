/**
 * The offline case store's domain types: what the store keeps and what its
 * client (electron/store/store-client.ts) and the bridge hand out. Pure types
 * and constants; the zod schemas that check them are in ./schemas.ts.
 *
 * Conventions: timestamps are integer milliseconds since the epoch (UTC);
 * durations of a contact are whole seconds; ids are strings (the CRM's id for
 * synced records, a random UUID for records made on this machine).
 *
 * The agent's work (interactions, wrap-ups, escalations) is persisted exactly
 * as the agent desk and escalation define it (shared/agent/records.ts,
 * shared/escalation/records.ts); the store adds customers, cases, callbacks,
 * the do-not-call list and the outbox.
 */
import type { Priority } from '../config/workflow';
import type { Interaction, WrapUpRecord } from '../agent/records';
import type { EscalationRecord } from '../escalation/records';

export { PRIORITIES, WRAP_UP_TRIGGERS, type Priority, type WrapUpCode, type WrapUpTrigger } from '../config/workflow';
export {
  CHANNELS,
  DIRECTIONS,
  OUTCOMES,
  WRAP_UP_STATES,
  type Channel,
  type Direction,
  type Interaction,
  type Outcome,
  type WrapUpRecord,
  type WrapUpState,
} from '../agent/records';
export type { EscalationRecord } from '../escalation/records';

export const CASE_STATUSES = ['new', 'open', 'pending', 'on-hold', 'solved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Statuses that count as "open" for the screen pop and open-case filters. */
export const OPEN_CASE_STATUSES = ['new', 'open', 'pending', 'on-hold'] as const satisfies readonly CaseStatus[];
/** What a screen pop shows of each matching customer: at most this many open cases (newest first) and earlier contacts. */
export const POP_OPEN_CASES = 20;
export const POP_RECENT_CONTACTS = 3;

/** handed-back: the agent gave it back to the team with a reason (shared/callbacks/callback-rules.ts). */
export const CALLBACK_STATES = ['scheduled', 'done', 'cancelled', 'handed-back'] as const;
export type CallbackState = (typeof CALLBACK_STATES)[number];

export const OUTBOX_STATES = ['pending', 'parked', 'conflict', 'sent'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export const ENTITY_KINDS = ['customer', 'case', 'interaction', 'wrap-up', 'callback', 'escalation'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * What an outbox row can be: a record for the CRM, or an SLA alert for a chat webhook
 * (electron/alerts). Alert rows never go to the CRM: `outbox.due` hands each deliverer its own.
 */
export const OUTBOX_KINDS = [...ENTITY_KINDS, 'alert'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export interface CustomerPhone {
  /** E.164 (`+14155550123`) when the number could be parsed; otherwise its digits. */
  number: string;
  /** e.g. "mobile", "work"; free text from the source. */
  label: string | null;
}

export interface Customer {
  id: string;
  name: string;
  email: string | null;
  company: string | null;
  /** Service segment from the CRM, e.g. "VIP", "Business". */
  segment: string | null;
  /** Set by a do-not-call wrap-up or by the CRM; outbound dialling must respect it. */
  doNotCall: boolean;
  notes: string | null;
  phones: CustomerPhone[];
  createdAt: number;
  updatedAt: number;
  /** The server's version for optimistic concurrency; null until the server has seen this customer. */
  version: number | null;
  /** Changed on this machine and not yet confirmed by the server. */
  dirty: boolean;
}

export interface Case {
  id: string;
  customerId: string;
  subject: string;
  description: string;
  status: CaseStatus;
  priority: Priority;
  createdAt: number;
  updatedAt: number;
  version: number | null;
  dirty: boolean;
}

/** A case as listed in a screen pop or a result list: no description. */
export type CaseSummary = Pick<Case, 'id' | 'customerId' | 'subject' | 'status' | 'priority' | 'updatedAt'>;

export type InteractionSummary = Pick<
  Interaction,
  'id' | 'channel' | 'direction' | 'outcome' | 'customerId' | 'caseId' | 'startedAt' | 'endedAt' | 'talkSeconds'
> & { wrapUpCode: string | null };

/** A promised callback: from a submitted wrap-up (id `wrap-up:<interactionId>`) or scheduled on its own. */
export interface Callback {
  id: string;
  customerId: string | null;
  caseId: string | null;
  interactionId: string | null;
  number: string;
  dueAt: number;
  /** When the agent is reminded; null for no reminder. */
  remindAt: number | null;
  note: string;
  state: CallbackState;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  /** How a callback marked done went: an id of CALLBACK_OUTCOMES (shared/config/workflow.ts); null otherwise. */
  outcome: string | null;
  /** Why the agent handed it back to the team; null unless handed back. */
  handBackReason: string | null;
}

export type { EscalationRecord as Escalation, WrapUpRecord as WrapUp };

export interface OutboxRow {
  id: number;
  /** Random UUID made with the row; sent with every attempt so the server applies it once. */
  idempotencyKey: string;
  entityKind: OutboxKind;
  entityId: string;
  /** Rows with the same key are delivered in order: the case id, else the customer id, else the entity id. */
  orderingKey: string;
  operation: string;
  payload: unknown;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  state: OutboxState;
  lastErrorCode: string | null;
  /**
   * Why the last attempt failed. Sync keeps a message here as its JSON (electron/sync/failure-text.ts
   * reads it back); older rows, and SLA alerts, keep an English sentence.
   */
  lastErrorMessage: string | null;
  sentAt: number | null;
}

export type OutboxCounts = Record<OutboxState, number>;

/** A customer as the CRM (sync) or an import file delivers it. */
export interface PulledCustomer {
  id: string;
  name: string;
  email?: string | null;
  company?: string | null;
  segment?: string | null;
  doNotCall?: boolean;
  notes?: string | null;
  /** Numbers as the source spells them; the store keeps them in E.164. */
  phones?: (string | { number: string; label?: string | null })[];
  createdAt?: number;
  updatedAt: number;
  /** The server's version; newer versions replace older ones, equal or older are ignored. */
  version: number | null;
}

/** A case as the CRM (sync) or an import file delivers it. */
export interface PulledCase {
  id: string;
  customerId: string;
  subject: string;
  description?: string;
  status: CaseStatus;
  priority: Priority;
  createdAt?: number;
  updatedAt: number;
  version: number | null;
}

/** The screen pop: who is calling and what is open for them. */
export interface CallerMatch {
  customer: Customer;
  /** The stored number that matched the caller. */
  matchedNumber: string;
  /** Open cases, most recently updated first (at most 20). */
  openCases: CaseSummary[];
  /** The last few contacts with this customer, newest first. */
  recentInteractions: InteractionSummary[];
}

export interface CallerLookup {
  /** The caller's number in E.164, when it could be read as one. */
  normalized: string | null;
  /** `exact`: same E.164; `suffix`: same last digits (a badly formatted number); `none`: no match. */
  matchedBy: 'exact' | 'suffix' | 'none';
  /** Every customer with that number (the agent picks one when there are several). */
  matches: CallerMatch[];
  /** More customers matched than were returned. */
  truncated: boolean;
}
