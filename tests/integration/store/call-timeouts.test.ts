import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreClient } from '../../../electron/store/store-client';
import { interaction, openStore, tempDataDir, type OpenedStore } from './support';

/**
 * Requests to the store's worker threads have a time (electron/store/call-timeouts.ts). These
 * tests hang real threads with the worker's test hooks (built into the test bundle only) and
 * check what the caller gets and what becomes of the thread. The hooks' own requests are given
 * 200 ms; everything else keeps seconds, so a busy machine does not time out the setup.
 */

const LIMITS = { timeoutMs: { lookup: 2_000, write: 2_000 }, stuckAfterMs: 500 };
const WAIT = { timeout: 20_000, interval: 20 };
let tmp: { dir: string; cleanup: () => void } | null = null;
let opened: OpenedStore | null = null;

afterEach(async () => {
  await opened?.store.close();
  tmp?.cleanup();
  opened = null;
  tmp = null;
});

async function open(label: string, options: Parameters<typeof openStore>[1] = {}): Promise<StoreClient> {
  tmp = tempDataDir(label);
  opened = await openStore(tmp.dir, { callLimits: LIMITS, ...options });
  await opened.store.upsertCustomers([{ id: 'C-1', name: 'Ada Lovelace', phones: ['+14155550123'], updatedAt: 1, version: 1 }]);
  return opened.store;
}

const logged = (message: string) => opened!.logs.filter((r) => r.message === message);

describe('store requests that get no answer', () => {
  it('a screen-pop thread stuck inside an operation: its callers get "timeout", the thread is ended and replaced, and pops work again', async () => {
    const store = await open('stuck-lookup');
    expect((await store.lookupCaller('+14155550123')).matches).toHaveLength(1);

    const blocked = store.callForTests('lookup', '__test.block', 200);
    // Sent behind the stuck operation: it cannot be answered either.
    const pop = store.lookupCaller('+14155550123');
    await expect(blocked).rejects.toMatchObject({
      code: 'timeout',
      message: 'The local database did not answer __test.block within 200 ms (its lookup thread is busy or stuck); it may still finish',
    });
    await expect(pop).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('did not answer lookupCaller within 2 s') as string,
    });

    // It did not answer a ping either: ended and replaced.
    await expect.poll(() => store.threadHealth().lookup?.stuck, WAIT).toBe(1);
    expect(logged('store thread stopped answering; it was ended and is restarted')).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ lane: 'lookup' }) }),
    ]);
    expect(store.threadHealth().lookup).toEqual({ timeouts: 2, stuck: 1, crashed: 0 });
    expect((await store.lookupCaller('+14155550123')).matches.map((m) => m.customer.id)).toEqual(['C-1']);
    expect(store.state).toBe('ready');
  });

  it('an operation that never answers on a thread that is otherwise free: the caller gets "timeout" and the thread is kept', async () => {
    const store = await open('never-lookup');
    await expect(store.callForTests('lookup', '__test.never', 200)).rejects.toMatchObject({ code: 'timeout' });
    // Answered after the ping, on the same thread (messages are answered in order): the ping was answered too.
    expect((await store.lookupCaller('+14155550123')).matches).toHaveLength(1);
    expect(store.threadHealth().lookup).toEqual({ timeouts: 1, stuck: 0, crashed: 0 });
    expect(logged('store request not answered in time')).toEqual([
      expect.objectContaining({ fields: { thread: 'lookup', op: '__test.never', ms: 200 } }),
    ]);
    expect(logged('store thread stopped answering; it was ended and is restarted')).toEqual([]);
  });

  it('the writer stuck: a save waiting behind it gets "timeout", the writer is replaced, and the next save commits', async () => {
    const store = await open('stuck-writer');
    const blocked = store.callForTests('writer', '__test.block', 200);
    const save = store.logInteraction(interaction({ id: 'I-behind' }));
    await expect(blocked).rejects.toMatchObject({ code: 'timeout' });
    await expect(save).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining(
        'did not answer commitLocal within 2 s (its writer thread is busy or stuck); it may still finish',
      ) as string,
    });

    await expect.poll(() => store.threadHealth().writer?.stuck, WAIT).toBe(1);
    // While the new writer opens, writes are refused as "restarting"; then they commit.
    await expect
      .poll(
        async () =>
          store.logInteraction(interaction({ id: 'I-after' })).then(
            () => 'saved',
            (error: { code?: string }) => error.code,
          ),
        WAIT,
      )
      .toBe('saved');
    // The save that waited behind the stuck operation was never run: the thread was ended first.
    expect(await store.getInteraction('I-behind')).toBeNull();
    expect((await store.counts()).outbox.pending).toBe(1);
    expect(store.state).toBe('ready');
  });

  it('the hooks exist only in a worker built for tests: the TypeScript source, like the production bundle, refuses them', async () => {
    const store = await open('no-hooks', {
      workerScript: path.resolve(import.meta.dirname, '../../../electron/store/worker/entry.ts'),
      readers: 'writer',
    });
    await expect(store.callForTests('writer', '__test.block', 5_000)).rejects.toMatchObject({
      code: 'internal',
      message: 'Unknown store operation __test.block',
    });
    expect(store.threadHealth()).toEqual({});
  });
});
