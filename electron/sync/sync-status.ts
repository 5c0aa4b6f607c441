import type { ParkedItem, SyncConflict, SyncStatus } from '../../shared/sync/contract';
import type { OutboxCounts } from '../../shared/store/types';
import { userText } from '../../shared/text/user-text';
import type { Logger } from '../logging/logger';
import { describeConflict, type ConflictBook } from './conflicts';
import { textOfStored } from './failure-text';
import type { SyncStorePort } from './sync-options';

const LIST_LIMIT = 50;

export interface StatusReporterDeps {
  store: Pick<SyncStorePort, 'outboxSnapshot'>;
  book: ConflictBook;
  log: Logger;
  /** Sends the status to the renderer. */
  emit: (status: SyncStatus) => void;
  status: () => SyncStatus;
  closed: () => boolean;
}

/**
 * The outbox as the status strip shows it (counts, parked items, conflicts), and sending the
 * status to the renderer only when it changed.
 */
export class StatusReporter {
  private counts: OutboxCounts = { pending: 0, parked: 0, conflict: 0, sent: 0 };
  private parkedItems: ParkedItem[] = [];
  private conflictItems: SyncConflict[] = [];
  /** Outbox reads issued, and which of them the status shows: a read answered late never replaces a later one. */
  private outboxReads = 0;
  private outboxShown = 0;
  private emitQueued = false;
  private lastEmitted = '';

  constructor(private readonly deps: StatusReporterDeps) {}

  /** Items waiting to be sent. */
  get waiting(): number {
    return this.counts.pending;
  }

  get outbox(): SyncStatus['outbox'] {
    return { waiting: this.counts.pending, parked: this.counts.parked, conflicts: this.counts.conflict };
  }

  get parked(): ParkedItem[] {
    return this.parkedItems;
  }

  get conflicts(): SyncConflict[] {
    return this.conflictItems;
  }

  async refreshOutbox(): Promise<void> {
    const read = ++this.outboxReads;
    try {
      // One request, one read transaction: the counts and the lists are of the same moment, and they are set
      // together, so no status (polled or sent) shows "1 parked" beside an empty list of parked items.
      const snapshot = await this.deps.store.outboxSnapshot({ parkedLimit: LIST_LIMIT, conflictLimit: 5000 });
      if (read <= this.outboxShown) return;
      this.outboxShown = read;
      this.counts = snapshot.counts;
      this.parkedItems = snapshot.parked.map((r) => ({
        id: r.id,
        entityKind: r.entityKind,
        entityId: r.entityId,
        operation: r.operation,
        code: r.lastErrorCode ?? 'unknown',
        message: textOfStored(r.lastErrorMessage, userText('sync.outbox.parkedUnknown')),
        attempts: r.attempts,
        createdAt: r.createdAt,
      }));
      this.conflictItems = snapshot.conflicts.slice(0, LIST_LIMIT).flatMap((row) => {
        const record = this.deps.book.get(row.id);
        if (record) return [describeConflict(row, record)];
        // The server copy was lost (e.g. written by an older version): still show the conflict.
        return [
          {
            id: row.id,
            entityKind: row.entityKind,
            entityId: row.entityId,
            operation: row.operation,
            // The dialog shows the kind beside this title (renderer conflicts.record).
            title: row.entityId,
            message: textOfStored(row.lastErrorMessage, userText('sync.outbox.conflictUnknown')),
            theirsVersion: 1,
            detectedAt: row.createdAt,
            fields: [],
          },
        ];
      });
      // Only the newest read forgets server copies: an older one may predate a conflict recorded since.
      if (read === this.outboxReads) await this.deps.book.retainConflicts(new Set(snapshot.conflicts.map((r) => r.id)));
    } catch (error) {
      this.deps.log.warn('could not read the outbox for the sync status', { error: error instanceof Error ? error.name : typeof error });
    }
  }

  /** Reads the outbox again, then sends the status. */
  refresh(): void {
    void this.refreshOutbox().then(() => this.emitSoon());
  }

  /** Coalesces the changes of one turn of the event loop into one event. */
  emitSoon(): void {
    if (this.emitQueued || this.deps.closed()) return;
    this.emitQueued = true;
    setImmediate(() => {
      this.emitQueued = false;
      this.send();
    });
  }

  send(): void {
    if (this.deps.closed()) return;
    const status = this.deps.status();
    const text = JSON.stringify(status);
    if (text === this.lastEmitted) return;
    this.lastEmitted = text;
    this.deps.emit(status);
  }
}
