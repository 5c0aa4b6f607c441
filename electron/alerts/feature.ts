import type { AlertContentLevel, AlertWebhooks } from '../../shared/alerts/policy';
import type { CrmPages } from '../../shared/agent/contract';
import type { EscalationMatrix } from '../../shared/config/workflow';
import type { EscalationRecord } from '../../shared/escalation/records';
import type { RecordRef } from '../../shared/sync/record-pages';
import type { Feature } from '../core/feature';
import type { Scheduler } from '../core/scheduler';
import type { Logger } from '../logging/logger';
import { createHttpTransport, type HttpTransport } from '../sync/http-client';
import type { AlertTrigger } from './alert-facts';
import { AlertDelivery, type AlertOutboxPort } from './alert-delivery';
import { AlertRaiser, type AlertStorePort } from './alert-raiser';
import { createWebhookSender } from './webhook-senders';

/** What other features use: the escalation service raises alerts here. */
export interface AlertsService {
  raise(record: EscalationRecord, trigger: AlertTrigger, at: number): Promise<number>;
  readonly delivery: AlertDelivery;
}

/** Slack and Teams answer a webhook post within seconds; a minute covers a slow proxy or link. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * SLA alerts to Slack and Teams webhooks (electron/alerts/README.md): the raiser the escalation
 * service calls, and the delivery of the outbox's alert rows. No bridge commands: the renderer
 * sees alerts only as outbox rows (waiting, parked) in the sync status, and never a webhook address.
 */
export function createAlertsFeature(options: {
  store: AlertStorePort & { outbox: AlertOutboxPort & AlertStorePort['outbox'] };
  /** The effective policy values, read on every use. */
  policy: () => { slaAlertWebhooks: AlertWebhooks | null; slaAlertContent: AlertContentLevel | null };
  matrix: () => EscalationMatrix;
  recordPages: (records: readonly RecordRef[]) => CrmPages | null;
  scheduler: Scheduler;
  log: Logger;
  version: string;
  /** The trust store's CAs (as sync's transport); undefined: Node's own. */
  ca?: readonly string[];
  /** Tests pass their own transport. */
  transport?: HttpTransport;
  backoff?: ConstructorParameters<typeof AlertDelivery>[0]['backoff'];
  /** Sent or parked rows: refresh what the status strip shows (sync's outbox counts and parked list). */
  onSettled?: () => void;
}): Feature & { service: AlertsService } {
  const transport = options.transport ?? createHttpTransport({ maxSockets: 2, ...(options.ca ? { ca: options.ca } : {}) });
  const webhooks = (): AlertWebhooks | null => options.policy().slaAlertWebhooks;
  const delivery = new AlertDelivery({
    outbox: options.store.outbox,
    webhooks,
    sender: createWebhookSender({
      transport,
      timeoutMs: REQUEST_TIMEOUT_MS,
      userAgent: `Switchboard/${options.version}`,
      now: () => options.scheduler.now(),
    }),
    scheduler: options.scheduler,
    log: options.log,
    backoff: options.backoff,
    onSettled: options.onSettled,
  });
  const raiser = new AlertRaiser({
    store: options.store,
    webhooks,
    content: () => options.policy().slaAlertContent ?? 'full',
    matrix: options.matrix,
    recordPages: options.recordPages,
    log: options.log,
    queued: () => delivery.wake(),
  });
  // Rows left by an earlier run (offline, or closed before they went out) are sent now.
  delivery.start();
  return {
    name: 'alerts',
    handlers: {},
    service: { raise: (record, trigger, at) => raiser.raise(record, trigger, at), delivery },
    async close() {
      await delivery.close();
      if (options.transport === undefined) transport.close();
    },
  };
}
