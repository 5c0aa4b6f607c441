import path from 'node:path';
import { TypedEmitter } from '../../shared/events/typed-emitter';
import type { PolicyKey } from '../../shared/policy/keys';
import { describeZodIssues, resolvePolicy, type EffectivePolicy, type PolicySourceReading } from '../../shared/policy/resolve';
import type { CrmConnector, ZendeskAuthMode } from '../../shared/sync/connectors';
import {
  DEFAULT_SALESFORCE_CALL_ID_FIELD,
  DEFAULT_SALESFORCE_REDIRECT_PORT,
  salesforceFieldMapping,
  type SalesforceFieldMapping,
} from '../../shared/sync/salesforce-fields';
import type { DevicePrefs } from '../../shared/telephony/model';
import { errorName } from '../bridge/bridge-server';
import type { Logger } from '../logging/logger';
import { SettingsFile } from './settings-file';
import {
  APPEARANCE_FILE,
  appearanceSettingsSchema,
  DEFAULT_SECTIONS,
  SECTION_SCHEMAS,
  SECTION_TITLES,
  SYNC_SETTINGS_FILE,
  TELEPHONY_FILE,
  syncSettingsSchema,
  telephonyFileSchema,
  userPolicyValues,
  type AppearanceSettings,
  type StoredAccount,
  type SyncUserSettings,
  type TelephonyFile,
  type UserSection,
  type UserSections,
} from './user-sections';

/** What the policy sources hold (electron/policy/sources.ts `readPolicySources`). */
export interface PolicyLayer {
  readonly readings: readonly PolicySourceReading[];
  /** Every source looked at, found or not (Settings lists them). */
  readonly checked: readonly { source: string; found: boolean }[];
}

export interface SettingsServiceOptions {
  /** The per-user data folder: `telephony.json`, `sync-settings.json` and `appearance.json` are kept there. */
  dataDir: string;
  /** IT policy as read at start; default: no source found. */
  policy?: PolicyLayer;
  log: Logger;
}

/** A section the agent saved, announced once its file is written: the new value. */
export type SettingsEvents = { readonly [K in UserSection]: UserSections[K] };

/** The Zendesk connector's settings (policy keys `zendesk*`, docs/crm.md). */
export interface ZendeskSettings {
  auth: ZendeskAuthMode;
  oauthClientId: string | null;
  /** The API user for API-token sign-in. */
  email: string | null;
  emailLocked: boolean;
  /** IT's API token; null: the agent enters one, kept in the keychain. Never sent to the renderer. */
  apiTokenByPolicy: string | null;
  /** '' : no wrap-up tag. */
  wrapUpTagPrefix: string;
  wrapUpFieldId: number | null;
  talkPartnerEdition: boolean;
}

/** The Salesforce connector's settings (policy keys `salesforce*`, docs/crm.md). */
export interface SalesforceSettings {
  /** Where agents sign in; null: the org address (crmSyncUrl). */
  loginUrl: string | null;
  /** The Connected App's consumer key. */
  oauthClientId: string | null;
  /** The loopback port the Connected App's callback URL names. */
  redirectPort: number;
  /** The fields read and written, with the standard objects' defaults where IT set none. */
  fieldMapping: SalesforceFieldMapping;
  /** The external-id field on Task. */
  callIdField: string;
  /** Region for phone numbers without a country code; null: the built-in default. */
  defaultRegion: string | null;
}

