import type { RenderProcessGoneDetails, WebContents } from 'electron';
import type { Logger } from '../logging/logger';

export interface RendererWatchOptions {
  log: Logger;
  /** Clock for the rate limit (ms). */
  now?: () => number;
  /** At most this many automatic reloads within `windowMs`; after that the agent is asked. */
  maxReloads?: number;
  windowMs?: number;
  /**
   * Tells the agent the window keeps failing and asks whether to reload it again; resolves true to
   * reload. Must not block main (an async message box): calls and sync carry on meanwhile.
   */
  askToReload: (message: string) => Promise<boolean>;
}

export const GIVE_UP_MESSAGE =
  'The Switchboard window stopped working several times in a minute. Calls stay connected, but you cannot hear or control them until the window is back. Reload it now? If this repeats, restart Switchboard and contact IT.';

/**
 * Brings the window back when its renderer crashes or hangs. The renderer is the call's media
 * engine: while it is gone the agent hears nothing. A reload is what a manual reload does: the new
 * page announces its media engine and main restores each live call's media (ipc-transport drops
 * the old link on 'render-process-gone'). Rate-limited, so a page that crashes as soon as it loads
 * does not reload forever; past the limit the agent decides.
 */
export function watchRenderer(
  contents: Pick<WebContents, 'on' | 'reload' | 'forcefullyCrashRenderer' | 'isDestroyed'>,
  options: RendererWatchOptions,
): void {
  const now = options.now ?? Date.now;
  const maxReloads = options.maxReloads ?? 3;
  const windowMs = options.windowMs ?? 60_000;
  const reloads: number[] = [];
  let asking = false;
  // We crash a hung renderer ourselves and reload it at once; the 'render-process-gone' that
  // follows is that crash, not a new one to recover from.
  let ownCrash = false;

  const recover = (why: string): void => {
    if (contents.isDestroyed() || asking) return;
    const at = now();
    while (reloads.length > 0 && (reloads[0] as number) <= at - windowMs) reloads.shift();
    if (reloads.length >= maxReloads) {
      options.log.error('renderer keeps failing; asking the agent', { why, reloads: reloads.length });
      asking = true;
      void options.askToReload(GIVE_UP_MESSAGE).then(
        (again) => {
          asking = false;
          if (!again || contents.isDestroyed()) return;
          reloads.length = 0;
          contents.reload();
        },
        () => {
          asking = false;
        },
      );
      return;
    }
    reloads.push(at);
    options.log.warn('reloading the window', { why });
    contents.reload();
  };

  contents.on('render-process-gone', (_event: unknown, details: RenderProcessGoneDetails) => {
    if (ownCrash) {
      ownCrash = false;
      return;
    }
    // A clean exit is the window closing or the app quitting: nothing to bring back.
    if (details.reason === 'clean-exit') return;
    recover(details.reason);
  });
  contents.on('unresponsive', () => {
    if (contents.isDestroyed() || asking) return;
    // A hung renderer does not reload by itself: end its process first (Electron's documented way).
    ownCrash = true;
    contents.forcefullyCrashRenderer();
    recover('unresponsive');
  });
  contents.on('did-finish-load', () => {
    ownCrash = false;
  });
}
