import type { AppInfo } from '../../shared/bridge/commands';
import { AgentDesk, registerAgentHandlers } from '../agent/agent-desk';
import { createTimerScheduler } from '../agent/scheduler';
import { defaultWorkflowConfig } from '../agent/workflow-defaults';
import { BridgeServer } from '../bridge/bridge-server';
import { createEscalationService } from '../escalation/bridge-handlers';
import type { EscalationService } from '../escalation/escalation-service';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { registerStatsHandlers, StatsService } from '../stats/stats-service';
import { registerStoreCommands } from '../store/bridge-handlers';
import type { StartupWork } from '../store/protocol';
import { StoreClient } from '../store/store-client';
import { StoreKeyError } from '../store/store-key';
import { createSyncService } from '../sync/bridge-handlers';
import type { SyncService } from '../sync/sync-service';
import type { TelephonySettings } from '../../shared/telephony/settings';
import type { WorkflowConfig } from '../../shared/config/workflow';
import { registerTelephonyHandlers } from '../telephony/telephony-handlers';
import { TelephonyService, type LockedAddress } from '../telephony/telephony-service';
import type { PlatformServices } from './platform-services';
import { ClickToDialService } from '../click-to-dial/service';
import { DiagnosticsService } from '../diagnostics/service';
import { registerRendererErrorLog } from '../diagnostics/renderer-errors';
import { bindTelephonyPolicy, buildPolicyState, registerPolicyHandlers, type PolicyState } from '../policy/policy-service';

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
  /** The effective IT policy (electron/policy: loadPolicy + policyCoreOptions); default: none found. */
  policy?: PolicyState;
  /** IT policy enforces the SIP account: the agent cannot change it in the app. */
  telephonyAccountLocked?: boolean;
  /** The SIP server and domain IT policy enforces; the agent still enters their own credentials. */
  telephonyLockedAddress?: LockedAddress | null;
  /** The CRM sync server set by IT policy, and whether it is locked. */
  syncPolicy?: { serverUrl: string | null; locked: boolean };
  /** How long the store's one-time start-up work (migration, re-encryption) runs before the window is told; default 1 s, 0 at once. */
  startupNoticeDelayMs?: number;
}

export interface AppCore {
  readonly bridge: BridgeServer;
  readonly info: AppInfo;
  readonly telephony: TelephonyService;
  /** The offline case store (electron/store/README.md). */
  readonly store: StoreClient;
  /** Sync with the CRM; call `sync.wake()` after committing agent work to send it at once. */
  readonly sync: SyncService;
  /** Escalations to Tier 2 with SLA clocks and the management chain. */
  readonly escalations: EscalationService;
  /** The agent's call loop: state machine, screen pop, call logging, wrap-up (electron/agent/agent-desk.ts). */
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
  const bridge = new BridgeServer({ log: options.log.child('bridge') });
  bridge.holdUntilReady();
  const ready = buildAppCore(options, bridge).then(
    (core) => {
      bridge.markReady();
      return core;
    },
    (error: unknown) => {
      bridge.markFailed(startFailureMessage(error));
      throw error;
    },
  );
  return { bridge, ready };
}

/**
 * What the window and the host say when the start failed. A database key that cannot be read
 * has its own sentence (which file, that nothing was changed, what to do): a restart cannot fix it.
 */
export function startFailureMessage(error: unknown): string {
  if (error instanceof StoreKeyError) return error.message;
  return 'Switchboard could not start. Restart it; if this repeats, export diagnostics for IT.';
}

/** `startAppCore` for hosts and tests that connect once everything is up. */
export function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  return startAppCore(options).ready;
}

/** Notice id of the one-time database work at start, replaced when it is done. */
const STORE_STARTUP_NOTICE = 'store-startup';
/**
 * One-time start-up work that ends sooner is not announced: after an update, most migrations take a
 * fraction of a second, and a notice the agent has to dismiss would be all they noticed of it.
 */
const STARTUP_NOTICE_DELAY_MS = 1_000;
/** Re-encryption's rate with its checks, a low reading (docs/performance.md, "Store: encryption"); said as "about N seconds". */
const UPGRADE_BYTES_PER_S = 30 * 1024 * 1024;

