import { checkEncryptionPolicy } from '../../shared/policy/encryption';
import { CRM_CONNECTOR_NAMES, type CrmConnector } from '../../shared/sync/connectors';
import { userText, type UserText } from '../../shared/text/user-text';
import type { SyncUserSettings } from '../settings/user-sections';
import { SYNC_TOKEN_SECRET, parseBaseUrl } from './switchboard-sync-source';
import { SyncUserError, type SyncServiceOptions } from './sync-options';
import { isSyncTextError } from './sync-text-error';

const TOKEN_CACHE_MS = 60_000;

/** The agent's choice of CRM connector and Zendesk API user, beside the server and token. */
export interface ConnectorChoice {
  connector?: CrmConnector;
  zendeskEmail?: string | null;
}

/**
 * Which sync server is used, and with which token: the settings owner (the agent's server over
 * IT's, encryption required; it keeps sync-settings.json) and the token in the keychain, which only
 * ever goes to the server it was given for.
 */
export class ServerSettings {
  private token: { value: string | null; at: number } | null = null;

  constructor(private readonly options: Pick<SyncServiceOptions, 'settings' | 'secrets' | 'log'> & { now: () => number }) {}

  get locked(): boolean {
    return this.options.settings.syncServer().locked;
  }

  async load(): Promise<void> {
    await this.keepTokenWithItsServer();
  }

  /** The server to use: the agent's own or IT's. */
  effectiveUrl(): string | null {
    return this.options.settings.syncServer().url;
  }

  /** Why sync may not use `url` under IT policy, in the agent's words; null when it may. */
  policyRefusal(url: string): UserText | null {
    const refused = this.refusedByPolicy(url);
    if (refused === null) return null;
    const host = hostOf(url);
    this.options.log.warn('sync server not used: IT policy requires encryption', { server: host });
    const fix = userText(this.locked ? 'sync.problem.policyFixLocked' : 'sync.problem.policyFixAgent');
    return host ? userText('sync.problem.policyOff', { host, refused, fix }) : userText('sync.problem.policyOffNoHost', { refused, fix });
  }

  /**
   * Sets the server and/or the token. `serverUrl` undefined keeps the current server, which is the
   * only way to change anything when IT policy locks the server: the agent may still enter the
   * token IT gave them. False when there is nothing to change.
   */
  async change(requested: string | null | undefined, token?: string, choice: ConnectorChoice = {}): Promise<boolean> {
    if (requested !== undefined && this.locked) throw new SyncUserError('forbidden', userText('sync.command.serverLocked'));
    const settings = this.options.settings;
    if (choice.connector !== undefined && choice.connector !== settings.crmConnector().id && settings.crmConnector().locked)
      throw new SyncUserError(
        'forbidden',
        userText('sync.command.connectorLocked', { name: CRM_CONNECTOR_NAMES[settings.crmConnector().id] }),
      );
    if (choice.zendeskEmail !== undefined && settings.zendesk().emailLocked)
      throw new SyncUserError('forbidden', userText('sync.command.zendeskEmailLocked'));
    if (requested === undefined && token === undefined && choice.connector === undefined && choice.zendeskEmail === undefined) return false;
    const serverUrl = requested === undefined ? this.effectiveUrl() : requested;
    if (serverUrl !== null) {
      try {
        parseBaseUrl(serverUrl);
      } catch (error) {
        // parseBaseUrl says what is wrong with the address as a SyncTextError.
        throw new SyncUserError('invalid-payload', isSyncTextError(error) ? error.text : userText('sync.problem.cannotOpen'));
      }
      if (requested !== undefined && this.refusedByPolicy(serverUrl) !== null) {
        throw new SyncUserError(
          'forbidden',
          userText('sync.command.unencryptedRefused', { host: hostOf(serverUrl) ?? userText('sync.command.thisServer') }),
          ['serverUrl: http:// is only allowed to this computer while IT policy requires encryption; use https://'],
        );
      }
    }
    const stored = this.stored;
    const origin = originOf(serverUrl);
    let tokenOrigin = stored.tokenOrigin;
    if (token !== undefined) {
      await this.options.secrets.set(SYNC_TOKEN_SECRET, token);
      tokenOrigin = origin;
    } else if (origin !== stored.tokenOrigin) {
      // The token was given for another server: it must not be sent to this one.
      await this.dropToken('the sync server changed');
      tokenOrigin = origin;
    }
    this.token = null;
    this.options.settings.updateSync({
      ...stored,
      serverUrl: requested === undefined ? stored.serverUrl : serverUrl,
      tokenOrigin,
      ...(choice.connector !== undefined ? { connector: choice.connector } : {}),
      ...(choice.zendeskEmail !== undefined ? { zendeskEmail: choice.zendeskEmail } : {}),
    });
    return true;
  }

  /** The token, only for the server it was given for (`origin`: the server this connector talks to). */
  async tokenFor(origin: string | null): Promise<string | null> {
    if (origin !== this.stored.tokenOrigin) return null;
    if (this.token && this.options.now() - this.token.at < TOKEN_CACHE_MS) return this.token.value;
    const value = await this.options.secrets.get(SYNC_TOKEN_SECRET);
    this.token = { value, at: this.options.now() };
    return value;
  }

  /** The server refused the token: read it from the keychain again before the next request. */
  forgetCachedToken(): void {
    this.token = null;
  }

  /** What sync-settings.json holds: the agent's own server and the origin the token was given for. */
  private get stored(): SyncUserSettings {
    return this.options.settings.sync;
  }

  /**
   * Under `encryptionRequired`, why `url` is not used (it would carry data unencrypted over a network,
   * or is not an https:// address at all); null when it may be used.
   */
  private refusedByPolicy(url: string): UserText | null {
    if (this.options.settings.effective.values.encryptionRequired !== true) return null;
    const verdict = checkEncryptionPolicy(url);
    if (verdict.allowed) return null;
    return verdict.scheme
      ? userText('sync.problem.policyUnencrypted', { scheme: verdict.scheme })
      : userText('sync.problem.policyNotHttps');
  }

  /**
   * At start: a token belongs to the server it was given for. When the server in use has another
   * origin (IT changed the policy's server, the settings file was replaced), the token is deleted
   * before anything is sent. A token saved by a version that did not record its server stays with
   * the server in use now, which is where that version sent it.
   */
  private async keepTokenWithItsServer(): Promise<void> {
    const origin = originOf(this.effectiveUrl());
    if (this.stored.tokenOrigin === origin) return;
    const stored = await this.options.secrets.get(SYNC_TOKEN_SECRET).catch((error: unknown) => {
      this.options.log.warn('could not read the sync token from the secret store', {
        error: error instanceof Error ? error.name : typeof error,
      });
      return null;
    });
    if (stored === null) return;
    if (this.stored.tokenOrigin !== undefined) await this.dropToken('the sync server is not the one the token was given for');
    this.options.settings.updateSync({ ...this.stored, tokenOrigin: origin });
  }

  private async dropToken(reason: string): Promise<void> {
    const had = (await this.options.secrets.get(SYNC_TOKEN_SECRET)) !== null;
    await this.options.secrets.delete(SYNC_TOKEN_SECRET);
    this.token = null;
    if (had) this.options.log.info('sync token deleted', { reason });
  }
}

/** scheme://host:port (default ports left out); null for no server or an unreadable address. */
export function originOf(url: string | null): string | null {
  return parsedUrl(url)?.origin ?? null;
}

export function hostOf(url: string | null): string | null {
  return parsedUrl(url)?.host ?? null;
}

function parsedUrl(url: string | null): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
