import { normalizePhone } from '../../../../shared/store/phone';
import type { CaseStatus, Priority, PulledCase, PulledCustomer } from '../../../../shared/store/types';
import type { SalesforceFieldMapping } from '../../../../shared/sync/salesforce-fields';
import { parseSalesforceTime, type SfRecord } from './salesforce-api';

/**
 * Salesforce records ↔ Switchboard records, as pure functions, after the field mapping
 * (`salesforceFieldMapping`, shared/sync/salesforce-fields.ts).
 *
 * Ids. A Contact is `sf-contact-<18-character id>`, a Case `sf-case-<id>`: a prefix no UUID has,
 * so CRM records and records made on a desktop share one id space per table. Salesforce answers
 * 18-character ids (15-character ones are case-sensitive and would clash in a case-insensitive
 * index); a 15-character id from elsewhere is widened first (`to18`).
 *
 * Person Accounts. In an org that has them, each person account has a contact behind it
 * (`Account.PersonContactId`; Salesforce Object Reference › Account › Person Account fields):
 * the Contact query returns it with `IsPersonAccount = true`, its phones (PersonMobilePhone is
 * the contact's MobilePhone) and the cases filed under it (Case.ContactId). So customers are
 * Contacts, person or not; only the company differs: a person account's Account.Name is the
 * person's own name, not a company.
 *
 * Versions. The outbox compares integer versions; a version is `SystemModstamp` in epoch ms, the
 * field the pull is ordered by (it moves on every change, by users and by the system). Conditional
 * updates send it back as `If-Unmodified-Since`, which Salesforce compares with LastModifiedDate
 * (REST API Developer Guide › Conditional Request Headers), never later than SystemModstamp.
 */

export const CONTACT_ID_PREFIX = 'sf-contact-';
export const CASE_ID_PREFIX = 'sf-case-';
/** A case filed under no contact: the store needs a customer id, and none has this one. */
export const NO_CONTACT_ID = `${CONTACT_ID_PREFIX}none`;

const NAME_MAX = 300;
const SUBJECT_MAX = 500;
const DESCRIPTION_MAX = 100_000;
const TEXT_MAX = 20_000;

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 18-character form of a record id (SOAP API Developer Guide › Field Types › ID Field Type:
 * three characters encode which of the first fifteen are upper case). 18 stays as it is; anything
 * else is not an id (null).
 */
export function to18(id: string): string | null {
  if (/^[A-Za-z0-9]{18}$/.test(id)) return id;
  if (!/^[A-Za-z0-9]{15}$/.test(id)) return null;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return id + suffix;
}

export function contactIdOf(salesforceId: string): string {
  return `${CONTACT_ID_PREFIX}${to18(salesforceId) ?? salesforceId}`;
}

export function caseIdOf(salesforceId: string): string {
  return `${CASE_ID_PREFIX}${to18(salesforceId) ?? salesforceId}`;
}

/** The Salesforce id inside an `sf-…` id, or null for anything else (a desktop's UUID, another CRM's id). */
export function salesforceIdOf(switchboardId: string | null | undefined, prefix: string): string | null {
  if (!switchboardId?.startsWith(prefix)) return null;
  return to18(switchboardId.slice(prefix.length));
}

// ------------------------------------------------------------------ versions

export function versionOf(record: Pick<SfRecord, 'SystemModstamp'>): number {
  return parseSalesforceTime(record.SystemModstamp);
}

/**
 * `If-Unmodified-Since` for a version: an HTTP date, whole seconds. Rounded up, so a version with
 * milliseconds never reads as older than the record it came from (a false conflict).
 */
export function unmodifiedSince(version: number): string {
  return new Date(Math.ceil(version / 1000) * 1000).toUTCString();
}

// ------------------------------------------------------------------ fields

/** A field of a queried record by its mapping name: `Email`, or `Account.Name` (the parent comes as a nested object, null when there is none). */
export function fieldValue(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    const holder = value as Record<string, unknown>;
    // Salesforce writes names as the API name; a query may answer them in another case.
    const key = part in holder ? part : Object.keys(holder).find((k) => k.toLowerCase() === part.toLowerCase());
    value = key === undefined ? null : holder[key];
  }
  return value ?? null;
}

