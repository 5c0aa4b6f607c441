import { SIPExtension, UserAgent, type LogLevel, type Session, type SessionDescriptionHandler } from 'sip.js';
import { BridgeError } from '../../shared/bridge/errors';
import { mediaConfigSchema, type MediaConfig, type TelephonyState } from '../../shared/telephony/contract';
import { checkEncryptionPolicy } from '../../shared/policy/encryption';
import {
  DEFAULT_DEVICE_PREFS,
  type Call,
  type DevicePrefs,
  type RegistrationState,
  type SipTraceEntry,
} from '../../shared/telephony/model';
import { registrationText } from '../../shared/telephony/registration-text';
import { userText } from '../../shared/text/user-text';
import {
  accountInputSchema,
  SIP_PASSWORD_SECRET,
  telephonySettingsSchema,
  type AccountInput,
  type AccountSummary,
  type DtmfMode,
  type TelephonySettings,
} from '../../shared/telephony/settings';
import { errorName, type BridgeServer } from '../bridge/bridge-server';
import type { PlatformServices } from '../core/platform-services';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsService } from '../settings/settings-service';
import { storedAccountOf } from '../settings/user-sections';
import { ALLOW_HEADER, CallManager } from './call-manager';
import type { OutboundGuard } from './outbound-guard';
import { RegistrationController } from './registration';
import { answerRefreshUpdate } from './session-refresh';
import { SipTrace } from './sip-trace';
import { recordingPauseConfig } from './recording-pause';
import type { TelephonyEvents } from './telephony-events';
import { TypedEmitter } from '../../shared/events/typed-emitter';
import { WsTransport, type WsTransportOptions } from './ws-transport';

export interface TelephonyServiceOptions {
  bridge: BridgeServer;
  secrets: SecretStore;
  platform: PlatformServices;
  log: Logger;
  /** Keeps the account entered in the app and the device choices (electron/settings: telephony.json). */
  userSettings: SettingsService;
  /** Sent as the SIP User-Agent. */
  version: string;
  /**
   * Settings from the config service (defaults < IT policy < user). Null until
   * it exists: then the account the agent enters in the app is used.
   */
  settings?: TelephonySettings | null;
  /**
   * IT policy fixes where the phone registers (server, backup, domain). The agent still enters
   * their own user name and password; the address fields are taken from here (or, without it,
   * from `settings`) whatever the agent sends.
   */
  accountLocked?: boolean;
  lockedAddress?: LockedAddress | null;
  /**
   * IT policy `encryptionRequired`: a ws:// server other than this machine is never connected to,
   * whoever set it (also an account saved before the policy), and cannot be saved.
   */
  encryptionRequired?: boolean;
  /** CAs to trust for wss:// (electron/security/trust-store.ts); undefined: Node's own. */
  trustedCa?: readonly string[];
  now?: () => number;
  random?: () => number;
  /** Asked before every outbound INVITE: the agent desk's do-not-call guard. */
  outboundGuard?: OutboundGuard;
}

/** The part of a SIP account IT policy can enforce. */
export interface LockedAddress {
  server: string;
  backupServer: string | null;
  domain: string;
}

/** What reaches a server's registrar: the fields that need a new UserAgent when they change. */
function connectionKey(s: TelephonySettings | null): string {
  if (!s) return '';
  return JSON.stringify([
    s.servers,
    s.domain,
    s.username,
    s.authUsername,
    s.displayName,
    s.outboundProxy,
    s.registerExpiresSec,
    s.keepAliveSec,
  ]);
}

/**
 * The phone in main: one sip.js UserAgent for the agent's account, its
 * registration and its calls. Both hosts build it through the core; the
 * renderer sees it through bridge commands and events, the rest of main
 * through `events`.
 */
export class TelephonyService {
  readonly events: TypedEmitter<TelephonyEvents>;
  readonly calls: CallManager;
  private readonly trace = new SipTrace();
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly random: () => number;
  private baseSettings: TelephonySettings | null;
  private accountLocked: boolean;
  private lockedAddress: LockedAddress | null;
  private settings: TelephonySettings | null = null;
  private password: string | null = null;
  private ua: UserAgent | null = null;
  private registration: RegistrationController | null = null;
  private registrationState: RegistrationState;
  private restartWhenIdle = false;
  private closed = false;
  private readonly disposers: (() => void)[] = [];
  /** Sessions that are not the agent's calls (the pre-shift echo call): their media handler, made by their owner. */
  private readonly adoptedSessions = new WeakMap<Session, SessionDescriptionHandler>();
  /** Serialises start/stop of the UserAgent (settings can change while a restart runs). */
  private lifecycle: Promise<void> = Promise.resolve();

