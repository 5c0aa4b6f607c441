import path from 'node:path';
import { rendererJsFlagsSwitch } from '../core/renderer-js-flags';

/**
 * The web shell's own window: Chromium in app mode (`--app=`) with a profile kept in the data
 * folder, so microphone permission and device choices are remembered.
 */
export function appWindowArgs(url: string, dataDir: string, runningAsRoot: boolean): string[] {
  const args = [
    `--app=${url}`,
    `--user-data-dir=${path.join(dataDir, 'web-shell-browser')}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // An incoming call must ring even if the agent has not clicked in the window since it opened
    // (Chromium's autoplay policy; Electron's window does not apply it).
    '--autoplay-policy=no-user-gesture-required',
    rendererJsFlagsSwitch(),
  ];
  // Chromium will not start as root without this; its own sandbox cannot work there.
  if (runningAsRoot) args.push('--no-sandbox');
  return args;
}
