import { isOAuthError } from '../auth/oauth-error';
import type { OAuthProvider } from '../auth/oauth-provider';
import { signIn } from '../auth/oauth-sign-in';
import { TokenKeeper, tokenSecretName, type SignedOutEvent } from '../auth/token-keeper';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsService } from '../settings/settings-service';
import type { OAuthAccess } from './connector-source';
import { createHttpTransport, type HttpTransport } from './http-client';
import { originOf } from './server-settings';
import { SyncUserError } from './sync-options';

/**
 * The agent's Zendesk OAuth sign-in for sync (electron/auth/README.md "Wiring"): a TokenKeeper for
 * the Zendesk at the sync server's origin with IT's client ID, the interactive sign-in behind
 * `sync.signIn`, and the rule that tokens only go to the server and client they were issued for.
 * The server and client the tokens belong to are kept beside them (`oauth.zendesk.server`); when
 * either changes, the tokens are deleted before anything could send them.
 */

const PROVIDER_ID = 'zendesk';
const TOKEN_SECRET = tokenSecretName(PROVIDER_ID);
const BINDING_SECRET = `${TOKEN_SECRET}.server`;
/** Zendesk access tokens only expire when asked to: 2 hours, renewable for 30 days (Zendesk's default). */
const TOKEN_LIFETIMES = { expires_in: '7200', refresh_token_expires_in: '2592000' };

interface Binding {
  origin: string;
  clientId: string;
}

export interface ZendeskSignInOptions {
  settings: SettingsService;
  secrets: SecretStore;
  log: Logger;
  ca?: readonly string[];
  /** The sign-in changed (signed in, signed out, expired): reconnect sync. `problem`: the sentence to show. */
  changed: (problem: string | null) => void;
  /** How long the browser has to come back (default: the sign-in's own, 5 minutes). */
  timeoutMs?: number;
}

export class ZendeskSignIn {
  private keeper: { key: string; binding: Binding; keeper: TokenKeeper } | null = null;
  private transport: HttpTransport | null = null;
  private pending: AbortController | null = null;
  private signedInNow = false;
  private closed = false;

  constructor(private readonly options: ZendeskSignInOptions) {}

  /** Whether Zendesk OAuth tokens are held for the server and client in use (as of the last `prepare`). */
  get signedIn(): boolean {
    return this.signedInNow;
  }

  /** Zendesk by OAuth is what the settings ask for: the server and client it signs in to, or why not. */
  private wanted(): Binding | { refusal: string } {
    const { settings } = this.options;
    if (settings.crmConnector().id !== 'zendesk')
      return { refusal: 'Sign-in to Zendesk is only for the Zendesk connector: choose Zendesk in Sync settings first' };
    const zendesk = settings.zendesk();
    if (zendesk.auth !== 'oauth') return { refusal: 'Zendesk is signed in to with an API token set by IT, not in the browser' };
    const origin = originOf(settings.syncServer().url);
    if (!origin) return { refusal: 'Enter your Zendesk address in Sync settings before signing in' };
    if (!zendesk.oauthClientId) return { refusal: 'Sign-in to Zendesk needs the OAuth client ID IT sets (zendeskOAuthClientId): ask IT' };
    return { origin, clientId: zendesk.oauthClientId };
  }

  /**
   * Before sync connects: drops tokens issued for another server or client, and answers the access
   * the connector signs in with (null: not signed in, or Zendesk OAuth is not in use).
   */
  async prepare(): Promise<OAuthAccess | null> {
    const wanted = this.wanted();
    if ('refusal' in wanted) {
      this.signedInNow = false;
      return null;
    }
    const keeper = await this.keeperFor(wanted);
    this.signedInNow = await keeper.isSignedIn().catch(() => false);
    if (!this.signedInNow) return null;
    return { accessToken: () => keeper.accessToken(), refresh: () => keeper.refresh() };
  }

