import { userText, type UserText } from '../../shared/text/user-text';
import { isOAuthError } from '../auth/oauth-error';
import type { OAuthProvider } from '../auth/oauth-provider';
import { signIn } from '../auth/oauth-sign-in';
import { TokenKeeper, tokenSecretName, type SignedOutEvent } from '../auth/token-keeper';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsService } from '../settings/settings-service';
import { createHttpTransport, type HttpTransport } from './http-client';
import { SyncUserError } from './sync-options';

/**
 * An agent's OAuth sign-in to a CRM for sync (electron/auth/README.md "Wiring"): a TokenKeeper
 * for the sign-in server and client the settings name, the interactive sign-in behind
 * `sync.signIn`, and the rule that tokens only go to the server and client they were issued for.
 * The server and client the tokens belong to are kept beside them (`oauth.<id>.server`); when
 * either changes, the tokens are deleted before anything could send them.
 *
 * The connector's own file says what it signs in to (`wanted`) and how (`provider`):
 * electron/sync/zendesk-sign-in.ts, electron/sync/salesforce-sign-in.ts.
 */

/** Where the tokens were issued: the sign-in server's origin and the client. */
export interface SignInBinding {
  origin: string;
  clientId: string;
  /** Anything else the tokens belong to (Salesforce: the org sync reads, which the sign-in server may not name). */
  for?: string;
  /** A fixed loopback port for the redirect (a provider that matches callback URLs exactly). */
  redirectPort?: number;
}

export interface ConnectorSignInOptions {
  /** The provider id (`salesforce`): names the stored tokens. */
  providerId: string;
  /** For sentences: "Sign-in to Salesforce …". */
  name: string;
  secrets: SecretStore;
  log: Logger;
  ca?: readonly string[];
  /** The sign-in changed (signed in, signed out, expired): reconnect sync. `problem`: the sentence to show. */
  changed: (problem: UserText | null) => void;
  /** How long the browser has to come back (default: the sign-in's own, 5 minutes). */
  timeoutMs?: number;
  /** What the settings ask to sign in to, or why there is nothing to sign in to. */
  wanted: () => SignInBinding | { refusal: UserText };
  provider: (binding: SignInBinding) => OAuthProvider;
  /** The agent's `language` setting, for the page the browser shows when it comes back. */
  language?: () => string | null;
}

/** What a connector's sign-in (zendesk-sign-in.ts, salesforce-sign-in.ts) is made with: the settings say what to sign in to. */
export interface CrmSignInOptions extends Pick<ConnectorSignInOptions, 'secrets' | 'log' | 'ca' | 'changed' | 'timeoutMs'> {
  settings: SettingsService;
}

/**
 * A connector's sign-in as the sync service holds it. The connector's file says what the settings
 * ask to sign in to (`wanted`) and what its connector is lent while signed in (`lend`).
 */
export abstract class CrmSignIn<Access> {
  private readonly signIn: ConnectorSignIn;

  protected constructor(
    protected readonly options: CrmSignInOptions,
    connector: Pick<ConnectorSignInOptions, 'providerId' | 'name' | 'provider'>,
  ) {
    this.signIn = new ConnectorSignIn({
      ...options,
      ...connector,
      wanted: () => this.wanted(),
      language: () => options.settings.effective.values.language ?? null,
    });
  }

  /** Whether tokens are held for the server and client in use (as of the last `prepare`). */
  get signedIn(): boolean {
    return this.signIn.signedIn;
  }

  /** Before sync connects: what the connector signs in with, or null when not signed in (or the connector is not in use). */
  async prepare(): Promise<Access | null> {
    const keeper = await this.signIn.prepare();
    return keeper ? this.lend(keeper) : null;
  }

  start(): Promise<{ authorizationUrl: string }> {
    return this.signIn.start();
  }

  signOut(): Promise<void> {
    return this.signIn.signOut();
  }

  close(): void {
    this.signIn.close();
  }

  protected abstract wanted(): SignInBinding | { refusal: UserText };

  protected abstract lend(keeper: TokenKeeper): Access;
}

export class ConnectorSignIn {
  private keeper: { key: string; keeper: TokenKeeper } | null = null;
  private transport: HttpTransport | null = null;
  private pending: AbortController | null = null;
  private signedInNow = false;
  private closed = false;
  private readonly tokenSecret: string;
  private readonly bindingSecret: string;

