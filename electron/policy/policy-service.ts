/**
 * The effective policy at run time: reads the sources, layers them with the
 * agent's own settings, and derives what each service takes (telephony
 * settings, the sync server, the workflow configuration, the log level).
 * Hosts call `loadPolicy` before `createAppCore` and pass `policyCoreOptions`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { BridgeServer } from '../bridge/bridge-server';
import type { Logger, LogLevel } from '../logging/logger';
import { defaultWorkflowInput, parseWorkflowConfig, defaultWorkflowConfig } from '../agent/workflow-defaults';
import { storedAccountOf, storedAccountSchema, type StoredAccount } from '../telephony/telephony-store';
import type { LockedAddress, TelephonyService } from '../telephony/telephony-service';
import { buildTrustStore, type TrustStore } from '../security/trust-store';
import type { WorkflowConfig } from '../../shared/config/workflow';
import { POLICY_KEY_NAMES, POLICY_KEYS, type PolicyKey, type PolicyValues } from '../../shared/policy/keys';
import type { PolicyView } from '../../shared/policy/contract';
import { publicValue, resolvePolicy, type EffectivePolicy, type PolicyProblem, type PolicySourceReading } from '../../shared/policy/resolve';
import { telephonySettingsSchema, type TelephonySettings } from '../../shared/telephony/settings';
import { readPolicySources, type PolicySourceOptions } from './sources';

export interface PolicyState {
  /** Built-in < policy defaults < the agent's settings < enforced. */
  readonly effective: EffectivePolicy;
  /** The same without the agent's settings: what IT set (what services layer the agent's own choices over). */
  readonly fromPolicy: EffectivePolicy;
  readonly checked: readonly { source: string; found: boolean }[];
  /** The agent's SIP account as saved in the app (telephony.json), if any. */
  readonly storedAccount: StoredAccount | null;
  /** The CAs main's TLS clients trust (bundled + system store + `extraCaFile`), built once here. */
  readonly trust: TrustStore;
}

const telephonyFileSchema = z.object({ account: storedAccountSchema.nullable() });

/** The agent's own settings for policy keys, from the services' files in the data folder (read only). */
export function readUserLayer(dataDir: string): { values: Partial<Record<PolicyKey, unknown>>; storedAccount: StoredAccount | null } {
  const values: Partial<Record<PolicyKey, unknown>> = {};
  let storedAccount: StoredAccount | null = null;
  const telephony = telephonyFileSchema.safeParse(readJson(path.join(dataDir, 'telephony.json')));
  if (telephony.success && telephony.data.account) {
    storedAccount = telephony.data.account;
    values.sipServer = storedAccount.server;
    if (storedAccount.backupServer) values.sipBackupServer = storedAccount.backupServer;
    values.sipDomain = storedAccount.domain;
  }
  const sync = readJson(path.join(dataDir, 'sync-settings.json'));
  if (typeof sync === 'object' && sync !== null && typeof (sync as { serverUrl?: unknown }).serverUrl === 'string') values.crmSyncUrl = (sync as { serverUrl: string }).serverUrl;
  return { values, storedAccount };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function buildPolicyState(
  readings: readonly PolicySourceReading[],
  checked: readonly { source: string; found: boolean }[],
  dataDir: string | null,
  /** Tests stand in for the runtime's system certificate store. */
  options: { getCACertificates?: ((type?: string) => string[]) | null } = {},
): PolicyState {
  const user = dataDir ? readUserLayer(dataDir) : { values: {}, storedAccount: null };
  const effective = resolvePolicy(readings, user.values);
  const trust = trustStoreFrom(effective, options);
  // With the other problems, so the log line, the window's notice and Settings all name the file.
  if (trust.problem) effective.problems.push(trust.problem);
  return { effective, fromPolicy: resolvePolicy(readings), checked, storedAccount: user.storedAccount, trust };
}

/** Only IT sets `extraCaFile` (the agent has no setting for it), so the effective entry is the policy's. */
function trustStoreFrom(effective: EffectivePolicy, options: { getCACertificates?: ((type?: string) => string[]) | null }): TrustStore {
  const entry = effective.entries.extraCaFile;
  const file = typeof entry.value === 'string' ? entry.value : null;
  const level = entry.origin === 'enforced' ? 'enforced' : entry.origin === 'policy-default' ? 'defaults' : null;
  return buildTrustStore({
    extraCaFile: file ? { path: file, source: entry.source ?? 'policy', level } : null,
    ...(options.getCACertificates !== undefined ? { getCACertificates: options.getCACertificates } : {}),
  });
}

export async function loadPolicy(options: PolicySourceOptions & { dataDir: string | null }): Promise<PolicyState> {
  const { readings, checked } = await readPolicySources(options);
  return buildPolicyState(readings, checked, options.dataDir);
}

/** One log line per problem (warn), so IT finds them in the logs as well as in the app. */
export function logPolicyProblems(log: Logger, state: PolicyState): void {
  const found = state.checked.filter((c) => c.found).length;
  log.info('policy loaded', { sourcesFound: found, locked: POLICY_KEY_NAMES.filter((k) => state.effective.entries[k].locked).length, problems: state.effective.problems.length });
  for (const problem of state.effective.problems) log.warn('policy problem', { key: problem.key, level: problem.level, message: problem.message.slice(0, 500) });
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
        source: entry.source,
      };
    }),
    problems: state.effective.problems.map((p): PolicyProblem => ({ ...p })),
    sources: state.checked.map((c) => ({ ...c })),
  };
}

