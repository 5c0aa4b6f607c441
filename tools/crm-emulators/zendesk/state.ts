import type { RequestLogEntry } from '../common/request-log';
import {
  htmlOf,
  viaApi,
  type Priority,
  type TicketStatus,
  type TicketType,
  type TicketVia,
  type CustomFieldValue,
  type VoiceCommentData,
  type ZendeskComment,
  type ZendeskOrganization,
  type ZendeskTicket,
  type ZendeskUser,
} from './model';
import {
  deriveFirstComment,
  deriveOrganization,
  deriveTicket,
  deriveTicketFacts,
  deriveUser,
  seedIndexOfPhone,
  seedZendesk,
  type SeedLayout,
  type SeedOptions,
  type SeedReport,
  type Segment,
  type TicketFacts,
} from './seed';

/**
 * The emulator's account: users, organizations, tickets and comments in
 * memory, plus what tests assert on (request log, create counts, the
 * idempotency store). Tests may change records directly; every change moves
 * the record's updated_at, so it comes through the incremental exports again,
 * as a change made in the Zendesk agent interface would.
 */

/** A place in an export's order: (updated_at or created_at in ms, id). */
export interface Position {
  t: number;
  id: number;
}

export function comparePositions(a: Position, b: Position): number {
  return a.t - b.t || a.id - b.id;
}

/** Positions kept sorted in two parallel arrays (no object per entry). */
class SortedPositions {
  private readonly ts: number[] = [];
  private readonly ids: number[] = [];

  get length(): number {
    return this.ts.length;
  }

  at(k: number): Position {
    return { t: this.ts[k]!, id: this.ids[k]! };
  }

  /** First k whose position is > pos (or >= pos with inclusive). */
  bound(pos: Position, inclusive: boolean): number {
    let lo = 0;
    let hi = this.ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.ts[mid]! - pos.t || this.ids[mid]! - pos.id;
      if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(t: number, id: number): void {
    const k = this.bound({ t, id }, true);
    this.ts.splice(k, 0, t);
    this.ids.splice(k, 0, id);
  }

  remove(t: number, id: number): void {
    const k = this.bound({ t, id }, true);
    if (this.ts[k] === t && this.ids[k] === id) {
      this.ts.splice(k, 1);
      this.ids.splice(k, 1);
    }
  }
}

interface Timed {
  id: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export type Order = 'updated' | 'created';

/**
 * One kind of record: a seeded segment (derived on read) plus the records
 * added or changed since (held as objects), walkable in (time, id) order.
 */
export class Table<T extends Timed> {
  readonly overlay = new Map<number, T>();
  private readonly byUpdated = new SortedPositions();
  /** Creation positions of records outside the segment (a seeded record's created_at never moves). */
  private readonly createdOutside = new SortedPositions();
  segment: Segment | null = null;

  constructor(private readonly derive: (index: number) => T) {}

  segmentIndex(id: number): number {
    const seg = this.segment;
    return seg && Number.isInteger(id) && id >= seg.base && id < seg.base + seg.count ? id - seg.base : -1;
  }

  get(id: number): T | undefined {
    const held = this.overlay.get(id);
    if (held) return held;
    const index = this.segmentIndex(id);
    return index >= 0 ? this.derive(index) : undefined;
  }

  /** True if seeded record `index` is still as seeded. */
  pristine(index: number): boolean {
    return this.segment!.overridden[index] === 0;
  }

  put(record: T): void {
    const previous = this.overlay.get(record.id);
    if (previous) this.byUpdated.remove(previous.updated_at_ms, previous.id);
    else {
      const index = this.segmentIndex(record.id);
      if (index >= 0) this.segment!.overridden[index] = 1;
      else this.createdOutside.insert(record.created_at_ms, record.id);
    }
    this.overlay.set(record.id, record);
    this.byUpdated.insert(record.updated_at_ms, record.id);
  }

