import { createHash, randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../../tools/crm-emulators/zendesk/cli';
import { EMULATOR_ROUTES, startZendeskEmulator, type ZendeskEmulator } from '../../../tools/crm-emulators/zendesk/server';
import { NO_LIMITS } from './zendesk-harness';

/**
 * The Zendesk emulator's authentication (API tokens, OAuth code + PKCE,
 * refresh, expiry), its rate limits, every fault switch, the command line and
 * the memory a benchmark-sized seed takes. Real HTTP against the listening
 * server; time is a test clock.
 */

const EMAIL = 'admin@example.com';
const TOKEN = 'api-token-for-tests';
const AUTH = `Basic ${Buffer.from(`${EMAIL}/token:${TOKEN}`).toString('base64')}`;
const REDIRECT = 'http://127.0.0.1:53682/callback';

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
  init: { body?: unknown; form?: string; auth?: string | null } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const auth = init.auth === undefined ? AUTH : init.auth;
  if (auth) headers.authorization = auth;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  } else if (init.form !== undefined) {
    body = init.form;
    headers['content-type'] = 'application/x-www-form-urlencoded';
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

const bearer = (token: string): string => `Bearer ${token}`;

interface TokenBody {
  access_token: string;
  refresh_token: string;
  token_type: string;
  scope: string;
  expires_in: number | null;
  refresh_token_expires_in: number;
}

describe('Zendesk emulator: authentication and OAuth', () => {
  let clock = Date.UTC(2025, 5, 2, 12, 0, 0);
  let zd: ZendeskEmulator;
  beforeAll(async () => {
    zd = await startZendeskEmulator({
      apiTokens: [{ email: EMAIL, token: TOKEN }],
      oauthClients: [
        { id: 'switchboard', redirectUris: [REDIRECT] },
        { id: 'confidential', secret: 'client-secret-1', redirectUris: [REDIRECT] },
      ],
      now: () => clock,
      limits: NO_LIMITS,
    });
  });
  afterAll(() => zd.close());

  it('answers unauthenticated calls 401, except users/me which answers an anonymous user', async () => {
    const tickets = await call(zd.url, 'GET', '/api/v2/tickets/1.json', { auth: null });
    expect(tickets.status).toBe(401);
    expect(tickets.json).toEqual({ error: "Couldn't authenticate you" });
    const me = await call(zd.url, 'GET', '/api/v2/users/me.json', { auth: null });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ user: { id: null, name: 'Anonymous user' } });
    const wrongToken = `Basic ${Buffer.from(`${EMAIL}/token:not-the-token`).toString('base64')}`;
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json', { auth: wrongToken })).status).toBe(401);
    const password = `Basic ${Buffer.from(`${EMAIL}:a-password`).toString('base64')}`;
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json', { auth: password })).json).toMatchObject({ user: { id: null } });
    expect((await call(zd.url, 'GET', '/api/v2/tickets/1.json', { auth: password })).status).toBe(401);
    const ok = await call(zd.url, 'GET', '/api/v2/users/me.json');
    expect(ok.json).toMatchObject({ user: { email: EMAIL, role: 'admin' } });
  });

  it('takes bearer tokens until they expire, then answers 401 invalid_token; scopes limit what a token may do', async () => {
    const { accessToken } = zd.issueAccessToken({ expiresInSec: 300 });
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json', { auth: bearer(accessToken) })).json).toMatchObject({
      user: { email: EMAIL },
    });
    clock += 301_000;
    const expired = await call(zd.url, 'GET', '/api/v2/users/me.json', { auth: bearer(accessToken) });
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual({
      error: 'invalid_token',
      error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
    });
    const readTickets = zd.issueAccessToken({ scopes: ['tickets:read'] }).accessToken;
    expect((await call(zd.url, 'GET', '/api/v2/users/show_many.json?ids=1', { auth: bearer(readTickets) })).status).toBe(403);
    const write = await call(zd.url, 'POST', '/api/v2/tickets.json', {
      auth: bearer(readTickets),
      body: { ticket: { comment: { body: 'x' } } },
    });
    expect(write.status).toBe(403);
    expect(zd.state.counts.ticketCreates).toBe(0);
  });

  async function authorize(query: Record<string, string>): Promise<URL> {
    const answer = await call(zd.url, 'GET', `/oauth/authorizations/new?${new URLSearchParams(query).toString()}`, { auth: null });
    expect(answer.status).toBe(302);
    return new URL(answer.headers.get('location')!);
  }

  it('exchanges an authorization code with PKCE for tokens, refreshes them, and retires the old pair', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const back = await authorize({
      response_type: 'code',
      client_id: 'switchboard',
      redirect_uri: REDIRECT,
      scope: 'read write',
      state: 'csrf-123',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('csrf-123');
    const code = back.searchParams.get('code')!;
    const exchange = {
      grant_type: 'authorization_code',
      code,
      client_id: 'switchboard',
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      expires_in: 3600,
    };
    const wrong = await call(zd.url, 'POST', '/oauth/tokens', { auth: null, body: { ...exchange, code_verifier: 'x'.repeat(43) } });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ error: 'invalid_grant' });
    // The failed attempt used the code up, as a stolen code must not be retried.
    const again = await authorize({
      response_type: 'code',
      client_id: 'switchboard',
      redirect_uri: REDIRECT,
      scope: 'read write',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const granted = await call(zd.url, 'POST', '/oauth/tokens', {
      auth: null,
      body: { ...exchange, code: again.searchParams.get('code') },
    });
    expect(granted.status).toBe(201);
    const tokens = granted.json as TokenBody;
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'read write', expires_in: 3600, refresh_token_expires_in: 2_592_000 });
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json', { auth: bearer(tokens.access_token) })).json).toMatchObject({
      user: { email: EMAIL },
    });
    const reused = await call(zd.url, 'POST', '/oauth/tokens', { auth: null, body: { ...exchange, code: again.searchParams.get('code') } });
    expect(reused.json).toMatchObject({ error: 'invalid_grant' });

    clock += 3_601_000;
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json', { auth: bearer(tokens.access_token) })).status).toBe(401);
    const refreshed = await call(zd.url, 'POST', '/oauth/tokens', {
      auth: null,
      form: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
        client_id: 'switchboard',
        expires_in: '7200',
      }).toString(),
    });
    expect(refreshed.status).toBe(201);
    const renewed = refreshed.json as TokenBody;
    expect(renewed.access_token).not.toBe(tokens.access_token);
    expect(renewed.refresh_token).not.toBe(tokens.refresh_token);
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json', { auth: bearer(renewed.access_token) })).status).toBe(200);
    const replayed = await call(zd.url, 'POST', '/oauth/tokens', {
      auth: null,
      body: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: 'switchboard' },
    });
    expect(replayed.status).toBe(400);
    expect(replayed.json).toMatchObject({ error: 'invalid_grant' });
    // A refresh also ends the previous access token, even one that has not run out yet.
    const third = await call(zd.url, 'POST', '/oauth/tokens', {
      auth: null,
      body: { grant_type: 'refresh_token', refresh_token: renewed.refresh_token, client_id: 'switchboard' },
    });
    expect(third.status).toBe(201);
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json', { auth: bearer(renewed.access_token) })).status).toBe(401);
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json', { auth: bearer((third.json as TokenBody).access_token) })).status).toBe(200);
  });

  it('refuses what the OAuth endpoints refuse', async () => {
    const unregistered = await call(
      zd.url,
      'GET',
      `/oauth/authorizations/new?response_type=code&client_id=switchboard&scope=read&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`,
      {
        auth: null,
      },
    );
    expect(unregistered.status).toBe(400);
    expect(unregistered.headers.get('location')).toBeNull();
    const noPkce = await authorize({ response_type: 'code', client_id: 'switchboard', redirect_uri: REDIRECT, scope: 'read' });
    expect(noPkce.searchParams.get('error')).toBe('invalid_request');

    const confidential = await authorize({ response_type: 'code', client_id: 'confidential', redirect_uri: REDIRECT, scope: 'read' });
    const code = confidential.searchParams.get('code')!;
    const noSecret = await call(zd.url, 'POST', '/oauth/tokens', {
      auth: null,
      body: { grant_type: 'authorization_code', code, client_id: 'confidential' },
    });
    expect(noSecret.status).toBe(401);
    expect(noSecret.json).toMatchObject({ error: 'invalid_client' });
    const next = (
      await authorize({ response_type: 'code', client_id: 'confidential', redirect_uri: REDIRECT, scope: 'read' })
    ).searchParams.get('code')!;
    const tooLong = await call(zd.url, 'POST', '/oauth/tokens', {
      auth: null,
      body: {
        grant_type: 'authorization_code',
        code: next,
        client_id: 'confidential',
        client_secret: 'client-secret-1',
        expires_in: 172_801,
      },
    });
    expect(tooLong.json).toMatchObject({ error: 'invalid_request' });
    const later = (
      await authorize({ response_type: 'code', client_id: 'confidential', redirect_uri: REDIRECT, scope: 'read' })
    ).searchParams.get('code')!;
    clock += 121_000;
    const stale = await call(zd.url, 'POST', '/oauth/tokens', {
      auth: null,
      body: { grant_type: 'authorization_code', code: later, client_id: 'confidential', client_secret: 'client-secret-1' },
    });
    expect(stale.json).toMatchObject({ error: 'invalid_grant' });
    expect(
      (await call(zd.url, 'POST', '/oauth/tokens', { auth: null, body: { grant_type: 'password', client_id: 'confidential' } })).json,
    ).toMatchObject({
      error: 'unsupported_grant_type',
    });

    zd.oauth.approval = { ...zd.oauth.approval, decision: 'deny' };
    const denied = await authorize({
      response_type: 'code',
      client_id: 'confidential',
      redirect_uri: REDIRECT,
      scope: 'read',
      state: 's1',
    });
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('s1');
    zd.oauth.approval = { ...zd.oauth.approval, decision: 'approve' };
  });
});

