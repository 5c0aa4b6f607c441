import { describe, expect, it } from 'vitest';
import { STORE_OPS, bindStoreOps, callClass, isLaneOp, laneOf, type WorkerOpName } from '../../../electron/store/op-table';
import type { UpsertReport } from '../../../electron/store/protocol';

/**
 * The one table of worker operations (electron/store/op-table.ts): StoreClient's methods are made
 * from it, and each request's thread and time come from it. A fake `post` stands for the threads.
 */

type Posted = { op: WorkerOpName; args: unknown[]; transfer: ArrayBuffer[] };

function recorder(answer: (posted: Posted) => unknown = () => null) {
  const posted: Posted[] = [];
  const ops = bindStoreOps(async (op, args, transfer) => {
    const p = { op, args, transfer };
    posted.push(p);
    return answer(p);
  });
  return { ops, posted };
}

describe('the store operation table', () => {
  it('gives every operation the time it had before the table (call-timeouts.ts classes)', () => {
    const lookup = [
      'lookupCaller',
      'getCustomer',
      'getCase',
      'getInteraction',
      'getWrapUp',
      'listWrapUpCodes',
      'getEscalation',
      'isDoNotCall',
      'localVersion',
    ];
    const read = ['search', 'listInteractions', 'listCallbacks', 'listEscalations', 'counts'];
    const bulk = [
      'upsertCustomers',
      'upsertCases',
      'importCommit',
      'importFile',
      'beginBulkLoad',
      'buildBulkIndexes',
      'finishBulkLoad',
      'scratchStart',
      'scratchPrepare',
      'scratchCommit',
      'integrityCheck',
      'runIdleMaintenance',
      'restoreSalvage',
      'checkpoint',
    ];
    for (const op of Object.keys(STORE_OPS)) {
      const expected = lookup.includes(op) ? 'lookup' : read.includes(op) ? 'read' : bulk.includes(op) ? 'bulk' : 'write';
      expect([op, callClass(op)]).toEqual([op, expected]);
    }
    // The lane's own requests, and anything the table does not know (the test build's hooks).
    expect(callClass('__ping')).toBe('lookup');
    expect(callClass('__background')).toBe('lookup');
    expect(callClass('__memory')).toBe('lookup');
    // Only those are the lane's own (not counted as store timeouts); the test hooks are store work.
    expect(['__ping', '__background', '__memory', '__test.never', 'search'].filter(isLaneOp)).toEqual([
      '__ping',
      '__background',
      '__memory',
    ]);
    expect(callClass('__test.block')).toBe('write');
    expect(callClass('toString')).toBe('write');
  });

  it('sends pops and point reads to the lookup thread, searches and lists to the search thread, the rest to the writer', () => {
    expect(laneOf('lookupCaller')).toBe('lookup');
    expect(laneOf('listInteractions')).toBe('search');
    expect(laneOf('commitLocal')).toBe('writer');
    expect(laneOf('scratchCommit')).toBe('indexer');
    expect(laneOf('integrityCheck')).toBe('maintenance');
  });

  it("makes one method per operation, by the worker's name, the outbox's under `outbox`, none of the host's own", async () => {
    const { ops, posted } = recorder();
    await ops.lookupCaller('+14155550123');
    await ops.search('invoice');
    await ops.listInteractions();
    await ops.outbox.due({ limit: 5 });
    await ops.outbox.pruneSent(42);
    expect(posted.map(({ op, args }) => [op, args])).toEqual([
      ['lookupCaller', ['+14155550123']],
      ['search', ['invoice']],
      ['listInteractions', []],
      ['outboxDue', [{ limit: 5 }]],
      ['outboxPruneSent', [42]],
    ]);
    const names = [...Object.keys(ops), ...Object.keys(ops.outbox).map((n) => `outbox.${n}`)];
    expect(names).toContain('outbox.markSent');
    expect(names).not.toContain('outboxDue');
    for (const hostOnly of ['restoreSalvage', 'beginBulkLoad', 'buildBulkIndexes', 'finishBulkLoad', 'scratchStart', 'integrityCheck'])
      expect(names).not.toContain(hostOnly);
    const expected = Object.entries(STORE_OPS).filter(([, spec]) => !('hostOnly' in spec)).length + 1 - Object.keys(ops.outbox).length;
    expect(Object.keys(ops)).toHaveLength(expected);
  });

  it('moves a page body that spans its whole buffer to the writer, and copies one that does not', async () => {
    const { ops, posted } = recorder();
    const whole = new Uint8Array(8);
    await ops.decodePage('cases', whole);
    await ops.decodePage('cases', new Uint8Array(new ArrayBuffer(16), 4, 8));
    expect(posted.map((p) => p.transfer)).toEqual([[whole.buffer], []]);
  });

  it('sends a big sync batch in 1,000-row slices and answers as for the whole batch: indexes in it, cursor with the last slice', async () => {
    const { ops, posted } = recorder(({ args }): UpsertReport => {
      const rows = args[0] as { id: string }[];
      const bad = rows.findIndex((r) => r.id === 'K-1700');
      return {
        inserted: rows.length - (bad >= 0 ? 1 : 0),
        updated: 0,
        unchanged: 0,
        skippedDirty: [],
        rejected: bad >= 0 ? [{ index: bad, id: 'K-1700', issues: ['status'] }] : [],
      };
    });
    const rows = Array.from({ length: 2_500 }, (_, i) => ({ id: `K-${i}` }));
    const report = await ops.upsertCases(rows as never, { force: true, cursor: { name: 'cases', value: 'page-3' } });
    expect(posted.map(({ op, args }) => [op, (args[0] as unknown[]).length, args[1]])).toEqual([
      ['upsertCases', 1000, { force: true }],
      ['upsertCases', 1000, { force: true }],
      ['upsertCases', 500, { force: true, cursor: { name: 'cases', value: 'page-3' } }],
    ]);
    expect(report).toEqual({
      inserted: 2_499,
      updated: 0,
      unchanged: 0,
      skippedDirty: [],
      rejected: [{ index: 1_700, id: 'K-1700', issues: ['status'] }],
    });

    posted.length = 0;
    await ops.upsertCustomers([{ id: 'C-1' }] as never);
    expect(posted.map(({ op, args }) => [op, args])).toEqual([['upsertCustomers', [[{ id: 'C-1' }], {}]]]);
  });
});
