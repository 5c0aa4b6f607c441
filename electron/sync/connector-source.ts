import { DEFAULT_PHONE_REGION } from '../../shared/store/phone';
import { CRM_CONNECTOR_NAMES, type CrmConnector } from '../../shared/sync/connectors';
import type { SalesforceSettings, ZendeskSettings } from '../settings/settings-service';
import { userText } from '../../shared/text/user-text';
import type { CaseSource } from './case-source';
import { SalesforceSource, type SalesforceSession } from './connectors/salesforce/salesforce-source';
import { ZendeskSource } from './connectors/zendesk/zendesk-source';
import { SwitchboardSyncSource } from './switchboard-sync-source';
import { SyncTextError } from './sync-text-error';

/** An OAuth sign-in's access token and its silent renewal (electron/auth/token-keeper.ts). */
export interface OAuthAccess {
  accessToken(): Promise<string | null>;
  /**
   * Renews the access token a request was refused with (a renewal already made for it is not made
   * again). False when the sign-in cannot be renewed: the agent must sign in again.
   */
  refresh(rejectedAccessToken: string): Promise<boolean>;
}

/**
 * The connector needs the agent's browser sign-in first. The CRM's address is set all the same, so
 * the sync status still names it: Sync settings offers "Sign in to <CRM>" only for a server it knows.
 */
export class SignInNeededError extends SyncTextError {
  override readonly name = 'SignInNeededError';
}

export interface ConnectorSourceParts {
  connector: CrmConnector;
  zendesk: ZendeskSettings;
  /** The token in the keychain, only for the server it was given for. */
  token: () => Promise<string | null>;
  /** The agent's Zendesk sign-in, when it signs in by OAuth; null: not signed in. */
  zendeskOAuth: OAuthAccess | null;
  salesforce: SalesforceSettings;
  /** The agent's Salesforce sign-in (electron/sync/salesforce-sign-in.ts); null: not signed in. */
  salesforceSession: SalesforceSession | null;
  timeoutMs: number;
  userAgent?: string;
  ca?: readonly string[];
  maxPageBytes: number;
}

/**
 * The connector to the CRM at `url`. Throws with the sentence the agent or IT reads (in the sync
 * status) when the settings it needs are missing.
 */
export function createConnectorSource(url: string, parts: ConnectorSourceParts): CaseSource {
  const common = { baseUrl: url, timeoutMs: parts.timeoutMs, userAgent: parts.userAgent, ca: parts.ca, maxPageBytes: parts.maxPageBytes };
  if (parts.connector === 'switchboard-sync') return new SwitchboardSyncSource({ ...common, token: parts.token });
  if (parts.connector === 'salesforce') {
    const session = parts.salesforceSession;
    if (session === null) throw new SignInNeededError(userText('sync.signIn.needed', { name: CRM_CONNECTOR_NAMES.salesforce }));
    const salesforce = parts.salesforce;
    return new SalesforceSource({
      ...common,
      session,
      mapping: salesforce.fieldMapping,
      callIdField: salesforce.callIdField,
      defaultRegion: salesforce.defaultRegion ?? DEFAULT_PHONE_REGION,
    });
  }
  const zendesk = parts.zendesk;
  const name = CRM_CONNECTOR_NAMES.zendesk;
  let auth: ConstructorParameters<typeof ZendeskSource>[0]['auth'];
  if (zendesk.auth === 'api-token') {
    if (!zendesk.email) throw new SyncTextError(userText('sync.zendesk.needsEmail', { name }));
    const byPolicy = zendesk.apiTokenByPolicy;
    auth = { kind: 'api-token', email: zendesk.email, token: byPolicy === null ? parts.token : () => Promise.resolve(byPolicy) };
  } else {
    const access = parts.zendeskOAuth;
    if (access === null) throw new SignInNeededError(userText('sync.signIn.needed', { name }));
    auth = { kind: 'oauth', accessToken: () => access.accessToken(), refresh: (rejected) => access.refresh(rejected) };
  }
  return new ZendeskSource({
    ...common,
    auth,
    defaultRegion: DEFAULT_PHONE_REGION,
    wrapUp: { tagPrefix: zendesk.wrapUpTagPrefix, customFieldId: zendesk.wrapUpFieldId },
    talkPartnerEdition: zendesk.talkPartnerEdition,
  });
}