describe('Zendesk emulator: rate limits', () => {
  let clock = Date.UTC(2025, 5, 2, 12, 0, 10);
  let zd: ZendeskEmulator;
  beforeAll(async () => {
    zd = await startZendeskEmulator({ apiTokens: [{ email: EMAIL, token: TOKEN }], now: () => clock, seed: { users: 5, tickets: 20 } });
  });
  afterAll(() => zd.close());

  it('allows 10 incremental export requests a minute, then answers 429 with Retry-After until the next minute', async () => {
    const path = '/api/v2/incremental/tickets/cursor.json?start_time=0';
    for (let i = 0; i < 10; i++) {
      const ok = await call(zd.url, 'GET', path);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('zendesk-ratelimit-incremental-exports')).toBe(`total=10; remaining=${9 - i}; resets=50`);
    }
    const limited = await call(zd.url, 'GET', path);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('50');
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json')).status).toBe(200);
    clock += 50_000;
    expect((await call(zd.url, 'GET', path)).status).toBe(200);
  });

  it('limits the account per minute (400 by default, Suite Professional) and reports it in the headers', async () => {
    const first = await call(zd.url, 'GET', '/api/v2/users/me.json');
    expect(first.headers.get('x-rate-limit')).toBe('400');
    expect(first.headers.get('ratelimit-limit')).toBe('400');
    zd.limiter.limits = { ...zd.limiter.limits, perMinute: 3 };
    clock += 60_000;
    for (let i = 0; i < 3; i++)
      expect((await call(zd.url, 'GET', '/api/v2/users/me.json')).headers.get('ratelimit-remaining')).toBe(String(2 - i));
    const limited = await call(zd.url, 'GET', '/api/v2/tickets/1.json');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    zd.limiter.limits = { ...zd.limiter.limits, perMinute: null };
    expect((await call(zd.url, 'GET', '/api/v2/tickets/1.json')).status).not.toBe(429);
  });
});

