/**
 * What the app takes from IT policy at start, over the settings owner (electron/settings): the
 * trust store, the problems to report, and what each service is built with (telephony settings,
 * the workflow configuration, the log level). Hosts read the policy sources, open the settings
 * owner over them, and pass `policyCoreOptions(buildPolicyState(settings))` to `createAppCore`.
 */
import type { BridgeServer } from '../bridge/bridge-server';
import type { Feature } from '../core/feature';
import type { Logger, LogLevel } from '../logging/logger';
import { defaultWorkflowInput, parseWorkflowConfig, defaultWorkflowConfig } from '../agent/workflow-defaults';
import { SettingsError, type SettingsService } from '../settings/settings-service';
import { BridgeError } from '../../shared/bridge/errors';
import type { StoredAccount } from '../settings/user-sections';
import type { LockedAddress, TelephonyService } from '../telephony/telephony-service';
import { buildTrustStore, type TrustStore } from '../security/trust-store';
import type { WorkflowConfig } from '../../shared/config/workflow';
import { POLICY_KEY_NAMES, POLICY_KEYS, type PolicyValues } from '../../shared/policy/keys';
import type { PolicyView } from '../../shared/policy/contract';
import {
  publicValue,
  resolvePolicy,
  type EffectivePolicy,
  type PolicyProblem,
  type PolicySourceReading,
} from '../../shared/policy/resolve';
import { telephonySettingsSchema, type TelephonySettings } from '../../shared/telephony/settings';
import { englishOf } from '../../shared/text/user-text';
import { sourceText } from './registry';

export interface PolicyState {
  /** The layers (IT policy's readings, the agent's settings files) and the effective values. */
  readonly settings: SettingsService;
  /**
   * The settings owner's effective values as they are now (built-in < policy defaults < the
   * agent's settings < enforced), with the CA file's problem among the others, so the log line,
   * the window's notice and Settings all name the file.
   */
  readonly effective: EffectivePolicy;
  readonly checked: readonly { source: string; found: boolean }[];
  /** The CAs main's TLS clients trust (bundled + system store + `extraCaFile`), built once here. */
  readonly trust: TrustStore;
}

export function buildPolicyState(
  settings: SettingsService,
  /** Tests stand in for the runtime's system certificate store. */
  options: { getCACertificates?: ((type?: string) => string[]) | null } = {},
): PolicyState {
  const trust = trustStoreFrom(settings.fromPolicy, options);
  return {
    settings,
    trust,
    checked: settings.policy.checked,
    get effective(): EffectivePolicy {
      const effective = settings.effective;
      return trust.problem ? { ...effective, problems: [...effective.problems, trust.problem] } : effective;
    },
  };
}

/** Only IT sets `extraCaFile` (the agent has no setting for it). */
function trustStoreFrom(fromPolicy: EffectivePolicy, options: { getCACertificates?: ((type?: string) => string[]) | null }): TrustStore {
  const entry = fromPolicy.entries.extraCaFile;
  const file = typeof entry.value === 'string' ? entry.value : null;
  const level = entry.origin === 'enforced' ? 'enforced' : entry.origin === 'policy-default' ? 'defaults' : null;
  return buildTrustStore({
    extraCaFile: file ? { path: file, source: entry.source ?? 'policy', level } : null,
    ...(options.getCACertificates !== undefined ? { getCACertificates: options.getCACertificates } : {}),
  });
}

/** One log line per problem (warn), so IT finds them in the logs as well as in the app. */
export function logPolicyProblems(log: Logger, state: PolicyState): void {
  const found = state.checked.filter((c) => c.found).length;
  log.info('policy loaded', {
    sourcesFound: found,
    locked: POLICY_KEY_NAMES.filter((k) => state.effective.entries[k].locked).length,
    problems: state.effective.problems.length,
  });
  for (const problem of state.effective.problems)
    log.warn('policy problem', { key: problem.key, level: problem.level, message: englishOf(problem.message).slice(0, 500) });
}

