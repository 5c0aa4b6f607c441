import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParkedItem } from '../../../../shared/sync/contract';
import { useBridge } from '../../app/BridgeContext';
import { formatNumber, useLocale, useUserText } from '../../i18n';
import { ModalDialog } from '../../ui/ModalDialog';
import { KIND_KEY } from './kinds';
import { relativeTime, runSyncCommand, useSync } from './sync-state';

/**
 * Items the server refused for good (not a network problem): each with the
 * server's reason and code, so the agent or IT can fix the cause and send
 * them again. Discarding needs a second, explicit click.
 */
export function ParkedDialog({ items, total, onClose }: { items: ParkedItem[]; total: number; onClose: () => void }) {
  const { t } = useTranslation('sync');
  const locale = useLocale();
  const show = useUserText();
  const client = useBridge();
  const busy = useSync((s) => s.busy);
  const [confirming, setConfirming] = useState<number | null>(null);
  const now = Date.now();
  const retry = (ids?: number[]) => void runSyncCommand(() => client.invoke('sync.retryParked', ids ? { ids } : {}));
  const discard = (id: number) =>
    void runSyncCommand(async () => {
      await client.invoke('sync.discardParked', { ids: [id], confirm: true });
      setConfirming(null);
    });
  return (
    <ModalDialog title={t('parked.title')} onClose={onClose} className="sync-dialog">
      <p>{t('parked.intro', { count: total })}</p>
      <div className="sync-actions">
        <button type="button" disabled={busy || items.length === 0} onClick={() => retry()}>
          {t('parked.sendAll')}
        </button>
      </div>
      <ul className="sync-parked">
        {items.map((item) => {
          // The operation is the outbox's own code word ("update", "create"): IT reads it as it is.
          const name = t('parked.item', { kind: t(KIND_KEY[item.entityKind]), id: item.entityId, operation: item.operation });
          return (
            <li key={item.id} aria-label={name}>
              <div>
                <strong>{name}</strong>{' '}
                <span className="sync-muted">
                  {t('parked.made', { when: relativeTime(item.createdAt, now, locale), count: item.attempts })}
                </span>
              </div>
              <div>{show(item.message)}</div>
              <div className="sync-muted">
                {t('parked.code')} <code>{item.code}</code>
              </div>
              <div className="sync-actions">
                <button type="button" disabled={busy} onClick={() => retry([item.id])} aria-label={t('parked.sendAgainLabel', { name })}>
                  {t('parked.sendAgain')}
                </button>
                {confirming === item.id ? (
                  <button
                    type="button"
                    className="sync-danger"
                    disabled={busy}
                    onClick={() => discard(item.id)}
                    aria-label={t('parked.confirmDiscardLabel', { name })}
                  >
                    {t('parked.confirmDiscard')}
                  </button>
                ) : (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => setConfirming(item.id)}
                    aria-label={t('parked.discardLabel', { name })}
                  >
                    {t('parked.discard')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {total > items.length && (
        <p className="sync-muted">
          {t('parked.showing', { shown: formatNumber(items.length, locale), total: formatNumber(total, locale) })}
        </p>
      )}
    </ModalDialog>
  );
}
