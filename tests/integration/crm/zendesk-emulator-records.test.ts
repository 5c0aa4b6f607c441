import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZendeskEmulator, type ZendeskEmulator } from '../../../tools/crm-emulators/zendesk/server';
import { NO_LIMITS } from './zendesk-harness';

/**
 * The Zendesk emulator's endpoints for adding and removing records over real HTTP: Users › Create
 * User and Delete User, Tickets › List Tickets (by external id) and Delete Ticket. The optional live
 * suite (tests/live/) makes its test caller and cleans up with exactly these. Time is a test clock.
 */

const EMAIL = 'admin@example.com';
const TOKEN = 'records-test-token';

let clock = Date.UTC(2025, 6, 1, 9, 0, 0);
let zd: ZendeskEmulator;
beforeAll(async () => {
  zd = await startZendeskEmulator({
    apiTokens: [{ email: EMAIL, token: TOKEN }],
    limits: NO_LIMITS,
    now: () => clock,
    searchIndexLagSec: 60,
  });
});
afterAll(() => zd.close());

interface Answer {
  status: number;
  text: string;
  json: unknown;
}

async function call(method: string, path: string, body?: unknown, authorization?: string): Promise<Answer> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: authorization ?? `Basic ${Buffer.from(`${EMAIL}/token:${TOKEN}`).toString('base64')}`,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(zd.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // 204 and text/plain answers have no JSON.
  }
  return { status: res.status, text, json };
}

interface UserJson {
  id: number;
  name: string;
  phone: string | null;
  role: string;
  active: boolean;
  external_id: string | null;
  tags: string[];
}
interface TicketJson {
  id: number;
  status: string;
  external_id: string | null;
}

describe('Zendesk emulator: creating and deleting users', () => {
  it('creates an end user with a phone, finds them by phone once indexed, and deletes them (active: false)', async () => {
    const made = await call('POST', '/api/v2/users.json', {
      user: { name: 'Live Caller', phone: '+12125550142', external_id: 'records-test-1', tags: ['switchboard_live_test'] },
    });
    expect(made.status).toBe(201);
    const user = (made.json as { user: UserJson }).user;
    expect(user).toMatchObject({
      name: 'Live Caller',
      phone: '+12125550142',
      role: 'end-user',
      active: true,
      external_id: 'records-test-1',
      tags: ['switchboard_live_test'],
    });

    clock += 61_000;
    const found = (await call('GET', `/api/v2/search.json?query=${encodeURIComponent('type:user phone:+12125550142')}`)).json as {
      results: UserJson[];
    };
    expect(found.results.map((u) => u.id)).toEqual([user.id]);

    const deleted = await call('DELETE', `/api/v2/users/${user.id}.json`);
    expect(deleted.status).toBe(200);
    expect((deleted.json as { user: UserJson }).user).toMatchObject({ id: user.id, active: false });
    const shown = (await call('GET', `/api/v2/users/show_many.json?ids=${user.id}`)).json as { users: UserJson[] };
    expect(shown.users[0]).toMatchObject({ id: user.id, active: false });
    expect((await call('DELETE', `/api/v2/users/${user.id}.json`)).json).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    expect((await call('DELETE', '/api/v2/users/987654.json')).status).toBe(404);
  });

  it('refuses a user Zendesk refuses: no name, an unknown role, a taken external id or email; and never deletes an admin', async () => {
    const blank = await call('POST', '/api/v2/users.json', { user: { phone: '+12125550143' } });
    expect(blank.status).toBe(422);
    expect(blank.json).toMatchObject({ error: 'RecordInvalid', details: { name: [{ description: 'Name: cannot be blank' }] } });
    expect((await call('POST', '/api/v2/users.json', { user: { name: 'X', role: 'owner' } })).status).toBe(422);
    expect((await call('POST', '/api/v2/users.json', { user: { name: 'First', external_id: 'records-test-2' } })).status).toBe(201);
    const twice = await call('POST', '/api/v2/users.json', { user: { name: 'Second', external_id: 'records-test-2' } });
    expect(twice.status).toBe(422);
    expect(twice.json).toMatchObject({ details: { external_id: [{ error: 'DuplicateValue' }] } });
    const sameEmail = await call('POST', '/api/v2/users.json', { user: { name: 'Copy', email: EMAIL } });
    expect(sameEmail.json).toMatchObject({ details: { email: [{ error: 'DuplicateValue' }] } });
    expect((await call('POST', '/api/v2/users.json', { name: 'Not wrapped' })).status).toBe(400);

    const admin = zd.state.findUserByEmail(EMAIL)!;
    expect((await call('DELETE', `/api/v2/users/${admin.id}.json`)).status).toBe(403);
    expect(zd.state.getUser(admin.id)!.active).toBe(true);

    // A read-only OAuth grant may not write users.
    const { accessToken } = zd.issueAccessToken({ scopes: ['read'] });
    expect((await call('POST', '/api/v2/users.json', { user: { name: 'Nope' } }, `Bearer ${accessToken}`)).status).toBe(403);
  });
});

describe('Zendesk emulator: listing tickets by external id and deleting tickets', () => {
  it('lists the live tickets with an external id, oldest first; a deleted ticket answers 404 and leaves through the export', async () => {
    const requester = zd.state.addUser({ name: 'Requester', phone: '+12125550144' });
    const create = (externalId: string) =>
      call('POST', '/api/v2/tickets.json', {
        ticket: { requester_id: requester.id, external_id: externalId, comment: { body: 'Logged by a test', public: false } },
      });
    const first = ((await create('switchboard:call:records-1')).json as { ticket: TicketJson }).ticket;
    const second = ((await create('switchboard:call:records-1')).json as { ticket: TicketJson }).ticket;
    await create('switchboard:call:records-other');

    const listed = await call('GET', `/api/v2/tickets.json?external_id=${encodeURIComponent('switchboard:call:records-1')}`);
    expect(listed.status).toBe(200);
    expect(listed.json).toMatchObject({ count: 2, next_page: null });
    expect((listed.json as { tickets: TicketJson[] }).tickets.map((t) => t.id)).toEqual([first.id, second.id]);
    expect((await call('GET', '/api/v2/tickets.json')).status).toBe(400);

    const removed = await call('DELETE', `/api/v2/tickets/${first.id}.json`);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    expect((await call('GET', `/api/v2/tickets/${first.id}.json`)).status).toBe(404);
    expect((await call('DELETE', `/api/v2/tickets/${first.id}.json`)).status).toBe(404);
    const after = (await call('GET', '/api/v2/tickets.json?external_id=switchboard:call:records-1')).json as { tickets: TicketJson[] };
    expect(after.tickets.map((t) => t.id)).toEqual([second.id]);

    clock += 61_000;
    const exported = (await call('GET', `/api/v2/incremental/tickets/cursor.json?start_time=${Math.floor(clock / 1000) - 3600}`)).json as {
      tickets: TicketJson[];
    };
    expect(exported.tickets.find((t) => t.id === first.id)?.status).toBe('deleted');
  });
});
