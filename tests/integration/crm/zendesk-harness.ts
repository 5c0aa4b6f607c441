import { startZendeskEmulator, type ZendeskEmulator, type ZendeskEmulatorOptions } from '../../../tools/crm-emulators/zendesk/server';
import { CrmApps, type CrmApp } from './crm-harness';

/**
 * What the Zendesk sync tests share: the Zendesk emulator with its admin (API token and OAuth
 * client), the app side (crm-harness.ts's real store and sync service, Zendesk chosen by IT
 * policy) and the policies for both ways of signing in. No vitest here: the
 * child process of zendesk-kill.test.ts loads it too. The OAuth sign-in the agent's browser does
 * is in zendesk-oauth-browser.ts.
 */

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_API_TOKEN = 'zendesk-admin-test-token';
export const OAUTH_CLIENT_ID = 'switchboard-desktop';
/** The emulator's rate limits off, for the tests that are not about Zendesk's budgets. */
export const NO_LIMITS = {
  perMinute: null,
  incrementalPerMinute: null,
  incrementalUsersCursorPerMinute: null,
  searchExportPerMinute: null,
};
/** Poll budget: generous, as the suites also run with every core busy. */
export const WAIT = { timeout: 30_000, interval: 50 };

/** The emulator with an admin who signs in by API token and approves OAuth sign-ins, limits off. */
export function startEmulator(options: ZendeskEmulatorOptions = {}): Promise<ZendeskEmulator> {
  return startZendeskEmulator({
    apiTokens: [{ email: ADMIN_EMAIL, token: ADMIN_API_TOKEN }],
    oauthClients: [{ id: OAUTH_CLIENT_ID, redirectUris: [] }],
    limits: NO_LIMITS,
    ...options,
  });
}

/** IT's policy: Zendesk at `zd.url`, signed in to by the admin's API token, wrap-up tags `sb_<code>`. */
export function apiTokenPolicy(zd: { url: string }): Record<string, unknown> {
  return {
    crmConnector: 'zendesk',
    crmSyncUrl: zd.url,
    zendeskAuth: 'api-token',
    zendeskEmail: ADMIN_EMAIL,
    zendeskApiToken: ADMIN_API_TOKEN,
    zendeskWrapUpTagPrefix: 'sb_',
  };
}

/** IT's policy: Zendesk, the agent signs in in the browser with IT's OAuth client; wrap-up tags `sb_<code>`. */
export function oauthPolicy(zd: { url: string }): Record<string, unknown> {
  return {
    crmConnector: 'zendesk',
    crmSyncUrl: zd.url,
    zendeskAuth: 'oauth',
    zendeskOAuthClientId: OAUTH_CLIENT_ID,
    zendeskWrapUpTagPrefix: 'sb_',
  };
}

export type ZendeskApp = CrmApp;

/** The apps a test file started; `closeAll` in afterEach stops them and removes their folders. */
export class ZendeskApps extends CrmApps {
  constructor() {
    super({ tempPrefix: 'sb-zendesk-' });
  }
}

/**
 * The tickets Switchboard or a test made (every one not seeded) whose comments carry the marker
 * line (`Switchboard call ID: …`), once per comment: exactly-once is this list having one entry.
 */
export function ticketsWithMarker(zd: ZendeskEmulator, marker: string): number[] {
  return [...zd.state.tickets.overlay.values()].flatMap((t) =>
    zd.state
      .comments(t.id)
      .filter((c) => c.body.split('\n').includes(marker))
      .map(() => t.id),
  );
}
