/** Policy keys for single sign-on. */
import * as z from 'zod';
import { rule } from '../rule-text';
import { httpsUrl, define } from '../key-definition';

export const SIGN_IN_KEYS = {
  ssoIssuer: define({
    section: 'Sign-in (SSO)',
    title: 'Sign-in issuer',
    description:
      "The OpenID Connect issuer agents sign in with (Entra ID, Okta, Keycloak, ...), exactly as its discovery document names it; its endpoints are discovered from <issuer>/.well-known/openid-configuration. Agents sign in in the system browser (authorization code with PKCE, loopback redirect to http://127.0.0.1:<any port>/oauth/callback). Set with ssoClientId. The Switchboard Sync API then takes the agent's access token instead of a site token. Not set: no single sign-on.",
    kind: 'string',
    schema: httpsUrl('https://login.example.com/realms/agents'),
    builtin: null,
    example: 'https://login.example.com/realms/agents',
  }),
  ssoClientId: define({
    section: 'Sign-in (SSO)',
    title: 'Sign-in client',
    description:
      "The client (application) id registered for Switchboard at the identity provider: a public native client (no secret is kept on agents' machines) with PKCE and the redirect URI http://127.0.0.1/oauth/callback (any port).",
    kind: 'string',
    schema: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.:/-]{1,200}$/, rule('policy.rule.ssoClientId')),
    builtin: null,
    example: '0f3b2c9e-1d2a-4c1b-9a7e-5e8f1a2b3c4d',
  }),
  ssoScopes: define({
    section: 'Sign-in (SSO)',
    title: 'Sign-in scopes',
    description:
      "The scopes Switchboard asks for: openid, profile and email give the agent's name and email (from the ID token); offline_access a refresh token, so the sign-in is renewed silently. Add the Sync API's scope where the provider needs one to issue an access token for it (Entra ID: api://<app id>/sync).",
    kind: 'stringList',
    schema: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/, rule('policy.rule.scopeWord')),
      )
      .min(1, rule('policy.rule.scopesNotEmpty'))
      .max(20, rule('policy.rule.tooManyScopes', { maximum: 20 }))
      .refine((scopes) => scopes.includes('openid'), rule('policy.rule.scopesOpenId')),
    builtin: ['openid', 'profile', 'email', 'offline_access'],
    example: '["openid", "profile", "email", "offline_access"]',
  }),
  ssoRequired: define({
    section: 'Sign-in (SSO)',
    title: 'Sign-in required',
    description:
      'true: nothing but the sign-in screen shows until the agent has signed in (needs ssoIssuer and ssoClientId). false: agents may work signed out; work is sent after they sign in.',
    kind: 'boolean',
    schema: z.boolean({ error: rule('policy.rule.trueOrFalse') }),
    builtin: false,
    example: 'true',
  }),
  ssoSipProvisioning: define({
    section: 'Sign-in (SSO)',
    title: 'SIP account from sign-in',
    description:
      "true: after sign-in, the agent's SIP account (server, domain, user and password or token) comes from the Sync API (GET /v1/me/sip-account), so agents never type a SIP password; it is deleted at sign-out. false: the SIP account is entered or set by policy as before.",
    kind: 'boolean',
    schema: z.boolean({ error: rule('policy.rule.trueOrFalse') }),
    builtin: false,
    example: 'true',
  }),
} as const;
