import { anonymousUserJson, organizationJson, ticketJson, userJson, type ZendeskTicket, type ZendeskUser } from './model';
import { errors, idList, intParam, requireAdmin, requireScope, type ApiContext, type Reply } from './http';
import type { Position, Table } from './state';

/**
 * Read endpoints a connector syncs with: the probe, the two cursor-based
 * incremental exports and the show_many lookups.
 */

/** "The time must be more than one minute in the past … [exports] will not return data for the most recent minute." */
export const EXPORT_LAG_MS = 60_000;
const PER_PAGE_MAX = 1000;

/**
 * Zendesk's cursors are opaque base64 ("MTU3NjYxMzUzOS4wfHw0Njd8" is "1576613539.0||467|"). Ours
 * keep that shape and add which export and which emulator run issued them, so a cursor from
 * another export or an earlier run is refused instead of silently starting somewhere else.
 */
export function encodeCursor(kind: string, instance: string, pos: Position): string {
  return Buffer.from(`${(pos.t / 1000).toFixed(3)}||${pos.id}|${kind}.${instance}`, 'utf8').toString('base64');
}

export function decodeCursor(kind: string, instance: string, cursor: string): Position | null {
  if (!/^[A-Za-z0-9+/]{1,200}={0,2}$/.test(cursor)) return null;
  const match = /^(\d{1,13}\.\d{3})\|\|(-?\d{1,15})\|([a-z_]+)\.([0-9a-f]{8})$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match || match[3] !== kind || match[4] !== instance) return null;
  return { t: Math.round(Number(match[1]) * 1000), id: Number(match[2]) };
}

/** Users › Show the Currently Authenticated User: "Allowed For: Anonymous users" (no credentials → an anonymous user, 200). */
export function showMe(ctx: ApiContext): Reply {
  if (!ctx.principal) return { status: 200, body: { user: anonymousUserJson() } };
  return { status: 200, body: { user: userJson(ctx.principal.user, ctx.baseUrl) } };
}

interface ExportSpec<T extends { id: number; created_at_ms: number; updated_at_ms: number }> {
  kind: 'tickets' | 'users';
  table: Table<T>;
  render: (record: T) => Record<string, unknown>;
  keep?: (record: T) => boolean;
}

/**
 * Incremental Exports › Incremental Ticket Export, Cursor Based / Incremental User Export, Cursor
 * Based. `start_time` on the first request only, `cursor` after; per_page up to 1,000 (default
 * 1,000); rows in (updated_at, id) order; nothing from the most recent minute; `after_cursor` is
 * given on every page, end_of_stream included, so the next export resumes from it.
 */
