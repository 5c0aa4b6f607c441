import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenKeeper } from '../../electron/auth/token-keeper';
import { silentLogger } from '../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../electron/secrets/secret-store';
import { StoreClient } from '../../electron/store/store-client';
import { SourceError, type PushItem, type PushOutcome } from '../../electron/sync/case-source';
import type { SalesforceSession } from '../../electron/sync/connectors/salesforce/salesforce-client';
import { createSalesforceSource, type SalesforceSource } from '../../electron/sync/connectors/salesforce/salesforce-source';
import { PullEngine } from '../../electron/sync/pull-engine';
import { salesforceProvider, sessionOf } from '../../electron/sync/salesforce-sign-in';
import { storeSyncPort } from '../../electron/sync/store-ports';
import type { Interaction, WrapUpRecord } from '../../shared/store/types';
import { salesforceFieldMapping } from '../../shared/sync/salesforce-fields';
import { SalesforceAdmin } from './salesforce-admin';
import { readSalesforceLiveConfig, type SalesforceLiveConfig } from './salesforce-live-config';
import { need, testPhoneNumber } from './live-helpers';

/**
 * The Salesforce connector against a real org (a sandbox): the requests the emulator
 * (tools/crm-emulators/salesforce/) was written from the reference to answer, answered by
 * Salesforce itself. Optional and never in CI; tests/live/README.md says how to run it and what it
 * leaves.
 *
 * What a contact centre would notice, in order: the sign-in works (and, with a refresh token, the
 * app renews an ended session itself); the admin created the Task external-id field; a contact with
 * a mobile number, their account and an open case reach the local copy, so the screen pop finds
 * them by that number; a call filed on that case is one Task with the call fields however often
 * the same outbox row is sent, and its wrap-up lands on that same Task; an edit based on a version
 * someone else has since changed is a conflict (412) and changes nothing. Everything it made is
 * deleted afterwards, also when a step failed.
 */

const config: SalesforceLiveConfig = readSalesforceLiveConfig(process.env);
const TITLE = 'Salesforce live suite';
if (!config.run) console.warn(`${TITLE} skipped: ${config.reason}`);

/** On every record the suite makes, so a run cut short can be found and cleaned up by hand. */
const MARK = 'Switchboard live test';
/** Each step's own time limit, whichever vitest config runs the file. */
const STEP_MS = 5 * 60_000;
const PULL_MS = 20 * 60_000;
const CLEAN_UP_MS = 5 * 60_000;
/** Times one connector call waits out the org's limit or a server error before the step fails. */
const MAX_WAITS = 3;

const note = (line: string): void => console.log(`[salesforce live] ${line}`);

async function patiently<T>(what: string, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const waitable = error instanceof SourceError && error.kind === 'server';
      if (!waitable || attempt > MAX_WAITS) throw error;
      note(`${what}: ${error.message}; waiting 10 s before sending it again`);
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
  }
}

