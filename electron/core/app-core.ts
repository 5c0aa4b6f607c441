import type { Notice } from '../../shared/app/contract';
import type { AppInfo } from '../../shared/bridge/commands';
import type { TelephonySettings } from '../../shared/telephony/settings';
import type { WorkflowConfig } from '../../shared/config/workflow';
import { userText, type UserText } from '../../shared/text/user-text';
import { createAgentFeature, type AgentDesk } from '../agent/agent-desk';
import { createDoNotCallGuard } from '../agent/do-not-call-guard';
import { createCallbacksFeature } from '../agent/callback-feature';
import { contactCallOf, createGuidedScriptsFeature } from '../agent/guided-script-feature';
import { createAlertsFeature, type AlertsService } from '../alerts/feature';
import { defaultWorkflowConfig } from '../agent/workflow-defaults';
import { BridgeServer } from '../bridge/bridge-server';
import { createClickToDialFeature, type ClickToDialService } from '../click-to-dial/service';
import { createDiagnosticsFeature, type DiagnosticsService } from '../diagnostics/service';
import { createPreShiftFeature } from '../pre-shift/feature';
import { createEscalationFeature } from '../escalation/feature';
import type { EscalationService } from '../escalation/escalation-service';
import type { Logger } from '../logging/logger';
import { buildPolicyState, createPolicyFeature, problemsInEnglish, type PolicyState } from '../policy/policy-service';
import { POLICY_KEY_NAMES, type PolicyValues } from '../../shared/policy/keys';
import { publicValue } from '../../shared/policy/resolve';
import type { SecretStore } from '../secrets/secret-store';
import { SettingsService } from '../settings/settings-service';
import { createStatsFeature } from '../stats/stats-service';
import { createStatusFeedFeature } from '../status-feed/feature';
import { createStoreFeature } from '../store/feature';
import { toBridgeError } from '../store/bridge-errors';
import { openStoreWithNotice } from '../store/startup-notice';
import type { StoreClient } from '../store/store-client';
import { StoreKeyError } from '../store/store-key';
import { createSipProvisioningFeature, createSsoFeature } from '../sso/feature';
import { createSyncFeature } from '../sync/feature';
import type { SyncService } from '../sync/sync-service';
import { pullTimingFromPolicy } from '../sync/sync-options';
import { createTelephonyFeature } from '../telephony/feature';
import type { LockedAddress, TelephonyService } from '../telephony/telephony-service';
import { createAppFeature } from './app-feature';
import { closeFeatures, mountFeature, type Feature } from './feature';
import type { PlatformServices } from './platform-services';
import { createTimerScheduler } from './scheduler';

export interface AppCoreOptions {
  version: string;
  /** Where this installation keeps its database, settings and logs. */
  dataDir: string;
  platform: PlatformServices;
  /** Passwords, tokens and the store's key: the OS keychain in Electron, key files in the web shell. */
  secrets: SecretStore;
  log: Logger;
  /** `process.platform` of the host; passed in so tests can vary it. */
  osPlatform?: string;
  /** Telephony settings from configuration; without them the account entered in the app is used. */
  telephonySettings?: TelephonySettings | null;
  /** better-sqlite3's addon built for Electron's ABI (Electron only; Node loads node_modules' build). */
  sqliteNativeBinding?: string;
  /** The agent workflow configuration (defaults < IT policy); read on every use. Default: resources/workflow. */
  workflowConfig?: () => WorkflowConfig;
  /** The agent's id on escalations and stats; default: the SIP username, else "local-agent". */
  agentId?: () => string;
  /** Export diagnostics: the host's log files (newest first) and the effective configuration to include (secrets are masked). */
  diagnostics?: { logFiles?: () => string[]; config?: () => unknown };
  /**
   * The settings owner over IT policy and the agent's files, and what is derived from it
   * (electron/policy: buildPolicyState + policyCoreOptions); default: no policy, the files in `dataDir`.
   */
  policy?: PolicyState;
  /** IT policy enforces the SIP account: the agent cannot change it in the app. */
  telephonyAccountLocked?: boolean;
  /** The SIP server and domain IT policy enforces; the agent still enters their own credentials. */
  telephonyLockedAddress?: LockedAddress | null;
  /** How long the store's one-time start-up work (migration, re-encryption) runs before the window is told; default 1 s, 0 at once. */
  startupNoticeDelayMs?: number;
}

