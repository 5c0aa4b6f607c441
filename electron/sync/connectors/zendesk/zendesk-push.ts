import type {
  Callback,
  Case,
  CaseStatus,
  Customer,
  EscalationRecord,
  Interaction,
  Priority,
  WrapUpRecord,
} from '../../../../shared/store/types';
import { normalizePhone } from '../../../../shared/store/phone';
import { userText, type UserText } from '../../../../shared/text/user-text';
import { SourceError, type PushItem, type PushOutcome } from '../../case-source';
import { searchPage, ticketEnvelope, userEnvelope, type ZdTicket } from './zendesk-api';
import type { ZendeskHttp } from './zendesk-http';
import {
  EXTERNAL_CALL_PREFIX,
  EXTERNAL_CASE_PREFIX,
  EXTERNAL_CUSTOMER_PREFIX,
  priorityOut,
  statusOut,
  toPulledCase,
  toPulledCustomer,
  versionOf,
} from './zendesk-mapping';
import { callbackNote, escalationNote, interactionMarker, interactionNote, markers, wrapUpNote } from './zendesk-notes';
import type { ZendeskPuller } from './zendesk-pull';
import { ItemRefused, TicketDesk, gone, rejection, safeJson, type Doing, type TicketUpdate } from './zendesk-tickets';

/**
 * Outbox rows → Zendesk (what the store queues is described in electron/sync/change-mapping.ts):
 *
 * | outbox row                    | Zendesk                                                                   |
 * |-------------------------------|---------------------------------------------------------------------------|
 * | interaction upsert, on a case | one internal comment on that ticket (Tickets › Update Ticket, `comment`)   |
 * | interaction upsert, no case   | a ticket of its own (Tickets › Create Ticket), or with Talk Partner       |
 * |                               | Edition a voice ticket (Talk Partner Edition › Create Ticket or Voicemail  |
 * |                               | Ticket: `via_id` 45/46 and `voice_comment`)                                |
 * | wrap-up submit                | an internal note on the call's ticket, the code as a tag and/or a field    |
 * | case create                   | Create Ticket with `Idempotency-Key` and `external_id` = the case's UUID   |
 * | case update                   | Update Ticket, `safe_update` on the version Switchboard holds              |
 * | escalation create/update      | Update Ticket: priority, group, a tag, and the handoff as one note         |
 * | customer create/update        | Users › Create Or Update User (external id) / Update User                 |
 * | callback upsert, on a case    | an internal note when its state or time changes                           |
 *
 * Exactly once: creates send the outbox row's key as `Idempotency-Key` (Zendesk Support API ›
 * Introduction › Idempotency: a repeat within two hours answers the first result with
 * `x-idempotency-lookup: hit`; the same key with another body is a 400) and carry an external id,
 * which is looked up first, so a retry after the two hours finds the ticket instead of making
 * another. Comments carry a marker line and are written once (zendesk-tickets.ts, writeOnce).
 */

export interface WrapUpTarget {
  /** Tags are `<prefix><code>`; Zendesk tags are lower case without spaces. Default "switchboard_". */
  tagPrefix?: string;
  /** A custom ticket field (text or drop-down) that takes the code, when the account has one. */
  customFieldId?: number | null;
}

export interface PusherOptions {
  http: ZendeskHttp;
  defaultRegion: string;
  puller: ZendeskPuller;
  wrapUp: WrapUpTarget;
  talkPartnerEdition: boolean;
  /** Switchboard escalation group code → Zendesk group id. A group not listed keeps the ticket's group. */
  escalationGroups: Readonly<Record<string, number>>;
  /** The number customers call, for a voice ticket's `to` (inbound) or `from` (outbound). */
  talkLine: string | null;
  /** The Zendesk user Switchboard signs in as (`answered_by_id`); read once. */
  me: (signal?: AbortSignal) => Promise<{ id: number }>;
  /** A call's recording, if the telephony keeps one: a voice comment needs its URL. */
  recordingUrlOf: ((interaction: Interaction) => string | null) | null;
  now: () => number;
}

