import {
  PRIORITIES,
  STATUS_ORDER,
  TICKET_TYPES,
  organizationJson,
  ticketJson,
  userJson,
  type ZendeskOrganization,
  type ZendeskUser,
} from './model';
import { ZendeskHttpError, errors, intParam, requireScope, type ApiContext, type Reply } from './http';
import type { TicketFacts } from './seed';
import type { Order, Position } from './state';

/**
 * Zendesk Support API › Search: List Search Results (offset pages, at most 1,000 results per query,
 * 100 per page) and Export Search Results (cursor pages of up to 1,000, ordered by created_at,
 * `filter[type]` required), for "open tickets first" before the full history is synced.
 *
 * The query language here is a subset: `type:`, and `keyword:value`, `keyword<value`,
 * `keyword>value` (with `-` to negate) for the keywords listed in MATCHERS. Anything else, free
 * text included, is refused with a 400 that says the emulator does not implement it: an emulator
 * that silently ignored a term would answer more than Zendesk does.
 */

type SearchType = 'ticket' | 'user' | 'organization';
type Op = ':' | '<' | '>';
interface Term {
  key: string;
  op: Op;
  value: string;
  negate: boolean;
}

const SEARCH_MAX_RESULTS = 1000;
const SEARCH_PER_PAGE_MAX = 100;
const EXPORT_PAGE_MAX = 1000;
/** "The cursor specified by the after_cursor property in a response expires after one hour." */
const EXPORT_CURSOR_TTL_MS = 3_600_000;

const unsupported = (what: string): Error =>
  errors.searchInvalid(`The Zendesk emulator does not implement ${what} (see tools/crm-emulators/zendesk/README.md)`);

export function parseQuery(query: string): { type: SearchType | null; terms: Term[] } {
  let type: SearchType | null = null;
  const terms: Term[] = [];
  for (const token of query.match(/-?[a-z_]+[:<>]"[^"]*"|\S+/g) ?? []) {
    const match = /^(-?)([a-z_]+)([:<>])(.+)$/.exec(token);
    if (!match) throw unsupported(`free-text search terms ("${token.slice(0, 40)}")`);
    const [, negate, key, op, raw] = match as unknown as [string, string, string, Op, string];
    const value = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
    if (key === 'type') {
      if (op !== ':' || negate || !['ticket', 'user', 'organization'].includes(value)) throw unsupported(`the search term "${token}"`);
      type = value as SearchType;
      continue;
    }
    terms.push({ key, op, value, negate: negate === '-' });
  }
  return { type, terms };
}

function compareOrdered(list: readonly string[], actual: string | null, term: Term): boolean {
  const want = list.indexOf(term.value);
  if (want < 0) throw errors.searchInvalid(`Invalid value for ${term.key}: ${term.value}`);
  if (actual === null) return false;
  const have = list.indexOf(actual);
  return term.op === ':' ? have === want : term.op === '<' ? have < want : have > want;
}

/** `created:2024-05-01` is that UTC day; `<`/`>` compare with its start. */
function compareDate(ms: number, term: Term): boolean {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(term.value);
  const at = Date.parse(day ? `${term.value}T00:00:00Z` : term.value);
  if (Number.isNaN(at)) throw errors.searchInvalid(`Invalid date for ${term.key}: ${term.value}`);
  if (term.op === ':') return day ? ms >= at && ms < at + 86_400_000 : Math.floor(ms / 1000) === Math.floor(at / 1000);
  return term.op === '<' ? ms < at : ms >= (day ? at + 86_400_000 : at + 1000);
}

function equalsOnly(term: Term): void {
  if (term.op !== ':') throw unsupported(`"${term.key}${term.op}"`);
}

/** An id, "none", or (for user keywords) an email resolved to a user. */
function idOrNone(ctx: ApiContext, term: Term, actual: number | null, byEmail: boolean): boolean {
  equalsOnly(term);
  if (term.value === 'none') return actual === null;
  if (/^\d+$/.test(term.value)) return actual === Number(term.value);
  if (byEmail && term.value.includes('@')) return actual !== null && actual === ctx.state.findUserByEmail(term.value)?.id;
  throw unsupported(`"${term.key}:${term.value}" (use an id${byEmail ? ' or an email' : ''})`);
}

function textMatch(actual: string | null, term: Term): boolean {
  equalsOnly(term);
  if (actual === null) return false;
  const want = term.value.toLowerCase();
  const have = actual.toLowerCase();
  return want.endsWith('*') ? have.startsWith(want.slice(0, -1)) : have === want;
}

type Matcher<F> = (ctx: ApiContext, facts: F, term: Term) => boolean;

