import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreClient } from '../../../electron/store/store-client';
import { openStore, tempDataDir } from './support';

/**
 * Import is all or nothing: one bad row and the store is exactly as before,
 * with every problem reported at the line where its row starts. Exercised
 * through both entry points: the UI's chunked begin/append/commit and the
 * CLI's importFile, on a real encrypted store.
 */
describe('import', () => {
  const tmp = tempDataDir('import');
  let store: StoreClient;

  beforeAll(async () => {
    ({ store } = await openStore(tmp.dir));
    await store.upsertCustomers([{ id: 'C-1', name: 'Jane Smith', phones: ['+14155550123'], updatedAt: 1, version: 1 }]);
    await store.upsertCases([
      {
        id: 'K-1',
        customerId: 'C-1',
        subject: 'Router keeps rebooting',
        description: 'Since Monday.',
        status: 'open',
        priority: 'P3',
        updatedAt: 1,
        version: 1,
      },
    ]);
  });
  afterAll(async () => {
    await store?.close();
    tmp.cleanup();
  });

  // Line 1 header; line 2 replaces C-1; line 3 starts a row whose quoted notes span lines 3-4;
  // line 5 has no name; line 6 has an e-mail that is not one; line 7 is fine (5 rows).
  const badCsv = [
    'id,name,phone,email,notes',
    'C-1,Jane Renamed,+14155550123,jane@example.com,',
    'C-2,Ada Lovelace,+14155550101,ada@example.com,"first line',
    'second line"',
    'C-3,,+14155550102,,',
    'C-4,Alan Turing,+14155550104,not-an-email,',
    'C-5,Grace Hopper,+14155550105,grace@example.com,',
  ].join('\r\n');

  async function importThroughUi(text: string, chunkSize: number, kind: 'customers' | 'cases') {
    const id = `ui-${Math.random().toString(36).slice(2)}`;
    await store.importBegin(id, { fileName: 'customers.csv', format: 'csv', kind });
    for (let i = 0; i < text.length; i += chunkSize) await store.importAppend(id, text.slice(i, i + chunkSize));
    return store.importCommit(id);
  }

  it('rejects the whole file for bad rows, names their lines, and leaves the store unchanged', async () => {
    const before = await store.counts();
    // Chunks split rows (and the quoted field) in the middle, as the UI's chunks can.
    const report = await importThroughUi(badCsv, 7, 'customers');
    expect(report.ok).toBe(false);
    expect(report.rows).toBe(5);
    expect(report.imported).toEqual({ customers: 0, cases: 0 });
    expect(report.errors.map((e) => [e.line, e.field])).toEqual([
      [5, 'name'],
      [6, 'email'],
    ]);
    expect(report.errorCount).toBe(2);

    expect(await store.counts()).toEqual(before);
    expect((await store.getCustomer('C-1'))?.customer.name).toBe('Jane Smith');
    expect(await store.getCustomer('C-2')).toBeNull();
    expect(await store.getCustomer('C-5')).toBeNull();
    expect((await store.lookupCaller('+14155550105')).matchedBy).toBe('none');
    expect((await store.search('Grace Hopper')).customers).toEqual([]);
  });

  it('imports the corrected file completely: found by number and by name', async () => {
    const fixed = badCsv.replace('C-3,,', 'C-3,Edsger Dijkstra,').replace('not-an-email', 'alan@example.com');
    const report = await importThroughUi(fixed, 5, 'customers');
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ ok: true, rows: 5, imported: { customers: 5, cases: 0 } });
    expect((await store.counts()).customers).toBe(5);
    expect((await store.getCustomer('C-1'))?.customer.name).toBe('Jane Renamed');
    expect((await store.getCustomer('C-2'))?.customer.notes).toBe('first line\r\nsecond line');
    const pop = await store.lookupCaller('(415) 555-0105');
    expect(pop.matches.map((m) => m.customer.name)).toEqual(['Grace Hopper']);
    expect((await store.search('Hopper')).customers.map((c) => c.id)).toEqual(['C-5']);
  });

  it('a JSON cases file from the CLI path: a bad record is reported at its line and nothing is written', async () => {
    const file = path.join(tmp.dir, 'cases.json');
    const records = [
      {
        id: 'K-2',
        customerId: 'C-2',
        subject: 'Billing question',
        description: 'Asked about the March invoice.',
        status: 'open',
        priority: 'P3',
      },
      { id: 'K-3', customerId: 'C-5', subject: 'New router', description: 'Wants an upgrade.', status: 'not-a-status', priority: 'P2' },
      { id: 'K-1', customerId: 'C-1', subject: 'Router replaced', description: 'Closed after the swap.', status: 'closed', priority: 'P3' },
    ];
    // One record per line inside an array: the bad one starts on line 3.
    writeFileSync(file, `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
    const before = await store.counts();
    const report = await store.importFile(file, { kind: 'cases' });
    expect(report.ok).toBe(false);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ line: 3, field: 'status' });
    expect(await store.counts()).toEqual(before);
    expect((await store.getCase('K-1'))?.case.subject).toBe('Router keeps rebooting');
    expect(await store.getCase('K-2')).toBeNull();

    records[1]!.status = 'pending';
    writeFileSync(file, `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
    const fixed = await store.importFile(file, { kind: 'cases' });
    expect(fixed).toMatchObject({ ok: true, imported: { customers: 0, cases: 3 } });
    expect((await store.getCase('K-1'))?.case.status).toBe('closed');
    expect((await store.search('upgrade')).cases.map((c) => c.id)).toEqual(['K-3']);
  });
});