/**
 * A push item, and what the frame may add: the interaction a wrap-up belongs to (its case), so the
 * wrap-up's ticket need not be searched for. Not filled by electron/sync/outbox-delivery.ts today.
 */
export type ZendeskPushItem = PushItem & { related?: { interaction?: Interaction } };

const DEFAULT_TAG_PREFIX = 'switchboard_';
/** Zendesk keeps an idempotency key for two hours; until 110 minutes after a create could first have been sent, the key alone is trusted. */
export const KEY_TRUSTED_MS = 110 * 60_000;
const VIA_INBOUND_CALL = 45;
const VIA_OUTBOUND_CALL = 46;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refused(code: string, message: UserText): PushOutcome {
  return { kind: 'rejected', code, message };
}

/** A Zendesk tag from a wrap-up code: lower case, and only the characters tags keep. */
export function wrapUpTag(prefix: string | undefined, code: string): string {
  return `${prefix ?? DEFAULT_TAG_PREFIX}${code}`.toLowerCase().replace(/[^a-z0-9_\-./:]/g, '_');
}

export class ZendeskPusher {
  readonly desk: TicketDesk;
  /** interaction id → the ticket its record went to (so its wrap-up finds it without a search). */
  private readonly interactionTickets = new Map<string, number>();

  constructor(private readonly options: PusherOptions) {
    this.desk = new TicketDesk(options.http);
  }

  async push(item: ZendeskPushItem, signal?: AbortSignal): Promise<PushOutcome> {
    try {
      return await this.dispatch(item, signal);
    } catch (error) {
      if (error instanceof ItemRefused) return error.outcome;
      throw error;
    }
  }

  private async dispatch(item: ZendeskPushItem, signal?: AbortSignal): Promise<PushOutcome> {
    const p = item.payload;
    if (!isObject(p))
      return refused(
        'unsupported-change',
        userText('sync.refusal.noRecord', { id: item.id, kind: item.entityKind, operation: item.operation }),
      );
    switch (`${item.entityKind}:${item.operation}`) {
      case 'interaction:upsert':
        return this.logInteraction(p as unknown as Interaction, signal);
      case 'wrap-up:submit':
        return this.logWrapUp(p as unknown as WrapUpRecord, item.related?.interaction ?? null, signal);
      case 'case:create':
        return this.createCase(item, p as unknown as Case, signal);
      case 'case:update':
        return this.updateCase(item, p, signal);
      case 'escalation:create':
      case 'escalation:update':
        return this.escalate(p as unknown as EscalationRecord, signal);
      case 'customer:create':
        return this.saveCustomer(item, p as unknown as Customer, signal);
      case 'customer:update':
        return this.updateCustomer(item, p, signal);
      case 'callback:upsert':
        return this.noteCallback(p as unknown as Callback, signal);
      case 'case:delete':
      case 'customer:delete':
        return refused(
          'unsupported-change',
          userText(item.entityKind === 'case' ? 'sync.zendeskRefusal.noDeleteTickets' : 'sync.zendeskRefusal.noDeleteUsers'),
        );
      default:
        return refused(
          'unsupported-change',
          userText('sync.refusal.noPlace', { crm: 'Zendesk', kind: item.entityKind, operation: item.operation }),
        );
    }
  }

  // ------------------------------------------------------------------ calls and contacts

  private async logInteraction(interaction: Interaction, signal?: AbortSignal): Promise<PushOutcome> {
    if (typeof interaction.id !== 'string' || typeof interaction.startedAt !== 'number')
      return refused('unsupported-change', userText('sync.refusal.contactIncomplete'));
    if (interaction.caseId) {
      const ticketId = await this.desk.ticketIdOf(interaction.caseId, signal);
      if (ticketId === null)
        return refused('zendesk-case-unknown', userText('sync.zendeskRefusal.contactCaseUnknown', { case: interaction.caseId }));
      const marker = interactionMarker(interaction);
      const ticket = await this.desk.get(ticketId, signal);
      if (!ticket) return gone(ticketId);
      if (ticket.status !== 'closed') {
        this.interactionTickets.set(interaction.id, ticketId);
        return this.desk.writeOnce(ticketId, marker, () => ({ update: {}, comment: interactionNote(interaction) }), signal);
      }
      // "closed prevents ticket update": the contact goes on a follow-up ticket of its own (Tickets › Creating a
      // follow-up ticket, `via_followup_source_id`), unless an earlier row logged it before the ticket closed.
      if (await this.desk.hasComment(ticketId, marker, signal)) return { kind: 'applied', version: null, replayed: true };
      return this.contactTicket(interaction, ticketId, signal);
    }
    return this.contactTicket(interaction, null, signal);
  }

