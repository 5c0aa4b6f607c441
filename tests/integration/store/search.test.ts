import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreClient } from '../../../electron/store/store-client';
import { openStore, tempDataDir } from './support';

describe('search', () => {
  const tmp = tempDataDir('search');
  let store: StoreClient;

  beforeAll(async () => {
    ({ store } = await openStore(tmp.dir));
    await store.upsertCustomers([
      {
        id: 'C-1',
        name: 'Jane Smith',
        email: 'jane.smith@example.com',
        company: 'Acme Rockets',
        phones: ['+14155550123'],
        updatedAt: 1,
        version: 1,
      },
      { id: 'C-2', name: 'John Smithers', company: 'Globex', phones: ['+14155559876'], updatedAt: 1, version: 1 },
      { id: 'C-3', name: 'Zoë Müller', phones: ['+4930123456'], updatedAt: 1, version: 1 },
    ]);
    await store.upsertCases([
      {
        id: 'K-1',
        customerId: 'C-1',
        subject: 'Refund for double charge',
        description: 'Customer was charged twice for the March invoice (order #4471).',
        status: 'open',
        priority: 'P2',
        updatedAt: 10,
        version: 1,
      },
      {
        id: 'K-2',
        customerId: 'C-1',
        subject: 'Router: NEAR total failure',
        description: 'The router "AND" the modem both reboot; customer tried a factory reset.',
        status: 'closed',
        priority: 'P3',
        updatedAt: 20,
        version: 1,
      },
      {
        id: 'K-3',
        customerId: 'C-2',
        subject: 'Invoice question',
        description: 'Asked why the invoice shows a late fee of $5.',
        status: 'pending',
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

  it('finds cases by words in subject or description, every word required', async () => {
    const result = await store.search('invoice charged');
    expect(result.mode).toBe('text');
    expect(result.cases.map((c) => c.id)).toEqual(['K-1']);
    expect(result.cases[0]).toMatchObject({ customerName: 'Jane Smith', status: 'open', priority: 'P2' });
    expect(result.cases[0]?.snippet).toContain('charged twice');
  });

  it('searches FTS syntax as plain text and never fails on it', async () => {
    const inputs = [
      '"invoice',
      'invoice AND',
      'OR invoice',
      'NEAR(invoice late)',
      'invoice*',
      '-invoice',
      'subject:invoice',
      '(invoice)',
      '^invoice',
      'invoice + late',
      "invoice' OR 1=1 --",
    ];
    for (const query of inputs) {
      const result = await store.search(query);
      expect(result.mode, query).toBe('text');
    }
    // Operators are words like any other: "near" and "and" are matched as written.
    expect((await store.search('router NEAR')).cases.map((c) => c.id)).toEqual(['K-2']);
    expect((await store.search('"AND" modem')).cases.map((c) => c.id)).toEqual(['K-2']);
    expect((await store.search('subject:invoice')).cases).toEqual([]);
    expect((await store.search('invoice*')).cases.map((c) => c.id).sort()).toEqual(['K-1', 'K-3']);
    expect((await store.search('(late) fee')).cases.map((c) => c.id)).toEqual(['K-3']);
  });

  it('matches the word being typed as a prefix, and accents either way', async () => {
    expect((await store.search('jane smi')).customers.map((c) => c.id)).toEqual(['C-1']);
    // Still typing: "smith" may become "Smithers"; a space ends the word.
    expect((await store.search('smith')).customers.map((c) => c.id).sort()).toEqual(['C-1', 'C-2']);
    expect((await store.search('smith ')).customers.map((c) => c.id)).toEqual(['C-1']);
    expect((await store.search('smit')).customers.map((c) => c.id).sort()).toEqual(['C-1', 'C-2']);
    expect((await store.search('zoe muller')).customers.map((c) => c.id)).toEqual(['C-3']);
    expect((await store.search('Müller')).customers.map((c) => c.id)).toEqual(['C-3']);
  });

  it('finds cases by the start of a word while it is typed, a word stored a moment ago included', async () => {
    expect((await store.search('refu')).cases.map((c) => c.id)).toEqual(['K-1']);
    expect((await store.search('factory res')).cases.map((c) => c.id)).toEqual(['K-2']);
    expect((await store.search('inv')).cases.map((c) => c.id).sort()).toEqual(['K-1', 'K-3']);
    expect((await store.search('refx')).cases).toEqual([]);
    await store.upsertCases([
      {
        id: 'K-4',
        customerId: 'C-3',
        subject: 'Thermostat offline',
        description: 'Thermal sensor replaced at the café.',
        status: 'closed',
        priority: 'P4',
        updatedAt: 25,
        version: 1,
      },
      // More words starting "zza" than a prefix is expanded to: FTS5's own prefix query answers it.
      {
        id: 'K-5',
        customerId: 'C-3',
        subject: 'Codes',
        description: Array.from({ length: 300 }, (_, i) => `zza${i}`).join(' '),
        status: 'closed',
        priority: 'P4',
        updatedAt: 26,
        version: 1,
      },
    ]);
    expect((await store.search('therm')).cases.map((c) => c.id)).toEqual(['K-4']);
    expect((await store.search('sensor therm')).cases.map((c) => c.id)).toEqual(['K-4']);
    expect((await store.search('caf')).cases.map((c) => c.id)).toEqual(['K-4']);
    expect((await store.search('café')).cases.map((c) => c.id)).toEqual(['K-4']);
    expect((await store.search('zza')).cases.map((c) => c.id)).toEqual(['K-5']);
    expect((await store.search('codes zza6')).cases.map((c) => c.id)).toEqual(['K-5']);
  });

  it('ranks subject matches and open cases first, and filters to open cases on request', async () => {
    expect((await store.search('invoice')).cases.map((c) => c.id)).toEqual(['K-3', 'K-1']);
    expect((await store.search({ query: 'customer', openOnly: true })).cases.map((c) => c.id)).toEqual(['K-1']);
  });

  it('searches digits as phone numbers by their last digits, and finds a record by its id', async () => {
    const phone = await store.search('555-9876');
    expect(phone.mode).toBe('phone');
    expect(phone.customers.map((c) => c.id)).toEqual(['C-2']);
    expect(phone.cases.map((c) => c.id)).toEqual(['K-3']);
    expect((await store.search('K-2')).cases.map((c) => c.id)).toEqual(['K-2']);
  });

  it('keeps search in step with changes: new text is found, old text no longer', async () => {
    await store.upsertCases([
      {
        id: 'K-3',
        customerId: 'C-2',
        subject: 'Billing address change',
        description: 'Moved house.',
        status: 'pending',
        priority: 'P4',
        updatedAt: 40,
        version: 2,
      },
    ]);
    expect((await store.search('fee')).cases).toEqual([]);
    expect((await store.search('moved house')).cases.map((c) => c.id)).toEqual(['K-3']);
    await store.deleteCases(['K-3']);
    expect((await store.search('moved')).cases).toEqual([]);
  });

  it('answers an empty query with nothing, not an error', async () => {
    expect(await store.search('   ')).toEqual({ mode: 'empty', terms: [], customers: [], cases: [], truncated: false });
  });
});
