import { silentLogger, type Logger } from '../../electron/logging/logger';
import { SettingsService } from '../../electron/settings/settings-service';
import type { PolicySourceReading } from '../../shared/policy/resolve';

/** One policy source's defaults and enforced values, as a source reader hands them over. */
export function policyReading(
  defaults: Record<string, unknown>,
  enforced: Record<string, unknown> = {},
  source = '/etc/switchboard/policy.json',
): PolicySourceReading {
  return { source, defaults, enforced, problems: [] };
}

/** The settings owner as the hosts open it: over these policy readings (each one found) and the files in `dataDir`. */
export function openSettings(dataDir: string, readings: readonly PolicySourceReading[] = [], log: Logger = silentLogger): SettingsService {
  return SettingsService.open({ dataDir, log, policy: { readings, checked: readings.map((r) => ({ source: r.source, found: true })) } });
}
