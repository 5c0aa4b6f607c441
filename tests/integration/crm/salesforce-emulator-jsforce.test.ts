import { Connection, OAuth2 } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../tools/crm-emulators/salesforce/server';

/**
 * jsforce itself against the emulator: if the real client can sign in with PKCE, query and
 * follow nextRecordsUrl, upsert, write sObject Collections, read deleted records and renew an
 * expired session through it, the emulator speaks the wire format the client expects.
 */

const REDIRECT = 'http://127.0.0.1:53682/callback';
let clock = Date.UTC(2025, 5, 2, 9, 0, 0);
let sf: SalesforceEmulator;

beforeAll(async () => {
  sf = await startSalesforceEmulator({
    now: () => clock,
    oauthClients: [{ id: 'switchboard', redirectUris: [REDIRECT] }],
    seed: { contacts: 4_500, cases: 3_000 },
  });
});

afterAll(async () => {
  await sf.close();
});

function connection(): Connection {
  const { accessToken } = sf.issueSession({ clientId: 'switchboard' });
  return new Connection({ instanceUrl: sf.url, accessToken, version: '62.0' });
}

describe('jsforce against the Salesforce emulator', () => {
  it('signs in with the web server flow and PKCE (OAuth2 useVerifier), then queries', async () => {
    const oauth2 = new OAuth2({ loginUrl: sf.url, clientId: 'switchboard', redirectUri: REDIRECT, useVerifier: true });
    const authorizeUrl = oauth2.getAuthorizationUrl({ scope: 'api refresh_token', state: 'xyz' });
    const browser = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(browser.status).toBe(302);
    const back = new URL(browser.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('xyz');
    const conn = new Connection({ oauth2, version: '62.0' });
    const userInfo = await conn.authorize(back.searchParams.get('code')!);
    expect(userInfo).toMatchObject({ id: sf.state.adminId, organizationId: sf.state.orgId });
    expect(conn.instanceUrl).toBe(sf.url);
    expect(conn.refreshToken).toEqual(expect.any(String));
    const result = await conn.query<{ Id: string }>('SELECT Id FROM Account LIMIT 5');
    expect(result.records).toHaveLength(5);
  });

  it('queries and follows nextRecordsUrl with queryMore, and fetches every page with autoFetch', async () => {
    const conn = connection();
    const first = await conn.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Contact ORDER BY SystemModstamp ASC, Id ASC');
    expect(first).toMatchObject({ totalSize: 4_500, done: false });
    expect(first.records).toHaveLength(2_000);
    const second = await conn.queryMore<{ Id: string }>(first.nextRecordsUrl!);
    expect(second.records).toHaveLength(2_000);
    const all = await conn.query<{ Id: string }>('SELECT Id FROM Contact').run({ autoFetch: true, maxFetch: 10_000 });
    expect(all.records).toHaveLength(4_500);
    expect(new Set(all.records.map((r) => r.Id)).size).toBe(4_500);
    expect(conn.limitInfo.apiUsage).toEqual({ used: expect.any(Number), limit: 120_000 });
  });

  it('upserts a Task by external id once, and reads the refusals as jsforce errors', async () => {
    const conn = connection();
    const contact = await conn.query<{ Id: string }>('SELECT Id FROM Contact LIMIT 1');
    const whoId = contact.records[0]!.Id;
    const task = {
      Switchboard_Call_Id__c: 'js-call-1',
      Subject: 'Inbound call',
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      Status: 'Completed',
      WhoId: whoId,
    };
    const created = await conn.sobject('Task').upsert(task, 'Switchboard_Call_Id__c');
    expect(created).toMatchObject({ success: true, created: true });
    const { TaskSubtype: _createOnly, ...rest } = task;
    const updated = await conn.sobject('Task').upsert({ ...rest, CallDurationInSeconds: 42 }, 'Switchboard_Call_Id__c');
    expect(updated).toMatchObject({ success: true, created: false, id: (created as { id: string }).id });
    await expect(conn.sobject('Task').create({ Subject: 'x', CallType: 'Sideways' })).rejects.toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    });
    await expect(conn.query('SELECT Nope FROM Task')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });

  it('writes sObject Collections (create, update, upsert) with allOrNone, 200 at a time', async () => {
    const conn = connection();
    const created = await conn.sobject('Task').create([{ Subject: 'a' }, { Subject: 'b', CallType: 'Nope' }], { allOrNone: false });
    expect(created.map((r) => r.success)).toEqual([true, false]);
    const rolledBack = await conn.sobject('Task').create([{ Subject: 'c' }, { Subject: 'd', CallType: 'Nope' }], { allOrNone: true });
    expect(rolledBack.map((r) => r.success)).toEqual([false, false]);
    const id = (created[0] as { id: string }).id;
    const updated = await conn.sobject('Task').update([{ Id: id, Status: 'Completed' }]);
    expect(updated).toEqual([{ id, success: true, errors: [] }]);
    const rows = Array.from({ length: 250 }, (_, i) => ({
      Switchboard_Call_Id__c: `js-bulk-${i}`,
      Subject: `Call ${i}`,
      Status: 'Completed',
    }));
    const upserted = await conn.upsert('Task', rows, 'Switchboard_Call_Id__c', { allowRecursive: true });
    expect(upserted).toHaveLength(250);
    expect(upserted.every((r) => r.success && r.created)).toBe(true);
    expect(sf.state.routeCounts.get('collections.upsert')).toBe(2);
  });

  it('renews an expired session with the refresh token and sends the request once more', async () => {
    const { accessToken, refreshToken } = sf.issueSession({ clientId: 'switchboard' });
    const conn = new Connection({
      oauth2: { loginUrl: sf.url, clientId: 'switchboard', redirectUri: REDIRECT },
      instanceUrl: sf.url,
      accessToken,
      refreshToken: refreshToken!,
      version: '62.0',
    });
    const renewed: string[] = [];
    conn.on('refresh', (token: string) => renewed.push(token));
    sf.faults.add({ kind: 'sessionExpired' });
    const result = await conn.query('SELECT Id FROM Case LIMIT 1');
    expect(result.records).toHaveLength(1);
    expect(renewed).toHaveLength(1);
    expect(conn.accessToken).toBe(renewed[0]);
    expect(sf.state.routeCounts.get('oauth.token')).toBeGreaterThanOrEqual(1);
  });

  it('updates a case with If-Unmodified-Since, and reads a 412 as PRECONDITION_FAILED', async () => {
    const conn = connection();
    const id = sf.state.insert('Case', { Subject: 'jsforce conflict' });
    const seen = new Date(Math.ceil(clock / 1000) * 1000).toUTCString();
    clock += 2_000;
    sf.state.modify(id, { Priority: 'Low' });
    await expect(
      conn.sobject('Case').update({ Id: id, Priority: 'High' }, { headers: { 'If-Unmodified-Since': seen } }),
    ).rejects.toMatchObject({ errorCode: 'PRECONDITION_FAILED' });
    const fresh = new Date(clock).toUTCString();
    expect(await conn.sobject('Case').update({ Id: id, Priority: 'High' }, { headers: { 'If-Unmodified-Since': fresh } })).toEqual({
      id,
      success: true,
      errors: [],
    });
  });

  it('lists deleted records (getDeleted) and reads them through queryAll (scanAll)', async () => {
    const conn = connection();
    const start = new Date(clock - 3_600_000);
    const id = sf.state.insert('Contact', { LastName: 'Gone' });
    clock += 60_000;
    await conn.sobject('Contact').destroy(id);
    clock += 5 * 60_000;
    const deleted = await conn.sobject('Contact').deleted(start, new Date(clock));
    expect(deleted.deletedRecords).toEqual([{ id, deletedDate: expect.stringMatching(/\+0000$/) }]);
    const all = await conn.query<{ Id: string; IsDeleted: boolean }>(`SELECT Id, IsDeleted FROM Contact WHERE Id = '${id}'`, {
      scanAll: true,
    });
    expect(all.records).toMatchObject([{ Id: id, IsDeleted: true }]);
  });

  it('sends a Composite request whose subrequests use an earlier answer (@{ref.id}), and lists updated ids', async () => {
    const conn = connection();
    const start = new Date(clock - 60_000);
    const answer = await conn.requestPost<{
      compositeResponse: { httpStatusCode: number; body: { id?: string } | null; referenceId: string }[];
    }>('/composite', {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Case',
          referenceId: 'newCase',
          body: { Subject: 'From composite', Priority: 'High' },
        },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Task',
          referenceId: 'step',
          body: { Subject: 'Escalation', WhatId: '@{newCase.id}', Status: 'Completed' },
        },
        { method: 'GET', url: '/services/data/v62.0/sobjects/Case/@{newCase.id}?fields=CaseNumber', referenceId: 'read' },
      ],
    });
    expect(answer.compositeResponse.map((r) => r.httpStatusCode)).toEqual([201, 201, 200]);
    const caseId = answer.compositeResponse[0]!.body!.id!;
    expect(sf.state.json(answer.compositeResponse[1]!.body!.id!)).toMatchObject({ WhatId: caseId });
    await expect(conn.sobject('Task').create({ Subject: 'dup', Switchboard_Call_Id__c: 'js-call-1' })).rejects.toMatchObject({
      errorCode: 'DUPLICATE_VALUE',
    });
    clock += 2 * 60_000;
    const updated = await conn.sobject('Case').updated(start, new Date(clock));
    expect(updated.ids).toContain(caseId);
  });
});
