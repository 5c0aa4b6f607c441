import {
  PRIORITIES,
  TICKET_TYPES,
  commentJson,
  isoSeconds,
  ticketJson,
  type CustomFieldValue,
  type Priority,
  type TicketStatus,
  type TicketType,
  type TicketVia,
  type VoiceCommentData,
  type ZendeskComment,
  type ZendeskTicket,
} from './model';
import {
  ZendeskHttpError,
  canonicalJson,
  errors,
  intParam,
  readJsonObject,
  requireAdmin,
  requireScope,
  type ApiContext,
  type Reply,
} from './http';
import { GROUP_IDS } from './seed';
import type { NewComment, TicketPatch } from './state';

/**
 * Zendesk Support API › Tickets (Create Ticket, Update Ticket, Show Ticket), › Ticket Comments
 * (List Comments) and › Talk Partner Edition API (Create Ticket or Voicemail Ticket).
 */

/** Introduction › Idempotency: "Keys expire after two hours." */
export const IDEMPOTENCY_TTL_MS = 2 * 3_600_000;
const SETTABLE_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
/** Talk Partner Edition via ids: 44 voicemail, 45 inbound call, 46 outbound call. */
const VOICE_VIA: Record<number, string> = { 44: 'voicemail', 45: 'inbound', 46: 'outbound' };
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

type Details = Record<string, { description: string; error: string }[]>;