/** The problems as the diagnostics bundle and logs write them: each message in English. */
export function problemsInEnglish(problems: readonly PolicyProblem[]): (Omit<PolicyProblem, 'message'> & { message: string })[] {
  return problems.map((problem) => ({ ...problem, message: englishOf(problem.message) }));
}

/** What `policy.get` returns: secrets reduced to "(set)". */
export function policyView(state: PolicyState): PolicyView {
  return {
    entries: POLICY_KEY_NAMES.map((key) => {
      const entry = state.effective.entries[key];
      const definition = POLICY_KEYS[key];
      return {
        key,
        section: definition.section,
        title: definition.title,
        description: definition.description,
        value: publicValue(key, entry.value),
        origin: entry.origin,
        locked: entry.locked,
        source: entry.source === null ? null : sourceText(entry.source),
      };
    }),
    problems: state.effective.problems.map((p): PolicyProblem => ({ ...p })),
    sources: state.checked.map((c) => ({ ...c })),
  };
}

/** Policy: `policy.get`, `policy.setAppearance`, and each problem found told to the window as a notice it keeps. */
export function createPolicyFeature(deps: { bridge: Pick<BridgeServer, 'emit'>; state: PolicyState }): Feature {
  const { bridge, state } = deps;
  state.effective.problems.forEach((problem, index) => {
    bridge.emit('app.notice', { id: `policy-${index}`, level: 'warning', message: problem.message });
  });
  return {
    name: 'policy',
    handlers: {
      'policy.get': () => policyView(state),
      'policy.setAppearance': (change) => {
        try {
          state.settings.updateAppearance({
            ...(change.theme !== undefined ? { theme: change.theme } : {}),
            ...(change.language !== undefined ? { language: change.language } : {}),
          });
        } catch (error) {
          // A locked setting is the agent's to read about; a file that cannot be written is logged by the bridge.
          if (error instanceof SettingsError) throw new BridgeError('forbidden', error.message);
          throw error;
        }
        return policyView(state);
      },
    },
  };
}

/**
 * The log level: enforced policy, else the host's explicit choice, else the policy default, else
 * info. From the readings alone (the agent has no setting for it), so the host has its logger
 * before the settings owner reads the agent's files and may have to report one.
 */
export function policyLogLevel(readings: readonly PolicySourceReading[], hostChoice: LogLevel | null): LogLevel {
  const entry = resolvePolicy(readings).entries.logLevel;
  if (entry.locked || hostChoice === null) return entry.value as LogLevel;
  return hostChoice;
}

/** The workflow configuration: the shipped catalogs with each policy-set part laid over them. */
export function workflowFromPolicy(values: PolicyValues, log?: Logger): WorkflowConfig {
  const input = defaultWorkflowInput();
  if (values.wrapUpCodes) input.wrapUpCodes = values.wrapUpCodes;
  if (values.notReadyReasons) input.notReadyReasons = values.notReadyReasons;
  if (values.escalationMatrix) input.escalationMatrix = values.escalationMatrix;
  if (values.slaPolicy) input.sla = values.slaPolicy;
  if (values.afterCallWork) input.afterCallWork = values.afterCallWork;
  if (values.inboundCalls) input.inboundDecline = values.inboundCalls;
  if (values.guidedScripts) input.guidedScripts = values.guidedScripts;
  const parsed = parseWorkflowConfig(input, 'policy');
  if (parsed.ok) return parsed.config;
  log?.warn('workflow policy could not be combined; using the shipped workflow', { problems: parsed.problems.length });
  return defaultWorkflowConfig();
}

const ACCOUNT_KEYS = ['sipServer', 'sipBackupServer', 'sipDomain'] as const;

/**
 * Telephony settings for the core. Account fields: enforced policy, else the
 * agent's saved account, else policy defaults. The account is locked in the
 * app when IT enforces any account field and an account is known (the
 * username is the agent's own); ICE, DTMF and the proxy come from policy.
 */
