import type { HostKind } from '../../shared/bridge/commands';

/**
 * What the core needs from whichever host runs it. Electron implements this in
 * electron/platform/; the web shell in electron/web-shell/. The core never
 * imports either, so it runs and is tested in plain Node.
 */
export interface PlatformServices {
  readonly host: HostKind;
  /** Brings the agent's window to the front, e.g. when a call rings. */
  focusWindow(): void;
  /** An OS notification; `tag` replaces an earlier one with the same tag. */
  notify(notification: { title: string; body: string; tag?: string }): void;
}

/** For tests and headless runs: records what would have been shown. */
export function createRecordingPlatform(host: HostKind = 'web'): PlatformServices & {
  notifications: { title: string; body: string; tag?: string }[];
  focusCount: number;
} {
  const platform = {
    host,
    notifications: [] as { title: string; body: string; tag?: string }[],
    focusCount: 0,
    focusWindow() {
      platform.focusCount += 1;
    },
    notify(n: { title: string; body: string; tag?: string }) {
      platform.notifications.push(n);
    },
  };
  return platform;
}
