import { isOAuthError } from '../auth/oauth-error';
import type { OAuthProvider } from '../auth/oauth-provider';
import type { TokenKeeper } from '../auth/token-keeper';
import { userText, type UserText } from '../../shared/text/user-text';
import { SourceError } from './case-source';
import { CrmSignIn, type CrmSignInOptions, type SignInBinding } from './connector-sign-in';
import type { SalesforceSession } from './connectors/salesforce/salesforce-source';
import { originOf } from './server-settings';

/**
 * The agent's Salesforce sign-in for sync: the OAuth 2.0 web server flow with PKCE in the system
 * browser and a loopback redirect (Salesforce Help › OAuth 2.0 Web Server Flow for Web App
 * Integration; electron/auth/), against the Connected App IT names (`salesforceOAuthClientId`),
 * at `salesforceLoginUrl` or else the org's own address (crmSyncUrl, its My Domain).
 *
 * The token response names the org's API address, `instance_url`; it is kept with the tokens in
 * the secret store and renewed with them. Salesforce's access tokens carry no lifetime
 * (`expires_in` is not sent): one is used until Salesforce refuses it (401 INVALID_SESSION_ID),
 * then renewed with the refresh token once (salesforce-client.ts). A refused renewal signs the
 * agent out with one sentence; the outbox keeps the work for the next sign-in.
 *
 * Tokens are bound to the sign-in server, the Connected App and the org: a change to any of the
 * three deletes them before anything could send them.
 */

const PROVIDER_ID = 'salesforce';
const NAME = 'Salesforce';

/** OAuth endpoints of a Salesforce sign-in server (Salesforce Help › OAuth Endpoints). */
export function salesforceProvider(binding: SignInBinding): OAuthProvider {
  return {
    id: PROVIDER_ID,
    displayName: NAME,
    authorizationEndpoint: `${binding.origin}/services/oauth2/authorize`,
    tokenEndpoint: `${binding.origin}/services/oauth2/token`,
    revocationEndpoint: `${binding.origin}/services/oauth2/revoke`,
    clientId: binding.clientId,
    clientSecret: null,
    // api: the REST API; refresh_token: a refresh token, so the sign-in outlives the session.
    scopes: ['api', 'refresh_token'],
    keepResponseFields: ['instance_url'],
    // Salesforce matches the Connected App's callback URL exactly, port included.
    ...(binding.redirectPort !== undefined ? { redirectPort: binding.redirectPort } : {}),
  };
}

export class SalesforceSignIn extends CrmSignIn<SalesforceSession> {
  constructor(options: CrmSignInOptions) {
    super(options, { providerId: PROVIDER_ID, name: NAME, provider: salesforceProvider });
  }

  /** Salesforce is what the settings ask for: where to sign in and with which Connected App, or why not. */
  protected wanted(): SignInBinding | { refusal: UserText } {
    const { settings } = this.options;
    if (settings.crmConnector().id !== 'salesforce') return { refusal: userText('sync.signIn.salesforceOnly') };
    const org = originOf(settings.syncServer().url);
    if (!org) return { refusal: userText('sync.signIn.salesforceAddress') };
    const salesforce = settings.salesforce();
    if (!salesforce.oauthClientId) return { refusal: userText('sync.signIn.salesforceClientId') };
    const login = salesforce.loginUrl ? originOf(salesforce.loginUrl) : org;
    if (!login) return { refusal: userText('sync.signIn.salesforceLoginUrl') };
    return { origin: login, clientId: salesforce.oauthClientId, for: org, redirectPort: salesforce.redirectPort };
  }

  protected lend(keeper: TokenKeeper): SalesforceSession {
    return sessionOf(keeper);
  }
}

/** What the connector asks of a sign-in: the instance URL and a token; renewal after a refusal. */
export function sessionOf(keeper: TokenKeeper): SalesforceSession {
  return {
    async current() {
      let token: string | null;
      try {
        token = await keeper.accessToken();
      } catch (error) {
        // Renewal could not reach Salesforce (offline): a network failure like any other; the tokens are kept.
        if (isOAuthError(error)) throw new SourceError('network', 'oauth-unreachable', error.text);
        throw error;
      }
      const instanceUrl = (await keeper.responseFields()).instance_url;
      if (token === null) return null;
      if (!instanceUrl) {
        throw new SourceError('unauthorized', 'salesforce-no-instance', userText('sync.salesforce.noInstance'));
      }
      return { instanceUrl, accessToken: token };
    },
    refresh: (rejectedToken) => keeper.refresh(rejectedToken),
  };
}
