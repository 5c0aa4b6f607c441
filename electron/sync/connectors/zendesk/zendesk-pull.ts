import type { PulledCase, PulledCustomer } from '../../../../shared/store/types';
import { formatByteLimit } from '../../../../shared/sync/limits';
import { userText } from '../../../../shared/text/user-text';
import { SourceError, type PullKind, type PullPage, type PullRequest } from '../../case-source';
import type { HttpResponse } from '../../http-client';
import {
  countEnvelope,
  organizationsEnvelope,
  searchExportPage,
  ticketExportPage,
  userExportPage,
  usersEnvelope,
  type ZdTicket,
  type ZdUser,
} from './zendesk-api';
import {
  HISTORY_NOT_STARTED,
  HISTORY_START,
  decodeCursor,
  encodeCursor,
  stageOf,
  usableSearchCursor,
  type FeedCursor,
  type HistoryProgress,
} from './zendesk-cursor';
import type { ZendeskHttp } from './zendesk-http';
import { CUSTOMER_ID_PREFIX, caseIdOf, customerIdOf, isGoneUser, toPulledCase, toPulledCustomer } from './zendesk-mapping';

/**
 * The two pull feeds, phase by phase (the design is in zendesk-source.ts, "open tickets first").
 *
 * Requests, by reference section:
 * - Zendesk Support API › Search › Export Search Results: `GET /api/v2/search/export.json` with
 *   `query=status<solved`, `filter[type]=ticket` ("You must specify the type in the filter[type]
 *   parameter"), `page[size]` (at most 1000) and `page[after]` (the previous `meta.after_cursor`).
 * - Zendesk Support API › Users › Show Many Users: `GET /api/v2/users/show_many.json?ids=…`,
 *   "a comma-separated list of up to 100 user ids".
 * - Zendesk Support API › Organizations › Show Many Organizations: `…/organizations/show_many.json?ids=…`,
 *   up to 100 ids, for the open phase's users; the user export sideloads them instead
 *   (`include=organizations`, Side-loading › Users). Names are cached: thousands of users share a few.
 * - Zendesk Support API › Incremental Exports › Incremental User Export, Cursor Based and
 *   Incremental Ticket Export, Cursor Based: `GET /api/v2/incremental/{users,tickets}/cursor.json`
 *   with `start_time` for the first request and `cursor` (the previous `after_cursor`) after it;
 *   `end_of_stream` says whether there is more. Deleted tickets come with status "deleted";
 *   deleted users with `active: false`.
 * - Zendesk Support API › Users › Count Users and Tickets › Count Tickets:
 *   `GET /api/v2/{users,tickets}/count.json`, "an approximate count", refreshed every 24 hours
 *   above 100,000 and `refreshed_at` null (the value then held at 100,000) while it is recounted.
 *   Asked once, after the first page of the history, only for the status strip's "N of ≈M": the
 *   exports give no total. A count that fails or is being recounted is no total, never a failed pull.
 */

const SHOW_MANY_MAX = 100;
const PAGE_MAX = 1000;
/** Bounded caches: a long-running desktop must not grow without end on a large account. */
const ORG_CACHE_MAX = 20_000;
const USER_CACHE_MAX = 500_000;

export interface PullerOptions {
  http: ZendeskHttp;
  defaultRegion: string;
  maxPageBytes: number;
  now: () => number;
}

/** The position after a page, what the pull engine needs of it, and where the feed then stands. */
type NextPosition = Pick<PullPage<unknown>, 'nextCursor' | 'hasMore' | 'stage'>;

function next(cursor: FeedCursor, hasMore: boolean): NextPosition {
  return { nextCursor: encodeCursor(cursor), hasMore, stage: stageOf(cursor) };
}

interface OpenPage {
  tickets: ZdTicket[];
  hasMore: boolean;
  after: string | null;
}

export class ZendeskPuller {
  private readonly orgNames = new Map<number, string | null>();
  /** Zendesk users whose Switchboard id is a desktop's UUID (their external id says so). */
  private readonly localUsers = new Map<number, string>();
  /** Zendesk users known to be `zd-user-<id>`: no lookup needed for their tickets. */
  private readonly plainUsers = new Set<number>();

