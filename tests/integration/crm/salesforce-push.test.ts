import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SourceError, type PushOutcome } from '../../../electron/sync/case-source';
import type { EscalationRecord } from '../../../shared/store/types';
import { salesforceFieldMapping } from '../../../shared/sync/salesforce-fields';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../tools/crm-emulators/salesforce/server';
import type { SfRecord } from '../../../tools/crm-emulators/salesforce/records';
import { call, closeAll, connect, failure, row, wrapUp } from './salesforce-harness';
import { englishOf, userText, type UserText } from '../../../shared/text/user-text';

/**
 * The agent's work into Salesforce against the emulator over real HTTP: a call and its wrap-up as
 * one Task whatever is lost or repeated, batches through sObject Collections where one refused
 * record parks only its row, case edits as conditional updates (412 is a conflict), escalations,
 * the missing external-id field, the org's daily limit and an ended session.
 */

const FIELD = 'Switchboard_Call_Id__c';
const COLLECTIONS = `/services/data/v62.0/composite/sobjects/Task/${FIELD}`;

let sf: SalesforceEmulator;
let clock = Date.UTC(2024, 5, 1, 12);

beforeAll(async () => {
  sf = await startSalesforceEmulator({ now: () => clock, seed: { contacts: 100, cases: 400, seed: 5 } });
});
afterAll(async () => {
  await sf.close();
});
beforeEach(() => {
  sf.faults.clear();
  sf.usage.setUsage(0);
  sf.settings.taskExternalIdField = FIELD;
  clock += 60_000;
});
afterEach(() => closeAll());

const tasksFor = (key: string) => sf.state.list('Task', (t) => t.values[FIELD] === key);
const openCases = () => sf.state.list('Case', (c) => c.values.IsClosed !== true);
let picked = 0;
/** A different open case (and its contact) for each test, so their Tasks and edits do not meet. */
function anOpenCase(): { kase: SfRecord; caseId: string; customerId: string } {
  const kase = openCases()[picked++]!;
  return { kase, caseId: `sf-case-${kase.id}`, customerId: `sf-contact-${String(kase.values.ContactId)}` };
}
const applied = (outcome: PushOutcome | SourceError | undefined) => (outcome instanceof SourceError ? outcome : outcome?.kind);

