import { MAX_PAGE_BYTES } from '../../shared/sync/limits';
import type { Logger } from '../logging/logger';
import type { CaseSource } from './case-source';
import type { ConflictBook } from './conflicts';
import { sendOnlyAgentsOwnWork } from './agent-work-guard';
import { OutboxDelivery } from './outbox-delivery';
import { DEFAULT_PAGE_ROWS, PullEngine, type PullProgress } from './pull-engine';
import { createConnectorSource } from './connector-source';
import type { SyncServiceOptions, SyncTiming } from './sync-options';

/** The connector to one server and what runs over it; `abort` stops its requests when it is replaced or sync closes. */
export interface SyncLink {
  source: CaseSource;
  delivery: OutboxDelivery;
  pull: PullEngine;
  abort: AbortController;
}

export interface LinkParts {
  options: Pick<
    SyncServiceOptions,
    'store' | 'settings' | 'createSource' | 'zendeskOAuth' | 'salesforceSession' | 'userAgent' | 'ca' | 'limits'
  >;
  timing: SyncTiming;
  book: ConflictBook;
  log: Logger;
  now: () => number;
  token: () => Promise<string | null>;
  /** With single sign-on: the signed-in agent; work naming another agent is held (agent-work-guard.ts). */
  agent?: () => string | null;
  onProgress: (progress: PullProgress) => void;
}

/** Opens the connector in use (Sync settings, policy `crmConnector`) to `url`; throws with the agent's sentence when it cannot be made. */
export function openLink(url: string, parts: LinkParts): SyncLink {
  const { options, timing, book, log, now, token } = parts;
  const source = options.createSource
    ? options.createSource(url, token, timing.requestTimeoutMs)
    : createConnectorSource(url, {
        connector: options.settings.crmConnector().id,
        zendesk: options.settings.zendesk(),
        token,
        zendeskOAuth: options.zendeskOAuth ?? null,
        salesforce: options.settings.salesforce(),
        salesforceSession: options.salesforceSession ?? null,
        timeoutMs: timing.requestTimeoutMs,
        userAgent: options.userAgent,
        ca: options.ca,
        maxPageBytes: options.limits?.maxPageBytes ?? MAX_PAGE_BYTES,
      });
  const delivery = new OutboxDelivery({
    outbox: options.store,
    source: parts.agent ? sendOnlyAgentsOwnWork(source, parts.agent) : source,
    backoff: timing.backoff,
    concurrency: timing.concurrency,
    log: log.child('push'),
    now,
    hooks: {
      overrideFor: (id) => book.overrideFor(id),
      recordConflict: (row, outcome) => book.record(row, outcome, now()),
      sent: (ids) => {
        if (book.hasOverrides) void book.forget(ids.filter((id) => book.overrideFor(id) !== undefined));
      },
    },
  });
  const pull = new PullEngine({
    source,
    ingest: options.store,
    log: log.child('pull'),
    pageSize: timing.pageSize ?? source.pageRows ?? DEFAULT_PAGE_ROWS,
    limits: options.limits,
    onProgress: parts.onProgress,
  });
  return { source, delivery, pull, abort: new AbortController() };
}
