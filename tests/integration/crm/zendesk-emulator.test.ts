import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZendeskEmulator, type ZendeskEmulator } from '../../../tools/crm-emulators/zendesk/server';
import { NO_LIMITS } from './zendesk-harness';

/**
 * The Zendesk emulator over real HTTP (fetch against the listening server):
 * the cursor exports, search, ticket writes with idempotency and safe updates,
 * and what it refuses. Time is a test clock, so nothing here waits or races.
 */

const EMAIL = 'admin@example.com';
const TOKEN = 'api-token-for-tests';
const AUTH = `Basic ${Buffer.from(`${EMAIL}/token:${TOKEN}`).toString('base64')}`;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function call(
  base: string,
  method: string,
  path: string,
  init: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: AUTH, ...init.headers };
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

interface TicketJson {
  id: number;
  status: string;
  subject: string | null;
  updated_at: string;
  created_at: string;
  requester_id: number;
  organization_id: number | null;
  tags: string[];
}
interface UserJson {
  id: number;
  active: boolean;
  organization_id: number | null;
  phone: string | null;
  updated_at: string;
}
interface ExportPage {
  tickets?: TicketJson[];
  users?: UserJson[];
  organizations?: { id: number; name: string }[];
  after_cursor: string;
  after_url: string;
  before_cursor: string | null;
  end_of_stream: boolean;
}
interface SearchPage {
  results: (TicketJson & UserJson & { result_type: string })[];
  count: number;
  next_page: string | null;
}
interface SearchExportPage {
  results: TicketJson[];
  meta: { has_more: boolean; after_cursor: string | null };
  links: { next: string | null };
}
interface ErrorBody {
  error: string;
  description: string;
  details: Record<string, { description: string }[]>;
}
interface CommentJson {
  id: number;
  type: string;
  body: string;
  public: boolean;
  author_id: number;
  data?: Record<string, unknown>;
}

const pathOf = (url: string): string => url.replace(/^https?:\/\/[^/]+/, '');