  constructor(private readonly options: TelephonyServiceOptions) {
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.baseSettings = options.settings ?? null;
    this.lockedAddress = options.lockedAddress ?? null;
    this.accountLocked = (options.accountLocked ?? false) || this.lockedAddress !== null;
    this.events = new TypedEmitter<TelephonyEvents>((event, error) =>
      this.log.error('telephony listener failed', { event, error: errorName(error) }),
    );
    this.registrationState = this.idleState('unconfigured');
    this.calls = new CallManager({
      bridge: options.bridge,
      platform: options.platform,
      log: options.log.child('calls'),
      events: this.events,
      settings: () => this.settings,
      userAgent: () => this.ua,
      readiness: () =>
        this.registrationState.status === 'registered'
          ? { ok: true }
          : {
              ok: false,
              reason: userText('telephony.refusal.notRegistered', { state: registrationText(this.registrationState, this.now()) }),
            },
      now: this.now,
      outboundGuard: options.outboundGuard,
      focusOnRing: () => options.userSettings.effective.values.focusOnRing !== false,
      recordingPause: () => recordingPauseConfig(options.userSettings.effective.values),
    });
    this.events.on('callEnded', () => {
      if (this.restartWhenIdle && this.calls.liveCount === 0) {
        this.restartWhenIdle = false;
        void this.restart();
      }
    });
  }

  /** Loads the password and starts registering with the stored account. */
  async start(): Promise<void> {
    this.password = await this.options.secrets.get(SIP_PASSWORD_SECRET).catch((error: unknown) => {
      this.log.error('could not read the SIP password from the secret store', { error: errorName(error) });
      return null;
    });
    this.settings = this.effectiveSettings();
    const { platform } = this.options;
    const retry = (reason: 'resume' | 'network') => () => this.registration?.retryNow(reason);
    if (platform.onResume) this.disposers.push(platform.onResume(retry('resume')));
    if (platform.onNetworkChange) this.disposers.push(platform.onNetworkChange(retry('network')));
    // The media engine reads the device choices itself (telephony.getState) when it connects;
    // main pushes them only when they change.
    await this.restart();
  }

  /**
   * New settings from the config service. Connection changes restart the
   * UserAgent, after the calls in progress have ended; the rest applies now.
   */
  async applySettings(
    settings: TelephonySettings | null,
    options: { accountLocked?: boolean; lockedAddress?: LockedAddress | null } = {},
  ): Promise<void> {
    this.baseSettings = settings;
    if (options.lockedAddress !== undefined) this.lockedAddress = options.lockedAddress;
    if (options.accountLocked !== undefined) this.accountLocked = options.accountLocked || this.lockedAddress !== null;
    await this.reconfigure();
  }

  async setAccount(input: AccountInput): Promise<{ registration: RegistrationState; account: AccountSummary }> {
    const parsed = accountInputSchema.parse(input);
    const fixed = this.fixedAddress();
    if (this.accountLocked && !fixed) throw new BridgeError('forbidden', userText('telephony.account.lockedByIt'));
    if (!fixed) this.refuseUnencrypted(parsed);
    // Where IT fixes the server and domain, only the agent's own credentials are taken from the form.
    const account = fixed ? { ...parsed, server: fixed.server, backupServer: fixed.backupServer, domain: fixed.domain } : parsed;
    if (account.password === undefined && !this.password) {
      throw new BridgeError('invalid-payload', userText('telephony.account.passwordRequired'), ['password: required for a new account']);
    }
    if (account.password !== undefined) {
      await this.options.secrets.set(SIP_PASSWORD_SECRET, account.password);
      this.password = account.password;
    }
    const stored = storedAccountOf(account);
    this.options.userSettings.updateAccount(stored);
    this.log.info('SIP account saved', { passwordChanged: account.password !== undefined });
    // A new password must be tried even if the address did not change. Nothing is awaited between
    // the save and this: the account's subscribers (the policy binding) run once the restart is under way.
    await this.reconfigure(account.password !== undefined);
    const summary = this.accountSummary();
    if (!summary) throw new BridgeError('failed', userText('telephony.account.notLoaded'));
    return { registration: this.registrationState, account: summary };
  }

