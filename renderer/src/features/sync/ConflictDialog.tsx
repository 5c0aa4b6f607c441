import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../../shared/sync/contract';
import { useBridge } from '../../app/BridgeContext';
import { useUserText } from '../../i18n';
import { ModalDialog } from '../../ui/ModalDialog';
import { KIND_KEY } from './kinds';
import { runSyncCommand, useSync } from './sync-state';

/**
 * Someone else changed a record this agent also changed. Nothing is
 * overwritten until the agent picks a side for each conflict.
 */
export function ConflictDialog({ conflicts, onClose }: { conflicts: SyncConflict[]; onClose: () => void }) {
  const { t } = useTranslation('sync');
  const show = useUserText();
  const client = useBridge();
  const busy = useSync((s) => s.busy);
  const shown = (value: string) => (value === '' ? <em>{t('conflicts.empty')}</em> : value);
  const resolve = (id: number, choice: 'theirs' | 'mine') =>
    void runSyncCommand(async () => {
      const status = await client.invoke('sync.resolveConflict', { id, choice });
      useSync.setState({ status });
      if (status.conflicts.length === 0) onClose();
    });
  return (
    <ModalDialog title={t('conflicts.title')} onClose={onClose} className="sync-dialog">
      <p>{t('conflicts.intro')}</p>
      {conflicts.length === 0 && <p>{t('conflicts.none')}</p>}
      {conflicts.map((c) => {
        const name = t('conflicts.record', { kind: t(KIND_KEY[c.entityKind]), title: c.title });
        return (
          <section key={c.id} className="sync-conflict" aria-label={name}>
            <h3>{name}</h3>
            <p className="sync-muted">{show(c.message)}</p>
            {c.fields.length > 0 ? (
              <table>
                <caption className="sync-visually-hidden">{t('conflicts.caption', { name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('conflicts.field')}</th>
                    <th scope="col">{t('conflicts.yours')}</th>
                    <th scope="col">{t('conflicts.theirs')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.fields.map((f) => (
                    <tr key={f.field}>
                      <th scope="row">{f.field}</th>
                      <td>{shown(f.mine)}</td>
                      <td>{shown(f.theirs)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p>{t('conflicts.unknown')}</p>
            )}
            <div className="sync-actions">
              <button
                type="button"
                disabled={busy}
                onClick={() => resolve(c.id, 'mine')}
                aria-label={t('conflicts.keepMineLabel', { name })}
              >
                {t('conflicts.keepMine')}
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => resolve(c.id, 'theirs')}
                aria-label={t('conflicts.useTheirsLabel', { name })}
              >
                {t('conflicts.useTheirs')}
              </button>
            </div>
          </section>
        );
      })}
    </ModalDialog>
  );
}