describe('Zendesk emulator: incremental exports', () => {
  let clock = Date.UTC(2025, 5, 2, 12, 0, 0);
  let zd: ZendeskEmulator;
  beforeAll(async () => {
    zd = await startZendeskEmulator({
      apiTokens: [{ email: EMAIL, token: TOKEN }],
      now: () => clock,
      limits: NO_LIMITS,
      seed: { users: 40, tickets: 150 },
    });
  });
  afterAll(() => zd.close());

  async function walk(first: string): Promise<{ rows: ExportPage[]; last: ExportPage }> {
    const rows: ExportPage[] = [];
    let next = first;
    for (let guard = 0; guard < 100; guard++) {
      const answer = await call(zd.url, 'GET', next);
      expect(answer.status).toBe(200);
      const page = answer.json as ExportPage;
      rows.push(page);
      if (page.end_of_stream) return { rows, last: page };
      next = pathOf(page.after_url);
    }
    throw new Error('the export never reached end_of_stream');
  }

  it('walks the ticket export to end_of_stream in (updated_at, id) order, then resumes from after_cursor', async () => {
    const { rows, last } = await walk('/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=40');
    const tickets = rows.flatMap((p) => p.tickets!);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows[0]!.before_cursor).toBeNull();
    expect(rows.slice(0, -1).every((p) => p.tickets!.length === 40)).toBe(true);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(150);
    const keys = tickets.map((t) => `${t.updated_at}|${String(t.id).padStart(8, '0')}`);
    expect(keys).toEqual([...keys].sort());

    // Changes after the stream ended: an update through the API, a deletion, a new ticket.
    const target = tickets.find((t) => t.status === 'open')!;
    expect((await call(zd.url, 'PUT', `/api/v2/tickets/${target.id}.json`, { body: { ticket: { priority: 'urgent' } } })).status).toBe(200);
    const deleted = zd.state.deleteTicket(tickets[5]!.id);
    const created = await call(zd.url, 'POST', '/api/v2/tickets.json', {
      body: { ticket: { subject: 'New', comment: { body: 'Hello' } } },
    });
    expect(created.status).toBe(201);
    const newId = (created.json as { ticket: TicketJson }).ticket.id;

    // Nothing from the most recent minute...
    const early = (await call(zd.url, 'GET', pathOf(last.after_url))).json as ExportPage;
    expect(early.tickets).toEqual([]);
    expect(early.end_of_stream).toBe(true);
    // ...and everything once that minute has passed.
    clock += 61_000;
    const resumed = (await call(zd.url, 'GET', `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(last.after_cursor)}`))
      .json as ExportPage;
    expect(resumed.end_of_stream).toBe(true);
    expect(resumed.tickets!.map((t) => t.id).sort((a, b) => a - b)).toEqual([target.id, deleted.id, newId].sort((a, b) => a - b));
    expect(resumed.tickets!.find((t) => t.id === deleted.id)!.status).toBe('deleted');
    expect(resumed.before_cursor).toBe(last.after_cursor);

    const withoutDeleted = (
      await call(
        zd.url,
        'GET',
        `/api/v2/incremental/tickets/cursor.json?exclude_deleted=true&cursor=${encodeURIComponent(last.after_cursor)}`,
      )
    ).json as ExportPage;
    expect(withoutDeleted.tickets!.map((t) => t.id)).not.toContain(deleted.id);
    expect(withoutDeleted.tickets).toHaveLength(2);
  });

  it('brings deleted users through the user export with active: false, and sideloads their organizations', async () => {
    const seeded = zd.seedReport!.userIds;
    const gone = zd.state.deleteUser(seeded.first + 3);
    clock += 61_000;
    const { rows } = await walk('/api/v2/incremental/users/cursor.json?start_time=0&per_page=15&include=organizations');
    const users = rows.flatMap((p) => p.users!);
    expect(users.filter((u) => u.id === gone.id)).toEqual([expect.objectContaining({ id: gone.id, active: false })]);
    const page = rows[0]!;
    const orgIds = new Set(page.users!.map((u) => u.organization_id).filter((id) => id !== null));
    expect(orgIds.size).toBeGreaterThan(0);
    expect(new Set(page.organizations!.map((o) => o.id))).toEqual(orgIds);
  });

  it('refuses what Zendesk refuses: no start_time, a recent start_time, per_page over 1,000, a foreign cursor', async () => {
    expect((await call(zd.url, 'GET', '/api/v2/incremental/tickets/cursor.json')).status).toBe(422);
    const recent = await call(zd.url, 'GET', `/api/v2/incremental/tickets/cursor.json?start_time=${Math.floor(clock / 1000) - 30}`);
    expect(recent.status).toBe(422);
    expect((recent.json as ErrorBody).description).toMatch(/^Too recent start_time/);
    expect((await call(zd.url, 'GET', '/api/v2/incremental/users/cursor.json?start_time=0&per_page=1001')).status).toBe(400);
    const tickets = (await call(zd.url, 'GET', '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1')).json as ExportPage;
    const foreign = await call(zd.url, 'GET', `/api/v2/incremental/users/cursor.json?cursor=${encodeURIComponent(tickets.after_cursor)}`);
    expect(foreign.status).toBe(422);
    expect(foreign.json).toMatchObject({ error: 'InvalidValue' });
    expect((await call(zd.url, 'GET', '/api/v2/incremental/tickets/cursor.json?cursor=bm90LWEtY3Vyc29y')).status).toBe(422);
  });

  it('lets only admins use the exports', async () => {
    const agent = zd.state.addUser({ name: 'Agent Smith', email: 'smith@example.com', role: 'agent' });
    const zd2 = await startZendeskEmulator({ apiTokens: [{ email: agent.email!, token: 't' }], limits: NO_LIMITS });
    try {
      zd2.state.updateUser(zd2.state.findUserByEmail(agent.email!)!.id, { role: 'agent' });
      const basic = `Basic ${Buffer.from(`${agent.email!}/token:t`).toString('base64')}`;
      const answer = await call(zd2.url, 'GET', '/api/v2/incremental/tickets/cursor.json?start_time=0', {
        headers: { authorization: basic },
      });
      expect(answer.status).toBe(403);
    } finally {
      await zd2.close();
    }
  });
});