  /** The agent's "Try again": also after a refused password (fixed on the server side). */
  reconnect(): RegistrationState {
    if (!this.registration) {
      if (this.settings && this.password) void this.restart();
      return this.registrationState;
    }
    this.registration.retryNow('user');
    return this.registrationState;
  }

  getState(): TelephonyState {
    return {
      registration: this.registrationState,
      calls: this.calls.list(),
      account: this.accountSummary(),
      devices: this.options.userSettings.devices,
      dtmfMode: this.settings?.dtmfMode ?? 'rfc4733',
      defaultRegion: this.settings?.defaultRegion ?? 'US',
      lockedAddress: this.fixedAddress(),
    };
  }

  get registrationStatus(): RegistrationState {
    return this.registrationState;
  }

  get dtmfMode(): DtmfMode {
    return this.settings?.dtmfMode ?? 'rfc4733';
  }

  listCalls(): Call[] {
    return this.calls.list();
  }

  /**
   * The running UserAgent, for a check that sends its own SIP requests outside the agent's calls
   * (electron/pre-shift: the echo test call, OPTIONS probes); null while none runs.
   */
  get userAgent(): UserAgent | null {
    return this.ua;
  }

  /**
   * A session placed outside the call book (the pre-shift echo call) uses `sdh` for its media
   * instead of a call's: no call, no call log, no do-not-call check (CallManager.dial is not involved).
   */
  adoptSession(session: Session, sdh: SessionDescriptionHandler): void {
    this.adoptedSessions.set(session, sdh);
  }

  /** ICE settings for media outside a call (the pre-shift echo call), as a call would get them. */
  mediaConfig(): MediaConfig {
    const s = this.settings;
    // Parsed: the schema's defaults fill what an echo call has no say in.
    return mediaConfigSchema.parse({
      iceServers: s?.iceServers ?? [],
      iceTransportPolicy: s?.iceTransportPolicy ?? 'all',
      iceGatheringTimeoutMs: s?.iceGatheringTimeoutMs ?? 1_000,
      muted: false,
    });
  }

  async setDevices(patch: Partial<DevicePrefs>): Promise<DevicePrefs> {
    const next: DevicePrefs = { ...DEFAULT_DEVICE_PREFS, ...this.options.userSettings.devices };
    if (patch.microphone !== undefined) next.microphone = patch.microphone;
    if (patch.speaker !== undefined) next.speaker = patch.speaker;
    if (patch.ringer !== undefined) next.ringer = patch.ringer;
    this.options.userSettings.updateDevices(next);
    this.options.bridge.emit('telephony.devices', next);
    await this.pushDevices();
    return next;
  }

  sipTrace(): SipTraceEntry[] {
    return this.trace.list();
  }

  /** For the diagnostics bundle: state and the SIP trace, no credentials, no SDP. */
  diagnostics(): { registration: RegistrationState; calls: Call[]; sipTrace: SipTraceEntry[]; secretStore: string } {
    return {
      registration: this.registrationState,
      calls: this.calls.list(),
      sipTrace: this.trace.list(),
      secretStore: this.options.secrets.info.backend,
    };
  }

