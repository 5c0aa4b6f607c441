import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../tools/crm-emulators/salesforce/server';
import {
  CHILD_TEST,
  CHILD_WAIT,
  killHard,
  runAppChild,
  stopAppChildren,
  storeCounts,
  untilIdleExit,
  untilLine,
  type AppChild,
  type AppChildCall,
  type AppChildConfig,
} from '../../support/crm-app-child-process';
import { CONNECTED_APP, browser, freePort, salesforcePolicy } from './salesforce-harness';

/**
 * The app process, syncing with Salesforce (chosen by IT policy, the agent signed in through the
 * browser), is killed with SIGKILL in the middle of a push and in the middle of a pull (no shutdown
 * code runs), then started again on the same data folder. The emulator runs here, in the test
 * process. Afterwards Salesforce holds one Task per call, written once, with the call's and the
 * wrap-up's fields; the pull went on from its stored position after each kill, and the local store
 * has every contact and case, its integrity check passing.
 */

const FIELD = 'Switchboard_Call_Id__c';
// Three children, each storing thousands of records: twice a child test's budget on the loaded machine.
const PULL_TEST = { timeout: 2 * CHILD_TEST.timeout };
const API = '/services/data/v62.0';

let sf: SalesforceEmulator | null = null;
let dataDir: string | null = null;

afterEach(async () => {
  stopAppChildren();
  await sf?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  sf = null;
  dataDir = null;
});

/** The emulator with IT's Connected App, its callback on a port the app's sign-in will listen on. */
async function startOrg(seed: { contacts: number; cases: number; seed: number }): Promise<{ sf: SalesforceEmulator; port: number }> {
  const port = await freePort();
  sf = await startSalesforceEmulator({
    oauthClients: [{ id: CONNECTED_APP, redirectUris: [`http://127.0.0.1:${port}/oauth/callback`] }],
    seed,
  });
  return { sf, port };
}

/** The agent signs in: the child opened the sign-in, the "browser" approves it on the emulator's page. */
async function signIn(org: SalesforceEmulator, child: AppChild): Promise<void> {
  const { url } = await untilLine(child, (l) => l.t === 'sign-in', 'the sign-in');
  const page = await browser(org, url!);
  expect(page.status).toBe(200);
}

/** The SOQL of the fresh queries (not query locators) of a route after `from` in the request log. */
const soqlSince = (org: SalesforceEmulator, from: number, route: 'query' | 'queryAll') =>
  org.state.requests
    .slice(from)
    .filter((r) => r.route === route && r.status === 200)
    .map((r) => new URLSearchParams(r.query).get('q') ?? '');

