import type { FeedStage } from '../../../../shared/sync/contract';
import { cursorCodec, historyStage, progressOf, type HistoryProgress } from '../cursor-codec';

export { HISTORY_NOT_STARTED, type HistoryProgress } from '../cursor-codec';

/**
 * The pull cursor of one feed, as the opaque string the store keeps with each page (so it
 * survives a restart). It records the phase (see zendesk-source.ts, "open tickets first") and
 * what that phase needs to go on:
 *
 * - `open`: the Search export of unsolved tickets (Zendesk Support API › Search › Export Search
 *   Results). `search` is its `meta.after_cursor`, null for the first page; `searchAt` is when
 *   Zendesk gave it, because such a cursor "expires after one hour": an older one is not sent,
 *   the phase starts again (its pages are upserts, a repeat is harmless).
 * - `history`: the cursor-based incremental export (Zendesk Support API › Incremental Exports ›
 *   Incremental Ticket Export, Cursor Based / Incremental User Export, Cursor Based). `after` is the
 *   export's `after_cursor`; null means "start at `start`" (unix seconds) with `start_time`.
 *   `progress` is how far the export has got (cursor-codec.ts); its `total` is Zendesk's
 *   approximate count of users or tickets when the export began (the export itself gives none).
 *
 * Written as `zd1.<base64url JSON>` (cursor-codec.ts).
 */

export type FeedCursor =
  | { phase: 'open'; search: string | null; searchAt: number | null }
  | { phase: 'history'; after: string | null; start: number; progress: HistoryProgress };

/** Search export cursors expire after an hour; five minutes' margin for the request itself and clock skew. */
export const SEARCH_CURSOR_MAX_AGE_MS = 55 * 60_000;
/** Where the full history begins: everything Zendesk has. */
export const HISTORY_START = 0;

export const FIRST_CURSOR: FeedCursor = { phase: 'open', search: null, searchAt: null };

/** Null (no cursor yet) decodes as the first page of the open-tickets phase. */
export const { encode: encodeCursor, decode: decodeCursor } = cursorCodec<FeedCursor>({
  prefix: 'zd1.',
  crm: 'Zendesk',
  maxLength: 4096,
  first: FIRST_CURSOR,
  read: readCursor,
});

function readCursor(c: Record<string, unknown>): FeedCursor | undefined {
  const optionalString = (v: unknown) => v === null || (typeof v === 'string' && v.length > 0 && v.length <= 2048);
  if (c.phase === 'open' && optionalString(c.search) && (c.searchAt === null || Number.isSafeInteger(c.searchAt))) {
    return { phase: 'open', search: c.search as string | null, searchAt: c.searchAt as number | null };
  }
  if (c.phase === 'history' && optionalString(c.after) && Number.isSafeInteger(c.start) && (c.start as number) >= 0) {
    return { phase: 'history', after: c.after as string | null, start: c.start as number, progress: progressOf(c.progress) };
  }
  return undefined;
}

/** The search cursor to send, or null to start the open phase again (first page, or the cursor is too old to be accepted). */
export function usableSearchCursor(cursor: Extract<FeedCursor, { phase: 'open' }>, now: number): string | null {
  if (cursor.search === null || cursor.searchAt === null) return null;
  return now - cursor.searchAt < SEARCH_CURSOR_MAX_AGE_MS ? cursor.search : null;
}

/** Where a feed stands at this cursor, as the sync status shows it. */
export function stageOf(cursor: FeedCursor): FeedStage {
  return cursor.phase === 'open' ? { stage: 'open' } : historyStage(cursor.progress);
}
