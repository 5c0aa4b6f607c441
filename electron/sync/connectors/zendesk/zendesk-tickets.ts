import { englishOf, userText, type UserText } from '../../../../shared/text/user-text';
import { SourceError, type PushOutcome } from '../../case-source';
import type { HttpResponse } from '../../http-client';
import { subject, type Subject } from '../../sync-text-error';
import {
  commentsEnvelope,
  ticketEnvelope,
  ticketsEnvelope,
  userEnvelope,
  usersEnvelope,
  type ZdComment,
  type ZdTicket,
  type ZdUser,
} from './zendesk-api';
import { describeZendeskError, type ZendeskHttp } from './zendesk-http';
import {
  CASE_ID_PREFIX,
  CUSTOMER_ID_PREFIX,
  EXTERNAL_CASE_PREFIX,
  EXTERNAL_CUSTOMER_PREFIX,
  isLocalId,
  stampOf,
  versionOf,
  zendeskIdOf,
} from './zendesk-mapping';
import { hasMarker } from './zendesk-notes';

/**
 * Reading and writing tickets for pushes: finding the ticket behind a Switchboard id, writing a
 * marked comment once, and remembering which ticket versions Switchboard's own writes produced.
 *
 * Requests, by reference section (Zendesk Support API):
 * - Tickets › Show Ticket `GET /api/v2/tickets/{id}.json`; Tickets › List Tickets with
 *   `external_id` ("the request may return multiple tickets with the same external id");
 * - Ticket Comments › List Comments `GET /api/v2/tickets/{id}/comments.json`, with cursor
 *   pagination `page[size]=100` and `sort=-created_at` (newest first);
 * - Tickets › Update Ticket `PUT /api/v2/tickets/{id}.json` with `safe_update: true` and
 *   `updated_stamp` (Tickets › Protecting against ticket update collisions: a ticket changed since
 *   that stamp answers 409 and nothing is changed);
 * - Users › Show User, Show Many Users with `external_ids`.
 */

/** A ticket update as Zendesk takes it (`ticket` in Update Ticket); `comment` is added by writeOnce. */
export type TicketUpdate = Record<string, unknown>;

const RECENT_COMMENTS = 100;
const SAFE_WRITE_ATTEMPTS = 3;
const OWN_WRITES_MAX = 10_000;

export class TicketDesk {
  /** ticket id → (version before one of our writes → version after it). */
  private readonly ownWrites = new Map<number, Map<number, number>>();
  /** A desktop's case UUID → its ticket, as created in this run (saves a lookup per call filed under it). */
  private readonly localCases = new Map<string, number>();
  /** `ticket|marker` → the version a marked write was based on, while whether it went in is unknown (its answer was lost). */
  private readonly unanswered = new Map<string, number>();

  constructor(private readonly http: ZendeskHttp) {}

  rememberCase(caseId: string, ticketId: number): void {
    if (this.localCases.size >= OWN_WRITES_MAX) this.localCases.clear();
    this.localCases.set(caseId.toLowerCase(), ticketId);
  }

  /** The Zendesk ticket id of a Switchboard case id: `zd-ticket-N`, or a desktop's case found by its external id. */
  async ticketIdOf(caseId: string, signal?: AbortSignal): Promise<number | null> {
    const direct = zendeskIdOf(caseId, CASE_ID_PREFIX);
    if (direct !== null) return direct;
    if (!isLocalId(caseId)) return null;
    const known = this.localCases.get(caseId.toLowerCase());
    if (known !== undefined) return known;
    const found = await this.findByExternalId(`${EXTERNAL_CASE_PREFIX}${caseId.toLowerCase()}`, signal);
    if (found) this.rememberCase(caseId, found.id);
    return found?.id ?? null;
  }

  /** The Zendesk user id of a Switchboard customer id, the same way. */
  async userIdOf(customerId: string, signal?: AbortSignal): Promise<number | null> {
    const direct = zendeskIdOf(customerId, CUSTOMER_ID_PREFIX);
    if (direct !== null) return direct;
    if (!isLocalId(customerId)) return null;
    const res = await this.http.send('GET', '/api/v2/users/show_many.json', {
      query: { external_ids: `${EXTERNAL_CUSTOMER_PREFIX}${customerId.toLowerCase()}` },
      signal,
    });
    this.readable(res, 'users');
    return this.http.parse(res, usersEnvelope, 'userList').users[0]?.id ?? null;
  }

  async findByExternalId(externalId: string, signal?: AbortSignal): Promise<ZdTicket | null> {
    const res = await this.http.send('GET', '/api/v2/tickets.json', { query: { external_id: externalId }, signal });
    this.readable(res, 'tickets');
    const { tickets } = this.http.parse(res, ticketsEnvelope, 'ticketList');
    // Several can share an external id; ours are made once, so the oldest is the one.
    return tickets.filter((t) => t.external_id?.toLowerCase() === externalId.toLowerCase()).sort((a, b) => a.id - b.id)[0] ?? null;
  }

