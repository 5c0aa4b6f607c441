/**
 * Settings: the Tools menu opens <SettingsDialog />; main.tsx calls bindSettings(client) at
 * start-up (it applies the theme and language and turns IT policy problems into notices).
 */
export { SettingsDialog } from './SettingsDialog';
export { bindSettings, useSettings } from './settings-state';
