import type { CrmPages } from '../../shared/agent/contract';
import { CRM_CONNECTOR_NAMES, type CrmConnector } from '../../shared/sync/connectors';
import { isRecordPageUrl, type RecordRef } from '../../shared/sync/record-pages';
import { salesforceRecordUrl } from './connectors/salesforce/salesforce-links';
import { CASE_ID_PREFIX as SALESFORCE_CASE_PREFIX, CONTACT_ID_PREFIX } from './connectors/salesforce/salesforce-mapping';
import { zendeskAgentUrl } from './connectors/zendesk/zendesk-links';

/**
 * "Open in <CRM>" (shared/sync/record-pages.ts): each connector says where its CRM shows a
 * record, from the CRM's address in the settings and Switchboard's id of the record. A connector
 * without web pages says null; a record the CRM has not numbered yet (made on this desktop, not
 * synced) has no page. Every address is checked against the rule both ends of the bridge apply,
 * so a connector bug drops one link instead of the whole agent view.
 */

type PageOf = (baseUrl: string, record: RecordRef) => string | null;

const PAGE_OF: Record<CrmConnector, PageOf | null> = {
  // The Switchboard Sync API is an API only (docs/sync-api.md): its records have no page to open.
  'switchboard-sync': null,
  zendesk: (baseUrl, record) => zendeskAgentUrl(baseUrl, { kind: record.kind === 'case' ? 'ticket' : 'user', id: record.id }),
  // The org's address (its My Domain) is the sync address; customers are Contacts.
  salesforce: (baseUrl, record) =>
    record.id.startsWith(record.kind === 'case' ? SALESFORCE_CASE_PREFIX : CONTACT_ID_PREFIX)
      ? salesforceRecordUrl(baseUrl, record.id)
      : null,
};

/** The pages of `records` at the CRM `baseUrl` through `connector`; null when that connector has none. */
export function recordPagesOf(connector: CrmConnector, baseUrl: string | null, records: readonly RecordRef[]): CrmPages | null {
  const pageOf = PAGE_OF[connector];
  if (pageOf === null || baseUrl === null) return null;
  const byId = new Map<string, string>();
  for (const record of records) {
    if (byId.has(record.id)) continue;
    const url = pageOf(baseUrl, record);
    if (url !== null && isRecordPageUrl(url)) byId.set(record.id, url);
  }
  return { crm: CRM_CONNECTOR_NAMES[connector], byId: Object.fromEntries(byId) };
}