  /**
   * Positions after (direction 1) or before (direction -1) `from`, exclusive, in `order`. Seeded
   * positions come from arithmetic (times rise with the index), held ones from the sorted index.
   */
  *walk(order: Order, direction: 1 | -1, from: Position | null): Generator<Position> {
    const seg = this.segment;
    const held = order === 'updated' ? this.byUpdated : this.createdOutside;
    const lag = order === 'updated' && seg ? seg.lagMs : 0;
    const n = seg?.count ?? 0;
    const key = (i: number): Position => ({ t: seg!.startMs + i * seg!.stepMs + lag, id: seg!.base + i });
    let i: number;
    let j: number;
    if (direction === 1) {
      i = 0;
      if (seg && from) {
        i = Math.min(n, Math.max(0, Math.floor((from.t - seg.startMs - lag) / seg.stepMs)));
        while (i > 0 && comparePositions(key(i - 1), from) > 0) i--;
        while (i < n && comparePositions(key(i), from) <= 0) i++;
      }
      j = from ? held.bound(from, false) : 0;
    } else {
      i = n - 1;
      if (seg && from) {
        i = Math.min(n - 1, Math.max(-1, Math.ceil((from.t - seg.startMs - lag) / seg.stepMs)));
        while (i < n - 1 && comparePositions(key(i + 1), from) < 0) i++;
        while (i >= 0 && comparePositions(key(i), from) >= 0) i--;
      }
      j = from ? held.bound(from, true) - 1 : held.length - 1;
    }
    for (;;) {
      // In updated order a changed seeded record lives at its new place, in the held index.
      if (seg && order === 'updated') while (i >= 0 && i < n && seg.overridden[i] === 1) i += direction;
      const a = seg && i >= 0 && i < n ? key(i) : null;
      const b = j >= 0 && j < held.length ? held.at(j) : null;
      if (a === null && b === null) return;
      if (a !== null && (b === null || comparePositions(a, b) * direction < 0)) {
        yield a;
        i += direction;
      } else {
        yield b!;
        j += direction;
      }
    }
  }
}

export type { RequestLogEntry };

export interface IdempotencyEntry {
  key: string;
  /** Canonical JSON of the request body: "the same body" means the same parsed body. */
  fingerprint: string;
  status: number;
  body: string;
  headers: Record<string, string>;
  ticketId: number;
  createdAt: number;
  expiresAt: number;
}

export interface NewComment {
  body: string;
  html_body?: string;
  public?: boolean;
  author_id?: number;
  type?: 'Comment' | 'VoiceComment';
  data?: VoiceCommentData | null;
  via?: TicketVia;
}

export interface NewTicket {
  subject?: string | null;
  comment: NewComment;
  requester_id: number;
  submitter_id?: number;
  status?: Exclude<TicketStatus, 'deleted'>;
  priority?: Priority | null;
  type?: TicketType | null;
  assignee_id?: number | null;
  group_id?: number | null;
  organization_id?: number | null;
  tags?: string[];
  custom_fields?: CustomFieldValue[];
  external_id?: string | null;
  via?: TicketVia;
  created_at_ms?: number;
}

export type TicketPatch = Partial<
  Pick<
    ZendeskTicket,
    | 'subject'
    | 'status'
    | 'priority'
    | 'type'
    | 'requester_id'
    | 'assignee_id'
    | 'group_id'
    | 'organization_id'
    | 'tags'
    | 'custom_fields'
    | 'external_id'
    | 'due_at_ms'
  >
>;

const MAX_REQUEST_LOG = 200_000;

export class ZendeskState {
  readonly users: Table<ZendeskUser>;
  readonly organizations: Table<ZendeskOrganization>;
  readonly tickets: Table<ZendeskTicket>;
  /** Every request, in arrival order (the oldest are dropped past 200,000). */
  readonly requests: RequestLogEntry[] = [];
  readonly counts = { ticketCreates: 0, voiceTicketCreates: 0, ticketUpdates: 0, commentsAdded: 0 };
  /** Idempotency-Key → stored create (Tickets › Create Ticket, Introduction › Idempotency). */
  readonly idempotency = new Map<string, IdempotencyEntry>();
  private readonly addedComments = new Map<number, ZendeskComment[]>();
  private readonly voiceTicketIds: number[] = [];
  private layout: SeedLayout | null = null;
  private readonly nextId = { user: 1, organization: 1, ticket: 1, comment: 1 };

  constructor(readonly now: () => number) {
    const seeded = (): SeedLayout => this.layout!;
    this.users = new Table((i) => deriveUser(seeded(), i));
    this.organizations = new Table((i) => deriveOrganization(seeded(), i));
    this.tickets = new Table((i) => deriveTicket(seeded(), i));
  }

  /** A record's next updated_at: now, but always in a later second, so every change shows as a new `updated_at`. */
  private stamp(previousMs: number | null): number {
    const now = this.now();
    return previousMs === null ? now : Math.max(now, Math.floor(previousMs / 1000) * 1000 + 1000);
  }

  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > MAX_REQUEST_LOG) this.requests.splice(0, this.requests.length - MAX_REQUEST_LOG);
  }

  // Seeding ---------------------------------------------------------------

  seed(options: SeedOptions): SeedReport {
    return seedZendesk(this, options);
  }

  reserveSeedIds(counts: { users: number; organizations: number; tickets: number }): {
    users: number;
    organizations: number;
    tickets: number;
    comments: number;
  } {
    if (this.layout) throw new Error('The emulator was seeded already: seed once, then add records one by one');
    const take = (kind: keyof typeof this.nextId, n: number): number => {
      const first = this.nextId[kind];
      this.nextId[kind] += n;
      return first;
    };
    return {
      users: take('user', counts.users),
      organizations: take('organization', counts.organizations),
      tickets: take('ticket', counts.tickets),
      comments: take('comment', counts.tickets),
    };
  }