const TICKET_MATCHERS: Record<string, Matcher<TicketFacts>> = {
  status: (_c, f, t) => compareOrdered(STATUS_ORDER, f.status === 'deleted' ? null : f.status, t),
  priority: (_c, f, t) => compareOrdered(PRIORITIES, f.priority, t),
  ticket_type: (_c, f, t) => (equalsOnly(t), TICKET_TYPES.includes(t.value as never) ? f.type === t.value : false),
  requester: (c, f, t) => idOrNone(c, t, f.requester_id, true),
  assignee: (c, f, t) => idOrNone(c, t, f.assignee_id, true),
  organization: (c, f, t) => idOrNone(c, t, f.organization_id, false),
  group: (c, f, t) => idOrNone(c, t, f.group_id, false),
  tags: (_c, f, t) => (equalsOnly(t), f.tags.includes(t.value)),
  created: (_c, f, t) => compareDate(f.created_at_ms, t),
  updated: (_c, f, t) => compareDate(f.updated_at_ms, t),
};
TICKET_MATCHERS.tag = TICKET_MATCHERS.tags!;

const USER_MATCHERS: Record<string, Matcher<ZendeskUser>> = {
  phone: (_c, u, t) => (equalsOnly(t), u.phone === t.value),
  email: (_c, u, t) => textMatch(u.email, t),
  name: (_c, u, t) => textMatch(u.name, t),
  role: (_c, u, t) => (equalsOnly(t), u.role === t.value),
  organization: (c, u, t) => idOrNone(c, t, u.organization_id, false),
  external_id: (_c, u, t) => (equalsOnly(t), u.external_id === t.value),
  tags: (_c, u, t) => (equalsOnly(t), u.tags.includes(t.value)),
  created: (_c, u, t) => compareDate(u.created_at_ms, t),
  updated: (_c, u, t) => compareDate(u.updated_at_ms, t),
};

const ORG_MATCHERS: Record<string, Matcher<ZendeskOrganization>> = {
  name: (_c, o, t) => textMatch(o.name, t),
  external_id: (_c, o, t) => (equalsOnly(t), o.external_id === t.value),
  created: (_c, o, t) => compareDate(o.created_at_ms, t),
  updated: (_c, o, t) => compareDate(o.updated_at_ms, t),
};

interface Searchable {
  order(order: Order, direction: 1 | -1, from: Position | null): Generator<Position>;
  /** False when search does not find the record (deleted, inactive, or not indexed yet). */
  visible(id: number): boolean;
  matches(id: number): boolean;
  count(): number;
  render(id: number): Record<string, unknown>;
}

function searchable(ctx: ApiContext, type: SearchType, terms: Term[]): Searchable {
  const { state } = ctx;
  const indexedBefore = state.now() - ctx.settings.searchIndexLagSec * 1000;
  const check = <F>(matchers: Record<string, Matcher<F>>, facts: F): boolean =>
    terms.every((term) => {
      const matcher = matchers[term.key];
      if (!matcher) throw unsupported(`the keyword "${term.key}" for type:${type}`);
      return matcher(ctx, facts, term) !== term.negate;
    });
  if (type === 'ticket') {
    const visible = (f: TicketFacts): boolean => f.status !== 'deleted' && f.created_at_ms <= indexedBefore;
    return {
      order: (o, d, f) => state.tickets.walk(o, d, f),
      visible: (id) => visible(state.ticketFacts(id)!),
      matches: (id) => check(TICKET_MATCHERS, state.ticketFacts(id)!),
      count: () => state.scanTickets((f) => visible(f) && check(TICKET_MATCHERS, f)),
      render: (id) => ({ ...ticketJson(state.getTicket(id)!, ctx.baseUrl), result_type: 'ticket' }),
    };
  }
  const table = type === 'user' ? state.users : state.organizations;
  const record = (id: number): ZendeskUser | ZendeskOrganization => table.get(id)!;
  const visible = (id: number): boolean => {
    const r = record(id);
    return r.created_at_ms <= indexedBefore && (!('active' in r) || r.active);
  };
  const matches = (id: number): boolean =>
    type === 'user' ? check(USER_MATCHERS, record(id) as ZendeskUser) : check(ORG_MATCHERS, record(id) as ZendeskOrganization);
  return {
    order: (o, d, f) => table.walk(o, d, f),
    visible,
    matches,
    count: () => {
      let n = 0;
      for (const pos of table.walk('updated', 1, null)) if (visible(pos.id) && matches(pos.id)) n++;
      return n;
    },
    render: (id) =>
      type === 'user'
        ? { ...userJson(record(id) as ZendeskUser, ctx.baseUrl), result_type: 'user' }
        : { ...organizationJson(record(id) as ZendeskOrganization, ctx.baseUrl), result_type: 'organization' },
  };
}

function scopeFor(type: SearchType): string {
  return type === 'ticket' ? 'tickets' : type === 'user' ? 'users' : 'organizations';
}