  constructor(private readonly options: PullerOptions) {}

  /** A user seen anywhere (pulled, created, updated): its tickets can be mapped without asking Zendesk. */
  remember(user: Pick<ZdUser, 'id' | 'external_id'>): void {
    const id = customerIdOf(user);
    if (id === `${CUSTOMER_ID_PREFIX}${user.id}`) {
      if (this.plainUsers.size >= USER_CACHE_MAX) this.plainUsers.clear();
      this.plainUsers.add(user.id);
      this.localUsers.delete(user.id);
    } else {
      if (this.localUsers.size >= USER_CACHE_MAX) this.localUsers.clear();
      this.localUsers.set(user.id, id);
      this.plainUsers.delete(user.id);
    }
  }

  async customers(request: PullRequest): Promise<PullPage<PulledCustomer>> {
    const cursor = decodeCursor(request.cursor, 'customers');
    if (cursor.phase === 'open') {
      const open = await this.openTickets(cursor, request, 'customers');
      const ids = [...new Set(open.tickets.map((t) => t.requester_id).filter((id): id is number => id !== null))];
      const users = await this.showManyUsers(ids, request.signal);
      return { ...(await this.customerPage(users, request.signal)), ...this.afterOpen(open), total: null };
    }
    const res = await this.exportPage('users', cursor, request);
    const page = this.options.http.parse(res, userExportPage, 'userExportPage');
    this.cacheOrganizations(page.organizations);
    const rows = await this.customerPage(page.users, request.signal);
    return { ...rows, ...(await this.afterExport('users', cursor, page, page.users, request.signal)), total: null };
  }

  async cases(request: PullRequest): Promise<PullPage<PulledCase>> {
    const cursor = decodeCursor(request.cursor, 'cases');
    if (cursor.phase === 'open') {
      const open = await this.openTickets(cursor, request, 'cases');
      return { ...(await this.casePage(open.tickets, request.signal)), ...this.afterOpen(open), total: null };
    }
    const res = await this.exportPage('tickets', cursor, request);
    const page = this.options.http.parse(res, ticketExportPage, 'ticketExportPage');
    const rows = await this.casePage(page.tickets, request.signal);
    return { ...rows, ...(await this.afterExport('tickets', cursor, page, page.tickets, request.signal)), total: null };
  }

  /** The Switchboard customer id of each requester; users not seen yet are looked up, 100 at a time. */
  async customerIds(userIds: number[], signal?: AbortSignal): Promise<Map<number, string>> {
    const unknown = userIds.filter((id) => !this.plainUsers.has(id) && !this.localUsers.has(id));
    if (unknown.length > 0) {
      const found = await this.showManyUsers([...new Set(unknown)], signal);
      for (const user of found) this.remember(user);
    }
    return new Map(userIds.map((id) => [id, this.localUsers.get(id) ?? `${CUSTOMER_ID_PREFIX}${id}`]));
  }

  async showManyUsers(ids: number[], signal?: AbortSignal): Promise<ZdUser[]> {
    const users: ZdUser[] = [];
    for (let i = 0; i < ids.length; i += SHOW_MANY_MAX) {
      const chunk = ids.slice(i, i + SHOW_MANY_MAX);
      const res = await this.options.http.send('GET', '/api/v2/users/show_many.json', { query: { ids: chunk.join(',') }, signal });
      this.options.http.failUnlessOk(res, 'users');
      users.push(...this.options.http.parse(res, usersEnvelope, 'userList').users);
    }
    return users;
  }

  // ------------------------------------------------------------------ pages

  private async customerPage(users: ZdUser[], signal?: AbortSignal): Promise<{ items: PulledCustomer[]; deleted: string[] }> {
    const live = users.filter((u) => !isGoneUser(u));
    const orgIds = [...new Set(live.map((u) => u.organization_id).filter((id): id is number => id !== null))];
    await this.loadOrganizations(orgIds, signal);
    const items: PulledCustomer[] = [];
    const deleted: string[] = [];
    for (const user of users) {
      this.remember(user);
      if (isGoneUser(user)) deleted.push(customerIdOf(user));
      else {
        const company = user.organization_id === null ? null : (this.orgNames.get(user.organization_id) ?? null);
        items.push(toPulledCustomer(user, company, this.options.defaultRegion));
      }
    }
    return { items, deleted };
  }

