import type { EntityKind, Interaction, OutboxRow, PulledCase, PulledCustomer } from '../../shared/store/types';
import type { FeedStage } from '../../shared/sync/contract';
import { englishOf, type UserText } from '../../shared/text/user-text';

/**
 * A CRM connector: where customers and cases come from and where agent work
 * goes. The sync service (electron/sync/sync-service.ts) only talks to this
 * interface, so a Salesforce or Zendesk connector plugs in beside the first
 * one, the Switchboard Sync API (switchboard-sync-source.ts), without touching
 * the outbox, the pull scheduler, conflicts or the UI status.
 *
 * Contract for implementers:
 * - Pulls are cursor-based and resumable: `nextCursor` is stored with the
 *   page's rows in one transaction, and a page fetched again after a crash
 *   must be harmless (upserts by id and version).
 * - `push` must make the CRM apply each outbox item once, however often it is
 *   called with the same `idempotencyKey` (timeouts, lost answers, crashes).
 * - Failures are thrown as `SourceError` with the kind that says what the
 *   caller should do; per-item refusals are returned as outcomes.
 * - A page larger than the connector will read (shared/sync/limits.ts) is
 *   thrown as kind `protocol`, code `page-too-large`: the pull engine asks for
 *   the same position again with fewer rows before giving up.
 */
export interface CaseSource {
  /** Stable id, used to name sync cursors: changing it means a full resync. */
  readonly id: string;
  /** For people, in sentences about the source: "Switchboard Sync API at crm.example.com". */
  readonly description: UserText;
  /** Cheap reachability and credentials check; resolves when the source can be used. */
  probe(signal?: AbortSignal): Promise<void>;
  pullCustomers(request: PullRequest): Promise<PullPage<PulledCustomer>>;
  pullCases(request: PullRequest): Promise<PullPage<PulledCase>>;
  /**
   * Optional: a change page as raw bytes (the Switchboard Sync API's JSON envelope,
   * docs/sync-api.md) for the store's writer thread to parse, so main only forwards
   * bytes. Same requests and errors as the pull methods, except that a body that is
   * not such a page is found out by the store.
   */
  pullPageBody?(kind: PullKind, request: PullRequest): Promise<Uint8Array>;
  push(item: PushItem, signal?: AbortSignal): Promise<PushOutcome>;
  /**
   * Optional: many items in one go, for a CRM that writes a batch in one request (Salesforce's
   * sObject Collections). The items are independent (the outbox hands out one row per ordering
   * key), and each gets its own answer, in order: its outcome, or the SourceError it met. Same
   * exactly-once rule as `push`. At most `pushBatchLimit` items a call.
   */
  pushMany?(items: PushItem[], signal?: AbortSignal): Promise<(PushOutcome | SourceError)[]>;
  readonly pushBatchLimit?: number;
  /**
   * Optional: the rows a pull page should ask for, where the CRM documents a best size and every
   * page counts against an allowance (Salesforce: 2,000, the query batch maximum). Used unless the
   * sync timing sets a size.
   */
  readonly pageRows?: number;
  /** Optional: the CRM's count of API calls against its allowance, from its latest answer (diagnostics); null before one. */
  readonly apiUsage?: { used: number; limit: number; at: number } | null;
  /** Drops pooled connections; the source is not used afterwards. */
  close(): void;
}

export interface PullRequest {
  /** From the previous page; null starts the feed from the beginning. */
  cursor: string | null;
  limit: number;
  /** Ask for the number of changes after the cursor (for progress); costs the server a count. */
  includeTotal: boolean;
  signal?: AbortSignal;
}

export interface PullPage<T> {
  /** Not checked here: the store's worker checks every row and reports the ones it refuses. */
  items: T[];
  deleted: string[];
  nextCursor: string;
  hasMore: boolean;
  total: number | null;
  /** A connector that loads in stages (open records first, then the full history): where the feed stands after this page. */
  stage?: FeedStage;
}

/** An outbox row as the connector needs it, plus the agent's conflict choice. */
export type PushItem = Pick<OutboxRow, 'id' | 'idempotencyKey' | 'entityId' | 'orderingKey' | 'operation' | 'payload' | 'createdAt'> & {
  /** A record for the CRM: alert rows are never handed to sync (`outbox.due` keeps them for electron/alerts). */
  entityKind: EntityKind;
  /** Set when the agent chose "keep mine" after a conflict: the version the change now overrides. */
  overrideVersion?: number;
  /**
   * For customer/case updates: the version this machine has now, including the
   * server versions its own earlier changes got (a second offline edit of a
   * case was based on the first one, not on the version before it).
   */
  localVersion?: number | null;
  /**
   * Records the change refers to, read from this machine's store when it is sent: for a wrap-up,
   * the contact it codes (a CRM files the wrap-up on the case the call went to, which the wrap-up
   * itself does not name; after a restart the connector has no other way to know it).
   */
  related?: { interaction?: Interaction };
};

export type PushOutcome =
  /** Applied now, or earlier under the same key (`replayed`). */
  | { kind: 'applied'; version: number | null; replayed: boolean }
  /** The record moved on since the version the change was based on; nothing was changed. */
  | { kind: 'conflict'; currentVersion: number; current: Record<string, unknown>; message: UserText }
  /** The server refused this item for good (validation, permissions, gone): retrying will not help until someone acts. */
  | { kind: 'rejected'; code: string; message: UserText };

export const SOURCE_ERROR_KINDS = [
  /** The server cannot be reached (refused, DNS, no route) or the connection broke. */
  'network',
  /** No answer in time. The request may or may not have been applied. */
  'timeout',
  /** The server answered 5xx (or 408): it is up but failing. */
  'server',
  /** 429: come back after `retryAfterMs`. */
  'rate-limited',
  /** The token is missing or refused: nothing will work until IT fixes it. */
  'unauthorized',
  /** The answer was not what the API promises (bad JSON, wrong shape). */
  'protocol',
  /** The pull cursor is no longer valid (the server was reset): start that feed again. */
  'cursor-invalid',
  /** The request was cancelled (shutdown). */
  'aborted',
] as const;
export type SourceErrorKind = (typeof SOURCE_ERROR_KINDS)[number];

export class SourceError extends Error {
  readonly kind: SourceErrorKind;
  /** What the agent reads (the sync status's problem); `message` is its English, for logs and the outbox row. */
  readonly text: UserText;
  /** Short machine code for the outbox row and logs: `http-503`, `timeout`, `ECONNREFUSED`. */
  readonly code: string;
  readonly status: number | null;
  readonly retryAfterMs: number | null;

  constructor(kind: SourceErrorKind, code: string, text: UserText, options: { status?: number; retryAfterMs?: number | null } = {}) {
    super(englishOf(text));
    this.name = 'SourceError';
    this.text = text;
    this.kind = kind;
    this.code = code;
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }

  /** The server could not be talked to at all: the app is offline as far as sync goes. */
  get isConnectivity(): boolean {
    return this.kind === 'network' || this.kind === 'timeout';
  }
}

export function isSourceError(error: unknown): error is SourceError {
  return error instanceof SourceError;
}

/** Which records a connector pulls; the order is the order of a sync round (customers before their cases). */
export const PULL_KINDS = ['customers', 'cases'] as const;
export type PullKind = (typeof PULL_KINDS)[number];

export type { EntityKind };
