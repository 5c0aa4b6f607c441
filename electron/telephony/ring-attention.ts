import type { PlatformServices, TextNotification } from '../core/platform-services';
import type { Logger } from '../logging/logger';

/**
 * How an incoming call asks for the agent's attention outside the app's own ring (the ringtone,
 * the phone bar, the web page's title): an OS notification and raising the window. Both only when
 * the window is not already in front of the agent: taking focus from an agent typing notes in the
 * app, or a notification on top of the ringing call they are looking at, gets in the way.
 */

/** What the host knows of the app's window: 'unknown' when it cannot tell (a host without `windowFocused`). */
export type RingWindowState = 'focused' | 'unfocused' | 'unknown';

export interface RingAttention {
  /** Show the "Incoming call" notification (clicking it brings the window forward). */
  notify: boolean;
  /** Raise and focus the window now. */
  focus: boolean;
}

/**
 * The decision. A window the host cannot judge counts as not in front: a notification too many is
 * better than a call the agent never saw. `focusOnRing` (policy) off keeps the notification: it is
 * how the agent still learns of the call without losing what they are typing in.
 */
export function ringAttention(input: { windowState: RingWindowState; focusOnRing: boolean }): RingAttention {
  if (input.windowState === 'focused') return { notify: false, focus: false };
  return { notify: true, focus: input.focusOnRing };
}

/** The host's answer, as the decision takes it. A host that throws is treated as one that cannot tell. */
export function windowStateOf(platform: Pick<PlatformServices, 'windowFocused'>): RingWindowState {
  if (!platform.windowFocused) return 'unknown';
  try {
    return platform.windowFocused() ? 'focused' : 'unfocused';
  } catch {
    return 'unknown';
  }
}

/**
 * Asks the host for the attention the decision allows for one ringing call. The log line carries
 * the decision only (no caller), so IT can tell why a notification did or did not show.
 */
export function drawRingAttention(
  platform: Pick<PlatformServices, 'notify' | 'focusWindow' | 'windowFocused'>,
  ring: { callId: string; notification: TextNotification; focusOnRing: boolean },
  log: Logger,
): RingAttention {
  const windowState = windowStateOf(platform);
  const attention = ringAttention({ windowState, focusOnRing: ring.focusOnRing });
  log.info('ring attention', { callId: ring.callId, window: windowState, notify: attention.notify, focus: attention.focus });
  if (attention.notify) platform.notify(ring.notification);
  if (attention.focus) platform.focusWindow();
  return attention;
}
