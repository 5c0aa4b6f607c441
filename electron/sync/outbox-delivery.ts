import type { Interaction, OutboxRow } from '../../shared/store/types';
import type { Logger } from '../logging/logger';
import type { OutboxFailure, OutboxSent } from '../store/protocol';
import { backoffDelay, type BackoffPolicy } from '../core/backoff';
import { userText } from '../../shared/text/user-text';
import { SourceError, type CaseSource, type PushItem, type PushOutcome } from './case-source';
import { storedText } from './failure-text';

/**
 * Outbox delivery: sends what agents did to the CRM, in order per ordering
 * key, each item with its idempotency key on every attempt.
 *
 * Per item:                         → outbox state
 *   applied (or replayed)           → sent (server version recorded on the case/customer)
 *   409 version conflict            → conflict: the agent chooses theirs/mine; the server's copy is kept for that
 *   other 4xx                       → parked, with the server's reason, until someone retries or discards it
 *   5xx, 408, 429, timeout, reset   → pending, next attempt after backoff with jitter
 *   401 / no token                  → untouched; delivery stops until the token is fixed
 *   server unreachable              → pending with backoff; delivery stops (the service probes for reconnect)
 *
 * The store only ever hands out the oldest unsent row of each ordering key,
 * so a parked or conflicting row holds back later changes to the same case
 * but never rows of other keys.
 */

/** The narrow part of the store delivery needs (StoreClient implements it; see store-ports.ts). */
export interface OutboxPort {
  /** Due rows, at most one per ordering key: the oldest unsent row of each key. */
  due(now: number, limit: number): Promise<OutboxRow[]>;
  markSent(items: OutboxSent[]): Promise<void>;
  retryLater(id: number, nextAttemptAt: number, failure: OutboxFailure): Promise<void>;
  park(id: number, failure: OutboxFailure): Promise<void>;
  conflict(id: number, failure: OutboxFailure): Promise<void>;
  /** The version of a customer or case as this machine has it now (null when local-only or missing). */
  localVersion(kind: 'customer' | 'case', id: string): Promise<number | null>;
  /** A logged contact (null when it is not on this machine). */
  interaction(id: string): Promise<Interaction | null>;
}

export interface DeliveryHooks {
  /** "Keep mine" after a conflict: the server version the item may overwrite. */
  overrideFor(outboxId: number): number | undefined;
  /** Keeps the server's copy for the conflict dialog; runs before the row's state changes. */
  recordConflict(row: OutboxRow, outcome: Extract<PushOutcome, { kind: 'conflict' }>): Promise<void>;
  /** Rows the server confirmed (after the store recorded them). */
  sent(ids: number[]): void;
}

export interface DeliveryOptions {
  outbox: OutboxPort;
  source: CaseSource;
  hooks: DeliveryHooks;
  backoff: BackoffPolicy;
  log: Logger;
  /** Requests in flight at once (different ordering keys). */
  concurrency?: number;
  /** Rows asked of the store at a time. */
  batchSize?: number;
  now?: () => number;
}

export interface DrainReport {
  sent: number;
  /** Of `sent`: answered from the server's idempotency record (delivered before, answer lost). */
  replayed: number;
  retried: number;
  parked: number;
  conflicts: number;
  /** Why delivery stopped before the outbox was empty, or null. */
  stoppedBy: SourceError | null;
  /** Earliest next attempt scheduled during this drain. */
  nextRetryAt: number | null;
  /** A request reached the server and got an answer. */
  reachedServer: boolean;
}

type Delivered =
  | { kind: 'applied'; version: number | null; replayed: boolean }
  | { kind: 'conflict' }
  | { kind: 'rejected' }
  | { kind: 'retry'; at: number; error: SourceError }
  | { kind: 'stop'; error: SourceError };

function isOutcome(value: unknown): value is PushOutcome {
  if (typeof value !== 'object' || value === null || value instanceof Error) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'applied' || kind === 'conflict' || kind === 'rejected';
}

/** Timeouts in a row after which the server counts as unreachable. */
const TIMEOUTS_BEFORE_OFFLINE = 3;

export class OutboxDelivery {
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly now: () => number;

  constructor(private readonly options: DeliveryOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.batchSize = Math.max(1, options.batchSize ?? 500);
    this.now = options.now ?? Date.now;
  }