/** Registers `policy.get` and tells a connected renderer about the problems. */
export function registerPolicyHandlers(bridge: BridgeServer, state: PolicyState): void {
  bridge.handle('policy.get', () => policyView(state));
  state.effective.problems.forEach((problem, index) => {
    bridge.emit('app.notice', { id: `policy-${index}`, level: 'warning', message: problem.message.slice(0, 500) });
  });
}

/** The log level: enforced policy, else the host's explicit choice, else the policy default, else info. */
export function policyLogLevel(state: PolicyState, hostChoice: LogLevel | null): LogLevel {
  const entry = state.effective.entries.logLevel;
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
  const parsed = parseWorkflowConfig(input, 'policy');
  if (parsed.ok) return parsed.config;
  log?.warn('workflow policy could not be combined; using the shipped workflow', { problems: parsed.problems.length });
  return defaultWorkflowConfig();
}

/** The sync server IT set, and whether the agent may change it (the sync service layers the agent's choice itself). */
export function syncPolicyFrom(state: PolicyState): { serverUrl: string | null; locked: boolean } {
  const entry = state.fromPolicy.entries.crmSyncUrl;
  return { serverUrl: typeof entry.value === 'string' ? entry.value : null, locked: entry.locked };
}

const ACCOUNT_KEYS = ['sipServer', 'sipBackupServer', 'sipDomain'] as const;

/**
 * Telephony settings for the core. Account fields: enforced policy, else the
 * agent's saved account, else policy defaults. The account is locked in the
 * app when IT enforces any account field and an account is known (the
 * username is the agent's own); ICE, DTMF and the proxy come from policy.
 */
export function telephonyFromPolicy(
  state: PolicyState,
  account: StoredAccount | null = state.storedAccount,
): { settings: TelephonySettings | null; accountLocked: boolean; lockedAddress: LockedAddress | null } {
  const v = state.effective.values;
  const username = account?.username ?? null;
  // Enforced server/domain bind the account even before the agent has entered their user name.
  const enforced = ACCOUNT_KEYS.some((key) => state.effective.entries[key].locked);
  const lockedAddress = enforced && v.sipServer && v.sipDomain ? { server: v.sipServer, backupServer: v.sipBackupServer ?? null, domain: v.sipDomain } : null;
  if (!username || !v.sipServer || !v.sipDomain) return { settings: null, accountLocked: lockedAddress !== null, lockedAddress };
  const iceServers = [
    ...(v.stunUrls && v.stunUrls.length > 0 ? [{ urls: v.stunUrls }] : []),
    ...(v.turnUrls && v.turnUrls.length > 0
      ? [{ urls: v.turnUrls, ...(v.turnUsername ? { username: v.turnUsername } : {}), ...(v.turnCredential ? { credential: v.turnCredential } : {}) }]
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
  });
  if (!parsed.success) return { settings: null, accountLocked: lockedAddress !== null, lockedAddress };
  return { settings: parsed.data, accountLocked: enforced, lockedAddress };
}

/**
 * When the agent saves an account while policy settings exist (TURN, DTMF, an
 * enforced domain), re-applies them with the new username: the phone helper's
 * service takes settings, not a policy, so this closes the loop.
 */
export function bindTelephonyPolicy(telephony: TelephonyService, state: PolicyState, log: Logger): () => void {
  let appliedFor: string | null = state.storedAccount?.username ?? null;
  return telephony.events.on('registration', () => {
    const account = telephony.getState().account;
    if (!account || account.username === appliedFor) return;
    appliedFor = account.username;
    const stored = storedAccountOf(account);
    const derived = telephonyFromPolicy(state, stored);
    if (!derived.settings) return;
    log.info('applying policy to the new SIP account', { accountLocked: derived.accountLocked });
    telephony.applySettings(derived.settings, { accountLocked: derived.accountLocked, lockedAddress: derived.lockedAddress }).catch((error: unknown) => log.warn('could not apply policy to the SIP account', { error: error instanceof Error ? error.name : 'unknown' }));
  });
}

/** Everything a host passes into createAppCore from the policy. */
export function policyCoreOptions(state: PolicyState, log?: Logger): {
  policy: PolicyState;
  telephonySettings: TelephonySettings | null;
  telephonyAccountLocked: boolean;
  telephonyLockedAddress: LockedAddress | null;
  syncPolicy: { serverUrl: string | null; locked: boolean };
  workflowConfig: () => WorkflowConfig;
} {
  const telephony = telephonyFromPolicy(state);
  const workflow = workflowFromPolicy(state.effective.values, log);
  return {
    policy: state,
    telephonySettings: telephony.settings,
    telephonyAccountLocked: telephony.accountLocked,
    telephonyLockedAddress: telephony.lockedAddress,
    syncPolicy: syncPolicyFrom(state),
    workflowConfig: () => workflow,
  };
}