  /**
   * The SIP password came with the agent's sign-in (electron/sso/sip-provisioning.ts) and the sign-in
   * ended: the password is deleted and the phone unregisters; the account's address stays for the
   * next sign-in. Live calls are left to end as the agent ends them.
   */
  async forgetPassword(): Promise<void> {
    await this.options.secrets.delete(SIP_PASSWORD_SECRET);
    this.password = null;
    this.log.info('SIP password deleted', { reason: 'sign-out' });
    if (this.calls.list().length === 0) await this.enqueue(() => this.stopUa());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const dispose of this.disposers.splice(0)) dispose();
    await this.calls.hangupAll();
    await this.enqueue(() => this.stopUa());
    this.calls.close();
  }

  // ------------------------------------------------------------------ internals

  /** Under `encryptionRequired`: the agent's ws:// server (or backup) is refused, naming the field. */
  private refuseUnencrypted(account: { server: string; backupServer: string | null }): void {
    if (this.options.encryptionRequired !== true) return;
    const fields = [
      { field: 'server', refusal: userText('telephony.account.serverUnencrypted'), url: account.server },
      { field: 'backupServer', refusal: userText('telephony.account.backupServerUnencrypted'), url: account.backupServer },
    ].filter((f) => f.url !== null && !checkEncryptionPolicy(f.url).allowed);
    const first = fields[0];
    if (!first) return;
    throw new BridgeError(
      'forbidden',
      first.refusal,
      fields.map((f) => `${f.field}: ws:// is only allowed to this computer while IT policy requires encryption; use wss://`),
    );
  }

  /**
   * The servers the phone may connect to now. Under `encryptionRequired` an unencrypted primary
   * means no connection at all (null); an unencrypted backup is left out. Checked every time the
   * phone starts, so an account saved before IT turned the policy on is caught too.
   */
  private withPolicyServers(settings: TelephonySettings): TelephonySettings | null {
    if (this.options.encryptionRequired !== true) return settings;
    if (!checkEncryptionPolicy(settings.servers.primary).allowed) {
      this.log.warn('SIP server not used: unencrypted and IT policy requires encryption', { server: 'primary' });
      return null;
    }
    const { backup } = settings.servers;
    if (backup === null || checkEncryptionPolicy(backup).allowed) return settings;
    this.log.warn('backup SIP server not used: unencrypted and IT policy requires encryption', { server: 'backup' });
    return { ...settings, servers: { primary: settings.servers.primary, backup: null } };
  }

  /** The server and domain IT enforces, if any: from the policy, else from the settings it supplied. */
  private fixedAddress(): LockedAddress | null {
    if (!this.accountLocked) return null;
    if (this.lockedAddress) return this.lockedAddress;
    const base = this.baseSettings;
    return base ? { server: base.servers.primary, backupServer: base.servers.backup, domain: base.domain } : null;
  }

  private effectiveSettings(): TelephonySettings | null {
    const stored = this.options.userSettings.account;
    const fixed = this.fixedAddress();
    const account = stored && this.accountLocked ? (fixed ? { ...stored, ...fixed } : null) : stored;
    if (!account) return this.baseSettings;
    const base = this.baseSettings ?? {};
    const merged = telephonySettingsSchema.safeParse({
      ...base,
      servers: { primary: account.server, backup: account.backupServer },
      domain: account.domain,
      username: account.username,
      authUsername: account.authUsername,
      displayName: account.displayName,
    });
    if (!merged.success) {
      this.log.warn('stored SIP account is not valid any more; ignoring it', { issues: merged.error.issues.length });
      return this.baseSettings;
    }
    return merged.data;
  }

  private async reconfigure(forceRestart = false): Promise<void> {
    const previous = this.settings;
    this.settings = this.effectiveSettings();
    if (!forceRestart && connectionKey(previous) === connectionKey(this.settings)) return;
    if (this.calls.liveCount > 0) {
      // Restarting the UserAgent would end the calls: wait for them.
      this.restartWhenIdle = true;
      this.log.info('SIP account change waits for the calls in progress to end');
      return;
    }
    await this.restart();
  }

  private restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.stopUa();
      if (this.closed) return;
      await this.startUa();
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.lifecycle.then(task, task);
    this.lifecycle = run.catch((error: unknown) => this.log.error('telephony start/stop failed', { error: errorName(error) }));
    return run;
  }

  private async startUa(): Promise<void> {
    const settings = this.settings ? this.withPolicyServers(this.settings) : null;
    if (this.settings && !settings) {
      this.setRegistration(this.idleState('blocked-by-policy'));
      return;
    }
    if (!settings || !this.password) {
      this.setRegistration(this.idleState('unconfigured'));
      return;
    }
    const uri = UserAgent.makeURI(`sip:${settings.username}@${settings.domain}`);
    if (!uri) {
      this.setRegistration(this.idleState('unconfigured'));
      this.log.warn('SIP address could not be formed from the account');
      return;
    }
    const registration = new RegistrationController({
      settings,
      log: this.log.child('registration'),
      now: this.now,
      random: this.random,
      onChange: (state) => this.setRegistration(state),
    });
    const transportOptions: WsTransportOptions = {
      server: () => registration.serverUrl(),
      connectionTimeoutMs: 5_000,
      keepAliveIntervalMs: settings.keepAliveSec * 1000,
      keepAliveTimeoutMs: 5_000,
      log: this.log.child('transport'),
      trace: this.trace,
      ca: this.options.trustedCa,
    };
    const sipLog = this.log.child('sip');
    const ua = new UserAgent({
      uri,
      authorizationUsername: settings.authUsername ?? settings.username,
      authorizationPassword: this.password,
      ...(settings.displayName ? { displayName: settings.displayName } : {}),
      transportConstructor: WsTransport,
      transportOptions,
      sessionDescriptionHandlerFactory: (session) => this.adoptedSessions.get(session) ?? this.calls.createSdh(session),
      sipExtensionReplaces: SIPExtension.Supported,
      preloadedRouteSet: settings.outboundProxy ? [settings.outboundProxy] : [],
      userAgentString: `Switchboard/${this.options.version}`,
      // The contact centre's queue decides how long a call may ring; this only stops a call ringing forever.
      noAnswerTimeout: 180,
      // CallManager sends 180 Ringing itself, once it has decided the call is offered to the agent
      // (not busy, a usable offer, not declined by the workflow): no 180 followed by a 486.
      sendInitialProvisionalResponse: false,
      logBuiltinEnabled: false,
      logLevel: 'warn',
      logConnector: (level: LogLevel, category: string, _label: string | undefined, content: string) => {
        // sip.js messages can quote whole SIP messages (numbers, names): log the category and a scrubbed first line.
        const text = scrub(content);
        if (level === 'error') sipLog.warn('sip.js error', { category, text });
        else if (level === 'warn') sipLog.debug('sip.js warning', { category, text });
      },
    });
    ua.delegate = {
      onConnect: () => registration.onConnected(),
      onDisconnect: (error) => {
        registration.onDisconnected(error);
        // Only a lost connection (error set): our own disconnect on a restart happens with no calls up.
        if (error) this.calls.onConnectionLost();
      },
      onInvite: (invitation) => this.calls.onInvite(invitation),
      // Text messages are refused, not silently accepted: a 200 would tell the sender it was read.
      // Switchboard is a voice client; the contact centre's chat goes through its CRM (docs/interop.md).
      onMessage: (message) => void message.reject({ statusCode: 405, extraHeaders: [ALLOW_HEADER] }).catch(() => undefined),
    };
    const transport = ua.transport as WsTransport;
    const onMessage = transport.onMessage;
    transport.onMessage = (message: string) => {
      registration.observeIncoming(message);
      const refreshed = answerRefreshUpdate(message, ua.contact.toString(), (sipCallId) => this.calls.hasEstablishedDialog(sipCallId));
      if (refreshed) {
        transport.send(refreshed).catch((error: unknown) => this.log.warn('session refresh answer not sent', { error: errorName(error) }));
        return;
      }
      onMessage?.(message);
    };
    this.ua = ua;
    this.registration = registration;
    registration.start(ua, transport);
  }

  private async stopUa(): Promise<void> {
    const ua = this.ua;
    const registration = this.registration;
    this.ua = null;
    this.registration = null;
    if (registration) await registration.stop();
    if (ua) {
      await Promise.race([ua.stop().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    }
  }

  private async pushDevices(): Promise<void> {
    const { bridge } = this.options;
    if (!bridge.hasMediaEngine) return;
    try {
      const result = await bridge.requestMedia(
        'telephony.media.setDevices',
        { prefs: this.options.userSettings.devices },
        { timeoutMs: 10_000 },
      );
      for (const [kind, outcome] of Object.entries(result)) {
        if (outcome.using === 'fallback') this.log.info('chosen audio device missing; using the default', { kind });
      }
    } catch (error) {
      this.log.debug('could not apply audio devices', { error: errorName(error) });
    }
  }

  private accountSummary(): AccountSummary | null {
    const s = this.settings;
    if (!s) return null;
    return {
      server: s.servers.primary,
      backupServer: s.servers.backup,
      domain: s.domain,
      username: s.username,
      authUsername: s.authUsername,
      displayName: s.displayName,
      hasPassword: this.password !== null,
      locked: this.accountLocked,
    };
  }

  private idleState(status: 'unconfigured' | 'stopped' | 'blocked-by-policy'): RegistrationState {
    const s = this.settings;
    return {
      status,
      since: this.now(),
      retryAt: null,
      attempt: 0,
      code: null,
      server: null,
      aor: s ? `sip:${s.username}@${s.domain}` : null,
    };
  }

  private setRegistration(state: RegistrationState): void {
    // A stopped controller that is being replaced must not overwrite its successor's state.
    this.registrationState = state;
    this.options.bridge.emit('telephony.registration', state);
    this.events.emit('registration', state);
  }
}

/** Removes SIP addresses, quoted names and digit runs from sip.js's log text, and caps it. */
function scrub(text: string): string {
  const first = text.split('\n')[0] ?? '';
  return first
    .replace(/sips?:[^\s>;,]+/gi, 'sip:…')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d{5,}/g, '…')
    .slice(0, 200);
}
