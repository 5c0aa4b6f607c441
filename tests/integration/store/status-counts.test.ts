import { afterEach, describe, expect, it } from 'vitest';
import { createStoreFeature } from '../../../electron/store/feature';
import { silentLogger } from '../../../electron/logging/logger';
import type { StoreClient } from '../../../electron/store/store-client';
import { openStore, tempDataDir } from './support';

/**
 * Counting the rows of a 1M-case store reads whole indexes (seconds of a reader thread and tens of
 * MB of its cache: docs/performance.md, "Start-up, memory and idle CPU"), so the window's status
 * at connect leaves them out and the import dialog asks for them.
 */
describe('the store status the window reads', () => {
  const opened: { store: StoreClient; cleanup: () => void }[] = [];
  afterEach(async () => {
    for (const { store, cleanup } of opened.splice(0)) {
      await store.close();
      cleanup();
    }
  });

  async function feature() {
    const tmp = tempDataDir('status-counts');
    const { store } = await openStore(tmp.dir);
    opened.push({ store, cleanup: tmp.cleanup });
    await store.upsertCustomers([{ id: 'C-1', name: 'Ada Lovelace', phones: ['+14155550123'], updatedAt: 1, version: 1 }]);
    const pushed: unknown[] = [];
    const f = createStoreFeature({
      bridge: { emit: (_channel: string, payload: unknown) => pushed.push(payload) } as never,
      store,
      log: silentLogger,
    });
    return {
      handler: f.handlers['store.status'] as unknown as (request: { counts?: boolean }) => Promise<{ state: string; counts: unknown }>,
      store,
    };
  }

  it('leaves the counts out unless asked, and gives them when asked', async () => {
    const { handler } = await feature();
    const plain = await handler({});
    expect(plain.state).toBe('ready');
    expect(plain.counts).toBeNull();
    const counted = await handler({ counts: true });
    expect(counted.counts).toMatchObject({ customers: 1, cases: 0 });
  });

  it('still counts for callers in main that ask for the whole status (diagnostics)', async () => {
    const { store } = await feature();
    expect((await store.status()).counts).toMatchObject({ customers: 1 });
  });
});
