import { beforeEach, describe, expect, it } from 'vitest';
import type { SourceError, PushItem } from '../../../electron/sync/case-source';
import {
  createZendeskSource,
  type ZendeskSource,
  type ZendeskSourceOptions,
} from '../../../electron/sync/connectors/zendesk/zendesk-source';
import type { HttpTransport } from '../../../electron/sync/http-client';
import type { Interaction, WrapUpRecord } from '../../../shared/store/types';
import { englishOf, type UserText } from '../../../shared/text/user-text';

/**
 * Outbox rows → Zendesk requests, over a small in-memory Zendesk (tickets, comments, users,
 * idempotency keys, safe updates), and every kind of answer → the outcome or SourceError it means.
 */

interface TicketBody {
  subject?: string;
  status?: string;
  priority?: string | null;
  requester_id?: number;
  group_id?: number | null;
  tags?: string[];
  external_id?: string;
  custom_fields?: { id: number; value: unknown }[];
  comment?: { body: string; public: boolean };
  safe_update?: boolean;
  updated_stamp?: string;
  via_id?: number;
  via_followup_source_id?: number;
  voice_comment?: Record<string, unknown>;
}
interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: { ticket: TicketBody } | undefined;
}
type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

interface Ticket {
  id: number;
  subject: string;
  status: string;
  priority: string | null;
  requester_id: number;
  group_id: number | null;
  external_id: string | null;
  tags: string[];
  custom_fields: { id: number; value: unknown }[];
  updated: number;
  comments: { body: string; public: boolean }[];
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function fakeZendesk() {
  let clock = Date.UTC(2026, 0, 1);
  const tickets = new Map<number, Ticket>();
  const keys = new Map<string, { body: string; reply: Answer }>();
  const users = new Map<number, { id: number; external_id: string | null } & Record<string, unknown>>([
    [7, { id: 7, name: 'Ada', role: 'end-user', active: true, external_id: null, updated_at: iso(clock) }],
  ]);
  const requests: Req[] = [];
  let override: ((req: Req) => Answer | undefined) | null = null;
  let nextId = 100;
  const json = (t: Ticket) => ({ ...t, comments: undefined, updated_at: iso(t.updated), created_at: iso(Date.UTC(2025, 0, 1)) });
  const bump = (t: Ticket) => (t.updated = Math.max((clock += 1000), t.updated + 1000));
  const add = (over: Partial<Ticket> = {}): Ticket => {
    const t: Ticket = {
      id: nextId++,
      subject: 's',
      status: 'open',
      priority: 'normal',
      requester_id: 7,
      group_id: null,
      external_id: null,
      tags: ['vip'],
      custom_fields: [],
      updated: clock,
      comments: [{ body: 'first', public: true }],
      ...over,
    };
    tickets.set(t.id, t);
    return t;
  };
  const route = (req: Req): Answer => {
    const m = /^\/api\/v2\/tickets\/(\d+)(\/comments)?\.json$/.exec(req.path);
    if (m) {
      const t = tickets.get(Number(m[1]));
      if (!t) return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
      if (m[2])
        return {
          status: 200,
          body: {
            comments: [...t.comments]
              .reverse()
              .slice(0, 100)
              .map((c, i) => ({ id: i + 1, ...c, plain_body: c.body, html_body: null })),
          },
        };
      if (req.method === 'GET') return { status: 200, body: { ticket: json(t) } };
      const u = req.body!.ticket;
      if (u.safe_update && u.updated_stamp !== iso(t.updated))
        return {
          status: 409,
          body: { error: 'UpdateConflict', description: 'Safe Update prevented the update due to outdated ticket data.' },
        };
      if (u.status !== undefined) t.status = u.status;
      if (u.priority !== undefined) t.priority = u.priority;
      if (u.subject !== undefined) t.subject = u.subject;
      if (u.requester_id !== undefined) t.requester_id = u.requester_id;
      if (u.group_id !== undefined) t.group_id = u.group_id;
      if (u.tags !== undefined) t.tags = u.tags;
      if (u.custom_fields) t.custom_fields = u.custom_fields;
      if (u.comment) t.comments.push({ body: u.comment.body, public: u.comment.public });
      bump(t);
      return { status: 200, body: { ticket: json(t) } };
    }
    if (req.path === '/api/v2/tickets.json' && req.method === 'GET') {
      return {
        status: 200,
        body: { tickets: [...tickets.values()].filter((t) => t.external_id === req.query.get('external_id')).map(json) },
      };
    }
    if ((req.path === '/api/v2/tickets.json' || req.path === '/api/v2/channels/voice/tickets.json') && req.method === 'POST') {
      const key = req.headers['idempotency-key'];
      const body = JSON.stringify(req.body);
      const stored = key ? keys.get(key) : undefined;
      if (stored)
        return stored.body === body
          ? { ...stored.reply, headers: { 'x-idempotency-lookup': 'hit' } }
          : {
              status: 400,
              body: { error: 'IdempotentRequestError', description: "Request parameters don't match the given idempotency key" },
            };
      const u = req.body!.ticket;
      const t = add({
        subject: u.subject ?? '',
        status: u.status ?? 'new',
        priority: u.priority ?? null,
        requester_id: u.requester_id ?? 1,
        external_id: u.external_id ?? null,
        tags: [],
        comments: [{ body: u.comment?.body ?? 'voice', public: false }],
      });
      const reply = { status: 201, body: { ticket: json(t) } };
      if (key) keys.set(key, { body, reply });
      return { ...reply, headers: { 'x-idempotency-lookup': 'miss' } };
    }
    if (req.path === '/api/v2/users/show_many.json') {
      const ext = req.query.get('external_ids');
      return {
        status: 200,
        body: {
          users: [...users.values()].filter((u) => (ext ? u.external_id === ext : req.query.get('ids')!.split(',').includes(String(u.id)))),
        },
      };
    }
    const u = /^\/api\/v2\/users\/(\d+)\.json$/.exec(req.path);
    if (u) {
      const found = users.get(Number(u[1]));
      if (!found) return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
      if (req.method === 'PUT')
        Object.assign(found, (req.body as unknown as { user: Record<string, unknown> }).user, { updated_at: iso((clock += 1000)) });
      return { status: 200, body: { user: found } };
    }
    if (req.path === '/api/v2/users/create_or_update.json') {
      const input = (req.body as unknown as { user: Record<string, unknown> }).user;
      const existing = [...users.values()].find((x) => x.external_id === input.external_id);
      const saved = Object.assign(existing ?? { id: 50 + users.size, active: true }, input, { updated_at: iso((clock += 1000)) });
      users.set(saved.id, saved as { id: number; external_id: string | null });
      return { status: existing ? 200 : 201, body: { user: saved } };
    }
    if (req.path === '/api/v2/users/me.json')
      return { status: 200, body: { user: { id: 1, name: 'Admin', role: 'admin', updated_at: iso(clock) } } };
    return { status: 404, body: { error: 'InvalidEndpoint', description: 'Not found' } };
  };
  const transport: HttpTransport = {
    async send(url, options) {
      const req: Req = {
        method: options.method,
        path: url.pathname,
        query: url.searchParams,
        headers: options.headers,
        body: options.body ? JSON.parse(options.body) : undefined,
      };
      requests.push(req);
      const answer = override?.(req) ?? route(req);
      return {
        status: answer.status,
        headers: answer.headers ?? {},
        body: Buffer.from(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {})),
      };
    },
    close() {},
  };
  return {
    transport,
    tickets,
    users,
    requests,
    add,
    bump,
    setOverride: (f: ((req: Req) => Answer | undefined) | null) => (override = f),
    writes: () => requests.filter((r) => r.method !== 'GET'),
  };
}

