import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../electron/secrets/secret-store';
import { StoreClient } from '../../electron/store/store-client';
import { SourceError, type PushItem, type PushOutcome } from '../../electron/sync/case-source';
import { createZendeskSource, type ZendeskSource } from '../../electron/sync/connectors/zendesk/zendesk-source';
import { PullEngine } from '../../electron/sync/pull-engine';
import { storeSyncPort } from '../../electron/sync/store-ports';
import type { Interaction } from '../../shared/store/types';
import { readZendeskLiveConfig, type ZendeskLiveConfig } from './live-config';
import { need, testPhoneNumber } from './live-helpers';
import { ZendeskAdmin, type ZdCommentRecord } from './zendesk-admin';

/**
 * The Zendesk connector against a real Zendesk account (a sandbox): the requests the emulator
 * (tools/crm-emulators/zendesk/) was written from the reference to answer, answered by Zendesk
 * itself. Optional and never in CI; tests/live/README.md says how to run it and what it leaves.
 *
 * What a contact centre would notice, in order: the credentials are an admin's; a caller known only
 * to Zendesk, with an open ticket, reaches the local copy (open tickets first) so the screen pop
 * finds them; a call filed on that ticket is one internal note however often the same outbox row is
 * sent; a call filed under no ticket becomes one ticket, likewise; an edit based on a version
 * someone else has since changed is a conflict and changes nothing. Everything it made is deleted
 * afterwards, also when a step failed.
 *
 * Zendesk's search index and exports show a new record after a while ("up to a few minutes"), so
 * the pull is repeated until the caller is there, within PULL_DEADLINE_MS; the connector spaces
 * the export requests to Zendesk's 10 a minute, and every 429 is waited out for its Retry-After.
 */

const config: ZendeskLiveConfig = readZendeskLiveConfig(process.env);
const TITLE = 'Zendesk live suite';
if (!config.run) console.warn(`${TITLE} skipped: ${config.reason}`);

/** Tagged on everything the suite makes, so a run cut short can be found and cleaned up by hand. */
const TAG = 'switchboard_live_test';
const PULL_DEADLINE_MS = 10 * 60_000;
/** Each step's own time limit, whichever vitest config runs the file: a 429 may ask for a minute's wait, several times. */
const STEP_MS = 10 * 60_000;
const CLEAN_UP_MS = 15 * 60_000;
/** Times one connector call waits out a 429 or a server error before the step fails. */
const MAX_WAITS = 5;

const note = (line: string): void => console.log(`[zendesk live] ${line}`);

/**
 * The connector's call, again after a 429's Retry-After or a server error's (the same item may be
 * sent again: pushes are exactly-once by design, and a pull resumes from its stored cursors).
 */
