import { networkInterfaces } from 'node:os';
import type { HostKind } from '../../shared/bridge/commands';
import { TypedEmitter } from '../../shared/events/typed-emitter';
import type { UserText } from '../../shared/text/user-text';
import { MainLanguage } from './main-language';

/** An OS notification as main composes it: a key and values the host shows in the agent's language. */
export interface TextNotification {
  title: UserText;
  body: UserText;
  /** Replaces an earlier notification with the same tag. */
  tag?: string;
}

/**
 * What the core needs from whichever host runs it. Electron implements this in
 * electron/platform/; the web shell in electron/web-shell/. The core never
 * imports either, so it runs and is tested in plain Node.
 */
export interface PlatformServices {
  readonly host: HostKind;
  /** Brings the agent's window to the front, e.g. when a call rings. */
  focusWindow(): void;
  /** An OS notification, shown in `language`'s language; `tag` replaces an earlier one with the same tag. */
  notify(notification: TextNotification): void;
  /**
   * The language of the text the host shows itself (notifications). The core has it follow the
   * agent's setting; the web shell's page reports its browser's languages to it. Left out by a host
   * that shows no text of its own.
   */
  readonly language?: MainLanguage;
  /**
   * Whether the agent's window is in front of them: shown, not minimized and focused. Left out by a
   * host that cannot tell; then a ringing call notifies as if it were not (electron/telephony/ring-attention.ts).
   */
  windowFocused?(): boolean;
  /** A host that cannot ask the OS learns it from the page (`app.windowFocus`, the web shell). */
  reportWindowFocus?(focused: boolean): void;
  /** The machine woke from sleep (connections may be dead). Returns an unsubscribe. */
  onResume?(listener: () => void): () => void;
  /** The machine is going to sleep. Returns an unsubscribe. */
  onSuspend?(listener: () => void): () => void;
  /** Network interfaces or addresses changed (Wi-Fi switch, VPN up/down). Returns an unsubscribe. */
  onNetworkChange?(listener: () => void): () => void;
}

/**
 * Wake-up and network-change detection in plain Node, for hosts without an OS
 * power API (the web shell) and for network changes everywhere (Electron has
 * no network event in main). A timer that fires far later than scheduled
 * means the machine slept; a different set of interface addresses means the
 * network changed.
 */
export function watchNodeSystemEvents(options: { intervalMs?: number; onResume(): void; onNetworkChange(): void }): () => void {
  const intervalMs = options.intervalMs ?? 5_000;
  let last = Date.now();
  let addresses = addressSignature();
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - last > intervalMs * 3) options.onResume();
    last = now;
    const current = addressSignature();
    if (current !== addresses) {
      addresses = current;
      options.onNetworkChange();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function addressSignature(): string {
  return Object.entries(networkInterfaces())
    .flatMap(([name, list]) => (list ?? []).filter((a) => !a.internal).map((a) => `${name}/${a.address}`))
    .sort()
    .join(',');
}

/** Fans one source of system events out to many subscribers (what a PlatformServices hook needs). */
export function createSystemEventHub(): {
  onResume: (listener: () => void) => () => void;
  onSuspend: (listener: () => void) => () => void;
  onNetworkChange: (listener: () => void) => () => void;
  emit: (event: 'resume' | 'suspend' | 'network') => void;
} {
  // The hub has no logger: a failing subscriber is reported on stderr by its error's name only (no data).
  const events = new TypedEmitter<{ resume: undefined; suspend: undefined; network: undefined }>((event, error) =>
    console.error('system event listener failed', event, error instanceof Error ? error.name : typeof error),
  );
  return {
    onResume: (listener) => events.on('resume', listener),
    onSuspend: (listener) => events.on('suspend', listener),
    onNetworkChange: (listener) => events.on('network', listener),
    emit: (event) => events.emit(event, undefined),
  };
}

/**
 * For tests and headless runs: records what would have been shown, in `language`'s language
 * (English unless a test sets one); `emitSystemEvent` plays the OS.
 */
export function createRecordingPlatform(host: HostKind = 'web'): PlatformServices & {
  readonly language: MainLanguage;
  notifications: { title: string; body: string; tag?: string }[];
  focusCount: number;
  /** What `windowFocused` answers; false (the window is behind another) unless a test says otherwise. */
  focused: boolean;
  emitSystemEvent(event: 'resume' | 'suspend' | 'network'): void;
} {
  const hub = createSystemEventHub();
  const language = new MainLanguage();
  const platform = {
    host,
    language,
    notifications: [] as { title: string; body: string; tag?: string }[],
    focusCount: 0,
    focused: false,
    focusWindow() {
      platform.focusCount += 1;
    },
    windowFocused() {
      return platform.focused;
    },
    reportWindowFocus(focused: boolean) {
      platform.focused = focused;
    },
    notify({ title, body, tag }: TextNotification) {
      platform.notifications.push({ title: language.show(title), body: language.show(body), ...(tag === undefined ? {} : { tag }) });
    },
    onResume: hub.onResume,
    onSuspend: hub.onSuspend,
    onNetworkChange: hub.onNetworkChange,
    emitSystemEvent: hub.emit,
  };
  return platform;
}