let zd: ReturnType<typeof fakeZendesk>;
let source: ZendeskSource;
const make = (over: Partial<ZendeskSourceOptions> = {}) =>
  createZendeskSource({
    baseUrl: 'https://acme.zendesk.com',
    auth: { kind: 'api-token', email: 'admin@acme.com', token: async () => 'secret' },
    defaultRegion: 'US',
    wrapUp: { tagPrefix: 'wrap_', customFieldId: 360001 },
    escalationGroups: { billing: 102 },
    transport: zd.transport,
    exportRequestsPerMinute: 0,
    now: () => Date.UTC(2026, 0, 1, 12),
    ...over,
  });
beforeEach(() => {
  zd = fakeZendesk();
  source = make();
});

let n = 0;
const item = (entityKind: PushItem['entityKind'], operation: string, payload: unknown, over: Partial<PushItem> = {}): PushItem => {
  n += 1;
  return {
    id: n,
    idempotencyKey: `key-${n}`,
    entityKind,
    entityId: `e-${n}`,
    orderingKey: `o-${n}`,
    operation,
    payload,
    createdAt: Date.UTC(2026, 0, 1, 11, 59),
    ...over,
  };
};
const call = (over: Partial<Interaction> = {}): Interaction => ({
  id: 'call-1',
  agentId: 'agent-7',
  channel: 'call',
  direction: 'inbound',
  outcome: 'answered',
  number: '+14155550123',
  startedAt: Date.UTC(2026, 0, 1, 11, 50),
  answeredAt: Date.UTC(2026, 0, 1, 11, 50, 5),
  endedAt: Date.UTC(2026, 0, 1, 11, 55),
  talkSeconds: 295,
  holdSeconds: 0,
  afterCallWorkSeconds: 0,
  customerId: 'zd-user-7',
  caseId: null,
  sipCallId: null,
  quality: null,
  ...over,
});
const wrapUp = (interactionId: string): WrapUpRecord => ({
  interactionId,
  agentId: 'agent-7',
  state: 'submitted',
  code: 'refund',
  notes: 'Refund approved',
  resolvedOnFirstContact: true,
  callback: null,
  doNotCall: null,
  revision: 2,
  updatedAt: 1,
  submittedAt: 2,
});

