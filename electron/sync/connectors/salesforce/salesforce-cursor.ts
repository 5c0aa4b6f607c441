import type { FeedStage } from '../../../../shared/sync/contract';
import { SourceError, type PullKind } from '../../case-source';

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
 * - `progress` (history): how far the first full read has got, for the status strip; it rides in
 *   the cursor so a restart goes on counting. One that does not read counts again from nothing
 *   rather than losing the feed's place.
 *
 * Written as `sf1.<base64url JSON>`; a cursor that cannot be read is `cursor-invalid`, and the
 * pull engine starts that feed again.
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

export interface HistoryProgress {
  /** Records the history has brought so far (deleted ones included). */
  done: number;
  /** How many it has in all: what was read plus what the latest fresh query counted after it (`totalSize`); null before. */
  total: number | null;
  /** SystemModstamp of the newest record reached (the history goes oldest change first). */
  reachedAt: number | null;
  /** The history has been read to its end once: what comes from then on are changes. */
  complete: boolean;
}

export const HISTORY_NOT_STARTED: HistoryProgress = { done: 0, total: null, reachedAt: null, complete: false };

const PREFIX = 'sf1.';
/** Query locators are not promised past a few minutes of inactivity; older ones are not worth a refused request. */
export const LOCATOR_MAX_AGE_MS = 10 * 60_000;
const LOCATOR = /^[A-Za-z0-9]{15,18}-\d{1,9}$/;
const RECORD_ID = /^[A-Za-z0-9]{18}$/;

export const FIRST_CURSOR: FeedCursor = { phase: 'open', after: null, locator: null, at: null };
export const HISTORY_START: FeedCursor = { phase: 'history', after: null, locator: null, at: null, progress: HISTORY_NOT_STARTED };

export function encodeCursor(cursor: FeedCursor): string {
  return PREFIX + Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** Null (no cursor yet) is the first page of the open-cases phase. */
export function decodeCursor(value: string | null, kind: PullKind): FeedCursor {
  if (value === null) return FIRST_CURSOR;
  const refuse = (): never => {
    throw new SourceError(
      'cursor-invalid',
      'cursor-invalid',
      `The stored Salesforce ${kind} sync position cannot be read; starting that list again`,
    );
  };
  if (!value.startsWith(PREFIX) || value.length > 2048) return refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return refuse();
  }
  if (typeof parsed !== 'object' || parsed === null) return refuse();
  const c = parsed as Record<string, unknown>;
  if (c.phase !== 'open' && c.phase !== 'history') return refuse();
  const after = readPosition(c.after);
  if (after === undefined) return refuse();
  const locatorOk = c.locator === null || (typeof c.locator === 'string' && LOCATOR.test(c.locator));
  const atOk = c.at === null || (typeof c.at === 'number' && Number.isSafeInteger(c.at) && c.at >= 0);
  if (!locatorOk || !atOk || (c.locator === null) !== (c.at === null)) return refuse();
  const cursor: FeedCursor = { phase: c.phase, after, locator: c.locator as string | null, at: c.at as number | null };
  if (c.phase === 'history') cursor.progress = progressOf(c.progress);
  return cursor;
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

/** Where a feed stands at this cursor, as the sync status shows it. */
export function stageOf(cursor: FeedCursor): FeedStage {
  if (cursor.phase === 'open') return { stage: 'open' };
  const { done, total, reachedAt, complete } = cursor.progress ?? HISTORY_NOT_STARTED;
  return complete ? { stage: 'complete' } : { stage: 'history', done, total, reachedAt };
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