describe('calls as Tasks, exactly once', () => {
  it('a call and its wrap-up make one Task with the call fields on the chosen case, through a lost answer and repeats', async () => {
    const source = await connect(sf);
    const { kase, caseId, customerId } = anOpenCase();
    const interaction = call('7d3c0a52-6f1e-4b7a-9c2d-1e2f3a4b5c6d', { caseId, customerId });
    const callRow = row('interaction', 'upsert', interaction.id, interaction);

    // The Task is made, and the answer is lost on the way back.
    sf.faults.add({ kind: 'duplicateDelivery', path: COLLECTIONS, method: 'PATCH' });
    const lost = await failure<SourceError>(source.push(callRow));
    expect(lost).toMatchObject({ kind: 'network' });
    expect(tasksFor(interaction.id)).toHaveLength(1);

    // The retry finds the Task: it is updated, not made again (TaskSubtype, create-only, is left out the second time).
    expect(await source.push(callRow)).toEqual({ kind: 'applied', version: null, replayed: true });
    const submitted = row('wrap-up', 'submit', interaction.id, wrapUp(interaction.id, 'resolved', 'Router reset; line back.'), {
      related: { interaction },
    });
    expect(await source.push(submitted)).toMatchObject({ kind: 'applied' });
    expect(await source.push(submitted)).toMatchObject({ kind: 'applied' });
    // A late row of the call (its final after-call work) keeps the wrap-up.
    expect(await source.push(row('interaction', 'upsert', interaction.id, { ...interaction, afterCallWorkSeconds: 40 }))).toMatchObject({
      kind: 'applied',
    });

    const tasks = tasksFor(interaction.id);
    expect(tasks).toHaveLength(1);
    expect(sf.state.json(tasks[0]!.id)).toMatchObject({
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      CallDurationInSeconds: 195,
      CallDisposition: 'resolved',
      Subject: 'Inbound call from +447700900123',
      Status: 'Completed',
      ActivityDate: '2024-05-01',
      WhoId: kase.values.ContactId,
      WhatId: kase.id,
      CallObject: `${interaction.id}@pbx.example.com`,
    });
    expect(String(sf.state.json(tasks[0]!.id)!.Description)).toMatch(/Router reset; line back\.\n\nSwitchboard call ID: 7d3c0a52/);
  });

  it("a wrap-up after its call's Task was made takes one request against the org's allocation, not a refusal and a second", async () => {
    const source = await connect(sf);
    const { kase, caseId, customerId } = anOpenCase();
    const interaction = call('2b6f4c1e-0d9a-4e57-8c3b-5a7e9f1d2c40', { caseId, customerId });
    expect(await source.push(row('interaction', 'upsert', interaction.id, interaction))).toMatchObject({ kind: 'applied' });
    const before = sf.usage.used();
    const submitted = row('wrap-up', 'submit', interaction.id, wrapUp(interaction.id, 'billing'), { related: { interaction } });
    expect(await source.push(submitted)).toMatchObject({ kind: 'applied' });
    expect(sf.usage.used() - before).toBe(1);
    expect(sf.state.json(tasksFor(interaction.id)[0]!.id)).toMatchObject({
      TaskSubtype: 'Call',
      CallDisposition: 'billing',
      WhatId: kase.id,
    });
  });

  it('a batch of rows goes in one sObject Collections request of up to 200; one refused record parks only its row', async () => {
    const source = await connect(sf);
    const { caseId, customerId } = anOpenCase();
    const gone = anOpenCase();
    sf.state.remove(gone.kase.id);
    const rows = Array.from({ length: 250 }, (_, i) =>
      row(
        'interaction',
        'upsert',
        `batch-${i}`,
        call(`batch-call-${String(i).padStart(3, '0')}`, i === 17 ? { caseId: gone.caseId } : { caseId, customerId }),
      ),
    );
    const before = sf.state.routeCounts.get('collections.upsert') ?? 0;
    const results = await source.pushMany(rows);
    expect(sf.state.routeCounts.get('collections.upsert')! - before).toBe(2);
    expect(results.filter((r) => applied(r) === 'applied')).toHaveLength(249);
    expect(results[17]).toMatchObject({ kind: 'rejected' });
    expect(englishOf((results[17] as { message: UserText }).message)).toMatch(
      /^Salesforce refused the Task: .*(deleted|invalid cross reference)/i,
    );
    expect(sf.state.list('Task', (t) => String(t.values[FIELD]).startsWith('batch-call-'))).toHaveLength(249);
  });

  it('a 500, an answer cut off half way and Salesforce down: the row waits each time and lands once', async () => {
    const source = await connect(sf);
    const interaction = call('5a1e0000-0000-4000-8000-000000000500');
    const callRow = row('interaction', 'upsert', interaction.id, interaction);
    sf.faults.add({ kind: 'error500', path: COLLECTIONS });
    expect(await failure(source.push(callRow))).toMatchObject({ kind: 'server', code: 'http-500' });
    sf.faults.add({ kind: 'reset', path: COLLECTIONS });
    expect(await failure(source.push(callRow))).toMatchObject({ kind: 'network' });
    await sf.faults.setDown(true);
    try {
      expect(await failure(source.push(callRow))).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    } finally {
      await sf.faults.setDown(false);
    }
    expect(await source.push(callRow)).toMatchObject({ kind: 'applied' });
    expect(tasksFor(interaction.id)).toHaveLength(1);
  });

  it('without the external-id field the row is parked with one sentence for the admin', async () => {
    const source = await connect(sf);
    sf.settings.taskExternalIdField = null;
    const interaction = call('b1d2e3f4-0000-4000-8000-000000000001');
    const outcome = await source.push(row('interaction', 'upsert', interaction.id, interaction));
    expect(outcome).toEqual({
      kind: 'rejected',
      code: 'salesforce-call-id-field-missing',
      message: userText('sync.salesforceRefusal.callIdFieldMissing', { field: 'Switchboard_Call_Id__c' }),
    });
    sf.settings.taskExternalIdField = FIELD;
    expect(await source.push(row('interaction', 'upsert', interaction.id, interaction))).toMatchObject({ kind: 'applied' });
  });

  it("the org's daily limit: every row waits as rate-limited, none parked, none written", async () => {
    const source = await connect(sf);
    sf.usage.setUsage(sf.usage.max);
    const rows = [0, 1, 2].map((i) => row('interaction', 'upsert', `limit-${i}`, call(`limit-call-${i}`)));
    const results = await source.pushMany(rows);
    for (const r of results) expect(r).toMatchObject({ kind: 'rate-limited', code: 'salesforce-request-limit' });
    expect(sf.state.list('Task', (t) => String(t.values[FIELD]).startsWith('limit-call-'))).toHaveLength(0);
    expect((results[0] as SourceError).retryAfterMs).toBeGreaterThan(0);
  });
});

