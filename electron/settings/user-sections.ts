/**
 * The agent's own settings, in the files and formats earlier versions wrote, so an existing
 * install keeps them:
 *
 * - `telephony.json`: `{ "version": 1, "account": …, "devices": … }`, the SIP account entered in
 *   the app (never its password: that is in the SecretStore) and the audio device choices;
 * - `sync-settings.json`: `{ "serverUrl": …, "tokenOrigin": …, "connector": …, "zendeskEmail": … }`,
 *   the agent's sync server (or Zendesk address), the origin the token in the keychain was given for,
 *   the CRM connector the agent chose and the Zendesk API user (for API-token sign-in).
 */
import * as z from 'zod';
import { LANGUAGE_CHOICES, THEME_CHOICES, type PolicyKey } from '../../shared/policy/keys';
import { CRM_CONNECTORS } from '../../shared/sync/connectors';
import { DEFAULT_DEVICE_PREFS, devicePrefsSchema, type DevicePrefs } from '../../shared/telephony/model';

export const TELEPHONY_FILE = 'telephony.json';
export const SYNC_SETTINGS_FILE = 'sync-settings.json';
export const APPEARANCE_FILE = 'appearance.json';

/** The account as entered in the app (no password: that is in the SecretStore). */
export const storedAccountSchema = z.strictObject({
  server: z.string().max(300),
  backupServer: z.string().max(300).nullable(),
  domain: z.string().max(253),
  username: z.string().max(64),
  authUsername: z.string().max(64).nullable(),
  displayName: z.string().max(64).nullable(),
});
export type StoredAccount = z.output<typeof storedAccountSchema>;

/** The part of an account that is remembered: the address and names, never the password. */
export function storedAccountOf(account: StoredAccount): StoredAccount {
  return {
    server: account.server,
    backupServer: account.backupServer,
    domain: account.domain,
    username: account.username,
    authUsername: account.authUsername,
    displayName: account.displayName,
  };
}

export const telephonyFileSchema = z.strictObject({
  version: z.literal(1),
  account: storedAccountSchema.nullable(),
  devices: devicePrefsSchema,
});
export type TelephonyFile = z.output<typeof telephonyFileSchema>;

/** Other keys are dropped rather than refused: older versions wrote only `serverUrl`. */
export const syncSettingsSchema = z.object({
  serverUrl: z.string().nullable().default(null),
  /**
   * scheme://host:port the token in the keychain belongs to; null: no server when it was entered.
   * Undefined: written by a version that did not record it (the token then belongs to the server in use at start).
   */
  tokenOrigin: z.string().nullable().optional(),
  /** Left out (older versions, or never chosen): IT's choice or the built-in Switchboard Sync API. */
  connector: z.enum(CRM_CONNECTORS).optional(),
  /** The Zendesk user an API token acts as, when the agent entered it (not IT). */
  zendeskEmail: z.string().nullable().optional(),
});
export type SyncUserSettings = z.output<typeof syncSettingsSchema>;

/** The agent's own theme and language; a key left out is not the agent's choice (policy or built-in applies). */
export const appearanceSettingsSchema = z.strictObject({
  theme: z.enum(THEME_CHOICES).optional(),
  language: z.enum(LANGUAGE_CHOICES).optional(),
});
export type AppearanceSettings = z.output<typeof appearanceSettingsSchema>;

/** The agent's settings by section: what the settings service keeps, updates and announces. */
export interface UserSections {
  account: StoredAccount | null;
  devices: DevicePrefs;
  sync: SyncUserSettings;
  appearance: AppearanceSettings;
}
export type UserSection = keyof UserSections;

export const SECTION_SCHEMAS: { readonly [K in UserSection]: z.ZodType<UserSections[K]> } = {
  account: storedAccountSchema.nullable(),
  devices: devicePrefsSchema,
  sync: syncSettingsSchema,
  appearance: appearanceSettingsSchema,
};

export const DEFAULT_SECTIONS: UserSections = { account: null, devices: DEFAULT_DEVICE_PREFS, sync: { serverUrl: null }, appearance: {} };

/** What each section is called in an error the agent or a log reads. */
export const SECTION_TITLES: Record<UserSection, string> = {
  account: 'SIP account',
  devices: 'audio device',
  sync: 'sync',
  appearance: 'theme and language',
};

/** The agent's settings that policy keys also cover: the user layer between policy defaults and enforced values. */
export function userPolicyValues(sections: UserSections): Partial<Record<PolicyKey, unknown>> {
  const values: Partial<Record<PolicyKey, unknown>> = {};
  const { account, sync, appearance } = sections;
  if (account) {
    values.sipServer = account.server;
    if (account.backupServer) values.sipBackupServer = account.backupServer;
    values.sipDomain = account.domain;
  }
  if (sync.serverUrl !== null) values.crmSyncUrl = sync.serverUrl;
  if (sync.connector !== undefined) values.crmConnector = sync.connector;
  if (sync.zendeskEmail) values.zendeskEmail = sync.zendeskEmail;
  if (appearance.theme !== undefined) values.theme = appearance.theme;
  if (appearance.language !== undefined) values.language = appearance.language;
  return values;
}
