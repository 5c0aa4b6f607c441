import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandRequest } from '../../../../shared/bridge/commands';
import { CRM_CONNECTORS, CRM_CONNECTOR_NAMES, type CrmConnector } from '../../../../shared/sync/connectors';
import { useBridge } from '../../app/BridgeContext';
import { formatNumber, useLocale } from '../../i18n';
import { ModalDialog } from '../../ui/ModalDialog';
import { messageOf, useSync } from './sync-state';

type ConfigureRequest = CommandRequest<'sync.configure'>;

/** What the form asks for, by connector: the Switchboard Sync API takes a token, Zendesk and Salesforce an address and a sign-in. */
const WORDING = {
  'switchboard-sync': {
    address: 'settings.address.switchboardSync',
    missing: 'settings.missing.switchboardSync',
    example: 'https://crm.example.com/sync',
  },
  zendesk: { address: 'settings.address.zendesk', missing: 'settings.missing.zendesk', example: 'https://yourcompany.zendesk.com' },
  salesforce: {
    address: 'settings.address.salesforce',
    missing: 'settings.missing.salesforce',
    example: 'https://yourcompany.my.salesforce.com',
  },
} as const satisfies Record<CrmConnector, { address: string; missing: string; example: string }>;

/**
 * Where the agent (or IT at the agent's desk) chooses the CRM, points Switchboard at it and enters
 * what it signs in with. A token goes to main, which keeps it in the OS keychain; it is never shown
 * again. What IT policy sets is shown, not editable: when it sets the server, only the token can be
 * entered here.
 */
export function SyncSettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('sync');
  const locale = useLocale();
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
    if (!locked && url === '') return setProblem(t(wording.missing, { example: wording.example }));
    if (secret !== '' && secret.length < 8) return setProblem(t('settings.tokenTooShort'));
    if (asksEmail && user === '') return setProblem(t('settings.emailMissing'));
    if (locked && !switching && secret === '' && !asksEmail) return setProblem(t('settings.tokenMissing'));
    void send({
      ...(locked ? {} : { serverUrl: url }),
      ...(secret ? { token: secret } : {}),
      ...(switching ? { connector } : {}),
      ...(asksEmail ? { zendeskEmail: user } : {}),
    });
  };

  return (
    <ModalDialog title={t('settings.title')} onClose={onClose} className="sync-dialog">
      <form className="sync-settings" onSubmit={submit} noValidate>
        <p>
          {t('settings.intro')}{' '}
          {status?.server ? t('settings.now', { crm: CRM_CONNECTOR_NAMES[current], server: status.server }) : t('settings.off')}
        </p>
        {status?.apiUsage && (
          <p className="sync-note">
            {t('settings.apiUsage', {
              crm: CRM_CONNECTOR_NAMES[current],
              used: formatNumber(status.apiUsage.used, locale),
              limit: formatNumber(status.apiUsage.limit, locale),
            })}
          </p>
        )}
        <label>
          {t('settings.crm')}
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
            {t('settings.lockedByIt')}
          </p>
        )}
        <label>
          {t(wording.address)}
          {locked ? (
            <input type="url" value={status?.server ?? ''} readOnly aria-describedby="sync-settings-locked" />
          ) : (
            <input
              type="url"
              value={serverUrl}
              onChange={(e) => setServerUrl(e.target.value)}
              placeholder={wording.example}
              autoComplete="off"
              required
            />
          )}
        </label>
        {locked && (
          <p id="sync-settings-locked" className="sync-locked">
            {t('settings.lockedByIt')}
          </p>
        )}
        {asksEmail && (
          <label>
            {t('settings.zendeskEmail')}
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" required />
          </label>
        )}
        {asksToken && (
          <label>
            {connector === 'zendesk' ? t('settings.zendeskToken') : t('settings.accessToken')}
            <input
              type="password"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              autoComplete="off"
              placeholder={status?.server && !(connector !== current) ? t('settings.keepToken') : ''}
            />
          </label>
        )}
        {connector === 'zendesk' && zendesk?.auth === 'oauth' && current !== 'zendesk' && (
          <p className="sync-note">{t('settings.zendeskAfterConnect')}</p>
        )}
        {connector === 'zendesk' && current === 'zendesk' && zendesk?.auth === 'oauth' && status?.server && (
          <p className="sync-note">
            {zendesk.signedIn ? (
              <button type="button" disabled={busy} onClick={() => void signOut()}>
                {t('settings.zendeskSignOut')}
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => void signIn()}>
                {t('settings.zendeskSignIn')}
              </button>
            )}
          </p>
        )}
        {connector === 'salesforce' && current !== 'salesforce' && <p className="sync-note">{t('settings.salesforceAfterConnect')}</p>}
        {connector === 'salesforce' && current === 'salesforce' && status?.server && (
          <p className="sync-note">
            {status.salesforce.signedIn ? (
              <button type="button" disabled={busy} onClick={() => void signOut()}>
                {t('settings.salesforceSignOut')}
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => void signIn()}>
                {t('settings.salesforceSignIn')}
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
            {t('settings.connect')}
          </button>
          {!locked && status?.server && (
            <button type="button" disabled={busy} onClick={() => void send({ serverUrl: null })}>
              {t('settings.turnOff')}
            </button>
          )}
        </div>
      </form>
    </ModalDialog>
  );
}