export function telephonyFromPolicy(
  settings: SettingsService,
  account: StoredAccount | null = settings.account,
): { settings: TelephonySettings | null; accountLocked: boolean; lockedAddress: LockedAddress | null } {
  const v = settings.effective.values;
  const username = account?.username ?? null;
  // Enforced server/domain bind the account even before the agent has entered their user name.
  const enforced = ACCOUNT_KEYS.some((key) => settings.isLocked(key));
  const lockedAddress =
    enforced && v.sipServer && v.sipDomain ? { server: v.sipServer, backupServer: v.sipBackupServer ?? null, domain: v.sipDomain } : null;
  if (!username || !v.sipServer || !v.sipDomain) return { settings: null, accountLocked: lockedAddress !== null, lockedAddress };
  const iceServers = [
    ...(v.stunUrls && v.stunUrls.length > 0 ? [{ urls: v.stunUrls }] : []),
    ...(v.turnUrls && v.turnUrls.length > 0
      ? [
          {
            urls: v.turnUrls,
            ...(v.turnUsername ? { username: v.turnUsername } : {}),
            ...(v.turnCredential ? { credential: v.turnCredential } : {}),
          },
        ]
      : []),
  ];
  const parsed = telephonySettingsSchema.safeParse({
    servers: { primary: v.sipServer, backup: v.sipBackupServer ?? null },
    domain: v.sipDomain,
    username,
    authUsername: account?.authUsername ?? null,
    displayName: account?.displayName ?? null,
    outboundProxy: v.sipOutboundProxy ?? null,
    iceServers,
    dtmfMode: v.dtmfMode ?? 'rfc4733',
    iceTransportPolicy: v.iceTransportPolicy ?? 'all',
    dtlsRoleWhileRinging: v.dtlsRoleWhileRinging ?? 'auto',
  });
  if (!parsed.success) return { settings: null, accountLocked: lockedAddress !== null, lockedAddress };
  return { settings: parsed.data, accountLocked: enforced, lockedAddress };
}

/**
 * When the agent saves an account while policy settings exist (TURN, DTMF, an
 * enforced domain), re-applies them with the new username: the phone helper's
 * service takes settings, not a policy, so this closes the loop.
 */
export function bindTelephonyPolicy(telephony: TelephonyService, settings: SettingsService, log: Logger): () => void {
  let appliedFor: string | null = settings.account?.username ?? null;
  return settings.events.on('account', (account) => {
    if (!account || account.username === appliedFor) return;
    appliedFor = account.username;
    // Once the save has set the phone going with the account as entered (the account is announced
    // in the middle of `setAccount`): the policy is laid over it in a second step, so a save that
    // changes nothing the policy sets restarts the phone once, not twice.
    queueMicrotask(() => {
      const derived = telephonyFromPolicy(settings, account);
      if (!derived.settings) return;
      log.info('applying policy to the new SIP account', { accountLocked: derived.accountLocked });
      telephony
        .applySettings(derived.settings, { accountLocked: derived.accountLocked, lockedAddress: derived.lockedAddress })
        .catch((error: unknown) =>
          log.warn('could not apply policy to the SIP account', { error: error instanceof Error ? error.name : 'unknown' }),
        );
    });
  });
}

/** Everything a host passes into createAppCore from the policy. */
export function policyCoreOptions(
  state: PolicyState,
  log?: Logger,
): {
  policy: PolicyState;
  telephonySettings: TelephonySettings | null;
  telephonyAccountLocked: boolean;
  telephonyLockedAddress: LockedAddress | null;
  workflowConfig: () => WorkflowConfig;
} {
  const telephony = telephonyFromPolicy(state.settings);
  const workflow = workflowFromPolicy(state.effective.values, log);
  return {
    policy: state,
    telephonySettings: telephony.settings,
    telephonyAccountLocked: telephony.accountLocked,
    telephonyLockedAddress: telephony.lockedAddress,
    workflowConfig: () => workflow,
  };
}
