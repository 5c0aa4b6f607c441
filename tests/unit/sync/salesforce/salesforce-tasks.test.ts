import { describe, expect, it } from 'vitest';
import {
  LIMIT_RETRY_MS,
  SalesforceAnswerError,
  accountError,
  describeErrors,
  pullError,
  readApiUsage,
  readErrors,
} from '../../../../electron/sync/connectors/salesforce/salesforce-errors';
import {
  activityDate,
  callTask,
  callbackTask,
  escalationTask,
  escalationTaskKey,
  withoutCreateOnly,
  wrapUpTask,
} from '../../../../electron/sync/connectors/salesforce/salesforce-tasks';
import { resolvePolicy } from '../../../../shared/policy/resolve';
import { salesforceFieldMapping, salesforceFieldMappingSchema } from '../../../../shared/sync/salesforce-fields';
import type { Callback, EscalationRecord, Interaction, WrapUpRecord } from '../../../../shared/store/types';
import { englishOf, type UserText } from '../../../../shared/text/user-text';

/** A policy problem as main logs it. */
const english = (text: UserText | undefined) => (text ? englishOf(text) : undefined);

/** Agent work as Tasks, Salesforce's refusals as what sync does, and the mapping policy: pure functions. */

const CONTACT = '003D000000QV9n2IAD';
const CASE = '500D000000LDbmOIAT';
const START = new Date(2024, 4, 1, 23, 30, 0).getTime();

const call = (over: Partial<Interaction> = {}): Interaction => ({
  id: '6f1c2b1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b',
  agentId: 'agent-1',
  channel: 'call',
  direction: 'inbound',
  outcome: 'answered',
  number: '+15127579340',
  startedAt: START,
  answeredAt: START + 5_000,
  endedAt: START + 200_000,
  talkSeconds: 180,
  holdSeconds: 15,
  afterCallWorkSeconds: 30,
  customerId: `sf-contact-${CONTACT}`,
  caseId: `sf-case-${CASE}`,
  sipCallId: 'a84b4c76e66710@pc33.example.com',
  quality: null,
  ...over,
});

const wrapUp = (over: Partial<WrapUpRecord> = {}): WrapUpRecord => ({
  interactionId: call().id,
  agentId: 'agent-1',
  state: 'submitted',
  code: 'resolved',
  notes: 'Reset the router; line back.',
  resolvedOnFirstContact: true,
  callback: null,
  doNotCall: null,
  revision: 3,
  updatedAt: START + 230_000,
  submittedAt: START + 230_000,
  ...over,
});

describe('calls as Tasks', () => {
  it('an answered inbound call: subtype Call, type, duration, Completed, the day it started, on the contact and the case', () => {
    expect(callTask(call())).toEqual({
      Subject: 'Inbound call from +15127579340',
      Status: 'Completed',
      ActivityDate: '2024-05-01',
      WhoId: CONTACT,
      WhatId: CASE,
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      CallDurationInSeconds: 195,
      CallObject: 'a84b4c76e66710@pc33.example.com',
    });
  });

  it('a missed or outbound call says so; a desktop-made customer or case is not linked', () => {
    expect(callTask(call({ outcome: 'missed', answeredAt: null, talkSeconds: 0, holdSeconds: 0 })).Subject).toBe(
      'Missed inbound call from +15127579340',
    );
    const outbound = callTask(call({ direction: 'outbound', customerId: '6f1c2b1e-8c3d-4e5f-9a0b-1c2d3e4f5a6c', caseId: null }));
    expect(outbound).toMatchObject({ Subject: 'Outbound call to +15127579340', CallType: 'Outbound' });
    expect(outbound).not.toHaveProperty('WhoId');
    expect(outbound).not.toHaveProperty('WhatId');
  });

  it('an email is a Task without call fields', () => {
    const task = callTask(call({ channel: 'email', number: null, sipCallId: null }));
    expect(task).toMatchObject({ Subject: 'Email from unknown number', TaskSubtype: 'Task' });
    expect(task).not.toHaveProperty('CallType');
  });

  it('the call alone never writes Description or CallDisposition, so a late row of the call keeps the wrap-up', () => {
    const task = callTask(call());
    expect(task).not.toHaveProperty('Description');
    expect(task).not.toHaveProperty('CallDisposition');
  });

  it('its wrap-up: the code as CallDisposition, the facts and notes in Description, the call id last', () => {
    const task = wrapUpTask(wrapUp(), call());
    expect(task).toMatchObject({ TaskSubtype: 'Call', CallDisposition: 'resolved', CallDurationInSeconds: 195 });
    expect(String(task.Description).split('\n')).toEqual([
      'Inbound call from +15127579340',
      `started ${new Date(START).toISOString().slice(0, 19).replace('T', ' ')} UTC, outcome answered, talk 3 min, hold 15 s`,
      '',
      'Wrap-up: resolved, resolved on first contact',
      'Reset the router; line back.',
      '',
      'Switchboard call ID: 6f1c2b1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b',
    ]);
  });

  it('a wrap-up whose call is not on this computer writes only what it says', () => {
    expect(wrapUpTask(wrapUp({ notes: '' }), null)).toEqual({
      Description: 'Wrap-up: resolved, resolved on first contact',
      CallDisposition: 'resolved',
    });
  });

  it('ActivityDate is the calendar day on this computer', () => {
    expect(activityDate(new Date(2024, 11, 31, 23, 59).getTime())).toBe('2024-12-31');
  });

  it('create-only fields are dropped for a Task that exists', () => {
    expect(withoutCreateOnly(callTask(call()))).not.toHaveProperty('TaskSubtype');
  });
});

