import type { FeedStage } from '../../../../shared/sync/contract';
import { SourceError, type PullKind } from '../../case-source';

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
 *   `progress` is how far the export has got, for the status strip (the export itself gives no
 *   total); it rides in the cursor so a restart goes on counting where it stopped. A cursor from
 *   before it was kept, or with a progress that does not read, counts again from nothing rather
 *   than losing its place.
 *
 * Written as `zd1.<base64url JSON>`: a version in the prefix lets a later connector read or refuse
 * it; a cursor it cannot read is `cursor-invalid`, and the pull engine starts that feed again.
 */

export type FeedCursor =
  | { phase: 'open'; search: string | null; searchAt: number | null }
  | { phase: 'history'; after: string | null; start: number; progress: HistoryProgress };

export interface HistoryProgress {
  /** Records the export has brought so far (deleted ones included). */
  done: number;
  /** Zendesk's approximate count of users or tickets when the export began; null when it gave none. */
  total: number | null;
  /** `updated_at` (epoch ms) of the newest record reached: the export goes oldest change first. */
  reachedAt: number | null;
  /** The export has reached the end of the stream once: what it brings from then on are changes. */
  complete: boolean;
}

export const HISTORY_NOT_STARTED: HistoryProgress = { done: 0, total: null, reachedAt: null, complete: false };

const PREFIX = 'zd1.';
/** Search export cursors expire after an hour; five minutes' margin for the request itself and clock skew. */
export const SEARCH_CURSOR_MAX_AGE_MS = 55 * 60_000;
/** Where the full history begins: everything Zendesk has. */
export const HISTORY_START = 0;

export const FIRST_CURSOR: FeedCursor = { phase: 'open', search: null, searchAt: null };

export function encodeCursor(cursor: FeedCursor): string {
  return PREFIX + Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** Null (no cursor yet) is the first page of the open-tickets phase. */
export function decodeCursor(value: string | null, kind: PullKind): FeedCursor {
  if (value === null) return FIRST_CURSOR;
  const refuse = (): never => {
    throw new SourceError(
      'cursor-invalid',
      'cursor-invalid',
      `The stored Zendesk ${kind} sync position cannot be read; starting that list again`,
    );
  };
  if (!value.startsWith(PREFIX) || value.length > 4096) return refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return refuse();
  }
  if (typeof parsed !== 'object' || parsed === null) return refuse();
  const c = parsed as Record<string, unknown>;
  const optionalString = (v: unknown) => v === null || (typeof v === 'string' && v.length > 0 && v.length <= 2048);
  if (c.phase === 'open' && optionalString(c.search) && (c.searchAt === null || Number.isSafeInteger(c.searchAt))) {
    return { phase: 'open', search: c.search as string | null, searchAt: c.searchAt as number | null };
  }
  if (c.phase === 'history' && optionalString(c.after) && Number.isSafeInteger(c.start) && (c.start as number) >= 0) {
    return { phase: 'history', after: c.after as string | null, start: c.start as number, progress: progressOf(c.progress) };
  }
  return refuse();
}

function progressOf(value: unknown): HistoryProgress {
  if (typeof value !== 'object' || value === null) return HISTORY_NOT_STARTED;
  const p = value as Record<string, unknown>;
  const count = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  const ok =
    count(p.done) &&
    (p.total === null || count(p.total)) &&
    (p.reachedAt === null || count(p.reachedAt)) &&
    typeof p.complete === 'boolean';
  if (!ok) return HISTORY_NOT_STARTED;
  return {
    done: p.done as number,
    total: p.total as number | null,
    reachedAt: p.reachedAt as number | null,
    complete: p.complete as boolean,
  };
}

/** The search cursor to send, or null to start the open phase again (first page, or the cursor is too old to be accepted). */
export function usableSearchCursor(cursor: Extract<FeedCursor, { phase: 'open' }>, now: number): string | null {
  if (cursor.search === null || cursor.searchAt === null) return null;
  return now - cursor.searchAt < SEARCH_CURSOR_MAX_AGE_MS ? cursor.search : null;
}

/** Where a feed stands at this cursor, as the sync status shows it. */
export function stageOf(cursor: FeedCursor): FeedStage {
  if (cursor.phase === 'open') return { stage: 'open' };
  const { done, total, reachedAt, complete } = cursor.progress;
  return complete ? { stage: 'complete' } : { stage: 'history', done, total, reachedAt };
}
