import { normalizePhone, reversedDigits } from '../../../shared/store/phone';
import { userText, type UserText } from '../../../shared/text/user-text';
import { PRIORITY_ALIASES, STATUS_ALIASES } from '../../../shared/store/schemas';
import type { PulledCase, PulledCustomer } from '../../../shared/store/types';

/**
 * Reads customers and cases from loosely typed input (an import file's row,
 * or a record the sync engine pulled) into the store's shapes, with a message
 * per bad field. Import is strict about phone numbers (a number that cannot be
 * read is an error the person importing can fix); sync keeps what the CRM has.
 */

export interface FieldProblem {
  field: string | null;
  /** What is wrong, for the person importing in their language (`englishOf` for a log). */
  message: UserText;
}

export type Read<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export interface NormalizedPhone {
  number: string;
  rev: string;
  label: string | null;
}

export interface CustomerRecord {
  id: string;
  name: string;
  email: string | null;
  company: string | null;
  segment: string | null;
  doNotCall: boolean | null;
  notes: string | null;
  phones: NormalizedPhone[];
  createdAt: number | null;
  updatedAt: number | null;
  version: number | null;
}

export interface CaseRecord {
  id: string;
  customerId: string;
  subject: string;
  description: string;
  status: PulledCase['status'];
  priority: PulledCase['priority'];
  createdAt: number | null;
  updatedAt: number | null;
  version: number | null;
}

export interface ReadOptions {
  phoneRegion: string;
  /** Refuse numbers that are not possible phone numbers (import) instead of keeping their digits (sync). */
  strictPhones: boolean;
}

/** Field names as people and systems spell them, mapped to ours. Keys are lower-case without spaces, `_` or `-`. */
const CUSTOMER_FIELDS: Record<string, keyof CustomerRecord | 'phone'> = {
  id: 'id',
  customerid: 'id',
  accountid: 'id',
  accountnumber: 'id',
  externalid: 'id',
  name: 'name',
  fullname: 'name',
  customername: 'name',
  email: 'email',
  emailaddress: 'email',
  company: 'company',
  organisation: 'company',
  organization: 'company',
  segment: 'segment',
  tier: 'segment',
  donotcall: 'doNotCall',
  dnc: 'doNotCall',
  notes: 'notes',
  note: 'notes',
  createdat: 'createdAt',
  created: 'createdAt',
  updatedat: 'updatedAt',
  updated: 'updatedAt',
  modifiedat: 'updatedAt',
  version: 'version',
  phones: 'phones',
  phone: 'phone',
  phonenumber: 'phone',
  telephone: 'phone',
  tel: 'phone',
  mobile: 'phone',
  cell: 'phone',
  work: 'phone',
  home: 'phone',
  workphone: 'phone',
  homephone: 'phone',
  mobilephone: 'phone',
  phone1: 'phone',
  phone2: 'phone',
  phone3: 'phone',
};

const CASE_FIELDS: Record<string, keyof CaseRecord> = {
  id: 'id',
  caseid: 'id',
  ticketid: 'id',
  externalid: 'id',
  casenumber: 'id',
  customerid: 'customerId',
  customer: 'customerId',
  accountid: 'customerId',
  subject: 'subject',
  title: 'subject',
  summary: 'subject',
  description: 'description',
  details: 'description',
  body: 'description',
  status: 'status',
  state: 'status',
  priority: 'priority',
  severity: 'priority',
  createdat: 'createdAt',
  created: 'createdAt',
  updatedat: 'updatedAt',
  updated: 'updatedAt',
  modifiedat: 'updatedAt',
  version: 'version',
};

export function fieldKey(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]+/g, '');
}

export function customerField(name: string): keyof CustomerRecord | 'phone' | null {
  return CUSTOMER_FIELDS[fieldKey(name)] ?? null;
}

export function caseField(name: string): keyof CaseRecord | null {
  return CASE_FIELDS[fieldKey(name)] ?? null;
}

/** Which kind a set of column or property names describes, if it is clear. */
export function inferKind(names: string[]): 'customers' | 'cases' | null {
  const keys = new Set(names.map(fieldKey));
  if (keys.has('subject') || keys.has('title') || (keys.has('customerid') && !keys.has('name'))) return 'cases';
  if (keys.has('name') || keys.has('fullname') || keys.has('customername')) return 'customers';
  return null;
}

