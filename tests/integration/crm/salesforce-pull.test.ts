import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceError } from '../../../electron/sync/case-source';
import { salesforceFieldMapping } from '../../../shared/sync/salesforce-fields';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../tools/crm-emulators/salesforce/server';
import { closeAll, connect, engine, failure, memoryStore } from './salesforce-harness';

/**
 * The Salesforce connector's pulls against the Salesforce emulator over real HTTP: the open cases
 * and their contacts first (what a screen pop needs), then every contact and case, page by page,
 * resumed by a new connector after a "restart"; deletions through QueryAll; person accounts; and
 * what the org's limit and a refused session do to a pull. Nothing here sleeps: the emulator runs
 * on a test clock.
 */

let sf: SalesforceEmulator;
let clock = Date.UTC(2024, 5, 1, 12);

beforeAll(async () => {
  sf = await startSalesforceEmulator({ now: () => clock, personAccounts: true, seed: { contacts: 400, cases: 2500, seed: 7 } });
});
afterAll(async () => {
  await sf.close();
});
beforeEach(() => {
  sf.faults.clear();
  sf.usage.setUsage(0);
});
afterEach(() => closeAll());

const routesSince = (from: number) => sf.state.requests.slice(from).map((r) => r.route);
const liveCases = () => sf.state.list('Case');
const liveContacts = () => sf.state.list('Contact');
const openCases = () => liveCases().filter((c) => c.values.IsClosed !== true);

