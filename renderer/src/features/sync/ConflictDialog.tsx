import type { SyncConflict } from '../../../../shared/sync/contract';
import { useBridge } from '../../app/BridgeContext';
import { ModalDialog } from '../../ui/ModalDialog';
import { runSyncCommand, useSync } from './sync-state';

const KIND_TEXT: Record<SyncConflict['entityKind'], string> = {
  case: 'Case',
  customer: 'Customer',
  interaction: 'Contact log',
  'wrap-up': 'Wrap-up',
  callback: 'Callback',
  escalation: 'Escalation',
  // An SLA alert is sent to a chat webhook, never to the CRM, so it never conflicts; the type has it.
  alert: 'SLA alert',
};

const shown = (value: string) => (value === '' ? <em>(empty)</em> : value);

/**
 * Someone else changed a record this agent also changed. Nothing is
 * overwritten until the agent picks a side for each conflict.
 */
export function ConflictDialog({ conflicts, onClose }: { conflicts: SyncConflict[]; onClose: () => void }) {
  const client = useBridge();
  const busy = useSync((s) => s.busy);
  const resolve = (id: number, choice: 'theirs' | 'mine') =>
    void runSyncCommand(async () => {
      const status = await client.invoke('sync.resolveConflict', { id, choice });
      useSync.setState({ status });
      if (status.conflicts.length === 0) onClose();
    });
  return (
    <ModalDialog title="Changed on the server too" onClose={onClose} className="sync-dialog">
      <p>
        These records were changed by someone else while your change was waiting to be sent. Choose which version to keep; nothing is
        overwritten until you do.
      </p>
      {conflicts.length === 0 && <p>No conflicts left.</p>}
      {conflicts.map((c) => {
        const name = `${KIND_TEXT[c.entityKind]} "${c.title}"`;
        return (
          <section key={c.id} className="sync-conflict" aria-label={name}>
            <h3>{name}</h3>
            <p className="sync-muted">{c.message}</p>
            {c.fields.length > 0 ? (
              <table>
                <caption className="sync-visually-hidden">Your change and the server version of {name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Yours</th>
                    <th scope="col">On the server now</th>
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
              <p>The server's copy is not known yet; choose "Keep mine" only if you are sure.</p>
            )}
            <div className="sync-actions">
              <button type="button" disabled={busy} onClick={() => resolve(c.id, 'mine')} aria-label={`Keep my version of ${name}`}>
                Keep mine
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => resolve(c.id, 'theirs')}
                aria-label={`Use the server version of ${name}`}
              >
                Use theirs
              </button>
            </div>
          </section>
        );
      })}
    </ModalDialog>
  );
}
