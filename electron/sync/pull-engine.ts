import type { PulledCase, PulledCustomer } from '../../shared/store/types';
import type { Logger } from '../logging/logger';
import type { PageDecodeResult, UpsertOptions, UpsertReport } from '../store/protocol';
import { PULL_KINDS, SourceError, type CaseSource, type PullKind } from './case-source';

/**
 * Pull: customers, then cases, each from its change feed, page by page.
 *
 * Resumable: each page's rows and the cursor after them commit in one
 * transaction on the store's writer thread, so after a crash the pull starts
 * again at the first page not yet stored; nothing is downloaded twice past
 * that page, and nothing is skipped. The next page is fetched while the store
 * writes the current one.
 *
 * The first pull into an empty store is a bulk load: the store skips the
 * full-text and screen-pop index work per row and builds them once at the end
 * (resumed at next start if the app dies in between).
 *
 * When the source can hand over pages as raw bytes and the store can parse
 * them (the Switchboard Sync API and the local store both can), main does not
 * parse pages at all: the store's writer thread parses each page and answers
 * with its cursor, and main asks for the next page meanwhile.
 */

export interface IngestPort {
  getCursor(name: string): Promise<string | null>;
  setCursor(name: string, value: string): Promise<void>;
  upsertCustomers(rows: PulledCustomer[], options: UpsertOptions): Promise<UpsertReport>;
  upsertCases(rows: PulledCase[], options: UpsertOptions): Promise<UpsertReport>;
  deleteCustomers(ids: string[]): Promise<void>;
  deleteCases(ids: string[]): Promise<void>;
  /** Whether a bulk load is under way (also after a restart in the middle of one). */
  bulkLoadActive(): Promise<boolean>;
  beginBulkLoad(): Promise<void>;
  finishBulkLoad(onProgress: (done: number, total: number) => void): Promise<void>;
  /** Optional: parses a raw change page off main and holds it (StoreClient.decodePage). */
  decodePage?(kind: PullKind, body: Uint8Array): Promise<PageDecodeResult>;
  /** Optional, with decodePage: stores a held page's deletions, then its rows and the cursor. */
  storePage?(pageId: number, options: UpsertOptions): Promise<UpsertReport & { deleted: number }>;
}

/** A fetched page, however it travels: what the loop needs to go on, and how to store it. */
interface FetchedPage {
  nextCursor: string;
  hasMore: boolean;
  total: number | null;
  changes: number;
  store(options: UpsertOptions): Promise<UpsertReport & { deleted: number }>;
}

export type PullPhase = 'customers' | 'cases' | 'indexing';

export interface PullProgress {
  phase: PullPhase;
  /** Changes stored in this phase so far. */
  done: number;
  /** Changes the server reported for this phase at its start; null when unknown. */
  total: number | null;
  initial: boolean;
}

export interface PullReport {
  initial: boolean;
  customers: { stored: number; deleted: number; skippedDirty: number; rejected: number; pages: number };
  cases: { stored: number; deleted: number; skippedDirty: number; rejected: number; pages: number };
  /** A feed's cursor was refused by the server and that feed was started again from the beginning. */
  restartedFeeds: PullKind[];
}

export interface PullEngineOptions {
  source: CaseSource;
  ingest: IngestPort;
  log: Logger;
  /** Rows per page (~400 kB of JSON for 1,000 cases); sources without raw pages are parsed on main, a few ms a page. */
  pageSize?: number;
  onProgress?: (progress: PullProgress) => void;
}

export function cursorName(sourceId: string, kind: PullKind): string {
  return `${sourceId}:${kind}`;
}

export class PullEngine {
  private readonly pageSize: number;

  constructor(private readonly options: PullEngineOptions) {
    this.pageSize = options.pageSize ?? 1000;
  }

