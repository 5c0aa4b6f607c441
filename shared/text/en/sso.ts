/**
 * English messages main composes for the "sso" area: the source the window's other languages follow
 * (`shared/text/de/sso.ts`). Main sends a key and its values (`userText` in
 * `shared/text/user-text.ts`), never the sentence.
 */
export default {
  /** The agent's single sign-on (electron/sso). */
  notSignedIn: 'You are not signed in. Your work is kept on this computer and will be sent after you sign in.',
  notSetUp: 'Single sign-on is not set up: IT sets ssoIssuer and ssoClientId by policy.',
  cannotRenew: 'Switchboard could not renew your sign-in',
  /**
   * A browser sign-in (OAuth) to a provider (electron/auth/oauth-error.ts), for single sign-on and the
   * CRM connectors. Each is a clause without its full stop: `sentence` ends it, and sync's status
   * puts a clause inside a sentence of its own ("Offline: …. Work is saved on this computer.").
   */
  oauth: {
    sentence: '{{clause}}.',
    cancelled: 'Sign-in to {{provider}} was cancelled in the browser',
    refused: '{{provider}} refused the sign-in: {{reason}}',
    timeout: 'Sign-in to {{provider}} was not finished within {{duration}}; start it again',
    aborted: 'Sign-in to {{provider}} was stopped',
    unreachable: 'Switchboard could not reach {{provider}} for the sign-in; check the network and try again',
    configuration: 'The {{provider}} sign-in is not set up correctly: {{what}}',
    browser: 'Switchboard could not open the browser for the sign-in to {{provider}}',
    expired: 'Your {{provider}} sign-in expired; sign in again. Your work is kept and will be sent after you sign in',
    failed: '{{provider}} answered the sign-in with something Switchboard cannot use; try again, and tell IT if it keeps happening',
    signedOut: 'You are signed out of {{provider}}',
    unreadable: 'Switchboard could not read your {{provider}} sign-in; sign in again. Your work is kept and will be sent after you sign in',
    minutes_one: '{{count}} minute',
    minutes_other: '{{count}} minutes',
    seconds_one: '{{count}} second',
    seconds_other: '{{count}} seconds',
  },
  /** Plain words for the OAuth error codes an agent can meet (RFC 6749 §4.1.2.1 and §5.2). */
  oauthReason: {
    invalidScope: 'the permissions Switchboard asks for are not allowed for this app',
    unauthorizedClient: 'this app is not allowed to sign in this way',
    invalidClient: "the app's client ID or secret is not accepted",
    invalidGrant: 'the sign-in code was not accepted (it may have expired or been used already)',
    unsupported: 'it does not support this kind of sign-in',
    invalidRequest: 'it did not accept the sign-in request',
    serverError: 'it had an internal problem; try again later',
    temporarilyUnavailable: 'it is busy or down for maintenance; try again later',
    none: 'it gave no reason',
  },
  /** Why a provider description cannot be used: the `what` of `oauth.configuration`. */
  oauthSetup: {
    badId: 'its id must be lower-case words and dashes',
    noClientId: 'it has no client ID',
    badScopes: 'its scopes must be single words',
    badPort: 'its redirect port must be a number from 1 to 65535',
    noEndpoints: 'it needs an authorization and a token endpoint, or an issuer to discover them from',
    discoveryIncomplete: 'its discovery document names no authorization or token endpoint',
    mixedEndpoints: 'its endpoints must all be https, or all on this computer (a test server)',
    endpointsMissing: 'it has no endpoints',
    sentToNotHttps: 'it sent Switchboard to an address that is not https',
    sentOffComputer: 'it sent Switchboard to an address off this computer',
    portInUse: 'port {{port}} on this computer, which its sign-in needs, is used by another program',
    cannotWait: 'Switchboard could not wait for the browser on this computer ({{code}})',
    notUrl: 'its {{endpoint}} is not a valid URL',
    credentials: 'its {{endpoint}} must not carry a user name or password',
    fragment: 'its {{endpoint}} must not have a #fragment',
    plainHttp: 'its {{endpoint}} must use https (plain http is allowed only for a test server on this computer)',
    notHttps: 'its {{endpoint}} must be an https address',
  },
  /** A provider's endpoint, as `oauthSetup` names it. */
  endpoint: {
    authorizationEndpoint: 'authorization endpoint',
    tokenEndpoint: 'token endpoint',
    revocationEndpoint: 'revocation endpoint',
    issuer: 'issuer',
    discoveredAuthorizationEndpoint: 'discovered authorization endpoint',
    discoveredTokenEndpoint: 'discovered token endpoint',
    discoveredRevocationEndpoint: 'discovered revocation endpoint',
  },
} as const;
