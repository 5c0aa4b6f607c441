import { webhooksFor, type AlertContentLevel, type AlertWebhooks } from '../../shared/alerts/policy';
import type { CrmPages } from '../../shared/agent/contract';
import type { EscalationMatrix } from '../../shared/config/workflow';
import { findGroup } from '../../shared/escalation/escalation';
import type { EscalationRecord } from '../../shared/escalation/records';
import type { RecordRef } from '../../shared/sync/record-pages';
import type { Logger } from '../logging/logger';
import type { StoreOps } from '../store/op-table';
import { alertEventOf, alertFactsOf, type AlertPayload, type AlertTrigger } from './alert-facts';

/**
 * Turns an escalation signal into outbox rows, one per webhook the policy routes the event to.
 * Each row's idempotency key is the escalation, the event (the chain step names its role) and the
 * webhook, and the store skips a key it already holds: the same alert is queued once, however
 * often it is raised (the monitor reports an escalation that breached while the app was closed
 * again at every start). Raised in main only, from the escalation service (electron/escalation).
 */

export type AlertStorePort = Pick<StoreOps, 'getCase' | 'getCustomer'> & { outbox: Pick<StoreOps['outbox'], 'enqueueAlerts'> };

export interface AlertRaiserOptions {
  store: AlertStorePort;
  webhooks: () => AlertWebhooks | null;
  content: () => AlertContentLevel;
  matrix: () => EscalationMatrix;
  /** "Open in <CRM>": the CRM's page of the case, from sync's connector (null: none). */
  recordPages: (records: readonly RecordRef[]) => CrmPages | null;
  log: Logger;
  /** Rows were queued: send them. */
  queued: () => void;
}

export function alertIdempotencyKey(escalationId: string, event: string, webhook: string): string {
  return `sla-alert:${escalationId}:${event}:${webhook}`;
}

export class AlertRaiser {
  constructor(private readonly options: AlertRaiserOptions) {}

  /** Queues the alert for every webhook routed to; resolves with how many rows were new. */
  async raise(record: EscalationRecord, trigger: AlertTrigger, at: number): Promise<number> {
    const event = alertEventOf(trigger);
    const targets = webhooksFor(this.options.webhooks(), record.priority, event);
    if (targets.length === 0) return 0;
    const content = this.options.content();
    const { caseTitle, customerName } = content === 'full' ? await this.caseText(record) : { caseTitle: null, customerName: null };
    const pages = record.caseId === null ? null : this.options.recordPages([{ kind: 'case', id: record.caseId }]);
    const url = record.caseId === null ? undefined : pages?.byId[record.caseId];
    const facts = alertFactsOf({
      record,
      event,
      raisedAt: at,
      content,
      group: findGroup(this.options.matrix(), record.tier, record.group)?.name ?? record.group,
      caseTitle,
      customerName,
      caseLink: pages !== null && url !== undefined ? { crm: pages.crm, url } : null,
    });
    const entries = targets.map((target) => {
      const payload: AlertPayload = { webhook: target.id, kind: target.kind, facts };
      return {
        idempotencyKey: alertIdempotencyKey(record.id, event, target.id),
        entityId: record.id,
        // Per escalation and webhook: one channel reads an escalation's alerts in order, and a parked one holds back no other.
        orderingKey: `sla-alert:${record.id}:${target.id}`,
        operation: `${target.kind}:${event}`,
        payload,
      };
    });
    // Due at the monitor's clock, which the deliverer's `due` is asked with.
    const { queued } = await this.options.store.outbox.enqueueAlerts(entries, { now: at });
    this.options.log.info('SLA alert raised', { escalation: record.id, event, webhooks: targets.length, queued });
    if (queued > 0) this.options.queued();
    return queued;
  }

  /** The case's title and the customer's name from the local store; nothing when it does not have them. */
  private async caseText(record: EscalationRecord): Promise<{ caseTitle: string | null; customerName: string | null }> {
    const { store } = this.options;
    try {
      if (record.caseId !== null) {
        const detail = await store.getCase(record.caseId);
        if (detail !== null) return { caseTitle: detail.case.subject, customerName: detail.customer?.name ?? null };
      }
      if (record.customerId !== null) {
        const detail = await store.getCustomer(record.customerId);
        if (detail !== null) return { caseTitle: null, customerName: detail.customer.name };
      }
    } catch (error) {
      this.options.log.warn('SLA alert without case text', {
        escalation: record.id,
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
    return { caseTitle: null, customerName: null };
  }
}
