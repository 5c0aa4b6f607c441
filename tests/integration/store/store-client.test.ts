import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreClient } from '../../../electron/store/store-client';
import { interaction, openStore, tempDataDir } from './support';

describe('StoreClient lookups', () => {
  const tmp = tempDataDir('lookups');
  let store: StoreClient;

  beforeAll(async () => {
    ({ store } = await openStore(tmp.dir));
    await store.upsertCustomers([
      {
        id: 'C-ada',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        company: 'Analytical Engines',
        phones: ['+14155550123', { number: '+442079460018', label: 'work' }],
        updatedAt: 1,
        version: 1,
      },
      { id: 'C-bob', name: 'Bob Marley', phones: ['+14155550123'], updatedAt: 1, version: 1 },
      { id: 'C-eve', name: 'Eve Moneypenny', phones: ['+4930123456'], updatedAt: 1, version: 1 },
    ]);
    await store.upsertCases([
      {
        id: 'K-1',
        customerId: 'C-ada',
        subject: 'Invoice dispute for March',
        description: 'The customer says the March invoice charged twice.',
        status: 'open',
        priority: 'P2',
        updatedAt: 10,
        version: 1,
      },
      {
        id: 'K-2',
        customerId: 'C-ada',
        subject: 'Router keeps rebooting',
        description: 'Firmware 2.1 reboots every hour.',
        status: 'pending',
        priority: 'P3',
        updatedAt: 20,
        version: 1,
      },
      {
        id: 'K-3',
        customerId: 'C-ada',
        subject: 'Old billing question',
        description: 'Answered.',
        status: 'closed',
        priority: 'P4',
        updatedAt: 30,
        version: 1,
      },
    ]);
  });
  afterAll(async () => {
    await store?.close();
    tmp.cleanup();
  });

  it('pops every customer who has the calling number, with their open cases newest first', async () => {
    const pop = await store.lookupCaller('sip:+14155550123@pbx.example.com;user=phone');
    expect(pop.matchedBy).toBe('exact');
    expect(pop.normalized).toBe('+14155550123');
    expect(pop.matches.map((m) => m.customer.name).sort()).toEqual(['Ada Lovelace', 'Bob Marley']);
    const ada = pop.matches.find((m) => m.customer.id === 'C-ada')!;
    expect(ada.openCases.map((c) => c.id)).toEqual(['K-2', 'K-1']);
    expect(ada.customer.phones).toEqual([
      { number: '+14155550123', label: null },
      { number: '+442079460018', label: 'work' },
    ]);
  });

  it('finds a badly formatted number by its last digits', async () => {
    // US default region reads "0044 20…" as a US number; the last digits still match the UK one.
    const pop = await store.lookupCaller('0044 (0)20 7946-0018');
    expect(pop.matches.map((m) => m.customer.id)).toEqual(['C-ada']);
    // Sent with "+" but not as E.164 writes it (the trunk 0 kept): normalized, then found exactly.
    expect(await store.lookupCaller('+44 (0)20 7946 0018')).toMatchObject({
      matchedBy: 'exact',
      normalized: '+442079460018',
      matches: [{ customer: { id: 'C-ada' } }],
    });
    const national = await store.lookupCaller('(415) 555-0123');
    expect(national.matchedBy).toBe('exact');
    expect(national.matches).toHaveLength(2);
  });

  it('says so when nobody has the number, and for withheld caller IDs', async () => {
    expect(await store.lookupCaller('+12025550199')).toMatchObject({ matchedBy: 'none', matches: [] });
    expect(await store.lookupCaller('anonymous')).toMatchObject({ normalized: null, matchedBy: 'none', matches: [] });
    expect(await store.lookupCaller('<script>alert(1)</script>')).toMatchObject({ matchedBy: 'none', matches: [] });
  });

  it('returns a customer with all cases, open first', async () => {
    const detail = await store.getCustomer('C-ada');
    expect(detail?.cases.map((c) => c.id)).toEqual(['K-2', 'K-1', 'K-3']);
    expect(await store.getCustomer('nope')).toBeNull();
  });

  it('logs a contact and shows it in the next pop', async () => {
    await store.logInteraction(interaction({ id: 'I-pop', customerId: 'C-ada', caseId: 'K-1' }));
    const pop = await store.lookupCaller('+442079460018');
    expect(pop.matches[0]?.recentInteractions.map((i) => i.id)).toEqual(['I-pop']);
  });
});

describe('StoreClient big sync batches', () => {
  const tmp = tempDataDir('batches');
  let store: StoreClient;

  beforeAll(async () => {
    ({ store } = await openStore(tmp.dir));
    await store.upsertCustomers([{ id: 'C-1', name: 'Ada Lovelace', phones: ['+14155550123'], updatedAt: 1, version: 1 }]);
  });
  afterAll(async () => {
    await store?.close();
    tmp.cleanup();
  });

  it('a batch sent in slices reports as one: rejected rows by their index in the whole batch, the cursor stored with the rows', async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => ({
      id: `K-${i}`,
      customerId: 'C-1',
      subject: `Case number ${i}`,
      description: 'Pulled from the CRM.',
      status: i === 1_700 ? 'no-such-status' : 'open',
      priority: 'P3',
      updatedAt: 100,
      version: 1,
    }));
    const report = await store.upsertCases(rows as never, { cursor: { name: 'cases', value: 'page-3' } });
    expect(report.inserted).toBe(2_499);
    expect(report.rejected.map((r) => [r.index, r.id])).toEqual([[1_700, 'K-1700']]);
    expect(await store.getCursor('cases')).toBe('page-3');
    expect((await store.counts()).cases).toBe(2_499);
    const again = await store.upsertCases(rows.filter((_, i) => i !== 1_700) as never);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2_499, rejected: [] });
  });

  it('a synced case that changes customer pops under the new customer only; a status change drops it from the pop', async () => {
    await store.upsertCustomers([{ id: 'C-2', name: 'Grace Hopper', phones: ['+14155550199'], updatedAt: 1, version: 1 }]);
    const base = { subject: 'Headset crackles', description: 'Left ear only.', priority: 'P3', updatedAt: 200 } as const;
    await store.upsertCases([{ ...base, id: 'K-move', customerId: 'C-1', status: 'open', version: 1 }]);
    const openIds = async (phone: string) => (await store.lookupCaller(phone)).matches[0]?.openCases.map((c) => c.id) ?? [];
    expect(await openIds('+14155550199')).toEqual([]);
    expect(await openIds('+14155550123')).toContain('K-move');

    expect(
      await store.upsertCases([{ ...base, id: 'K-move', customerId: 'C-2', status: 'open', updatedAt: 300, version: 2 }]),
    ).toMatchObject({ updated: 1 });
    expect(await openIds('+14155550199')).toEqual(['K-move']);
    expect(await openIds('+14155550123')).not.toContain('K-move');
    expect((await store.getCustomer('C-2'))?.cases.map((c) => c.id)).toEqual(['K-move']);

    expect(
      await store.upsertCases([{ ...base, id: 'K-move', customerId: 'C-2', status: 'solved', updatedAt: 400, version: 3 }]),
    ).toMatchObject({ updated: 1 });
    expect(await openIds('+14155550199')).toEqual([]);
    expect((await store.getCustomer('C-2'))?.cases.map((c) => [c.id, c.status])).toEqual([['K-move', 'solved']]);
  });
});
