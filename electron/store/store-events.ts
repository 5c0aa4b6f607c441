import type { NOTICE_LEVELS } from '../../shared/app/contract';
import type { Listener } from '../../shared/events/typed-emitter';
import type { UserText } from '../../shared/text/user-text';
import type { WorkerEvent } from './protocol';

export type NoticeLevel = (typeof NOTICE_LEVELS)[number];

export interface StoreNotice {
  id: string;
  level: NoticeLevel;
  message: UserText;
}

export type RecoveryReason = 'not-a-database' | 'wrong-key' | 'integrity-failure' | 'unreadable';

export interface RecoveryInfo {
  at: number;
  reason: RecoveryReason;
  movedAsideAs: string;
  salvagedOutboxRows: number;
}

export interface StoreEvents {
  /** Something the agent or IT should read (forward to `app.notice`). */
  notice: StoreNotice;
  /** Status changed (state, recovery, integrity, bulk load); call `status()` for the new one. */
  status: null;
  'import-progress': Extract<WorkerEvent, { kind: 'import-progress' }>;
  'bulk-progress': Extract<WorkerEvent, { kind: 'bulk-progress' }>;
  /** The database was moved aside and rebuilt at this start; a sync source should refill it (cursors are gone). */
  recovered: RecoveryInfo;
  /**
   * A commit queued outbox rows (agent work, local edits, work carried over from a damaged file):
   * there is something new to send. Fires before the committing call resolves. Sync wakes on it
   * (electron/sync/feature.ts), so whoever commits needs no handle on sync.
   */
  outboxChanged: { queued: number };
}

/** Subscribing to some of the store's events; `on` returns the unsubscribe. */
export interface StoreEventSource<E extends keyof StoreEvents> {
  on<K extends E>(event: K, listener: Listener<StoreEvents[K]>): () => void;
}