describe('a call log', () => {
  it('on a ticket: one internal comment, written once however often the call is pushed', async () => {
    const t = zd.add();
    const outcome = await source.push(item('interaction', 'upsert', call({ caseId: `zd-ticket-${t.id}` })));
    expect(outcome).toEqual({ kind: 'applied', version: null, replayed: false });
    const put = zd.writes()[0]!;
    expect(put.path).toBe(`/api/v2/tickets/${t.id}.json`);
    expect(put.body!.ticket).toMatchObject({ safe_update: true, updated_stamp: iso(t.updated - 1000), comment: { public: false } });
    expect(put.body!.ticket.comment!.body).toContain('Switchboard call ID: call-1');
    // The same row again, and a later row of the same call (its after-call work): no second comment.
    expect(await source.push(item('interaction', 'upsert', call({ caseId: `zd-ticket-${t.id}` })))).toMatchObject({
      kind: 'applied',
      replayed: true,
    });
    await source.push(item('interaction', 'upsert', call({ caseId: `zd-ticket-${t.id}`, afterCallWorkSeconds: 40 })));
    expect(t.comments.filter((c) => c.body.includes('call-1')).length).toBe(1);
    expect(zd.writes().length).toBe(1);
  });

  it('a PUT that Zendesk got twice (a retrying proxy) adds nothing the second time: the safe update refuses it', async () => {
    const t = zd.add();
    const push = item('interaction', 'upsert', call({ caseId: `zd-ticket-${t.id}` }));
    await source.push(push);
    const replay = zd.writes()[0]!;
    const again = await zd.transport.send(new URL(`https://acme.zendesk.com${replay.path}`), {
      method: 'PUT',
      headers: replay.headers,
      body: JSON.stringify(replay.body),
      timeoutMs: 1000,
      maxBytes: 1e6,
    });
    expect(again.status).toBe(409);
    expect(t.comments.length).toBe(2);
  });

  it('without a case: a ticket of its own, created under the contact’s key, found again by a later row', async () => {
    const first = await source.push(item('interaction', 'upsert', call()));
    expect(first).toMatchObject({ kind: 'applied', replayed: false });
    const post = zd.writes()[0]!;
    expect(post.path).toBe('/api/v2/tickets.json');
    expect(post.headers['idempotency-key']).toBe('switchboard-contact-call-1');
    expect(post.body!.ticket).toMatchObject({ external_id: 'switchboard:call:call-1', requester_id: 7, comment: { public: false } });
    expect(await source.push(item('interaction', 'upsert', call({ afterCallWorkSeconds: 30 })))).toMatchObject({
      kind: 'applied',
      replayed: true,
    });
    expect([...zd.tickets.values()].filter((t) => t.external_id === 'switchboard:call:call-1').length).toBe(1);
  });

  it('on a closed ticket (Zendesk refuses updates): a follow-up ticket of its own, unless the call was noted before it closed', async () => {
    const closed = zd.add({ status: 'closed' });
    expect(await source.push(item('interaction', 'upsert', call({ id: 'call-7', caseId: `zd-ticket-${closed.id}` })))).toMatchObject({
      kind: 'applied',
    });
    const post = zd.writes()[0]!;
    expect(post.method).toBe('POST');
    expect(post.body!.ticket).toMatchObject({ external_id: 'switchboard:call:call-7', via_followup_source_id: closed.id });
    const noted = zd.add({ status: 'closed', comments: [{ body: 'Switchboard call ID: call-8', public: false }] });
    expect(await source.push(item('interaction', 'upsert', call({ id: 'call-8', caseId: `zd-ticket-${noted.id}` })))).toMatchObject({
      kind: 'applied',
      replayed: true,
    });
    expect(zd.writes().length).toBe(1);
  });

  it('with Talk Partner Edition: a voice ticket (via 45, voice comment) when the call has a recording', async () => {
    source = make({ talkPartnerEdition: true, talkLine: '+18005550100', recordingUrlOf: () => 'https://rec.example.com/call-1.mp3' });
    await source.push(item('interaction', 'upsert', call()));
    const post = zd.writes()[0]!;
    expect(post.path).toBe('/api/v2/channels/voice/tickets.json');
    expect(post.body!.ticket.via_id).toBe(45);
    expect(post.body!.ticket.voice_comment).toEqual({
      from: '+14155550123',
      to: '+18005550100',
      recording_url: 'https://rec.example.com/call-1.mp3',
      started_at: '2026-01-01T11:50:05.000Z',
      call_duration: 295,
      answered_by_id: 1,
    });
  });

  it('with Talk Partner Edition and no recording: a voice ticket whose first comment holds the call', async () => {
    source = make({ talkPartnerEdition: true });
    await source.push(item('interaction', 'upsert', call({ direction: 'outbound' })));
    const post = zd.writes()[0]!;
    expect(post.path).toBe('/api/v2/channels/voice/tickets.json');
    expect(post.body!.ticket.via_id).toBe(46);
    expect(post.body!.ticket.voice_comment).toBeUndefined();
    expect(post.body!.ticket.comment!.body).toContain('Outbound call to +14155550123: answered');
  });

  it('looks a contact’s ticket up by external id before creating it once Zendesk may have forgotten the key', async () => {
    zd.add({ external_id: 'switchboard:call:call-1' });
    const outcome = await source.push(
      item(
        'interaction',
        'upsert',
        call({ endedAt: Date.UTC(2026, 0, 1, 9), startedAt: Date.UTC(2026, 0, 1, 8, 55), answeredAt: null, outcome: 'missed' }),
      ),
    );
    expect(outcome).toMatchObject({ kind: 'applied', replayed: true });
    expect(zd.writes()).toEqual([]);
  });
});

