import { mix } from '../common/seed-hash';
import { makeId } from './ids';
import type { SfRecord } from './records';
import { CASE_ORIGINS, CASE_PRIORITIES, type CaseStatus } from './schema';
import type { Segment } from './table';

/**
 * Deterministic seed data for tests and the benchmark (200k contacts / 1M cases): nothing is
 * stored per record but one "changed" byte; every field is recomputed from (seed, index).
 *
 *  - Accounts (default one per ten contacts): companies; with Person Accounts on, every fifth is
 *    a person account, whose person contact is a seeded contact (every tenth, from index 9): the
 *    Contact query returns it with IsPersonAccount = true and the account's person fields.
 *  - Contacts: 80% belong to an account; 90% have a unique UK mobile, written three ways
 *    ("+44 7xxx xxxxxx", "07xxx xxxxxx", "+447xxxxxxxxx") as agents type them; half have a
 *    landline Phone, some a HomePhone or OtherPhone.
 *  - Cases: each on a contact (and that contact's account); 10% New, 15% Working, 5% Escalated
 *    (owned by a queue), 70% Closed.
 * Seeded times start in 2022 and rise with the index, so SystemModstamp order is index order.
 */

const FIRST = ['Amelia', 'Oliver', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Arthur', 'Ivy', 'Leo', 'Grace', 'Oscar', 'Freya', 'Harry'];
const LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Wright', 'Evans', 'Walker'];
const COMPANY = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Tyrell', 'Wonka'];
const TOPIC = ['Billing', 'Delivery', 'Refund', 'Login', 'Broken item', 'Upgrade', 'Cancellation', 'Address change'];
const WORDS = ['order', 'invoice', 'parcel', 'account', 'password', 'card', 'charge', 'missing', 'late', 'twice', 'wrong', 'urgent'];
const STATUS_CUTS: readonly [number, CaseStatus][] = [
  [10, 'New'],
  [25, 'Working'],
  [30, 'Escalated'],
  [100, 'Closed'],
];

export interface SeedOptions {
  contacts: number;
  cases: number;
  /** Default: one per ten contacts (at least one when there are contacts). */
  accounts?: number;
  seed?: number;
}

export interface SeedReport {
  accounts: number;
  contacts: number;
  cases: number;
  durationMs: number;
}

export interface SeedLayout {
  seed: number;
  accounts: Segment;
  contacts: Segment;
  cases: Segment;
  /** CaseNumber of seeded case 0. */
  firstCaseNumber: number;
  personAccounts: boolean;
  userIds: string[];
  queueIds: string[];
  adminId: string;
}

export { mix };

/** The E.164 form of seeded contact i's mobile (unique per contact). */
export function seedMobileE164(index: number): string {
  return `+447${String(index).padStart(9, '0')}`;
}

/** Seeded contact i's MobilePhone as stored: one of three ways agents type a UK mobile. */
export function seedMobileAsTyped(index: number): string {
  const digits = String(index).padStart(9, '0');
  switch (index % 3) {
    case 0:
      return `+44 7${digits.slice(0, 3)} ${digits.slice(3)}`;
    case 1:
      return `07${digits.slice(0, 3)} ${digits.slice(3)}`;
    default:
      return `+447${digits}`;
  }
}

export function segment(base: number, count: number, startMs: number, stepMs: number, lagMs: number): Segment {
  return { base, count, startMs, stepMs, lagMs, overridden: new Uint8Array(count) };
}

function stamps(seg: Segment, index: number, adminId: string): Pick<SfRecord, 'createdAt' | 'modifiedAt' | 'createdById' | 'modifiedById'> {
  const createdAt = seg.startMs + index * seg.stepMs;
  return { createdAt, modifiedAt: createdAt + seg.lagMs, createdById: adminId, modifiedById: adminId };
}

function words(seed: number, index: number, n: number): string {
  const out: string[] = [];
  for (let w = 0; w < n; w++) out.push(WORDS[mix(seed, index, 41 + w) % WORDS.length]!);
  return out.join(' ');
}

function personName(seed: number, index: number, salt: number): [string, string] {
  const h = mix(seed, index, salt);
  return [FIRST[h % FIRST.length]!, LAST[(h >>> 8) % LAST.length]!];
}

/** How many seeded accounts are person accounts (each needs a seeded contact). */
function personAccountCount(layout: SeedLayout): number {
  return layout.personAccounts ? Math.min(Math.floor(layout.accounts.count / 5), Math.floor(layout.contacts.count / 10)) : 0;
}

/** Seeded account a is a person account when a = 5k + 4 for the k-th of them. */
export function isSeededPersonAccount(layout: SeedLayout, index: number): boolean {
  return index % 5 === 4 && Math.floor(index / 5) < personAccountCount(layout);
}

/** The seeded account whose person contact is seeded contact c (c = 10k + 9), or -1. */
function personAccountOfContact(layout: SeedLayout, index: number): number {
  const k = Math.floor(index / 10);
  return index % 10 === 9 && k < personAccountCount(layout) ? 5 * k + 4 : -1;
}

/** The person fields seeded contact c has, shared with its person account. */
function personFields(
  layout: SeedLayout,
  index: number,
): { first: string; last: string; email: string; mobile: string | null; home: string | null; other: string | null } {
  const [first, last] = personName(layout.seed, index, 11);
  const h = mix(layout.seed, index, 13);
  return {
    first,
    last,
    email: `${first}.${last}.${index}@example.com`.toLowerCase(),
    mobile: (h >>> 4) % 10 === 0 ? null : seedMobileAsTyped(index),
    home: (h >>> 8) % 5 === 0 ? `0161 496 ${String(index % 10_000).padStart(4, '0')}` : null,
    other: (h >>> 12) % 20 === 0 ? `+1 202 555 ${String(index % 10_000).padStart(4, '0')}` : null,
  };
}

const accountPhone = (index: number): string => `+44 20 7946 ${String(index % 10_000).padStart(4, '0')}`;

export function deriveAccount(layout: SeedLayout, index: number): SfRecord {
  const { seed, accounts } = layout;
  const seq = accounts.base + index;
  const owner = layout.userIds[mix(seed, index, 21) % layout.userIds.length]!;
  const values: SfRecord['values'] = { Phone: accountPhone(index), Type: 'Customer', OwnerId: owner };
  if (isSeededPersonAccount(layout, index)) {
    const contactIndex = 10 * Math.floor(index / 5) + 9;
    const p = personFields(layout, contactIndex);
    Object.assign(values, {
      Name: `${p.first} ${p.last}`,
      IsPersonAccount: true,
      PersonContactId: makeId('Contact', layout.contacts.base + contactIndex),
      FirstName: p.first,
      LastName: p.last,
      PersonEmail: p.email,
      PersonMobilePhone: p.mobile,
      PersonHomePhone: p.home,
      PersonOtherPhone: p.other,
    });
  } else {
    values.Name = `${COMPANY[index % COMPANY.length]!} ${Math.floor(index / COMPANY.length) + 1}`;
    if (layout.personAccounts)
      Object.assign(values, {
        IsPersonAccount: false,
        PersonContactId: null,
        FirstName: null,
        LastName: null,
        PersonEmail: null,
        PersonMobilePhone: null,
        PersonHomePhone: null,
        PersonOtherPhone: null,
      });
  }
  return { type: 'Account', seq, id: makeId('Account', seq), values, ...stamps(accounts, index, layout.adminId), deletedAt: null };
}

/** 80% of seeded contacts belong to an account (a business account, never a person account). */
export function seededContactAccount(layout: SeedLayout, index: number): string | null {
  const person = personAccountOfContact(layout, index);
  if (person >= 0) return makeId('Account', layout.accounts.base + person);
  const accounts = layout.accounts;
  const pick = mix(layout.seed, index, 12);
  if (accounts.count === 0 || pick % 10 < 2) return null;
  let a = pick % accounts.count;
  if (isSeededPersonAccount(layout, a)) a = a - 1;
  return a < 0 ? null : makeId('Account', accounts.base + a);
}

export function deriveContact(layout: SeedLayout, index: number): SfRecord {
  const { seed, contacts } = layout;
  const seq = contacts.base + index;
  const p = personFields(layout, index);
  const h = mix(seed, index, 13);
  const person = personAccountOfContact(layout, index);
  const values: SfRecord['values'] = {
    AccountId: seededContactAccount(layout, index),
    FirstName: p.first,
    LastName: p.last,
    Name: `${p.first} ${p.last}`,
    Title: null,
    Email: p.email,
    Phone: person >= 0 ? accountPhone(person) : h % 2 === 0 ? `020 7946 ${String(index % 10_000).padStart(4, '0')}` : null,
    MobilePhone: p.mobile,
    HomePhone: p.home,
    OtherPhone: p.other,
    OwnerId: layout.userIds[(h >>> 16) % layout.userIds.length]!,
  };
  if (layout.personAccounts) values.IsPersonAccount = person >= 0;
  return { type: 'Contact', seq, id: makeId('Contact', seq), values, ...stamps(contacts, index, layout.adminId), deletedAt: null };
}

export function seededCaseStatus(layout: SeedLayout, index: number): CaseStatus {
  const roll = mix(layout.seed, index, 8) % 100;
  return STATUS_CUTS.find(([cut]) => roll < cut)![1];
}

/**
 * The fields of seeded case i a filter can test without building its text (Subject…): a count
 * over a million cases (`IsClosed = false`) reads these only.
 */
export const CASE_FACT_FIELDS = new Set([
  'Id',
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'ContactId',
  'Status',
  'Priority',
  'Origin',
  'OwnerId',
  'IsClosed',
  'IsEscalated',
]);

export function deriveCaseFacts(layout: SeedLayout, index: number): SfRecord {
  const { seed, cases, contacts } = layout;
  const seq = cases.base + index;
  const status = seededCaseStatus(layout, index);
  const record: SfRecord = {
    type: 'Case',
    seq,
    id: makeId('Case', seq),
    values: {},
    ...stamps(cases, index, layout.adminId),
    deletedAt: null,
  };
  record.values = {
    ContactId: makeId('Contact', contacts.base + (mix(seed, index, 1) % contacts.count)),
    Status: status,
    Priority: CASE_PRIORITIES[mix(seed, index, 2) % CASE_PRIORITIES.length]!,
    Origin: CASE_ORIGINS[mix(seed, index, 6) % CASE_ORIGINS.length]!,
    OwnerId: caseOwner(layout, index, status),
    IsClosed: status === 'Closed',
    IsEscalated: status === 'Escalated',
  };
  return record;
}

function caseOwner(layout: SeedLayout, index: number, status: CaseStatus): string {
  return status === 'Escalated' && layout.queueIds.length > 0
    ? layout.queueIds[mix(layout.seed, index, 5) % layout.queueIds.length]!
    : layout.userIds[mix(layout.seed, index, 5) % layout.userIds.length]!;
}

export function deriveCase(layout: SeedLayout, index: number): SfRecord {
  const { seed, cases, contacts } = layout;
  const seq = cases.base + index;
  const status = seededCaseStatus(layout, index);
  const contactIndex = mix(seed, index, 1) % contacts.count;
  const topic = TOPIC[mix(seed, index, 3) % TOPIC.length]!;
  const owner = caseOwner(layout, index, status);
  const record: SfRecord = {
    type: 'Case',
    seq,
    id: makeId('Case', seq),
    values: {},
    ...stamps(cases, index, layout.adminId),
    deletedAt: null,
  };
  record.values = {
    CaseNumber: String(layout.firstCaseNumber + index).padStart(8, '0'),
    ContactId: makeId('Contact', contacts.base + contactIndex),
    AccountId: seededContactAccount(layout, contactIndex),
    Subject: `${topic}: ${words(seed, index, 3 + (mix(seed, index, 4) % 4))}`,
    Description: null,
    Status: status,
    Priority: CASE_PRIORITIES[mix(seed, index, 2) % CASE_PRIORITIES.length]!,
    Origin: CASE_ORIGINS[mix(seed, index, 6) % CASE_ORIGINS.length]!,
    OwnerId: owner,
    IsClosed: status === 'Closed',
    IsEscalated: status === 'Escalated',
    ClosedDate: status === 'Closed' ? record.modifiedAt : null,
  };
  return record;
}

/** Seeded times start in 2022, well clear of "now". */
export const SEED_EPOCH = Date.UTC(2022, 0, 1);
const DAY = 86_400_000;

/** The segments of a seed whose first sequence numbers are given. */
export function layoutSeed(
  options: SeedOptions,
  bases: { accounts: number; contacts: number; cases: number; firstCaseNumber: number },
  owners: { userIds: string[]; queueIds: string[]; adminId: string },
  personAccounts: boolean,
): SeedLayout {
  if (options.cases > 0 && options.contacts === 0) throw new Error('Seeded cases need seeded contacts (a case is on a contact)');
  const accountCount = options.accounts ?? (options.contacts > 0 ? Math.max(1, Math.ceil(options.contacts / 10)) : 0);
  return {
    seed: options.seed ?? 42,
    accounts: segment(bases.accounts, accountCount, SEED_EPOCH - 200 * DAY, 600_000, 60_000),
    contacts: segment(bases.contacts, options.contacts, SEED_EPOCH, 60_000, 3_600_000),
    cases: segment(bases.cases, options.cases, SEED_EPOCH + DAY, 15_000, 7_200_000),
    firstCaseNumber: bases.firstCaseNumber,
    personAccounts,
    ...owners,
  };
}
