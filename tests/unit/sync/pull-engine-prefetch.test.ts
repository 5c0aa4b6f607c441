import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/logging/logger';
import { SourceError, type CaseSource, type PullPage } from '../../../electron/sync/case-source';
import { PullEngine, type IngestPort } from '../../../electron/sync/pull-engine';
import type { PulledCustomer } from '../../../shared/store/types';
import { userText } from '../../../shared/text/user-text';

/**
 * The pull asks for the next page while it stores the current one. When that next page fails
 * before the store is done (a busy writer, a server that refuses at once), the failure must reach
 * the pull as its error, not the process as an unhandled rejection: in Electron's main that is a
 * crash report, and test:stress caught it once under load as exactly that.
 */
describe('the pull engine prefetching the next page', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    unhandled.length = 0;
  });

  const customer = (id: string): PulledCustomer => ({ id, name: `Customer ${id}`, phones: [], updatedAt: 1, version: 1 });

  it('reports a next page that fails while the current one is stored as the pull error, never as an unhandled rejection', async () => {
    process.on('unhandledRejection', onUnhandled);
    let releaseStore: () => void = () => undefined;
    const storeStarted = new Promise<void>((started) => {
      releaseStore = started;
    });
    let storeDone: () => void = () => undefined;
    const storeMayFinish = new Promise<void>((resolve) => {
      storeDone = resolve;
    });
    const refused = new SourceError('server', 'http-503', userText('sync.error.serverFailed', { host: 'crm.example.com', status: 503 }));
    const source: CaseSource = {
      id: 'test',
      description: userText('sync.source.switchboard', { host: 'test.example' }),
      probe: async () => undefined,
      pullCustomers: async ({ cursor }): Promise<PullPage<PulledCustomer>> => {
        if (cursor === 'earlier') return { items: [customer('C-1')], deleted: [], nextCursor: 'c-1', hasMore: true, total: 2 };
        throw refused;
      },
      pullCases: async () => ({ items: [], deleted: [], nextCursor: 'k-0', hasMore: false, total: 0 }),
      push: async () => ({ kind: 'applied', version: 1, replayed: false }),
      close: () => undefined,
    };
    const stored: string[] = [];
    const ingest: IngestPort = {
      getCursor: async () => 'earlier',
      setCursor: async () => undefined,
      upsertCustomers: async (rows) => {
        releaseStore();
        // The writer is busy until the next page has failed and Node has had its chance to call it unhandled.
        await storeMayFinish;
        stored.push(...rows.map((r) => r.id));
        return { inserted: rows.length, updated: 0, unchanged: 0, skippedDirty: [], rejected: [] };
      },
      upsertCases: async () => ({ inserted: 0, updated: 0, unchanged: 0, skippedDirty: [], rejected: [] }),
      deleteCustomers: async () => undefined,
      deleteCases: async () => undefined,
      bulkLoadActive: async () => false,
      beginBulkLoad: async () => undefined,
      finishBulkLoad: async () => undefined,
    };
    const pull = new PullEngine({ source, ingest, log: silentLogger }).run();
    const outcome = pull.then(
      () => null,
      (error: unknown) => error,
    );
    await storeStarted;
    // Two macrotask turns: the refused fetch has settled and Node's unhandled-rejection check has run.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    storeDone();
    expect(await outcome).toBe(refused);
    expect(stored).toEqual(['C-1']);
    expect(unhandled).toEqual([]);
  });
});