describe('a wrap-up', () => {
  it('goes on the call’s ticket as one note, with the code as a tag and in the custom field', async () => {
    const t = zd.add();
    await source.push(item('interaction', 'upsert', call({ caseId: `zd-ticket-${t.id}` })));
    expect(await source.push(item('wrap-up', 'submit', wrapUp('call-1')))).toMatchObject({ kind: 'applied' });
    expect(t.tags).toEqual(['vip', 'wrap_refund']);
    expect(t.custom_fields).toEqual([{ id: 360001, value: 'refund' }]);
    expect(t.comments.at(-1)!.body).toContain('Refund approved');
    await source.push(item('wrap-up', 'submit', wrapUp('call-1')));
    expect(t.comments.filter((c) => c.body.includes('Switchboard wrap-up ID: call-1')).length).toBe(1);
  });

  it('uses the interaction the frame hands over when this run never saw the call', async () => {
    const t = zd.add();
    const withRelated = {
      ...item('wrap-up', 'submit', wrapUp('call-9')),
      related: { interaction: call({ id: 'call-9', caseId: `zd-ticket-${t.id}` }) },
    };
    expect(await source.push(withRelated)).toMatchObject({ kind: 'applied' });
    expect(t.comments.at(-1)!.body).toContain('Switchboard wrap-up ID: call-9');
  });
});

