/**
 * Turns what the policy sources hold into the settings the app runs on.
 *
 * Layering, lowest first: built-in defaults < policy defaults < the agent's own settings < policy enforced.
 * Sources are given in precedence order (Windows: HKLM before HKCU; macOS: the user's managed
 * preferences before the computer's; then the policy.json beside the install): the first source
 * that sets a key at a level wins that level.
 *
 * A value that is not valid is ignored, with a problem that names the key, the source and why;
 * the key then falls back to the next layer, so the app always starts.
 */
import type { z } from 'zod';
import { englishOf, userText, type UserText } from '../text/user-text';
import { allowedUnderEncryptionPolicy } from './encryption';
import { isPolicyKey, POLICY_KEY_NAMES, POLICY_KEYS, type PolicyKey, type PolicyValueKind, type PolicyValues } from './keys';
import { issuesText } from './rule-text';

export const POLICY_LEVELS = ['defaults', 'enforced'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];

export const POLICY_ORIGINS = ['built-in', 'policy-default', 'user', 'enforced'] as const;
export type PolicyOrigin = (typeof POLICY_ORIGINS)[number];

export interface PolicyProblem {
  /** The key at fault; null when the source as a whole could not be read. */
  key: string | null;
  /** Where it came from, e.g. "HKLM\Software\Policies\Switchboard" or "/etc/switchboard/policy.json". */
  source: string;
  level: PolicyLevel | null;
  /**
   * For the administrator: the key, the source, what is wrong, what is used instead. A message the
   * window translates (`englishOf` for logs and diagnostics).
   */
  message: UserText;
}

/** What one source holds, still unchecked. */
export interface PolicySourceReading {
  source: string;
  defaults: Record<string, unknown>;
  enforced: Record<string, unknown>;
  /** Problems with the source as a whole (unreadable, not JSON, wrong shape). */
  problems: PolicyProblem[];
}

export interface PolicyEntry {
  key: PolicyKey;
  value: unknown;
  origin: PolicyOrigin;
  /** Enforced by policy: the agent cannot change it. */
  locked: boolean;
  /** The policy source it came from (null for built-in and user values). */
  source: string | null;
}

export interface EffectivePolicy {
  values: PolicyValues;
  entries: Record<PolicyKey, PolicyEntry>;
  problems: PolicyProblem[];
  /** The sources that were read, in precedence order. */
  sources: string[];
}

/** `reason`: what is wrong with the value, e.g. "must be at most 253 characters". */
export type CheckedValue = { ok: true; value: unknown } | { ok: false; reason: UserText };

const KIND_HINT: Record<PolicyValueKind, UserText> = {
  string: userText('policy.rule.notText'),
  boolean: userText('policy.rule.notBoolean'),
  stringList: userText('policy.rule.notList'),
  json: userText('policy.rule.notJsonDocument'),
};

/** Brings a raw value (from JSON, a plist or the registry) to the shape its schema expects. */
export function coerceRaw(kind: PolicyValueKind, raw: unknown): CheckedValue {
  switch (kind) {
    case 'string':
      return typeof raw === 'string' ? { ok: true, value: raw } : { ok: false, reason: KIND_HINT.string };
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (typeof raw === 'number')
        return raw === 0 || raw === 1
          ? { ok: true, value: raw === 1 }
          : { ok: false, reason: userText('policy.rule.notBooleanNumber', { value: raw }) };
      return { ok: false, reason: KIND_HINT.boolean };
    case 'stringList':
      if (typeof raw === 'string') {
        if (raw.trim().startsWith('[')) return coerceRaw('stringList', parseJson(raw).value ?? null);
        return { ok: true, value: raw.trim() === '' ? [] : [raw] };
      }
      if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) return { ok: true, value: raw };
      return { ok: false, reason: KIND_HINT.stringList };
    case 'json': {
      if (
        typeof raw === 'string' ||
        (Array.isArray(raw) && raw.every((line) => typeof line === 'string') && raw.length > 0 && kindOfJsonText(raw))
      ) {
        const text = typeof raw === 'string' ? raw : raw.join('\n');
        const parsed = parseJson(text);
        if (parsed.error !== null) return { ok: false, reason: userText('policy.rule.notJsonBecause', { detail: parsed.error }) };
        return typeof parsed.value === 'object' && parsed.value !== null
          ? { ok: true, value: parsed.value }
          : { ok: false, reason: KIND_HINT.json };
      }
      return typeof raw === 'object' && raw !== null ? { ok: true, value: raw } : { ok: false, reason: KIND_HINT.json };
    }
  }
}

/** A REG_MULTI_SZ of JSON lines rather than a plain list of strings (used only for `json` keys). */
function kindOfJsonText(lines: string[]): boolean {
  const first = lines[0]?.trim() ?? '';
  return first.startsWith('{') || first.startsWith('[');
}

function parseJson(text: string): { value: unknown; error: string | null } {
  try {
    return { value: JSON.parse(text) as unknown, error: null };
  } catch (error) {
    return { value: undefined, error: error instanceof Error ? error.message.slice(0, 120) : 'unreadable' };
  }
}

/**
 * "[2].label: must not be empty" - the first three problems, in English, for main's own errors and
 * logs. The window gets them as a message it translates (`issuesText` in ./rule-text).
 */
export function describeZodIssues(error: z.ZodError): string {
  return englishOf(issuesText(error));
}

