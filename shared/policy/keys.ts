/**
 * Every setting IT can manage by policy: its name, what it means, the type of value it takes and
 * the value a fresh install uses. The same names are used in every policy source:
 *
 * - policy.json (Linux /etc/switchboard, beside the install on every OS): `{ "defaults": { name: value }, "enforced": { ... } }`
 * - Windows registry: `Software\Policies\Switchboard` values are enforced, `...\Switchboard\Recommended` are defaults;
 *   the value name is the key name with a capital first letter (`sipDomain` → `SipDomain`).
 * - macOS managed preferences (com.switchboard.app): top-level keys are enforced, the `Recommended` dictionary holds defaults.
 *
 * Layering (lowest first): built-in defaults < policy defaults < the agent's own settings < policy enforced.
 * The keys are defined per section in shared/policy/keys/ (their order here is the order of the
 * ADMX template and the docs); docs/deploy.md's key table is checked against them by
 * tests/unit/policy/docs.test.ts.
 */
import type { z } from 'zod';
import { PHONE_KEYS } from './keys/phone-keys';
import { CRM_KEYS } from './keys/crm-keys';
import { WORKFLOW_KEYS } from './keys/workflow-keys';
import { APP_KEYS } from './keys/app-keys';
import { SIGN_IN_KEYS } from './keys/sign-in-keys';
import { ALERT_KEYS } from './keys/alert-keys';
import { APPEARANCE_KEYS } from './keys/appearance-keys';

export {
  CRM_PULL_MAX_SECONDS,
  CRM_PULL_MIN_SECONDS,
  DO_NOT_CALL_OVERRIDE_MODES,
  POLICY_LOG_LEVELS,
  POLICY_SECTIONS,
  POLICY_VALUE_KINDS,
  STATUS_FEED_MAX_POLL_SECONDS,
  STATUS_FEED_MIN_POLL_SECONDS,
  UPDATE_CHANNELS,
} from './key-definition';
export type { PolicyKeyDefinition, PolicySection, PolicyValueKind } from './key-definition';
export { LANGUAGE_CHOICES, THEME_CHOICES, type LanguageChoice, type ThemeChoice } from './keys/appearance-keys';

export const POLICY_KEYS = {
  ...PHONE_KEYS,
  ...CRM_KEYS,
  ...WORKFLOW_KEYS,
  ...APP_KEYS,
  ...SIGN_IN_KEYS,
  ...ALERT_KEYS,
  ...APPEARANCE_KEYS,
} as const;

export type PolicyKey = keyof typeof POLICY_KEYS;
export const POLICY_KEY_NAMES = Object.keys(POLICY_KEYS) as PolicyKey[];
export type PolicyValue<K extends PolicyKey> = z.output<(typeof POLICY_KEYS)[K]['schema']>;
export type PolicyValues = { [K in PolicyKey]: PolicyValue<K> | null };

export function isPolicyKey(name: string): name is PolicyKey {
  return Object.prototype.hasOwnProperty.call(POLICY_KEYS, name);
}

/** `sipDomain` → `SipDomain`: the registry value name (and the ADMX valueName). */
export function registryValueName(key: PolicyKey): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** The registry key the policies live under, in HKLM and HKCU. */
export const REGISTRY_POLICY_PATH = 'Software\\Policies\\Switchboard';
/** Its subkey holding defaults the agent may change (the Chrome/Edge "Recommended" convention). */
export const REGISTRY_RECOMMENDED_SUBKEY = 'Recommended';
/** The macOS preference domain (managed preferences file name without .plist). */
export const MACOS_PREFERENCE_DOMAIN = 'com.switchboard.app';
/** The dictionary in the macOS managed preferences that holds defaults. */
export const MACOS_RECOMMENDED_KEY = 'Recommended';