/** A section value that does not fit its schema: nothing was written or changed. */
export class SettingsError extends Error {
  constructor(
    readonly section: UserSection,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

/**
 * The one owner of the app's layered settings: built-in defaults < IT policy defaults < the
 * agent's own settings < IT policy enforced (`resolvePolicy`). It holds the policy readings, keeps
 * the agent's settings files (user-sections.ts), computes the effective values again whenever the
 * agent saves, and announces each saved section on `events`. Services read from it and write the
 * agent's choices through it; none of them touches the files.
 */
export class SettingsService {
  readonly events: TypedEmitter<SettingsEvents>;
  readonly policy: PolicyLayer;
  private readonly telephonyFile: SettingsFile<TelephonyFile>;
  private readonly syncFile: SettingsFile<SyncUserSettings>;
  private readonly appearanceFile: SettingsFile<AppearanceSettings>;
  private sections: UserSections;
  private layers: { effective: EffectivePolicy; fromPolicy: EffectivePolicy };

  /** Reads the agent's files once; an unreadable one is set aside and logged, and its section starts from defaults. */
  static open(options: SettingsServiceOptions): SettingsService {
    return new SettingsService(options);
  }

  private constructor(options: SettingsServiceOptions) {
    this.policy = options.policy ?? { readings: [], checked: [] };
    this.events = new TypedEmitter<SettingsEvents>((event, error) =>
      options.log.error('settings listener failed', { event, error: errorName(error) }),
    );
    this.telephonyFile = new SettingsFile(path.join(options.dataDir, TELEPHONY_FILE), telephonyFileSchema, options.log);
    this.syncFile = new SettingsFile(path.join(options.dataDir, SYNC_SETTINGS_FILE), syncSettingsSchema, options.log);
    this.appearanceFile = new SettingsFile(path.join(options.dataDir, APPEARANCE_FILE), appearanceSettingsSchema, options.log);
    const telephony = this.telephonyFile.read();
    this.sections = {
      account: telephony?.account ?? DEFAULT_SECTIONS.account,
      devices: telephony?.devices ?? DEFAULT_SECTIONS.devices,
      sync: this.syncFile.read() ?? DEFAULT_SECTIONS.sync,
      appearance: this.appearanceFile.read() ?? DEFAULT_SECTIONS.appearance,
    };
    this.layers = { effective: this.resolveWithUser(), fromPolicy: resolvePolicy(this.policy.readings) };
  }

  /** Built-in < policy defaults < the agent's settings < enforced: what the app runs on now. */
  get effective(): EffectivePolicy {
    return this.layers.effective;
  }

  /** The same without the agent's settings: what IT set. */
  get fromPolicy(): EffectivePolicy {
    return this.layers.fromPolicy;
  }

  /** Enforced by IT policy: the agent cannot change it. */
  isLocked(key: PolicyKey): boolean {
    return this.layers.fromPolicy.entries[key].locked;
  }

  /** The SIP account the agent entered in the app (telephony.json), if any. */
  get account(): StoredAccount | null {
    return this.sections.account;
  }

  get devices(): DevicePrefs {
    return this.sections.devices;
  }

  /** The agent's sync server and the origin of the stored token (sync-settings.json). */
  get sync(): SyncUserSettings {
    return this.sections.sync;
  }

  /**
   * The sync server to use: IT's when enforced, else the agent's, else IT's default. The agent's
   * address is taken as entered, not as the policy schema would judge it (which allows http:// only
   * to 127.0.0.1): sync checks whatever it connects to itself, each time, and tells the agent why
   * it will not use an address (electron/sync/server-settings.ts).
   */
  syncServer(): { url: string | null; locked: boolean } {
    const policy = this.layers.fromPolicy.entries.crmSyncUrl;
    const policyUrl = typeof policy.value === 'string' ? policy.value : null;
    if (policy.locked) return { url: policyUrl, locked: true };
    return { url: this.sections.sync.serverUrl ?? policyUrl, locked: false };
  }

  /** The CRM connector in use: IT's when enforced, else the agent's choice, else IT's default or the built-in one. */
  crmConnector(): { id: CrmConnector; locked: boolean } {
    return { id: this.effective.values.crmConnector ?? 'switchboard-sync', locked: this.isLocked('crmConnector') };
  }

  /** How the Zendesk connector signs in and writes calls, as IT set it (the email may be the agent's). */
  zendesk(): ZendeskSettings {
    const values = this.effective.values;
    return {
      auth: values.zendeskAuth ?? 'oauth',
      oauthClientId: values.zendeskOAuthClientId,
      email: values.zendeskEmail,
      emailLocked: this.isLocked('zendeskEmail'),
      apiTokenByPolicy: values.zendeskApiToken,
      wrapUpTagPrefix: values.zendeskWrapUpTagPrefix ?? '',
      wrapUpFieldId: values.zendeskWrapUpFieldId === null ? null : Number(values.zendeskWrapUpFieldId),
      talkPartnerEdition: values.zendeskTalkPartnerEdition === true,
    };
  }

  /** How the Salesforce connector signs in and which fields it uses, as IT set them. */
  salesforce(): SalesforceSettings {
    const values = this.effective.values;
    return {
      loginUrl: values.salesforceLoginUrl,
      oauthClientId: values.salesforceOAuthClientId,
      redirectPort: Number(values.salesforceRedirectPort ?? DEFAULT_SALESFORCE_REDIRECT_PORT),
      // The policy value was checked against the same schema; null means every default.
      fieldMapping: values.salesforceFieldMapping ?? salesforceFieldMapping(null),
      callIdField: values.salesforceCallIdField ?? DEFAULT_SALESFORCE_CALL_ID_FIELD,
      defaultRegion: values.salesforceDefaultRegion,
    };
  }

  updateAccount(account: StoredAccount | null): void {
    const checked = this.validated('account', account);
    this.telephonyFile.write({ version: 1, account: checked, devices: this.sections.devices });
    this.apply('account', checked);
  }

  updateDevices(devices: DevicePrefs): void {
    const checked = this.validated('devices', devices);
    this.telephonyFile.write({ version: 1, account: this.sections.account, devices: checked });
    this.apply('devices', checked);
  }

  updateSync(sync: SyncUserSettings): void {
    // Written with the token's origin even when unknown (null), as earlier versions did from their first save on.
    const checked = { ...this.validated('sync', sync), tokenOrigin: sync.tokenOrigin ?? null };
    this.syncFile.write(checked);
    this.apply('sync', checked);
  }

  /** The agent's theme and language (appearance.json); what IT enforces wins over it all the same. */
  get appearance(): AppearanceSettings {
    return this.sections.appearance;
  }

  /**
   * Saves the agent's theme and/or language (a key left out keeps its saved value). Refused, with
   * nothing written, when IT enforces the one being changed.
   */
  updateAppearance(change: AppearanceSettings): void {
    for (const key of ['theme', 'language'] as const) {
      if (change[key] !== undefined && this.isLocked(key))
        throw new SettingsError('appearance', `The ${key} is set by your IT department and cannot be changed.`);
    }
    const checked = this.validated('appearance', { ...this.sections.appearance, ...change });
    this.appearanceFile.write(checked);
    this.apply('appearance', checked);
  }

  private validated<K extends UserSection>(section: K, value: UserSections[K]): UserSections[K] {
    const parsed = SECTION_SCHEMAS[section].safeParse(value);
    if (!parsed.success)
      throw new SettingsError(section, `The ${SECTION_TITLES[section]} settings were not saved: ${describeZodIssues(parsed.error)}.`);
    return parsed.data;
  }

  /** After the file is written: the new value is what the app runs on, and its subscribers hear of it. */
  private apply<K extends UserSection>(section: K, value: UserSections[K]): void {
    this.sections = { ...this.sections, [section]: value };
    if (section !== 'devices') this.layers = { ...this.layers, effective: this.resolveWithUser() };
    this.events.emit(section, value);
  }

  private resolveWithUser(): EffectivePolicy {
    return resolvePolicy(this.policy.readings, userPolicyValues(this.sections));
  }
}