  /** The ticket, or null when Zendesk has none by that id (deleted, merged away). */
  async get(ticketId: number, signal?: AbortSignal): Promise<ZdTicket | null> {
    const res = await this.http.send('GET', `/api/v2/tickets/${ticketId}.json`, { signal });
    if (res.status === 404) return null;
    this.readable(res, 'ticket');
    return this.http.parse(res, ticketEnvelope, 'ticket').ticket;
  }

  async getUser(userId: number, signal?: AbortSignal): Promise<ZdUser | null> {
    const res = await this.http.send('GET', `/api/v2/users/${userId}.json`, { signal });
    if (res.status === 404) return null;
    this.readable(res, 'user');
    return this.http.parse(res, userEnvelope, 'user').user;
  }

  async hasComment(ticketId: number, marker: string, signal?: AbortSignal): Promise<boolean> {
    return (await this.markedComment(ticketId, marker, signal)) !== null;
  }

  /** The newest of the ticket's recent comments that carries `marker`, or null. */
  private async markedComment(ticketId: number, marker: string, signal?: AbortSignal): Promise<ZdComment | null> {
    const res = await this.http.send('GET', `/api/v2/tickets/${ticketId}/comments.json`, {
      query: { 'page[size]': RECENT_COMMENTS, sort: '-created_at' },
      signal,
    });
    if (res.status === 404) return null;
    this.readable(res, 'ticketComments');
    return this.http.parse(res, commentsEnvelope, 'commentList').comments.find((c) => hasMarker([c], marker)) ?? null;
  }

  /**
   * Writes an update carrying a comment that ends in `marker`, unless a comment with that marker
   * is already on the ticket. `build` gets the ticket as it is now and whether the marker is there,
   * and answers the update (its `comment` is left out when the marker is there) or null for none.
   * Sent as a safe update on the version just read: if the ticket moves in between, it is read and
   * checked again, so a duplicate delivery of the same PUT (a retrying proxy) is refused by Zendesk
   * instead of adding a second comment.
   */
  async writeOnce(
    ticketId: number,
    marker: string,
    build: (ticket: ZdTicket, noted: boolean) => { update: TicketUpdate; comment: string | null } | null,
    signal?: AbortSignal,
  ): Promise<PushOutcome> {
    for (let attempt = 1; attempt <= SAFE_WRITE_ATTEMPTS; attempt += 1) {
      const ticket = await this.get(ticketId, signal);
      if (!ticket) return gone(ticketId);
      const mark = await this.markedComment(ticketId, marker, signal);
      const noted = mark !== null;
      if (mark) this.settleUnanswered(ticketId, marker, mark);
      const write = build(ticket, noted);
      // Written before (its answer lost, or an earlier row of the same record) and nothing else to change.
      if (write === null || (noted && Object.keys(write.update).length === 0)) return { kind: 'applied', version: null, replayed: noted };
      const body: TicketUpdate = { ...write.update };
      if (write.comment !== null && !noted) body.comment = { body: write.comment, public: false };
      const version = versionOf(ticket.updated_at);
      if (this.unanswered.size >= OWN_WRITES_MAX) this.unanswered.clear();
      this.unanswered.set(`${ticketId}|${marker}`, version);
      // A lost answer (reset, timeout) throws here and leaves the write unanswered: the next attempt finds out.
      const res = await this.put(ticketId, body, version, signal);
      this.unanswered.delete(`${ticketId}|${marker}`);
      if (res.status === 409) continue;
      const outcome = this.outcomeOf(res, ticketId, 'updateTicket');
      if (outcome.kind === 'applied') return { ...outcome, version: null, replayed: false };
      return outcome;
    }
    throw new SourceError('server', 'zendesk-busy', userText('sync.zendesk.ticketBusyWriting', { ticket: ticketId, host: this.http.host }));
  }

  /** A safe update (`safe_update` with `updated_stamp`) based on `version`; Switchboard's own resulting version is remembered. */
  async put(ticketId: number, update: TicketUpdate, version: number, signal?: AbortSignal): Promise<HttpResponse> {
    const res = await this.http.send('PUT', `/api/v2/tickets/${ticketId}.json`, {
      body: { ticket: { ...update, safe_update: true, updated_stamp: stampOf(version) } },
      signal,
    });
    if (res.status === 200) {
      const parsed = ticketEnvelope.safeParse(safeJson(res));
      if (parsed.success) this.rememberOwnWrite(ticketId, version, versionOf(parsed.data.ticket.updated_at));
    }
    return res;
  }

