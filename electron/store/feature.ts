import { randomUUID } from 'node:crypto';
import { BridgeError } from '../../shared/bridge/errors';
import { IMPORT_CHUNK_CHARS } from '../../shared/store/contract';
import type { BridgeServer } from '../bridge/bridge-server';
import type { Feature } from '../core/feature';
import type { Logger } from '../logging/logger';
import { guarded } from './bridge-errors';
import { StoreError } from './errors';
import type { StoreCommandsPort } from './ports';

/**
 * The store's bridge commands, and its status, notices and import progress forwarded to the
 * window until `close()`.
 */
export function createStoreFeature(deps: { bridge: Pick<BridgeServer, 'emit'>; store: StoreCommandsPort; log: Logger }): Feature {
  const { bridge, store, log } = deps;
  const emitStatus = async () => {
    try {
      // Without counts: a status change (integrity, recovery, a bulk load) need not recount a 1M-case store.
      bridge.emit('store.statusChanged', await store.status({ counts: false }));
    } catch (error) {
      log.warn('could not read the store status', { error: error instanceof StoreError ? error.code : 'error' });
    }
  };
  const detach = [
    store.on('status', () => void emitStatus()),
    store.on('notice', (notice) => bridge.emit('app.notice', notice)),
    store.on('import-progress', ({ importId, phase, done, total }) => {
      if (!importId.startsWith('file:')) bridge.emit('store.importProgress', { importId, phase, done, total });
    }),
  ];
  return {
    name: 'store',
    handlers: {
      'store.status': ({ counts }) => store.status({ counts: counts === true }),
      'store.search': (request) => guarded(() => store.search(request)),
      'store.getCustomer': ({ id }) =>
        guarded(async () => {
          const found = await store.getCustomer(id);
          if (!found) throw new BridgeError('not-found', 'That customer is not in the local store');
          return found;
        }),
      'store.getCase': ({ id }) =>
        guarded(async () => {
          const found = await store.getCase(id);
          if (!found) throw new BridgeError('not-found', 'That case is not in the local store');
          return found;
        }),
      'store.import.begin': ({ fileName, format, kind }) =>
        guarded(async () => {
          const importId = randomUUID();
          await store.importBegin(importId, { fileName, ...(format ? { format } : {}), ...(kind ? { kind } : {}) });
          log.info('import started', { importId, format: format ?? 'auto', kind: kind ?? 'auto' });
          return { importId, maxChunkChars: IMPORT_CHUNK_CHARS };
        }),
      'store.import.append': ({ importId, chunk }) => guarded(() => store.importAppend(importId, chunk)),
      'store.import.commit': ({ importId, dryRun }) =>
        guarded(async () => {
          const report = await store.importCommit(importId, { dryRun: dryRun === true });
          log.info('import finished', {
            importId,
            ok: report.ok,
            dryRun: report.dryRun,
            rows: report.rows,
            errors: report.errorCount,
            customers: report.imported.customers,
            cases: report.imported.cases,
            ms: report.durationMs,
          });
          if (report.ok && !report.dryRun) void emitStatus();
          return report;
        }),
      'store.import.cancel': ({ importId }) =>
        guarded(async () => {
          await store.importCancel(importId);
          return {};
        }),
    },
    close() {
      for (const off of detach) off();
    },
  };
}