/** Search › List Search Results. */
export function listSearchResults(ctx: ApiContext): Reply {
  const url = ctx.url;
  if ([...url.searchParams.keys()].some((k) => k.startsWith('page['))) {
    // Offset pagination only: Zendesk refuses cursor parameters here with this body.
    throw new ZendeskHttpError(400, {
      error: {
        title: 'Invalid attribute',
        message: 'You passed an invalid value for the page attribute. Invalid parameter: page must be an integer from api/v2/search/index',
      },
    });
  }
  const query = url.searchParams.get('query');
  if (!query) throw errors.searchInvalid('query is required');
  const { type, terms } = parseQuery(query);
  if (!type) throw unsupported('searches without a type: term');
  requireScope(ctx, scopeFor(type), 'read');
  const perPage = intParam(url, 'per_page', SEARCH_PER_PAGE_MAX, 1, SEARCH_PER_PAGE_MAX);
  const page = intParam(url, 'page', 1, 1, 1_000_000);
  if (page * perPage > SEARCH_MAX_RESULTS) {
    throw errors.searchInvalid('Invalid search: Requested response size was greater than Search Response Limits', 422);
  }
  const sortBy = url.searchParams.get('sort_by');
  if (sortBy !== null && sortBy !== 'updated_at' && sortBy !== 'created_at') throw unsupported(`sort_by=${sortBy}`);
  const sortOrder = url.searchParams.get('sort_order') ?? 'desc';
  if (sortOrder !== 'asc' && sortOrder !== 'desc') throw errors.searchInvalid('sort_order must be asc or desc');
  const target = searchable(ctx, type, terms);
  // "Defaults to sorting by relevance": relevance is Zendesk's own; the emulator ranks by updated_at.
  const walk = target.order(sortBy === 'created_at' ? 'created' : 'updated', sortOrder === 'asc' ? 1 : -1, null);
  const skip = (page - 1) * perPage;
  const results: Record<string, unknown>[] = [];
  let seen = 0;
  for (const pos of walk) {
    if (!target.visible(pos.id) || !target.matches(pos.id)) continue;
    seen++;
    if (seen > skip) results.push(target.render(pos.id));
    if (results.length === perPage) break;
  }
  const count = target.count();
  const pageUrl = (n: number): string => {
    const q = new URLSearchParams(url.searchParams);
    q.set('page', String(n));
    return `${ctx.baseUrl}/api/v2/search.json?${q.toString()}`;
  };
  return {
    status: 200,
    body: {
      results,
      facets: null,
      next_page: page * perPage < Math.min(count, SEARCH_MAX_RESULTS) ? pageUrl(page + 1) : null,
      previous_page: page > 1 ? pageUrl(page - 1) : null,
      count,
    },
  };
}

function exportCursor(type: SearchType, instance: string, pos: Position, issuedAt: number): string {
  return Buffer.from(`${pos.t}|${pos.id}|${type}|${instance}|${issuedAt}`, 'utf8').toString('base64url');
}

/** Search › Export Search Results. */
export function exportSearchResults(ctx: ApiContext, instance: string): Reply {
  const url = ctx.url;
  const query = url.searchParams.get('query');
  if (!query) throw errors.searchInvalid('query is required');
  const filterType = url.searchParams.get('filter[type]');
  if (filterType === null) throw errors.searchInvalid('filter[type] is required');
  if (filterType === 'group') throw unsupported('filter[type]=group');
  if (filterType !== 'ticket' && filterType !== 'user' && filterType !== 'organization') {
    throw errors.searchInvalid('filter[type] must be ticket, organization, user or group');
  }
  const { type, terms } = parseQuery(query);
  // "Searches with type in the query string will result in an error."
  if (type !== null) throw errors.searchInvalid('Specify the type with filter[type], not in the query');
  requireScope(ctx, scopeFor(filterType), 'read');
  const size = intParam(url, 'page[size]', 100, 1, EXPORT_PAGE_MAX);
  const now = ctx.state.now();
  let from: Position | null = null;
  const after = url.searchParams.get('page[after]');
  if (after !== null) {
    const match = /^(-?\d{1,15})\|(-?\d{1,15})\|([a-z]+)\|([0-9a-f]{8})\|(\d{1,15})$/.exec(
      Buffer.from(after, 'base64url').toString('utf8'),
    );
    if (!match || match[3] !== filterType || match[4] !== instance) throw errors.searchInvalid('Invalid cursor');
    if (now - Number(match[5]) > EXPORT_CURSOR_TTL_MS) throw errors.searchInvalid('The cursor has expired');
    from = { t: Number(match[1]), id: Number(match[2]) };
  }
  const target = searchable(ctx, filterType, terms);
  const results: Record<string, unknown>[] = [];
  let last: Position | null = null;
  let hasMore = false;
  // "The result set is ordered only by the created_at attribute."
  for (const pos of target.order('created', 1, from)) {
    if (!target.visible(pos.id) || !target.matches(pos.id)) continue;
    if (results.length === size) {
      hasMore = true;
      break;
    }
    results.push(target.render(pos.id));
    last = pos;
  }
  const afterCursor = last ? exportCursor(filterType, instance, last, now) : null;
  let next: string | null = null;
  if (hasMore && afterCursor) {
    const q = new URLSearchParams(url.searchParams);
    q.set('page[after]', afterCursor);
    next = `${ctx.baseUrl}/api/v2/search/export.json?${q.toString()}`;
  }
  return {
    status: 200,
    body: {
      results,
      facets: null,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: null },
      links: { prev: null, next },
    },
  };
}
