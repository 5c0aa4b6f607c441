import { userText, type UserText } from '../../shared/text/user-text';
import type { Logger } from '../logging/logger';
import { isMarkedDamaged, moveAside } from './damaged-files';
import { StoreError } from './errors';
import type { WorkerHello } from './protocol';
import type { RecoveryInfo, RecoveryReason } from './store-events';
import type { StoreThreads } from './store-threads';
import type { WorkerLane } from './worker-lane';

const RECOVERABLE = new Set<string>(['not-a-database', 'wrong-key', 'integrity-failure']);

const OPEN_PROBLEMS: Record<string, UserText> = {
  'newer-schema': userText('store.status.newerSchema'),
  io: userText('store.status.openIo'),
};

export interface OpenedWriter {
  writer: WorkerLane;
  hello: WorkerHello;
  /** Set when the file was moved aside and rebuilt. */
  recovery: RecoveryInfo | null;
}

/**
 * Starts the writer on the store's file. A file it cannot read (not a database, a lost key,
 * damaged, or marked damaged by an earlier check) is moved aside, an empty one is started in its
 * place, and the unsent work read from the old one is carried over. That happens at most once per
 * start, so a bad disk cannot cause a crash loop. Any other failure is left to the caller, in the
 * hello.
 */
export async function openWriter(threads: StoreThreads, file: string, log: Logger, keyIsNew: boolean): Promise<OpenedWriter> {
  let writer = threads.spawn('writer', 'writer', { keyIsNew, damaged: isMarkedDamaged(file) });
  let hello = await writer.hello;
  if (hello.t !== 'open-failed' || !RECOVERABLE.has(hello.reason)) return { writer, hello, recovery: null };
  await writer.terminate();
  const failed = hello;
  const movedAsideAs = moveAside(file);
  log.warn('local database unreadable; moved aside and rebuilt', { reason: failed.reason, movedAsideAs, detail: failed.detail });
  writer = threads.spawn('writer', 'writer', { keyIsNew: false, damaged: false });
  hello = await writer.hello;
  if (hello.t !== 'ready') return { writer, hello, recovery: null };
  const restored = await writer.call('restoreSalvage', [failed.salvage]).catch((error: unknown) => {
    log.error('could not carry unsent work over', { error: error instanceof StoreError ? error.code : 'error' });
    return { outboxRows: 0, records: 0 };
  });
  const recovery: RecoveryInfo = {
    at: Date.now(),
    reason: failed.reason as RecoveryReason,
    movedAsideAs,
    salvagedOutboxRows: (restored as { outboxRows: number }).outboxRows,
  };
  return { writer, hello, recovery };
}

/** What the agent reads after a rebuild. */
export function recoveryNotice(info: RecoveryInfo): UserText {
  const why = userText(info.reason === 'wrong-key' ? 'store.notice.why.wrongKey' : 'store.notice.why.damaged');
  const facts = { why, file: info.movedAsideAs };
  return info.salvagedOutboxRows > 0
    ? userText('store.notice.recoveredKept', { ...facts, count: info.salvagedOutboxRows })
    : userText('store.notice.recovered', facts);
}

/** Why a writer that could not open the file (even after a rebuild) leaves the store unavailable. */
export function openFailureProblem(reason: string): UserText {
  return OPEN_PROBLEMS[reason] ?? userText('store.status.openFailed');
}