  async run(signal?: AbortSignal): Promise<PullReport> {
    const { ingest, source } = this.options;
    const cursors = await Promise.all(PULL_KINDS.map((kind) => ingest.getCursor(cursorName(source.id, kind))));
    const resumingBulk = await ingest.bulkLoadActive();
    const initial = resumingBulk || cursors.every((c) => c === null);
    if (initial && !resumingBulk) await ingest.beginBulkLoad();
    const empty = () => ({ stored: 0, deleted: 0, skippedDirty: 0, rejected: 0, pages: 0 });
    const report: PullReport = { initial, customers: empty(), cases: empty(), restartedFeeds: [] };
    for (const kind of PULL_KINDS) {
      await this.pullFeed(kind, initial, report, signal);
    }
    if (initial) {
      this.options.onProgress?.({ phase: 'indexing', done: 0, total: null, initial });
      await ingest.finishBulkLoad((done, total) => this.options.onProgress?.({ phase: 'indexing', done, total, initial }));
    }
    return report;
  }

  private fetchPage(kind: PullKind, cursor: string | null, includeTotal: boolean, signal?: AbortSignal): Promise<FetchedPage> {
    const { source, ingest } = this.options;
    const request = { cursor, limit: this.pageSize, includeTotal, signal };
    if (source.pullPageBody && ingest.decodePage && ingest.storePage) {
      return (async () => {
        const body = await source.pullPageBody!(kind, request);
        const decoded = await ingest.decodePage!(kind, body);
        if (!decoded.ok) {
          const what = decoded.code === 'bad-json' ? 'that is not JSON' : `this app does not understand (${decoded.detail})`;
          throw new SourceError('protocol', decoded.code, `${source.description} sent a ${kind} page ${what}`);
        }
        return { ...decoded, changes: decoded.items + decoded.deleted, store: (options) => ingest.storePage!(decoded.pageId, options) };
      })();
    }
    return (async () => {
      const page = kind === 'customers' ? await source.pullCustomers(request) : await source.pullCases(request);
      return {
        nextCursor: page.nextCursor,
        hasMore: page.hasMore,
        total: page.total,
        changes: page.items.length + page.deleted.length,
        store: async (options) => {
          // A deletion and the cursor after it are not one transaction: deleting again after a crash is harmless.
          if (page.deleted.length > 0) await (kind === 'customers' ? ingest.deleteCustomers(page.deleted) : ingest.deleteCases(page.deleted));
          const stored =
            kind === 'customers' ? await ingest.upsertCustomers(page.items as PulledCustomer[], options) : await ingest.upsertCases(page.items as PulledCase[], options);
          return { ...stored, deleted: page.deleted.length };
        },
      };
    })();
  }

  private async pullFeed(kind: PullKind, initial: boolean, report: PullReport, signal?: AbortSignal): Promise<void> {
    const { ingest, source, log } = this.options;
    const name = cursorName(source.id, kind);
    let cursor = await ingest.getCursor(name);
    const tally = report[kind];
    let total: number | null = null;
    let done = 0;
    let pending: Promise<FetchedPage> | null = this.fetchPage(kind, cursor, true, signal);
    try {
      while (pending) {
        if (signal?.aborted) throw new SourceError('aborted', 'aborted', 'Sync was stopped');
        let page: FetchedPage;
        try {
          page = await pending;
        } catch (error) {
          if (error instanceof SourceError && error.kind === 'cursor-invalid' && cursor !== null && !report.restartedFeeds.includes(kind)) {
            log.warn('sync cursor refused by the server; pulling that feed again from the start', { feed: kind });
            report.restartedFeeds.push(kind);
            cursor = null;
            pending = this.fetchPage(kind, null, true, signal);
            continue;
          }
          throw error;
        }
        if (total === null) total = page.total;
        // Ask for the next page while this one is being stored.
        pending = page.hasMore ? this.fetchPage(kind, page.nextCursor, false, signal) : null;
        const stored = await page.store({ cursor: { name, value: page.nextCursor } });
        tally.deleted += stored.deleted;
        tally.pages += 1;
        tally.stored += stored.inserted + stored.updated;
        tally.skippedDirty += stored.skippedDirty.length;
        tally.rejected += stored.rejected.length;
        if (stored.rejected.length > 0) {
          const first = stored.rejected[0]!;
          log.warn('pulled rows refused by the store', { feed: kind, count: stored.rejected.length, first: first.id ?? `#${first.index}`, issue: first.issues[0] ?? '' });
        }
        cursor = page.nextCursor;
        done += page.changes;
        this.options.onProgress?.({ phase: kind, done, total, initial });
      }
    } finally {
      // A prefetched page nobody will read must not surface as an unhandled rejection.
      pending?.catch(() => undefined);
    }
  }
}
