import { useState, type FormEvent } from 'react';
import { useBridge } from '../../app/BridgeContext';
import { ModalDialog } from '../../ui/ModalDialog';
import { messageOf, useSync } from './sync-state';

/**
 * Where the agent (or IT at the agent's desk) points Switchboard at the CRM's sync server and
 * enters the access token. The token goes to main, which keeps it in the OS keychain; it is
 * never shown again. When IT policy sets the server, only the token can be entered here.
 */
export function SyncSettingsDialog({ onClose }: { onClose: () => void }) {
  const client = useBridge();
  const status = useSync((s) => s.status);
  const locked = status?.locked ?? false;
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (request: { serverUrl?: string | null; token?: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      const next = await client.invoke('sync.configure', request);
      useSync.setState({ status: next, error: null });
      onClose();
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const url = serverUrl.trim();
    const secret = token.trim();
    if (!locked && url === '') return setProblem('Enter the sync server address IT gave you, e.g. https://crm.example.com/sync');
    if (secret !== '' && secret.length < 8) return setProblem('The access token is too short: paste the whole token');
    if (locked && secret === '') return setProblem('Enter the access token IT gave you');
    void send({ ...(locked ? {} : { serverUrl: url }), ...(secret ? { token: secret } : {}) });
  };

  return (
    <ModalDialog title="Sync settings" onClose={onClose} className="sync-dialog">
      <form className="sync-settings" onSubmit={submit} noValidate>
        <p>
          Switchboard sends your call logs, wrap-ups and escalations to the CRM through this server and keeps a copy of customers and cases
          on this computer. {status?.server ? `Now: ${status.server}.` : 'Sync is off: your work stays on this computer.'}
        </p>
        <label>
          Sync server URL
          {locked ? (
            <input type="url" value={status?.server ?? ''} readOnly aria-describedby="sync-settings-locked" />
          ) : (
            <input
              type="url"
              value={serverUrl}
              onChange={(e) => setServerUrl(e.target.value)}
              placeholder="https://crm.example.com/sync"
              autoComplete="off"
              required
            />
          )}
        </label>
        {locked && (
          <p id="sync-settings-locked" className="sync-locked">
            Set by your IT department
          </p>
        )}
        <label>
          Access token
          <input
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="off"
            placeholder={status?.server ? 'Leave empty to keep the saved token' : ''}
          />
        </label>
        {problem && (
          <p role="alert" className="sync-problem">
            {problem}
          </p>
        )}
        <div className="sync-settings-actions">
          <button type="submit" disabled={busy}>
            Connect
          </button>
          {!locked && status?.server && (
            <button type="button" disabled={busy} onClick={() => void send({ serverUrl: null })}>
              Turn sync off
            </button>
          )}
        </div>
      </form>
    </ModalDialog>
  );
}
