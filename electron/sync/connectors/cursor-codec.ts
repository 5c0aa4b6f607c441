import type { FeedStage } from '../../../shared/sync/contract';
import { userText } from '../../../shared/text/user-text';
import { SourceError, type PullKind } from '../case-source';

/**
 * A connector's pull cursor as the opaque string the store keeps with each page:
 * `<prefix><base64url JSON>`, where the prefix names the connector and the version of its shape
 * (`zd1.`, `sf1.`), so a later connector can read or refuse it. The shapes are the connectors'
 * own (zendesk-cursor.ts, salesforce-cursor.ts); a cursor that cannot be read is `cursor-invalid`,
 * and the pull engine starts that feed again.
 *
 * Both connectors' history phase keeps how far the first full read has got (`HistoryProgress`),
 * for the status strip; it rides in the cursor so a restart goes on counting. One that does not
 * read counts again from nothing rather than losing the feed's place.
 */

export interface CursorFormat {
  /** The version prefix, `zd1.`. */
  prefix: string;
  /** The CRM's name, for the sentence when a cursor cannot be read. */
  crm: string;
  /** The longest cursor read; anything longer is refused unread. */
  maxLength: number;
}

export interface HistoryProgress {
  /** Records the history has brought so far (deleted ones included). */
  done: number;
  /** How many it has in all, as the connector counts them (its cursor file says how); null when unknown. */
  total: number | null;
  /** When the newest record reached was changed (epoch ms): the history goes oldest change first. */
  reachedAt: number | null;
  /** The history has been read to its end once: what comes from then on are changes. */
  complete: boolean;
}

export const HISTORY_NOT_STARTED: HistoryProgress = { done: 0, total: null, reachedAt: null, complete: false };

export interface CursorCodec<T> {
  encode: (cursor: T) => string;
  /** Null (no cursor yet) is the format's `first`; throws `cursor-invalid` for anything that does not read. */
  decode: (value: string | null, kind: PullKind) => T;
}

/**
 * The codec of one connector's cursors: `read` answers the cursor inside the JSON object of a
 * stored one, or undefined when its fields are not one.
 */
export function cursorCodec<T extends object>(
  format: CursorFormat & { first: T; read: (fields: Record<string, unknown>) => T | undefined },
): CursorCodec<T> {
  const { prefix, crm, maxLength, first, read } = format;
  return {
    encode: (cursor) => prefix + Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url'),
    decode: (value, kind) => {
      if (value === null) return first;
      const refuse = (): never => {
        throw new SourceError(
          'cursor-invalid',
          'cursor-invalid',
          userText('sync.error.positionUnreadable', { crm, kind: userText(`sync.subject.${kind}`) }),
        );
      };
      if (!value.startsWith(prefix) || value.length > maxLength) return refuse();
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(value.slice(prefix.length), 'base64url').toString('utf8'));
      } catch {
        return refuse();
      }
      if (typeof parsed !== 'object' || parsed === null) return refuse();
      return read(parsed as Record<string, unknown>) ?? refuse();
    },
  };
}

/** The progress a cursor carried; one that does not read (or none) is HISTORY_NOT_STARTED. */
export function progressOf(value: unknown): HistoryProgress {
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

/** Where a feed in its history phase stands, as the sync status shows it. */
export function historyStage(progress: HistoryProgress): FeedStage {
  const { done, total, reachedAt, complete } = progress;
  return complete ? { stage: 'complete' } : { stage: 'history', done, total, reachedAt };
}