const MAX = { id: 128, name: 300, email: 320, company: 300, segment: 100, notes: 20_000, subject: 500, description: 100_000, label: 64 };

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed.length === 0 ? null : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function wrongType(value: unknown): boolean {
  return value !== null && value !== undefined && typeof value !== 'string' && typeof value !== 'number';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch milliseconds from a number (ms, or seconds when below 1e11) or an ISO 8601 date (UTC when no zone is given). */
export function readTime(value: unknown): number | null | 'invalid' {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return 'invalid';
    return Math.round(value < 1e11 ? value * 1000 : value);
  }
  if (typeof value !== 'string') return 'invalid';
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return readTime(Number(trimmed));
  if (!ISO_DATE.test(trimmed)) return 'invalid';
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(trimmed) && trimmed.length > 10;
  const iso = trimmed.replace(' ', 'T');
  const ms = Date.parse(hasZone ? iso : trimmed.length === 10 ? `${iso}T00:00:00Z` : `${iso}Z`);
  return Number.isFinite(ms) ? ms : 'invalid';
}

export function readBoolean(value: unknown): boolean | null | 'invalid' {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return 'invalid';
  const v = value.trim().toLowerCase();
  if (v === '') return null;
  if (['true', 'yes', 'y', '1', 'x'].includes(v)) return true;
  if (['false', 'no', 'n', '0'].includes(v)) return false;
  return 'invalid';
}

function readVersion(value: unknown): number | null | 'invalid' {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : 'invalid';
}

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * One number, normalized. E.164 input is taken as is: the common case from a
 * CRM, and libphonenumber's cost adds up at 300k numbers (docs/performance.md,
 * "Store: search and screen pop").
 */
/** Why a number was refused, or the number read. */
export function readPhone(raw: string, label: string | null, options: ReadOptions): NormalizedPhone | UserText {
  const value = raw.trim();
  if (E164.test(value)) return { number: value, rev: reversedDigits(value), label };
  const normalized = normalizePhone(value, options.phoneRegion);
  if (normalized.e164) return { number: normalized.e164, rev: reversedDigits(normalized.e164), label };
  if (options.strictPhones) return userText('store.import.field.notPhone', { value: value.slice(0, 40), region: options.phoneRegion });
  if (normalized.digits.length === 0) return userText('store.import.field.noDigits');
  return { number: normalized.digits, rev: reversedDigits(normalized.digits), label };
}

/** Whether `readPhone` refused the number. */
export function isPhoneProblem(read: NormalizedPhone | UserText): read is UserText {
  return 'key' in read;
}