describe('escalations and callbacks as Tasks', () => {
  const escalation: EscalationRecord = {
    id: '0b7e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
    agentId: 'agent-1',
    source: 'call',
    interactionId: call().id,
    caseId: `sf-case-${CASE}`,
    customerId: `sf-contact-${CONTACT}`,
    tier: 't2',
    group: 'network',
    priority: 'P1',
    summary: 'Whole site down',
    handoff: { customerExpectation: 'Call back within the hour', troubleshootingDone: 'Rebooted', recommendedNextSteps: '' },
    createdAt: START,
    acknowledgeBy: START + 900_000,
    resolveBy: START + 14_400_000,
    acknowledgedAt: null,
    resolvedAt: null,
    warmTransferAt: null,
    chain: [],
    revision: 0,
    updatedAt: START,
  };

  it('the step is a completed Task on the case with the handoff', () => {
    const task = escalationTask(escalation);
    expect(escalationTaskKey(escalation)).toBe('escalation:0b7e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b');
    expect(task).toMatchObject({ Subject: 'Escalated to network: Whole site down', Status: 'Completed', WhatId: CASE, WhoId: CONTACT });
    expect(task.Description).toMatch(/What the customer expects: Call back within the hour/);
    expect(task.Description).not.toMatch(/Recommended next steps/);
  });

  it('a callback is an open Task due on its day, completed when done or cancelled', () => {
    const callback: Callback = {
      id: 'wrap-up:6f1c2b1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b',
      customerId: `sf-contact-${CONTACT}`,
      caseId: null,
      interactionId: call().id,
      number: '+15127579340',
      dueAt: new Date(2024, 4, 3, 10).getTime(),
      remindAt: null,
      note: 'Check the new router',
      state: 'scheduled',
      createdAt: START,
      updatedAt: START,
      completedAt: null,
      outcome: null,
      handBackReason: null,
    };
    expect(callbackTask(callback)).toMatchObject({ Subject: 'Call back +15127579340', Status: 'Not Started', ActivityDate: '2024-05-03' });
    expect(callbackTask({ ...callback, state: 'cancelled' })).toMatchObject({
      Subject: 'Cancelled: call back +15127579340',
      Status: 'Completed',
    });
    const done = callbackTask({ ...callback, state: 'done', outcome: 'left-message' });
    expect(done).toMatchObject({ Subject: 'Done (left-message): call back +15127579340', Status: 'Completed' });
    expect(done.Description).toMatch(/Done in Switchboard: left-message/);
    // Handed back: someone on the team must still call, so the Task stays open, with the reason.
    const back = callbackTask({ ...callback, state: 'handed-back', handBackReason: 'Customer asked for a Spanish speaker' });
    expect(back).toMatchObject({ Subject: 'Handed back: call back +15127579340', Status: 'Not Started' });
    expect(back.Description).toMatch(/Handed back to the team: Customer asked for a Spanish speaker/);
  });
});