  constructor(private readonly options: ConnectorSignInOptions) {
    this.tokenSecret = tokenSecretName(options.providerId);
    this.bindingSecret = `${this.tokenSecret}.server`;
  }

  /** Whether tokens are held for the server and client in use (as of the last `prepare`). */
  get signedIn(): boolean {
    return this.signedInNow;
  }

  /** Before sync connects: drops tokens issued for another server or client; the keeper when signed in, else null. */
  async prepare(): Promise<TokenKeeper | null> {
    const wanted = this.options.wanted();
    if ('refusal' in wanted) {
      this.signedInNow = false;
      return null;
    }
    const keeper = await this.keeperFor(wanted);
    this.signedInNow = await keeper.isSignedIn().catch(() => false);
    return this.signedInNow ? keeper : null;
  }

  /**
   * Starts the browser sign-in; resolves with the URL the agent's browser opens. When the browser
   * comes back the tokens are stored and `changed(null)` reconnects sync; a failure calls
   * `changed(sentence)`. A sign-in already waiting is stopped.
   */
  async start(): Promise<{ authorizationUrl: string }> {
    const wanted = this.options.wanted();
    if ('refusal' in wanted) throw new SyncUserError('unavailable', wanted.refusal);
    const keeper = await this.keeperFor(wanted);
    this.pending?.abort();
    const controller = new AbortController();
    this.pending = controller;
    const key = keyOf(wanted);
    let opened!: (url: string) => void;
    const url = new Promise<string>((resolve) => (opened = resolve));
    const done = signIn({
      provider: this.options.provider(wanted),
      openBrowser: (href) => {
        opened(href);
        return Promise.resolve();
      },
      signal: controller.signal,
      timeoutMs: this.options.timeoutMs,
      http: { transport: this.http() },
      log: this.options.log,
      language: this.options.language,
    });
    const finished = done.then(
      async (tokens) => {
        if (this.pending === controller) this.pending = null;
        // The settings changed while the browser was out: these tokens are for another server.
        if (this.closed || controller.signal.aborted || this.keeper?.key !== key) return;
        await this.options.secrets.set(this.bindingSecret, key);
        await keeper.save(tokens);
        this.signedInNow = true;
        this.options.changed(null);
      },
      (error: unknown) => {
        if (this.pending === controller) this.pending = null;
        if (this.closed || controller.signal.aborted) return;
        this.options.changed(isOAuthError(error) ? error.text : userText('sync.signIn.incomplete', { name: this.options.name }));
        throw error;
      },
    );
    const authorizationUrl = await Promise.race([url, finished.then(() => url)]).catch((error: unknown) => {
      throw new SyncUserError(
        'unavailable',
        isOAuthError(error) ? error.text : userText('sync.signIn.cannotStart', { name: this.options.name }),
      );
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

  /** The keeper for `binding`, after deleting tokens that were issued for another server or client. */
  private async keeperFor(binding: SignInBinding): Promise<TokenKeeper> {
    const key = keyOf(binding);
    if (this.keeper?.key === key) return this.keeper.keeper;
    this.keeper?.keeper.close();
    this.keeper = null;
    this.pending?.abort();
    this.pending = null;
    const stored = await this.options.secrets.get(this.bindingSecret);
    if (stored !== key && (await this.options.secrets.get(this.tokenSecret)) !== null) {
      await this.drop();
      this.options.log.info(`${this.options.name} sign-in deleted`, { reason: 'the sign-in server or OAuth client changed' });
    }
    const keeper = new TokenKeeper({
      provider: this.options.provider(binding),
      secrets: this.options.secrets,
      log: this.options.log,
      http: { transport: this.http() },
    });
    keeper.on('signedOut', (event) => this.onSignedOut(event));
    this.keeper = { key, keeper };
    return keeper;
  }

  private onSignedOut(event: SignedOutEvent): void {
    this.signedInNow = false;
    if (this.closed) return;
    this.options.changed(event.reason === 'signed-out' ? null : event.text);
  }

  private async drop(): Promise<void> {
    await this.options.secrets.delete(this.tokenSecret);
    await this.options.secrets.delete(this.bindingSecret);
  }
}

function keyOf(binding: SignInBinding): string {
  return JSON.stringify({ origin: binding.origin, clientId: binding.clientId, ...(binding.for !== undefined ? { for: binding.for } : {}) });
}
