import { createHash, randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../../tools/crm-emulators/salesforce/cli';
import { dailyApiLimitFor } from '../../../tools/crm-emulators/salesforce/limits';
import { EMULATOR_ROUTES } from '../../../tools/crm-emulators/salesforce/routes';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../tools/crm-emulators/salesforce/server';

/**
 * The Salesforce emulator's sign-in (OAuth 2.0 web server flow with PKCE, refresh, revoke),
 * sessions, the daily API limit, the fault switches, its command line and the memory a
 * benchmark-sized seed takes. Real HTTP against the listening server; time is a test clock.
 */

const V = '/services/data/v62.0';
const REDIRECT = 'http://127.0.0.1:53682/callback';

let clock = Date.UTC(2025, 5, 2, 9, 0, 0);

async function call(
  sf: SalesforceEmulator,
  method: string,
  path: string,
  init: { token?: string; body?: string | object; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers };
  let body: string | undefined;
  if (typeof init.body === 'string') body = init.body;
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(sf.url + path, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // text/plain pages stay text
  }
  return { status: res.status, headers: res.headers, json };
}

const form = (params: Record<string, string>): { body: string; headers: Record<string, string> } => ({
  body: new URLSearchParams(params).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function authorize(sf: SalesforceEmulator, params: Record<string, string>): Promise<URL | { status: number; text: unknown }> {
  const answer = await call(sf, 'GET', `/services/oauth2/authorize?${new URLSearchParams(params)}`);
  if (answer.status !== 302) return { status: answer.status, text: answer.json };
  return new URL(answer.headers.get('location')!);
}

describe('Salesforce emulator: OAuth 2.0 web server flow with PKCE', () => {
  let sf: SalesforceEmulator;
  beforeAll(async () => {
    sf = await startSalesforceEmulator({ now: () => clock, oauthClients: [{ id: 'switchboard', redirectUris: [REDIRECT] }] });
  });
  afterAll(async () => sf.close());

  it('signs in: code with state, token with the verifier, API calls with the session', async () => {
    const { verifier, challenge } = pkce();
    const back = (await authorize(sf, {
      response_type: 'code',
      client_id: 'switchboard',
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      state: 's-1',
    })) as URL;
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('s-1');
    const code = back.searchParams.get('code')!;
    const token = await call(
      sf,
      'POST',
      '/services/oauth2/token',
      form({ grant_type: 'authorization_code', code, client_id: 'switchboard', redirect_uri: REDIRECT, code_verifier: verifier }),
    );
    expect(token.status).toBe(200);
    const body = token.json as Record<string, string>;
    expect(body).toEqual({
      access_token: expect.stringMatching(/^00D5g0[0-9A-Za-z]{9}!/),
      refresh_token: expect.any(String),
      signature: expect.any(String),
      scope: 'api refresh_token',
      instance_url: sf.url,
      id: `${sf.url}/id/${sf.state.orgId}/${sf.state.adminId}`,
      token_type: 'Bearer',
      issued_at: String(clock),
    });
    expect(token.headers.get('cache-control')).toBe('no-store');
    expect((await call(sf, 'GET', `${V}/limits`, { token: body.access_token })).status).toBe(200);
    const me = await call(sf, 'GET', `/id/${sf.state.orgId}/${sf.state.adminId}`, { token: body.access_token });
    expect(me.json).toMatchObject({ user_id: sf.state.adminId, organization_id: sf.state.orgId, email: 'admin@example.com' });
    // A code is single use.
    const reuse = await call(
      sf,
      'POST',
      '/services/oauth2/token',
      form({ grant_type: 'authorization_code', code, client_id: 'switchboard', redirect_uri: REDIRECT, code_verifier: verifier }),
    );
    expect(reuse.json).toEqual({ error: 'invalid_grant', error_description: 'invalid authorization code' });
  });

  it('refreshes without a new refresh token (no rotation), and revoking the refresh token ends its sessions', async () => {
    const session = sf.issueSession({ clientId: 'switchboard' });
    const refreshed = await call(
      sf,
      'POST',
      '/services/oauth2/token',
      form({ grant_type: 'refresh_token', refresh_token: session.refreshToken!, client_id: 'switchboard' }),
    );
    expect(refreshed.status).toBe(200);
    const body = refreshed.json as Record<string, string>;
    expect(body.refresh_token).toBeUndefined();
    expect(body.access_token).not.toBe(session.accessToken);
    expect((await call(sf, 'GET', `${V}/limits`, { token: session.accessToken })).status).toBe(200);
    expect((await call(sf, 'POST', '/services/oauth2/revoke', form({ token: session.refreshToken! }))).status).toBe(200);
    for (const token of [session.accessToken, body.access_token!]) {
      const answer = await call(sf, 'GET', `${V}/limits`, { token });
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
    const again = await call(
      sf,
      'POST',
      '/services/oauth2/token',
      form({ grant_type: 'refresh_token', refresh_token: session.refreshToken!, client_id: 'switchboard' }),
    );
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
    expect((await call(sf, 'POST', '/services/oauth2/revoke', form({ token: 'nonsense' }))).json).toEqual({
      error: 'unsupported_token_type',
      error_description: 'this token type is not supported',
    });
  });

  it('refuses what the OAuth endpoints refuse', async () => {
    const { verifier, challenge } = pkce();
    expect(await authorize(sf, { response_type: 'code', client_id: 'nobody', redirect_uri: REDIRECT, code_challenge: challenge })).toEqual({
      status: 400,
      text: 'error=invalid_client_id&error_description=client identifier invalid',
    });
    expect(
      await authorize(sf, {
        response_type: 'code',
        client_id: 'switchboard',
        redirect_uri: 'http://127.0.0.1:9/evil',
        code_challenge: challenge,
      }),
    ).toMatchObject({ status: 400 });
    const noPkce = (await authorize(sf, { response_type: 'code', client_id: 'switchboard', redirect_uri: REDIRECT })) as URL;
    expect(noPkce.searchParams.get('error')).toBe('invalid_request');
    const plain = (await authorize(sf, {
      response_type: 'code',
      client_id: 'switchboard',
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'plain',
    })) as URL;
    expect(plain.searchParams.get('error')).toBe('invalid_request');
    const token = (response: URL, extra: Record<string, string>) =>
      call(
        sf,
        'POST',
        '/services/oauth2/token',
        form({
          grant_type: 'authorization_code',
          code: response.searchParams.get('code')!,
          client_id: 'switchboard',
          redirect_uri: REDIRECT,
          ...extra,
        }),
      );
    const fresh = async (): Promise<URL> =>
      (await authorize(sf, { response_type: 'code', client_id: 'switchboard', redirect_uri: REDIRECT, code_challenge: challenge })) as URL;
    expect((await token(await fresh(), { code_verifier: `${verifier}x` })).json).toEqual({
      error: 'invalid_request',
      error_description: 'invalid code verifier',
    });
    expect((await token(await fresh(), {})).json).toEqual({ error: 'invalid_grant', error_description: 'invalid code verifier' });
    const late = await fresh();
    clock += 16 * 60_000;
    expect((await token(late, { code_verifier: verifier })).json).toEqual({
      error: 'invalid_grant',
      error_description: 'expired authorization code',
    });
    expect((await call(sf, 'POST', '/services/oauth2/token', form({ grant_type: 'password', client_id: 'switchboard' }))).json).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'grant type not supported',
    });
    expect(
      (
        await call(sf, 'POST', '/services/oauth2/token', {
          body: JSON.stringify({ grant_type: 'refresh_token' }),
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
    sf.oauth.approval = { decision: 'deny', userId: sf.state.adminId };
    const denied = await fresh();
    sf.oauth.approval = { decision: 'approve', userId: sf.state.adminId };
    expect(denied.searchParams.get('error')).toBe('access_denied');
  });

  it('ends a session after the org session timeout without use (two hours)', async () => {
    const session = sf.issueSession();
    clock += 60 * 60_000;
    expect((await call(sf, 'GET', `${V}/limits`, { token: session.accessToken })).status).toBe(200);
    clock += 119 * 60_000; // used an hour ago: still alive
    expect((await call(sf, 'GET', `${V}/limits`, { token: session.accessToken })).status).toBe(200);
    clock += 121 * 60_000;
    expect((await call(sf, 'GET', `${V}/limits`, { token: session.accessToken })).status).toBe(401);
    expect((await call(sf, 'GET', `${V}/limits`)).status).toBe(401);
  });
});

describe('Salesforce emulator: the daily API request limit', () => {
  let sf: SalesforceEmulator;
  beforeAll(async () => {
    sf = await startSalesforceEmulator({ now: () => clock, dailyApiLimit: dailyApiLimitFor('developer') });
  });
  afterAll(async () => sf.close());

  it('reports api-usage on every answer, refuses with REQUEST_LIMIT_EXCEEDED when spent, and frees calls after 24 hours', async () => {
    const { accessToken: token } = sf.issueSession();
    const first = await call(sf, 'GET', `${V}/limits`, { token });
    expect(first.headers.get('sforce-limit-info')).toBe('api-usage=1/15000');
    expect(first.json).toEqual({ DailyApiRequests: { Max: 15_000, Remaining: 14_999 } });
    expect((await call(sf, 'GET', '/services/data/')).json).toEqual([{ label: "Winter '25", url: V, version: '62.0' }]);
    expect(sf.usage.used()).toBe(1); // the versions resource is free
    sf.usage.setUsage(14_999);
    expect((await call(sf, 'GET', `${V}/limits`, { token })).headers.get('sforce-limit-info')).toBe('api-usage=15000/15000');
    const refused = await call(sf, 'GET', `${V}/limits`, { token });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(refused.headers.get('sforce-limit-info')).toBe('api-usage=15000/15000');
    clock += 24 * 3_600_000;
    const fresh = sf.issueSession().accessToken;
    expect((await call(sf, 'GET', `${V}/limits`, { token: fresh })).headers.get('sforce-limit-info')).toBe('api-usage=1/15000');
    expect(dailyApiLimitFor('enterprise', 50)).toBe(150_000);
    expect(dailyApiLimitFor('unlimited', 10)).toBe(150_000);
  });
});

describe('Salesforce emulator: fault switches', () => {
  let sf: SalesforceEmulator;
  let token: string;
  beforeAll(async () => {
    sf = await startSalesforceEmulator({ now: () => clock });
  });
  afterAll(async () => sf.close());
  afterEach(() => sf.faults.clear());
  const renew = (): void => {
    token = sf.issueSession().accessToken;
  };
  const upsert = (key: string) =>
    call(sf, 'PATCH', `${V}/sobjects/Task/Switchboard_Call_Id__c/${key}`, { token, body: { Subject: 'Call' } });

  it('down: closes the listener and reopens it on the same port; or cuts matching connections', async () => {
    renew();
    const port = sf.port;
    await sf.faults.setDown(true);
    await expect(fetch(`${sf.url}/services/data/`)).rejects.toThrow();
    await sf.faults.setDown(false);
    expect(sf.port).toBe(port);
    sf.faults.add({ kind: 'down', path: `${V}/limits`, times: 2 });
    await expect(call(sf, 'GET', `${V}/limits`, { token })).rejects.toThrow();
    await expect(call(sf, 'GET', `${V}/limits`, { token })).rejects.toThrow();
    expect((await call(sf, 'GET', `${V}/limits`, { token })).status).toBe(200);
  });

  it('error500 and requestLimit answer before any work', async () => {
    renew();
    sf.faults.add({ kind: 'error500', method: 'PATCH' });
    const failed = await upsert('f-500');
    expect(failed.status).toBe(500);
    expect((failed.json as { errorCode: string }[])[0]!.errorCode).toBe('UNKNOWN_EXCEPTION');
    sf.faults.add({ kind: 'requestLimit', method: 'PATCH' });
    const limited = await upsert('f-500');
    expect(limited.status).toBe(403);
    expect((limited.json as { errorCode: string }[])[0]!.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(sf.state.findByExternalId('Switchboard_Call_Id__c', 'f-500')).toBeUndefined();
  });

  it('duplicateDelivery applies the upsert and loses the answer; the retry updates the same Task', async () => {
    renew();
    sf.faults.add({ kind: 'duplicateDelivery', path: `${V}/sobjects/Task/*` });
    await expect(upsert('f-dup')).rejects.toThrow();
    const retry = await upsert('f-dup');
    expect(retry.status).toBe(200);
    expect(retry.json).toMatchObject({ created: false });
    expect(sf.state.list('Task', (t) => t.values.Switchboard_Call_Id__c === 'f-dup')).toHaveLength(1);
  });

  it('reset: the work is done and the answer cut off halfway', async () => {
    renew();
    sf.faults.add({ kind: 'reset', path: `${V}/sobjects/Task/*` });
    await expect(upsert('f-reset')).rejects.toThrow();
    expect(sf.state.findByExternalId('Switchboard_Call_Id__c', 'f-reset')).toBeDefined();
    expect(sf.faults.injected.reset).toBe(1);
  });

  it('sessionExpired: the presented session stops working for good; a refresh gets a working one', async () => {
    const session = sf.issueSession();
    sf.faults.add({ kind: 'sessionExpired' });
    expect((await call(sf, 'GET', `${V}/limits`, { token: session.accessToken })).status).toBe(401);
    expect((await call(sf, 'GET', `${V}/limits`, { token: session.accessToken })).status).toBe(401);
    const refreshed = await call(
      sf,
      'POST',
      '/services/oauth2/token',
      form({ grant_type: 'refresh_token', refresh_token: session.refreshToken!, client_id: 'salesforce-emulator' }),
    );
    const fresh = (refreshed.json as { access_token: string }).access_token;
    expect((await call(sf, 'GET', `${V}/limits`, { token: fresh })).status).toBe(200);
  });

  it('conflict: the next conditional update is refused with 412; a plain one is not', async () => {
    renew();
    const id = sf.state.insert('Case', { Subject: 'Conflict' });
    sf.faults.add({ kind: 'conflict' });
    expect((await call(sf, 'PATCH', `${V}/sobjects/Case/${id}`, { token, body: { Priority: 'High' } })).status).toBe(204);
    const since = new Date(clock + 60_000).toUTCString();
    expect(
      (await call(sf, 'PATCH', `${V}/sobjects/Case/${id}`, { token, body: { Priority: 'Low' }, headers: { 'if-unmodified-since': since } }))
        .status,
    ).toBe(412);
    expect(
      (await call(sf, 'PATCH', `${V}/sobjects/Case/${id}`, { token, body: { Priority: 'Low' }, headers: { 'if-unmodified-since': since } }))
        .status,
    ).toBe(204);
  });

  it('slow: answers after the delay', async () => {
    renew();
    sf.faults.add({ kind: 'slow', delayMs: 50 });
    expect((await call(sf, 'GET', `${V}/limits`, { token })).status).toBe(200);
    expect(sf.faults.injected.slow).toBe(1);
  });

  it('counts answered requests per route', async () => {
    renew();
    const before = sf.state.routeCounts.get('limits') ?? 0;
    await call(sf, 'GET', `${V}/limits`, { token });
    expect(sf.state.routeCounts.get('limits')).toBe(before + 1);
    expect(sf.state.requests.at(-1)).toMatchObject({ method: 'GET', path: `${V}/limits`, status: 200, route: 'limits' });
  });
});

describe('Salesforce emulator: routes, command line and a benchmark-sized seed', () => {
  it('answers every route it lists (never 404 for the path itself), and NOT_FOUND for others', async () => {
    const sf = await startSalesforceEmulator({ seed: { contacts: 10, cases: 10 } });
    try {
      const { accessToken: token } = sf.issueSession();
      const caseId = sf.state.list('Case')[0]!.id;
      for (const route of EMULATOR_ROUTES) {
        const [method, template] = route.split(' ') as [string, string];
        const path = template
          .replace('{Type}', 'Case')
          .replace('{Id}', caseId)
          .replace('{ExternalIdField}/{value}', 'Nope__c/1')
          .replace('{ExternalIdField}', 'Nope__c')
          .replace('{locator}', '01g5g0000000001AAA-2000')
          .replace('{orgId}/{userId}', `${sf.state.orgId}/${sf.state.adminId}`);
        const answer = await call(sf, method, path, { token, ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }) });
        const notFoundBecauseOfPath = answer.status === 404 && !/Nope__c|resource does not exist/.test(JSON.stringify(answer.json));
        expect(notFoundBecauseOfPath, route).toBe(false);
      }
      expect((await call(sf, 'GET', `${V}/nothing`, { token })).json).toEqual([
        { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' },
      ]);
    } finally {
      await sf.close();
    }
  });

  it('reads the command line, with the OAuth client from the environment only', () => {
    const options = parseCli(['--port', '0', '--contacts', '100', '--cases', '300', '--redirect-uri', REDIRECT, '--no-external-id-field'], {
      SALESFORCE_EMULATOR_CLIENT_ID: 'switchboard',
    });
    expect(options).toMatchObject({
      port: 0,
      oauthClients: [{ id: 'switchboard', redirectUris: [REDIRECT] }],
      taskExternalIdField: null,
      seed: { contacts: 100, cases: 300, seed: 42 },
    });
    expect(() => parseCli(['--cases', '10'])).toThrow(/needs --contacts/);
    expect(() => parseCli([], { SALESFORCE_EMULATOR_CLIENT_ID: 'x' })).toThrow(/redirect-uri/);
    expect(() => parseCli(['--external-id-field', 'NoSuffix'])).toThrow(/__c/);
    expect(() => parseCli(['--client-secret', 'x'])).toThrow();
  });

  it('seeds 200k contacts and 1M cases in a few MB, and serves them', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage();
    const sf = await startSalesforceEmulator({ seed: { contacts: 200_000, cases: 1_000_000 } });
    try {
      gc();
      const after = process.memoryUsage();
      const mb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1_048_576;
      console.log(`salesforce emulator seed: ${mb.toFixed(1)} MB retained, seeded in ${sf.seedReport!.durationMs} ms`);
      expect(mb).toBeLessThan(16);
      const { accessToken: token } = sf.issueSession();
      const page = (
        await call(sf, 'GET', `${V}/query?q=${encodeURIComponent('SELECT Id, MobilePhone FROM Contact ORDER BY SystemModstamp, Id')}`, {
          token,
        })
      ).json as { totalSize: number; records: unknown[] };
      expect(page.totalSize).toBe(200_000);
      expect(page.records).toHaveLength(2_000);
      const cases = (await call(sf, 'GET', `${V}/query?q=${encodeURIComponent('SELECT Id FROM Case')}`, { token })).json as {
        totalSize: number;
      };
      expect(cases.totalSize).toBe(1_000_000);
    } finally {
      await sf.close();
    }
  });
});
