import type { PulledCase, PulledCustomer } from '../../shared/store/types';
import type { FeedStage } from '../../shared/sync/contract';
import type { Logger } from '../logging/logger';
import type { PageDecodeResult, UpsertOptions, UpsertReport } from '../store/protocol';
import { MAX_PAGES_PER_FEED, MIN_PAGE_ROWS } from '../../shared/sync/limits';
import { userText } from '../../shared/text/user-text';
import { PULL_KINDS, SourceError, type CaseSource, type PullKind, type PullRequest } from './case-source';

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
 *
 * Bounded (shared/sync/limits.ts): a feed stops for this pull after
 * MAX_PAGES_PER_FEED pages, or at once when the server hands back the cursor
 * it was given while saying there is more (the same request again would
 * never end). What arrived is committed with its cursor; the report's
 * `stopped` says why, and the next pull goes on from there. A page over the
 * byte limit is asked for again with half the rows, down to MIN_PAGE_ROWS.
 * An initial load that stops still builds its indexes, so search works on
 * what arrived; the rest comes in later pulls as ordinary updates.
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
  stage: FeedStage | null;
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
  /** A connector that loads in stages: where this phase's feed stands after the page just stored. */
  stage?: FeedStage | null;
}

/** Why a feed stopped before the server said it had nothing more. */
export type FeedStopReason =
  /** MAX_PAGES_PER_FEED pages in this pull. */
  | 'page-cap'
  /** The server answered "more" with the very cursor it was asked with: the same request would follow forever. */
  | 'cursor-repeated';

export interface FeedStop {
  feed: PullKind;
  reason: FeedStopReason;
  /** Pages of this feed received in this pull. */
  pages: number;
}

export interface PullReport {
  initial: boolean;
  customers: { stored: number; deleted: number; skippedDirty: number; rejected: number; pages: number };
  cases: { stored: number; deleted: number; skippedDirty: number; rejected: number; pages: number };
  /** A feed's cursor was refused by the server and that feed was started again from the beginning. */
  restartedFeeds: PullKind[];
  /** Feeds left before their end in this pull (their cursor is where they stopped); empty when the pull reached the end. */
  stopped: FeedStop[];
}

export interface PullLimits {
  maxPagesPerFeed: number;
  minPageRows: number;
}

export interface PullEngineOptions {
  source: CaseSource;
  ingest: IngestPort;
  log: Logger;
  /** Rows per page (~400 kB of JSON for 1,000 cases); sources without raw pages are parsed on main, a few ms a page. */
  pageSize?: number;
  /** Default: shared/sync/limits.ts; tests set smaller ones. */
  limits?: Partial<PullLimits>;
  onProgress?: (progress: PullProgress) => void;
}

export function cursorName(sourceId: string, kind: PullKind): string {
  return `${sourceId}:${kind}`;
}

/** Rows a pull page asks for when neither the sync timing nor the connector says. */
export const DEFAULT_PAGE_ROWS = 1000;

export class PullEngine {
  private readonly pageSize: number;
  private readonly limits: PullLimits;

  constructor(private readonly options: PullEngineOptions) {
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_ROWS;
    this.limits = { maxPagesPerFeed: MAX_PAGES_PER_FEED, minPageRows: MIN_PAGE_ROWS, ...options.limits };
  }

  async run(signal?: AbortSignal): Promise<PullReport> {
    const { ingest, source } = this.options;
    const cursors = await Promise.all(PULL_KINDS.map((kind) => ingest.getCursor(cursorName(source.id, kind))));
    const resumingBulk = await ingest.bulkLoadActive();
    const initial = resumingBulk || cursors.every((c) => c === null);
    if (initial && !resumingBulk) await ingest.beginBulkLoad();
    const empty = () => ({ stored: 0, deleted: 0, skippedDirty: 0, rejected: 0, pages: 0 });
    const report: PullReport = { initial, customers: empty(), cases: empty(), restartedFeeds: [], stopped: [] };
    for (const kind of PULL_KINDS) {
      await this.pullFeed(kind, initial, report, signal);
    }
    if (initial) {
      this.options.onProgress?.({ phase: 'indexing', done: 0, total: null, initial });
      await ingest.finishBulkLoad((done, total) => this.options.onProgress?.({ phase: 'indexing', done, total, initial }));
    }
    return report;
  }

  /**
   * The next page is fetched while this one is stored, so it can fail before anyone awaits it;
   * marking it handled at once keeps that from being an unhandled rejection (the await still throws).
   */
  private fetchPage(
    kind: PullKind,
    cursor: string | null,
    limit: number,
    includeTotal: boolean,
    signal?: AbortSignal,
  ): Promise<FetchedPage> {
    const request: PullRequest = { cursor, limit, includeTotal, signal };
    const page = this.canPassBytes() ? this.fetchRawPage(kind, request) : this.fetchParsedPage(kind, request);
    page.catch(() => undefined);
    return page;
  }

  private canPassBytes(): boolean {
    const { source, ingest } = this.options;
    return source.pullPageBody !== undefined && ingest.decodePage !== undefined && ingest.storePage !== undefined;
  }