describe("Salesforce's refusals", () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    return new SalesforceAnswerError(status, headers, readErrors(text), text);
  };

  it('reads both error envelopes into one line', () => {
    expect(
      describeErrors(readErrors(JSON.stringify([{ message: "No such column 'Foo__c' on entity 'Contact'.", errorCode: 'INVALID_FIELD' }]))),
    ).toBe("No such column 'Foo__c' on entity 'Contact' (INVALID_FIELD)");
    expect(
      describeErrors(
        readErrors(JSON.stringify({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing', fields: ['LastName'] })),
      ),
    ).toBe('Required fields are missing [LastName] (REQUIRED_FIELD_MISSING)');
    expect(readErrors('<html>')).toEqual([]);
  });

  it('REQUEST_LIMIT_EXCEEDED is rate-limited: wait, park nothing', () => {
    const error = accountError(
      answer(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]),
      'acme.my.salesforce.com',
      'cases',
      0,
    );
    expect(error).toMatchObject({ kind: 'rate-limited', code: 'salesforce-request-limit', retryAfterMs: LIMIT_RETRY_MS });
    expect(error?.message).toMatch(/daily Salesforce API allowance .* nothing is lost/);
  });

  it('a refused session, missing permission and server failures are about the org; a bad query is a protocol error', () => {
    const host = 'acme.my.salesforce.com';
    expect(
      accountError(answer(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]), host, 'cases', 0)?.kind,
    ).toBe('unauthorized');
    expect(
      accountError(
        answer(403, [{ message: 'The REST API is not enabled for this Organization.', errorCode: 'API_DISABLED_FOR_ORG' }]),
        host,
        'cases',
        0,
      ),
    ).toMatchObject({ kind: 'unauthorized', code: 'salesforce-api_disabled_for_org' });
    expect(accountError(answer(503, [{ message: 'down', errorCode: 'SERVER_UNAVAILABLE' }]), host, 'cases', 0)?.kind).toBe('server');
    expect(accountError(answer(400, [{ message: 'bad', errorCode: 'MALFORMED_QUERY' }]), host, 'cases', 0)).toBeNull();
    expect(pullError(answer(400, [{ message: 'unexpected token: FORM', errorCode: 'MALFORMED_QUERY' }]), host, 'cases', 0)).toMatchObject({
      kind: 'protocol',
      code: 'salesforce-malformed_query',
      message: 'acme.my.salesforce.com refused to send the cases (HTTP 400: unexpected token: FORM (MALFORMED_QUERY))',
    });
  });

  it('reads the API usage from Sforce-Limit-Info', () => {
    expect(readApiUsage('api-usage=18/5000', 7)).toEqual({ used: 18, limit: 5000, at: 7 });
    expect(readApiUsage('per-app-api-usage=1/10(appName=x), api-usage=25/15000', 7)).toEqual({ used: 25, limit: 15000, at: 7 });
    expect(readApiUsage(undefined, 7)).toBeNull();
    expect(readApiUsage('api-usage=junk', 7)).toBeNull();
  });
});

describe('the field mapping policy', () => {
  it('defaults to the standard objects', () => {
    const mapping = salesforceFieldMapping(null);
    expect(mapping.contact.phones.map((p) => p.field)).toEqual(['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone']);
    expect(mapping.case).toMatchObject({
      status: 'Status',
      priority: 'Priority',
      closed: 'IsClosed',
      contact: 'ContactId',
      owner: 'OwnerId',
    });
    expect(mapping.escalatedStatus).toBe('Escalated');
  });

  it('a bad value is refused with its place named', () => {
    const parsed = salesforceFieldMappingSchema.safeParse({ contact: { phones: [{ field: 'Phone' }, { field: 'Mobile Phone' }] } });
    expect(parsed.success).toBe(false);
    const policy = resolvePolicy([
      {
        source: 'policy.json',
        defaults: {},
        enforced: { salesforceFieldMapping: { contact: { phones: [{ field: 'Phone' }, { field: 'Mobile Phone' }] } } },
        problems: [],
      },
    ]);
    expect(english(policy.problems[0]?.message)).toMatch(/contact\.phones\[1\]\.field: must be a Salesforce field API name/);
    const owners = resolvePolicy([
      { source: 'p.json', defaults: {}, enforced: { salesforceFieldMapping: { escalationOwners: { network: 'queue-7' } } }, problems: [] },
    ]);
    expect(english(owners.problems[0]?.message)).toMatch(/escalationOwners\.network: must be a Salesforce id/);
    const unknown = resolvePolicy([
      { source: 'p.json', defaults: {}, enforced: { salesforceFieldMapping: { contacts: {} } }, problems: [] },
    ]);
    expect(english(unknown.problems[0]?.message)).toMatch(/contacts/);
  });
});