  private async casePage(tickets: ZdTicket[], signal?: AbortSignal): Promise<{ items: PulledCase[]; deleted: string[] }> {
    const requesters = tickets.map((t) => t.requester_id).filter((id): id is number => id !== null);
    const customers = await this.customerIds(requesters, signal);
    const items: PulledCase[] = [];
    const deleted: string[] = [];
    for (const ticket of tickets) {
      const customerId = ticket.requester_id === null ? `${CUSTOMER_ID_PREFIX}unknown` : customers.get(ticket.requester_id)!;
      const mapped = toPulledCase(ticket, customerId);
      if (mapped === null) deleted.push(caseIdOf(ticket));
      else items.push(mapped);
    }
    return { items, deleted };
  }

  private cacheOrganizations(organizations: { id: number; name: string }[]): void {
    if (this.orgNames.size + organizations.length > ORG_CACHE_MAX) this.orgNames.clear();
    for (const org of organizations) this.orgNames.set(org.id, org.name.trim() || null);
  }

  private async loadOrganizations(ids: number[], signal?: AbortSignal): Promise<void> {
    const missing = ids.filter((id) => !this.orgNames.has(id));
    if (missing.length === 0) return;
    if (this.orgNames.size + missing.length > ORG_CACHE_MAX) this.orgNames.clear();
    for (let i = 0; i < missing.length; i += SHOW_MANY_MAX) {
      const chunk = missing.slice(i, i + SHOW_MANY_MAX);
      const res = await this.options.http.send('GET', '/api/v2/organizations/show_many.json', { query: { ids: chunk.join(',') }, signal });
      this.options.http.failUnlessOk(res, 'organizations');
      const { organizations } = this.options.http.parse(res, organizationsEnvelope, 'organizationList');
      // An organization not returned (deleted) is remembered as none, so it is not asked for on every page.
      for (const id of chunk) this.orgNames.set(id, null);
      this.cacheOrganizations(organizations);
    }
  }

  // ------------------------------------------------------------------ phases

  private afterOpen(open: OpenPage): NextPosition {
    if (open.hasMore && open.after !== null) return next({ phase: 'open', search: open.after, searchAt: this.options.now() }, true);
    // The open phase is done: this pull round ends here, so the other feed's open phase runs before any history.
    return next({ phase: 'history', after: null, start: HISTORY_START, progress: HISTORY_NOT_STARTED }, false);
  }

  private async afterExport(
    what: 'users' | 'tickets',
    cursor: Extract<FeedCursor, { phase: 'history' }>,
    page: { after_cursor: string | null; end_of_stream: boolean },
    records: readonly { updated_at: string }[],
    signal?: AbortSignal,
  ): Promise<NextPosition> {
    // Zendesk's cursor is kept even at the end of the stream: the next pull asks what changed after it.
    const after = page.after_cursor ?? cursor.after;
    const progress = await this.historyProgress(what, cursor.progress, page.end_of_stream, records, signal);
    return next({ phase: 'history', after, start: cursor.start, progress }, !page.end_of_stream);
  }

  /** How far the history has got after this page; once it reached the end of the stream, that stays. */
  private async historyProgress(
    what: 'users' | 'tickets',
    before: HistoryProgress,
    endOfStream: boolean,
    records: readonly { updated_at: string }[],
    signal?: AbortSignal,
  ): Promise<HistoryProgress> {
    if (before.complete) return before;
    let reachedAt = before.reachedAt;
    for (const record of records) {
      const at = Date.parse(record.updated_at);
      if (reachedAt === null || at > reachedAt) reachedAt = at;
    }
    const firstOfMany = before.done === 0 && before.total === null && !endOfStream;
    const total = firstOfMany ? await this.approximateCount(what, signal) : before.total;
    return { done: before.done + records.length, total, reachedAt, complete: endOfStream };
  }

