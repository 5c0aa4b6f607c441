import type { PolicyValues } from '../../shared/policy/keys';
import type { OAuthProvider } from '../auth/oauth-provider';

/**
 * The single sign-on IT sets by policy (section "Sign-in (SSO)", docs/deploy.md): which OpenID
 * Provider and client, the scopes, whether the app may be used signed out, and whether the SIP
 * account comes from the Sync API after sign-in. Null when single sign-on is not set up.
 */
export interface SsoConfig {
  issuer: string;
  clientId: string;
  scopes: readonly string[];
  required: boolean;
  sipProvisioning: boolean;
}

export const SSO_PROVIDER_ID = 'sso';

type SsoValues = Pick<PolicyValues, 'ssoIssuer' | 'ssoClientId' | 'ssoScopes' | 'ssoRequired' | 'ssoSipProvisioning'>;

export function ssoConfigOf(values: SsoValues): SsoConfig | null {
  if (!values.ssoIssuer || !values.ssoClientId) return null;
  return {
    issuer: values.ssoIssuer,
    clientId: values.ssoClientId,
    scopes: values.ssoScopes ?? ['openid', 'profile', 'email', 'offline_access'],
    required: values.ssoRequired === true,
    sipProvisioning: values.ssoSipProvisioning === true,
  };
}

/**
 * The OpenID Provider as electron/auth takes it: discovered from the issuer, a public native client
 * with PKCE, and the ID token kept beside the access token (`keepResponseFields`), renewed with it.
 */
export function ssoProvider(config: SsoConfig): OAuthProvider {
  return {
    id: SSO_PROVIDER_ID,
    // The agent signs in to Switchboard (the provider's own page names the organisation): "Your Switchboard sign-in expired …".
    displayName: 'Switchboard',
    issuer: config.issuer,
    discovery: 'oidc',
    clientId: config.clientId,
    scopes: [...config.scopes],
    keepResponseFields: ['id_token'],
  };
}