export interface AppCore {
  readonly bridge: BridgeServer;
  readonly info: AppInfo;
  readonly telephony: TelephonyService;
  /** The offline case store (electron/store/README.md). */
  readonly store: StoreClient;
  /** Sync with the CRM; it wakes by itself when a commit queues outbox rows (the store's `outboxChanged`). */
  readonly sync: SyncService;
  /** Escalations to Tier 2 with SLA clocks and the management chain. */
  readonly escalations: EscalationService;
  /** SLA alerts to Slack and Teams webhooks (electron/alerts). */
  readonly alerts: AlertsService;
  /** The agent desk: its call loop (state machine, screen pop, call logging, wrap-up) and contact desk (electron/agent/agent-desk.ts). */
  readonly agent: AgentDesk;
  /** tel:/sip:/callto: links handed over by the OS or a command line: confirmed in the window before dialling. */
  readonly clickToDial: ClickToDialService;
  readonly diagnostics: DiagnosticsService;
  /** The effective IT policy: values, which keys are locked, problems found. */
  readonly policy: PolicyState;
  close(): Promise<void>;
}

export interface StartingAppCore {
  /** Ready for a window at once: app.*, diagnostics.ping and media commands answer; the others wait for `ready`. */
  readonly bridge: BridgeServer;
  readonly ready: Promise<AppCore>;
}

/**
 * Starts the main-side application: every service and every command handler.
 * Both hosts (Electron's main process and the web shell) call this and only
 * add a transport in front of `bridge`, which they can do before `ready`: the
 * window then shows what the start is doing (a one-time database update can
 * take a minute on a large store) instead of nothing.
 */
export function startAppCore(options: AppCoreOptions): StartingAppCore {
  // A store refusal reaches the agent as what the store said, whichever command met it.
  const bridge = new BridgeServer({ log: options.log.child('bridge'), explainError: toBridgeError });
  bridge.holdUntilReady();
  const ready = buildAppCore(options, bridge).then(
    (core) => {
      bridge.markReady();
      return core;
    },
    (error: unknown) => {
      bridge.markFailed(startFailureText(error));
      throw error;
    },
  );
  return { bridge, ready };
}

/**
 * What the window and the host say when the start failed. A database key that cannot be read
 * has its own message (which file, that nothing was changed, what to do): a restart cannot fix it.
 */
export function startFailureText(error: unknown, fallback: UserText = userText('app.start.failed')): UserText {
  return error instanceof StoreKeyError ? error.text : fallback;
}

/** `startAppCore` for hosts and tests that connect once everything is up. */
export function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  return startAppCore(options).ready;
}

