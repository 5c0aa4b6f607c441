import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../tools/crm-emulators/salesforce/server';

/**
 * The Salesforce emulator over real HTTP: SOQL query and queryMore, queryAll and getDeleted,
 * sObject rows with conditional updates, upsert by external id, sObject Collections and
 * Composite, and above all what it refuses, with Salesforce's status and error body. Time is a
 * test clock, so nothing here waits or races.
 */

const V = '/services/data/v62.0';

interface Answer {
  status: number;
  headers: Headers;
  json: unknown;
}

let clock = Date.UTC(2025, 5, 2, 9, 0, 0);
let sf: SalesforceEmulator;
let token: string;

async function call(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(sf.url + path, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}

const q = (soql: string): string => `${V}/query?q=${encodeURIComponent(soql)}`;
type Row = Record<string, unknown> & { Id: string };
interface Page {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Row[];
}
type ApiError = { errorCode: string; message: string; fields?: string[] }[];

const errorOf = (a: Answer): { errorCode: string; message: string; fields?: string[] } => (a.json as ApiError)[0]!;

beforeAll(async () => {
  // The clock jumps days here; sessions timing out is tested in salesforce-emulator-auth.test.ts.
  sf = await startSalesforceEmulator({ now: () => clock, sessionTimeoutSec: 365 * 86_400, seed: { contacts: 5_000, cases: 9_000 } });
  token = sf.issueSession().accessToken;
});

afterAll(async () => {
  await sf.close();
});

describe('Salesforce emulator: query and queryMore', () => {
  it('pages 2,000 records at a time in SystemModstamp order, with totalSize, done and nextRecordsUrl', async () => {
    const first = await call('GET', q('SELECT Id, Name, MobilePhone, SystemModstamp FROM Contact ORDER BY SystemModstamp, Id'));
    expect(first.status).toBe(200);
    expect(first.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/120000$/);
    const page = first.json as Page;
    expect(page.totalSize).toBe(5_000);
    expect(page.done).toBe(false);
    expect(page.records).toHaveLength(2_000);
    expect(page.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[0-9A-Za-z]{15}-2000$/);
    expect(page.records[0]).toMatchObject({ attributes: { type: 'Contact', url: `${V}/sobjects/Contact/${page.records[0]!.Id}` } });
    expect(Object.keys(page.records[0]!)).toEqual(['attributes', 'Id', 'Name', 'MobilePhone', 'SystemModstamp']);
    expect(page.records[0]!.SystemModstamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$/);
    const ids = page.records.map((r) => r.Id);
    let next = page.nextRecordsUrl;
    while (next) {
      const more = (await call('GET', next)).json as Page;
      expect(more.totalSize).toBe(5_000);
      ids.push(...more.records.map((r) => r.Id));
      next = more.nextRecordsUrl;
      if (!next) expect(more.done).toBe(true);
    }
    expect(ids).toHaveLength(5_000);
    expect(new Set(ids).size).toBe(5_000);
    // A page asked for again (the answer was lost) gives the same records.
    const again = (await call('GET', page.nextRecordsUrl!)).json as Page;
    expect(again.records[0]!.Id).toBe(ids[2_000]);
  });

  it('honours Sforce-Query-Options batchSize from 200 to 2,000 and refuses others', async () => {
    const soql = q('SELECT Id FROM Case ORDER BY SystemModstamp, Id');
    const small = await call('GET', soql, { headers: { 'sforce-query-options': 'batchSize=200' } });
    expect((small.json as Page).records).toHaveLength(200);
    expect((small.json as Page).nextRecordsUrl).toMatch(/-200$/);
    for (const bad of ['batchSize=100', 'batchSize=2001', 'batchsize=abc']) {
      const answer = await call('GET', soql, { headers: { 'sforce-query-options': bad } });
      expect(answer.status).toBe(400);
    }
  });

  it('resumes after a record with the (SystemModstamp, Id) clause a connector sends', async () => {
    const all = (
      await call('GET', q('SELECT Id, SystemModstamp FROM Case WHERE IsClosed = false ORDER BY SystemModstamp ASC, Id ASC LIMIT 300'))
    ).json as Page;
    expect(all.totalSize).toBe(300);
    expect(all.done).toBe(true);
    const mid = all.records[149]!;
    const t = (mid.SystemModstamp as string).replace('.000+0000', 'Z');
    const after = (
      await call(
        'GET',
        q(
          `SELECT Id FROM Case WHERE IsClosed = false AND (SystemModstamp > ${t} OR (SystemModstamp = ${t} AND Id > '${mid.Id}')) ORDER BY SystemModstamp ASC, Id ASC LIMIT 150`,
        ),
      )
    ).json as Page;
    expect(after.records.map((r) => r.Id)).toEqual(all.records.slice(150).map((r) => r.Id));
  });

  it('filters with =, !=, IN, LIKE and null, compares text without case, and reads parent relationships', async () => {
    const id = sf.state.insert('Contact', {
      FirstName: 'Zara',
      LastName: "O'Neil",
      Email: 'zara@example.com',
      MobilePhone: '+447700900123',
    });
    const byPhone = (
      await call('GET', q("SELECT Id, Name, Account.Name FROM Contact WHERE MobilePhone = '+447700900123' OR Phone = '+447700900123'"))
    ).json as Page;
    expect(byPhone.records).toEqual([
      { attributes: { type: 'Contact', url: `${V}/sobjects/Contact/${id}` }, Id: id, Name: "Zara O'Neil", Account: null },
    ]);
    const caseless = (await call('GET', q("SELECT Id FROM Contact WHERE LastName = 'o\\'neil'"))).json as Page;
    expect(caseless.records.map((r) => r.Id)).toEqual([id]);
    const like = (await call('GET', q("SELECT Id FROM Contact WHERE Email LIKE 'zara@%'"))).json as Page;
    expect(like.totalSize).toBe(1);
    const byIds = (await call('GET', q(`SELECT Id FROM Contact WHERE Id IN ('${id}', '${id.slice(0, 15)}')`))).json as Page;
    expect(byIds.records.map((r) => r.Id)).toEqual([id]);
    const withCase = (await call('GET', q('SELECT Id, CaseNumber, Contact.Name, Owner.Name FROM Case WHERE ContactId != null LIMIT 1')))
      .json as Page;
    expect(withCase.records[0]).toMatchObject({ Contact: { attributes: { type: 'Contact' } }, Owner: { Name: expect.any(String) } });
  });

  it('refuses what SOQL refuses: unknown objects and fields, wrong literal types, bad ids, mixed AND/OR', async () => {
    const cases: [string, string, RegExp][] = [
      ['SELECT Id FROM Contactz', 'INVALID_TYPE', /sObject type 'Contactz' is not supported/],
      ['SELECT Id, Fax__c FROM Contact', 'INVALID_FIELD', /ERROR at Row:1:Column:12\nNo such column 'Fax__c' on entity 'Contact'/],
      [
        "SELECT Id FROM Contact WHERE SystemModstamp > '2024-01-01T00:00:00Z'",
        'INVALID_FIELD',
        /must be of type dateTime and should not be enclosed in quotes/,
      ],
      ["SELECT Id FROM Contact WHERE Id = 'xyz'", 'INVALID_QUERY_FILTER_OPERATOR', /invalid ID field: xyz/],
      ["SELECT Id FROM Case WHERE IsClosed = false AND Priority = 'High' OR Status = 'New'", 'MALFORMED_QUERY', /parentheses/],
      ['SELECT Id, Id FROM Contact', 'MALFORMED_QUERY', /duplicate field selected/],
      ['SELECT Id FROM Contact WHERE Foo.Bar = 1', 'MALFORMED_QUERY', /does not support relationship fields in WHERE/],
      ['SELECT Id FROM Contact WHERE', 'MALFORMED_QUERY', /unexpected token: <EOF>/],
      ['SELECT Bogus.Name FROM Contact', 'INVALID_FIELD', /Didn't understand relationship 'Bogus'/],
    ];
    for (const [soql, code, message] of cases) {
      const answer = await call('GET', q(soql));
      expect(answer.status, soql).toBe(400);
      expect(errorOf(answer).errorCode, soql).toBe(code);
      expect(errorOf(answer).message, soql).toMatch(message);
    }
  });

  it('says plainly which SOQL it does not support', async () => {
    for (const soql of [
      'SELECT COUNT() FROM Contact',
      'SELECT FIELDS(ALL) FROM Contact LIMIT 200',
      'SELECT Id, (SELECT Id FROM Cases) FROM Contact',
      'SELECT Id FROM Case WHERE CreatedDate = LAST_N_DAYS:7',
      'SELECT Id FROM Case WHERE CreatedDate > TODAY',
      'SELECT Id FROM Case LIMIT 10 OFFSET 10',
      'SELECT Status FROM Case GROUP BY Status',
      'SELECT Id FROM Case ORDER BY Contact.Name',
    ]) {
      const answer = await call('GET', q(soql));
      expect(answer.status, soql).toBe(400);
      expect(errorOf(answer), soql).toMatchObject({
        errorCode: 'MALFORMED_QUERY',
        message: expect.stringContaining('The Salesforce emulator does not support'),
      });
    }
  });

  it('answers INVALID_QUERY_LOCATOR for an unknown or expired locator, and keeps at most 10 open per user', async () => {
    const bad = await call('GET', `${V}/query/01g5g0000000zzzAAA-2000`);
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toEqual({ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' });
    const first = (await call('GET', q('SELECT Id FROM Case'))).json as Page;
    clock += 16 * 60_000;
    const expired = await call('GET', first.nextRecordsUrl!);
    expect(errorOf(expired).errorCode).toBe('INVALID_QUERY_LOCATOR');
    const urls: string[] = [];
    for (let i = 0; i < 11; i++) urls.push(((await call('GET', q('SELECT Id FROM Case'))).json as Page).nextRecordsUrl!);
    expect((await call('GET', urls[0]!)).status).toBe(400);
    expect((await call('GET', urls[10]!)).status).toBe(200);
  });
});

describe('Salesforce emulator: deleted records', () => {
  it('shows deleted records to queryAll with IsDeleted = true, and lists them with getDeleted', async () => {
    clock = Date.UTC(2025, 5, 3, 10, 0, 0);
    const start = new Date(clock - 60 * 60_000).toISOString().replace('.000Z', '+00:00');
    const id = sf.state.insert('Case', { Subject: 'To delete', Status: 'New' });
    clock += 60_000;
    expect((await call('DELETE', `${V}/sobjects/Case/${id}`)).status).toBe(204);
    const deletedAt = clock;
    clock += 5 * 60_000;
    const soql = `SELECT Id, IsDeleted FROM Case WHERE Id = '${id}'`;
    expect(((await call('GET', q(soql))).json as Page).totalSize).toBe(0);
    const all = (await call('GET', `${V}/queryAll?q=${encodeURIComponent(soql)}`)).json as Page;
    expect(all.records).toEqual([{ attributes: { type: 'Case', url: `${V}/sobjects/Case/${id}` }, Id: id, IsDeleted: true }]);
    const end = new Date(clock).toISOString().replace('.000Z', '+00:00');
    const listed = await call('GET', `${V}/sobjects/Case/deleted/?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`);
    expect(listed.status).toBe(200);
    expect(listed.json).toMatchObject({
      deletedRecords: [{ id, deletedDate: new Date(deletedAt).toISOString().replace('Z', '+0000') }],
      latestDateCovered: new Date(clock).toISOString().replace('Z', '+0000'),
    });
    expect((await call('GET', `${V}/sobjects/Case/${id}`)).json).toEqual([
      { errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' },
    ]);
  });

  it('refuses getDeleted windows Salesforce refuses, with INVALID_REPLICATION_DATE', async () => {
    const at = (ms: number): string => encodeURIComponent(new Date(ms).toISOString().replace('.000Z', '+00:00'));
    const windows: [number, number][] = [
      [clock - 30_000, clock], // not more than a minute apart
      [clock, clock - 3_600_000], // start after end
      [clock - 20 * 86_400_000, clock], // more than 15 days ago
    ];
    for (const [start, end] of windows) {
      const answer = await call('GET', `${V}/sobjects/Case/deleted/?start=${at(start)}&end=${at(end)}`);
      expect(answer.status).toBe(400);
      expect(errorOf(answer).errorCode).toBe('INVALID_REPLICATION_DATE');
    }
    sf.state.emptyRecycleBin('Case');
    clock += 120_000;
    const purged = await call('GET', `${V}/sobjects/Case/deleted/?start=${at(clock - 3_600_000)}&end=${at(clock)}`);
    expect(errorOf(purged).errorCode).toBe('INVALID_REPLICATION_DATE');
    expect((await call('GET', `${V}/sobjects/Case/deleted/?end=${at(clock)}`)).status).toBe(400);
  });
});

describe('Salesforce emulator: sObject rows', () => {
  it('creates, reads, updates and deletes a case; derived fields follow', async () => {
    const contact = sf.state.insert('Contact', { LastName: 'Reyes' });
    const created = await call('POST', `${V}/sobjects/Case`, { body: { Subject: 'Billing', ContactId: contact, Priority: 'High' } });
    expect(created.status).toBe(201);
    const { id } = created.json as { id: string };
    expect(created.json).toEqual({ id, success: true, errors: [] });
    expect(id).toMatch(/^5005g0[0-9A-Za-z]{12}$/);
    const read = await call('GET', `${V}/sobjects/Case/${id}?fields=Status,IsClosed,CaseNumber`);
    expect(read.json).toEqual({
      attributes: { type: 'Case', url: `${V}/sobjects/Case/${id}` },
      Status: 'New',
      IsClosed: false,
      CaseNumber: expect.stringMatching(/^\d{8}$/),
    });
    clock += 1_000;
    expect((await call('PATCH', `${V}/sobjects/Case/${id}`, { body: { Status: 'Closed' } })).status).toBe(204);
    expect(sf.state.json(id)).toMatchObject({ Status: 'Closed', IsClosed: true, ClosedDate: expect.any(String) });
  });

  it('refuses bad writes with the codes Salesforce uses', async () => {
    const contact = sf.state.insert('Contact', { LastName: 'Okafor' });
    const caseId = sf.state.insert('Case', { Subject: 'x' });
    const expectations: [unknown, string, string[]][] = [
      [{ Subject: 'x', CallType: 'Sideways' }, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['CallType']],
      [{ Subject: 'x', TaskSubtype: 'Meeting' }, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['TaskSubtype']],
      [{ Subject: 'x', WhoId: caseId }, 'FIELD_INTEGRITY_EXCEPTION', ['WhoId']],
      [{ Subject: 'x', WhatId: contact }, 'FIELD_INTEGRITY_EXCEPTION', ['WhatId']],
      [{ Subject: 'x', WhoId: 'not-an-id' }, 'MALFORMED_ID', ['WhoId']],
      [{ Subject: 'x', WhoId: '003000000000000AAA' }, 'INVALID_CROSS_REFERENCE_KEY', ['WhoId']],
      [{ Subject: 'x', IsClosed: true }, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['IsClosed']],
      [{ Subject: 'x', Fax__c: '1' }, 'INVALID_FIELD', ['Fax__c']],
      [{ Subject: 'x'.repeat(256) }, 'STRING_TOO_LONG', ['Subject']],
      [{ Subject: 'x', CallDurationInSeconds: 12.5 }, 'NUMBER_OUTSIDE_VALID_RANGE', ['CallDurationInSeconds']],
      [{ Subject: 'x', Status: null }, 'REQUIRED_FIELD_MISSING', ['Status']],
    ];
    for (const [body, code, fields] of expectations) {
      const answer = await call('POST', `${V}/sobjects/Task`, { body });
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(errorOf(answer), code).toMatchObject({ errorCode: code, fields });
    }
    for (const body of [{ Subject: 42 }, { CallDurationInSeconds: '60' }, { ActivityDate: '2025-02-30' }]) {
      expect(errorOf(await call('POST', `${V}/sobjects/Task`, { body })).errorCode).toBe('JSON_PARSER_ERROR');
    }
    const noName = await call('POST', `${V}/sobjects/Contact`, { body: { FirstName: 'Only' } });
    expect(errorOf(noName)).toEqual({
      errorCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [LastName]',
      fields: ['LastName'],
    });
    const task = sf.state.insert('Task', { Subject: 'call', TaskSubtype: 'Call' });
    const subtype = await call('PATCH', `${V}/sobjects/Task/${task}`, { body: { TaskSubtype: 'Task' } });
    expect(errorOf(subtype)).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['TaskSubtype'] });
    const xml = await call('POST', `${V}/sobjects/Task`, { body: { Subject: 'x' }, headers: { 'content-type': 'application/xml' } });
    expect(xml.status).toBe(415);
    expect(errorOf(await call('GET', `${V}/sobjects/Case/${contact}`))).toMatchObject({
      errorCode: 'NOT_FOUND',
      message: expect.stringContaining('Provided external ID field does not exist'),
    });
    expect((await call('GET', `${V}/sobjects/Case/500000000000000AAA`)).json).toEqual([
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
    ]);
    expect((await call('PUT', `${V}/sobjects/Case/${caseId}`, { body: {} })).status).toBe(405);
    expect((await call('GET', `/services/data/v61.0/sobjects/Case/${caseId}`)).status).toBe(404);
  });

  it('refuses a PATCH with a stale If-Unmodified-Since with 412, and applies a current one', async () => {
    const id = sf.state.insert('Case', { Subject: 'Refund', Priority: 'Low' });
    const seen = new Date(Math.ceil(clock / 1000) * 1000).toUTCString();
    clock += 5_000;
    sf.state.modify(id, { Priority: 'Medium' }); // an agent in Salesforce changes it
    const stale = await call('PATCH', `${V}/sobjects/Case/${id}`, { body: { Priority: 'High' }, headers: { 'if-unmodified-since': seen } });
    expect(stale.status).toBe(412);
    expect(errorOf(stale).errorCode).toBe('PRECONDITION_FAILED');
    expect(sf.state.json(id)).toMatchObject({ Priority: 'Medium' });
    const current = new Date(clock).toUTCString();
    expect(
      (await call('PATCH', `${V}/sobjects/Case/${id}`, { body: { Priority: 'High' }, headers: { 'if-unmodified-since': current } })).status,
    ).toBe(204);
    const invalid = await call('PATCH', `${V}/sobjects/Case/${id}`, {
      body: { Priority: 'High' },
      headers: { 'if-unmodified-since': '2024-01-01' },
    });
    expect(invalid.status).toBe(400);
  });

  it('answers an ETag on Account rows and honours If-Match there', async () => {
    const id = sf.state.insert('Account', { Name: 'Acme Ltd' });
    const read = await call('GET', `${V}/sobjects/Account/${id}`);
    const etag = read.headers.get('etag')!;
    expect(etag).toMatch(/^".+--gzip"$/);
    clock += 1_000;
    sf.state.modify(id, { Phone: '+44 20 7946 0000' });
    expect((await call('PATCH', `${V}/sobjects/Account/${id}`, { body: { Name: 'Acme' }, headers: { 'if-match': etag } })).status).toBe(
      412,
    );
    const fresh = (await call('GET', `${V}/sobjects/Account/${id}`)).headers.get('etag')!;
    expect((await call('PATCH', `${V}/sobjects/Account/${id}`, { body: { Name: 'Acme' }, headers: { 'if-match': fresh } })).status).toBe(
      204,
    );
  });
});

describe('Salesforce emulator: upsert by external id', () => {
  it('creates once (201), then updates the same Task (200, created false)', async () => {
    const contact = sf.state.insert('Contact', { LastName: 'Ng' });
    const caseId = sf.state.insert('Case', { Subject: 'Delivery', ContactId: contact });
    const path = `${V}/sobjects/Task/Switchboard_Call_Id__c/call-0001`;
    const body = {
      Subject: 'Inbound call',
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      CallDurationInSeconds: 95,
      CallDisposition: 'Resolved',
      Status: 'Completed',
      ActivityDate: '2025-06-03',
      WhoId: contact,
      WhatId: caseId,
    };
    const first = await call('PATCH', path, { body });
    expect(first.status).toBe(201);
    const { id } = first.json as { id: string };
    expect(first.json).toEqual({ id, success: true, errors: [], created: true });
    const { TaskSubtype: _createOnly, ...again } = body;
    const second = await call('PATCH', path, { body: { ...again, CallDisposition: 'Callback' } });
    expect(second.status).toBe(200);
    expect(second.json).toEqual({ id, success: true, errors: [], created: false });
    expect(sf.state.list('Task', (t) => t.values.Switchboard_Call_Id__c === 'call-0001')).toHaveLength(1);
    expect(sf.state.json(id)).toMatchObject({ CallDisposition: 'Callback', IsClosed: true, AccountId: null, WhatId: caseId });
    // The update side of an upsert refuses create-only fields, as Salesforce does.
    expect(errorOf(await call('PATCH', path, { body }))).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['TaskSubtype'],
    });
    expect(
      (await call('PATCH', `${V}/sobjects/Task/Switchboard_Call_Id__c/call-9999?updateOnly=true`, { body: { Subject: 'x' } })).status,
    ).toBe(404);
  });

  it('answers NOT_FOUND when the external-id field does not exist, and INVALID_FIELD in a body or a query', async () => {
    sf.settings.taskExternalIdField = null;
    try {
      const upsert = await call('PATCH', `${V}/sobjects/Task/Switchboard_Call_Id__c/call-1`, { body: { Subject: 'x' } });
      expect(upsert.status).toBe(404);
      expect(upsert.json).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
      const many = await call('PATCH', `${V}/composite/sobjects/Task/Switchboard_Call_Id__c`, {
        body: { allOrNone: false, records: [{ attributes: { type: 'Task' }, Switchboard_Call_Id__c: 'c', Subject: 'x' }] },
      });
      expect(many.status).toBe(400);
      expect(errorOf(many)).toMatchObject({
        errorCode: 'INVALID_FIELD',
        message: expect.stringContaining('is not an External ID or indexed field for Task'),
      });
      expect(errorOf(await call('POST', `${V}/sobjects/Task`, { body: { Switchboard_Call_Id__c: 'c' } })).errorCode).toBe('INVALID_FIELD');
      expect(errorOf(await call('GET', q('SELECT Switchboard_Call_Id__c FROM Task'))).errorCode).toBe('INVALID_FIELD');
      const described = (await call('GET', `${V}/sobjects/Task/describe`)).json as { fields: { name: string }[] };
      expect(described.fields.map((f) => f.name)).not.toContain('Switchboard_Call_Id__c');
    } finally {
      sf.settings.taskExternalIdField = 'Switchboard_Call_Id__c';
    }
    const described = (await call('GET', `${V}/sobjects/Task/describe`)).json as { fields: { name: string; externalId: boolean }[] };
    expect(described.fields.find((f) => f.name === 'Switchboard_Call_Id__c')).toMatchObject({ externalId: true });
  });
});

describe('Salesforce emulator: sObject Collections and Composite', () => {
  const task = (key: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    attributes: { type: 'Task' },
    Switchboard_Call_Id__c: key,
    Subject: `Call ${key}`,
    Status: 'Completed',
    ...extra,
  });

  it('upserts up to 200 records, one result each; one bad record fails alone', async () => {
    const records = Array.from({ length: 200 }, (_, i) => task(`batch-${i}`, i === 7 ? { CallType: 'Sideways' } : {}));
    const answer = await call('PATCH', `${V}/composite/sobjects/Task/Switchboard_Call_Id__c`, { body: { allOrNone: false, records } });
    expect(answer.status).toBe(200);
    const results = answer.json as {
      id?: string;
      success: boolean;
      created?: boolean;
      errors: { statusCode: string; fields: string[] }[];
    }[];
    expect(results).toHaveLength(200);
    expect(results.filter((r) => r.success)).toHaveLength(199);
    expect(results[7]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          message: 'Call Type: bad value for restricted picklist field: Sideways',
          fields: ['CallType'],
        },
      ],
    });
    expect(results[0]).toMatchObject({ success: true, created: true, errors: [] });
    const again = (await call('PATCH', `${V}/composite/sobjects/Task/Switchboard_Call_Id__c`, { body: { records: records.slice(0, 2) } }))
      .json as { created: boolean; id: string }[];
    expect(again.map((r) => [r.created, r.id])).toEqual([
      [false, results[0]!.id],
      [false, results[1]!.id],
    ]);
    const tooMany = await call('PATCH', `${V}/composite/sobjects/Task/Switchboard_Call_Id__c`, {
      body: { records: [...records, task('batch-200')] },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toEqual([
      { errorCode: 'EXCEEDED_ID_LIMIT', message: 'record limit reached. cannot submit more than 200 records into this call' },
    ]);
    const twice = (
      await call('PATCH', `${V}/composite/sobjects/Task/Switchboard_Call_Id__c`, { body: { records: [task('dup'), task('dup')] } })
    ).json as { errors: { statusCode: string }[] }[];
    expect(twice.map((r) => r.errors[0]?.statusCode)).toEqual(['DUPLICATE_EXTERNAL_ID', 'DUPLICATE_EXTERNAL_ID']);
  });

  it('rolls every record back with allOrNone when one fails', async () => {
    const before = sf.state.list('Task').length;
    const answer = await call('POST', `${V}/composite/sobjects`, {
      body: {
        allOrNone: true,
        records: [
          { attributes: { type: 'Task' }, Subject: 'ok' },
          { attributes: { type: 'Task' }, Subject: 'bad', CallType: 'Nope' },
        ],
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual([
      {
        success: false,
        errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: expect.stringContaining('rolled back'), fields: [] }],
      },
      { success: false, errors: [expect.objectContaining({ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' })] },
    ]);
    expect(sf.state.list('Task')).toHaveLength(before);
    const noType = await call('POST', `${V}/composite/sobjects`, { body: { records: [{ Subject: 'no attributes' }] } });
    expect(errorOf(noType).errorCode).toBe('INVALID_TYPE');
    const update = (
      await call('PATCH', `${V}/composite/sobjects`, { body: { records: [{ attributes: { type: 'Task' }, Subject: 'no id' }] } })
    ).json as { errors: { statusCode: string }[] }[];
    expect(update[0]!.errors[0]!.statusCode).toBe('MISSING_ARGUMENT');
  });

  it('runs a composite request: a conditional case update and its Task, rolled back together on failure', async () => {
    const caseId = sf.state.insert('Case', { Subject: 'Escalate me', Status: 'Working' });
    const stale = new Date(clock - 3_600_000).toUTCString();
    clock += 1_000;
    sf.state.modify(caseId, { Priority: 'High' });
    const body = (since: string): unknown => ({
      allOrNone: true,
      compositeRequest: [
        {
          method: 'PATCH',
          url: `${V}/sobjects/Case/${caseId}`,
          referenceId: 'esc',
          body: { Status: 'Escalated', OwnerId: sf.state.queueIds[0] },
          httpHeaders: { 'If-Unmodified-Since': since },
        },
        {
          method: 'PATCH',
          url: `${V}/sobjects/Task/Switchboard_Call_Id__c/esc-1`,
          referenceId: 'task',
          body: { Subject: 'Escalated', WhatId: caseId, Status: 'Completed' },
        },
      ],
    });
    const refused = (await call('POST', `${V}/composite`, { body: body(stale) })).json as {
      compositeResponse: { httpStatusCode: number; body: ApiError }[];
    };
    expect(refused.compositeResponse.map((r) => r.httpStatusCode)).toEqual([412, 400]);
    expect(refused.compositeResponse[1]!.body[0]!.errorCode).toBe('PROCESSING_HALTED');
    expect(sf.state.findByExternalId('Switchboard_Call_Id__c', 'esc-1')).toBeUndefined();
    const ok = (await call('POST', `${V}/composite`, { body: body(new Date(clock).toUTCString()) })).json as {
      compositeResponse: { httpStatusCode: number }[];
    };
    expect(ok.compositeResponse.map((r) => r.httpStatusCode)).toEqual([204, 201]);
    expect(sf.state.json(caseId)).toMatchObject({ Status: 'Escalated', OwnerId: sf.state.queueIds[0] });
  });
});

describe('Salesforce emulator: Person Accounts', () => {
  it('returns each person account through the Contact query with IsPersonAccount = true and its phones', async () => {
    expect(errorOf(await call('GET', q('SELECT Id, IsPersonAccount FROM Contact'))).errorCode).toBe('INVALID_FIELD');
    const org = await startSalesforceEmulator({ personAccounts: true, seed: { contacts: 200, accounts: 20, cases: 10 } });
    try {
      const get = async (path: string, init: { method?: string; body?: unknown } = {}): Promise<Answer> => {
        const res = await fetch(org.url + path, {
          method: init.method ?? 'GET',
          headers: { authorization: `Bearer ${org.issueSession().accessToken}`, 'content-type': 'application/json' },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        });
        const text = await res.text();
        return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
      };
      const people = (await get(q('SELECT Id, AccountId, MobilePhone FROM Contact WHERE IsPersonAccount = true'))).json as Page;
      const accounts = (await get(q('SELECT Id, PersonContactId, PersonMobilePhone FROM Account WHERE IsPersonAccount = true')))
        .json as Page;
      expect(people.totalSize).toBe(4);
      expect(accounts.records.map((a) => [a.Id, a.PersonContactId, a.PersonMobilePhone])).toEqual(
        people.records.map((c) => [c.AccountId, c.Id, c.MobilePhone]),
      );
      const created = await get(`${V}/sobjects/Account`, {
        method: 'POST',
        body: { FirstName: 'Ada', LastName: 'Lovelace', PersonMobilePhone: '07700 900456' },
      });
      const accountId = (created.json as { id: string }).id;
      const contact = (
        (await get(q(`SELECT Id, Name, MobilePhone, IsPersonAccount FROM Contact WHERE AccountId = '${accountId}'`))).json as Page
      ).records[0]!;
      expect(contact).toMatchObject({ Name: 'Ada Lovelace', MobilePhone: '07700 900456', IsPersonAccount: true });
      expect(
        (await get(`${V}/sobjects/Account/${accountId}`, { method: 'PATCH', body: { PersonMobilePhone: '+447700900789' } })).status,
      ).toBe(204);
      expect(org.state.json(contact.Id)).toMatchObject({ MobilePhone: '+447700900789' });
      expect((await get(`${V}/sobjects/Contact/${contact.Id}`, { method: 'PATCH', body: { Title: 'Countess' } })).status).toBe(400);
    } finally {
      await org.close();
    }
  });
});