describe('case edits and escalations', () => {
  it('a case edit is a conditional update: applied on the version seen, a conflict with the current case once Salesforce changed it, then "keep mine"', async () => {
    const source = await connect(sf);
    const { kase, caseId } = anOpenCase();
    const seen = kase.modifiedAt;
    clock += 60_000;
    const edit = row('case', 'update', caseId, { id: caseId, patch: { priority: 'P4' }, baseVersion: seen });
    const first = await source.push(edit);
    expect(first).toMatchObject({ kind: 'applied', replayed: false });
    expect(sf.state.json(kase.id)).toMatchObject({ Priority: 'Low' });
    const mine = (first as { version: number }).version;
    expect(mine).toBe(sf.state.find(kase.id)!.modifiedAt);

    // Someone changes the case in Salesforce; an edit based on the older version is a conflict, showing theirs.
    clock += 60_000;
    sf.state.modify(kase.id, { Subject: 'Changed in Salesforce', Status: 'Escalated' });
    const stale = row('case', 'update', caseId, { id: caseId, patch: { status: 'pending' }, baseVersion: mine });
    const conflict = await source.push(stale);
    expect(conflict).toMatchObject({
      kind: 'conflict',
      currentVersion: sf.state.find(kase.id)!.modifiedAt,
      current: { id: caseId, subject: 'Changed in Salesforce', priority: 'P4' },
    });
    expect(sf.state.json(kase.id)).toMatchObject({ Status: 'Escalated' });

    // "Keep mine": the edit may overwrite the version the agent was shown.
    const kept = await source.push({ ...stale, overrideVersion: (conflict as { currentVersion: number }).currentVersion });
    expect(kept).toMatchObject({ kind: 'applied' });
    expect(sf.state.json(kase.id)).toMatchObject({ Status: 'Working' });
  });

  it('an edit whose answer was lost is not a conflict when it is sent again', async () => {
    const source = await connect(sf);
    const { kase, caseId } = anOpenCase();
    const edit = row('case', 'update', caseId, {
      id: caseId,
      patch: { priority: 'P2', subject: 'Line down (edited)' },
      baseVersion: kase.modifiedAt,
    });
    clock += 60_000;
    sf.faults.add({ kind: 'duplicateDelivery', path: `/services/data/v62.0/sobjects/Case/*`, method: 'PATCH' });
    expect(await failure(source.push(edit))).toBeInstanceOf(SourceError);
    clock += 60_000;
    expect(await source.push(edit)).toMatchObject({ kind: 'applied', replayed: true });
  });

  it('a 412 Salesforce gives for an unchanged case still shows as a conflict for the agent to decide', async () => {
    const source = await connect(sf);
    const { kase, caseId } = anOpenCase();
    sf.faults.add({ kind: 'conflict' });
    const outcome = await source.push(
      row('case', 'update', caseId, { id: caseId, patch: { priority: 'P4' }, baseVersion: kase.modifiedAt }),
    );
    expect(outcome).toMatchObject({ kind: 'conflict', currentVersion: kase.modifiedAt });
  });

  it('an escalation sets priority, the escalated status and the group queue as owner, and logs the step as a Task', async () => {
    const queue = sf.state.queueIds[0]!;
    const source = await connect(sf, {
      mapping: salesforceFieldMapping({ prioritiesOut: { P1: 'High' }, escalationOwners: { network: queue } }),
    });
    const { kase, caseId, customerId } = anOpenCase();
    const escalation: EscalationRecord = {
      id: '0b7e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
      agentId: 'agent-1',
      source: 'case',
      interactionId: null,
      caseId,
      customerId,
      tier: 't2',
      group: 'network',
      priority: 'P1',
      summary: 'Whole site down',
      handoff: {
        customerExpectation: 'Call back within the hour',
        troubleshootingDone: 'Rebooted',
        recommendedNextSteps: 'Check the line card',
      },
      createdAt: clock,
      acknowledgeBy: clock + 900_000,
      resolveBy: clock + 14_400_000,
      acknowledgedAt: null,
      resolvedAt: null,
      warmTransferAt: null,
      chain: [],
      revision: 0,
      updatedAt: clock,
    };
    expect(await source.push(row('escalation', 'create', escalation.id, escalation))).toMatchObject({ kind: 'applied' });
    expect(sf.state.json(kase.id)).toMatchObject({ Priority: 'High', Status: 'Escalated', OwnerId: queue });
    const acknowledged = { ...escalation, acknowledgedAt: clock + 60_000, revision: 1 };
    expect(await source.push(row('escalation', 'update', escalation.id, acknowledged))).toMatchObject({ kind: 'applied' });
    const steps = tasksFor(`escalation:${escalation.id}`);
    expect(steps).toHaveLength(1);
    expect(sf.state.json(steps[0]!.id)).toMatchObject({
      Subject: 'Escalated to network: Whole site down',
      WhatId: kase.id,
      Status: 'Completed',
    });
  });
});

describe('the session', () => {
  it('INVALID_SESSION_ID: renewed once and sent once; a refused renewal is "sign in again" and writes nothing', async () => {
    const source = await connect(sf);
    sf.faults.add({ kind: 'sessionExpired' });
    const renewed = call('c0ffee00-0000-4000-8000-000000000001');
    expect(await source.push(row('interaction', 'upsert', renewed.id, renewed))).toMatchObject({ kind: 'applied' });
    expect(tasksFor(renewed.id)).toHaveLength(1);

    sf.oauth.revokeAll();
    const blocked = call('c0ffee00-0000-4000-8000-000000000002');
    const error = await failure<SourceError>(source.push(row('interaction', 'upsert', blocked.id, blocked)));
    expect(error).toMatchObject({ kind: 'unauthorized' });
    expect(error!.message).toMatch(/sign in to Salesforce again in Sync settings/);
    expect(tasksFor(blocked.id)).toHaveLength(0);
  });
});
