import { useState } from 'react';
import type { ParkedItem } from '../../../../shared/sync/contract';
import { useBridge } from '../../app/BridgeContext';
import { ModalDialog } from '../../ui/ModalDialog';
import { relativeTime, runSyncCommand, useSync } from './sync-state';

/**
 * Items the server refused for good (not a network problem): each with the
 * server's reason and code, so the agent or IT can fix the cause and send
 * them again. Discarding needs a second, explicit click.
 */
export function ParkedDialog({ items, total, onClose }: { items: ParkedItem[]; total: number; onClose: () => void }) {
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
    <ModalDialog title="Refused by the server" onClose={onClose} className="sync-dialog">
      <p>
        The server refused {total === 1 ? 'this item' : `these ${total} items`}. They stay on this computer; later changes to the same
        record wait behind them. Give the reason to IT, then send them again.
      </p>
      <div className="sync-actions">
        <button type="button" disabled={busy || items.length === 0} onClick={() => retry()}>
          Send all again
        </button>
      </div>
      <ul className="sync-parked">
        {items.map((item) => {
          const name = `${item.entityKind} ${item.entityId} (${item.operation})`;
          return (
            <li key={item.id} aria-label={name}>
              <div>
                <strong>{name}</strong>{' '}
                <span className="sync-muted">
                  made {relativeTime(item.createdAt, now)}, {item.attempts} attempts
                </span>
              </div>
              <div>{item.message}</div>
              <div className="sync-muted">
                Code: <code>{item.code}</code>
              </div>
              <div className="sync-actions">
                <button type="button" disabled={busy} onClick={() => retry([item.id])} aria-label={`Send ${name} again`}>
                  Send again
                </button>
                {confirming === item.id ? (
                  <button
                    type="button"
                    className="sync-danger"
                    disabled={busy}
                    onClick={() => discard(item.id)}
                    aria-label={`Confirm: discard ${name} for good`}
                  >
                    Confirm discard
                  </button>
                ) : (
                  <button type="button" disabled={busy} onClick={() => setConfirming(item.id)} aria-label={`Discard ${name}`}>
                    Discard…
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {total > items.length && (
        <p className="sync-muted">
          Showing the oldest {items.length} of {total}.
        </p>
      )}
    </ModalDialog>
  );
}