  /**
   * Starts the browser sign-in; resolves with the URL the agent's browser opens. When the browser
   * comes back the tokens are stored and `changed(null)` reconnects sync; a failure calls
   * `changed(sentence)`. A sign-in already waiting is stopped.
   */
  async start(): Promise<{ authorizationUrl: string }> {
    const wanted = this.wanted();
    if ('refusal' in wanted) throw new SyncUserError('unavailable', wanted.refusal);
    const keeper = await this.keeperFor(wanted);
    this.pending?.abort();
    const controller = new AbortController();
    this.pending = controller;
    const key = keyOf(wanted);
    let opened!: (url: string) => void;
    const url = new Promise<string>((resolve) => (opened = resolve));
    const done = signIn({
      provider: this.provider(wanted),
      openBrowser: (href) => {
        opened(href);
        return Promise.resolve();
      },
      signal: controller.signal,
      timeoutMs: this.options.timeoutMs,
      http: { transport: this.http() },
      log: this.options.log,
    });
    const finished = done.then(
      async (tokens) => {
        if (this.pending === controller) this.pending = null;
        // The settings changed while the browser was out: these tokens are for another server.
        if (this.closed || controller.signal.aborted || this.keeper?.key !== key) return;
        await this.options.secrets.set(BINDING_SECRET, key);
        await keeper.save(tokens);
        this.signedInNow = true;
        this.options.changed(null);
      },
      (error: unknown) => {
        if (this.pending === controller) this.pending = null;
        if (this.closed || controller.signal.aborted) return;
        const sentence = isOAuthError(error) ? error.message : 'Sign-in to Zendesk did not complete; try again.';
        this.options.changed(sentence);
        throw error;
      },
    );
    const authorizationUrl = await Promise.race([url, finished.then(() => url)]).catch((error: unknown) => {
      throw new SyncUserError('unavailable', isOAuthError(error) ? error.message : 'Sign-in to Zendesk could not start');
    });
    finished.catch(() => undefined);
    return { authorizationUrl };
  }

  /** Forgets the tokens (and stops a sign-in in progress). */
  async signOut(): Promise<void> {
    this.pending?.abort();
    this.pending = null;
    if (this.keeper) await this.keeper.keeper.signOut();
    else await this.drop();
    this.signedInNow = false;
  }

  close(): void {
    this.closed = true;
    this.pending?.abort();
    this.keeper?.keeper.close();
    this.keeper = null;
    this.transport?.close();
    this.transport = null;
  }

  private http(): HttpTransport {
    this.transport ??= createHttpTransport({ ca: this.options.ca });
    return this.transport;
  }

  private provider(binding: Binding): OAuthProvider {
    return {
      id: PROVIDER_ID,
      authorizationEndpoint: `${binding.origin}/oauth/authorizations/new`,
      tokenEndpoint: `${binding.origin}/oauth/tokens`,
      clientId: binding.clientId,
      clientSecret: null,
      scopes: ['read', 'write'],
      extraTokenParams: TOKEN_LIFETIMES,
    };
  }

  /** The keeper for `binding`, after deleting tokens that were issued for another server or client. */
  private async keeperFor(binding: Binding): Promise<TokenKeeper> {
    const key = keyOf(binding);
    if (this.keeper?.key === key) return this.keeper.keeper;
    this.keeper?.keeper.close();
    this.keeper = null;
    this.pending?.abort();
    this.pending = null;
    const stored = await this.options.secrets.get(BINDING_SECRET);
    if (stored !== key && (await this.options.secrets.get(TOKEN_SECRET)) !== null) {
      await this.drop();
      this.options.log.info('Zendesk sign-in deleted', { reason: 'the Zendesk server or OAuth client changed' });
    }
    const keeper = new TokenKeeper({
      provider: this.provider(binding),
      secrets: this.options.secrets,
      log: this.options.log,
      http: { transport: this.http() },
    });
    keeper.on('signedOut', (event) => this.onSignedOut(event));
    this.keeper = { key, binding, keeper };
    return keeper;
  }

  private onSignedOut(event: SignedOutEvent): void {
    this.signedInNow = false;
    if (this.closed) return;
    this.options.changed(event.reason === 'signed-out' ? null : event.message);
  }

  private async drop(): Promise<void> {
    await this.options.secrets.delete(TOKEN_SECRET);
    await this.options.secrets.delete(BINDING_SECRET);
  }
}

function keyOf(binding: Binding): string {
  return JSON.stringify({ origin: binding.origin, clientId: binding.clientId });
}
