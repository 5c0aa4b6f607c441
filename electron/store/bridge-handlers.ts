import { randomUUID } from 'node:crypto';
import { BridgeError } from '../../shared/bridge/errors';
import { IMPORT_CHUNK_CHARS } from '../../shared/store/contract';
import type { BridgeServer } from '../bridge/bridge-server';
import type { Logger } from '../logging/logger';
import { StoreError } from './errors';
import type { StoreCommandsPort } from './ports';

/** A StoreError as the agent should read it over the bridge. */
export function toBridgeError(error: unknown): unknown {
  if (!(error instanceof StoreError)) return error;
  switch (error.code) {
    case 'invalid-input':
      return new BridgeError('invalid-payload', error.message, error.issues);
    case 'not-found':
      return new BridgeError('not-found', error.message);
    case 'conflict':
      return new BridgeError('conflict', error.message);
    case 'unavailable':
    case 'corrupt':
    case 'io':
      return new BridgeError('unavailable', error.message);
    case 'timeout':
      return new BridgeError('timeout', error.message);
    case 'internal':
      return error;
  }
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toBridgeError(error);
  }
}

/**
 * The store's bridge commands and events. Returns a function that detaches
 * the event forwarding (the core calls it on close).
 */
export function registerStoreCommands(bridge: BridgeServer, store: StoreCommandsPort, log: Logger): () => void {
  bridge.handle('store.status', () => store.status());
  bridge.handle('store.search', (request) => guarded(() => store.search(request)));
  bridge.handle('store.getCustomer', ({ id }) =>
    guarded(async () => {
      const found = await store.getCustomer(id);
      if (!found) throw new BridgeError('not-found', 'That customer is not in the local store');
      return found;
    }),
  );
  bridge.handle('store.getCase', ({ id }) =>
    guarded(async () => {
      const found = await store.getCase(id);
      if (!found) throw new BridgeError('not-found', 'That case is not in the local store');
      return found;
    }),
  );
  bridge.handle('store.import.begin', ({ fileName, format, kind }) =>
    guarded(async () => {
      const importId = randomUUID();
      await store.importBegin(importId, { fileName, ...(format ? { format } : {}), ...(kind ? { kind } : {}) });
      log.info('import started', { importId, format: format ?? 'auto', kind: kind ?? 'auto' });
      return { importId, maxChunkChars: IMPORT_CHUNK_CHARS };
    }),
  );
  bridge.handle('store.import.append', ({ importId, chunk }) => guarded(() => store.importAppend(importId, chunk)));
  bridge.handle('store.import.commit', ({ importId, dryRun }) =>
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
  );
  bridge.handle('store.import.cancel', ({ importId }) =>
    guarded(async () => {
      await store.importCancel(importId);
      return {};
    }),
  );

  const emitStatus = async () => {
    try {
      bridge.emit('store.statusChanged', await store.status());
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
  return () => {
    for (const off of detach) off();
  };
}
