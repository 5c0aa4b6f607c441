import { TypedEmitter } from '../../shared/events/typed-emitter';
import { userText, type UserText } from '../../shared/text/user-text';
import type { TokenKeeper } from '../auth/token-keeper';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { ConnectorSignIn } from '../sync/connector-sign-in';
import { identityFromIdToken, type AgentIdentity } from './agent-identity';
import { SSO_PROVIDER_ID, ssoProvider, type SsoConfig } from './sso-config';

/**
 * The agent's single sign-on (electron/sso/README.md): the OpenID Connect sign-in in the system
 * browser (electron/auth), the tokens in the secret store (`oauth.sso`, bound to the issuer and
 * client they were issued by: another issuer's tokens are deleted before anything could send
 * them), the agent's identity from the ID token, and the access token the Sync API takes as its
 * bearer, renewed silently. When the provider refuses a renewal (the sign-in was revoked) the agent
 * is signed out with one sentence; nothing in the outbox is touched.
 */

export interface SsoState {
  /** IT set up single sign-on (policy ssoIssuer and ssoClientId). */
  configured: boolean;
  /** Nothing but the sign-in screen until the agent is signed in (policy ssoRequired). */
  required: boolean;
  signedIn: boolean;
  /** A browser sign-in is waiting to come back. */
  signingIn: boolean;
  agent: AgentIdentity | null;
  /** Why the agent is not signed in (the sign-in ended, or did not complete), in one sentence. */
  problem: UserText | null;
}

export interface SsoSessionEvents {
  changed: SsoState;
  /** The sign-in ended (sign-out, revoked, expired): what it provisioned must go. */
  signedOut: { agent: AgentIdentity | null };
  signedIn: { agent: AgentIdentity };
}

export interface SsoSessionOptions {
  /** The policy's single sign-on, read at every sign-in and start (null: not set up). */
  config: () => SsoConfig | null;
  secrets: SecretStore;
  log: Logger;
  /** CAs to trust for the provider (electron/security/trust-store.ts). */
  ca?: readonly string[];
  /** How long the browser has to come back (default 5 minutes). */
  timeoutMs?: number;
  /** The agent's `language` setting (system | en | de), for the page the browser shows when it comes back. */
  language?: () => string | null;
}

export class SsoSession {
  private readonly signIn: ConnectorSignIn;
  private readonly events: TypedEmitter<SsoSessionEvents>;
  private readonly log: Logger;
  private keeper: TokenKeeper | null = null;
  private agentNow: AgentIdentity | null = null;
  private problemNow: UserText | null = null;
  private signingIn = false;
  /** The access token last handed out, so a 401 for it renews once however many requests saw it. */
  private lastToken: string | null = null;
  private updating: Promise<void> = Promise.resolve();

  constructor(private readonly options: SsoSessionOptions) {
    this.log = options.log.child('sso');
    this.events = new TypedEmitter<SsoSessionEvents>((event) => this.log.error('a sign-in listener failed', { event }));
    this.signIn = new ConnectorSignIn({
      providerId: SSO_PROVIDER_ID,
      name: 'Switchboard',
      secrets: options.secrets,
      log: options.log,
      ca: options.ca,
      timeoutMs: options.timeoutMs,
      language: options.language,
      wanted: () => {
        const config = options.config();
        if (!config) return { refusal: userText('sso.notSetUp') };
        return { origin: config.issuer, clientId: config.clientId };
      },
      provider: () => ssoProvider(options.config()!),
      changed: (problem) => {
        this.signingIn = false;
        this.problemNow = problem;
        void this.update();
      },
    });
  }

  on<K extends keyof SsoSessionEvents>(event: K, listener: (payload: SsoSessionEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Reads the stored sign-in (tokens of another issuer or client are deleted first). */
  async start(): Promise<void> {
    await this.update();
  }

  state(): SsoState {
    const config = this.options.config();
    return {
      configured: config !== null,
      required: config?.required === true,
      signedIn: this.agentNow !== null,
      signingIn: this.signingIn,
      agent: this.agentNow,
      problem: this.problemNow,
    };
  }

  /** The signed-in agent, or null. */
  get agent(): AgentIdentity | null {
    return this.agentNow;
  }

  /** Starts the browser sign-in; resolves with the URL the agent's browser opens. */
  async begin(): Promise<{ authorizationUrl: string }> {
    await this.updating;
    const started = await this.signIn.start();
    this.signingIn = true;
    this.problemNow = null;
    this.emitChanged();
    return started;
  }

  /**
   * Forgets the tokens (and asks the provider to revoke them). The outbox is not touched: the
   * agent's unsent work goes out after their next sign-in.
   */
  async signOut(): Promise<void> {
    await this.signIn.signOut();
    this.problemNow = null;
    await this.update();
  }

  /** The access token for the Sync API, renewed first when it is about to expire; null when signed out. */
  async accessToken(): Promise<string | null> {
    await this.updating;
    const keeper = this.keeper;
    if (!keeper) return null;
    const token = await keeper.accessToken();
    this.lastToken = token;
    return token;
  }

  /** The Sync API refused the access token (401): renew it once, silently. */
  refused(): void {
    const keeper = this.keeper;
    const token = this.lastToken;
    if (!keeper || token === null) return;
    void keeper.refresh(token).catch(() => undefined);
  }

  close(): void {
    this.signIn.close();
    this.events.clear();
  }

  /** Reads the sign-in again after it changed, and says what changed. */
  private update(): Promise<void> {
    const run = this.updating.then(async () => {
      const before = this.agentNow;
      this.keeper = await this.signIn.prepare().catch((error: unknown) => {
        this.log.warn('could not read the sign-in', { error: error instanceof Error ? error.name : typeof error });
        return null;
      });
      const fields = this.keeper ? await this.keeper.responseFields() : {};
      this.agentNow = this.keeper ? identityFromIdToken(fields.id_token) : null;
      if (this.keeper && !this.agentNow) {
        this.log.warn('the stored sign-in has no usable ID token; treated as signed out');
        this.keeper = null;
      }
      if (this.agentNow && before?.subject !== this.agentNow.subject) {
        this.log.info('agent signed in');
        this.events.emit('signedIn', { agent: this.agentNow });
      }
      if (before && !this.agentNow) {
        this.log.info('agent signed out', { reason: this.problemNow === null ? 'signed-out' : 'ended' });
        this.events.emit('signedOut', { agent: before });
      }
      this.emitChanged();
    });
    this.updating = run.catch(() => undefined);
    return this.updating;
  }

  private emitChanged(): void {
    this.events.emit('changed', this.state());
  }
}