/** Checks one value for one key: its kind, then its schema. */
export function checkPolicyValue(key: PolicyKey, raw: unknown): CheckedValue {
  const definition = POLICY_KEYS[key];
  const coerced = coerceRaw(definition.kind, raw);
  // The JSON parser quotes the text it stopped at, which for a secret (a webhook address) is the secret.
  if (!coerced.ok) {
    return definition.secret && coerced.reason.key === 'policy.rule.notJsonBecause'
      ? { ok: false, reason: userText('policy.rule.notJson') }
      : coerced;
  }
  const parsed = (definition.schema as z.ZodType).safeParse(coerced.value);
  if (!parsed.success) return { ok: false, reason: issuesText(parsed.error) };
  return { ok: true, value: parsed.data };
}

const FALLBACK: Record<PolicyOrigin, UserText> = {
  'built-in': userText('policy.fallback.builtIn'),
  'policy-default': userText('policy.fallback.policyDefault'),
  user: userText('policy.fallback.user'),
  enforced: userText('policy.fallback.enforced'),
};

interface Candidate {
  value: unknown;
  source: string;
}

/**
 * Resolves every key. `user` holds the agent's own settings (already known to be theirs to set);
 * values that fail their schema there are ignored too.
 */
export function resolvePolicy(readings: readonly PolicySourceReading[], user: Partial<Record<PolicyKey, unknown>> = {}): EffectivePolicy {
  const problems: PolicyProblem[] = [];
  const pending: { key: PolicyKey; source: string; level: PolicyLevel; reason: UserText }[] = [];
  const chosen: Record<PolicyLevel, Partial<Record<PolicyKey, Candidate>>> = { defaults: {}, enforced: {} };

  for (const reading of readings) {
    problems.push(...reading.problems);
    for (const level of POLICY_LEVELS) {
      for (const [name, raw] of Object.entries(reading[level])) {
        if (!isPolicyKey(name)) {
          problems.push({
            key: name,
            source: reading.source,
            level,
            message: unknownKeyText(name.slice(0, 60), reading.source, level),
          });
          continue;
        }
        if (chosen[level][name] !== undefined) continue; // a source earlier in line already set it
        const checked = checkPolicyValue(name, raw);
        if (!checked.ok) {
          pending.push({ key: name, source: reading.source, level, reason: checked.reason });
          continue;
        }
        chosen[level][name] = { value: checked.value, source: reading.source };
      }
    }
  }

  const entries = {} as Record<PolicyKey, PolicyEntry>;
  for (const key of POLICY_KEY_NAMES) {
    const enforced = chosen.enforced[key];
    const userValue = key in user ? checkPolicyValue(key, user[key]) : null;
    const policyDefault = chosen.defaults[key];
    if (enforced) entries[key] = { key, value: enforced.value, origin: 'enforced', locked: true, source: enforced.source };
    else if (userValue?.ok && userValue.value !== null)
      entries[key] = { key, value: userValue.value, origin: 'user', locked: false, source: null };
    else if (policyDefault)
      entries[key] = { key, value: policyDefault.value, origin: 'policy-default', locked: false, source: policyDefault.source };
    else entries[key] = { key, value: POLICY_KEYS[key].builtin, origin: 'built-in', locked: false, source: null };
  }

  // Cross-key rule: with encryption required, unencrypted addresses are not used, whoever set them
  // (the services apply the same rule again when they connect: shared/policy/encryption.ts).
  if (entries.encryptionRequired.value === true) {
    for (const key of ['sipServer', 'sipBackupServer', 'crmSyncUrl'] as const) {
      const entry = entries[key];
      if (typeof entry.value === 'string' && !allowedUnderEncryptionPolicy(entry.value)) {
        problems.push({
          key,
          source: entry.source ?? (entry.origin === 'user' ? "the agent's settings" : 'built-in'),
          level: entry.origin === 'enforced' ? 'enforced' : entry.origin === 'policy-default' ? 'defaults' : null,
          message: userText('policy.problem.unencrypted', {
            key,
            scheme: entry.value.split(':')[0] ?? '',
            secureScheme: key === 'crmSyncUrl' ? 'https' : 'wss',
          }),
        });
        entries[key] = { key, value: null, origin: 'built-in', locked: entry.locked, source: entry.source };
      }
    }
  }

  for (const { key, source, level, reason } of pending) {
    const used = entries[key];
    const fallback = used.origin === 'built-in' && used.value === null ? userText('policy.fallback.unset') : FALLBACK[used.origin];
    problems.push({ key, source, level, message: userText('policy.problem.invalidValue', { key, source, level, reason, fallback }) });
  }

  const values = Object.fromEntries(POLICY_KEY_NAMES.map((key) => [key, entries[key].value])) as PolicyValues;
  return { values, entries, problems, sources: readings.map((r) => r.source) };
}

/** With "Did you mean sipDomain?" for a key written in another case or as the registry name. */
function unknownKeyText(key: string, source: string, level: PolicyLevel): UserText {
  const lower = key.toLowerCase();
  const suggestion = POLICY_KEY_NAMES.find((name) => name.toLowerCase() === lower);
  return suggestion
    ? userText('policy.problem.unknownKeyDidYouMean', { key, source, level, suggestion })
    : userText('policy.problem.unknownKey', { key, source, level });
}

/** The value as the renderer may see it: secrets reduced to whether they are set. */
export function publicValue(key: PolicyKey, value: unknown): unknown {
  if (POLICY_KEYS[key].secret) return value === null || value === undefined ? null : '(set)';
  return value;
}
