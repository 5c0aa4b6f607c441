import { mix, type Segment } from '../common/seed-hash';
import {
  TICKET_STATUSES,
  htmlOf,
  viaApi,
  type Priority,
  type TicketStatus,
  type TicketType,
  type ZendeskComment,
  type ZendeskOrganization,
  type ZendeskTicket,
  type ZendeskUser,
} from './model';
import type { ZendeskState } from './state';

/**
 * Demo and benchmark data for the Zendesk emulator, deterministic for a seed.
 *
 * Nothing is stored per seeded record except one status byte per ticket (so
 * "open tickets" scans a byte array) and one "changed since seeding" byte per
 * record: every other field is recomputed from (seed, index) when it is read.
 * That keeps 200k users and 1M tickets at a few MB instead of the hundreds a
 * JavaScript object per record would take. Ids are contiguous per kind, and
 * seeded times rise with the index, so a cursor position maps to an index by
 * arithmetic instead of a sorted index.
 */

const FIRST = ['Ada', 'Ben', 'Carla', 'Dev', 'Elif', 'Farid', 'Grace', 'Hana', 'Ivan', 'Jun', 'Kofi', 'Lena', 'Mateo', 'Nadia'];
const LAST = ['Okafor', 'Schmidt', 'Tanaka', 'Garcia', 'Novak', 'Haddad', 'Kowalski', 'Silva', 'Nguyen', 'Andersen', 'Murphy', 'Rossi'];
const COMPANY = ['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Litware', 'Proseware', 'Wide World', 'Blue Yonder'];
const TOPIC = ['billing', 'invoice', 'refund', 'router', 'outage', 'password', 'delivery', 'warranty', 'upgrade', 'porting'];
const WORDS = (
  'customer reports that the service stopped working after last update asked for a callback tomorrow morning checked ' +
  'account status line test shows no fault replaced device under warranty charged twice this month explained next steps'
).split(' ');
const PRIORITY_PICK: readonly (Priority | null)[] = [null, 'low', 'normal', 'normal', 'high', 'urgent'];
const TYPE_PICK: readonly (TicketType | null)[] = [null, 'question', 'incident', 'problem', 'task'];
/** Deleted tickets (1%) and users (2%) are seeded too: the exports must show them. */
const STATUS_CUTS: readonly [number, TicketStatus][] = [
  [4, 'new'],
  [22, 'open'],
  [30, 'pending'],
  [34, 'hold'],
  [62, 'solved'],
  [99, 'closed'],
  [100, 'deleted'],
];

export const GROUP_IDS = [101, 102, 103];

export type { Segment };

export interface SeedLayout {
  seed: number;
  users: Segment;
  organizations: Segment;
  tickets: Segment;
  /** Index into TICKET_STATUSES per seeded ticket. */
  ticketStatus: Uint8Array;
  /** First comment of seeded ticket i has id commentBase + i. */
  commentBase: number;
  agentIds: number[];
}

export { mix };

function words(seed: number, index: number, min: number, max: number): string {
  const n = min + (mix(seed, index, 40) % (max - min + 1));
  const out: string[] = [];
  for (let w = 0; w < n; w++) out.push(WORDS[mix(seed, index, 41 + w) % WORDS.length]!);
  return out.join(' ');
}

/** A unique UK mobile number in E.164 for seeded user index i (reversible: see seedIndexOfPhone). */
export function seedPhone(index: number): string {
  return `+447${String(index).padStart(9, '0')}`;
}

export function seedIndexOfPhone(phone: string): number {
  const match = /^\+447(\d{9})$/.exec(phone);
  return match ? Number(match[1]) : -1;
}

function segment(base: number, count: number, startMs: number, stepMs: number, lagMs: number): Segment {
  return { base, count, startMs, stepMs, lagMs, overridden: new Uint8Array(count) };
}

export function seededCreatedAt(seg: Segment, index: number): number {
  return seg.startMs + index * seg.stepMs;
}

/** 70% of seeded users belong to an organization. */
function seededUserOrganization(layout: SeedLayout, index: number): number | null {
  const pick = mix(layout.seed, index, 12);
  const orgs = layout.organizations;
  return orgs.count === 0 || pick % 10 < 3 ? null : orgs.base + (pick % orgs.count);
}

export function deriveUser(layout: SeedLayout, index: number): ZendeskUser {
  const { seed, users } = layout;
  const id = users.base + index;
  const h = mix(seed, index, 11);
  const first = FIRST[h % FIRST.length]!;
  const last = LAST[(h >>> 8) % LAST.length]!;
  const created = seededCreatedAt(users, index);
  return {
    id,
    name: `${first} ${last}`,
    email: `${first}.${last}.${id}@example.com`.toLowerCase(),
    phone: (h >>> 16) % 10 === 0 ? null : seedPhone(index),
    organization_id: seededUserOrganization(layout, index),
    role: 'end-user',
    active: mix(seed, index, 14) % 100 >= 2,
    suspended: false,
    external_id: null,
    tags: [],
    time_zone: 'London',
    locale: 'en-GB',
    created_at_ms: created,
    updated_at_ms: created + users.lagMs,
  };
}

export function deriveOrganization(layout: SeedLayout, index: number): ZendeskOrganization {
  const seg = layout.organizations;
  const company = COMPANY[index % COMPANY.length]!;
  const serial = Math.floor(index / COMPANY.length) + 1;
  const created = seededCreatedAt(seg, index);
  return {
    id: seg.base + index,
    name: `${company} ${serial}`,
    external_id: null,
    domain_names: [`${company.toLowerCase().replace(' ', '-')}-${serial}.example.com`],
    tags: [],
    details: null,
    notes: null,
    created_at_ms: created,
    updated_at_ms: created + seg.lagMs,
  };
}

