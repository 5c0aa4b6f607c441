import { isoSeconds } from './model';
import { errors, requireScope, type ApiContext, type Reply } from './http';

/**
 * Tickets › Count Tickets (`GET /api/v2/tickets/count`, "Allowed For: Agents") and Users › Count
 * Users (`GET /api/v2/users/count`, "Allowed For: Admins, Agents and Light Agents"): `{ count: {
 * value, refreshed_at } }`. Zendesk's count is "approximate" and, above 100,000, "updated every 24
 * hours", with `refreshed_at` null while it is recounted; the emulator's is exact and counted at
 * each request (deleted tickets and deleted users left out), which a client must treat as the
 * approximate figure it stands for. Count Users' `role` and `permission_set` filters are not
 * implemented: any query parameter is refused with a 400 that says so.
 */

function countReply(ctx: ApiContext, resource: 'tickets' | 'users', value: () => number): Reply {
  requireScope(ctx, resource, 'read');
  if (ctx.principal?.user.role === 'end-user') throw errors.forbidden();
  const unsupported = [...ctx.url.searchParams.keys()];
  if (unsupported.length > 0)
    throw errors.badRequestText(`The emulator does not implement ${unsupported.join(', ')} on the ${resource} count`);
  return { status: 200, body: { count: { value: value(), refreshed_at: isoSeconds(ctx.state.now()) } } };
}

export function countTickets(ctx: ApiContext): Reply {
  return countReply(ctx, 'tickets', () => ctx.state.scanTickets((t) => t.status !== 'deleted'));
}

export function countUsers(ctx: ApiContext): Reply {
  return countReply(ctx, 'users', () => ctx.state.scanUsers((u) => u.active));
}