  /** The page's bytes go to the store's writer thread, which parses and holds it until it is stored. */
  private async fetchRawPage(kind: PullKind, request: PullRequest): Promise<FetchedPage> {
    const { source, ingest } = this.options;
    const body = await source.pullPageBody!(kind, request);
    const decoded = await ingest.decodePage!(kind, body);
    if (!decoded.ok) {
      const kindText = userText(`sync.subject.${kind}`);
      const text =
        decoded.code === 'bad-json'
          ? userText('sync.error.pageNotJson', { source: source.description, kind: kindText })
          : userText('sync.error.pageNotUnderstood', { source: source.description, kind: kindText, detail: decoded.detail });
      throw new SourceError('protocol', decoded.code, text);
    }
    return {
      ...decoded,
      changes: decoded.items + decoded.deleted,
      stage: null,
      store: (options) => ingest.storePage!(decoded.pageId, options),
    };
  }

  /** A source that parses its pages itself: main hands the rows to the store. */
  private async fetchParsedPage(kind: PullKind, request: PullRequest): Promise<FetchedPage> {
    const { source, ingest } = this.options;
    const page = kind === 'customers' ? await source.pullCustomers(request) : await source.pullCases(request);
    return {
      nextCursor: page.nextCursor,
      hasMore: page.hasMore,
      total: page.total,
      changes: page.items.length + page.deleted.length,
      stage: page.stage ?? null,
      store: async (options) => {
        // A deletion and the cursor after it are not one transaction: deleting again after a crash is harmless.
        if (page.deleted.length > 0) await (kind === 'customers' ? ingest.deleteCustomers(page.deleted) : ingest.deleteCases(page.deleted));
        const stored =
          kind === 'customers'
            ? await ingest.upsertCustomers(page.items as PulledCustomer[], options)
            : await ingest.upsertCases(page.items as PulledCase[], options);
        return { ...stored, deleted: page.deleted.length };
      },
    };
  }

  private async pullFeed(kind: PullKind, initial: boolean, report: PullReport, signal?: AbortSignal): Promise<void> {
    const { ingest, source, log } = this.options;
    const { maxPagesPerFeed, minPageRows } = this.limits;
    const name = cursorName(source.id, kind);
    let cursor = await ingest.getCursor(name);
    const tally = report[kind];
    let total: number | null = null;
    let done = 0;
    let received = 0;
    let limit = this.pageSize;
    let pending: Promise<FetchedPage> | null = this.fetchPage(kind, cursor, limit, true, signal);
    while (pending) {
      if (signal?.aborted) throw new SourceError('aborted', 'aborted', userText('sync.error.stopped'));
      let page: FetchedPage;
      try {
        page = await pending;
      } catch (error) {
        if (error instanceof SourceError && error.kind === 'cursor-invalid' && cursor !== null && !report.restartedFeeds.includes(kind)) {
          log.warn('sync cursor refused by the server; pulling that feed again from the start', { feed: kind });
          report.restartedFeeds.push(kind);
          cursor = null;
          pending = this.fetchPage(kind, null, limit, true, signal);
          continue;
        }
        if (error instanceof SourceError && error.code === 'page-too-large' && limit > minPageRows) {
          // Records can be large (long case descriptions): the same position with fewer rows fits.
          limit = Math.max(minPageRows, Math.floor(limit / 2));
          log.warn('sync page over the size limit; asking again with fewer rows', { feed: kind, rows: limit });
          pending = this.fetchPage(kind, cursor, limit, total === null, signal);
          continue;
        }
        throw error;
      }
      received += 1;
      if (total === null) total = page.total;
      const repeated = page.hasMore && page.nextCursor === cursor;
      const capped = page.hasMore && !repeated && received >= maxPagesPerFeed;
      // Ask for the next page while this one is being stored, unless this feed stops here.
      pending = page.hasMore && !repeated && !capped ? this.fetchPage(kind, page.nextCursor, limit, false, signal) : null;
      const stored = await page.store({ cursor: { name, value: page.nextCursor } });
      tally.deleted += stored.deleted;
      tally.pages += 1;
      tally.stored += stored.inserted + stored.updated;
      tally.skippedDirty += stored.skippedDirty.length;
      tally.rejected += stored.rejected.length;
      if (stored.rejected.length > 0) {
        const first = stored.rejected[0]!;
        log.warn('pulled rows refused by the store', {
          feed: kind,
          count: stored.rejected.length,
          first: first.id ?? `#${first.index}`,
          issue: first.issues[0] ?? '',
        });
      }
      cursor = page.nextCursor;
      done += page.changes;
      this.options.onProgress?.({ phase: kind, done, total, initial, stage: page.stage });
      if (repeated || capped) {
        const reason: FeedStopReason = repeated ? 'cursor-repeated' : 'page-cap';
        log.warn('sync feed stopped before its end for this pull; the next pull goes on from its cursor', {
          feed: kind,
          reason,
          pages: received,
        });
        report.stopped.push({ feed: kind, reason, pages: received });
      }
    }
  }
}
