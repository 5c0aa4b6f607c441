import { useState, type FormEvent } from 'react';
import type { CommandRequest } from '../../../../shared/bridge/commands';
import { CRM_CONNECTORS, CRM_CONNECTOR_NAMES, type CrmConnector } from '../../../../shared/sync/connectors';
import { useBridge } from '../../app/BridgeContext';
import { ModalDialog } from '../../ui/ModalDialog';
import { messageOf, useSync } from './sync-state';

type ConfigureRequest = CommandRequest<'sync.configure'>;

/** What the form asks for, by connector: the Switchboard Sync API takes a token, Zendesk and Salesforce an address and a sign-in. */
const WORDING: Record<CrmConnector, { address: string; placeholder: string; missing: string }> = {
  'switchboard-sync': {
    address: 'Sync server URL',
    placeholder: 'https://crm.example.com/sync',
    missing: 'Enter the sync server address IT gave you, e.g. https://crm.example.com/sync',
  },
  zendesk: {
    address: 'Zendesk address',
    placeholder: 'https://yourcompany.zendesk.com',
    missing: 'Enter your Zendesk address, e.g. https://yourcompany.zendesk.com',
  },
  salesforce: {
    address: 'Salesforce address (My Domain)',
    placeholder: 'https://yourcompany.my.salesforce.com',
    missing: 'Enter your Salesforce address, e.g. https://yourcompany.my.salesforce.com',
  },
};

/**
 * Where the agent (or IT at the agent's desk) chooses the CRM, points Switchboard at it and enters
 * what it signs in with. A token goes to main, which keeps it in the OS keychain; it is never shown
 * again. What IT policy sets is shown, not editable: when it sets the server, only the token can be
 * entered here.
 */
export function SyncSettingsDialog({ onClose }: { onClose: () => void }) {
  const client = useBridge();
  const status = useSync((s) => s.status);
  const locked = status?.locked ?? false;
  const current = status?.connector ?? 'switchboard-sync';
  const zendesk = status?.zendesk ?? null;
  const [connector, setConnector] = useState<CrmConnector>(current);
  const [serverUrl, setServerUrl] = useState('');
  const [email, setEmail] = useState(zendesk?.email ?? '');
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const wording = WORDING[connector];
  const apiToken = connector === 'zendesk' && zendesk?.auth === 'api-token';
  const asksToken = connector === 'switchboard-sync' || (apiToken && !zendesk?.tokenByPolicy);
  const asksEmail = apiToken && !zendesk?.emailLocked;

  const send = async (request: ConfigureRequest) => {
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

  /** Zendesk by OAuth, or Salesforce: main starts the sign-in and answers the URL, which opens in the system browser (a tab in the web shell). */
  const signIn = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { authorizationUrl } = await client.invoke('sync.signIn', {});
      window.open(authorizationUrl, '_blank', 'noopener');
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const signOut = async () => {
    setBusy(true);
    setProblem(null);
    try {
      useSync.setState({ status: await client.invoke('sync.signOut', {}), error: null });
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
    const user = email.trim();
    const switching = connector !== current;
    if (!locked && url === '') return setProblem(wording.missing);
    if (secret !== '' && secret.length < 8) return setProblem('The token is too short: paste the whole token');
    if (asksEmail && user === '') return setProblem('Enter the email address of the Zendesk user the API token belongs to');
    if (locked && !switching && secret === '' && !asksEmail) return setProblem('Enter the access token IT gave you');
    void send({
      ...(locked ? {} : { serverUrl: url }),
      ...(secret ? { token: secret } : {}),
      ...(switching ? { connector } : {}),
      ...(asksEmail ? { zendeskEmail: user } : {}),
    });
  };

  return (
    <ModalDialog title="Sync settings" onClose={onClose} className="sync-dialog">
      <form className="sync-settings" onSubmit={submit} noValidate>
        <p>
          Switchboard sends your call logs, wrap-ups and escalations to the CRM and keeps a copy of customers and cases on this computer.{' '}
          {status?.server ? `Now: ${CRM_CONNECTOR_NAMES[current]} at ${status.server}.` : 'Sync is off: your work stays on this computer.'}
        </p>
        {status?.apiUsage && (
          <p className="sync-note">
            {`${CRM_CONNECTOR_NAMES[current]} API calls in the last 24 hours: ${status.apiUsage.used.toLocaleString()} of ${status.apiUsage.limit.toLocaleString()}.`}
          </p>
        )}
        <label>
          CRM
          <select
            value={connector}
            onChange={(e) => setConnector(e.target.value as CrmConnector)}
            disabled={status?.connectorLocked ?? false}
            aria-describedby={status?.connectorLocked ? 'sync-connector-locked' : undefined}
          >
            {CRM_CONNECTORS.map((id) => (
              <option key={id} value={id}>
                {CRM_CONNECTOR_NAMES[id]}
              </option>
            ))}
          </select>
        </label>
        {status?.connectorLocked && (
          <p id="sync-connector-locked" className="sync-locked">
            Set by your IT department
          </p>
        )}
        <label>
          {wording.address}
          {locked ? (
            <input type="url" value={status?.server ?? ''} readOnly aria-describedby="sync-settings-locked" />
          ) : (
            <input
              type="url"
              value={serverUrl}
              onChange={(e) => setServerUrl(e.target.value)}
              placeholder={wording.placeholder}
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
        {asksEmail && (
          <label>
            Zendesk API user (email)
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" required />
          </label>
        )}
        {asksToken && (
          <label>
            {connector === 'zendesk' ? 'Zendesk API token' : 'Access token'}
            <input
              type="password"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              autoComplete="off"
              placeholder={status?.server && !(connector !== current) ? 'Leave empty to keep the saved token' : ''}
            />
          </label>
        )}
        {connector === 'zendesk' && zendesk?.auth === 'oauth' && current !== 'zendesk' && (
          <p className="sync-note">After connecting, sign in to Zendesk in your browser with Sign in to Zendesk.</p>
        )}
        {connector === 'zendesk' && current === 'zendesk' && zendesk?.auth === 'oauth' && status?.server && (
          <p className="sync-note">
            {zendesk.signedIn ? (
              <button type="button" disabled={busy} onClick={() => void signOut()}>
                Sign out of Zendesk
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => void signIn()}>
                Sign in to Zendesk
              </button>
            )}
          </p>
        )}
        {connector === 'salesforce' && current !== 'salesforce' && (
          <p className="sync-note">After connecting, sign in to Salesforce in your browser with Sign in to Salesforce.</p>
        )}
        {connector === 'salesforce' && current === 'salesforce' && status?.server && (
          <p className="sync-note">
            {status.salesforce.signedIn ? (
              <button type="button" disabled={busy} onClick={() => void signOut()}>
                Sign out of Salesforce
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => void signIn()}>
                Sign in to Salesforce
              </button>
            )}
          </p>
        )}
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