describe('Zendesk emulator: fault switches', () => {
  let zd: ZendeskEmulator;
  beforeAll(async () => {
    zd = await startZendeskEmulator({ apiTokens: [{ email: EMAIL, token: TOKEN }], limits: NO_LIMITS });
  });
  afterEach(() => zd.faults.clear());
  afterAll(() => zd.close());

  const create = (key: string): Promise<Answer> =>
    fetch(`${zd.url}/api/v2/tickets.json`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ ticket: { comment: { body: `Created with ${key}` } } }),
    }).then(async (res) => ({ status: res.status, headers: res.headers, text: await res.text(), json: null }));

  it('down: closes the listener (connection refused) and reopens it on the same port', async () => {
    const url = zd.url;
    await zd.faults.setDown(true);
    await expect(fetch(`${url}/api/v2/users/me.json`)).rejects.toThrow();
    await zd.faults.setDown(false);
    expect(zd.url).toBe(url);
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json')).status).toBe(200);
  });

  it('down for one path: cuts those connections only, for the given number of requests', async () => {
    zd.faults.add({ kind: 'down', path: '/api/v2/search*', times: 2 });
    await expect(fetch(`${zd.url}/api/v2/search.json?query=type:ticket`, { headers: { authorization: AUTH } })).rejects.toThrow();
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json')).status).toBe(200);
    await expect(fetch(`${zd.url}/api/v2/search.json?query=type:ticket`, { headers: { authorization: AUTH } })).rejects.toThrow();
    expect((await call(zd.url, 'GET', '/api/v2/search.json?query=type:ticket')).status).toBe(200);
  });

  it('error500 and rateLimit: answered before any work is done', async () => {
    zd.faults.add({ kind: 'error500', method: 'POST', path: '/api/v2/tickets.json' });
    zd.faults.add({ kind: 'rateLimit', method: 'POST', path: '/api/v2/tickets.json', retryAfterSec: 7 });
    expect((await create('fault-500')).status).toBe(500);
    const limited = await create('fault-429');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(zd.state.counts.ticketCreates).toBe(0);
    expect((await create('fault-ok')).status).toBe(201);
    expect(zd.faults.injected.error500).toBe(1);
  });

  it('duplicateDelivery: the create is applied and its answer lost; the retry with the same key replays it', async () => {
    const before = zd.state.counts.ticketCreates;
    zd.faults.add({ kind: 'duplicateDelivery', method: 'POST', path: '/api/v2/tickets.json' });
    await expect(create('lost-answer-1')).rejects.toThrow();
    expect(zd.state.counts.ticketCreates).toBe(before + 1);
    const retry = await create('lost-answer-1');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('x-idempotency-lookup')).toBe('hit');
    expect((JSON.parse(retry.text) as { ticket: { id: number } }).ticket.id).toBe(zd.state.idempotency.get('lost-answer-1')!.ticketId);
    expect(zd.state.counts.ticketCreates).toBe(before + 1);
    const log = zd.state.requests.filter((r) => r.method === 'POST' && r.path === '/api/v2/tickets.json').slice(-2);
    expect(log.map((r) => [r.status, r.fault])).toEqual([
      [0, 'duplicateDelivery'],
      [201, undefined],
    ]);
  });

  it('reset: the answer is cut off halfway through its body', async () => {
    zd.faults.add({ kind: 'reset', path: '/api/v2/users/me.json' });
    const res = await fetch(`${zd.url}/api/v2/users/me.json`, { headers: { authorization: AUTH } }).catch((error: unknown) => error);
    const outcome =
      res instanceof Response
        ? await res.text().then(
            () => 'complete',
            () => 'cut',
          )
        : 'cut';
    expect(outcome).toBe('cut');
    expect(zd.state.requests.at(-1)).toMatchObject({ path: '/api/v2/users/me.json', status: 0, fault: 'reset' });
  });

  it('tokenExpired: the presented access token expires for good; a refresh gets a working one', async () => {
    const { accessToken, refreshToken } = zd.issueAccessToken();
    zd.faults.add({ kind: 'tokenExpired', path: '/api/v2/users/me.json' });
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json', { auth: bearer(accessToken) })).json).toMatchObject({
      error: 'invalid_token',
    });
    expect((await call(zd.url, 'GET', '/api/v2/tickets/1.json', { auth: bearer(accessToken) })).status).toBe(401);
    const refreshed = await call(zd.url, 'POST', '/oauth/tokens', {
      auth: null,
      body: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'zendesk-emulator' },
    });
    expect(refreshed.status).toBe(201);
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json', { auth: bearer((refreshed.json as TokenBody).access_token) })).status).toBe(
      200,
    );
  });

  it('conflict: the next safe update is refused with 409; a plain update is not affected', async () => {
    const made = JSON.parse((await create('conflict-target')).text) as { ticket: { id: number; updated_at: string } };
    zd.faults.add({ kind: 'conflict' });
    const plain = await call(zd.url, 'PUT', `/api/v2/tickets/${made.ticket.id}.json`, { body: { ticket: { priority: 'low' } } });
    expect(plain.status).toBe(200);
    const stamp = (plain.json as { ticket: { updated_at: string } }).ticket.updated_at;
    const safe = { ticket: { priority: 'high', safe_update: true, updated_stamp: stamp } };
    expect((await call(zd.url, 'PUT', `/api/v2/tickets/${made.ticket.id}.json`, { body: safe })).status).toBe(409);
    expect((await call(zd.url, 'PUT', `/api/v2/tickets/${made.ticket.id}.json`, { body: safe })).status).toBe(200);
  });

  it('slow: answers after the delay', async () => {
    zd.faults.add({ kind: 'slow', path: '/api/v2/users/me.json', delayMs: 300 });
    const started = performance.now();
    expect((await call(zd.url, 'GET', '/api/v2/users/me.json')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(zd.faults.list()).toEqual([]);
  });
});