describe('pulling an org', () => {
  it('brings the open cases and their contacts first, then the whole history, resumed by a new connector after a restart', async () => {
    const store = memoryStore();
    const mark = sf.state.requests.length;
    const first = await engine(await connect(sf), store.ingest).run();

    // Round 1: plain queries only (no history yet); every open case, each with its contact.
    expect(routesSince(mark).every((r) => r === 'query' || r === 'queryMore')).toBe(true);
    const open = openCases();
    expect(open.length).toBeGreaterThan(300);
    expect([...store.cases.keys()].sort()).toEqual(open.map((c) => `sf-case-${c.id}`).sort());
    for (const c of open) expect(store.customers.has(`sf-contact-${String(c.values.ContactId)}`)).toBe(true);
    expect(store.customers.size).toBeLessThan(liveContacts().length);
    expect(first.stopped).toEqual([]);

    // Round 2 is cut short after two pages a feed, as if the app were closed in the middle of the history.
    const cut = await engine(await connect(sf), store.ingest, { maxPagesPerFeed: 2 }, 500).run();
    expect(cut.stopped.map((s) => s.feed)).toContain('cases');
    expect(store.cases.size).toBeLessThan(liveCases().length);

    // After the "restart": a new connector goes on from the stored cursors, through QueryAll, to the end.
    const mark2 = sf.state.requests.length;
    const rest = await engine(await connect(sf), store.ingest).run();
    expect(rest.stopped).toEqual([]);
    expect(routesSince(mark2)).toContain('queryAll');
    expect(store.cases.size).toBe(liveCases().length);
    expect(store.customers.size).toBe(liveContacts().length);
    for (const c of liveCases()) {
      const stored = store.cases.get(`sf-case-${c.id}`)!;
      expect(stored.version).toBe(c.modifiedAt);
      expect(stored.status === 'closed').toBe(c.values.IsClosed === true);
    }
    // Pages follow nextRecordsUrl (queryMore): one fresh query a feed per round, not one a page.
    const queries = routesSince(mark2).filter((r) => r === 'query' || r === 'queryAll').length;
    expect(queries).toBeLessThanOrEqual(4);
  });

  it('a 500, a connection cut mid-answer and Salesforce down in the middle of the history: each round fails, the next goes on from its stored page, and everything arrives', async () => {
    const store = memoryStore();
    await engine(await connect(sf), store.ingest).run();
    // The history is under way: two 500-row pages a feed are stored.
    await engine(await connect(sf), store.ingest, { maxPagesPerFeed: 2 }, 500).run();
    const casesBefore = store.cases.size;
    expect(casesBefore).toBeLessThan(liveCases().length);

    // The next page of the history (queryMore) meets each fault once; the round fails with it.
    const nextPage = `/services/data/v62.0/query/*`;
    sf.faults.add({ kind: 'error500', path: nextPage, method: 'GET' });
    expect(await failure<SourceError>(engine(await connect(sf), store.ingest, {}, 500).run())).toMatchObject({ kind: 'server' });
    sf.faults.add({ kind: 'reset', path: nextPage, method: 'GET' });
    expect(await failure<SourceError>(engine(await connect(sf), store.ingest, {}, 500).run())).toMatchObject({ kind: 'network' });
    await sf.faults.setDown(true);
    try {
      expect(await failure<SourceError>(engine(await connect(sf), store.ingest, {}, 500).run())).toMatchObject({ kind: 'network' });
    } finally {
      await sf.faults.setDown(false);
    }
    // Nothing stored was lost to the faults, and the history did not start again from its beginning:
    // the last round is served what was left, plus at most the page that was in flight.
    const storedBefore = store.cases.size;
    expect(storedBefore).toBeGreaterThanOrEqual(casesBefore);
    const servedBefore = sf.state.served.get('Case') ?? 0;
    const rest = await engine(await connect(sf), store.ingest, {}, 500).run();
    expect(rest.stopped).toEqual([]);
    expect(store.cases.size).toBe(liveCases().length);
    expect(store.customers.size).toBe(liveContacts().length);
    for (const c of liveCases()) expect(store.cases.get(`sf-case-${c.id}`)!.version).toBe(c.modifiedAt);
    expect((sf.state.served.get('Case') ?? 0) - servedBefore).toBeLessThanOrEqual(liveCases().length - storedBefore + 500);
  });

  it('reads phones in E.164 with the centre region, the account as company, and a person account without one', async () => {
    const store = memoryStore();
    const pull = engine(await connect(sf), store.ingest, {}, 2000);
    await pull.run();
    await pull.run();
    const withMobile = liveContacts().find(
      (c) => typeof c.values.MobilePhone === 'string' && String(c.values.MobilePhone).startsWith('07'),
    );
    expect(withMobile).toBeDefined();
    const customer = store.customers.get(`sf-contact-${withMobile!.id}`)!;
    const national = String(withMobile!.values.MobilePhone).replace(/\s/g, '');
    expect(customer.phones).toContainEqual({ number: `+44${national.slice(1)}`, label: 'mobile' });

    const person = liveContacts().find((c) => c.values.IsPersonAccount === true)!;
    expect(store.customers.get(`sf-contact-${person.id}`)?.company).toBeNull();
    const business = liveContacts().find((c) => c.values.IsPersonAccount === false && c.values.AccountId !== null)!;
    const account = sf.state.json(String(business.values.AccountId))!;
    expect(store.customers.get(`sf-contact-${business.id}`)?.company).toBe(account.Name);
  });

  it('a change and a deletion made in Salesforce arrive with the next pull; nothing else is read again', async () => {
    const store = memoryStore();
    const pull = engine(await connect(sf), store.ingest, {}, 2000);
    await pull.run();
    await pull.run();
    const [changed, gone] = openCases();
    clock += 60_000;
    sf.state.modify(changed!.id, { Priority: 'Low', Status: 'Escalated' });
    sf.state.remove(gone!.id);
    const mark = sf.state.requests.length;
    const report = await pull.run();
    expect(report.cases).toMatchObject({ stored: 1, deleted: 1 });
    expect(store.cases.get(`sf-case-${changed!.id}`)).toMatchObject({ priority: 'P4', status: 'open' });
    expect(store.cases.has(`sf-case-${gone!.id}`)).toBe(false);
    // One query a feed: the changes after the last record, deletions included.
    expect(routesSince(mark).filter((r) => r === 'queryAll')).toHaveLength(2);
  });

  it('an org without Person Accounts is found out once; its contacts come without IsPersonAccount', async () => {
    const plain = await startSalesforceEmulator({ now: () => clock, seed: { contacts: 30, cases: 60, seed: 3 } });
    try {
      const store = memoryStore();
      const pull = engine(await connect(plain), store.ingest);
      await pull.run();
      await pull.run();
      expect(store.customers.size).toBe(plain.state.list('Contact').length);
      const refused = plain.state.requests.filter((r) => r.status === 400);
      expect(refused.length).toBeLessThanOrEqual(1);
    } finally {
      await plain.close();
    }
  });

  it('a field the org does not have is named in the error', async () => {
    const source = await connect(sf, { mapping: salesforceFieldMapping({ contact: { segment: 'Tier__c' } }) });
    const error = await failure<SourceError>(source.pullCustomers({ cursor: null, limit: 500, includeTotal: false }));
    expect(error).toMatchObject({ kind: 'protocol' });
    expect(error?.message).toMatch(/Tier__c/);
  });

  it("the org's daily limit stops the pull as rate-limited, and the session is renewed once when Salesforce ends it", async () => {
    const source = await connect(sf);
    sf.usage.setUsage(sf.usage.max);
    const limited = await failure<SourceError>(source.pullCases({ cursor: null, limit: 500, includeTotal: false }));
    expect(limited).toMatchObject({ kind: 'rate-limited', code: 'salesforce-request-limit' });
    expect(limited!.retryAfterMs).toBeGreaterThan(0);
    sf.usage.setUsage(0);

    sf.faults.add({ kind: 'sessionExpired' });
    const page = await source.pullCases({ cursor: null, limit: 500, includeTotal: false });
    expect(page.items.length).toBeGreaterThan(0);
    expect(sf.state.requests.some((r) => r.route === 'oauth.token')).toBe(true);
    expect(source.apiUsage).toMatchObject({ limit: sf.usage.max });
    expect(source.apiUsage!.used).toBeGreaterThan(0);
  });
});