  /**
   * Whether the ticket got from `from` to `to` only through Switchboard's own writes (a call
   * comment, a wrap-up note): then a case edit based on `from` is not in conflict with anyone,
   * and goes on top of `to`. Remembered while the app runs; after a restart such an edit is
   * shown as a conflict once, which "keep mine" resolves.
   */
  ownPath(ticketId: number, from: number, to: number): boolean {
    const steps = this.ownWrites.get(ticketId);
    let at = from;
    for (let i = 0; steps && i < 50 && at !== to; i += 1) {
      const next = steps.get(at);
      if (next === undefined) return false;
      at = next;
    }
    return at === to;
  }

  /** 200 → applied; 404/403/422 and other refusals → rejected with Zendesk's words; account-level failures thrown. */
  outcomeOf(res: HttpResponse, ticketId: number | null, doing: Doing | UserText): PushOutcome {
    if (res.status === 200 || res.status === 201) {
      const parsed = ticketEnvelope.safeParse(safeJson(res));
      return { kind: 'applied', version: parsed.success ? versionOf(parsed.data.ticket.updated_at) : null, replayed: false };
    }
    this.http.failUnlessUsable(res, 'ticket');
    return rejection(res, this.http.host, doing, ticketId);
  }

  /**
   * A read for a push must be 200. A 403 is about this record (a ticket in a group the account may
   * not see), so it refuses the item instead of stopping sync as a pull's 403 does.
   */
  readable(res: HttpResponse, what: Subject): void {
    if (res.status === 403)
      throw new ItemRefused(rejection(res, this.http.host, userText('sync.zendeskRefusal.read', { what: subject(what) }), null));
    this.http.failUnlessOk(res, what);
  }

  /**
   * A marked write whose answer was lost went in after all (its marker is on the ticket): it took
   * the ticket from the version it was based on (a safe update applies to that version only) to
   * the one its comment was made at. Remembered as Switchboard's own, so a case edit queued behind
   * it is not shown to the agent as a conflict with Switchboard's own note (ownPath).
   */
  private settleUnanswered(ticketId: number, marker: string, comment: ZdComment): void {
    const key = `${ticketId}|${marker}`;
    const from = this.unanswered.get(key);
    if (from === undefined) return;
    this.unanswered.delete(key);
    const to = comment.created_at === null ? Number.NaN : versionOf(comment.created_at);
    if (Number.isFinite(to) && to > from) this.rememberOwnWrite(ticketId, from, to);
  }

  private rememberOwnWrite(ticketId: number, from: number, to: number): void {
    if (!this.ownWrites.has(ticketId) && this.ownWrites.size >= OWN_WRITES_MAX) this.ownWrites.clear();
    const steps = this.ownWrites.get(ticketId) ?? new Map<number, number>();
    steps.set(from, to);
    this.ownWrites.set(ticketId, steps);
  }
}

/** Thrown by a push's reads when Zendesk refuses this item for good; the pusher answers its outcome. */
export class ItemRefused extends Error {
  constructor(readonly outcome: PushOutcome) {
    super(outcome.kind === 'rejected' ? englishOf(outcome.message) : 'refused');
    this.name = 'ItemRefused';
  }
}

export function safeJson(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch {
    return null;
  }
}

export function gone(ticketId: number): PushOutcome {
  return {
    kind: 'rejected',
    code: 'zendesk-ticket-gone',
    message: userText('sync.zendeskRefusal.ticketGone', { ticket: ticketId }),
  };
}

/** What Switchboard was doing when Zendesk refused, as the refusal names it ("refused to change the ticket"). */
export type Doing = 'changeTicket' | 'updateTicket' | 'createTicket' | 'saveCustomer' | 'changeCustomer';

function whyRefused(status: number): UserText {
  if (status === 404) return userText('sync.zendeskRefusal.notFound');
  if (status === 403) return userText('sync.zendeskRefusal.notAllowed');
  if (status === 422) return userText('sync.zendeskRefusal.notAccepted');
  return userText('sync.zendeskRefusal.http', { status });
}

/** A refusal the agent or IT can act on: Zendesk's own error text (a value, as Zendesk wrote it) in a sentence. */
export function rejection(res: HttpResponse, host: string, doing: Doing | UserText, ticketId: number | null): PushOutcome {
  const detail = describeZendeskError(res.body);
  const values = {
    host,
    doing: typeof doing === 'string' ? userText(`sync.zendeskRefusal.${doing}`) : doing,
    why: whyRefused(res.status),
    ...(ticketId === null ? {} : { ticket: ticketId }),
    ...(detail ? { detail } : {}),
  };
  const key =
    ticketId === null
      ? detail
        ? 'sync.zendeskRefusal.refusedDetail'
        : 'sync.zendeskRefusal.refused'
      : detail
        ? 'sync.zendeskRefusal.refusedTicketDetail'
        : 'sync.zendeskRefusal.refusedTicket';
  return { kind: 'rejected', code: `http-${res.status}`, message: userText(key, values) };
}
