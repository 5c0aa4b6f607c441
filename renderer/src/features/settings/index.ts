/**
 * Settings: place <SettingsButton /> at the header-actions slot and call
 * bindSettings(client) at start-up (it also turns IT policy problems into notices).
 */
export { SettingsButton } from './SettingsButton';
export { bindSettings, useSettings } from './settings-state';
