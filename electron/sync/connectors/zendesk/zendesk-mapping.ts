import { normalizePhone } from '../../../../shared/store/phone';
import type { CaseStatus, Priority, PulledCase, PulledCustomer } from '../../../../shared/store/types';
import type { ZdTicket, ZdUser } from './zendesk-api';

/**
 * Zendesk records ↔ Switchboard records, as pure functions.
 *
 * Ids. Switchboard keeps CRM ids and its own UUIDs in one id space per table, so Zendesk's
 * numeric ids get a prefix that no UUID has: `zd-user-123` for an end user, `zd-ticket-456` for
 * a ticket (the two tables are separate, the prefixes keep logs readable). A customer or case
 * made on a desktop keeps its UUID in Zendesk's `external_id` ("An id you can use to link Zendesk
 * Support tickets to local records", Zendesk Support API › Tickets › JSON format), as
 * `switchboard:case:<uuid>` or `switchboard:customer:<uuid>`; when Zendesk sends that record back
 * it carries the UUID again, so the desktop's copy is updated instead of doubled.
 *
 * Versions. Switchboard's outbox compares integer versions; Zendesk's optimistic check compares
 * a ticket's `updated_at` with the `updated_stamp` a client sends (Zendesk Support API › Tickets ›
 * Protecting against ticket update collisions). So a version is `updated_at` in epoch
 * milliseconds, and `updated_stamp` is that version written back as ISO 8601: the same instant
 * both ways, pulled or pushed. Zendesk's times have whole seconds, so two changes within one
 * second share a version; the store, which ignores an equal version, then shows the first of the
 * two until the ticket changes again.
 */

export const CUSTOMER_ID_PREFIX = 'zd-user-';
export const CASE_ID_PREFIX = 'zd-ticket-';
export const EXTERNAL_CASE_PREFIX = 'switchboard:case:';
export const EXTERNAL_CUSTOMER_PREFIX = 'switchboard:customer:';
/** A ticket Switchboard opened for one call that was not filed under a case. */
export const EXTERNAL_CALL_PREFIX = 'switchboard:call:';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only a UUID after our prefix is ours: another system's external id never renames a record. */
function localIdIn(externalId: string | null, prefix: string): string | null {
  if (!externalId?.startsWith(prefix)) return null;
  const rest = externalId.slice(prefix.length);
  return UUID.test(rest) ? rest.toLowerCase() : null;
}

export function customerIdOf(user: Pick<ZdUser, 'id' | 'external_id'>): string {
  return localIdIn(user.external_id, EXTERNAL_CUSTOMER_PREFIX) ?? `${CUSTOMER_ID_PREFIX}${user.id}`;
}

export function caseIdOf(ticket: Pick<ZdTicket, 'id' | 'external_id'>): string {
  return localIdIn(ticket.external_id, EXTERNAL_CASE_PREFIX) ?? `${CASE_ID_PREFIX}${ticket.id}`;
}

/** The Zendesk id inside a `zd-…` id, or null for a desktop's UUID (found through its external id). */
export function zendeskIdOf(switchboardId: string, prefix: string): number | null {
  if (!switchboardId.startsWith(prefix)) return null;
  const rest = switchboardId.slice(prefix.length);
  if (!/^[1-9]\d{0,17}$/.test(rest)) return null;
  const n = Number(rest);
  return Number.isSafeInteger(n) ? n : null;
}

export function isLocalId(switchboardId: string): boolean {
  return UUID.test(switchboardId);
}

// ------------------------------------------------------------------ versions

export function versionOf(updatedAt: string): number {
  return Date.parse(updatedAt);
}

/** A version as Zendesk's `updated_stamp`: ISO 8601 in UTC, without milliseconds when there are none (as Zendesk writes it). */
export function stampOf(version: number): string {
  const iso = new Date(version).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

// ------------------------------------------------------------------ status and priority

/** Zendesk Support API › Tickets › JSON format, `status`; "hold" is Switchboard's "on-hold". */
const STATUS_IN: Record<string, CaseStatus> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'on-hold',
  solved: 'solved',
  closed: 'closed',
};
const STATUS_OUT: Record<CaseStatus, string> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  'on-hold': 'hold',
  solved: 'solved',
  closed: 'closed',
};

/** `priority` is urgent, high, normal or low, and null when nobody set it (Zendesk then treats it as normal). */
const PRIORITY_IN: Record<string, Priority> = { urgent: 'P1', high: 'P2', normal: 'P3', low: 'P4' };
const PRIORITY_OUT: Record<Priority, string> = { P1: 'urgent', P2: 'high', P3: 'normal', P4: 'low' };

export function statusIn(status: string): CaseStatus | null {
  return STATUS_IN[status] ?? null;
}

export function statusOut(status: CaseStatus): string {
  return STATUS_OUT[status];
}

export function priorityIn(priority: string | null): Priority {
  return (priority !== null ? PRIORITY_IN[priority] : undefined) ?? 'P3';
}

export function priorityOut(priority: Priority): string {
  return PRIORITY_OUT[priority];
}

// ------------------------------------------------------------------ records

const SUBJECT_MAX = 500;
const DESCRIPTION_MAX = 100_000;
const NAME_MAX = 300;

/** A deleted or inactive user, or one who is not an end user (an agent is not a customer). */
export function isGoneUser(user: ZdUser): boolean {
  return !user.active || (user.role !== null && user.role !== 'end-user');
}

export function toPulledCustomer(user: ZdUser, company: string | null, defaultRegion: string): PulledCustomer {
  const phones: string[] = [];
  if (user.phone !== null && user.phone.trim() !== '') {
    // E.164 where the number reads as one in the default region; otherwise as Zendesk has it (the store keeps its digits).
    phones.push(normalizePhone(user.phone, defaultRegion).e164 ?? user.phone.trim());
  }
  const name = user.name.trim() || user.email || (phones[0] ?? `Zendesk user ${user.id}`);
  const version = versionOf(user.updated_at);
  return {
    id: customerIdOf(user),
    name: name.slice(0, NAME_MAX),
    email: user.email,
    company,
    notes: user.notes,
    phones,
    ...(user.created_at ? { createdAt: Date.parse(user.created_at) } : {}),
    updatedAt: version,
    version,
  };
}

/**
 * A ticket as a case, or null when it is not one any more (deleted). `customerId` is the
 * requester's Switchboard id, which the caller resolves (a desktop-made customer has a UUID).
 */
export function toPulledCase(ticket: ZdTicket, customerId: string): PulledCase | null {
  const status = statusIn(ticket.status);
  if (status === null) return null;
  const subject = (ticket.subject ?? ticket.raw_subject ?? '').trim() || firstLine(ticket.description) || `Zendesk ticket ${ticket.id}`;
  const version = versionOf(ticket.updated_at);
  return {
    id: caseIdOf(ticket),
    customerId,
    subject: subject.slice(0, SUBJECT_MAX),
    description: (ticket.description ?? '').slice(0, DESCRIPTION_MAX),
    status,
    priority: priorityIn(ticket.priority),
    ...(ticket.created_at ? { createdAt: Date.parse(ticket.created_at) } : {}),
    updatedAt: version,
    version,
  };
}

function firstLine(text: string | null): string {
  return (text ?? '').split('\n', 1)[0]!.trim().slice(0, 120);
}