  /** Zendesk's approximate number of users or tickets (see the header); null when it has none to give now. */
  private async approximateCount(what: 'users' | 'tickets', signal?: AbortSignal): Promise<number | null> {
    try {
      const res = await this.options.http.send('GET', `/api/v2/${what}/count.json`, { signal });
      if (res.status !== 200) return null;
      const { count } = this.options.http.parse(res, countEnvelope, what === 'users' ? 'usersCount' : 'ticketsCount');
      return count.refreshed_at === null ? null : count.value;
    } catch (error) {
      if (signal?.aborted || (error instanceof SourceError && error.kind === 'aborted')) throw error;
      return null;
    }
  }

  /** One page of the Search export of unsolved tickets; a search cursor Zendesk no longer takes starts the phase again. */
  private async openTickets(cursor: Extract<FeedCursor, { phase: 'open' }>, request: PullRequest, kind: PullKind): Promise<OpenPage> {
    const after = usableSearchCursor(cursor, this.options.now());
    let res = await this.searchExport(after, request, kind);
    if (after !== null && res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 403 && res.status !== 429) {
      res = await this.searchExport(null, request, kind);
    }
    this.options.http.failUnlessOk(res, kind === 'cases' ? 'openTickets' : 'openTicketRequesters');
    const page = this.options.http.parse(res, searchExportPage, 'searchExportPage');
    return { tickets: page.results, hasMore: page.meta.has_more, after: page.meta.after_cursor };
  }

  private searchExport(after: string | null, request: PullRequest, kind: PullKind): Promise<HttpResponse> {
    return this.pageRequest(kind, request, '/api/v2/search/export.json', {
      query: 'status<solved',
      'filter[type]': 'ticket',
      'page[size]': Math.min(request.limit, PAGE_MAX),
      'page[after]': after ?? undefined,
    });
  }

  private async exportPage(
    what: 'users' | 'tickets',
    cursor: Extract<FeedCursor, { phase: 'history' }>,
    request: PullRequest,
  ): Promise<HttpResponse> {
    const kind: PullKind = what === 'users' ? 'customers' : 'cases';
    const position = cursor.after === null ? { start_time: cursor.start } : { cursor: cursor.after };
    // Users sideloads: the page's organizations come with it, so their names need no request of their own.
    const query = { ...position, per_page: Math.min(request.limit, PAGE_MAX), ...(what === 'users' ? { include: 'organizations' } : {}) };
    const res = await this.pageRequest(kind, request, `/api/v2/incremental/${what}/cursor.json`, query, true);
    if (cursor.after !== null && (res.status === 400 || res.status === 404 || res.status === 410 || res.status === 422)) {
      // Zendesk no longer takes this export cursor (the account was restored, or the cursor is corrupt): start the feed again.
      throw new SourceError(
        'cursor-invalid',
        'cursor-invalid',
        userText('sync.error.positionRefused', { host: this.options.http.host, kind: userText(`sync.subject.${kind}`) }),
        {
          status: res.status,
        },
      );
    }
    this.options.http.failUnlessOk(res, what === 'users' ? 'usersExport' : 'ticketsExport');
    return res;
  }

  /** A page request: too large an answer becomes `page-too-large`, which the pull engine answers with fewer rows. */
  private async pageRequest(
    kind: PullKind,
    request: PullRequest,
    path: string,
    query: Record<string, string | number | undefined>,
    paced = false,
  ): Promise<HttpResponse> {
    try {
      return await this.options.http.send('GET', path, { query, signal: request.signal, maxBytes: this.options.maxPageBytes, paced });
    } catch (error) {
      if (error instanceof SourceError && error.code === 'too-large') {
        throw new SourceError(
          'protocol',
          'page-too-large',
          userText('sync.error.pageTooLarge', {
            host: this.options.http.host,
            kind: userText(`sync.subject.${kind}`),
            limit: formatByteLimit(this.options.maxPageBytes),
            count: request.limit,
          }),
        );
      }
      throw error;
    }
  }
}