function cursorExport<T extends { id: number; created_at_ms: number; updated_at_ms: number }>(
  ctx: ApiContext,
  instance: string,
  spec: ExportSpec<T>,
  extra: (rows: T[]) => Record<string, unknown> = () => ({}),
): Reply {
  requireAdmin(ctx);
  requireScope(ctx, spec.kind, 'read');
  const url = ctx.url;
  const perPage = intParam(url, 'per_page', PER_PAGE_MAX, 1, PER_PAGE_MAX);
  const cursor = url.searchParams.get('cursor');
  const startTime = url.searchParams.get('start_time');
  const now = ctx.state.now();
  let from: Position;
  let initial = false;
  if (cursor !== null && cursor !== '') {
    const decoded = decodeCursor(spec.kind, instance, cursor);
    if (!decoded) throw errors.invalidValue('Invalid cursor');
    from = decoded;
  } else if (startTime !== null && startTime !== '') {
    if (!/^\d{1,12}$/.test(startTime)) throw errors.invalidValue('start_time must be a Unix epoch time in seconds');
    const startMs = Number(startTime) * 1000;
    if (startMs > now - EXPORT_LAG_MS) throw errors.invalidValue('Too recent start_time. Use a start_time older than one minute');
    from = { t: startMs, id: -1 };
    initial = true;
  } else {
    throw errors.invalidValue('start_time is required on the initial export request');
  }
  const cutoff = now - EXPORT_LAG_MS;
  const rows: T[] = [];
  let last = from;
  let endOfStream = true;
  const positions = spec.table.walk('updated', 1, from);
  for (let step = positions.next(); !step.done; step = positions.next()) {
    const pos = step.value;
    if (pos.t > cutoff) break;
    if (rows.length === perPage) {
      endOfStream = false;
      break;
    }
    last = pos;
    const record = spec.table.get(pos.id)!;
    if (!spec.keep || spec.keep(record)) rows.push(record);
  }
  const afterCursor = encodeCursor(spec.kind, instance, last);
  const query = (c: string): string => {
    const q = new URLSearchParams({ cursor: c });
    if (url.searchParams.has('per_page')) q.set('per_page', String(perPage));
    if (url.searchParams.get('exclude_deleted') === 'true') q.set('exclude_deleted', 'true');
    return `${ctx.baseUrl}/api/v2/incremental/${spec.kind}/cursor.json?${q.toString()}`;
  };
  return {
    status: 200,
    body: {
      [spec.kind]: rows.map(spec.render),
      ...extra(rows),
      after_cursor: afterCursor,
      after_url: query(afterCursor),
      // The emulator only pages forward: before_cursor reads again from where this page began.
      before_cursor: initial ? null : cursor,
      before_url: initial ? null : query(cursor!),
      end_of_stream: endOfStream,
    },
  };
}

export function incrementalTickets(ctx: ApiContext, instance: string): Reply {
  const excludeDeleted = ctx.url.searchParams.get('exclude_deleted') === 'true';
  return cursorExport<ZendeskTicket>(ctx, instance, {
    kind: 'tickets',
    table: ctx.state.tickets,
    render: (t) => ticketJson(t, ctx.baseUrl),
    keep: excludeDeleted ? (t) => t.status !== 'deleted' : undefined,
  });
}

/** Sideloading (`include=organizations`) is the documented way to get users' organizations along with them. */
export function incrementalUsers(ctx: ApiContext, instance: string): Reply {
  const include = (ctx.url.searchParams.get('include') ?? '').split(',').map((s) => s.trim());
  return cursorExport<ZendeskUser>(
    ctx,
    instance,
    { kind: 'users', table: ctx.state.users, render: (u) => userJson(u, ctx.baseUrl) },
    (rows) => {
      if (!include.includes('organizations')) return {};
      const ids = [...new Set(rows.map((u) => u.organization_id).filter((id): id is number => id !== null))];
      const orgs = ids.map((id) => ctx.state.getOrganization(id)).filter((o) => o !== undefined);
      return { organizations: orgs.map((o) => organizationJson(o, ctx.baseUrl)) };
    },
  );
}

/** Users › Show Many Users: "a comma-separated list of up to 100 user ids". Unknown ids are left out. */
export function showManyUsers(ctx: ApiContext): Reply {
  requireScope(ctx, 'users', 'read');
  const users = idList(ctx.url)
    .map((id) => ctx.state.getUser(id))
    .filter((u) => u !== undefined);
  return {
    status: 200,
    body: { users: users.map((u) => userJson(u, ctx.baseUrl)), next_page: null, previous_page: null, count: users.length },
  };
}

/**
 * Organizations › Show Many Organizations (up to 100 ids). Chosen over the Incremental Organization
 * Export to name a user's company: that export is time-based only (no cursor), shares the 10/minute
 * incremental budget and returns every organization, where a screen pop needs the few its users name.
 */
export function showManyOrganizations(ctx: ApiContext): Reply {
  requireScope(ctx, 'organizations', 'read');
  const orgs = idList(ctx.url)
    .map((id) => ctx.state.getOrganization(id))
    .filter((o) => o !== undefined);
  return {
    status: 200,
    body: { organizations: orgs.map((o) => organizationJson(o, ctx.baseUrl)), next_page: null, previous_page: null, count: orgs.length },
  };
}
