import { provisionedSipAccountSchema, SIP_ACCOUNT_PATH, type ProvisionedSipAccount } from '../../shared/sync/sip-account';
import type { Logger } from '../logging/logger';
import { createHttpTransport, type HttpTransport } from '../sync/http-client';
import { parseBaseUrl } from '../sync/switchboard-sync-source';
import type { SsoSession } from './sso-session';

/**
 * The SIP account from the sign-in (policy ssoSipProvisioning, docs/sync-api.md "SIP account"):
 * after the agent signs in, `GET /v1/me/sip-account` on the Sync API with their access token, and
 * the phone is set up with it, password into the secret store, so agents never type a SIP
 * password. At sign-out the password is deleted. Nothing of the account is logged.
 */

export interface SipProvisioningOptions {
  session: SsoSession;
  /** Policy ssoSipProvisioning. */
  enabled: () => boolean;
  /** The Sync API's address (policy crmSyncUrl or the agent's). */
  serverUrl: () => string | null;
  /** Sets the phone up (the telephony service's setAccount). */
  apply: (account: ProvisionedSipAccount) => Promise<void>;
  /** Deletes the provisioned password (the telephony service's forgetPassword). */
  forget: () => Promise<void>;
  log: Logger;
  ca?: readonly string[];
  transport?: HttpTransport;
}

export type ProvisioningOutcome = 'applied' | 'none' | 'off' | 'failed';

export class SipProvisioning {
  private readonly transport: HttpTransport;
  private readonly log: Logger;
  private readonly offs: (() => void)[] = [];
  private running: Promise<ProvisioningOutcome> = Promise.resolve('off');

  constructor(private readonly options: SipProvisioningOptions) {
    this.transport = options.transport ?? createHttpTransport({ maxSockets: 1, ca: options.ca });
    this.log = options.log.child('sip-provisioning');
  }

  /** Follows the sign-in; provisions at once when the agent is already signed in. */
  start(): void {
    this.offs.push(
      this.options.session.on('signedIn', () => void this.provision()),
      this.options.session.on('signedOut', () => void this.clear()),
    );
    if (this.options.session.agent) void this.provision();
  }

  /** Resolves with the outcome of the provisioning under way (tests). */
  settled(): Promise<ProvisioningOutcome> {
    return this.running;
  }

  provision(): Promise<ProvisioningOutcome> {
    this.running = this.running.then(() => this.fetchAndApply());
    return this.running;
  }

  close(): void {
    for (const off of this.offs.splice(0)) off();
    if (!this.options.transport) this.transport.close();
  }

  private async clear(): Promise<void> {
    if (!this.options.enabled()) return;
    await this.options.forget().catch((error: unknown) => this.log.warn('could not delete the SIP password', { error: nameOf(error) }));
  }

  private async fetchAndApply(): Promise<ProvisioningOutcome> {
    const base = this.options.serverUrl();
    if (!this.options.enabled() || !base) return 'off';
    try {
      const token = await this.options.session.accessToken();
      if (!token) return 'off';
      const response = await this.transport.send(new URL(SIP_ACCOUNT_PATH.slice(1), parseBaseUrl(base)), {
        method: 'GET',
        headers: { accept: 'application/json', authorization: `Bearer ${token}` },
        timeoutMs: 30_000,
        maxBytes: 64 * 1024,
      });
      if (response.status === 404) {
        this.log.info('no SIP account is provisioned for this agent');
        return 'none';
      }
      if (response.status === 401) this.options.session.refused();
      if (response.status !== 200) {
        this.log.warn('the SIP account could not be fetched', { status: response.status });
        return 'failed';
      }
      const parsed = provisionedSipAccountSchema.safeParse(JSON.parse(response.body.toString('utf8')));
      if (!parsed.success) {
        this.log.warn('the SIP account from the server is not valid', {
          fields: parsed.error.issues
            .map((i) => i.path.join('.'))
            .slice(0, 5)
            .join(', '),
        });
        return 'failed';
      }
      await this.options.apply(parsed.data);
      this.log.info('SIP account provisioned from the sign-in');
      return 'applied';
    } catch (error) {
      this.log.warn('the SIP account could not be fetched', { error: nameOf(error) });
      return 'failed';
    }
  }
}

const nameOf = (error: unknown): string => (error instanceof Error ? error.name : typeof error);