describe('cases', () => {
  it('a new case is a ticket created with the row’s key and the case’s UUID as external id; a retry is a replay', async () => {
    const id = '0b6c8a52-4a8e-4c1b-9b8e-2f7d6c5b4a39';
    const row = item(
      'case',
      'create',
      { id, customerId: 'zd-user-7', subject: 'Router keeps rebooting', description: '', status: 'new', priority: 'P2' },
      { entityId: id },
    );
    const first = await source.push(row);
    expect(first).toMatchObject({ kind: 'applied', replayed: false });
    expect(zd.writes()[0]!.headers['idempotency-key']).toBe(row.idempotencyKey);
    expect(zd.writes()[0]!.body!.ticket).toMatchObject({
      subject: 'Router keeps rebooting',
      priority: 'high',
      requester_id: 7,
      external_id: `switchboard:case:${id}`,
    });
    expect(await source.push(row)).toMatchObject({ kind: 'applied', replayed: true });
    expect([...zd.tickets.values()].filter((t) => t.external_id === `switchboard:case:${id}`).length).toBe(1);
    // A call filed under the new case finds its ticket without asking.
    await source.push(item('interaction', 'upsert', call({ id: 'call-2', caseId: id })));
    const ticket = [...zd.tickets.values()].find((t) => t.external_id === `switchboard:case:${id}`)!;
    expect(ticket.comments.at(-1)!.body).toContain('Switchboard call ID: call-2');
  });

  it('an edit is a safe update on the version Switchboard holds', async () => {
    const t = zd.add();
    const version = t.updated;
    const outcome = await source.push(
      item(
        'case',
        'update',
        { id: `zd-ticket-${t.id}`, patch: { status: 'on-hold', priority: 'P1' }, baseVersion: version },
        { entityId: `zd-ticket-${t.id}` },
      ),
    );
    expect(zd.writes()[0]!.body!.ticket).toEqual({ status: 'hold', priority: 'urgent', safe_update: true, updated_stamp: iso(version) });
    expect(outcome).toEqual({ kind: 'applied', version: t.updated, replayed: false });
  });

  it('a ticket someone else changed is a conflict with Zendesk’s copy', async () => {
    const t = zd.add();
    const seen = t.updated;
    t.status = 'solved';
    zd.bump(t);
    const outcome = await source.push(
      item('case', 'update', { id: `zd-ticket-${t.id}`, patch: { priority: 'P1' }, baseVersion: seen }, { entityId: `zd-ticket-${t.id}` }),
    );
    expect(outcome).toMatchObject({
      kind: 'conflict',
      currentVersion: t.updated,
      current: { id: `zd-ticket-${t.id}`, status: 'solved', customerId: 'zd-user-7', version: t.updated },
    });
    expect(t.priority).toBe('normal');
  });

  it('"keep mine" sends the change on top of the version the agent was shown', async () => {
    const t = zd.add();
    const outcome = await source.push(
      item(
        'case',
        'update',
        { id: `zd-ticket-${t.id}`, patch: { priority: 'P4' }, baseVersion: 1 },
        { entityId: `zd-ticket-${t.id}`, overrideVersion: t.updated },
      ),
    );
    expect(outcome).toMatchObject({ kind: 'applied' });
    expect(t.priority).toBe('low');
  });

  it('Switchboard’s own call note since the agent’s version is not a conflict', async () => {
    const t = zd.add();
    const seen = t.updated;
    await source.push(item('interaction', 'upsert', call({ caseId: `zd-ticket-${t.id}` })));
    const outcome = await source.push(
      item(
        'case',
        'update',
        { id: `zd-ticket-${t.id}`, patch: { status: 'solved' }, baseVersion: seen },
        { entityId: `zd-ticket-${t.id}` },
      ),
    );
    expect(outcome).toMatchObject({ kind: 'applied' });
    expect(t.status).toBe('solved');
  });

  it('an edit whose answer was lost, found applied on the retry, is applied (not a conflict)', async () => {
    const t = zd.add();
    const seen = t.updated;
    const row = item(
      'case',
      'update',
      { id: `zd-ticket-${t.id}`, patch: { status: 'pending' }, baseVersion: seen },
      { entityId: `zd-ticket-${t.id}` },
    );
    t.status = 'pending';
    zd.bump(t);
    expect(await source.push(row)).toMatchObject({ kind: 'applied', replayed: true });
  });
});