describe.skipIf(!config.run)(
  config.run ? `${TITLE} against ${new URL(config.orgUrl).host}` : `${TITLE} (skipped: ${config.reason})`,
  () => {
    const live = config as Extract<SalesforceLiveConfig, { run: true }>;
    const runId = `live-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const phone = testPhoneNumber();
    /** What the suite made in Salesforce, for the clean-up (children first). */
    const made = {
      accountId: null as string | null,
      contactId: null as string | null,
      caseId: null as string | null,
      callIds: [] as string[],
    };
    let dir = '';
    let store: StoreClient | null = null;
    let keeper: TokenKeeper | null = null;
    let session: SalesforceSession | null = null;
    let source: SalesforceSource | null = null;
    let pulledVersion: number | null = null;
    let rowId = 0;

    const admin = new SalesforceAdmin(async () => need(await need(session, 'sign-in').current(), 'access token'), note);
    const customerId = () => `sf-contact-${need(made.contactId, 'test contact')}`;
    const caseId = () => `sf-case-${need(made.caseId, 'test case')}`;
    const push = (item: PushItem): Promise<PushOutcome> =>
      patiently(`push ${item.entityKind} ${item.operation}`, () => need(source, 'connector').push(item));
    const row = (
      entityKind: PushItem['entityKind'],
      operation: string,
      entityId: string,
      payload: unknown,
      over: Partial<PushItem> = {},
    ): PushItem => {
      rowId += 1;
      return {
        id: rowId,
        idempotencyKey: `${runId}-row-${rowId}`,
        entityKind,
        entityId,
        orderingKey: entityId,
        operation,
        payload,
        createdAt: Date.now(),
        ...over,
      };
    };
    const callRecord = (id: string): Interaction => {
      const endedAt = Date.now() - 5_000;
      return {
        id,
        agentId: 'agent-live-test',
        channel: 'call',
        direction: 'inbound',
        outcome: 'answered',
        number: phone,
        startedAt: endedAt - 180_000,
        answeredAt: endedAt - 175_000,
        endedAt,
        talkSeconds: 160,
        holdSeconds: 15,
        afterCallWorkSeconds: 0,
        customerId: customerId(),
        caseId: caseId(),
        sipCallId: null,
        quality: null,
      };
    };
    const tasksFor = (callId: string) =>
      admin.query<Record<string, unknown>>(
        `SELECT Id, TaskSubtype, CallType, CallDurationInSeconds, CallDisposition, Subject, Status, ActivityDate, WhoId, WhatId FROM Task WHERE ${live.callIdField} = '${callId}'`,
      );

    beforeAll(async () => {
      note(`run ${runId} against ${live.emulator ? 'the Salesforce emulator' : 'a Salesforce org'} at ${new URL(live.orgUrl).host}`);
      dir = mkdtempSync(path.join(tmpdir(), 'sb-salesforce-live-'));
      const secrets = createKeyFileSecretStore(dir);
      store = await StoreClient.open({
        dataDir: dir,
        secrets,
        log: silentLogger,
        readers: 'writer',
        integrityCheck: false,
        phoneRegion: 'US',
      });
      if (live.signIn.kind === 'refresh-token') {
        // An ended session with a refresh token: the first request renews it through the app's own TokenKeeper.
        keeper = new TokenKeeper({
          provider: salesforceProvider({ origin: live.orgUrl, clientId: live.signIn.clientId }),
          secrets,
          log: silentLogger,
        });
        await keeper.save({
          accessToken: 'ended-session',
          refreshToken: live.signIn.refreshToken,
          expiresAt: Date.now() - 60_000,
          scope: 'api refresh_token',
          tokenType: 'bearer',
          extra: { instance_url: live.orgUrl },
        });
        session = sessionOf(keeper);
      } else {
        const accessToken = live.signIn.accessToken;
        session = { current: async () => ({ instanceUrl: live.orgUrl, accessToken }), refresh: async () => false };
      }
      source = createSalesforceSource({
        baseUrl: live.orgUrl,
        session,
        mapping: salesforceFieldMapping(null),
        callIdField: live.callIdField,
        defaultRegion: 'US',
        timeoutMs: 60_000,
      });
    }, STEP_MS);

    afterAll(async () => {
      const left: string[] = [];
      const remove = async (type: string, id: string | null) => {
        if (id === null) return;
        try {
          await admin.delete(type, id);
        } catch (error) {
          left.push(`${type} ${id} (${(error as Error).message})`);
        }
      };
      try {
        for (const callId of made.callIds) for (const task of await tasksFor(callId)) await remove('Task', String(task.Id));
      } catch (error) {
        left.push(`the call Tasks (${(error as Error).message})`);
      }
      await remove('Case', made.caseId);
      await remove('Contact', made.contactId);
      await remove('Account', made.accountId);
      source?.close();
      keeper?.close();
      await store?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (left.length > 0) {
        throw new Error(
          `The live suite could not delete what it made in Salesforce: ${left.join('; ')}. Find them by the name "${MARK} ${runId}".`,
        );
      }
      note('cleaned up: the Tasks, case, contact and account deleted (they stay in the Recycle Bin for 15 days)');
    }, CLEAN_UP_MS);

    it(
      'signs in (renewing an ended session when given a refresh token), and the admin has created the Task external-id field',
      async () => {
        await expect(patiently('probe', () => need(source, 'connector').probe())).resolves.toBeUndefined();
        const field = (await admin.taskFields()).find((f) => f.name === live.callIdField);
        expect(
          field,
          `Task has no field ${live.callIdField}: create it as docs/crm.md says (Salesforce: the Task external-id field)`,
        ).toBeDefined();
        expect(field).toMatchObject({ externalId: true, custom: true });
      },
      STEP_MS,
    );

    it(
      'makes an account, a contact with a fictional mobile number and an open case, named for clean-up',
      async () => {
        made.accountId = await admin.create('Account', { Name: `${MARK} ${runId}` });
        made.contactId = await admin.create('Contact', {
          FirstName: 'Switchboard',
          LastName: `${MARK} ${runId}`,
          MobilePhone: phone,
          AccountId: made.accountId,
        });
        made.caseId = await admin.create('Case', {
          Subject: `${MARK} ${runId}`,
          Description: 'Made by the Switchboard live suite; it deletes this case when it finishes.',
          Status: 'New',
          Origin: 'Phone',
          ContactId: made.contactId,
          AccountId: made.accountId,
        });
        expect(await admin.retrieve('Case', made.caseId)).toMatchObject({ IsClosed: false, ContactId: made.contactId });
      },
      STEP_MS,
    );

    it(
      'pulls the contact, their account and the open case into the local copy, so the screen pop finds them by the mobile number',
      async () => {
        const local = need(store, 'local store');
        const engine = new PullEngine({
          source: need(source, 'connector'),
          ingest: storeSyncPort(local),
          log: silentLogger,
          pageSize: 2000,
        });
        const started = Date.now();
        await patiently('pull', () => engine.run());
        note(`pulled in ${Math.round((Date.now() - started) / 1000)} s`);
        const pop = await local.lookupCaller(phone);
        const match = pop.matches.find((m) => m.customer.id === customerId());
        expect(match, 'the screen pop finds the test contact by their mobile number').toBeDefined();
        expect(match!.customer.company).toBe(`${MARK} ${runId}`);
        expect(match!.openCases.map((c) => c.id)).toContain(caseId());
        const detail = need(await local.getCase(caseId()), 'pulled case');
        expect(detail.case).toMatchObject({ id: caseId(), customerId: customerId(), status: 'new' });
        pulledVersion = need(detail.case.version, 'version of the pulled case');
      },
      PULL_MS,
    );

    it(
      'logs a call filed on that case as one Task with the call fields, however often the same row is sent; the wrap-up lands on it',
      async () => {
        const callId = `${runId}-call`;
        made.callIds.push(callId);
        const interaction = callRecord(callId);
        const item = row('interaction', 'upsert', callId, interaction);
        expect(await push(item)).toMatchObject({ kind: 'applied' });
        expect(await push(item)).toMatchObject({ kind: 'applied' });
        const submittedAt = Date.now();
        const wrapUp: WrapUpRecord = {
          interactionId: callId,
          agentId: 'agent-live-test',
          state: 'submitted',
          code: 'resolved',
          notes: 'Made by the Switchboard live suite.',
          resolvedOnFirstContact: true,
          callback: null,
          doNotCall: null,
          revision: 1,
          updatedAt: submittedAt,
          submittedAt,
        };
        expect(await push(row('wrap-up', 'submit', callId, wrapUp, { related: { interaction } }))).toMatchObject({ kind: 'applied' });
        const tasks = await tasksFor(callId);
        expect(tasks).toHaveLength(1);
        expect(tasks[0]).toMatchObject({
          TaskSubtype: 'Call',
          CallType: 'Inbound',
          CallDurationInSeconds: 175,
          CallDisposition: 'resolved',
          Status: 'Completed',
          WhoId: made.contactId,
          WhatId: made.caseId,
        });
        expect(String(tasks[0]!.Subject)).toContain(phone);
      },
      STEP_MS,
    );

    it(
      'refuses an edit based on a version someone has since changed in Salesforce: a conflict with their copy, nothing changed',
      async () => {
        const stale = need(pulledVersion, 'pulled version');
        // Someone else, in Salesforce, changes the case after Switchboard pulled it (steps later: If-Unmodified-Since compares to the second).
        await admin.update('Case', need(made.caseId, 'test case'), { Subject: `${MARK} ${runId} (changed in Salesforce)` });
        const edit = row('case', 'update', caseId(), { id: caseId(), patch: { priority: 'P1' }, baseVersion: stale });
        expect(await push(edit)).toMatchObject({
          kind: 'conflict',
          current: { id: caseId(), subject: `${MARK} ${runId} (changed in Salesforce)` },
        });
        expect((await admin.retrieve('Case', need(made.caseId, 'test case'))).Priority).not.toBe('High');
      },
      STEP_MS,
    );
  },
);