  /** Sends everything due, until the outbox has nothing due or the server cannot be reached. */
  async drain(signal?: AbortSignal): Promise<DrainReport> {
    const report: DrainReport = {
      sent: 0,
      replayed: 0,
      retried: 0,
      parked: 0,
      conflicts: 0,
      stoppedBy: null,
      nextRetryAt: null,
      reachedServer: false,
    };
    let timeoutsInRow = 0;
    while (!signal?.aborted) {
      const rows = await this.options.outbox.due(this.now(), this.batchSize);
      if (rows.length === 0) break;
      const applied: OutboxSent[] = [];
      let stop: SourceError | null = null;
      const tally = (row: OutboxRow, result: Delivered): void => {
        if (result.kind === 'applied') {
          applied.push({ id: row.id, serverVersion: result.version, sentAt: this.now() });
          report.sent += 1;
          if (result.replayed) report.replayed += 1;
          report.reachedServer = true;
          timeoutsInRow = 0;
        } else if (result.kind === 'conflict') {
          report.conflicts += 1;
          report.reachedServer = true;
        } else if (result.kind === 'rejected') {
          report.parked += 1;
          report.reachedServer = true;
        } else if (result.kind === 'retry') {
          report.retried += 1;
          report.nextRetryAt = Math.min(report.nextRetryAt ?? Infinity, result.at);
          const e = result.error;
          if (e.kind === 'timeout') timeoutsInRow += 1;
          else if (e.kind === 'server' || e.kind === 'protocol') report.reachedServer = true;
          if (e.kind === 'network' || e.kind === 'rate-limited' || (e.kind === 'timeout' && timeoutsInRow >= TIMEOUTS_BEFORE_OFFLINE))
            stop ??= e;
        } else if (result.kind === 'stop') {
          stop ??= result.error;
        }
      };
      const pushMany = this.options.source.pushMany?.bind(this.options.source);
      if (pushMany) {
        // The connector writes many rows in one request: the due rows (one per ordering key, so
        // independent) go in batches of what it takes, each row answered on its own.
        const limit = Math.max(1, this.options.source.pushBatchLimit ?? this.batchSize);
        for (let i = 0; i < rows.length && stop === null && !signal?.aborted; i += limit) {
          const chunk = rows.slice(i, i + limit);
          const items = await Promise.all(chunk.map((row) => this.itemOf(row)));
          let answers: unknown[];
          try {
            answers = await pushMany(items, signal);
            if (answers.length !== chunk.length) throw new Error(`pushMany answered ${answers.length} of ${chunk.length} items`);
          } catch (error) {
            answers = chunk.map(() => error);
          }
          for (let j = 0; j < chunk.length; j += 1) tally(chunk[j]!, await this.settle(chunk[j]!, answers[j]));
        }
      } else {
        let next = 0;
        const lane = async (): Promise<void> => {
          while (stop === null && !signal?.aborted && next < rows.length) {
            const row = rows[next++]!;
            tally(row, await this.deliver(row, signal));
          }
        };
        await Promise.all(Array.from({ length: Math.min(this.concurrency, rows.length) }, lane));
      }
      // Confirmations are written in one transaction per batch. If the app dies
      // before this, the rows are sent again and the server answers from its
      // idempotency record: a duplicate send, never a duplicate change.
      if (applied.length > 0) {
        await this.options.outbox.markSent(applied);
        this.options.hooks.sent(applied.map((a) => a.id));
      }
      if (stop) {
        report.stoppedBy = stop;
        break;
      }
    }
    return report;
  }

  private async deliver(row: OutboxRow, signal: AbortSignal | undefined): Promise<Delivered> {
    const item = await this.itemOf(row);
    let outcome: unknown;
    try {
      outcome = await this.options.source.push(item, signal);
    } catch (error) {
      outcome = error;
    }
    return this.settle(row, outcome);
  }

  /** The row as the connector needs it: with the agent's conflict choice, the version held here, the contact a wrap-up codes. */
  private async itemOf(row: OutboxRow): Promise<PushItem> {
    const { outbox, hooks } = this.options;
    // The store's due rows for sync never include alerts (electron/alerts delivers those).
    if (row.entityKind === 'alert') throw new Error('An SLA alert row was handed to CRM sync');
    const item: PushItem = {
      id: row.id,
      idempotencyKey: row.idempotencyKey,
      entityKind: row.entityKind,
      entityId: row.entityId,
      orderingKey: row.orderingKey,
      operation: row.operation,
      payload: row.payload,
      createdAt: row.createdAt,
    };
    const override = hooks.overrideFor(row.id);
    if (override !== undefined) item.overrideVersion = override;
    if ((row.entityKind === 'case' || row.entityKind === 'customer') && row.operation === 'update') {
      item.localVersion = await outbox.localVersion(row.entityKind, row.entityId);
    }
    if (row.entityKind === 'wrap-up') {
      const interaction = await outbox.interaction(row.entityId);
      if (interaction) item.related = { interaction };
    }
    return item;
  }

  /** What the connector's answer for a row (an outcome, or what it threw) does to that row. */
  private async settle(row: OutboxRow, answer: unknown): Promise<Delivered> {
    const { outbox, hooks, log } = this.options;
    if (!isOutcome(answer)) {
      const error = answer;
      const e =
        error instanceof SourceError
          ? error
          : new SourceError(
              'protocol',
              'client-error',
              userText('sync.error.sendFailed', { name: error instanceof Error ? error.name : typeof error }),
            );
      if (!(error instanceof SourceError)) log.error('push failed unexpectedly', { outbox: row.id, error: e.message });
      if (e.kind === 'aborted') return { kind: 'stop', error: e };
      // The token is about every item, not this one: leave the row as it is.
      if (e.kind === 'unauthorized') return { kind: 'stop', error: e };
      if (e.kind === 'cursor-invalid') return { kind: 'stop', error: e };
      const at = this.now() + backoffDelay(this.options.backoff, row.attempts + 1, e.retryAfterMs);
      await outbox.retryLater(row.id, at, { code: e.code, message: storedText(e.text) });
      log.debug('outbox item will be retried', { outbox: row.id, code: e.code, attempt: row.attempts + 1, inMs: at - this.now() });
      return { kind: 'retry', at, error: e };
    }
    const outcome = answer;
    if (outcome.kind === 'applied') return outcome;
    if (outcome.kind === 'conflict') {
      await hooks.recordConflict(row, outcome);
      await outbox.conflict(row.id, { code: 'version-conflict', message: storedText(outcome.message) });
      log.info('outbox item conflicts with the server', { outbox: row.id, kind: row.entityKind, serverVersion: outcome.currentVersion });
      return { kind: 'conflict' };
    }
    await outbox.park(row.id, { code: outcome.code, message: storedText(outcome.message) });
    log.warn('outbox item parked', { outbox: row.id, kind: row.entityKind, code: outcome.code });
    return { kind: 'rejected' };
  }
}
