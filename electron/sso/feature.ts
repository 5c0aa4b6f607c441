import { BridgeError } from '../../shared/bridge/errors';
import type { SsoView } from '../../shared/sso/contract';
import type { BridgeServer } from '../bridge/bridge-server';
import { ViewPush } from '../bridge/view-push';
import type { Feature } from '../core/feature';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsService } from '../settings/settings-service';
import { SyncUserError, type SyncBearer } from '../sync/sync-options';
import type { AgentIdentity } from './agent-identity';
import type { AccountInput } from '../../shared/telephony/settings';
import { SipProvisioning } from './sip-provisioning';
import { ssoConfigOf } from './sso-config';
import { SsoSession } from './sso-session';
import { ssoSyncBearer } from './sync-bearer';

export interface SsoService {
  readonly session: SsoSession;
  /** The signed-in agent (names work records), or null. */
  agent(): AgentIdentity | null;
  /** The Switchboard Sync API's bearer from the sign-in (given to sync at its start). */
  readonly bearer: SyncBearer;
  view(): SsoView;
}

/**
 * Single sign-on as a feature: the session (electron/sso/sso-session.ts) over the policy's
 * "Sign-in (SSO)" keys, `sso.*` commands, and `sso.view` pushed when the sign-in changes. The
 * window opens `sso.signIn`'s URL in the system browser, as for the CRM sign-ins.
 */
export async function createSsoFeature(options: {
  bridge: Pick<BridgeServer, 'emit'>;
  secrets: SecretStore;
  log: Logger;
  settings: SettingsService;
  ca?: readonly string[];
}): Promise<Feature & { service: SsoService }> {
  const session = new SsoSession({
    config: () => ssoConfigOf(options.settings.effective.values),
    secrets: options.secrets,
    log: options.log,
    ca: options.ca,
    language: () => options.settings.effective.values.language ?? null,
  });
  const view = (): SsoView => viewOf(session);
  const push = new ViewPush(options.bridge, 'sso.view', view);
  session.on('changed', () => push.changed());
  await session.start();
  return {
    name: 'sso',
    service: { session, agent: () => session.agent, bearer: ssoSyncBearer(session), view },
    handlers: {
      'sso.getView': () => view(),
      'sso.signIn': () =>
        session.begin().catch((error: unknown) => {
          if (error instanceof SyncUserError) throw new BridgeError(error.code, error.message);
          throw error;
        }),
      'sso.signOut': async () => {
        await session.signOut();
        return view();
      },
    },
    close() {
      push.close();
      session.close();
    },
  };
}

function viewOf(session: SsoSession): SsoView {
  const state = session.state();
  return {
    configured: state.configured,
    required: state.required,
    signedIn: state.signedIn,
    signingIn: state.signingIn,
    agent: state.agent ? { name: state.agent.name, email: state.agent.email } : null,
    problem: state.problem,
  };
}

/**
 * The SIP account from the sign-in, as a feature (no commands): follows the sign-in and sets the
 * phone up (electron/sso/sip-provisioning.ts). Off unless policy ssoSipProvisioning is true.
 */
export function createSipProvisioningFeature(options: {
  sso: SsoService;
  settings: SettingsService;
  telephony: {
    setAccount(input: AccountInput): Promise<unknown>;
    forgetPassword(): Promise<void>;
  };
  log: Logger;
  ca?: readonly string[];
}): Feature & { service: SipProvisioning } {
  const provisioning = new SipProvisioning({
    session: options.sso.session,
    enabled: () => ssoConfigOf(options.settings.effective.values)?.sipProvisioning === true,
    serverUrl: () => options.settings.syncServer().url,
    apply: async (account) => {
      await options.telephony.setAccount({
        server: account.server,
        domain: account.domain,
        username: account.user,
        authUsername: account.authUser,
        displayName: account.displayName,
        password: account.password,
      });
    },
    forget: () => options.telephony.forgetPassword(),
    log: options.log,
    ca: options.ca,
  });
  provisioning.start();
  return { name: 'sip-provisioning', service: provisioning, handlers: {}, close: () => provisioning.close() };
}