function phoneList(value: unknown): { raw: string; label: string | null }[] | 'invalid' {
  if (value === null || value === undefined || value === '') return [];
  if (typeof value === 'string') {
    return value
      .split(/[;|\n]/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map((raw) => ({ raw, label: null }));
  }
  if (typeof value === 'number') return [{ raw: String(value), label: null }];
  if (!Array.isArray(value)) return 'invalid';
  const out: { raw: string; label: string | null }[] = [];
  for (const item of value) {
    if (typeof item === 'string' || typeof item === 'number') out.push({ raw: String(item), label: null });
    else if (typeof item === 'object' && item !== null && typeof (item as { number?: unknown }).number === 'string') {
      const label = (item as { label?: unknown }).label;
      out.push({
        raw: (item as { number: string }).number,
        label: typeof label === 'string' && label.trim() !== '' ? label.trim().slice(0, MAX.label) : null,
      });
    } else return 'invalid';
  }
  return out;
}

function labelFor(column: string): string | null {
  const key = fieldKey(column);
  if (key.startsWith('mobile') || key === 'cell') return 'mobile';
  if (key.startsWith('work')) return 'work';
  if (key.startsWith('home')) return 'home';
  return null;
}

interface Check {
  problems: FieldProblem[];
  str(field: string, value: unknown, max: number, required: boolean): string | null;
}

function checker(): Check {
  const problems: FieldProblem[] = [];
  return {
    problems,
    str(field, value, max, required) {
      if (wrongType(value)) {
        problems.push({ field, message: userText('store.import.field.mustBeText') });
        return null;
      }
      const v = text(value);
      if (v === null) {
        if (required) problems.push({ field, message: userText('store.import.field.required') });
        return null;
      }
      if (v.length > max) {
        problems.push({ field, message: userText('store.import.field.tooLong', { max }) });
        return null;
      }
      return v;
    },
  };
}

/**
 * A customer from named fields. `fields` maps field names as given (column
 * headers or JSON keys, any spelling in CUSTOMER_FIELDS) to values.
 */
export function readCustomer(fields: Record<string, unknown>, options: ReadOptions): Read<CustomerRecord> {
  const c = checker();
  const get: Partial<Record<keyof CustomerRecord, unknown>> = {};
  const phones: { raw: string; label: string | null; field: string }[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const field = customerField(name);
    if (field === null) continue;
    if (field === 'phone' || field === 'phones') {
      const list = phoneList(value);
      if (list === 'invalid') c.problems.push({ field: name, message: userText('store.import.field.phoneList') });
      else for (const p of list) phones.push({ ...p, label: p.label ?? labelFor(name), field: name });
    } else get[field] = value;
  }
  const id = c.str('id', get.id, MAX.id, true);
  const name = c.str('name', get.name, MAX.name, true);
  const email = c.str('email', get.email, MAX.email, false);
  if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email))
    c.problems.push({ field: 'email', message: userText('store.import.field.notEmail') });
  const company = c.str('company', get.company, MAX.company, false);
  const segment = c.str('segment', get.segment, MAX.segment, false);
  const notes = c.str('notes', get.notes, MAX.notes, false);
  const doNotCall = readBoolean(get.doNotCall);
  if (doNotCall === 'invalid') c.problems.push({ field: 'doNotCall', message: userText('store.import.field.yesNo') });
  const createdAt = readTime(get.createdAt);
  if (createdAt === 'invalid') c.problems.push({ field: 'createdAt', message: userText('store.import.field.date') });
  const updatedAt = readTime(get.updatedAt);
  if (updatedAt === 'invalid') c.problems.push({ field: 'updatedAt', message: userText('store.import.field.date') });
  const version = readVersion(get.version);
  if (version === 'invalid') c.problems.push({ field: 'version', message: userText('store.import.field.wholeNumber') });
  const normalized: NormalizedPhone[] = [];
  const seen = new Set<string>();
  phones.forEach((p, index) => {
    const read = readPhone(p.raw, p.label, options);
    if (isPhoneProblem(read))
      c.problems.push({ field: p.field, message: userText('store.import.field.phone', { index: index + 1, problem: read }) });
    else if (!seen.has(read.number)) {
      seen.add(read.number);
      normalized.push(read);
    }
  });
  if (normalized.length > 20) c.problems.push({ field: 'phones', message: userText('store.import.field.tooManyPhones') });
  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  return {
    ok: true,
    value: {
      id: id!,
      name: name!,
      email,
      company,
      segment,
      doNotCall: doNotCall as boolean | null,
      notes,
      phones: normalized,
      createdAt: createdAt as number | null,
      updatedAt: updatedAt as number | null,
      version: version as number | null,
    },
  };
}

export function readCase(fields: Record<string, unknown>): Read<CaseRecord> {
  const c = checker();
  const get: Partial<Record<keyof CaseRecord, unknown>> = {};
  for (const [name, value] of Object.entries(fields)) {
    const field = caseField(name);
    if (field !== null) get[field] = value;
  }
  const id = c.str('id', get.id, MAX.id, true);
  const customerId = c.str('customerId', get.customerId, MAX.id, true);
  const subject = c.str('subject', get.subject, MAX.subject, true);
  const description = c.str('description', get.description, MAX.description, false) ?? '';
  const statusText = c.str('status', get.status, 40, false);
  const status = statusText === null ? 'open' : STATUS_ALIASES[statusText.toLowerCase()];
  if (status === undefined)
    c.problems.push({
      field: 'status',
      message: userText('store.import.field.notStatus', { value: statusText?.slice(0, 40) ?? '' }),
    });
  const priorityText = c.str('priority', get.priority, 40, false);
  const priority = priorityText === null ? 'P3' : PRIORITY_ALIASES[priorityText.toLowerCase()];
  if (priority === undefined)
    c.problems.push({
      field: 'priority',
      message: userText('store.import.field.notPriority', { value: priorityText?.slice(0, 40) ?? '' }),
    });
  const createdAt = readTime(get.createdAt);
  if (createdAt === 'invalid') c.problems.push({ field: 'createdAt', message: userText('store.import.field.date') });
  const updatedAt = readTime(get.updatedAt);
  if (updatedAt === 'invalid') c.problems.push({ field: 'updatedAt', message: userText('store.import.field.date') });
  const version = readVersion(get.version);
  if (version === 'invalid') c.problems.push({ field: 'version', message: userText('store.import.field.wholeNumber') });
  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  return {
    ok: true,
    value: {
      id: id!,
      customerId: customerId!,
      subject: subject!,
      description,
      status: status!,
      priority: priority!,
      createdAt: createdAt as number | null,
      updatedAt: updatedAt as number | null,
      version: version as number | null,
    },
  };
}

const CASE_STATUS_SET: ReadonlySet<string> = new Set(['new', 'open', 'pending', 'on-hold', 'solved', 'closed']);
const PRIORITY_SET: ReadonlySet<string> = new Set(['P1', 'P2', 'P3', 'P4']);