async function buildAppCore(options: AppCoreOptions, bridge: BridgeServer): Promise<AppCore> {
  const log = options.log;
  const info: AppInfo = {
    name: 'Switchboard',
    version: options.version,
    host: options.platform.host,
    platform: options.osPlatform ?? process.platform,
    startedAt: Date.now(),
  };
  const mount = <F extends Feature>(feature: F): F => {
    mountFeature(bridge, feature);
    return feature;
  };
  // Before the store opens: the window asks for these while a long one-time update runs.
  const app = mount(createAppFeature({ bridge, info, log: log.child('renderer'), platform: options.platform }));

  const notify = (notice: Notice) => bridge.emit('app.notice', notice);
  const store = await openStoreWithNotice(
    { dataDir: options.dataDir, secrets: options.secrets, log: log.child('store'), nativeBinding: options.sqliteNativeBinding },
    notify,
    options.startupNoticeDelayMs,
  );
  const storeFeature = mount(createStoreFeature({ bridge, store, log: log.child('store') }));
  const policy = options.policy ?? buildPolicyState(SettingsService.open({ dataDir: options.dataDir, log: log.child('settings') }));
  const policyFeature = mount(createPolicyFeature({ bridge, state: policy }));
  // What main shows itself (OS notifications) follows the agent's language, as the window does.
  options.platform.language?.followSetting(() => policy.effective.values.language ?? null);
  // Both services apply it again each time they connect: the policy view only judged the addresses
  // known at start, and an account saved later (or a file the view skipped) must not slip through.
  const encryptionRequired = policy.effective.values.encryptionRequired === true;
  const trustedCa = policy.trust.ca;
  log.info('trusted certificate authorities', trustedCa ? { ...policy.trust.counts } : { runtimeDefault: true });
  // Before sync: the agent's access token is the Sync API's bearer.
  const sso = mount(
    await createSsoFeature({ bridge, secrets: options.secrets, log: log.child('sso'), settings: policy.settings, ca: trustedCa }),
  );
  // Set once the alerts feature (made after sync: it reads sync's record pages) is up.
  let wakeAlerts = (): void => undefined;
  const sync = mount(
    await createSyncFeature({
      bridge,
      store,
      secrets: options.secrets,
      log: log.child('sync'),
      settings: policy.settings,
      version: options.version,
      ca: trustedCa,
      bearer: sso.service.bearer,
      requeued: () => wakeAlerts(),
      timing: pullTimingFromPolicy(policy.effective.values.crmPullIntervalSeconds ?? null),
    }),
  );
  // A sign-in or sign-out changes the bearer: sync connects again with it.
  sso.service.session.on('signedIn', () => void sync.service.credentialsChanged());
  sso.service.session.on('signedOut', () => void sync.service.credentialsChanged());

  const telephonyFeature = mount(
    createTelephonyFeature({
      bridge,
      secrets: options.secrets,
      platform: options.platform,
      log: log.child('telephony'),
      userSettings: policy.settings,
      version: options.version,
      settings: options.telephonySettings ?? null,
      accountLocked: options.telephonyAccountLocked,
      lockedAddress: options.telephonyLockedAddress ?? null,
      encryptionRequired,
      trustedCa,
      policy: options.policy ? { settings: options.policy.settings, log: log.child('policy') } : null,
      outboundGuard: createDoNotCallGuard({
        store,
        mode: () => policy.effective.values.doNotCallOverride ?? 'never',
        now: Date.now,
        log: log.child('do-not-call'),
      }),
    }),
  );
  const telephony = telephonyFeature.service;
  const sipProvisioning = mount(
    createSipProvisioningFeature({ sso: sso.service, settings: policy.settings, telephony, log: log.child('sso'), ca: trustedCa }),
  );

  const defaultWorkflow = defaultWorkflowConfig();
  const workflowConfig = options.workflowConfig ?? (() => defaultWorkflow);
  // With single sign-on, work records name the signed-in agent (electron/sso/agent-identity.ts).
  const agentId = options.agentId ?? (() => sso.service.agent()?.agentId ?? telephony.getState().account?.username ?? 'local-agent');
  // Before escalations: their start reports what breached while the app was closed, as alerts.
  const alerts = mount(
    createAlertsFeature({
      store,
      policy: () => policy.effective.values,
      matrix: () => workflowConfig().escalationMatrix,
      recordPages: (records) => sync.service.recordPages(records),
      scheduler: createTimerScheduler(),
      log: log.child('alerts'),
      version: options.version,
      ca: trustedCa,
      onSettled: () => sync.service.wake(),
    }),
  );
  wakeAlerts = () => alerts.service.delivery.wake();
  const escalations = mount(
    await createEscalationFeature({
      bridge,
      store,
      config: workflowConfig,
      agentId,
      scheduler: createTimerScheduler(),
      log: log.child('escalation'),
      telephony,
      raiseAlert: (record, trigger, at) => alerts.service.raise(record, trigger, at),
    }),
  );
  const stats = mount(
    createStatsFeature({
      store,
      agentId,
      policy: () => workflowConfig().stats,
      events: store,
      scheduler: createTimerScheduler(),
      emit: (channel, payload) => bridge.emit(channel, payload),
      log: log.child('stats'),
    }),
  );
  const statusFeed = mount(
    createStatusFeedFeature({
      bridge,
      url: policy.effective.values.statusFeedUrl ?? null,
      pollSeconds: policy.effective.values.statusFeedPollSeconds ?? 60,
      ca: trustedCa,
      version: options.version,
      scheduler: createTimerScheduler(),
      log: log.child('status-feed'),
    }),
  );
  const agentFeature = mount(
    await createAgentFeature({
      store,
      telephony: { events: telephony.events, reject: (callId, code) => telephony.calls.reject(callId, code) },
      config: workflowConfig,
      agentId,
      scheduler: createTimerScheduler(),
      log: log.child('agent'),
      dataDir: options.dataDir,
      emit: (channel, payload) => bridge.emit(channel, payload),
      holdOutput: (except, maxMs) => bridge.holdOutput(except, maxMs),
      crmPages: sync.service,
      incidentToSuggest: () => statusFeed.service.incidentToSuggest()?.id ?? null,
      platform: options.platform,
    }),
  );
  const callbacks = mount(
    createCallbacksFeature({
      store,
      reminders: agentFeature.service.reminders,
      config: workflowConfig,
      emit: (channel, payload) => bridge.emit(channel, payload),
      log: log.child('callbacks'),
    }),
  );
  const scripts = mount(
    createGuidedScriptsFeature({
      store,
      recording: {
        pause: (callId) => telephony.calls.pauseRecording(callId, 'script'),
        resume: (callId) => telephony.calls.resumeRecording(callId),
      },
      catalog: () => workflowConfig().guidedScripts,
      contactCall: contactCallOf(agentFeature.service.loop),
      onCallOver: (listener) => telephony.events.on('callOver', listener),
      now: Date.now,
      emit: (channel, payload) => bridge.emit(channel, payload),
      log: log.child('scripts'),
    }),
  );

  const clickToDial = mount(createClickToDialFeature({ bridge, platform: options.platform, log: log.child('click-to-dial') }));
  const preShift = mount(
    createPreShiftFeature({
      bridge,
      telephony,
      echoExtension: () => policy.settings.effective.values.preShiftEchoExtension ?? null,
      dataDir: options.dataDir,
      log: log.child('pre-shift'),
    }),
  );
  const diagnostics = mount(
    createDiagnosticsFeature({
      bridge,
      telephony,
      secrets: options.secrets,
      dataDir: options.dataDir,
      log: log.child('diagnostics'),
      versions: () => ({ app: info.version, host: info.host, platform: info.platform }),
      store,
      syncStatus: () => sync.service.status(),
      config:
        options.diagnostics?.config ??
        (() => ({
          // Secrets as "(set)": a webhook address (slaAlertWebhooks) has no secret-looking name for the zip's redaction to catch.
          policy: {
            values: publicValues(policy.effective.values),
            sources: policy.effective.sources,
            problems: problemsInEnglish(policy.effective.problems),
          },
          telephony: options.telephonySettings ?? null,
          account: telephony.getState().account,
          workflow: workflowConfig(),
        })),
      logFiles: options.diagnostics?.logFiles,
    }),
  );

  const missing = bridge.unhandledChannels();
  if (missing.length > 0) throw new Error(`No handler for bridge channels: ${missing.join(', ')}`);

  await telephony.start();

  /**
   * Shutdown order: escalation timers stop; telephony hangs up live calls, so the agent desk logs
   * them; the desk's queued writes finish; an SLA alert being posted finishes (briefly); sync
   * sends what it can; the store closes last.
   */
  const shutdown: Feature[] = [
    callbacks,
    diagnostics,
    preShift,
    clickToDial,
    stats,
    statusFeed,
    escalations,
    sipProvisioning,
    telephonyFeature,
    // After telephony: a call hung up at shutdown during a payment step is recorded as over.
    scripts,
    agentFeature,
    alerts,
    sync,
    sso,
    policyFeature,
    storeFeature,
    app,
  ];

  return {
    bridge,
    info,
    telephony,
    store,
    sync: sync.service,
    escalations: escalations.service,
    alerts: alerts.service,
    agent: agentFeature.service,
    policy,
    clickToDial: clickToDial.service,
    diagnostics: diagnostics.service,
    async close() {
      await closeFeatures(shutdown, (name, error) =>
        log.warn('a feature did not close cleanly', { feature: name, error: error instanceof Error ? error.name : 'unknown' }),
      );
      await store.close();
      bridge.close();
    },
  };
}

/** The policy's values with each secret reduced to whether it is set (shared/policy/resolve.ts `publicValue`). */
function publicValues(values: PolicyValues): Record<string, unknown> {
  return Object.fromEntries(POLICY_KEY_NAMES.map((key) => [key, publicValue(key, values[key])]));
}