async function patiently<T>(what: string, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const waitable = error instanceof SourceError && (error.kind === 'rate-limited' || error.kind === 'server');
      if (!waitable || attempt > MAX_WAITS) throw error;
      const wait = Math.min(error.retryAfterMs ?? (error.kind === 'rate-limited' ? 60_000 : 5_000), 120_000);
      note(`${what}: ${error.message}; waiting ${Math.ceil(wait / 1000)} s before sending it again`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

describe.skipIf(!config.run)(
  config.run ? `${TITLE} against ${new URL(config.baseUrl).host}` : `${TITLE} (skipped: ${config.reason})`,
  () => {
    const live = config as Extract<ZendeskLiveConfig, { run: true }>;
    const runId = `live-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const phone = testPhoneNumber();
    const admin = new ZendeskAdmin(live.baseUrl, live.email, live.apiToken, note);
    /** What the suite made in Zendesk, for the clean-up. */
    const made = { userId: null as number | null, ticketIds: new Set<number>(), contactExternalIds: [] as string[] };
    let dir = '';
    let store: StoreClient | null = null;
    let source: ZendeskSource | null = null;
    let ticketId: number | null = null;
    /** The ticket's version in the local copy as pulled: what a case edit made from the screen pop is based on. */
    let pulledVersion: number | null = null;
    let rowId = 0;

    const customerId = () => `zd-user-${need(made.userId, 'test caller')}`;
    const caseId = () => `zd-ticket-${need(ticketId, 'test ticket')}`;
    const push = (item: PushItem): Promise<PushOutcome> =>
      patiently(`push ${item.entityKind} ${item.operation}`, () => need(source, 'connector').push(item));
    const row = (entityKind: PushItem['entityKind'], operation: string, entityId: string, payload: unknown): PushItem => {
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
      };
    };
    const callRecord = (id: string, filedUnder: string | null): Interaction => {
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
        caseId: filedUnder,
        sipCallId: null,
        quality: null,
      };
    };
    const withMarker = (comments: ZdCommentRecord[], marker: string) =>
      comments.filter((c) => [c.body, c.plain_body, c.html_body].some((text) => typeof text === 'string' && text.includes(marker)));

    beforeAll(async () => {
      note(`run ${runId} against ${live.emulator ? 'the Zendesk emulator' : 'a Zendesk account'} at ${new URL(live.baseUrl).host}`);
      dir = mkdtempSync(path.join(tmpdir(), 'sb-zendesk-live-'));
      store = await StoreClient.open({
        dataDir: dir,
        secrets: createKeyFileSecretStore(dir),
        log: silentLogger,
        readers: 'writer',
        integrityCheck: false,
        phoneRegion: 'US',
      });
      // The connector as the app makes it, with Zendesk's export pacing (10 a minute) left on.
      source = createZendeskSource({
        baseUrl: live.baseUrl,
        auth: { kind: 'api-token', email: live.email, token: async () => live.apiToken },
        defaultRegion: 'US',
        wrapUp: { tagPrefix: 'switchboard_' },
        timeoutMs: 30_000,
      });
    }, STEP_MS);

    afterAll(async () => {
      const left: string[] = [];
      // Tickets the connector made for calls filed under no ticket are found by the external id it gave them.
      for (const externalId of made.contactExternalIds) {
        try {
          for (const ticket of await admin.ticketsWithExternalId(externalId)) made.ticketIds.add(ticket.id);
        } catch (error) {
          left.push(`tickets with external id ${externalId} (${(error as Error).message})`);
        }
      }
      for (const id of made.ticketIds) {
        try {
          await admin.deleteTicket(id);
        } catch (error) {
          left.push(`ticket ${id} (${(error as Error).message})`);
        }
      }
      // The caller goes last: their tickets are gone by then.
      if (made.userId !== null) {
        try {
          await admin.deleteUser(made.userId);
        } catch (error) {
          left.push(`user ${made.userId} (${(error as Error).message})`);
        }
      }
      source?.close();
      await store?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (left.length > 0) {
        throw new Error(`The live suite could not delete what it made in Zendesk: ${left.join('; ')}. Find them by the tag ${TAG}.`);
      }
      note(`cleaned up: ${made.ticketIds.size} tickets and ${made.userId === null ? 'no' : 'the'} test user deleted`);
    }, CLEAN_UP_MS);

    it(
      "accepts the credentials, and they are an admin's (the exports need one)",
      async () => {
        await expect(patiently('probe', () => need(source, 'connector').probe())).resolves.toBeUndefined();
      },
      STEP_MS,
    );

    it(
      'makes a test caller with a fictional number and an open ticket for them, tagged for clean-up',
      async () => {
        const user = await admin.createUser({
          name: `Switchboard live test ${runId}`,
          phone,
          role: 'end-user',
          external_id: `switchboard-live-test:${runId}`,
          tags: [TAG],
        });
        made.userId = user.id;
        expect(user).toMatchObject({ phone, active: true });
        const ticket = await admin.createTicket({
          subject: `Switchboard live test ${runId}`,
          // Internal, and the caller has no email: nobody is notified.
          comment: { body: 'Made by the Switchboard live suite; it deletes this ticket when it finishes.', public: false },
          requester_id: user.id,
          status: 'open',
          tags: [TAG],
        });
        made.ticketIds.add(ticket.id);
        ticketId = ticket.id;
        expect(ticket).toMatchObject({ status: 'open', requester_id: user.id });
      },
      STEP_MS,
    );

    it(
      "pulls the caller and their open ticket into the local copy, so the screen pop finds them by the caller's number",
      async () => {
        const local = need(store, 'local store');
        const engine = new PullEngine({
          source: need(source, 'connector'),
          ingest: storeSyncPort(local),
          log: silentLogger,
          pageSize: 1000,
        });
        const started = Date.now();
        let rounds = 0;
        for (;;) {
          rounds += 1;
          await patiently('pull', () => engine.run());
          const pop = await local.lookupCaller(phone);
          const match = pop.matches.find((m) => m.customer.id === customerId());
          if (match?.openCases.some((c) => c.id === caseId())) break;
          if (Date.now() - started > PULL_DEADLINE_MS) {
            throw new Error(
              `The test caller and ticket were not in the local copy after ${rounds} pull rounds in ${PULL_DEADLINE_MS / 60_000} min`,
            );
          }
        }
        note(`caller and ticket pulled in ${rounds} round${rounds === 1 ? '' : 's'}, ${Math.round((Date.now() - started) / 1000)} s`);
        const detail = need(await local.getCase(caseId()), 'pulled case');
        expect(detail.case).toMatchObject({ id: caseId(), customerId: customerId(), status: 'open' });
        expect(detail.customer?.phones.map((p) => p.number)).toContain(phone);
        pulledVersion = need(detail.case.version, 'version of the pulled case');
      },
      PULL_DEADLINE_MS + 5 * 60_000,
    );

    it(
      'logs a call filed on that ticket as one internal note, however often the same outbox row is sent',
      async () => {
        const callId = `${runId}-call-on-ticket`;
        const item = row('interaction', 'upsert', callId, callRecord(callId, caseId()));
        expect(await push(item)).toMatchObject({ kind: 'applied' });
        expect(await push(item)).toMatchObject({ kind: 'applied', replayed: true });
        const notes = withMarker(await admin.comments(need(ticketId, 'test ticket')), `Switchboard call ID: ${callId}`);
        expect(notes).toHaveLength(1);
        expect(notes[0]!.public).toBe(false);
      },
      STEP_MS,
    );

    it(
      'files a call under no ticket as one new ticket for the caller, however often the same outbox row is sent',
      async () => {
        const callId = `${runId}-call-alone`;
        const externalId = `switchboard:call:${callId}`;
        made.contactExternalIds.push(externalId);
        const item = row('interaction', 'upsert', callId, callRecord(callId, null));
        expect(await push(item)).toMatchObject({ kind: 'applied' });
        expect(await push(item)).toMatchObject({ kind: 'applied', replayed: true });
        const tickets = await admin.ticketsWithExternalId(externalId);
        tickets.forEach((t) => made.ticketIds.add(t.id));
        expect(tickets).toHaveLength(1);
        expect(tickets[0]!.requester_id).toBe(made.userId);
        await admin.updateTicket(tickets[0]!.id, { tags: [...new Set([...tickets[0]!.tags, TAG])] });
      },
      STEP_MS,
    );

    it(
      'refuses an edit based on a version someone has since changed in Zendesk: a conflict with their copy, nothing changed',
      async () => {
        const id = need(ticketId, 'test ticket');
        const stale = need(pulledVersion, 'pulled version');
        // Someone else, in Zendesk, lowers the priority after Switchboard pulled the ticket.
        const changed = await admin.updateTicket(id, { priority: 'low' });
        expect(Date.parse(changed.updated_at), 'the ticket moved on from the pulled version').not.toBe(stale);

        // Zendesk itself refuses a safe update on the stale stamp (Tickets › Protecting against ticket update collisions).
        const staleStamp = new Date(stale).toISOString().replace('.000Z', 'Z');
        const raw = await admin.request('PUT', `/api/v2/tickets/${id}.json`, {
          ticket: { priority: 'urgent', safe_update: true, updated_stamp: staleStamp },
        });
        expect(raw.status).toBe(409);

        // The connector, asked to send the agent's edit made on the pulled version, reports the conflict with Zendesk's copy.
        const edit = row('case', 'update', caseId(), { id: caseId(), patch: { priority: 'P1' }, baseVersion: stale });
        expect(await push(edit)).toMatchObject({
          kind: 'conflict',
          current: { id: caseId(), customerId: customerId(), priority: 'P4' },
        });
        expect((await admin.showTicket(id)).priority).toBe('low');
      },
      STEP_MS,
    );
  },
);
