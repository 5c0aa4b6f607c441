import type { Logger } from '../logging/logger';
import { StoreError } from './errors';
import type { CallOp } from './op-table';
import type { BulkLoadReport, WorkerEvent } from './protocol';
import type { StoreThreads } from './store-threads';
import type { BulkKind } from './worker/bulk-load';
import type { ScratchCommit } from './worker/scratch-index';
import type { WorkerLane } from './worker-lane';

export interface BulkLoadContext {
  log: Logger;
  threads: StoreThreads;
  /** The writer's operations, refused while the store is not open. */
  call: CallOp;
  /** An indexer thread may build the search index beside the writer (not with `readers: 'writer'`, nor where tests turn it off). */
  parallelSearchIndex: boolean;
  isOpen(): boolean;
  isClosing(): boolean;
  statusChanged(): void;
}

const errorCode = (error: unknown) => (error instanceof StoreError ? error.code : error instanceof Error ? error.name : 'error');

/**
 * Initial sync of a large store: between `begin` and `finish`, upserts skip the search index and
 * the pop index, which are built once at the end (in chunks, without holding up other writes).
 * Search finds nothing until then. With an indexer thread the search index is built beside the
 * writer while the rows come in (README, "The search index of an initial load"). A load a crash
 * interrupted, or the refill of the search indexes after an update, is finished in the background
 * once the store opens.
 */
export class BulkLoadRunner {
  /** A bulk load, or a refill of the search indexes after an update, under way: search may miss rows. */
  private kind: BulkKind | null = null;
  /** The thread building a bulk load's search index (only while one runs). */
  private indexer: WorkerLane | null = null;
  /** Settles once the indexer thread has started its index, or has failed to and been closed. */
  private indexerStarted: Promise<void> = Promise.resolve();
  private finishing: Promise<BulkLoadReport> | null = null;

  constructor(private readonly ctx: BulkLoadContext) {}

  /** Search may miss rows (`status().bulkLoad`). */
  get active(): boolean {
    return this.kind !== null;
  }

  /** An initial load is under way (also after a restart in the middle of one); a refill of the search indexes is not one. */
  get loadActive(): boolean {
    return this.kind === 'load';
  }

  /** What a writer found when it opened the file. */
  found(kind: BulkKind | null): void {
    this.kind = kind;
  }

  /** The writer's word on its progress; `done` ends the load. */
  progress(event: Extract<WorkerEvent, { kind: 'bulk-progress' }>): void {
    if (event.phase === 'done' && this.kind !== null) {
      this.kind = null;
      this.ctx.statusChanged();
    }
  }

  async begin(): Promise<void> {
    const parallel = this.ctx.parallelSearchIndex && this.indexer === null;
    const begun = await this.ctx.call('beginBulkLoad', { parallelSearchIndex: parallel });
    if (begun.parallelSearchIndex) this.startIndexer();
    // A refill of the search indexes under way takes the load's rows in; it stays what it is.
    if (this.kind === null) {
      this.kind = 'load';
      this.ctx.statusChanged();
    }
  }

  /**
   * Builds the indexes and ends the load. With an indexer thread, the writer builds the pop indexes
   * while the indexer reads the last rows and merges its index, which it then hands over; whatever
   * goes wrong there, the writer fills the search index itself (slower, same result).
   */
  finish(): Promise<BulkLoadReport> {
    this.finishing ??= (async () => {
      const indexer = this.indexer;
      this.indexer = null;
      if (indexer === null) return this.ctx.call('finishBulkLoad');
      // A load that ends quickly can end before the indexer has started; its requests must not overtake scratchStart.
      await this.indexerStarted;
      const started = performance.now();
      let handedOver: BulkLoadReport | null = null;
      try {
        const [indexMs] = await Promise.all([this.ctx.call('buildBulkIndexes'), indexer.call('scratchPrepare', [])]);
        const commit = (await indexer.call('scratchCommit', [])) as ScratchCommit;
        if (commit.outcome === 'committed')
          handedOver = {
            customers: commit.customers,
            cases: commit.cases,
            indexMs: Math.round(indexMs),
            searchIndexMs: Math.round(performance.now() - started),
          };
        else this.ctx.log.info('the search index is built by the writer after all', { reason: commit.reason });
      } catch (error) {
        if (this.ctx.isClosing()) throw error;
        this.ctx.log.warn('the indexer thread failed; the writer builds the search index', { error: errorCode(error) });
      } finally {
        await indexer.close();
      }
      const report = await this.ctx.call('finishBulkLoad');
      return handedOver ?? report;
    })().finally(() => {
      this.finishing = null;
    });
    return this.finishing;
  }

  /**
   * Finishes what a writer found at open (an interrupted load, a refill of the search indexes)
   * in the background: agent writes slip between its chunks; sync batches wait for it. Started on
   * the next turn of the event loop, so whoever awaited `open` has attached its listeners and sees
   * the progress from the first chunk.
   */
  resume(): void {
    if (this.kind === null) return;
    setTimeout(() => {
      if (this.ctx.isClosing() || !this.ctx.isOpen()) return;
      this.finish().catch((error: unknown) => {
        // Closing fails it on purpose; the next start finishes it.
        if (!this.ctx.isClosing()) this.ctx.log.error('finishing an interrupted bulk load failed', { error: errorCode(error) });
      });
    }, 0);
  }

  /** The indexer thread, if one runs, for the store to close. */
  takeIndexer(): WorkerLane | null {
    const indexer = this.indexer;
    this.indexer = null;
    return indexer;
  }

  private startIndexer(): void {
    const lane = this.ctx.threads.spawn(null, 'indexer', { keyIsNew: false, damaged: false }, 'indexer');
    this.indexer = lane;
    this.indexerStarted = (async () => {
      const hello = await lane.hello;
      if (hello.t !== 'ready') throw new Error(hello.reason);
      await this.ctx.threads.toBackground(lane);
      await lane.call('scratchStart', []);
    })().catch(async (error: unknown) => {
      // finish() finds the thread gone and has the writer fill the index.
      this.ctx.log.warn('the indexer thread did not start', {
        error: error instanceof StoreError ? error.code : error instanceof Error ? error.message.slice(0, 80) : 'error',
      });
      await lane.close();
    });
  }
}