describe('escalations', () => {
  it('set priority and group, tag the ticket and leave the handoff once', async () => {
    const t = zd.add();
    const escalation = {
      id: 'esc-1',
      agentId: 'agent-7',
      source: 'case',
      interactionId: null,
      caseId: `zd-ticket-${t.id}`,
      customerId: 'zd-user-7',
      tier: 'tier-2',
      group: 'billing',
      priority: 'P1',
      summary: 'Double charge',
      handoff: { customerExpectation: 'Refund today', troubleshootingDone: 'Checked invoices', recommendedNextSteps: 'Refund' },
      createdAt: 1,
      acknowledgeBy: 2,
      resolveBy: 3,
      acknowledgedAt: null,
      resolvedAt: null,
      warmTransferAt: null,
      chain: [],
      revision: 1,
      updatedAt: 1,
    };
    await source.push(item('escalation', 'create', escalation));
    expect(t).toMatchObject({ priority: 'urgent', group_id: 102, tags: ['vip', 'wrap_escalated'] });
    expect(t.comments.at(-1)!.body).toContain('Recommended next steps: Refund');
    expect(await source.push(item('escalation', 'update', { ...escalation, acknowledgedAt: 5, revision: 2 }))).toMatchObject({
      kind: 'applied',
      replayed: true,
    });
    expect(t.comments.filter((c) => c.body.includes('Switchboard escalation ID: esc-1')).length).toBe(1);
    expect(await source.push(item('escalation', 'create', { ...escalation, id: 'esc-2', caseId: null }))).toMatchObject({
      kind: 'rejected',
      code: 'zendesk-no-case',
    });
  });
});

describe('customers', () => {
  it('a new customer is a Zendesk end user keyed by the customer’s UUID; sending it again updates the same user', async () => {
    const id = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    const customer = {
      id,
      name: 'Grace Hopper',
      email: 'grace@example.com',
      company: null,
      segment: null,
      doNotCall: false,
      notes: 'VIP',
      phones: [{ number: '+14155550199', label: 'mobile' }],
      createdAt: 1,
      updatedAt: 1,
      version: null,
      dirty: true,
    };
    const first = await source.push(item('customer', 'create', customer, { entityId: id }));
    expect(first).toMatchObject({ kind: 'applied', replayed: false });
    expect(zd.writes()[0]!.body).toEqual({
      user: {
        name: 'Grace Hopper',
        role: 'end-user',
        external_id: `switchboard:customer:${id}`,
        skip_verify_email: true,
        email: 'grace@example.com',
        phone: '+14155550199',
        notes: 'VIP',
      },
    });
    await source.push(item('customer', 'create', customer, { entityId: id }));
    expect([...zd.users.values()].filter((u) => u.external_id === `switchboard:customer:${id}`)).toHaveLength(1);
  });

  it('an edit checks the version just before writing: someone else’s change since is a conflict', async () => {
    const before = zd.users.get(7)!.updated_at as string;
    const ok = await source.push(
      item(
        'customer',
        'update',
        { id: 'zd-user-7', patch: { name: 'Ada L.' }, baseVersion: Date.parse(before) },
        { entityId: 'zd-user-7' },
      ),
    );
    expect(ok).toMatchObject({ kind: 'applied' });
    expect(zd.users.get(7)!.name).toBe('Ada L.');
    const stale = await source.push(
      item(
        'customer',
        'update',
        { id: 'zd-user-7', patch: { name: 'Ada Lovelace' }, baseVersion: Date.parse(before) },
        { entityId: 'zd-user-7' },
      ),
    );
    expect(stale).toMatchObject({ kind: 'conflict', current: { id: 'zd-user-7', name: 'Ada L.' } });
    expect(zd.users.get(7)!.name).toBe('Ada L.');
  });
});

