import type { PulledCase, PulledCustomer } from '../../shared/store/types';
import type { SyncStoragePort } from '../store/ports';
import type { SyncStorePort } from './sync-service';

/**
 * The store as the sync engine sees it: the store's outbox, pulled-data and
 * meta ports (electron/store/ports.ts), shaped to the engine's own.
 */
export function storeSyncPort(store: SyncStoragePort): SyncStorePort {
  return {
    due: (now, limit) => store.outbox.due({ now, limit }),
    markSent: async (items) => {
      await store.outbox.markSent(items);
    },
    retryLater: (id, at, failure) => store.outbox.retryLater(id, at, failure),
    park: (id, failure) => store.outbox.park(id, failure),
    conflict: (id, failure) => store.outbox.conflict(id, failure),
    localVersion: (kind, id) => store.localVersion(kind, id),
    interaction: (id) => store.getInteraction(id),

    getCursor: (name) => store.getCursor(name),
    setCursor: (name, value) => store.setCursor(name, value),
    upsertCustomers: (rows, options) => store.upsertCustomers(rows, options),
    upsertCases: (rows, options) => store.upsertCases(rows, options),
    deleteCustomers: async (ids) => {
      await store.deleteCustomers(ids);
    },
    deleteCases: async (ids) => {
      await store.deleteCases(ids);
    },
    decodePage: (kind, body) => store.decodePage(kind, body),
    storePage: (pageId, options) => store.storePage(pageId, options),
    bulkLoadActive: async () => store.bulkLoadActive,
    beginBulkLoad: () => store.beginBulkLoad(),
    finishBulkLoad: async (onProgress) => {
      const off = store.on('bulk-progress', (event) => onProgress(event.done, event.total));
      try {
        await store.finishBulkLoad();
      } finally {
        off();
      }
    },

    getMeta: (key) => store.getMeta(key),
    setMeta: (key, value) => store.setMeta(key, value),

    outboxCounts: () => store.outbox.counts(),
    outboxList: (states, limit) => store.outbox.list({ states, limit }),
    outboxSnapshot: (options) => store.outbox.snapshot(options),
    outboxRequeue: async (ids) => (await store.outbox.requeue(ids)).updated,
    outboxDiscard: async (ids, reason) => (await store.outbox.discard(ids, reason)).updated,
    outboxPruneSent: async (before) => {
      await store.outbox.pruneSent(before);
    },
    replaceWithServerCopy: async (kind, record) => {
      const report =
        kind === 'case'
          ? await store.upsertCases([record as PulledCase], { force: true })
          : await store.upsertCustomers([record as PulledCustomer], { force: true });
      if (report.rejected.length > 0)
        throw new Error(`The server copy of the ${kind} was refused by the store: ${report.rejected[0]!.issues.join('; ')}`);
    },
  };
}
