import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { StoreClient } from '../../../electron/store/store-client';
import { YOUNG_GENERATION_MB } from '../../../electron/store/worker-lane';
import { openStore, tempDataDir } from './support';

/**
 * A store thread's young generation stays within its cap after the thread's busiest work (a load
 * for the writer, a burst of searches for the search thread), instead of growing to V8's 16-32 MiB
 * and being held idle for the rest of the shift (worker-lane.ts). What each thread holds is what
 * diagnostics reports (`threadMemory` in the zip's store.json).
 */
const customers = (from: number, count: number) =>
  Array.from({ length: count }, (_, k) => ({
    id: `C-${from + k}`,
    name: `Customer ${from + k} ${k % 2 ? 'Harrowgate' : 'Bellweather'} ${'Street '.repeat(k % 7)}`,
    phones: [`+1415${String(2_000_000 + from + k).padStart(7, '0')}`],
    email: `customer${from + k}@example.com`,
    updatedAt: 1,
    version: 1,
  }));

describe('store threads: young generation', () => {
  const tmp = tempDataDir('thread-memory');
  let store: StoreClient | null = null;
  afterEach(async () => {
    await store?.close();
    store = null;
  });
  afterAll(() => tmp.cleanup());

  it('stays within each thread’s cap after a load and a burst of searches, and each thread says what it holds', async () => {
    ({ store } = await openStore(`${tmp.dir}/young`));
    const s = store;
    for (let i = 0; i < 10; i += 1) await s.upsertCustomers(customers(i * 5_000, 5_000));
    for (let i = 0; i < 150; i += 1) await s.search(i % 2 ? 'Harrowgate' : 'Bellweather Street');

    const memory = await s.threadMemory();
    expect(Object.keys(memory).sort()).toEqual(['lookup', 'search', 'writer']);
    for (const [thread, heap] of Object.entries(memory)) {
      const cap = YOUNG_GENERATION_MB[thread === 'writer' ? 'writer' : 'reader'];
      expect(heap.youngGenerationMb, `${thread}: young generation`).toBeLessThanOrEqual(cap);
      expect(heap.heapUsedMb, `${thread}: heap used`).toBeGreaterThan(0);
      expect(heap.heapPhysicalMb, `${thread}: heap held`).toBeGreaterThanOrEqual(heap.heapUsedMb - 1);
    }
  }, 120_000);
});