describe('Zendesk emulator: routes', () => {
  it('answers every route it lists (with and without .json), and InvalidEndpoint for others', async () => {
    const zd = await startZendeskEmulator({ apiTokens: [{ email: EMAIL, token: TOKEN }], limits: NO_LIMITS });
    try {
      for (const route of EMULATOR_ROUTES) {
        const [method, path] = route.split(' ') as [string, string];
        for (const variant of [path.replace('{id}', '1'), path.replace('{id}', '1').replace(/\.json$/, '')]) {
          const answer = await call(zd.url, method, variant, method === 'GET' ? {} : { body: {} });
          expect({ route, variant, body: answer.json }).not.toMatchObject({ body: { error: 'InvalidEndpoint' } });
          expect(answer.status, `${method} ${variant}`).not.toBe(500);
        }
      }
      expect((await call(zd.url, 'DELETE', '/api/v2/organizations/1.json')).json).toEqual({
        error: 'InvalidEndpoint',
        description: 'Not found',
      });
    } finally {
      await zd.close();
    }
  });
});

describe('Zendesk emulator: command line and a benchmark-sized seed', () => {
  it('reads the command line, with credentials from the environment only', () => {
    const { options, generatedToken } = parseCli(['--port', '8090', '--users', '1000', '--tickets', '5000', '--no-limits'], {
      ZENDESK_EMULATOR_API_TOKEN: 'from-env',
    });
    expect(generatedToken).toBeNull();
    expect(options).toMatchObject({
      port: 8090,
      apiTokens: [{ email: EMAIL, token: 'from-env' }],
      seed: { users: 1000, tickets: 5000 },
      limits: NO_LIMITS,
    });
    expect(parseCli([]).generatedToken).toMatch(/^[0-9a-f]{32}$/);
    expect(() => parseCli(['--tickets', '10'])).toThrow(/needs --users/);
    expect(() => parseCli(['--token', 'x'])).toThrow();
    expect(() => parseCli(['--port', 'eighty'])).toThrow(/--port/);
  });

  it('seeds 200k users and 1M tickets in a few MB, and serves them', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage();
    const zd = await startZendeskEmulator({
      apiTokens: [{ email: EMAIL, token: TOKEN }],
      limits: NO_LIMITS,
      seed: { users: 200_000, tickets: 1_000_000 },
    });
    try {
      gc();
      const after = process.memoryUsage();
      const mb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1_048_576;
      console.log(
        `zendesk emulator seed: 200000 users / 1000000 tickets retain ${mb.toFixed(1)} MB (seeded in ${zd.seedReport!.durationMs} ms)`,
      );
      expect(mb).toBeLessThan(64);
      const page = (await call(zd.url, 'GET', '/api/v2/incremental/tickets/cursor.json?start_time=0')).json as {
        tickets: { id: number }[];
        end_of_stream: boolean;
      };
      expect(page.tickets).toHaveLength(1000);
      expect(page.end_of_stream).toBe(false);
      const lastId = zd.seedReport!.ticketIds.last;
      const tail = zd.state.getTicket(lastId)!;
      const late = (
        await call(zd.url, 'GET', `/api/v2/incremental/tickets/cursor.json?start_time=${Math.floor(tail.updated_at_ms / 1000)}`)
      ).json as {
        tickets: { id: number }[];
        end_of_stream: boolean;
      };
      expect(late.tickets.map((t) => t.id)).toEqual([lastId]);
      expect(late.end_of_stream).toBe(true);
      const users = (await call(zd.url, 'GET', `/api/v2/users/show_many.json?ids=${zd.seedReport!.userIds.last}`)).json as {
        users: { id: number }[];
      };
      expect(users.users).toHaveLength(1);
    } finally {
      await zd.close();
    }
  });
});