describe('Zendesk emulator: search, open tickets first', () => {
  let clock = Date.UTC(2025, 5, 2, 12, 0, 0);
  let zd: ZendeskEmulator;
  beforeAll(async () => {
    zd = await startZendeskEmulator({
      apiTokens: [{ email: EMAIL, token: TOKEN }],
      now: () => clock,
      limits: NO_LIMITS,
      seed: { users: 60, tickets: 1500 },
    });
  });
  afterAll(() => zd.close());

  const openCount = (): number => zd.state.scanTickets((t) => ['new', 'open', 'pending', 'hold'].includes(t.status));

  it('finds unsolved tickets with status<solved, 100 a page, never past 1,000 results', async () => {
    const q = encodeURIComponent('type:ticket status<solved');
    const first = await call(zd.url, 'GET', `/api/v2/search.json?query=${q}&sort_by=updated_at&sort_order=desc`);
    expect(first.status).toBe(200);
    const page = first.json as SearchPage;
    expect(openCount()).toBeGreaterThan(300);
    expect(page.count).toBe(openCount());
    expect(page.results).toHaveLength(100);
    expect(page.results.every((r) => r.result_type === 'ticket' && ['new', 'open', 'pending', 'hold'].includes(r.status))).toBe(true);
    const stamps = page.results.map((r) => r.updated_at);
    expect(stamps).toEqual([...stamps].sort().reverse());
    expect(pathOf(page.next_page!)).toContain('page=2');
    const past = await call(zd.url, 'GET', `/api/v2/search.json?query=${q}&page=11&per_page=100`);
    expect(past.status).toBe(422);
    expect(past.json).toEqual({
      error: 'invalid',
      description: 'Invalid search: Requested response size was greater than Search Response Limits',
    });
    expect((await call(zd.url, 'GET', `/api/v2/search.json?query=${q}&page[size]=10`)).status).toBe(400);
    expect((await call(zd.url, 'GET', `/api/v2/search.json?query=${q}&per_page=101`)).status).toBe(400);
    expect((await call(zd.url, 'GET', `/api/v2/search.json?query=${encodeURIComponent('printer on fire')}`)).status).toBe(400);
  });

  it('exports every unsolved ticket with cursor pages in created_at order, and the requesters with show_many', async () => {
    const ids: number[] = [];
    const created: string[] = [];
    let next: string | null = `/api/v2/search/export.json?query=${encodeURIComponent('status<solved')}&filter[type]=ticket&page[size]=250`;
    while (next) {
      const answer = await call(zd.url, 'GET', next);
      expect(answer.status).toBe(200);
      const page = answer.json as SearchExportPage;
      ids.push(...page.results.map((t) => t.id));
      created.push(...page.results.map((t) => t.created_at));
      expect(page.meta.has_more).toBe(page.links.next !== null);
      next = page.links.next ? pathOf(page.links.next) : null;
    }
    expect(ids.length).toBe(openCount());
    expect(new Set(ids).size).toBe(ids.length);
    expect(created).toEqual([...created].sort());
    const typed = await call(
      zd.url,
      'GET',
      `/api/v2/search/export.json?query=${encodeURIComponent('type:ticket status<solved')}&filter[type]=ticket`,
    );
    expect(typed.status).toBe(400);
    expect((await call(zd.url, 'GET', `/api/v2/search/export.json?query=status%3Copen`)).status).toBe(400);

    const requesters = [...new Set(ids.slice(0, 50).map((id) => zd.state.getTicket(id)!.requester_id))];
    const users = await call(zd.url, 'GET', `/api/v2/users/show_many.json?ids=${requesters.join(',')}`);
    expect((users.json as { users: UserJson[] }).users.map((u) => u.id).sort((a, b) => a - b)).toEqual(
      [...requesters].sort((a, b) => a - b),
    );
    const tooMany = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    expect((await call(zd.url, 'GET', `/api/v2/users/show_many.json?ids=${tooMany}`)).status).toBe(400);
    const orgIds = (users.json as { users: UserJson[] }).users.map((u) => u.organization_id).filter((id) => id !== null);
    const orgs = await call(zd.url, 'GET', `/api/v2/organizations/show_many.json?ids=${orgIds.join(',')}`);
    expect((orgs.json as { organizations: { id: number; name: string }[] }).organizations.map((o) => o.id).sort()).toEqual(
      [...new Set(orgIds)].sort(),
    );
  });

  it('finds a caller by phone, and a new ticket only once it is indexed', async () => {
    const someone = zd.state.getUser(zd.seedReport!.userIds.first + 7)!;
    const phone = someone.phone ?? zd.state.updateUser(someone.id, { phone: '+447700900123' }).phone!;
    clock += 61_000;
    const found = await call(zd.url, 'GET', `/api/v2/search.json?query=${encodeURIComponent(`type:user phone:${phone}`)}`);
    expect((found.json as SearchPage).results.map((r) => r.id)).toEqual([someone.id]);

    const made = await call(zd.url, 'POST', '/api/v2/tickets.json', {
      body: { ticket: { comment: { body: 'Fresh' }, tags: ['fresh_one'] } },
    });
    expect(made.status).toBe(201);
    const q = `/api/v2/search.json?query=${encodeURIComponent('type:ticket tags:fresh_one')}`;
    expect((await call(zd.url, 'GET', q)).json).toMatchObject({ count: 0 });
    clock += 61_000;
    expect((await call(zd.url, 'GET', q)).json).toMatchObject({ count: 1 });
  });
});

