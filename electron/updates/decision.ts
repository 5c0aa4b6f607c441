import type { InstallKind } from './install-kind';

/** The update keys of IT policy (shared/policy/keys.ts: autoUpdate, updateChannel, updateUrl). */
export interface UpdatePolicy {
  autoUpdate: boolean;
  updateChannel: 'stable' | 'beta';
  updateUrl: string | null;
}

export type UpdateDecision =
  | { enabled: true; feedUrl: string; channel: 'latest' | 'beta'; allowPrerelease: boolean; reason: string }
  | { enabled: false; reason: string };

/** The placeholder feed in electron-builder.yml: never a real server. */
const PLACEHOLDER_HOST = /\.invalid$/i;

/**
 * Whether this copy updates itself, and from where. Pure: tested without Electron.
 *  - development builds, MSI installs (IT updates those with msiexec/GPO/Intune), portable copies and
 *    deb/rpm packages (the system's package manager updates those) never self-update;
 *  - otherwise policy decides: autoUpdate false turns it off; no https update URL means no checks.
 */
export function decideUpdates(installKind: InstallKind, policy: UpdatePolicy): UpdateDecision {
  switch (installKind) {
    case 'development':
      return { enabled: false, reason: 'a development build does not update itself' };
    case 'msi':
      return { enabled: false, reason: 'installed by the MSI: updates come from your IT department (msiexec, Group Policy or Intune)' };
    case 'portable':
      return { enabled: false, reason: 'not installed by the Switchboard installer (unpacked copy): it cannot update itself' };
    case 'deb':
    case 'rpm':
      return { enabled: false, reason: `installed as a ${installKind} package: the system's package manager updates it` };
    case 'linux-unknown':
      return { enabled: false, reason: 'not an AppImage, deb or rpm install: it cannot update itself' };
    case 'nsis':
    case 'mac':
    case 'appimage':
      break;
  }
  if (!policy.autoUpdate) return { enabled: false, reason: 'automatic updates are turned off by IT policy' };
  if (!policy.updateUrl) return { enabled: false, reason: 'no update server is set (policy key updateUrl)' };
  let url: URL;
  try {
    url = new URL(policy.updateUrl);
  } catch {
    return { enabled: false, reason: 'the update server address is not a valid URL' };
  }
  if (url.protocol !== 'https:') return { enabled: false, reason: 'the update server must use https://' };
  if (url.username || url.password) return { enabled: false, reason: 'the update server address must not embed credentials' };
  if (PLACEHOLDER_HOST.test(url.hostname))
    return { enabled: false, reason: 'the update server is the built-in placeholder; IT has not set one' };
  const channel = policy.updateChannel === 'beta' ? 'beta' : 'latest';
  return {
    enabled: true,
    feedUrl: url.toString(),
    channel,
    allowPrerelease: channel === 'beta',
    reason: `checking ${url.host} for ${policy.updateChannel} releases`,
  };
}

/** Hours between update checks while the app runs. */
export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/** The update keys out of the effective policy values (null: the key is not set anywhere). */
export function updatePolicyFrom(values: {
  autoUpdate?: boolean | null;
  updateChannel?: string | null;
  updateUrl?: string | null;
}): UpdatePolicy {
  return {
    autoUpdate: values.autoUpdate ?? true,
    updateChannel: values.updateChannel === 'beta' ? 'beta' : 'stable',
    updateUrl: values.updateUrl ?? null,
  };
}
