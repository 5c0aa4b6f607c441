import type { FeedStage } from '../../../../shared/sync/contract';
import { HISTORY_NOT_STARTED, cursorCodec, historyStage, progressOf, type HistoryProgress } from '../cursor-codec';

export { HISTORY_NOT_STARTED, type HistoryProgress } from '../cursor-codec';

/**
 * The pull cursor of one feed, as the opaque string the store keeps with each page (so it survives
 * a restart). It records the phase (salesforce-source.ts, "open cases first") and where the feed is:
 *
 * - `after`: the last record stored, as (SystemModstamp, Id). Every query is ordered by both, so
 *   "after this record" is exact even when many records share a SystemModstamp, and a feed can
 *   always go on from here with a fresh query, whatever happened to the query locator.
 * - `locator`: the query locator of the next page (`nextRecordsUrl`, REST API Developer Guide ›
 *   Query More Results), with `at`, when it was given. Locators expire when unused; one older
 *   than LOCATOR_MAX_AGE_MS is not tried, and one Salesforce refuses is dropped for a fresh query
 *   from `after` (both give the same records: the query is the same, ordered the same).
 * - `progress` (history): how far the first full read has got (cursor-codec.ts); its `total` is
 *   what was read plus what the latest fresh query counted after it (`totalSize`), and
 *   `reachedAt` the SystemModstamp of the newest record reached.
 *
 * Written as `sf1.<base64url JSON>` (cursor-codec.ts).
 */

export interface Position {
  /** SystemModstamp, epoch ms. */
  stamp: number;
  /** The 18-character record id. */
  id: string;
}

export interface FeedCursor {
  phase: 'open' | 'history';
  after: Position | null;
  locator: string | null;
  at: number | null;
  progress?: HistoryProgress;
}

/** Query locators are not promised past a few minutes of inactivity; older ones are not worth a refused request. */
export const LOCATOR_MAX_AGE_MS = 10 * 60_000;
const LOCATOR = /^[A-Za-z0-9]{15,18}-\d{1,9}$/;
const RECORD_ID = /^[A-Za-z0-9]{18}$/;

export const FIRST_CURSOR: FeedCursor = { phase: 'open', after: null, locator: null, at: null };
export const HISTORY_START: FeedCursor = { phase: 'history', after: null, locator: null, at: null, progress: HISTORY_NOT_STARTED };

/** Null (no cursor yet) decodes as the first page of the open-cases phase. */
export const { encode: encodeCursor, decode: decodeCursor } = cursorCodec<FeedCursor>({
  prefix: 'sf1.',
  crm: 'Salesforce',
  maxLength: 2048,
  first: FIRST_CURSOR,
  read: readCursor,
});

function readCursor(c: Record<string, unknown>): FeedCursor | undefined {
  if (c.phase !== 'open' && c.phase !== 'history') return undefined;
  const after = readPosition(c.after);
  if (after === undefined) return undefined;
  const locatorOk = c.locator === null || (typeof c.locator === 'string' && LOCATOR.test(c.locator));
  const atOk = c.at === null || (typeof c.at === 'number' && Number.isSafeInteger(c.at) && c.at >= 0);
  if (!locatorOk || !atOk || (c.locator === null) !== (c.at === null)) return undefined;
  const cursor: FeedCursor = { phase: c.phase, after, locator: c.locator as string | null, at: c.at as number | null };
  if (c.phase === 'history') cursor.progress = progressOf(c.progress);
  return cursor;
}

/** Where a feed stands at this cursor, as the sync status shows it. */
export function stageOf(cursor: FeedCursor): FeedStage {
  return cursor.phase === 'open' ? { stage: 'open' } : historyStage(cursor.progress ?? HISTORY_NOT_STARTED);
}

function readPosition(value: unknown): Position | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object') return undefined;
  const p = value as Record<string, unknown>;
  if (typeof p.stamp !== 'number' || !Number.isSafeInteger(p.stamp) || p.stamp < 0) return undefined;
  if (typeof p.id !== 'string' || !RECORD_ID.test(p.id)) return undefined;
  return { stamp: p.stamp, id: p.id };
}

/** The locator to ask with, or null to run the query again from `after` (none, or too old to be taken). */
export function usableLocator(cursor: FeedCursor, now: number): string | null {
  if (cursor.locator === null || cursor.at === null) return null;
  return now - cursor.at < LOCATOR_MAX_AGE_MS ? cursor.locator : null;
}

/** The locator inside a `nextRecordsUrl` (`/services/data/v62.0/query/01gD0000002HU6KIAW-2000`); null when it is not one. */
export function locatorOf(nextRecordsUrl: string | undefined): string | null {
  if (!nextRecordsUrl) return null;
  const last = nextRecordsUrl.split('?', 1)[0]!.split('/').pop() ?? '';
  return LOCATOR.test(last) ? last : null;
}