  /** A contact not filed under an open case gets a ticket of its own, one per contact (not per outbox row). */
  private async contactTicket(interaction: Interaction, followUpOf: number | null, signal?: AbortSignal): Promise<PushOutcome> {
    const externalId = `${EXTERNAL_CALL_PREFIX}${interaction.id}`;
    const requesterId = interaction.customerId ? await this.desk.userIdOf(interaction.customerId, signal) : null;
    const note = interactionNote(interaction);
    const ticket: TicketUpdate = {
      subject: note.split('\n', 1)[0]!,
      external_id: externalId,
      ...(requesterId !== null ? { requester_id: requesterId } : {}),
      ...(followUpOf !== null ? { via_followup_source_id: followUpOf } : {}),
    };
    const voice = this.options.talkPartnerEdition && interaction.channel === 'call';
    const recording = voice ? (this.options.recordingUrlOf?.(interaction) ?? null) : null;
    if (voice) ticket.via_id = interaction.direction === 'inbound' ? VIA_INBOUND_CALL : VIA_OUTBOUND_CALL;
    // A voice comment shows the call in Zendesk's own layout, but the reference lists recording_url among its fields:
    // without a recording the same facts go in as the first (internal) comment of the voice ticket.
    if (recording !== null) ticket.voice_comment = await this.voiceComment(interaction, recording, signal);
    else ticket.comment = { body: note, public: false };
    // Every row of one contact sends the same create under the same key, so a later row (after-call work, a
    // refile) is answered with the first row's ticket instead of making another (see `create`).
    const key = `switchboard-contact-${interaction.id}`;
    const since = interaction.endedAt ?? interaction.startedAt;
    const outcome = await this.create(
      voice ? '/api/v2/channels/voice/tickets.json' : '/api/v2/tickets.json',
      ticket,
      externalId,
      key,
      since,
      signal,
    );
    if (outcome.ticketId !== null) this.interactionTickets.set(interaction.id, outcome.ticketId);
    return outcome.result;
  }

  /** Talk Partner Edition › Create Ticket or Voicemail Ticket, `voice_comment`: from, to, recording_url, started_at, call_duration, answered_by_id. */
  private async voiceComment(interaction: Interaction, recordingUrl: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const customer = interaction.number ?? 'unknown';
    const line = this.options.talkLine ?? 'Switchboard';
    const comment: Record<string, unknown> = {
      from: interaction.direction === 'inbound' ? customer : line,
      to: interaction.direction === 'inbound' ? line : customer,
      recording_url: recordingUrl,
      started_at: new Date(interaction.answeredAt ?? interaction.startedAt).toISOString(),
      call_duration: interaction.talkSeconds + interaction.holdSeconds,
    };
    if (interaction.answeredAt !== null) comment.answered_by_id = (await this.options.me(signal)).id;
    return comment;
  }