describe('Salesforce sync survives the app being killed', () => {
  it('SIGKILL during a push: after the restart every call is one Task with its call and wrap-up, none twice', CHILD_TEST, async () => {
    const { sf: org, port } = await startOrg({ contacts: 60, cases: 240, seed: 9 });
    dataDir = mkdtempSync(path.join(tmpdir(), 'sb-salesforce-kill-push-'));
    const contacts = org.state.list('Contact');
    const open = org.state.list('Case', (c) => c.values.IsClosed !== true).slice(0, 10);
    expect(open).toHaveLength(10);
    // 300 calls: 60 with a contact each, 30 on ten open cases, the rest on neither; every fifth wrapped up. A contact's
    // or a case's calls go one after another (the outbox orders them by it), so 280 go at once, in two Collections
    // requests of up to 200 Tasks, confirmed together after the second.
    const calls: AppChildCall[] = Array.from({ length: 300 }, (_, i) => {
      const id = `kill-call-${i}`;
      if (i % 10 === 1 || i % 10 === 6) return { id, caseId: null, customerId: `sf-contact-${contacts[Math.floor(i / 5)]!.id}` };
      if (i % 10 !== 3) return { id, caseId: null };
      const kase = open[Math.floor(i / 10) % 10]!;
      return { id, caseId: `sf-case-${kase.id}`, customerId: `sf-contact-${String(kase.values.ContactId)}` };
    });
    const wrapUps = calls.filter((_, i) => i % 5 === 0).map((c) => c.id);
    const tasks = () => org.state.list('Task');
    const applied = () => org.state.counts.upsertCreates + org.state.counts.upsertUpdates;
    // Each request is held a second before it is applied, so the kill lands after the first applied and before any confirmation.
    org.faults.add({ kind: 'slow', path: `${API}/composite/sobjects*`, times: Infinity, delayMs: 1_000 });
    const base: AppChildConfig = { dataDir, policy: salesforcePolicy(org, port), timing: { pushPollMs: 100, requestTimeoutMs: 30_000 } };

    const first = runAppChild({ ...base, calls, wrapUps, signIn: true });
    await signIn(org, first);
    await expect.poll(() => tasks().length, CHILD_WAIT).toBeGreaterThanOrEqual(200);
    await killHard(first);
    const appliedBeforeKill = applied();
    expect(tasks().length).toBeLessThan(calls.length);
    // Salesforce has Tasks the store never heard back about: the restart has to send them again.
    const afterKill = await storeCounts(dataDir);
    expect(afterKill.outbox.sent).toBeLessThan(appliedBeforeKill);

    org.faults.clear();
    await untilIdleExit(runAppChild({ ...base, exitWhenIdle: true }), dataDir);

    // Nothing else: one Task created per call, none for a wrap-up (it updates its call's Task).
    expect(tasks()).toHaveLength(calls.length);
    expect(org.state.counts.upsertCreates).toBe(calls.length);
    const wrapped = new Set(wrapUps);
    for (const call of calls) {
      const made = org.state.list('Task', (t) => t.values[FIELD] === call.id);
      expect(
        made.map((t) => t.id),
        call.id,
      ).toHaveLength(1);
      const task = org.state.json(made[0]!.id)!;
      expect(task, call.id).toMatchObject({
        TaskSubtype: 'Call',
        CallType: 'Inbound',
        CallDurationInSeconds: 40,
        Status: 'Completed',
        WhatId: call.caseId?.slice('sf-case-'.length) ?? null,
        WhoId: call.customerId?.slice('sf-contact-'.length) ?? null,
        CallDisposition: wrapped.has(call.id) ? 'sorted' : null,
      });
      if (wrapped.has(call.id)) expect(task.Description, call.id).toContain(`Wrap-up notes for ${call.id}`);
    }
    const local = await storeCounts(dataDir);
    expect(local.interactions).toBe(calls.length);
    expect(local.outbox).toEqual({ pending: 0, parked: 0, conflict: 0, sent: calls.length + wrapUps.length });
    expect(local.integrityOk).toBe(true);
  });

  it(
    'SIGKILL during the open cases and again during the history: each restart goes on from the stored position, and the store ends with every record',
    PULL_TEST,
    async () => {
      const { sf: org, port } = await startOrg({ contacts: 2000, cases: 12_000, seed: 5 });
      dataDir = mkdtempSync(path.join(tmpdir(), 'sb-salesforce-kill-pull-'));
      const cases = org.state.list('Case').length;
      const openCases = org.state.list('Case', (c) => c.values.IsClosed !== true).length;
      const contacts = org.state.list('Contact').length;
      const servedCases = () => org.state.served.get('Case') ?? 0;
      const base: AppChildConfig = { dataDir, policy: salesforcePolicy(org, port), timing: { pushPollMs: 100, requestTimeoutMs: 30_000 } };

      // Run 1: the first round (open cases and their contacts) in pages of 500, each slow; killed once some open cases are stored.
      const slowFirst = org.faults.add({ kind: 'slow', method: 'GET', path: `${API}/query*`, times: Infinity, delayMs: 100 });
      const first = runAppChild({ ...base, signIn: true, timing: { ...base.timing, pageSize: 500 } });
      await signIn(org, first);
      await untilLine(
        first,
        (l) => l.stages?.cases?.stage === 'open' && l.progress?.phase === 'cases' && l.progress.done >= 1500,
        '1,500 open cases',
      );
      await killHard(first);
      slowFirst.remove();
      const afterFirst = await storeCounts(dataDir);
      expect(afterFirst.cases).toBeGreaterThanOrEqual(1500);
      expect(afterFirst.cases).toBeLessThan(openCases);

      // Run 2: finishes the open cases from the stored position, then the history (slow): killed in the middle of it.
      const secondFrom = org.state.requests.length;
      const slowSecond = org.faults.add({ kind: 'slow', method: 'GET', path: `${API}/query*`, times: Infinity, delayMs: 300 });
      const second = runAppChild({ ...base, rounds: 2, timing: { ...base.timing, pageSize: 2000 } });
      await untilLine(second, (l) => l.stages?.cases?.stage === 'history' && l.stages.cases.done >= 6000, '6,000 cases of the history');
      await killHard(second);
      slowSecond.remove();
      // Where the history had got at the latest: the store holds at least this far.
      const historyDone = Math.max(...second.lines.map((l) => (l.stages?.cases?.stage === 'history' ? l.stages.cases.done : 0)));
      const servedBeforeThird = servedCases();
      const afterSecond = await storeCounts(dataDir);
      expect(afterSecond.cases).toBeGreaterThanOrEqual(openCases);
      expect(afterSecond.cases).toBeLessThan(cases);
      // The open cases went on after the last stored one (by its query locator, or a fresh query after it), not from the first.
      const openAgain = soqlSince(org, secondFrom, 'query').filter(
        (q) => /FROM Case WHERE IsClosed = false/.test(q) && !/ContactId != null/.test(q),
      );
      for (const q of openAgain) expect(q).toMatch(/SystemModstamp > /);

      // Run 3: goes on with the history from its stored position, not from the beginning.
      const thirdFrom = org.state.requests.length;
      await untilIdleExit(runAppChild({ ...base, exitWhenIdle: true, timing: { ...base.timing, pageSize: 2000 } }), dataDir);
      const historyAgain = soqlSince(org, thirdFrom, 'queryAll').filter((q) => / FROM Case /.test(q));
      for (const q of historyAgain) expect(q).toMatch(/SystemModstamp > /);
      expect(soqlSince(org, thirdFrom, 'query').filter((q) => /IsClosed = false/.test(q))).toEqual([]);
      // What was left after the stored position, and at most one page more; starting over reads all 12,000 again.
      expect(servedCases() - servedBeforeThird).toBeLessThanOrEqual(cases - historyDone + 2000);

      // Every case was read about once by the history, and the open ones twice by the first round (their
      // contact ids, then the cases), plus at most the pages in flight at each kill (the one being stored
      // and the one fetched ahead). Starting over after either kill reads thousands more.
      expect(servedCases()).toBeLessThanOrEqual(2 * openCases + cases + 2 * 500 + 2 * 2000);
      const local = await storeCounts(dataDir);
      expect({ customers: local.customers, cases: local.cases }).toEqual({ customers: contacts, cases });
      expect(local.bulkLoad).toBe(false);
      expect(local.integrityOk).toBe(true);
    },
  );
});