describe('Zendesk emulator: tickets', () => {
  let clock = Date.UTC(2025, 5, 2, 12, 0, 0);
  let zd: ZendeskEmulator;
  beforeAll(async () => {
    zd = await startZendeskEmulator({
      apiTokens: [{ email: EMAIL, token: TOKEN }],
      now: () => clock,
      limits: NO_LIMITS,
      talkPartnerEdition: true,
    });
  });
  afterAll(() => zd.close());

  const body = {
    ticket: { subject: 'Call back', comment: { body: 'Customer asked for a callback' }, priority: 'high', tags: ['callback'] },
  };

  it('replays an idempotent create, refuses the same key with another body, and forgets keys after two hours', async () => {
    const headers = { 'idempotency-key': 'key-0001' };
    const first = await call(zd.url, 'POST', '/api/v2/tickets.json', { body, headers });
    expect(first.status).toBe(201);
    expect(first.headers.get('x-idempotency-lookup')).toBe('miss');
    const ticket = (first.json as { ticket: TicketJson }).ticket;
    expect(first.headers.get('location')).toBe(`${zd.url}/api/v2/tickets/${ticket.id}.json`);

    clock += 1000;
    const replay = await call(zd.url, 'POST', '/api/v2/tickets.json', { body, headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('x-idempotency-lookup')).toBe('hit');
    expect(replay.text).toBe(first.text);
    expect(zd.state.counts.ticketCreates).toBe(1);

    const changed = await call(zd.url, 'POST', '/api/v2/tickets.json', { body: { ticket: { ...body.ticket, priority: 'low' } }, headers });
    expect(changed.status).toBe(400);
    expect(changed.json).toEqual({
      error: 'IdempotentRequestError',
      description: "Request parameters don't match the given idempotency key",
    });
    expect(zd.state.counts.ticketCreates).toBe(1);
    expect(zd.state.idempotency.get('key-0001')?.ticketId).toBe(ticket.id);

    clock += 2 * 3_600_000;
    const later = await call(zd.url, 'POST', '/api/v2/tickets.json', { body, headers });
    expect(later.status).toBe(201);
    expect(later.headers.get('x-idempotency-lookup')).toBe('miss');
    expect((later.json as { ticket: TicketJson }).ticket.id).not.toBe(ticket.id);
    expect(zd.state.counts.ticketCreates).toBe(2);
  });

  it('adds comments with body, public and author_id, and lists them oldest first', async () => {
    const agent = zd.state.addUser({ name: 'Agent', email: 'agent.comments@example.com', role: 'agent' });
    const made = (await call(zd.url, 'POST', '/api/v2/tickets.json', { body })).json as { ticket: TicketJson };
    clock += 5000;
    const update = await call(zd.url, 'PUT', `/api/v2/tickets/${made.ticket.id}.json`, {
      body: { ticket: { status: 'pending', comment: { body: 'Called back, no answer', public: false, author_id: agent.id } } },
    });
    expect(update.status).toBe(200);
    const after = (update.json as { ticket: TicketJson }).ticket;
    expect(after.status).toBe('pending');
    expect(after.updated_at > made.ticket.updated_at).toBe(true);
    const list = (await call(zd.url, 'GET', `/api/v2/tickets/${made.ticket.id}/comments.json`)).json as {
      comments: CommentJson[];
      count: number;
    };
    expect(list.count).toBe(2);
    expect(list.comments[1]).toMatchObject({ body: 'Called back, no answer', public: false, author_id: agent.id, type: 'Comment' });
    const cursorPage = (await call(zd.url, 'GET', `/api/v2/tickets/${made.ticket.id}/comments.json?page[size]=1`)).json as {
      comments: CommentJson[];
      meta: { has_more: boolean };
      links: { next: string };
    };
    expect(cursorPage.meta.has_more).toBe(true);
    const second = (await call(zd.url, 'GET', pathOf(cursorPage.links.next))).json as {
      comments: CommentJson[];
      meta: { has_more: boolean };
    };
    expect(second.comments.map((c) => c.body)).toEqual(['Called back, no answer']);
    expect(second.meta.has_more).toBe(false);
  });

  it('refuses a safe update whose updated_stamp is stale with 409, and applies a current one', async () => {
    const made = (await call(zd.url, 'POST', '/api/v2/tickets.json', { body })).json as { ticket: TicketJson };
    const stamp = made.ticket.updated_at;
    zd.state.updateTicket(made.ticket.id, { priority: 'low' });
    const stale = await call(zd.url, 'PUT', `/api/v2/tickets/${made.ticket.id}.json`, {
      body: { ticket: { status: 'solved', safe_update: true, updated_stamp: stamp } },
    });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: 'UpdateConflict' });
    expect(zd.state.getTicket(made.ticket.id)!.status).not.toBe('solved');
    const current = (await call(zd.url, 'GET', `/api/v2/tickets/${made.ticket.id}.json`)).json as { ticket: TicketJson };
    const fresh = await call(zd.url, 'PUT', `/api/v2/tickets/${made.ticket.id}.json`, {
      body: { ticket: { status: 'solved', safe_update: true, updated_stamp: current.ticket.updated_at } },
    });
    expect(fresh.status).toBe(200);
    expect(zd.state.getTicket(made.ticket.id)!.status).toBe('solved');
  });

  it('refuses invalid tickets with 422 RecordInvalid, bad JSON with 400, unknown and deleted tickets with 404', async () => {
    const blank = await call(zd.url, 'POST', '/api/v2/tickets.json', { body: { ticket: { subject: 'No comment' } } });
    expect(blank.status).toBe(422);
    expect(blank.json).toMatchObject({
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { base: [{ description: 'Description: cannot be blank' }] },
    });
    const badStatus = await call(zd.url, 'POST', '/api/v2/tickets.json', {
      body: { ticket: { comment: { body: 'x' }, status: 'deleted', priority: 'asap' } },
    });
    expect(badStatus.status).toBe(422);
    expect(Object.keys((badStatus.json as ErrorBody).details).sort()).toEqual(['priority', 'status']);
    const badRequester = await call(zd.url, 'POST', '/api/v2/tickets.json', {
      body: { ticket: { comment: { body: 'x' }, requester_id: 99_999 } },
    });
    expect(badRequester.status).toBe(422);
    const notJson = await call(zd.url, 'POST', '/api/v2/tickets.json', {
      raw: '{"ticket":',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(
      (await call(zd.url, 'POST', '/api/v2/tickets.json', { raw: 'ticket=1', headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(400);
    expect(zd.state.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/v2/tickets.json', status: 400 });

    expect((await call(zd.url, 'GET', '/api/v2/tickets/987654.json')).json).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    const made = (await call(zd.url, 'POST', '/api/v2/tickets.json', { body })).json as { ticket: TicketJson };
    zd.state.deleteTicket(made.ticket.id);
    expect((await call(zd.url, 'GET', `/api/v2/tickets/${made.ticket.id}.json`)).status).toBe(404);
    expect((await call(zd.url, 'GET', '/api/v2/nothing/here.json')).json).toEqual({ error: 'InvalidEndpoint', description: 'Not found' });

    const closed = (await call(zd.url, 'POST', '/api/v2/tickets.json', { body: { ticket: { comment: { body: 'x' }, status: 'closed' } } }))
      .json as {
      ticket: TicketJson;
    };
    const reopen = await call(zd.url, 'PUT', `/api/v2/tickets/${closed.ticket.id}.json`, { body: { ticket: { status: 'open' } } });
    expect(reopen.status).toBe(422);
    expect((reopen.json as ErrorBody).details.status![0]!.description).toBe('closed prevents ticket update');
  });

  it('logs calls with Talk Partner Edition: a voice ticket with its voice comment', async () => {
    const agent = zd.state.addUser({ name: 'Phone Agent', email: 'phone.agent@example.com', role: 'agent' });
    const caller = zd.state.addUser({ name: 'Caller', email: 'caller@example.com', phone: '+447700900555' });
    const voice = {
      from: '+447700900555',
      to: '+442071838750',
      recording_url: 'https://recordings.example.com/call-1.mp3',
      started_at: '2025-06-02T11:58:00Z',
      call_duration: 95,
      answered_by_id: agent.id,
      location: 'London, UK',
    };
    const answer = await call(zd.url, 'POST', '/api/v2/channels/voice/tickets.json', {
      body: {
        display_to_agent: agent.id,
        ticket: { via_id: 45, subject: 'Call from +447700900555', requester_id: caller.id, voice_comment: voice },
      },
    });
    expect(answer.status).toBe(201);
    const ticket = (answer.json as { ticket: TicketJson & { via: { channel: string; source: { rel: string } } } }).ticket;
    expect(ticket.via).toMatchObject({ channel: 'voice', source: { rel: 'inbound' } });
    expect(zd.state.voiceTickets().map((t) => t.id)).toEqual([ticket.id]);
    expect(zd.state.voiceComments(ticket.id).map((c) => c.data)).toEqual([voice]);
    const listed = (await call(zd.url, 'GET', `/api/v2/tickets/${ticket.id}/comments.json`)).json as { comments: CommentJson[] };
    expect(listed.comments[0]).toMatchObject({ type: 'VoiceComment', data: voice });

    const noVia = await call(zd.url, 'POST', '/api/v2/channels/voice/tickets.json', { body: { ticket: { voice_comment: voice } } });
    expect(noVia.status).toBe(422);
    expect(Object.keys((noVia.json as ErrorBody).details)).toEqual(['via_id']);
    const badAgent = await call(zd.url, 'POST', '/api/v2/channels/voice/tickets.json', {
      body: { display_to_agent: caller.id, ticket: { via_id: 45, voice_comment: voice } },
    });
    expect(badAgent.status).toBe(422);
    expect(zd.state.voiceTickets()).toHaveLength(1);

    zd.settings.talkPartnerEdition = false;
    const off = await call(zd.url, 'POST', '/api/v2/channels/voice/tickets.json', {
      body: { ticket: { via_id: 45, voice_comment: voice } },
    });
    expect(off.status).toBe(403);
    expect(off.json).toMatchObject({ error: { title: 'Forbidden' } });
    zd.settings.talkPartnerEdition = true;
  });
});