  attachSeed(layout: SeedLayout): void {
    this.layout = layout;
    this.users.segment = layout.users;
    this.organizations.segment = layout.organizations;
    this.tickets.segment = layout.tickets;
  }

  // Users -----------------------------------------------------------------

  addUser(input: Partial<Omit<ZendeskUser, 'id'>> & { name: string }): ZendeskUser {
    const now = this.now();
    const user: ZendeskUser = {
      email: null,
      phone: null,
      organization_id: null,
      role: 'end-user',
      active: true,
      suspended: false,
      external_id: null,
      tags: [],
      time_zone: 'London',
      locale: 'en-GB',
      created_at_ms: now,
      updated_at_ms: now,
      ...input,
      id: this.nextId.user++,
    };
    this.users.put(user);
    return user;
  }

  updateUser(id: number, patch: Partial<Omit<ZendeskUser, 'id' | 'created_at_ms'>>): ZendeskUser {
    const current = this.users.get(id);
    if (!current) throw new Error(`No user ${id}`);
    const user = { ...current, ...patch, id, updated_at_ms: patch.updated_at_ms ?? this.stamp(current.updated_at_ms) };
    this.users.put(user);
    return user;
  }

  /** Deleted users stay readable with active: false and come through the user export once more. */
  deleteUser(id: number): ZendeskUser {
    return this.updateUser(id, { active: false });
  }

  getUser(id: number): ZendeskUser | undefined {
    return this.users.get(id);
  }