function optionalText(problems: FieldProblem[], field: string, value: unknown, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') {
    problems.push({ field, message: userText('store.import.field.textOrNull') });
    return null;
  }
  if (value.length > max) problems.push({ field, message: userText('store.import.field.tooLong', { max }) });
  return value.length === 0 ? null : value;
}

function requiredText(problems: FieldProblem[], field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    problems.push({ field, message: userText('store.import.field.requiredText') });
    return '';
  }
  if (value.length > max) problems.push({ field, message: userText('store.import.field.tooLong', { max }) });
  return value;
}

function timeField(problems: FieldProblem[], field: string, value: unknown, required: boolean): number | null {
  if (value === undefined || value === null) {
    if (required) problems.push({ field, message: userText('store.import.field.requiredEpoch') });
    return null;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    problems.push({ field, message: userText('store.import.field.epoch') });
    return null;
  }
  return value;
}

function versionField(problems: FieldProblem[], value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    problems.push({ field: 'version', message: userText('store.import.field.wholeNumberOrNull') });
    return null;
  }
  return value;
}

/**
 * A customer the sync engine pulled. Typed input, so this is a fast shape
 * check (it runs a million times in an initial sync), lenient on phone numbers.
 */
export function readPulledCustomer(row: PulledCustomer, options: ReadOptions): Read<CustomerRecord> {
  const problems: FieldProblem[] = [];
  if (typeof row !== 'object' || row === null)
    return { ok: false, problems: [{ field: null, message: userText('store.import.field.notObject') }] };
  const id = requiredText(problems, 'id', row.id, MAX.id);
  const name = requiredText(problems, 'name', row.name, MAX.name);
  const email = optionalText(problems, 'email', row.email, MAX.email);
  const company = optionalText(problems, 'company', row.company, MAX.company);
  const segment = optionalText(problems, 'segment', row.segment, MAX.segment);
  const notes = optionalText(problems, 'notes', row.notes, MAX.notes);
  if (row.doNotCall !== undefined && typeof row.doNotCall !== 'boolean')
    problems.push({ field: 'doNotCall', message: userText('store.import.field.trueFalse') });
  const createdAt = timeField(problems, 'createdAt', row.createdAt, false);
  const updatedAt = timeField(problems, 'updatedAt', row.updatedAt, true);
  const version = versionField(problems, row.version);
  const phones: NormalizedPhone[] = [];
  if (row.phones !== undefined) {
    const list = Array.isArray(row.phones) ? phoneList(row.phones) : 'invalid';
    if (list === 'invalid') problems.push({ field: 'phones', message: userText('store.import.field.phoneArray') });
    else {
      const seen = new Set<string>();
      for (const p of list.slice(0, 20)) {
        const read = readPhone(p.raw, p.label, options);
        if (!isPhoneProblem(read) && !seen.has(read.number)) {
          seen.add(read.number);
          phones.push(read);
        }
      }
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { id, name, email, company, segment, doNotCall: row.doNotCall ?? null, notes, phones, createdAt, updatedAt, version },
  };
}

/** A case the sync engine pulled: a fast shape check, statuses and priorities already in our terms. */
export function readPulledCase(row: PulledCase): Read<CaseRecord> {
  const problems: FieldProblem[] = [];
  if (typeof row !== 'object' || row === null)
    return { ok: false, problems: [{ field: null, message: userText('store.import.field.notObject') }] };
  const id = requiredText(problems, 'id', row.id, MAX.id);
  const customerId = requiredText(problems, 'customerId', row.customerId, MAX.id);
  const subject = requiredText(problems, 'subject', row.subject, MAX.subject);
  const description =
    row.description === undefined
      ? ''
      : typeof row.description === 'string'
        ? row.description
        : (problems.push({ field: 'description', message: userText('store.import.field.mustBeText') }), '');
  if (description.length > MAX.description)
    problems.push({ field: 'description', message: userText('store.import.field.tooLong', { max: MAX.description }) });
  if (!CASE_STATUS_SET.has(row.status)) problems.push({ field: 'status', message: userText('store.import.field.statusOneOf') });
  if (!PRIORITY_SET.has(row.priority)) problems.push({ field: 'priority', message: userText('store.import.field.priorityOneOf') });
  const createdAt = timeField(problems, 'createdAt', row.createdAt, false);
  const updatedAt = timeField(problems, 'updatedAt', row.updatedAt, true);
  const version = versionField(problems, row.version);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { id, customerId, subject, description, status: row.status, priority: row.priority, createdAt, updatedAt, version },
  };
}