interface ParsedTicket {
  patch: TicketPatch;
  comment: NewComment | null;
  requesterEmail: { email: string; name: string } | null;
  safeUpdate: boolean;
  updatedStamp: string | null;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const label = (field: string): string => field[0]!.toUpperCase() + field.slice(1).replace(/_id$/, '').replace(/_/g, ' ');

/** Reads a ticket object, collecting what Zendesk would refuse with 422 RecordInvalid. Unknown keys are ignored, as Zendesk ignores them. */
function parseTicket(ctx: ApiContext, raw: Record<string, unknown>): { parsed: ParsedTicket; details: Details } {
  const details: Details = {};
  const fail = (field: string, description = `${label(field)}: is invalid`, error = 'InvalidValue'): void => {
    (details[field] ??= []).push({ description, error });
  };
  const { state } = ctx;
  const patch: TicketPatch = {};
  if ('subject' in raw) {
    if (raw.subject === null || typeof raw.subject === 'string') patch.subject = raw.subject;
    else fail('subject');
  }
  if ('status' in raw) {
    if (SETTABLE_STATUSES.includes(raw.status as TicketStatus)) patch.status = raw.status as TicketStatus;
    else fail('status');
  }
  if ('priority' in raw) {
    if (raw.priority === null || PRIORITIES.includes(raw.priority as Priority)) patch.priority = raw.priority as Priority | null;
    else fail('priority');
  }
  if ('type' in raw) {
    if (raw.type === null || TICKET_TYPES.includes(raw.type as TicketType)) patch.type = raw.type as TicketType | null;
    else fail('type');
  }
  if ('requester_id' in raw) {
    if (isInt(raw.requester_id) && state.getUser(raw.requester_id)?.active) patch.requester_id = raw.requester_id;
    else fail('requester_id', 'Requester: is invalid');
  }
  let requesterEmail: ParsedTicket['requesterEmail'] = null;
  if ('requester' in raw) {
    const r = raw.requester as { email?: unknown; name?: unknown } | null;
    if (r && typeof r === 'object' && typeof r.email === 'string' && EMAIL.test(r.email)) {
      requesterEmail = { email: r.email, name: typeof r.name === 'string' && r.name.trim() ? r.name : r.email.split('@')[0]! };
    } else fail('requester', 'Requester: Email is invalid');
  }
  if ('assignee_id' in raw) {
    const agent = isInt(raw.assignee_id) ? state.getUser(raw.assignee_id) : undefined;
    if (raw.assignee_id === null) patch.assignee_id = null;
    else if (agent && agent.active && agent.role !== 'end-user') patch.assignee_id = agent.id;
    else fail('assignee_id', 'Assignee: is invalid');
  }
  if ('group_id' in raw) {
    if (raw.group_id === null || GROUP_IDS.includes(raw.group_id as number)) patch.group_id = raw.group_id as number | null;
    else fail('group_id', 'Group: is invalid');
  }
  if ('organization_id' in raw) {
    if (raw.organization_id === null || (isInt(raw.organization_id) && state.getOrganization(raw.organization_id))) {
      patch.organization_id = raw.organization_id;
    } else fail('organization_id', 'Organization: is invalid');
  }
  if ('tags' in raw) {
    if (Array.isArray(raw.tags) && raw.tags.every((t) => typeof t === 'string' && t.trim() !== '')) patch.tags = raw.tags as string[];
    else fail('tags');
  }
  if ('custom_fields' in raw) {
    const fields = raw.custom_fields;
    if (Array.isArray(fields) && fields.every((f) => f && typeof f === 'object' && isInt((f as { id?: unknown }).id) && 'value' in f)) {
      patch.custom_fields = (fields as CustomFieldValue[]).map((f) => ({ id: f.id, value: f.value }));
    } else fail('custom_fields');
  }
  if ('external_id' in raw) {
    if (raw.external_id === null || typeof raw.external_id === 'string') patch.external_id = raw.external_id;
    else fail('external_id');
  }
  if ('due_at' in raw) {
    const due = raw.due_at === null ? null : typeof raw.due_at === 'string' ? Date.parse(raw.due_at) : Number.NaN;
    if (due === null || !Number.isNaN(due)) patch.due_at_ms = due;
    else fail('due_at');
  }
  let comment: NewComment | null = null;
  if ('comment' in raw && raw.comment !== null) {
    const c = raw.comment as { body?: unknown; html_body?: unknown; public?: unknown; author_id?: unknown };
    const body = typeof c?.body === 'string' ? c.body : typeof c?.html_body === 'string' ? c.html_body.replace(/<[^>]*>/g, '') : '';
    if (!c || typeof c !== 'object' || body.trim() === '') fail('comment', 'Comment: cannot be blank', 'BlankValue');
    else if ('public' in c && typeof c.public !== 'boolean') fail('comment', 'Comment: public is invalid');
    else if ('author_id' in c && !(isInt(c.author_id) && state.getUser(c.author_id))) fail('comment', 'Comment: author is invalid');
    else {
      comment = { body, ...(typeof c.html_body === 'string' ? { html_body: c.html_body } : {}) };
      if (typeof c.public === 'boolean') comment.public = c.public;
      if (isInt(c.author_id)) comment.author_id = c.author_id;
    }
  }
  const safeUpdate = raw.safe_update === true || raw.safe_update === 'true';
  const updatedStamp = typeof raw.updated_stamp === 'string' ? raw.updated_stamp : null;
  return { parsed: { patch, comment, requesterEmail, safeUpdate, updatedStamp }, details };
}

function audit(ticket: ZendeskTicket, authorId: number, comment: NewComment | null, at: number): Record<string, unknown> {
  const events: Record<string, unknown>[] = [];
  if (comment) events.push({ type: 'Comment', body: comment.body, public: comment.public ?? ticket.comment_public, author_id: authorId });
  events.push({ type: 'Change', field_name: 'status', value: ticket.status });
  return {
    ticket_id: ticket.id,
    created_at: isoSeconds(at),
    author_id: authorId,
    via: ticket.via,
    metadata: { system: {}, custom: {} },
    events,
  };
}

function liveTicket(ctx: ApiContext, rawId: string): ZendeskTicket {
  const ticket = /^\d{1,15}$/.test(rawId) ? ctx.state.getTicket(Number(rawId)) : undefined;
  if (!ticket || ticket.status === 'deleted') throw errors.recordNotFound();
  return ticket;
}

/** Resolves `requester: {email, name}` to a user, adding an end user as Zendesk does for an unknown email. */
function requesterFor(ctx: ApiContext, parsed: ParsedTicket): number {
  if (parsed.patch.requester_id !== undefined) return parsed.patch.requester_id;
  if (parsed.requesterEmail) {
    const known = ctx.state.findUserByEmail(parsed.requesterEmail.email);
    return (known ?? ctx.state.addUser({ name: parsed.requesterEmail.name, email: parsed.requesterEmail.email })).id;
  }
  return ctx.principal!.user.id;
}

/** Tickets › Create Ticket. "The only required property is comment." */
export async function createTicket(ctx: ApiContext): Promise<Reply> {
  requireScope(ctx, 'tickets', 'write');
  const body = await readJsonObject(ctx);
  const key = ctx.headers['idempotency-key'];
  if (typeof key === 'string') {
    if (key.length === 0 || key.length > 255) throw errors.invalidValue('Idempotency-Key must be 1 to 255 characters', 400);
    ctx.state.pruneIdempotency();
    const stored = ctx.state.idempotency.get(key);
    if (stored) {
      // Same key and same body: the response cached under the key, marked as a replay.
      if (stored.fingerprint === canonicalJson(body)) {
        return {
          status: stored.status,
          body: JSON.parse(stored.body) as unknown,
          headers: { ...stored.headers, 'x-idempotency-lookup': 'hit' },
        };
      }
      throw new ZendeskHttpError(400, {
        error: 'IdempotentRequestError',
        description: "Request parameters don't match the given idempotency key",
      });
    }
  }
  const raw = body.ticket ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw errors.badRequestText('Bad Request: ticket must be an object');
  const { parsed, details } = parseTicket(ctx, raw as Record<string, unknown>);
  if (!parsed.comment && !details.comment) details.base = [{ description: 'Description: cannot be blank', error: 'BlankValue' }];
  if (Object.keys(details).length > 0) throw errors.recordInvalid(details);
  const author = parsed.comment!.author_id ?? ctx.principal!.user.id;
  const ticket = ctx.state.addTicket({
    ...parsed.patch,
    subject: parsed.patch.subject ?? null,
    requester_id: requesterFor(ctx, parsed),
    submitter_id: author,
    status: parsed.patch.status as Exclude<TicketStatus, 'deleted'> | undefined,
    comment: { ...parsed.comment!, author_id: author },
  });
  ctx.state.counts.ticketCreates += 1;
  const headers: Record<string, string> = { location: `${ctx.baseUrl}/api/v2/tickets/${ticket.id}.json` };
  const reply = { ticket: ticketJson(ticket, ctx.baseUrl), audit: audit(ticket, author, parsed.comment, ticket.created_at_ms) };
  if (typeof key === 'string') {
    const now = ctx.state.now();
    ctx.state.idempotency.set(key, {
      key,
      fingerprint: canonicalJson(body),
      status: 201,
      body: JSON.stringify(reply),
      headers,
      ticketId: ticket.id,
      createdAt: now,
      expiresAt: now + IDEMPOTENCY_TTL_MS,
    });
    return { status: 201, body: reply, headers: { ...headers, 'x-idempotency-lookup': 'miss' } };
  }
  return { status: 201, body: reply, headers };
}

/** Ticket is "closed" → nothing may change it (it is reopened only by a follow-up ticket). */
const CLOSED = (): ZendeskHttpError =>
  errors.recordInvalid({ status: [{ description: 'closed prevents ticket update', error: 'InvalidValue' }] });

/**
 * Tickets › Update Ticket, with Protecting against ticket update collisions: `safe_update: true`
 * plus `updated_stamp` (the ticket's updated_at as read) applies only if the ticket's updated_at
 * still equals the stamp; otherwise 409 Conflict.
 */
export async function updateTicket(ctx: ApiContext): Promise<Reply> {
  requireScope(ctx, 'tickets', 'write');
  const current = liveTicket(ctx, ctx.params[0]!);
  const body = await readJsonObject(ctx);
  const raw = body.ticket;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw errors.badRequestText('Bad Request: ticket must be an object');
  if (current.status === 'closed') throw CLOSED();
  const { parsed, details } = parseTicket(ctx, raw as Record<string, unknown>);
  if (parsed.requesterEmail)
    details.requester = [{ description: 'Requester: use requester_id to change the requester', error: 'InvalidValue' }];
  if (Object.keys(details).length > 0) throw errors.recordInvalid(details);
  if (parsed.safeUpdate) {
    const stamp = parsed.updatedStamp === null ? Number.NaN : Date.parse(parsed.updatedStamp);
    const forced = ctx.faults.take('conflict', ctx.method, ctx.url.pathname) !== null;
    if (forced || Number.isNaN(stamp) || Math.floor(stamp / 1000) !== Math.floor(current.updated_at_ms / 1000)) {
      throw new ZendeskHttpError(409, {
        error: 'UpdateConflict',
        description: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
      });
    }
  }
  const author = parsed.comment?.author_id ?? ctx.principal!.user.id;
  const ticket = ctx.state.updateTicket(current.id, parsed.patch, parsed.comment ? { ...parsed.comment, author_id: author } : undefined);
  ctx.state.counts.ticketUpdates += 1;
  return {
    status: 200,
    body: { ticket: ticketJson(ticket, ctx.baseUrl), audit: audit(ticket, author, parsed.comment, ticket.updated_at_ms) },
  };
}

/** Tickets › Show Ticket. Deleted tickets are gone from the API (404) but stay in the export. */
export function showTicket(ctx: ApiContext): Reply {
  requireScope(ctx, 'tickets', 'read');
  return { status: 200, body: { ticket: ticketJson(liveTicket(ctx, ctx.params[0]!), ctx.baseUrl) } };
}

/**
 * Ticket Comments › List Comments: oldest first by default; offset pages (`page`, `per_page`,
 * `sort_order`) or cursor pages (`page[size]`, `page[after]`, `sort`); at most 100 per page.
 */
export function listComments(ctx: ApiContext): Reply {
  requireScope(ctx, 'tickets', 'read');
  const ticket = liveTicket(ctx, ctx.params[0]!);
  const url = ctx.url;
  let comments: ZendeskComment[] = ctx.state.comments(ticket.id);
  const cursorMode = url.searchParams.has('page[size]') || url.searchParams.has('page[after]');
  const self = `${ctx.baseUrl}/api/v2/tickets/${ticket.id}/comments.json`;
  if (cursorMode) {
    const sort = url.searchParams.get('sort') ?? 'created_at';
    if (sort !== 'created_at' && sort !== '-created_at') throw errors.invalidValue('sort must be created_at or -created_at', 400);
    if (sort === '-created_at') comments = [...comments].reverse();
    const size = intParam(url, 'page[size]', 100, 1, 100);
    const after = url.searchParams.get('page[after]');
    let start = 0;
    if (after !== null) {
      const at = comments.findIndex((c) => Buffer.from(String(c.id)).toString('base64url') === after);
      if (at < 0) throw errors.invalidValue('Invalid page[after] cursor', 400);
      start = at + 1;
    }
    const page = comments.slice(start, start + size);
    const hasMore = start + size < comments.length;
    const afterCursor = page.length ? Buffer.from(String(page.at(-1)!.id)).toString('base64url') : null;
    const next = hasMore && afterCursor ? `${self}?page[size]=${size}&page[after]=${afterCursor}&sort=${sort}` : null;
    return {
      status: 200,
      body: {
        comments: page.map(commentJson),
        meta: {
          has_more: hasMore,
          after_cursor: afterCursor,
          before_cursor: page.length ? Buffer.from(String(page[0]!.id)).toString('base64url') : null,
        },
        links: { prev: null, next },
      },
    };
  }
  const sortOrder = url.searchParams.get('sort_order') ?? 'asc';
  if (sortOrder !== 'asc' && sortOrder !== 'desc') throw errors.invalidValue('sort_order must be asc or desc', 400);
  if (sortOrder === 'desc') comments = [...comments].reverse();
  const perPage = intParam(url, 'per_page', 100, 1, 100);
  const page = intParam(url, 'page', 1, 1, 1_000_000);
  const slice = comments.slice((page - 1) * perPage, page * perPage);
  const link = (n: number): string => `${self}?page=${n}&per_page=${perPage}&sort_order=${sortOrder}`;
  return {
    status: 200,
    body: {
      comments: slice.map(commentJson),
      next_page: page * perPage < comments.length ? link(page + 1) : null,
      previous_page: page > 1 ? link(page - 1) : null,
      count: comments.length,
    },
  };
}

function parseVoiceComment(ctx: ApiContext, raw: unknown, details: Details): VoiceCommentData | null {
  const v = raw as Record<string, unknown> | null;
  const bad = (field: string): void => {
    (details.voice_comment ??= []).push({ description: `Voice comment: ${field} is invalid`, error: 'InvalidValue' });
  };
  if (!v || typeof v !== 'object' || Array.isArray(v)) return (bad('voice_comment'), null);
  for (const field of ['from', 'to', 'recording_url'] as const) if (typeof v[field] !== 'string' || v[field] === '') bad(field);
  if (typeof v.started_at !== 'string' || Number.isNaN(Date.parse(v.started_at))) bad('started_at');
  if (typeof v.call_duration !== 'number' || !Number.isInteger(v.call_duration) || v.call_duration < 0) bad('call_duration');
  if (!isInt(v.answered_by_id) || !ctx.state.getUser(v.answered_by_id)) bad('answered_by_id');
  for (const field of ['transcription_text', 'location'] as const) if (field in v && typeof v[field] !== 'string') bad(field);
  if (details.voice_comment) return null;
  return {
    from: v.from as string,
    to: v.to as string,
    recording_url: v.recording_url as string,
    started_at: v.started_at as string,
    call_duration: v.call_duration as number,
    answered_by_id: v.answered_by_id as number,
    ...(typeof v.transcription_text === 'string' ? { transcription_text: v.transcription_text } : {}),
    ...(typeof v.location === 'string' ? { location: v.location } : {}),
  };
}

function voiceBody(data: VoiceCommentData, rel: string): string {
  const lines = [
    `Call from: ${data.from}`,
    `Call to: ${data.to}`,
    `Time of call: ${data.started_at}`,
    `Length of phone call: ${data.call_duration} seconds`,
  ];
  if (rel !== 'voicemail') lines.push(`Answered by: ${data.answered_by_id}`);
  if (data.location) lines.push(`Location: ${data.location}`);
  if (data.transcription_text) lines.push(`Transcription: ${data.transcription_text}`);
  return lines.join('\n');
}

/**
 * Talk Partner Edition API › Create Ticket or Voicemail Ticket. "Talk Partner Edition is required to
 * use this API": off → 403. Follows Create Ticket, plus a mandatory via_id (44, 45 or 46), an
 * optional display_to_agent (validated first: 422 if invalid) and an optional voice_comment.
 */
export async function createVoiceTicket(ctx: ApiContext): Promise<Reply> {
  if (!ctx.settings.talkPartnerEdition) throw errors.forbidden();
  requireScope(ctx, 'tickets', 'write');
  const body = await readJsonObject(ctx);
  if ('display_to_agent' in body) {
    const agent = isInt(body.display_to_agent) ? ctx.state.getUser(body.display_to_agent) : undefined;
    if (!agent || agent.role === 'end-user')
      throw errors.recordInvalid({ display_to_agent: [{ description: 'Display to agent: is invalid', error: 'InvalidValue' }] });
  }
  const raw = body.ticket;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw errors.badRequestText('Bad Request: ticket must be an object');
  const fields = raw as Record<string, unknown>;
  const { parsed, details } = parseTicket(ctx, fields);
  const rel = VOICE_VIA[fields.via_id as number];
  if (!rel)
    details.via_id = [{ description: 'Via: must be 44 (voicemail), 45 (inbound call) or 46 (outbound call)', error: 'InvalidValue' }];
  const voice = 'voice_comment' in fields ? parseVoiceComment(ctx, fields.voice_comment, details) : null;
  const description = typeof fields.description === 'string' && fields.description.trim() ? fields.description : null;
  if (!parsed.comment && !voice && !description && !details.comment && !details.voice_comment) {
    details.base = [{ description: 'Description: cannot be blank', error: 'BlankValue' }];
  }
  if (Object.keys(details).length > 0) throw errors.recordInvalid(details);
  const via: TicketVia = {
    channel: 'voice',
    source: { from: voice ? { phone: voice.from } : {}, to: voice ? { phone: voice.to } : {}, rel: rel! },
  };
  const author = parsed.comment?.author_id ?? ctx.principal!.user.id;
  const voiceComment: NewComment | null = voice
    ? { body: voiceBody(voice, rel!), type: 'VoiceComment', data: voice, author_id: author, public: false, via }
    : null;
  const first: NewComment = parsed.comment
    ? { ...parsed.comment, author_id: author, via }
    : (voiceComment ?? { body: description!, author_id: author, via });
  let ticket = ctx.state.addTicket({
    ...parsed.patch,
    subject: parsed.patch.subject ?? null,
    requester_id: requesterFor(ctx, parsed),
    submitter_id: author,
    status: parsed.patch.status as Exclude<TicketStatus, 'deleted'> | undefined,
    comment: first,
    via,
  });
  if (voiceComment && first !== voiceComment) ticket = ctx.state.updateTicket(ticket.id, {}, voiceComment);
  ctx.state.recordVoiceTicket(ticket.id);
  return {
    status: 201,
    body: { ticket: ticketJson(ticket, ctx.baseUrl) },
    headers: { location: `${ctx.baseUrl}/api/v2/tickets/${ticket.id}.json` },
  };
}

/**
 * Tickets › Delete Ticket: 204 No Content ("Allowed For: Admins, agents with permission to delete
 * tickets": admins only here, the stricter reading). The ticket is gone from the API (404) and
 * comes through the ticket export with status `deleted`.
 */
export function deleteTicket(ctx: ApiContext): Reply {
  requireAdmin(ctx);
  requireScope(ctx, 'tickets', 'write');
  const ticket = liveTicket(ctx, ctx.params[0]!);
  ctx.state.deleteTicket(ticket.id);
  return { status: 204, body: '' };
}

/**
 * Tickets › List Tickets with `external_id` ("External ids don't have to be unique for each
 * ticket … the request may return multiple tickets"), oldest first, offset pages of at most 100.
 * Listing every ticket is what the incremental export is for; without `external_id` the emulator
 * refuses with a 400 that says so.
 */
export function listTickets(ctx: ApiContext): Reply {
  requireScope(ctx, 'tickets', 'read');
  if (ctx.principal?.user.role === 'end-user') throw errors.forbidden();
  const externalId = ctx.url.searchParams.get('external_id');
  if (externalId === null || externalId === '') {
    throw errors.invalidValue(
      'The Zendesk emulator implements List Tickets only with external_id (see tools/crm-emulators/zendesk/README.md)',
      400,
    );
  }
  const perPage = intParam(ctx.url, 'per_page', 100, 1, 100);
  const page = intParam(ctx.url, 'page', 1, 1, 1_000_000);
  const found = [...ctx.state.tickets.overlay.values()]
    .filter((t) => t.external_id === externalId && t.status !== 'deleted')
    .sort((a, b) => a.id - b.id);
  const self = `${ctx.baseUrl}/api/v2/tickets.json`;
  const link = (n: number): string =>
    `${self}?${new URLSearchParams({ external_id: externalId, page: String(n), per_page: String(perPage) })}`;
  return {
    status: 200,
    body: {
      tickets: found.slice((page - 1) * perPage, page * perPage).map((t) => ticketJson(t, ctx.baseUrl)),
      next_page: page * perPage < found.length ? link(page + 1) : null,
      previous_page: page > 1 ? link(page - 1) : null,
      count: found.length,
    },
  };
}