  findUserByEmail(email: string): ZendeskUser | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.overlay.values()) if (user.email?.toLowerCase() === wanted) return user;
    const seededId = /\.(\d+)@example\.com$/.exec(wanted);
    const index = seededId ? this.users.segmentIndex(Number(seededId[1])) : -1;
    if (index >= 0 && this.users.pristine(index)) {
      const user = this.users.get(Number(seededId![1]))!;
      if (user.email === wanted) return user;
    }
    return undefined;
  }

  findUsersByPhone(phone: string): ZendeskUser[] {
    const found = [...this.users.overlay.values()].filter((u) => u.phone === phone);
    const index = seedIndexOfPhone(phone);
    const seg = this.users.segment;
    if (seg && index >= 0 && index < seg.count && this.users.pristine(index)) {
      const user = this.users.get(seg.base + index)!;
      if (user.phone === phone) found.push(user);
    }
    return found;
  }

  // Organizations ----------------------------------------------------------

  addOrganization(input: Partial<Omit<ZendeskOrganization, 'id'>> & { name: string }): ZendeskOrganization {
    const now = this.now();
    const org: ZendeskOrganization = {
      external_id: null,
      domain_names: [],
      tags: [],
      details: null,
      notes: null,
      created_at_ms: now,
      updated_at_ms: now,
      ...input,
      id: this.nextId.organization++,
    };
    this.organizations.put(org);
    return org;
  }

  updateOrganization(id: number, patch: Partial<Omit<ZendeskOrganization, 'id' | 'created_at_ms'>>): ZendeskOrganization {
    const current = this.organizations.get(id);
    if (!current) throw new Error(`No organization ${id}`);
    const org = { ...current, ...patch, id, updated_at_ms: patch.updated_at_ms ?? this.stamp(current.updated_at_ms) };
    this.organizations.put(org);
    return org;
  }

  getOrganization(id: number): ZendeskOrganization | undefined {
    return this.organizations.get(id);
  }

  // Tickets ----------------------------------------------------------------

  /** Includes deleted tickets (status `deleted`), which the API itself answers 404 for. */
  getTicket(id: number): ZendeskTicket | undefined {
    return this.tickets.get(id);
  }

  /** What search filters on, without building the strings of a seeded ticket. */
  ticketFacts(id: number): TicketFacts | undefined {
    const held = this.tickets.overlay.get(id);
    if (held) return held;
    const index = this.tickets.segmentIndex(id);
    return index >= 0 ? deriveTicketFacts(this.layout!, index) : undefined;
  }

  addTicket(input: NewTicket): ZendeskTicket {
    const requester = this.users.get(input.requester_id);
    if (!requester) throw new Error(`No requester ${input.requester_id}`);
    const created = input.created_at_ms ?? this.now();
    const isPublic = input.comment.public ?? true;
    const ticket: ZendeskTicket = {
      id: this.nextId.ticket++,
      subject: input.subject ?? null,
      description: input.comment.body,
      status: input.status ?? (input.assignee_id ? 'open' : 'new'),
      priority: input.priority ?? null,
      type: input.type ?? null,
      requester_id: requester.id,
      submitter_id: input.submitter_id ?? input.comment.author_id ?? requester.id,
      organization_id: input.organization_id !== undefined ? input.organization_id : requester.organization_id,
      assignee_id: input.assignee_id ?? null,
      group_id: input.group_id ?? null,
      tags: [...new Set(input.tags ?? [])],
      custom_fields: input.custom_fields ?? [],
      external_id: input.external_id ?? null,
      due_at_ms: null,
      via: input.via ?? viaApi(),
      comment_public: isPublic,
      created_at_ms: created,
      updated_at_ms: created,
    };
    this.tickets.put(ticket);
    this.pushComment(ticket, { ...input.comment, public: isPublic, author_id: input.comment.author_id ?? ticket.submitter_id }, created);
    return ticket;
  }

  /** Applies `patch` and, if given, appends `comment`; moves updated_at to a later second. */
  updateTicket(id: number, patch: TicketPatch, comment?: NewComment): ZendeskTicket {
    const current = this.tickets.get(id);
    if (!current) throw new Error(`No ticket ${id}`);
    const updated = this.stamp(current.updated_at_ms);
    const ticket: ZendeskTicket = { ...current, ...patch, id, updated_at_ms: updated };
    if (patch.tags) ticket.tags = [...new Set(patch.tags)];
    if (patch.custom_fields) {
      const merged = new Map(current.custom_fields.map((f) => [f.id, f]));
      for (const field of patch.custom_fields) merged.set(field.id, field);
      ticket.custom_fields = [...merged.values()];
    }
    if (comment && comment.public !== undefined) ticket.comment_public = comment.public;
    this.tickets.put(ticket);
    if (comment) this.pushComment(ticket, { ...comment, public: comment.public ?? current.comment_public }, updated);
    return ticket;
  }

  /** Deleted tickets come through the ticket export with status `deleted`. */
  deleteTicket(id: number): ZendeskTicket {
    return this.updateTicket(id, { status: 'deleted' });
  }

  private pushComment(ticket: ZendeskTicket, comment: NewComment, at: number): ZendeskComment {
    const stored: ZendeskComment = {
      id: this.nextId.comment++,
      ticket_id: ticket.id,
      type: comment.type ?? 'Comment',
      body: comment.body,
      html_body: comment.html_body ?? htmlOf(comment.body),
      public: comment.public ?? true,
      author_id: comment.author_id ?? ticket.requester_id,
      via: comment.via ?? ticket.via,
      data: comment.data ?? null,
      created_at_ms: at,
    };
    const list = this.addedComments.get(ticket.id) ?? [];
    list.push(stored);
    this.addedComments.set(ticket.id, list);
    this.counts.commentsAdded += 1;
    return stored;
  }

  /** A ticket's comments, oldest first (a seeded ticket's first comment is derived). */
  comments(ticketId: number): ZendeskComment[] {
    const index = this.tickets.segmentIndex(ticketId);
    const first = index >= 0 ? [deriveFirstComment(this.layout!, index)] : [];
    return [...first, ...(this.addedComments.get(ticketId) ?? [])];
  }

  voiceComments(ticketId: number): ZendeskComment[] {
    return this.comments(ticketId).filter((c) => c.type === 'VoiceComment');
  }

  recordVoiceTicket(id: number): void {
    this.voiceTicketIds.push(id);
    this.counts.voiceTicketCreates += 1;
  }

  /** Tickets created through the Talk Partner Edition endpoint, in creation order. */
  voiceTickets(): ZendeskTicket[] {
    return this.voiceTicketIds.map((id) => this.tickets.get(id)!);
  }

  /** Counts tickets passing `test` (every ticket, deleted ones included; callers filter). */
  scanTickets(test: (facts: TicketFacts) => boolean): number {
    let n = 0;
    const seg = this.tickets.segment;
    if (seg && this.layout) {
      for (let i = 0; i < seg.count; i++) if (seg.overridden[i] === 0 && test(deriveTicketFacts(this.layout, i))) n++;
    }
    for (const ticket of this.tickets.overlay.values()) if (test(ticket)) n++;
    return n;
  }

  /** Counts users passing `test` (every user, deleted ones included; callers filter). */
  scanUsers(test: (user: ZendeskUser) => boolean): number {
    let n = 0;
    const seg = this.users.segment;
    if (seg && this.layout) {
      for (let i = 0; i < seg.count; i++) if (seg.overridden[i] === 0 && test(deriveUser(this.layout, i))) n++;
    }
    for (const user of this.users.overlay.values()) if (test(user)) n++;
    return n;
  }

  // Idempotency --------------------------------------------------------------

  /** Drops keys past their expiry ("Keys expire after two hours"). */
  pruneIdempotency(): void {
    const now = this.now();
    for (const [key, entry] of this.idempotency) if (entry.expiresAt <= now) this.idempotency.delete(key);
  }
}
