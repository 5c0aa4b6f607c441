import { userText, type UserText } from '../../shared/text/user-text';
import type { OAuthProvider } from '../auth/oauth-provider';
import type { TokenKeeper } from '../auth/token-keeper';
import { CrmSignIn, type CrmSignInOptions, type SignInBinding } from './connector-sign-in';
import type { OAuthAccess } from './connector-source';
import { originOf } from './server-settings';

/**
 * The agent's Zendesk OAuth sign-in for sync (electron/auth/README.md "Wiring"; the shared part is
 * electron/sync/connector-sign-in.ts): the Zendesk at the sync server's origin with IT's client ID.
 * The tokens are bound to that server and client (`oauth.zendesk.server`); when either changes,
 * they are deleted before anything could send them.
 */

const PROVIDER_ID = 'zendesk';
const NAME = 'Zendesk';
/** Zendesk access tokens only expire when asked to: 2 hours, renewable for 30 days (Zendesk's default). */
const TOKEN_LIFETIMES = { expires_in: '7200', refresh_token_expires_in: '2592000' };

/** OAuth endpoints of a Zendesk account. */
export function zendeskProvider(binding: SignInBinding): OAuthProvider {
  return {
    id: PROVIDER_ID,
    displayName: NAME,
    authorizationEndpoint: `${binding.origin}/oauth/authorizations/new`,
    tokenEndpoint: `${binding.origin}/oauth/tokens`,
    clientId: binding.clientId,
    clientSecret: null,
    scopes: ['read', 'write'],
    extraTokenParams: TOKEN_LIFETIMES,
  };
}

export class ZendeskSignIn extends CrmSignIn<OAuthAccess> {
  constructor(options: CrmSignInOptions) {
    super(options, { providerId: PROVIDER_ID, name: NAME, provider: zendeskProvider });
  }

  /** Zendesk by OAuth is what the settings ask for: the server and client it signs in to, or why not. */
  protected wanted(): SignInBinding | { refusal: UserText } {
    const { settings } = this.options;
    if (settings.crmConnector().id !== 'zendesk') return { refusal: userText('sync.signIn.zendeskOnly') };
    const zendesk = settings.zendesk();
    if (zendesk.auth !== 'oauth') return { refusal: userText('sync.signIn.zendeskApiToken') };
    const origin = originOf(settings.syncServer().url);
    if (!origin) return { refusal: userText('sync.signIn.zendeskAddress') };
    if (!zendesk.oauthClientId) return { refusal: userText('sync.signIn.zendeskClientId') };
    return { origin, clientId: zendesk.oauthClientId };
  }

  /** The access token, and its renewal told the token Zendesk refused (so one renewal serves every request refused with it). */
  protected lend(keeper: TokenKeeper): OAuthAccess {
    return { accessToken: () => keeper.accessToken(), refresh: (rejectedAccessToken) => keeper.refresh(rejectedAccessToken) };
  }
}