  private async logWrapUp(wrapUp: WrapUpRecord, related: Interaction | null, signal?: AbortSignal): Promise<PushOutcome> {
    if (typeof wrapUp.interactionId !== 'string') return refused('unsupported-change', userText('sync.refusal.wrapUpNoContact'));
    const ticketId = await this.ticketOfInteraction(wrapUp.interactionId, related, signal);
    if (ticketId === null) {
      // The call's record is written before its wrap-up (same ordering key); Zendesk's search may not show it yet.
      throw new SourceError('server', 'zendesk-call-not-found', userText('sync.zendesk.callNotFound', { host: this.options.http.host }));
    }
    const { tagPrefix, customFieldId } = this.options.wrapUp;
    return this.desk.writeOnce(
      ticketId,
      markers.wrapUp(wrapUp.interactionId),
      (ticket, noted) => {
        if (noted) return null;
        const update: TicketUpdate = {};
        if (wrapUp.code) {
          update.tags = [...new Set([...ticket.tags, wrapUpTag(tagPrefix, wrapUp.code)])];
          if (typeof customFieldId === 'number') update.custom_fields = [{ id: customFieldId, value: wrapUp.code }];
        }
        return { update, comment: wrapUpNote(wrapUp, related) };
      },
      signal,
    );
  }

  /** Where a contact's record went: its case, the ticket made for it, what this run remembers, or Zendesk's search. */
  private async ticketOfInteraction(interactionId: string, related: Interaction | null, signal?: AbortSignal): Promise<number | null> {
    if (related?.caseId) {
      const id = await this.desk.ticketIdOf(related.caseId, signal);
      if (id !== null) return id;
    }
    const remembered = this.interactionTickets.get(interactionId);
    if (remembered !== undefined) return remembered;
    const own = await this.desk.findByExternalId(`${EXTERNAL_CALL_PREFIX}${interactionId}`, signal);
    if (own) return own.id;
    // Zendesk Support API › Search › List Search Results: the marker line is in a comment, and comments are searched.
    for (const marker of [markers.call(interactionId), markers.contact(interactionId)]) {
      const res = await this.options.http.send('GET', '/api/v2/search.json', { query: { query: `type:ticket "${marker}"` }, signal });
      this.desk.readable(res, 'searchResults');
      const hit = this.options.http
        .parse(res, searchPage, 'searchResults')
        .results.find((r) => r.result_type === undefined || r.result_type === 'ticket');
      if (hit) return hit.id;
    }
    return null;
  }

  // ------------------------------------------------------------------ cases

  private async createCase(item: PushItem, record: Case, signal?: AbortSignal): Promise<PushOutcome> {
    const externalId = `${EXTERNAL_CASE_PREFIX}${item.entityId.toLowerCase()}`;
    const requesterId = await this.desk.userIdOf(record.customerId, signal);
    if (requesterId === null)
      return refused('zendesk-customer-unknown', userText('sync.zendeskRefusal.caseCustomerUnknown', { customer: record.customerId }));
    const ticket: TicketUpdate = {
      subject: record.subject,
      comment: { body: record.description?.trim() || record.subject, public: false },
      requester_id: requesterId,
      priority: priorityOut(record.priority),
      external_id: externalId,
    };
    if (record.status !== 'new') ticket.status = statusOut(record.status);
    const outcome = await this.create('/api/v2/tickets.json', ticket, externalId, item.idempotencyKey, item.createdAt, signal);
    if (outcome.ticketId !== null) this.desk.rememberCase(item.entityId, outcome.ticketId);
    return outcome.result;
  }

