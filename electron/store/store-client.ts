import { commitShortcuts, type CommitShortcuts } from './commit-shortcuts';
import { bindStoreOps, type StoreOps } from './op-table';
import { StoreHost } from './store-host';
import type { StoreOptions } from './store-options';

export type { StoreOptions } from './store-options';
export type { RecoveryInfo, RecoveryReason, StoreEvents, StoreNotice } from './store-events';
export type { ThreadHealth } from './store-threads';

/**
 * The offline case store, as the rest of main uses it: its host (threads, state, status,
 * events, bulk load; store-host.ts), one method per worker operation (made from op-table.ts),
 * and shortcuts for committing one change (commit-shortcuts.ts). Main never runs SQL; every
 * method sends a typed request to a worker thread and resolves with its answer, or rejects with
 * a StoreError (code + safe message). Services take the narrow ports of ports.ts, not this.
 * See electron/store/README.md.
 */
export type StoreClient = Omit<StoreHost, 'request'> & StoreOps & CommitShortcuts;

type Disjoint<T extends never> = T;
// open() adds the methods onto the host: one named like a host member would replace it, and this stops compiling.
type _MethodsBesideHost = Disjoint<Extract<keyof StoreOps | keyof CommitShortcuts, keyof StoreHost>>;

export const StoreClient = {
  /** StoreHost.open, with the methods added: the same start-up, recovery and failures. */
  async open(options: StoreOptions): Promise<StoreClient> {
    const host = await StoreHost.open(options);
    const ops = bindStoreOps((op, args, transfer) => host.request(op, args, transfer));
    return Object.assign(host, ops, commitShortcuts(ops.commitLocal));
  },
};