describe('what each answer means', () => {
  const ticketCall = () => {
    const t = zd.add();
    return item('interaction', 'upsert', call({ caseId: `zd-ticket-${t.id}` }));
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (e: unknown) => e as SourceError,
    );

  it('422: rejected with Zendesk’s reason in words', async () => {
    zd.setOverride((r) =>
      r.method === 'PUT'
        ? {
            status: 422,
            body: {
              error: 'RecordInvalid',
              description: 'Record validation errors',
              details: { status: [{ description: 'closed prevents ticket update' }] },
            },
          }
        : undefined,
    );
    const outcome = await source.push(ticketCall());
    expect(outcome).toMatchObject({ kind: 'rejected', code: 'http-422' });
    expect(englishOf((outcome as { message: UserText }).message)).toMatch(
      /did not accept the values\. Record validation errors: status: closed prevents ticket update/,
    );
  });

  it('a 403 on reading this item’s ticket refuses the item, it does not stop sync', async () => {
    zd.setOverride((r) =>
      r.method === 'GET' && r.path.endsWith('/comments.json')
        ? { status: 403, body: { error: { title: 'Forbidden', message: 'No access to this group' } } }
        : undefined,
    );
    const outcome = await source.push(ticketCall());
    expect(outcome).toMatchObject({ kind: 'rejected', code: 'http-403' });
    expect(englishOf((outcome as { message: UserText }).message)).toContain('No access to this group');
  });

  it('sends the API token as Zendesk asks: Basic {email}/token:{token}', async () => {
    await source.push(ticketCall());
    expect(zd.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('admin@acme.com/token:secret').toString('base64')}`);
  });

  it('404 (ticket gone) and 403 (not allowed): rejected', async () => {
    expect(await source.push(item('interaction', 'upsert', call({ caseId: 'zd-ticket-999' })))).toMatchObject({
      kind: 'rejected',
      code: 'zendesk-ticket-gone',
    });
    zd.setOverride((r) =>
      r.method === 'PUT' ? { status: 403, body: { error: { title: 'Forbidden', message: 'You do not have access' } } } : undefined,
    );
    expect(await source.push(ticketCall())).toMatchObject({ kind: 'rejected', code: 'http-403' });
  });

  it('429: rate-limited with Retry-After; 5xx: server; 401: unauthorized', async () => {
    zd.setOverride(() => ({ status: 429, body: 'Too Many Requests', headers: { 'retry-after': '17' } }));
    expect(await failure(source.push(ticketCall()))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 17_000 });
    zd.setOverride(() => ({ status: 503, body: 'Service Unavailable' }));
    expect(await failure(source.push(ticketCall()))).toMatchObject({ kind: 'server', code: 'http-503' });
    zd.setOverride(() => ({ status: 401, body: { error: "Couldn't authenticate you" } }));
    const e = await failure(source.push(ticketCall()));
    expect(e).toMatchObject({ kind: 'unauthorized' });
    expect(e!.message).toContain('refused the Zendesk API token for admin@acme.com');
  });

  it('OAuth: a 401 renews the token once and sends again; a renewal that fails stops with a sentence', async () => {
    let token = 'old';
    let renewals = 0;
    const oauth = (ok: boolean) =>
      make({
        auth: {
          kind: 'oauth',
          accessToken: async () => token,
          refresh: async () => {
            renewals += 1;
            if (ok) token = 'new';
            return ok;
          },
        },
      });
    zd.setOverride((r) => (r.headers.authorization === 'Bearer old' ? { status: 401, body: { error: 'invalid_token' } } : undefined));
    expect(await oauth(true).push(ticketCall())).toMatchObject({ kind: 'applied' });
    expect(renewals).toBe(1);
    token = 'old';
    const e = await failure(oauth(false).push(ticketCall()));
    expect(e).toMatchObject({ kind: 'unauthorized', code: 'oauth-refresh-failed' });
    expect(renewals).toBe(2);
  });

  it('a create refused as a repeat under the same key with another body counts as done', async () => {
    const row = item('interaction', 'upsert', call({ id: 'call-5' }));
    await source.push(row);
    const moved = await source.push(item('interaction', 'upsert', call({ id: 'call-5', customerId: null })));
    expect(moved).toMatchObject({ kind: 'applied', replayed: true });
    expect([...zd.tickets.values()].filter((t) => t.external_id === 'switchboard:call:call-5').length).toBe(1);
  });

  it('an unknown kind of change is parked with a reason', async () => {
    expect(await source.push(item('case', 'delete', {}))).toMatchObject({ kind: 'rejected', code: 'unsupported-change' });
    expect(await source.push(item('interaction', 'upsert', null))).toMatchObject({ kind: 'rejected' });
  });
});