function text(record: Record<string, unknown>, path: string | null, max = TEXT_MAX): string | null {
  if (path === null) return null;
  const value = fieldValue(record, path);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed.slice(0, max);
}

// ------------------------------------------------------------------ priority and status

export function priorityIn(value: unknown, mapping: SalesforceFieldMapping): Priority {
  if (typeof value !== 'string') return 'P3';
  return mapping.priorities[value] ?? mapping.priorities[value.trim()] ?? 'P3';
}

export function priorityOut(priority: Priority, mapping: SalesforceFieldMapping): string {
  return mapping.prioritiesOut[priority];
}

/** A closed case (IsClosed) is closed whatever its Status; an open one reads its Status, `open` when the value is not mapped. */
export function statusIn(status: unknown, closed: boolean, mapping: SalesforceFieldMapping): CaseStatus {
  if (closed) return 'closed';
  const mapped = typeof status === 'string' ? mapping.statuses[status] : undefined;
  // A status mapped to closed on a case Salesforce says is open reads as open: IsClosed is the truth.
  return mapped === undefined || mapped === 'closed' || mapped === 'solved' ? 'open' : mapped;
}

export function statusOut(status: CaseStatus, mapping: SalesforceFieldMapping): string {
  return mapping.statusesOut[status];
}

// ------------------------------------------------------------------ records

export interface ContactOptions {
  mapping: SalesforceFieldMapping;
  defaultRegion: string;
}

export function toPulledCustomer(record: SfRecord, options: ContactOptions): PulledCustomer {
  const map = options.mapping.contact;
  const phones: { number: string; label: string | null }[] = [];
  const seen = new Set<string>();
  for (const { field, label } of map.phones) {
    const raw = text(record, field, 64);
    if (raw === null) continue;
    // E.164 where the number reads as one in the centre's region; otherwise as Salesforce has it (the store keeps its digits).
    const number = normalizePhone(raw, options.defaultRegion).e164 ?? raw;
    if (seen.has(number)) continue;
    seen.add(number);
    phones.push({ number, label });
  }
  const email = text(record, map.email, 320);
  const name = text(record, map.name, NAME_MAX) ?? email ?? phones[0]?.number ?? `Salesforce contact ${record.Id}`;
  const person = fieldValue(record, 'IsPersonAccount') === true;
  const version = versionOf(record);
  const created = typeof record.CreatedDate === 'string' ? parseSalesforceTime(record.CreatedDate) : NaN;
  return {
    id: contactIdOf(record.Id),
    name,
    email,
    company: person ? null : text(record, map.company, 300),
    segment: text(record, map.segment, 100),
    doNotCall: map.doNotCall !== null && fieldValue(record, map.doNotCall) === true,
    notes: text(record, map.notes),
    phones,
    ...(Number.isFinite(created) ? { createdAt: created } : {}),
    updatedAt: version,
    version,
  };
}

export function toPulledCase(record: SfRecord, mapping: SalesforceFieldMapping): PulledCase {
  const map = mapping.case;
  const description = text(record, map.description, DESCRIPTION_MAX) ?? '';
  const number = text(record, 'CaseNumber', 30);
  const subject =
    text(record, map.subject, SUBJECT_MAX) ??
    firstLine(description) ??
    (number ? `Salesforce case ${number}` : `Salesforce case ${record.Id}`);
  const contact = text(record, map.contact, 18);
  const version = versionOf(record);
  const created = typeof record.CreatedDate === 'string' ? parseSalesforceTime(record.CreatedDate) : NaN;
  return {
    id: caseIdOf(record.Id),
    customerId: contact === null ? NO_CONTACT_ID : contactIdOf(contact),
    subject,
    description,
    status: statusIn(fieldValue(record, map.status), fieldValue(record, map.closed) === true, mapping),
    priority: priorityIn(fieldValue(record, map.priority), mapping),
    ...(Number.isFinite(created) ? { createdAt: created } : {}),
    updatedAt: version,
    version,
  };
}

function firstLine(text: string): string | null {
  const line = text.split('\n', 1)[0]!.trim().slice(0, 120);
  return line === '' ? null : line;
}