  private async updateCase(item: PushItem, payload: Record<string, unknown>, signal?: AbortSignal): Promise<PushOutcome> {
    const patch = isObject(payload.patch) ? payload.patch : null;
    if (!patch) return refused('unsupported-change', userText('sync.refusal.noPatch', { id: item.id }));
    const ticketId = await this.desk.ticketIdOf(item.entityId, signal);
    if (ticketId === null) return refused('zendesk-case-unknown', userText('sync.zendeskRefusal.caseUnknown', { case: item.entityId }));
    const update: TicketUpdate = {};
    if (typeof patch.status === 'string') update.status = statusOut(patch.status as CaseStatus);
    if (typeof patch.priority === 'string') update.priority = priorityOut(patch.priority as Priority);
    if (typeof patch.subject === 'string') update.subject = patch.subject;
    if (typeof patch.customerId === 'string') {
      const requesterId = await this.desk.userIdOf(patch.customerId, signal);
      if (requesterId === null)
        return refused('zendesk-customer-unknown', userText('sync.zendeskRefusal.customerUnknown', { customer: String(patch.customerId) }));
      update.requester_id = requesterId;
    }
    // A ticket's description is its first comment and cannot change: a new description goes in as a note.
    if (typeof patch.description === 'string' && patch.description.trim() !== '') {
      update.comment = {
        body: `Description changed in Switchboard:\n\n${patch.description.trim()}\n${markers.change(item.idempotencyKey)}`,
        public: false,
      };
    }
    const base = typeof payload.baseVersion === 'number' ? payload.baseVersion : null;
    let expected = item.overrideVersion ?? (typeof item.localVersion === 'number' ? Math.max(item.localVersion, base ?? 0) : base);
    if (expected === null) {
      // Never seen by Zendesk when it was edited here: the edit goes on top of what Zendesk has now.
      const now = await this.desk.get(ticketId, signal);
      if (!now) return gone(ticketId);
      expected = versionOf(now.updated_at);
    }
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const res = await this.desk.put(ticketId, update, expected, signal);
      if (res.status !== 409) return this.desk.outcomeOf(res, ticketId, 'changeTicket');
      const current = await this.desk.get(ticketId, signal);
      if (!current) return gone(ticketId);
      const currentVersion = versionOf(current.updated_at);
      if (attempt === 0 && this.desk.ownPath(ticketId, expected, currentVersion)) {
        expected = currentVersion;
        continue;
      }
      // The answer to an earlier attempt was lost, and that attempt had applied: nothing left to do.
      if (await this.alreadyApplied(ticketId, current, update, item.idempotencyKey, signal))
        return { kind: 'applied', version: currentVersion, replayed: true };
      if (currentVersion === expected) {
        throw new SourceError('server', 'http-409', userText('sync.zendesk.conflictUnchanged', { host: this.options.http.host }), {
          status: 409,
        });
      }
      const customerId =
        current.requester_id === null
          ? null
          : ((await this.options.puller.customerIds([current.requester_id], signal)).get(current.requester_id) ?? null);
      const copy = customerId === null ? null : toPulledCase(current, customerId);
      return {
        kind: 'conflict',
        currentVersion,
        current: (copy ?? { id: item.entityId, version: currentVersion }) as unknown as Record<string, unknown>,
        message: userText('sync.refusal.ticketChanged', { at: String(current.updated_at) }),
      };
    }
    throw new SourceError(
      'server',
      'zendesk-busy',
      userText('sync.zendesk.ticketBusy', { ticket: ticketId, host: this.options.http.host }),
    );
  }

  private async alreadyApplied(
    ticketId: number,
    current: ZdTicket,
    update: TicketUpdate,
    key: string,
    signal?: AbortSignal,
  ): Promise<boolean> {
    for (const field of ['status', 'priority', 'subject', 'requester_id'] as const) {
      if (update[field] !== undefined && update[field] !== current[field]) return false;
    }
    return update.comment === undefined || (await this.desk.hasComment(ticketId, markers.change(key), signal));
  }

  // ------------------------------------------------------------------ escalations and callbacks

  private async escalate(escalation: EscalationRecord, signal?: AbortSignal): Promise<PushOutcome> {
    if (typeof escalation.id !== 'string') return refused('unsupported-change', userText('sync.refusal.escalationNoId'));
    if (!escalation.caseId) return refused('zendesk-no-case', userText('sync.zendeskRefusal.escalationNoCase'));
    const ticketId = await this.desk.ticketIdOf(escalation.caseId, signal);
    if (ticketId === null)
      return refused('zendesk-case-unknown', userText('sync.zendeskRefusal.escalatedCaseUnknown', { case: escalation.caseId }));
    const groupId = this.options.escalationGroups[escalation.group];
    const tag = wrapUpTag(this.options.wrapUp.tagPrefix, 'escalated');
    // The whole record comes with every change: only what differs is written, and the handoff once.
    return this.desk.writeOnce(
      ticketId,
      markers.escalation(escalation.id),
      (ticket, noted) => {
        const update: TicketUpdate = {};
        const priority = priorityOut(escalation.priority);
        if (ticket.priority !== priority) update.priority = priority;
        if (groupId !== undefined && ticket.group_id !== groupId) update.group_id = groupId;
        if (!ticket.tags.includes(tag)) update.tags = [...ticket.tags, tag];
        if (noted && Object.keys(update).length === 0) return null;
        return { update, comment: escalationNote(escalation) };
      },
      signal,
    );
  }

  private async noteCallback(callback: Callback, signal?: AbortSignal): Promise<PushOutcome> {
    // Zendesk keeps notes on tickets; a callback without a case stays in Switchboard's own list and reminders.
    if (!callback.caseId) return { kind: 'applied', version: null, replayed: false };
    const ticketId = await this.desk.ticketIdOf(callback.caseId, signal);
    if (ticketId === null)
      return refused('zendesk-case-unknown', userText('sync.zendeskRefusal.callbackCaseUnknown', { case: callback.caseId }));
    return this.desk.writeOnce(
      ticketId,
      markers.callback(callback),
      (_t, noted) => (noted ? null : { update: {}, comment: callbackNote(callback) }),
      signal,
    );
  }

  // ------------------------------------------------------------------ customers

  /** Users › Create Or Update User: keyed by the external id, so sending it again updates the same user. */
  private async saveCustomer(item: PushItem, customer: Customer, signal?: AbortSignal): Promise<PushOutcome> {
    if (typeof customer.name !== 'string' || customer.name.trim() === '')
      return refused('unsupported-change', userText('sync.refusal.customerNoName'));
    const user: Record<string, unknown> = {
      name: customer.name,
      role: 'end-user',
      external_id: `${EXTERNAL_CUSTOMER_PREFIX}${item.entityId.toLowerCase()}`,
      skip_verify_email: true,
    };
    if (customer.email) user.email = customer.email;
    const phone = firstPhone(customer.phones);
    if (phone) user.phone = phone;
    if (customer.notes) user.notes = customer.notes;
    const res = await this.options.http.send('POST', '/api/v2/users/create_or_update.json', { body: { user }, signal });
    return this.userOutcome(res, 'saveCustomer');
  }

  private async updateCustomer(item: PushItem, payload: Record<string, unknown>, signal?: AbortSignal): Promise<PushOutcome> {
    const patch = isObject(payload.patch) ? payload.patch : null;
    if (!patch) return refused('unsupported-change', userText('sync.refusal.noPatch', { id: item.id }));
    const userId = await this.desk.userIdOf(item.entityId, signal);
    if (userId === null)
      return refused('zendesk-customer-unknown', userText('sync.zendeskRefusal.customerUnknown', { customer: item.entityId }));
    const current = await this.desk.getUser(userId, signal);
    if (!current || !current.active) return refused('zendesk-user-gone', userText('sync.zendeskRefusal.userGone', { user: userId }));
    const user: Record<string, unknown> = {};
    if (typeof patch.name === 'string') user.name = patch.name;
    if (typeof patch.notes === 'string' || patch.notes === null) user.notes = patch.notes ?? '';
    if (Array.isArray(patch.phones)) user.phone = firstPhone(patch.phones as Customer['phones']) ?? '';
    // Zendesk Support API › Users › JSON format, email: "On update, a secondary email is added".
    if (typeof patch.email === 'string' && patch.email !== current.email) user.email = patch.email;
    const base = typeof payload.baseVersion === 'number' ? payload.baseVersion : null;
    const expected = item.overrideVersion ?? (typeof item.localVersion === 'number' ? Math.max(item.localVersion, base ?? 0) : base);
    const currentVersion = versionOf(current.updated_at);
    // Users have no safe update in Zendesk: the version is compared just before writing.
    if (expected !== null && currentVersion !== expected) {
      const same = Object.entries(user).every(
        ([k, v]) => (current as Record<string, unknown>)[k] === v || (k === 'phone' && samePhone(current.phone, v)),
      );
      if (same) return { kind: 'applied', version: currentVersion, replayed: true };
      return {
        kind: 'conflict',
        currentVersion,
        current: toPulledCustomer(current, null, this.options.defaultRegion) as unknown as Record<string, unknown>,
        message: userText('sync.refusal.customerChanged', { at: String(current.updated_at) }),
      };
    }
    if (Object.keys(user).length === 0) return { kind: 'applied', version: currentVersion, replayed: false };
    const res = await this.options.http.send('PUT', `/api/v2/users/${userId}.json`, { body: { user }, signal });
    return this.userOutcome(res, 'changeCustomer');
  }

  private userOutcome(res: Awaited<ReturnType<ZendeskHttp['send']>>, doing: Doing): PushOutcome {
    if (res.status === 200 || res.status === 201) {
      const parsed = userEnvelope.safeParse(safeJson(res));
      if (parsed.success) this.options.puller.remember(parsed.data.user);
      return { kind: 'applied', version: parsed.success ? versionOf(parsed.data.user.updated_at) : null, replayed: false };
    }
    this.options.http.failUnlessUsable(res, 'user');
    return rejection(res, this.options.http.host, doing, null);
  }

  // ------------------------------------------------------------------ creates

  /**
   * A ticket create, once. Within Zendesk's two hours the `Idempotency-Key` does it: a repeat is
   * answered with the first result (`x-idempotency-lookup: hit`), the same key with another body
   * with 400 IdempotentRequestError, which also means the ticket exists. Past that window (the
   * first attempt can be no earlier than `since`), the ticket is looked up by its external id
   * before sending again, since the key may be forgotten.
   */
  private async create(
    path: string,
    ticket: TicketUpdate,
    externalId: string,
    idempotencyKey: string,
    since: number,
    signal?: AbortSignal,
  ): Promise<{ result: PushOutcome; ticketId: number | null }> {
    const found = async (): Promise<{ result: PushOutcome; ticketId: number | null } | null> => {
      const existing = await this.desk.findByExternalId(externalId, signal);
      return existing
        ? { result: { kind: 'applied', version: versionOf(existing.updated_at), replayed: true }, ticketId: existing.id }
        : null;
    };
    if (this.options.now() - since >= KEY_TRUSTED_MS) {
      const existing = await found();
      if (existing) return existing;
    }
    const res = await this.options.http.send('POST', path, { body: { ticket }, headers: { 'idempotency-key': idempotencyKey }, signal });
    if (res.status === 200 || res.status === 201) {
      const parsed = ticketEnvelope.safeParse(safeJson(res));
      const hit = String(res.headers['x-idempotency-lookup'] ?? '').toLowerCase() === 'hit';
      return {
        result: { kind: 'applied', version: parsed.success ? versionOf(parsed.data.ticket.updated_at) : null, replayed: hit },
        ticketId: parsed.success ? parsed.data.ticket.id : null,
      };
    }
    if (res.status === 400 && /idempoten/i.test(res.body.toString('utf8'))) {
      // The key was used with another body: this contact's or case's ticket was made by an earlier row.
      return (await found()) ?? { result: { kind: 'applied', version: null, replayed: true }, ticketId: null };
    }
    if (res.status === 409) {
      // Another request with this key is still being handled ("IdempotentRequestInProgress"): ask again later.
      throw new SourceError('server', 'http-409', userText('sync.zendesk.stillCreating', { host: this.options.http.host }), {
        status: 409,
      });
    }
    return { result: this.desk.outcomeOf(res, null, 'createTicket'), ticketId: null };
  }
}

function firstPhone(phones: unknown): string | null {
  if (!Array.isArray(phones) || phones.length === 0) return null;
  const first: unknown = phones[0];
  if (typeof first === 'string') return first;
  return isObject(first) && typeof first.number === 'string' ? first.number : null;
}

function samePhone(current: string | null, wanted: unknown): boolean {
  if (typeof wanted !== 'string') return false;
  if (current === null) return wanted === '';
  return normalizePhone(current).e164 === normalizePhone(wanted).e164;
}