/** The fields search filters on, without the strings: a search scans every ticket. */
export type TicketFacts = Pick<
  ZendeskTicket,
  | 'id'
  | 'status'
  | 'priority'
  | 'type'
  | 'requester_id'
  | 'assignee_id'
  | 'organization_id'
  | 'group_id'
  | 'tags'
  | 'created_at_ms'
  | 'updated_at_ms'
>;

export function deriveTicketFacts(layout: SeedLayout, index: number): TicketFacts {
  const { seed, tickets, users, agentIds } = layout;
  const status = TICKET_STATUSES[layout.ticketStatus[index]!]!;
  const requesterIndex = mix(seed, index, 1) % users.count;
  const assignee = status === 'new' || agentIds.length === 0 ? null : agentIds[mix(seed, index, 5) % agentIds.length]!;
  const topic = TOPIC[mix(seed, index, 3) % TOPIC.length]!;
  const created = seededCreatedAt(tickets, index);
  return {
    id: tickets.base + index,
    status,
    priority: PRIORITY_PICK[mix(seed, index, 2) % PRIORITY_PICK.length]!,
    type: TYPE_PICK[mix(seed, index, 4) % TYPE_PICK.length]!,
    requester_id: users.base + requesterIndex,
    assignee_id: assignee,
    organization_id: seededUserOrganization(layout, requesterIndex),
    group_id: assignee === null ? null : GROUP_IDS[mix(seed, index, 6) % GROUP_IDS.length]!,
    tags: mix(seed, index, 7) % 7 === 0 ? [topic, 'vip'] : [topic],
    created_at_ms: created,
    updated_at_ms: created + tickets.lagMs,
  };
}

export function deriveTicket(layout: SeedLayout, index: number): ZendeskTicket {
  const facts = deriveTicketFacts(layout, index);
  const topic = facts.tags[0]!;
  return {
    ...facts,
    subject: `${topic[0]!.toUpperCase()}${topic.slice(1)}: ${words(layout.seed, index, 3, 7)}`,
    description: words(layout.seed, index + 7_777_777, 12, 40),
    submitter_id: facts.requester_id,
    custom_fields: [],
    external_id: null,
    due_at_ms: null,
    via: viaApi(),
    comment_public: true,
  };
}

export function deriveFirstComment(layout: SeedLayout, index: number): ZendeskComment {
  const ticket = deriveTicket(layout, index);
  return {
    id: layout.commentBase + index,
    ticket_id: ticket.id,
    type: 'Comment',
    body: ticket.description,
    html_body: htmlOf(ticket.description),
    public: true,
    author_id: ticket.requester_id,
    via: ticket.via,
    data: null,
    created_at_ms: ticket.created_at_ms,
  };
}

export interface SeedOptions {
  users: number;
  tickets: number;
  /** Default: one per 100 users. */
  organizations?: number;
  /** Agents tickets are assigned to, added as ordinary records first (default 3). */
  agents?: number;
  seed?: number;
}

export interface SeedReport {
  users: number;
  organizations: number;
  tickets: number;
  userIds: { first: number; last: number };
  ticketIds: { first: number; last: number };
  durationMs: number;
}

/** Seeded times start in 2022, well clear of "now" and of the exports' most-recent-minute cut. */
const SEED_EPOCH = Date.UTC(2022, 0, 1);

export function seedZendesk(state: ZendeskState, options: SeedOptions): SeedReport {
  const started = Date.now();
  if (options.tickets > 0 && options.users === 0) throw new Error('Seeded tickets need seeded users (tickets have requesters)');
  const seed = options.seed ?? 42;
  const agentIds: number[] = [];
  for (let a = 0; a < (options.agents ?? 3); a++) {
    agentIds.push(state.addUser({ name: `Agent ${a + 1}`, email: `agent${a + 1}@example.com`, role: 'agent' }).id);
  }
  const orgCount = options.organizations ?? Math.ceil(options.users / 100);
  const ranges = state.reserveSeedIds({ users: options.users, organizations: orgCount, tickets: options.tickets });
  const ticketStatus = new Uint8Array(options.tickets);
  for (let i = 0; i < options.tickets; i++) {
    const roll = mix(seed, i, 8) % 100;
    const status = STATUS_CUTS.find(([cut]) => roll < cut)![1];
    ticketStatus[i] = TICKET_STATUSES.indexOf(status);
  }
  const layout: SeedLayout = {
    seed,
    users: segment(ranges.users, options.users, SEED_EPOCH, 60_000, 3_600_000),
    organizations: segment(ranges.organizations, orgCount, SEED_EPOCH - 180 * 86_400_000, 3_600_000, 60_000),
    tickets: segment(ranges.tickets, options.tickets, SEED_EPOCH + 86_400_000, 15_000, 7_200_000),
    ticketStatus,
    commentBase: ranges.comments,
    agentIds,
  };
  state.attachSeed(layout);
  return {
    users: options.users,
    organizations: orgCount,
    tickets: options.tickets,
    userIds: { first: ranges.users, last: ranges.users + options.users - 1 },
    ticketIds: { first: ranges.tickets, last: ranges.tickets + options.tickets - 1 },
    durationMs: Date.now() - started,
  };
}
