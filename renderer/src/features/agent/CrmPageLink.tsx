import { useTranslation } from 'react-i18next';
import type { CrmPages } from '../../../../shared/agent/contract';
import { isRecordPageUrl } from '../../../../shared/sync/record-pages';

/**
 * "Open in Zendesk": the record's page in the CRM, in the agent's browser. A plain link to a new
 * window, so it leaves the app by the one road for that: in Electron the window-open handler hands
 * it to the OS browser if `isExternalUrlAllowed` (electron/security/permissions.ts) lets it; in the
 * web shell the agent's browser opens a tab. The address is main's (the agent view's `crmPages`),
 * checked again here before it becomes an href; a record without a page gets no link.
 */
export function CrmPageLink({ pages, recordId }: { pages: CrmPages | null; recordId: string }) {
  const { t } = useTranslation('agent');
  const url = pages && Object.hasOwn(pages.byId, recordId) ? pages.byId[recordId] : undefined;
  if (!pages || url === undefined || !isRecordPageUrl(url)) return null;
  return (
    <a className="crm-page-link" href={url} target="_blank" rel="noopener noreferrer">
      {t('crmLink', { crm: pages.crm })}
      <span className="crm-page-link-new" aria-hidden="true">
        {' ↗'}
      </span>
    </a>
  );
}