function startupWorkNotice(work: StartupWork, bytes: number): string {
  const seconds = Math.max(5, Math.ceil(bytes / UPGRADE_BYTES_PER_S / 5) * 5);
  const what =
    work === 'cipher-upgrade'
      ? 'Switchboard is re-encrypting the local customer database in a faster format'
      : 'Switchboard is updating the local customer database for this version';
  return `${what} (once, after this update; about ${seconds} seconds). Calls, screen pops and the customer list start when it is done.`;
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

  bridge.handle('app.getInfo', () => info);
  bridge.handle('app.listNotices', () => ({ notices: bridge.retainedNotices() }));
  bridge.handle('app.dismissNotice', ({ id }) => {
    bridge.dismissNotice(id);
    return {};
  });
  bridge.handle('diagnostics.ping', ({ nonce }) => {
    const receivedAt = Date.now();
    bridge.emit('diagnostics.pinged', { nonce, at: receivedAt });
    return { nonce, receivedAt };
  });
  bridge.handle('diagnostics.probeMedia', () => bridge.requestMedia('media.probe', {}, { timeoutMs: 5_000 }));
  bridge.handle('media.ready', (_request, { link }) => {
    bridge.attachMediaEngine(link);
    return {};
  });
  registerRendererErrorLog(bridge, log.child('renderer'));

  let startupWorkSince: number | null = null;
  let startupNotice: { timer: NodeJS.Timeout | null; shown: boolean } = { timer: null, shown: false };
  let store: StoreClient;
  try {
    store = await StoreClient.open({
      dataDir: options.dataDir,
      secrets: options.secrets,
      log: log.child('store'),
      nativeBinding: options.sqliteNativeBinding,
      onStartupWork: (work, bytes) => {
        startupWorkSince ??= Date.now();
        const tell = () => {
          startupNotice = { timer: null, shown: true };
          bridge.emit('app.notice', { id: STORE_STARTUP_NOTICE, level: 'info', message: startupWorkNotice(work, bytes) });
        };
        // A second kind of work (re-encryption, then a migration) replaces the first one's text.
        if (startupNotice.timer) clearTimeout(startupNotice.timer);
        const delayMs = options.startupNoticeDelayMs ?? STARTUP_NOTICE_DELAY_MS;
        if (startupNotice.shown || delayMs === 0) tell();
        else startupNotice.timer = setTimeout(tell, delayMs);
      },
    });
  } finally {
    if (startupNotice.timer) clearTimeout(startupNotice.timer);
  }
  if (startupWorkSince !== null && (startupNotice.shown || store.state !== 'ready')) {
    const seconds = Math.max(1, Math.round((Date.now() - startupWorkSince) / 1000));
    const message =
      store.state === 'ready' ? `The local customer database was updated in ${seconds} s; Switchboard is ready.` : 'The local customer database could not be updated (see the notice below).';
    bridge.emit('app.notice', { id: STORE_STARTUP_NOTICE, level: store.state === 'ready' ? 'info' : 'warning', message });
  }
  const detachStore = registerStoreCommands(bridge, store, log.child('store'));
  const policy = options.policy ?? buildPolicyState([], [], options.dataDir);
  registerPolicyHandlers(bridge, policy);
  // Both services apply it again each time they connect: the policy view only judged the addresses
  // known at start, and an account saved later (or a file the view skipped) must not slip through.
  const encryptionRequired = policy.effective.values.encryptionRequired === true;
  const trustedCa = policy.trust.ca;
  log.info('trusted certificate authorities', trustedCa ? { ...policy.trust.counts } : { runtimeDefault: true });
  const sync = await createSyncService({
    bridge,
    store,
    secrets: options.secrets,
    log: log.child('sync'),
    dataDir: options.dataDir,
    version: options.version,
    policy: { ...options.syncPolicy, encryptionRequired },
    ca: trustedCa,
  });

  const telephony = new TelephonyService({
    bridge,
    secrets: options.secrets,
    platform: options.platform,
    log: log.child('telephony'),
    dataDir: options.dataDir,
    version: options.version,
    settings: options.telephonySettings ?? null,
    accountLocked: options.telephonyAccountLocked,
    lockedAddress: options.telephonyLockedAddress ?? null,
    encryptionRequired,
    trustedCa,
  });
  registerTelephonyHandlers(bridge, telephony);
  const unbindTelephonyPolicy = options.policy ? bindTelephonyPolicy(telephony, options.policy, log.child('policy')) : () => undefined;

  const defaultWorkflow = defaultWorkflowConfig();
  const workflowConfig = options.workflowConfig ?? (() => defaultWorkflow);
  const agentId = options.agentId ?? (() => telephony.getState().account?.username ?? 'local-agent');
  const escalations = await createEscalationService({
    bridge,
    store,
    config: workflowConfig,
    agentId,
    scheduler: createTimerScheduler(),
    log: log.child('escalation'),
    wakeSync: () => sync.wake(),
    telephony,
  });
  registerStatsHandlers(bridge, new StatsService({ store, agentId, policy: () => workflowConfig().stats }));
  const agent = await AgentDesk.open({
    store,
    telephony: { events: telephony.events, reject: (callId, code) => telephony.calls.reject(callId, code) },
    config: workflowConfig,
    agentId,
    scheduler: createTimerScheduler(),
    log: log.child('agent'),
    dataDir: options.dataDir,
    emit: (channel, payload) => bridge.emit(channel, payload),
    wakeSync: () => sync.wake(),
  });
  registerAgentHandlers(bridge, agent);

  const clickToDial = new ClickToDialService({ bridge, platform: options.platform, log: log.child('click-to-dial') });
  clickToDial.register();
  const diagnostics = new DiagnosticsService({
    bridge,
    telephony,
    secrets: options.secrets,
    dataDir: options.dataDir,
    log: log.child('diagnostics'),
    versions: () => ({ app: info.version, host: info.host, platform: info.platform }),
    store: async () => ({ ...(await store.status()), requestTimes: store.requestTimes(), threadPriorities: store.threadPriorities(), threadHealth: store.threadHealth() }),
    config:
      options.diagnostics?.config ??
      (() => ({
        policy: { values: policy.effective.values, sources: policy.effective.sources, problems: policy.effective.problems },
        telephony: options.telephonySettings ?? null,
        account: telephony.getState().account,
        workflow: workflowConfig(),
      })),
    logFiles: options.diagnostics?.logFiles,
  });
  diagnostics.register();

  const missing = bridge.unhandledChannels();
  if (missing.length > 0) throw new Error(`No handler for bridge channels: ${missing.join(', ')}`);

  await telephony.start();

  return {
    bridge,
    info,
    telephony,
    store,
    sync,
    escalations,
    agent,
    policy,
    clickToDial,
    diagnostics,
    async close() {
      unbindTelephonyPolicy();
      escalations.close();
      await telephony.close();
      await agent.close();
      await sync.close();
      detachStore();
      await store.close();
      bridge.close();
    },
  };
}
